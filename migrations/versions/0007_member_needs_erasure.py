"""member needs (venue equipment a member requires) and erased_at (personal data erased)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    # Existing members need nothing and were never erased. The server default stays (as in
    # 0006): dropping it would make SQLite copy the table.
    op.add_column(
        "member", sa.Column("needs", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
    )
    op.add_column("member", sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("needs")
