"""Write a validated festival data document into the database, all or nothing.

``--replace`` keeps the identity (row ids, delegation tokens, session sequence numbers) of
every entity whose key is unchanged, deletes what the file no longer has, and raises the
``sequence`` of each session whose subscriber-visible data changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from sqlalchemy import bindparam, delete, update

from festival.datafile import document as file
from festival.errors import ValidationFailed
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    Interpreter,
    InterpreterAssignment,
    Member,
    Occupation,
    PartnerCity,
    Session,
    Transfer,
    Vehicle,
    Venue,
    VenueHold,
    event_delegation,
    event_partner_city,
    transfer_delegation,
)
from festival.scheduling import occupation
from festival.scheduling.findings import Finding, error
from festival.services.history import Actor, record_import, snapshot
from festival.services.specs import load_festival, venue_spec
from festival.vocabulary import SessionStatus


class _Row(Protocol):
    key: str
    position: int


class _Item(Protocol):
    @property
    def key(self) -> str: ...


RowT = TypeVar("RowT", bound=_Row)
ItemT = TypeVar("ItemT", bound=_Item)


def import_document(
    doc: file.Document, findings: list[Finding], *, replace: bool, now: datetime, actor: Actor
) -> Festival:
    """Store ``doc`` (already validated: ``findings`` from ``validate_*``), recorded in the
    history as one entry of ``actor``'s listing what it created, updated and deleted.

    Raises ``ValidationFailed`` when the findings hold an error, or when the slug exists and
    ``replace`` is false. Flushes; the caller commits.
    """
    if any(f.is_error for f in findings):
        raise ValidationFailed(findings)
    festival = load_festival(doc.slug)
    if festival is not None and not replace:
        raise ValidationFailed(
            [
                error(
                    "duplicate-key",
                    ("at", "festival.slug"),
                    text=f"festival {doc.slug} exists: import with --replace to replace it",
                )
            ]
            + findings
        )
    before = snapshot(festival) if festival is not None else {}
    if festival is None:
        festival = Festival(slug=doc.slug, version=0, updated_at=now)
        db.session.add(festival)
    else:
        db.session.execute(delete(Occupation).where(Occupation.festival_id == festival.id))
    _Writer(festival, now).write(doc)
    festival.touch(now)
    db.session.flush()
    record_import(
        festival, actor, before=before, after=snapshot(festival), replace=replace, now=now
    )
    return festival


def _sync(
    rows: Iterable[RowT],
    items: Sequence[ItemT],
    make: Callable[[], RowT],
    apply: Callable[[RowT, ItemT], None],
) -> list[RowT]:
    """Rows for ``items`` in order: an existing row per key is kept and updated."""
    existing = {row.key: row for row in rows}
    out = []
    for position, item in enumerate(items):
        row = existing.get(item.key) or make()
        row.key = item.key
        row.position = position
        apply(row, item)
        out.append(row)
    return out


def _seen(s: Session) -> tuple[object, ...]:
    """Everything of a session that a calendar entry or a programme line shows."""
    event, venue = s.event, s.venue
    return (
        s.starts_at,
        s.ends_at,
        s.status,
        event.key,
        event.kind,
        event.title,
        event.description,
        event.public,
        json.dumps(event.translations or {}, sort_keys=True),
        tuple((c.key, c.name, c.local_name) for c in event.partner_cities),
        venue.key,
        venue.name,
        venue.local_name,
        venue.address,
        venue.latitude,
        venue.longitude,
    )


def _translations(texts: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {lang: dict(t) for lang, t in texts.items()}


class _Writer:
    def __init__(self, festival: Festival, now: datetime) -> None:
        self.festival = festival
        self.now = now
        self.cities: dict[str, PartnerCity] = {}
        self.venues: dict[str, Venue] = {}
        self.hotels: dict[str, Hotel] = {}
        self.delegations: dict[str, Delegation] = {}
        self.sessions: dict[str, Session] = {}
        self.vehicles: dict[str, Vehicle] = {}
        self.interpreters: dict[str, Interpreter] = {}

    def write(self, doc: file.Document) -> None:
        f = self.festival
        # What each stored session shows a subscriber, before anything changes.
        self.seen = {s.key: _seen(s) for e in f.events for s in e.sessions}
        meta = doc.festival
        f.name = meta.name
        f.host_city = meta.host_city
        f.country = meta.country or None
        f.timezone = meta.timezone
        f.starts_on = meta.starts_on
        f.ends_on = meta.ends_on
        f.languages = list(meta.languages)
        f.description = meta.description
        f.translations = _translations(meta.translations)
        f.published = meta.published

        f.partner_cities = _sync(
            f.partner_cities, doc.partner_cities, PartnerCity, self.partner_city
        )
        self.cities = {c.key: c for c in f.partner_cities}
        f.venues = _sync(f.venues, doc.venues, Venue, self.venue)
        self.venues = {v.key: v for v in f.venues}
        f.hotels = _sync(f.hotels, doc.hotels, Hotel, self.hotel)
        self.hotels = {h.key: h for h in f.hotels}
        f.delegations = _sync(f.delegations, doc.delegations, Delegation, self.delegation)
        self.delegations = {d.key: d for d in f.delegations}

        # Session keys are unique festival-wide: a session moved to another event keeps its row.
        self.old_sessions = {s.key: s for e in f.events for s in e.sessions}
        f.events = _sync(f.events, doc.events, Event, self.event)
        self.sessions = {s.key: s for e in f.events for s in e.sessions}

        f.venue_holds = _sync(f.venue_holds, doc.venue_holds, VenueHold, self.hold)
        f.vehicles = _sync(f.vehicles, doc.vehicles, Vehicle, self.vehicle)
        self.vehicles = {v.key: v for v in f.vehicles}
        f.interpreters = _sync(f.interpreters, doc.interpreters, Interpreter, self.interpreter)
        self.interpreters = {i.key: i for i in f.interpreters}
        f.transfers = _sync(f.transfers, doc.transfers, Transfer, self.transfer)
        f.interpreter_assignments = _sync(
            f.interpreter_assignments,
            doc.interpreter_assignments,
            InterpreterAssignment,
            self.assignment,
        )
        db.session.flush()
        self.order_links(f)
        self.mark_changes(f)
        self.occupy(f)

    def mark_changes(self, f: Festival) -> None:
        """A session whose calendar entry changed (time, place, status, title, text, partner
        cities) gets a raised ``sequence`` and a new ``updated_at``: feeds then carry a new
        SEQUENCE and DTSTAMP, so subscribed calendars take the change."""
        for event in f.events:
            for s in event.sessions:
                before = self.seen.get(s.key)
                if before is not None and before != _seen(s):
                    s.sequence += 1
                    s.updated_at = self.now

    def order_links(self, f: Festival) -> None:
        """Many-to-many lists keep the file's order (the link tables' ``position``)."""
        links = [
            (
                event_partner_city,
                "event_id",
                "partner_city_id",
                [(e.id, c.id, i) for e in f.events for i, c in enumerate(e.partner_cities)],
            ),
            (
                event_delegation,
                "event_id",
                "delegation_id",
                [(e.id, d.id, i) for e in f.events for i, d in enumerate(e.delegations)],
            ),
            (
                transfer_delegation,
                "transfer_id",
                "delegation_id",
                [(t.id, d.id, i) for t in f.transfers for i, d in enumerate(t.delegations)],
            ),
        ]
        for table, owner, other, rows in links:
            if not any(i for _, _, i in rows):
                continue
            statement = (
                update(table)
                .where(table.c[owner] == bindparam("o"), table.c[other] == bindparam("x"))
                .values(position=bindparam("p"))
            )
            db.session.execute(
                statement,
                [{"o": o, "x": x, "p": i} for o, x, i in rows if i],
                execution_options={"synchronize_session": False},
            )

    def partner_city(self, row: PartnerCity, item: file.PartnerCity) -> None:
        row.name = item.name
        row.local_name = item.local_name
        row.country = item.country or None
        row.timezone = item.timezone
        row.twinned_since = item.twinned_since

    def venue(self, row: Venue, item: file.Venue) -> None:
        row.name = item.name
        row.local_name = item.local_name
        row.address = item.address
        row.latitude = item.latitude
        row.longitude = item.longitude
        row.capacity = item.capacity
        row.equipment = list(item.equipment)
        row.setup_minutes = item.setup_minutes
        row.teardown_minutes = item.teardown_minutes
        row.shared = item.shared
        row.opening_hours = None if item.opening_hours is None else dict(item.opening_hours)
        row.accessibility = item.accessibility

    def hotel(self, row: Hotel, item: file.Hotel) -> None:
        row.name = item.name
        row.address = item.address
        row.latitude = item.latitude
        row.longitude = item.longitude

    def delegation(self, row: Delegation, item: file.Delegation) -> None:
        row.partner_city = self.cities[item.partner_city]
        row.name = item.name
        row.contact_email = item.contact_email
        row.language = item.language or ""
        row.hotel = self.hotels[item.hotel] if item.hotel else None
        arrival, departure = item.arrival, item.departure
        row.arrival_at = arrival.at if arrival else None
        row.arrival_transport = arrival.transport if arrival else ""
        row.arrival_reference = arrival.reference if arrival else ""
        row.arrival_place = arrival.place if arrival else ""
        row.departure_at = departure.at if departure else None
        row.departure_transport = departure.transport if departure else ""
        row.departure_reference = departure.reference if departure else ""
        row.departure_place = departure.place if departure else ""
        row.liaison_name = item.liaison.name
        row.liaison_phone = item.liaison.phone
        row.liaison_email = item.liaison.email
        row.members = _sync(row.members, item.members, Member, self.member)

    def member(self, row: Member, item: file.Member) -> None:
        row.name = item.name
        row.role = item.role
        row.languages = list(item.languages)
        row.dietary = item.dietary
        row.accessibility = item.accessibility
        row.email = item.email
        row.phone = item.phone
        row.room = item.room
        row.hotel = self.hotels[item.hotel] if item.hotel else None
        row.needs = list(item.needs)

    def event(self, row: Event, item: file.Event) -> None:
        row.kind = item.kind
        row.title = item.title
        row.description = item.description
        row.language = item.language
        row.public = item.public
        row.expected_attendance = item.expected_attendance
        row.requires = list(item.requires)
        row.translations = _translations(item.translations)
        row.partner_cities = [self.cities[k] for k in item.partner_cities]
        row.delegations = [self.delegations[k] for k in item.delegations]
        kept = [self.old_sessions[s.key] for s in item.sessions if s.key in self.old_sessions]
        row.sessions = _sync(kept, item.sessions, Session, self.session)

    def session(self, row: Session, item: file.Session) -> None:
        row.festival = self.festival
        row.venue = self.venues[item.venue]
        row.starts_at = item.starts_at
        row.ends_at = item.ends_at
        row.status = item.status
        if row.created_at is None:
            row.created_at = row.updated_at = self.now
            row.sequence = 0

    def hold(self, row: VenueHold, item: file.VenueHold) -> None:
        row.venue = self.venues[item.venue]
        row.starts_at = item.starts_at
        row.ends_at = item.ends_at
        row.reason = item.reason

    def vehicle(self, row: Vehicle, item: file.Vehicle) -> None:
        row.name = item.name
        row.seats = item.seats
        row.driver = item.driver
        row.phone = item.phone

    def interpreter(self, row: Interpreter, item: file.Interpreter) -> None:
        row.name = item.name
        row.languages = list(item.languages)
        row.phone = item.phone

    def transfer(self, row: Transfer, item: file.Transfer) -> None:
        row.vehicle = self.vehicles[item.vehicle] if item.vehicle else None
        row.delegations = [self.delegations[k] for k in item.delegations]
        row.from_place = item.from_place
        row.to_place = item.to_place
        row.starts_at = item.starts_at
        row.ends_at = item.ends_at

    def assignment(self, row: InterpreterAssignment, item: file.InterpreterAssignment) -> None:
        row.interpreter = self.interpreters[item.interpreter]
        row.delegation = self.delegations[item.delegation] if item.delegation else None
        row.session = self.sessions[item.session] if item.session else None
        row.starts_at = item.starts_at
        row.ends_at = item.ends_at

    def occupy(self, f: Festival) -> None:
        """A fresh occupation row for every session and hold (the old ones were deleted)."""
        rows: list[Occupation] = []
        for event in f.events:
            for s in event.sessions:
                v = s.venue
                start, end = occupation(s.starts_at, s.ends_at, venue_spec(v))
                rows.append(
                    Occupation(
                        festival_id=f.id,
                        venue_id=v.id,
                        session_id=s.id,
                        starts_at=start,
                        ends_at=end,
                        exclusive=s.status != SessionStatus.CANCELLED and not v.shared,
                    )
                )
        for h in f.venue_holds:
            v = h.venue
            start, end = occupation(h.starts_at, h.ends_at, venue_spec(v))
            rows.append(
                Occupation(
                    festival_id=f.id,
                    venue_id=v.id,
                    hold_id=h.id,
                    starts_at=start,
                    ends_at=end,
                    exclusive=not v.shared,
                )
            )
        db.session.add_all(rows)
        db.session.flush()
