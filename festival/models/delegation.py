"""Hotels, delegations from partner cities, and their members."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.extensions import db
from festival.models.event import event_delegation
from festival.models.festival import KEY_LENGTH, Festival, PartnerCity
from festival.models.types import UTCDateTime

if TYPE_CHECKING:
    from festival.models.event import Event


def new_token() -> str:
    """A delegation's feed secret: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class Hotel(db.Model):
    __tablename__ = "hotel"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    festival: Mapped[Festival] = relationship(back_populates="hotels")

    def __repr__(self) -> str:
        return f"<Hotel {self.key}>"


class Delegation(db.Model):
    __tablename__ = "delegation"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    partner_city_id: Mapped[int] = mapped_column(
        ForeignKey("partner_city.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(300), default="")
    contact_email: Mapped[str] = mapped_column(String(320), default="")
    # The language the delegation reads its itinerary in (BCP 47); empty: the festival's first.
    language: Mapped[str] = mapped_column(String(35), default="")
    hotel_id: Mapped[int | None] = mapped_column(ForeignKey("hotel.id", ondelete="SET NULL"))
    arrival_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    arrival_transport: Mapped[str] = mapped_column(String(32), default="")
    arrival_reference: Mapped[str] = mapped_column(String(64), default="")
    arrival_place: Mapped[str] = mapped_column(String(200), default="")
    departure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    departure_transport: Mapped[str] = mapped_column(String(32), default="")
    departure_reference: Mapped[str] = mapped_column(String(64), default="")
    departure_place: Mapped[str] = mapped_column(String(200), default="")
    # The host's liaison officer for this delegation: printed on its itinerary.
    liaison_name: Mapped[str] = mapped_column(String(200), default="")
    liaison_phone: Mapped[str] = mapped_column(String(64), default="")
    liaison_email: Mapped[str] = mapped_column(String(320), default="")
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)

    festival: Mapped[Festival] = relationship(back_populates="delegations")
    partner_city: Mapped[PartnerCity] = relationship()
    hotel: Mapped[Hotel | None] = relationship()
    members: Mapped[list[Member]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan", order_by="Member.position"
    )
    events: Mapped[list[Event]] = relationship(
        secondary=event_delegation, back_populates="delegations", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Delegation {self.key}>"


class Member(db.Model):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("delegation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Special-category personal data (religion, health): never on a feed or a public page.
    dietary: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    room: Mapped[str] = mapped_column(String(32), default="")
    hotel_id: Mapped[int | None] = mapped_column(ForeignKey("hotel.id", ondelete="SET NULL"))

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    hotel: Mapped[Hotel | None] = relationship()

    def __repr__(self) -> str:
        return f"<Member {self.key}>"
