"""festival translations: the festival's name, host city and description per language

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 21:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    # Existing festivals have no translations: the server default fills their rows, then goes,
    # so the column matches the model (which always writes a value).
    with op.batch_alter_table("festival", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("translations", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    with op.batch_alter_table("festival", schema=None) as batch_op:
        batch_op.alter_column("translations", server_default=None)


def downgrade():
    with op.batch_alter_table("festival", schema=None) as batch_op:
        batch_op.drop_column("translations")
