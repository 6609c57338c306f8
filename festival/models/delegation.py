"""Hotels, delegations from partner cities, and their members."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.datafile.document import (
    DIETARY_LENGTH,
    EMAIL_LENGTH,
    LANGUAGE_LENGTH,
    LONG_NAME_LENGTH,
    NAME_LENGTH,
    PHONE_LENGTH,
    REFERENCE_LENGTH,
    ROLE_LENGTH,
    ROOM_LENGTH,
    TRANSPORT_LENGTH,
)
from festival.models.base import Model
from festival.models.event import event_delegation
from festival.models.festival import KEY_LENGTH, Festival, PartnerCity
from festival.models.types import UTCDateTime

if TYPE_CHECKING:
    from festival.models.event import Event


def new_token() -> str:
    """A delegation's feed secret: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class Hotel(Model):
    __tablename__ = "hotel"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    festival: Mapped[Festival] = relationship(back_populates="hotels")

    def __repr__(self) -> str:
        return f"<Hotel {self.key}>"


class Delegation(Model):
    __tablename__ = "delegation"
    __table_args__ = (UniqueConstraint("festival_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    festival_id: Mapped[int] = mapped_column(ForeignKey("festival.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    partner_city_id: Mapped[int] = mapped_column(
        ForeignKey("partner_city.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(LONG_NAME_LENGTH), default="")
    contact_email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), default="")
    # The language the delegation reads its itinerary in (BCP 47); empty: the festival's first.
    language: Mapped[str] = mapped_column(String(LANGUAGE_LENGTH), default="")
    hotel_id: Mapped[int | None] = mapped_column(ForeignKey("hotel.id", ondelete="SET NULL"))
    arrival_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    arrival_transport: Mapped[str] = mapped_column(String(TRANSPORT_LENGTH), default="")
    arrival_reference: Mapped[str] = mapped_column(String(REFERENCE_LENGTH), default="")
    arrival_place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    departure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    departure_transport: Mapped[str] = mapped_column(String(TRANSPORT_LENGTH), default="")
    departure_reference: Mapped[str] = mapped_column(String(REFERENCE_LENGTH), default="")
    departure_place: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    # The host's liaison officer for this delegation: printed on its itinerary.
    liaison_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    liaison_phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), default="")
    liaison_email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), default="")
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


class Member(Model):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("delegation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    role: Mapped[str] = mapped_column(String(ROLE_LENGTH), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Special-category personal data (religion, health): never on a feed or a public page.
    dietary: Mapped[str] = mapped_column(String(DIETARY_LENGTH), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(EMAIL_LENGTH), default="")
    phone: Mapped[str] = mapped_column(String(PHONE_LENGTH), default="")
    room: Mapped[str] = mapped_column(String(ROOM_LENGTH), default="")
    # What a venue must offer for this member, in the vocabulary of venue equipment.
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    hotel_id: Mapped[int | None] = mapped_column(ForeignKey("hotel.id", ondelete="SET NULL"))
    # When the member's personal data was erased (festival erase-member); None: never.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    hotel: Mapped[Hotel | None] = relationship()

    def __repr__(self) -> str:
        return f"<Member {self.key}>"
