"""Venues, holds on them, and the occupation rows the database keeps exclusive."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    DDL,
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import NAME_LENGTH
from festival.extensions import db
from festival.models.base import Model
from festival.models.festival import KEY_LENGTH, Festival
from festival.models.types import UTCDateTime

if TYPE_CHECKING:
    from festival.models.session import Session


class Venue(Model):
    __tablename__ = "venue"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "setup_minutes >= 0 AND teardown_minutes >= 0", name="buffers_not_negative"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    local_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None]
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    setup_minutes: Mapped[int] = mapped_column(default=0)
    teardown_minutes: Mapped[int] = mapped_column(default=0)
    shared: Mapped[bool] = mapped_column(default=False)
    # None: always open; else {"mon": "09:00-21:00", ...}, a day not listed is closed.
    opening_hours: Mapped[dict[str, str] | None] = mapped_column(JSON)
    accessibility: Mapped[str] = mapped_column(Text, default="")

    festival: Mapped[Festival] = relationship(back_populates="venues")
    sessions: Mapped[list[Session]] = relationship(back_populates="venue", viewonly=True)

    @property
    def setup(self) -> timedelta:
        return timedelta(minutes=self.setup_minutes)

    @property
    def teardown(self) -> timedelta:
        return timedelta(minutes=self.teardown_minutes)

    def __repr__(self) -> str:
        return f"<Venue {self.key}>"


class VenueHold(Model):
    """The venue is blocked (build-up, a private booking): it counts as a session for clashes."""

    __tablename__ = "venue_hold"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")

    festival: Mapped[Festival] = relationship(back_populates="venue_holds")
    venue: Mapped[Venue] = relationship()
    occupation: Mapped[Occupation | None] = relationship(
        back_populates="hold", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<VenueHold {self.key}>"


class Occupation(Model):
    """The time a session or a hold takes a venue, buffers included.

    One table for both, so the database itself can refuse two exclusive occupations of one
    venue that overlap: an exclusion constraint on PostgreSQL, a trigger on SQLite. Rows are
    written only by the services, which keep them equal to what the rules compute.
    """

    __tablename__ = "occupation"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("(session_id IS NULL) <> (hold_id IS NULL)", name="exactly_one_owner"),
        Index("ix_occupation_venue_span", "venue_id", "starts_at", "ends_at"),
        ExcludeConstraint(
            ("venue_id", "="),
            (func.tstzrange(db.column("starts_at"), db.column("ends_at"), "[)"), "&&"),
            name="occupation_no_overlap",
            using="gist",
            where="exclusive",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(
        ForeignKey("festival.id", ondelete="CASCADE"), index=True
    )
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), unique=True
    )
    hold_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue_hold.id", ondelete="CASCADE"), unique=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # False for cancelled sessions and shared venues: they take no exclusive slot.
    exclusive: Mapped[bool] = mapped_column(default=True)

    session: Mapped[Session | None] = relationship(back_populates="occupation")
    hold: Mapped[VenueHold | None] = relationship(back_populates="occupation")


# SQLite has no exclusion constraints: this trigger is the backstop behind the services'
# check, which runs inside a BEGIN IMMEDIATE transaction (see festival.database).
SQLITE_OVERLAP_TRIGGERS = [
    f"""
CREATE TRIGGER IF NOT EXISTS occupation_no_overlap_{verb.lower()}
BEFORE {verb} ON occupation
FOR EACH ROW WHEN NEW.exclusive
BEGIN
    SELECT RAISE(ABORT, 'occupation_no_overlap: venue-double-booking')
    WHERE EXISTS (
        SELECT 1 FROM occupation AS o
        WHERE o.venue_id = NEW.venue_id AND o.exclusive AND o.id IS NOT NEW.id
          AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at
    );
END
"""
    for verb in ("INSERT", "UPDATE")
]

for _sql in SQLITE_OVERLAP_TRIGGERS:
    event.listen(Occupation.__table__, "after_create", DDL(_sql).execute_if(dialect="sqlite"))

event.listen(
    Occupation.__table__,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS btree_gist").execute_if(dialect="postgresql"),
)
