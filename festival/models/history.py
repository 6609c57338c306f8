"""The change history: one row per change to a festival, whichever way it came in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.models.base import Model
from festival.models.festival import Festival
from festival.models.types import UTCDateTime
from festival.models.user import User

# A member's key is "DELEGATION/MEMBER": two keys and a slash.
ENTITY_KEY_LENGTH = 160


class Change(Model):
    """One change: when, who, which entity, and the changed fields before and after.

    ``before`` is None for a created entity and ``after`` None for a deleted one; otherwise
    both hold the changed fields only, as JSON values (times as ISO 8601 in UTC). An import
    is one row of kind ``import`` whose ``after`` lists what it created, updated and deleted
    (``{"created": {kind: [key, ...]}, ...}``); ``ChangeItem`` rows make it findable from
    each entity it touched.

    The history belongs to its festival: deleting the festival deletes its history (and
    with it every personal datum the history held). A deleted user keeps their entries,
    named by ``actor_label``, the e-mail they had at the time.
    """

    __tablename__ = "change"
    __table_args__ = (
        Index("ix_change_festival_at", "festival_id", "at", "id"),
        Index("ix_change_festival_entity", "festival_id", "kind", "key", "at"),
        Index("ix_change_festival_actor", "festival_id", "actor_label", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The user's e-mail at the time, or the command ("festival import").
    actor_label: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(ENTITY_KEY_LENGTH))
    # SQL NULL, not JSON null, so "created" and "deleted" entries are found with IS NULL.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    summary: Mapped[str] = mapped_column(Text, default="")

    festival: Mapped[Festival] = relationship()
    actor_user: Mapped[User | None] = relationship()
    items: Mapped[list[ChangeItem]] = relationship(
        back_populates="change", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Change {self.id} {self.kind} {self.key}>"


class ChangeItem(Model):
    """An entity that a many-entity change (an import) touched: ``action`` is ``created``,
    ``updated`` or ``deleted``. The per-entity history finds the import through it."""

    __tablename__ = "change_item"
    __table_args__ = (
        Index("ix_change_item_entity", "festival_id", "kind", "key"),
        CheckConstraint("action IN ('created', 'updated', 'deleted')", name="known_action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    # Repeated from the change so the entity lookup is one index seek.
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(ENTITY_KEY_LENGTH))
    action: Mapped[str] = mapped_column(String(16))

    change: Mapped[Change] = relationship(back_populates="items")
