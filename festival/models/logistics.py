"""Logistics: vehicles, interpreters, transfers and interpreter assignments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import NAME_LENGTH, PHONE_LENGTH
from festival.extensions import db
from festival.models.base import Model
from festival.models.delegation import Delegation
from festival.models.festival import KEY_LENGTH, Festival
from festival.models.session import Session
from festival.models.types import UTCDateTime

transfer_delegation = Table(
    "transfer_delegation",
    db.metadata,
    Column("transfer_id", ForeignKey("transfer.id", ondelete="CASCADE"), primary_key=True),
    Column("delegation_id", ForeignKey("delegation.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_transfer_delegation_delegation", "delegation_id"),
)


class Vehicle(Model):
    __tablename__ = "vehicle"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint("seats IS NULL OR seats >= 0", name="seats_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    seats: Mapped[int | None]
    driver: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), default="")

    festival: Mapped[Festival] = relationship(back_populates="vehicles")


class Interpreter(Model):
    __tablename__ = "interpreter"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), default="")

    festival: Mapped[Festival] = relationship(back_populates="interpreters")


class Transfer(Model):
    __tablename__ = "transfer"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    vehicle_id: Mapped[int | None] = mapped_column(
        ForeignKey("vehicle.id", ondelete="SET NULL"), index=True
    )
    # A place is free text: an airport or station code, or a hotel or venue key.
    from_place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    to_place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    festival: Mapped[Festival] = relationship(back_populates="transfers")
    vehicle: Mapped[Vehicle | None] = relationship()
    delegations: Mapped[list[Delegation]] = relationship(
        secondary=transfer_delegation, order_by=transfer_delegation.c.position
    )


class InterpreterAssignment(Model):
    """An interpreter for a delegation, for one session's times or for times of its own."""

    __tablename__ = "interpreter_assignment"
    __table_args__ = (
        UniqueConstraint("festival_id", "key"),
        CheckConstraint(
            "session_id IS NOT NULL OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)",
            name="session_or_times",
        ),
        CheckConstraint(
            "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    interpreter_id: Mapped[int] = mapped_column(
        ForeignKey("interpreter.id", ondelete="CASCADE"), index=True
    )
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    festival: Mapped[Festival] = relationship(back_populates="interpreter_assignments")
    interpreter: Mapped[Interpreter] = relationship()
    delegation: Mapped[Delegation | None] = relationship()
    session: Mapped[Session | None] = relationship()
