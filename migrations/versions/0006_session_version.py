"""session version: a counter raised on every change, for edits that someone else's overtook

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
# Written after 0003; follows the users (0004) and history (0005) migrations since the merge.
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # Existing sessions start at version 1. The server default stays: dropping it would make
    # SQLite copy the table, and dropping the old copy would cascade to its occupations.
    op.add_column(
        "session", sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
    )


def downgrade():
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_column("version")
