"""The festival and its partner cities."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import (
    COUNTRY_LENGTH,
    KEY_LENGTH,
    LONG_NAME_LENGTH,
    NAME_LENGTH,
    TIMEZONE_LENGTH,
)
from festival.models.base import Model
from festival.models.types import UTCDateTime

if TYPE_CHECKING:
    from festival.models.delegation import Delegation, Hotel
    from festival.models.event import Event
    from festival.models.logistics import Interpreter, InterpreterAssignment, Transfer, Vehicle
    from festival.models.session import Session
    from festival.models.venue import Venue, VenueHold


class Festival(Model):
    __tablename__ = "festival"
    # Ids are never reused (SQLite would reuse the highest after a delete): caches key on
    # (id, version), and a festival imported again starts at version 1.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(KEY_LENGTH), unique=True)
    name: Mapped[str] = mapped_column(String(LONG_NAME_LENGTH))
    host_city: Mapped[str] = mapped_column(String(NAME_LENGTH))
    country: Mapped[str | None] = mapped_column(String(COUNTRY_LENGTH))
    timezone: Mapped[str] = mapped_column(String(TIMEZONE_LENGTH))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    # {lang: {"name", "host_city", "description"}}: the festival as named in that language.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    published: Mapped[bool] = mapped_column(default=True)
    # Raised on every change to anything of this festival: caches of feeds and booklets key on it.
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    partner_cities: Mapped[list[PartnerCity]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="PartnerCity.position"
    )
    venues: Mapped[list[Venue]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Venue.position"
    )
    hotels: Mapped[list[Hotel]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Hotel.position"
    )
    delegations: Mapped[list[Delegation]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Delegation.position"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Event.position"
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", viewonly=True
    )
    venue_holds: Mapped[list[VenueHold]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="VenueHold.position"
    )
    vehicles: Mapped[list[Vehicle]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Vehicle.position"
    )
    interpreters: Mapped[list[Interpreter]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Interpreter.position"
    )
    transfers: Mapped[list[Transfer]] = relationship(
        back_populates="festival", cascade="all, delete-orphan", order_by="Transfer.position"
    )
    interpreter_assignments: Mapped[list[InterpreterAssignment]] = relationship(
        back_populates="festival",
        cascade="all, delete-orphan",
        order_by="InterpreterAssignment.position",
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def touch(self, now: datetime) -> None:
        """Record a change: raises ``version`` so every cached output of this festival expires."""
        self.version = (self.version or 0) + 1
        self.updated_at = now

    def __repr__(self) -> str:
        return f"<Festival {self.slug}>"


class PartnerCity(Model):
    __tablename__ = "partner_city"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    local_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    country: Mapped[str | None] = mapped_column(String(COUNTRY_LENGTH))
    timezone: Mapped[str | None] = mapped_column(String(TIMEZONE_LENGTH))
    twinned_since: Mapped[int | None]

    festival: Mapped[Festival] = relationship(back_populates="partner_cities")

    def __repr__(self) -> str:
        return f"<PartnerCity {self.key}>"
