"""Write a stored festival back as a festival data file (``festival-data/1``).

One function per entity writes it as its data-file item; the workspace reads an entity's
stored state through the same functions (to merge a partial change, to record history).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from festival.datafile.reader import FORMAT
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

Item = dict[str, Any]


def _time(value: datetime | None, zone: ZoneInfo) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


def festival_item(festival: Festival) -> Item:
    return {
        "slug": festival.slug,
        "name": festival.name,
        "host_city": festival.host_city,
        "country": festival.country or "",
        "timezone": festival.timezone,
        "starts_on": festival.starts_on.isoformat(),
        "ends_on": festival.ends_on.isoformat(),
        "languages": list(festival.languages or []),
        "description": festival.description,
        "translations": festival.translations or {},
        "published": festival.published,
    }


def partner_city_item(c: PartnerCity) -> Item:
    return {
        "key": c.key,
        "name": c.name,
        "local_name": c.local_name,
        "country": c.country or "",
        "timezone": c.timezone,
        "twinned_since": c.twinned_since,
    }


def venue_item(v: Venue) -> Item:
    return {
        "key": v.key,
        "name": v.name,
        "local_name": v.local_name,
        "address": v.address,
        "latitude": v.latitude,
        "longitude": v.longitude,
        "capacity": v.capacity,
        "equipment": list(v.equipment or []),
        "setup_minutes": v.setup_minutes,
        "teardown_minutes": v.teardown_minutes,
        "shared": v.shared,
        "opening_hours": v.opening_hours,
        "accessibility": v.accessibility,
    }


def hotel_item(h: Hotel) -> Item:
    return {
        "key": h.key,
        "name": h.name,
        "address": h.address,
        "latitude": h.latitude,
        "longitude": h.longitude,
    }


def member_item(m: Member) -> Item:
    return {
        "key": m.key,
        "name": m.name,
        "role": m.role,
        "languages": list(m.languages or []),
        "dietary": m.dietary,
        "accessibility": m.accessibility,
        "email": m.email,
        "phone": m.phone,
        "room": m.room,
        "hotel": m.hotel.key if m.hotel else None,
    }


def _movement(d: Delegation, side: str, zone: ZoneInfo) -> Item | None:
    at = getattr(d, f"{side}_at")
    if at is None:
        return None
    return {
        "at": _time(at, zone),
        "transport": getattr(d, f"{side}_transport"),
        "reference": getattr(d, f"{side}_reference"),
        "place": getattr(d, f"{side}_place"),
    }


def delegation_item(d: Delegation, zone: ZoneInfo, *, members: bool = True) -> Item:
    """The delegation; without ``members`` its members are neither loaded nor written."""
    item: Item = {
        "key": d.key,
        "partner_city": d.partner_city.key,
        "name": d.name,
        "contact_email": d.contact_email,
        "language": d.language or None,
        "hotel": d.hotel.key if d.hotel else None,
        "arrival": _movement(d, "arrival", zone),
        "departure": _movement(d, "departure", zone),
        "liaison": {"name": d.liaison_name, "phone": d.liaison_phone, "email": d.liaison_email},
    }
    if members:
        item["members"] = [member_item(m) for m in d.members]
    return item


def session_item(s: Session, zone: ZoneInfo) -> Item:
    return {
        "key": s.key,
        "starts_at": _time(s.starts_at, zone),
        "ends_at": _time(s.ends_at, zone),
        "venue": s.venue.key,
        "status": s.status,
    }


def event_item(e: Event, zone: ZoneInfo, *, sessions: bool = True) -> Item:
    """The event; without ``sessions`` its sessions are neither loaded nor written."""
    item: Item = {
        "key": e.key,
        "kind": e.kind,
        "title": e.title,
        "description": e.description,
        "language": e.language,
        "public": e.public,
        "partner_cities": [c.key for c in e.partner_cities],
        "delegations": [d.key for d in e.delegations],
        "expected_attendance": e.expected_attendance,
        "requires": list(e.requires or []),
        "translations": e.translations or {},
    }
    if sessions:
        item["sessions"] = [session_item(s, zone) for s in e.sessions]
    return item


def hold_item(h: VenueHold, zone: ZoneInfo) -> Item:
    return {
        "key": h.key,
        "venue": h.venue.key,
        "starts_at": _time(h.starts_at, zone),
        "ends_at": _time(h.ends_at, zone),
        "reason": h.reason,
    }


def vehicle_item(v: Vehicle) -> Item:
    return {"key": v.key, "name": v.name, "seats": v.seats, "driver": v.driver, "phone": v.phone}


def interpreter_item(i: Interpreter) -> Item:
    return {"key": i.key, "name": i.name, "languages": list(i.languages or []), "phone": i.phone}


def transfer_item(t: Transfer, zone: ZoneInfo) -> Item:
    return {
        "key": t.key,
        "vehicle": t.vehicle.key if t.vehicle else None,
        "delegations": [d.key for d in t.delegations],
        "from": t.from_place,
        "to": t.to_place,
        "starts_at": _time(t.starts_at, zone),
        "ends_at": _time(t.ends_at, zone),
    }


def assignment_item(a: InterpreterAssignment, zone: ZoneInfo) -> Item:
    return {
        "key": a.key,
        "interpreter": a.interpreter.key,
        "delegation": a.delegation.key if a.delegation else None,
        "session": a.session.key if a.session else None,
        "starts_at": _time(a.starts_at, zone),
        "ends_at": _time(a.ends_at, zone),
    }


def export_festival(festival: Festival) -> dict[str, Any]:
    """Every member the importer reads, times with their offset in the festival's zone.

    Load the festival with ``services.specs.load_festival`` so this runs in a fixed number of
    queries.
    """
    zone = festival.zone
    return {
        "format": FORMAT,
        "festival": festival_item(festival),
        "partner_cities": [partner_city_item(c) for c in festival.partner_cities],
        "venues": [venue_item(v) for v in festival.venues],
        "hotels": [hotel_item(h) for h in festival.hotels],
        "delegations": [delegation_item(d, zone) for d in festival.delegations],
        "events": [event_item(e, zone) for e in festival.events],
        "venue_holds": [hold_item(h, zone) for h in festival.venue_holds],
        "vehicles": [vehicle_item(v) for v in festival.vehicles],
        "interpreters": [interpreter_item(i) for i in festival.interpreters],
        "transfers": [transfer_item(t, zone) for t in festival.transfers],
        "interpreter_assignments": [
            assignment_item(a, zone) for a in festival.interpreter_assignments
        ],
    }


def export_json(festival: Festival) -> str:
    """The data file as pretty, UTF-8 JSON text (non-ASCII kept as is)."""
    return json.dumps(export_festival(festival), ensure_ascii=False, indent=2) + "\n"
