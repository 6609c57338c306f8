"""Sessions: the one "when and where" table every check, page, feed and booklet reads."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import STATUS_LENGTH
from festival.models.base import Model
from festival.models.festival import KEY_LENGTH, Festival
from festival.models.types import StrEnumColumn, UTCDateTime
from festival.vocabulary import SessionStatus, sql_in

if TYPE_CHECKING:
    from festival.models.event import Event
    from festival.models.venue import Occupation, Venue


class Session(Model):
    __tablename__ = "session"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint(sql_in("status", SessionStatus), name="known_status"),
        Index("ix_session_festival_starts", "festival_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venue.id", ondelete="RESTRICT"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[SessionStatus] = mapped_column(
        StrEnumColumn(SessionStatus, STATUS_LENGTH), default=SessionStatus.CONFIRMED
    )
    # Raised on every change a calendar subscriber sees (time, venue, status, title).
    sequence: Mapped[int] = mapped_column(default=0)
    # Raised on every change to the row, whoever makes it (SQLAlchemy's version counter): an
    # edit form sends the version it showed, and a save that someone else's overtook is refused.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    festival: Mapped[Festival] = relationship(back_populates="sessions")
    event: Mapped[Event] = relationship(back_populates="sessions")
    venue: Mapped[Venue] = relationship(back_populates="sessions")
    occupation: Mapped[Occupation | None] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    def __repr__(self) -> str:
        return f"<Session {self.key}>"
