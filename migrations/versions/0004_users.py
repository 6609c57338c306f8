"""users: deactivation, labelled API tokens with last use, pending imports, check counts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows get their value from a server default that then goes, so the columns
    # match the models (which always write a value).
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("active", server_default=None)

    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("label", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.alter_column("label", server_default=None)

    op.create_table(
        "pending_import",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_pending_import_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_import")),
    )
    with op.batch_alter_table("pending_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_import_user_id"), ["user_id"], unique=False)

    op.create_table(
        "festival_check",
        sa.Column("festival_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["festival_id"],
            ["festival.id"],
            name=op.f("fk_festival_check_festival_id_festival"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("festival_id", name=op.f("pk_festival_check")),
    )


def downgrade():
    op.drop_table("festival_check")
    with op.batch_alter_table("pending_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_import_user_id"))
    op.drop_table("pending_import")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("label")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("active")
