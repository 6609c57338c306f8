"""Write a validated festival data document into the database, all or nothing.

``--replace`` keeps the identity (row ids, delegation tokens, session sequence numbers) of
every entity whose key is unchanged, deletes what the file no longer has, and raises the
``sequence`` of each session whose subscriber-visible data changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, update

from festival.datafile.reader import Document, Item
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

M = TypeVar("M")


def import_document(
    doc: Document, findings: list[Finding], *, replace: bool, now: datetime, actor: Actor
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
    rows: Iterable[M], items: list[Item], make: Callable[[], M], apply: Callable[[M, Item], None]
) -> list[M]:
    """Rows for ``items`` in order: an existing row per key is kept and updated."""
    existing = {row.key: row for row in rows}  # type: ignore[attr-defined]
    out = []
    for position, item in enumerate(items):
        row = existing.get(item["key"]) or make()
        row.key = item["key"]  # type: ignore[attr-defined]
        row.position = position  # type: ignore[attr-defined]
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


def _set(row: Any, item: Item, *names: str) -> None:
    for name in names:
        setattr(row, name, item[name])


class _Writer:
    def __init__(self, festival: Festival, now: datetime) -> None:
        self.festival = festival
        self.now = now

    def write(self, doc: Document) -> None:
        f = self.festival
        # What each stored session shows a subscriber, before anything changes.
        self.seen = {s.key: _seen(s) for e in f.events for s in e.sessions}
        meta = doc.festival
        _set(
            f,
            meta,
            "name",
            "host_city",
            "timezone",
            "starts_on",
            "ends_on",
            "languages",
            "description",
            "translations",
            "published",
        )
        f.country = meta["country"] or None

        f.partner_cities = _sync(
            f.partner_cities, doc.partner_cities, PartnerCity, self.partner_city
        )
        cities = {c.key: c for c in f.partner_cities}
        f.venues = _sync(f.venues, doc.venues, Venue, self.venue)
        self.venues = {v.key: v for v in f.venues}
        f.hotels = _sync(f.hotels, doc.hotels, Hotel, self.hotel)
        self.hotels = {h.key: h for h in f.hotels}
        self.cities = cities
        f.delegations = _sync(f.delegations, doc.delegations, Delegation, self.delegation)
        self.delegations = {d.key: d for d in f.delegations}

        # Session keys are unique festival-wide: a session moved to another event keeps its row.
        self.old_sessions = {s.key: s for e in f.events for s in e.sessions}
        f.events = _sync(f.events, doc.events, Event, self.event)
        sessions = {s.key: s for e in f.events for s in e.sessions}

        f.venue_holds = _sync(f.venue_holds, doc.venue_holds, VenueHold, self.hold)
        f.vehicles = _sync(f.vehicles, doc.vehicles, Vehicle, self.vehicle)
        vehicles = {v.key: v for v in f.vehicles}
        f.interpreters = _sync(f.interpreters, doc.interpreters, Interpreter, self.interpreter)
        interpreters = {i.key: i for i in f.interpreters}

        def transfer(row: Transfer, item: Item) -> None:
            row.vehicle = vehicles.get(item["vehicle"]) if item["vehicle"] else None
            row.delegations = [self.delegations[k] for k in item["delegations"]]
            row.from_place, row.to_place = item["from"] or "", item["to"] or ""
            _set(row, item, "starts_at", "ends_at")

        f.transfers = _sync(f.transfers, doc.transfers, Transfer, transfer)

        def assignment(row: InterpreterAssignment, item: Item) -> None:
            row.interpreter = interpreters[item["interpreter"]]
            row.delegation = (
                self.delegations.get(item["delegation"]) if item["delegation"] else None
            )
            row.session = sessions.get(item["session"]) if item["session"] else None
            _set(row, item, "starts_at", "ends_at")

        f.interpreter_assignments = _sync(
            f.interpreter_assignments,
            doc.interpreter_assignments,
            InterpreterAssignment,
            assignment,
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

    def partner_city(self, row: PartnerCity, item: Item) -> None:
        _set(row, item, "name", "local_name", "twinned_since")
        row.country = item["country"] or None
        row.timezone = item["timezone"]

    def venue(self, row: Venue, item: Item) -> None:
        _set(
            row,
            item,
            "name",
            "local_name",
            "address",
            "latitude",
            "longitude",
            "capacity",
            "equipment",
            "setup_minutes",
            "teardown_minutes",
            "shared",
            "opening_hours",
            "accessibility",
        )

    def hotel(self, row: Hotel, item: Item) -> None:
        _set(row, item, "name", "address", "latitude", "longitude")

    def delegation(self, row: Delegation, item: Item) -> None:
        row.partner_city = self.cities[item["partner_city"]]
        _set(row, item, "name", "contact_email")
        row.language = item["language"] or ""
        row.hotel = self.hotels.get(item["hotel"]) if item["hotel"] else None
        for side in ("arrival", "departure"):
            move = item[side] or {}
            setattr(row, f"{side}_at", move.get("at"))
            for part in ("transport", "reference", "place"):
                setattr(row, f"{side}_{part}", move.get(part) or "")
        liaison = item["liaison"]
        row.liaison_name = liaison["name"]
        row.liaison_phone = liaison["phone"]
        row.liaison_email = liaison["email"]

        def member(m: Member, mi: Item) -> None:
            _set(
                m,
                mi,
                "name",
                "role",
                "languages",
                "dietary",
                "accessibility",
                "email",
                "phone",
                "room",
            )
            m.hotel = self.hotels.get(mi["hotel"]) if mi["hotel"] else None

        row.members = _sync(row.members, item["members"], Member, member)

    def event(self, row: Event, item: Item) -> None:
        _set(
            row,
            item,
            "kind",
            "title",
            "description",
            "language",
            "public",
            "expected_attendance",
            "requires",
            "translations",
        )
        row.partner_cities = [self.cities[k] for k in item["partner_cities"]]
        row.delegations = [self.delegations[k] for k in item["delegations"]]

        def session(s: Session, si: Item) -> None:
            s.festival = self.festival
            s.venue = self.venues[si["venue"]]
            _set(s, si, "starts_at", "ends_at", "status")
            if s.created_at is None:
                s.created_at = s.updated_at = self.now
                s.sequence = 0

        row.sessions = _sync(
            [
                self.old_sessions[si["key"]]
                for si in item["sessions"]
                if si["key"] in self.old_sessions
            ],
            item["sessions"],
            Session,
            session,
        )

    def hold(self, row: VenueHold, item: Item) -> None:
        row.venue = self.venues[item["venue"]]
        _set(row, item, "starts_at", "ends_at", "reason")

    def vehicle(self, row: Vehicle, item: Item) -> None:
        _set(row, item, "name", "seats", "driver", "phone")

    def interpreter(self, row: Interpreter, item: Item) -> None:
        _set(row, item, "name", "languages", "phone")

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
                        exclusive=s.status != "cancelled" and not v.shared,
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
