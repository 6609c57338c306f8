"""change history: one row per change to a festival, and the entities an import touched

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01 21:52:57

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("festival_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=320), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["user_account.id"],
            name=op.f("fk_change_actor_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["festival_id"],
            ["festival.id"],
            name=op.f("fk_change_festival_id_festival"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_actor_user_id"), ["actor_user_id"])
        batch_op.create_index("ix_change_festival_actor", ["festival_id", "actor_label", "at"])
        batch_op.create_index("ix_change_festival_at", ["festival_id", "at", "id"])
        batch_op.create_index("ix_change_festival_entity", ["festival_id", "kind", "key", "at"])

    op.create_table(
        "change_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("festival_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "action IN ('created', 'updated', 'deleted')",
            name=op.f("ck_change_item_known_action"),
        ),
        sa.ForeignKeyConstraint(
            ["change_id"],
            ["change.id"],
            name=op.f("fk_change_item_change_id_change"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["festival_id"],
            ["festival.id"],
            name=op.f("fk_change_item_festival_id_festival"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_item")),
    )
    with op.batch_alter_table("change_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_item_change_id"), ["change_id"])
        batch_op.create_index("ix_change_item_entity", ["festival_id", "kind", "key"])


def downgrade():
    op.drop_table("change_item")
    op.drop_table("change")
