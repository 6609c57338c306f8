"""Write a stored festival back as a festival data file (``festival-data/1``).

The stored rows become the same typed ``Document`` the reader makes, written through the
declarations the reader walks (``festival.datafile.writer``): whatever import reads, export
writes, and import then export gives back the same data. One function per entity makes its
typed item, so the workspace reads one entity's stored state the same way (to merge a
partial change into it, to record it in the history).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from festival.datafile import document as file
from festival.datafile.writer import document_json
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    Interpreter,
    InterpreterAssignment,
    Member,
    PartnerCity,
    Session,
    Transfer,
    Vehicle,
    Venue,
    VenueHold,
)


def _movement(
    at: datetime | None, transport: str, reference: str, place: str
) -> file.Movement | None:
    if at is None:
        return None
    return file.Movement(at=at, transport=transport, reference=reference, place=place)


def festival_entity(festival: Festival) -> file.Festival:
    return file.Festival(
        slug=festival.slug,
        name=festival.name,
        host_city=festival.host_city,
        country=festival.country or "",
        timezone=festival.timezone,
        starts_on=festival.starts_on,
        ends_on=festival.ends_on,
        languages=tuple(festival.languages or ()),
        description=festival.description,
        translations=festival.translations or {},
        published=festival.published,
    )


def partner_city_entity(c: PartnerCity) -> file.PartnerCity:
    return file.PartnerCity(
        key=c.key,
        name=c.name,
        local_name=c.local_name,
        country=c.country or "",
        timezone=c.timezone,
        twinned_since=c.twinned_since,
    )


def venue_entity(v: Venue) -> file.Venue:
    return file.Venue(
        key=v.key,
        name=v.name,
        local_name=v.local_name,
        address=v.address,
        latitude=v.latitude,
        longitude=v.longitude,
        capacity=v.capacity,
        equipment=tuple(v.equipment or ()),
        setup_minutes=v.setup_minutes,
        teardown_minutes=v.teardown_minutes,
        shared=v.shared,
        opening_hours=v.opening_hours,
        accessibility=v.accessibility,
    )


def hotel_entity(h: Hotel) -> file.Hotel:
    return file.Hotel(
        key=h.key, name=h.name, address=h.address, latitude=h.latitude, longitude=h.longitude
    )


def member_entity(m: Member) -> file.Member:
    return file.Member(
        key=m.key,
        name=m.name,
        role=m.role,
        languages=tuple(m.languages or ()),
        dietary=m.dietary,
        accessibility=m.accessibility,
        email=m.email,
        phone=m.phone,
        room=m.room,
        hotel=m.hotel.key if m.hotel else None,
        needs=tuple(m.needs or ()),
    )


def delegation_entity(d: Delegation, *, members: bool = True) -> file.Delegation:
    """The delegation; without ``members`` its members are neither loaded nor written."""
    return file.Delegation(
        key=d.key,
        partner_city=d.partner_city.key,
        name=d.name,
        contact_email=d.contact_email,
        language=d.language or None,
        hotel=d.hotel.key if d.hotel else None,
        arrival=_movement(d.arrival_at, d.arrival_transport, d.arrival_reference, d.arrival_place),
        departure=_movement(
            d.departure_at, d.departure_transport, d.departure_reference, d.departure_place
        ),
        liaison=file.Liaison(name=d.liaison_name, phone=d.liaison_phone, email=d.liaison_email),
        members=tuple(member_entity(m) for m in d.members) if members else (),
    )


def session_entity(s: Session, event_key: str) -> file.Session:
    return file.Session(
        key=s.key,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        status=s.status,
        venue=s.venue.key,
        path=f"events[{event_key}].sessions[{s.key}]",
    )


def event_entity(e: Event, *, sessions: bool = True) -> file.Event:
    """The event; without ``sessions`` its sessions are neither loaded nor written."""
    return file.Event(
        key=e.key,
        kind=e.kind,
        title=e.title,
        description=e.description,
        language=e.language,
        public=e.public,
        partner_cities=tuple(c.key for c in e.partner_cities),
        delegations=tuple(d.key for d in e.delegations),
        expected_attendance=e.expected_attendance,
        requires=tuple(e.requires or ()),
        translations=e.translations or {},
        sessions=tuple(session_entity(s, e.key) for s in e.sessions) if sessions else (),
    )


def hold_entity(h: VenueHold) -> file.VenueHold:
    return file.VenueHold(
        key=h.key,
        venue=h.venue.key,
        starts_at=h.starts_at,
        ends_at=h.ends_at,
        reason=h.reason,
        path=f"venue_holds[{h.key}]",
    )


def vehicle_entity(v: Vehicle) -> file.Vehicle:
    return file.Vehicle(key=v.key, name=v.name, seats=v.seats, driver=v.driver, phone=v.phone)


def interpreter_entity(i: Interpreter) -> file.Interpreter:
    return file.Interpreter(
        key=i.key, name=i.name, languages=tuple(i.languages or ()), phone=i.phone
    )


def transfer_entity(t: Transfer) -> file.Transfer:
    return file.Transfer(
        key=t.key,
        vehicle=t.vehicle.key if t.vehicle else None,
        delegations=tuple(d.key for d in t.delegations),
        from_place=t.from_place,
        to_place=t.to_place,
        starts_at=t.starts_at,
        ends_at=t.ends_at,
        path=f"transfers[{t.key}]",
    )


def assignment_entity(a: InterpreterAssignment) -> file.InterpreterAssignment:
    return file.InterpreterAssignment(
        key=a.key,
        interpreter=a.interpreter.key,
        delegation=a.delegation.key if a.delegation else None,
        session=a.session.key if a.session else None,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        path=f"interpreter_assignments[{a.key}]",
    )


def festival_document(festival: Festival) -> file.Document:
    """The stored festival as a data-file document (times stay aware UTC).

    Load the festival with ``services.specs.load_festival`` so this runs in a fixed number of
    queries.
    """
    return file.Document(
        festival=festival_entity(festival),
        partner_cities=tuple(partner_city_entity(c) for c in festival.partner_cities),
        venues=tuple(venue_entity(v) for v in festival.venues),
        hotels=tuple(hotel_entity(h) for h in festival.hotels),
        delegations=tuple(delegation_entity(d) for d in festival.delegations),
        events=tuple(event_entity(e) for e in festival.events),
        venue_holds=tuple(hold_entity(h) for h in festival.venue_holds),
        vehicles=tuple(vehicle_entity(v) for v in festival.vehicles),
        interpreters=tuple(interpreter_entity(i) for i in festival.interpreters),
        transfers=tuple(transfer_entity(t) for t in festival.transfers),
        interpreter_assignments=tuple(
            assignment_entity(a) for a in festival.interpreter_assignments
        ),
    )


def export_festival(festival: Festival) -> dict[str, Any]:
    """Every member the importer reads, times with their offset in the festival's zone."""
    return document_json(festival_document(festival))


def export_json(festival: Festival) -> str:
    """The data file as pretty, UTF-8 JSON text (non-ASCII kept as is)."""
    return json.dumps(export_festival(festival), ensure_ascii=False, indent=2) + "\n"
