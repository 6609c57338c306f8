"""Events: what happens (an exhibition, a screening, a visit), apart from when and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import KIND_LENGTH, LANGUAGE_LENGTH, TITLE_LENGTH
from festival.extensions import db
from festival.models.base import Model
from festival.models.festival import KEY_LENGTH, Festival, PartnerCity
from festival.scheduling.spec import EVENT_KINDS

if TYPE_CHECKING:
    from festival.models.delegation import Delegation
    from festival.models.session import Session


event_partner_city = Table(
    "event_partner_city",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("partner_city_id", ForeignKey("partner_city.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)

event_delegation = Table(
    "event_delegation",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("delegation_id", ForeignKey("delegation.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_event_delegation_delegation", "delegation_id", "event_id"),
)


class Event(Model):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in EVENT_KINDS) + ")", name="known_kind"
        ),
        CheckConstraint(
            "expected_attendance IS NULL OR expected_attendance >= 0",
            name="attendance_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(LANGUAGE_LENGTH))
    public: Mapped[bool] = mapped_column(default=True)
    expected_attendance: Mapped[int | None]
    requires: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {"fa": {"title": ..., "description": ...}, ...}
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)

    festival: Mapped[Festival] = relationship(back_populates="events")
    sessions: Mapped[list[Session]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Session.position"
    )
    partner_cities: Mapped[list[PartnerCity]] = relationship(
        secondary=event_partner_city, order_by=event_partner_city.c.position
    )
    delegations: Mapped[list[Delegation]] = relationship(
        secondary=event_delegation,
        order_by=event_delegation.c.position,
        back_populates="events",
    )

    def __repr__(self) -> str:
        return f"<Event {self.key}>"
