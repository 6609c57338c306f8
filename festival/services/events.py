"""Create, change and delete events (with their translations) and their sessions.

Sessions are placed, moved and removed by ``festival.services.sessions``; this module reads
a session change as the data file's reader reads a session (``events[e].sessions[s].*``),
refuses a change made to an old ``version`` and hands the rest to it. A change to an event
re-checks its sessions (capacity, equipment, delegations, interpreters' languages) and,
when a calendar shows it (title, text, kind, public, translations, partner cities), raises
their ``sequence``. Every write raises the festival's version and is recorded in the
history; nothing is written when a check refuses.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from festival.datafile import document as file
from festival.datafile.reader import read_item
from festival.errors import Overtaken, ValidationFailed
from festival.exports.festival_data import event_entity, session_entity
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    InterpreterAssignment,
    PartnerCity,
    Session,
    Venue,
    event_delegation,
    event_partner_city,
)
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding, error
from festival.scheduling.spec import EventSpec
from festival.services import sessions as session_service
from festival.services import specs
from festival.services.editing import (
    Item,
    KeysOf,
    Outcome,
    as_item,
    by_key,
    delete_recorded,
    get_row,
    item_path,
    judge,
    next_position,
    plain_change,
    read_change,
    refuse_if_used,
    taken_key,
)
from festival.services.history import Actor, record_change
from festival.services.neighbourhood import (
    Neighbourhood,
    assignments_where,
    sessions_of_delegation,
    sessions_of_events,
)
from festival.vocabulary import SessionStatus

# What a calendar entry shows of its event (the importer's ``_seen``).
SEEN = ("kind", "title", "description", "public", "translations", "partner_cities")
SESSION_FIELDS = ("key", "starts_at", "ends_at", "venue", "status")


def get_event(festival: Festival, key: str) -> Event:
    return get_row(Event, festival, key, "event")


def _known(festival: Festival) -> dict[str, KeysOf]:
    return {
        "partner_cities": KeysOf(PartnerCity, festival),
        "delegations": KeysOf(Delegation, festival),
    }


def _event_item(row: Event, festival: Festival) -> Item:
    return as_item(event_entity(row, sessions=False), festival)


def _event_spec(item: file.Event) -> EventSpec:
    return EventSpec(
        key=item.key,
        language=item.language,
        expected_attendance=item.expected_attendance,
        requires=tuple(item.requires),
        delegations=tuple(item.delegations),
        public=item.public,
    )


def _no_sessions(changes: Mapping[str, Any], key: object) -> list[Finding]:
    if "sessions" not in changes:
        return []
    at = f"{item_path('events', key)}.sessions"
    return [error("invalid-value", ("at", at), text="sessions are placed one at a time")]


def _apply_event(row: Event, item: file.Event, festival: Festival) -> None:
    for name in ("kind", "title", "description", "language", "public", "expected_attendance"):
        setattr(row, name, getattr(item, name))
    row.requires = list(item.requires)
    row.translations = {lang: dict(texts) for lang, texts in item.translations.items()}
    cities = [by_key(PartnerCity, festival, k) for k in item.partner_cities]
    delegations = [by_key(Delegation, festival, k) for k in item.delegations]
    row.partner_cities = [c for c in cities if c is not None]
    row.delegations = [d for d in delegations if d is not None]


def _order_links(row: Event) -> None:
    """The link tables keep the lists' order (``position``), as the importer writes them."""
    links: list[tuple[Any, Any, list[Any]]] = [
        (event_partner_city, event_partner_city.c.partner_city_id, list(row.partner_cities)),
        (event_delegation, event_delegation.c.delegation_id, list(row.delegations)),
    ]
    for table, column, rows in links:
        for position, linked in enumerate(rows):
            db.session.execute(
                update(table)
                .where(table.c.event_id == row.id, column == linked.id)
                .values(position=position)
            )


def event_findings(
    festival: Festival, event: Event, item: file.Event | None = None
) -> list[Finding]:
    """What the rules say about the event's live sessions (``item``: the event as it would
    be after a change): capacity, equipment, opening hours, dates, its delegations'
    overlaps, arrivals and departures, its interpreters' languages."""
    nb = Neighbourhood(festival)
    nb.events[event.key] = _event_spec(item) if item else specs.event_spec(event)
    delegations = (
        [by_key(Delegation, festival, k) for k in item.delegations]
        if item
        else list(event.delegations)
    )
    own = sessions_of_events([event.id])
    for s in own:
        nb.add_session(s)
    for d in delegations:
        if d is None:
            continue
        nb.add_delegation(d)
        for s in sessions_of_delegation(d):
            nb.add_session(s)
    if own:
        for a in assignments_where(InterpreterAssignment.session_id.in_([s.id for s in own])):
            nb.add_assignment(a)
    return check_festival(nb.spec(), only_sessions={s.key for s in own})


def create_event(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Event]:
    """Add an event (``values``: a data file's event item without ``sessions``)."""
    key = values.get("key")
    path = item_path("events", key)
    found = taken_key(Event, festival, key, path) + _no_sessions(values, key)
    item = read_change("events", festival, values, known=_known(festival), findings=found)
    row = Event(festival_id=festival.id, key=item.key, position=next_position(Event, festival))
    _apply_event(row, item, festival)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    _order_links(row)
    after = _event_item(row, festival)
    record_change(festival, actor, kind="event", key=row.key, before=None, after=after, now=now)
    return Outcome(row, [])


def update_event(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Event]:
    """Change an event, its translations included (``translations``: every language's
    ``title`` and ``description``, replacing the stored ones)."""
    row = get_event(festival, key)
    before = _event_item(row, festival)
    item = read_change(
        "events",
        festival,
        changes,
        current=before,
        known=_known(festival),
        findings=_no_sessions(changes, key),
    )
    warnings = judge(event_findings(festival, row, item))
    changed = as_item(item, festival)
    _apply_event(row, item, festival)
    if any(before[n] != changed[n] for n in SEEN):
        for s in row.sessions:
            s.sequence += 1
            s.updated_at = now
    festival.touch(now)
    db.session.flush()
    _order_links(row)
    after = _event_item(row, festival)
    record_change(festival, actor, kind="event", key=key, before=before, after=after, now=now)
    return Outcome(row, warnings)


def delete_event(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove an event; ``InUse`` while it has sessions (remove or move those first)."""
    row = get_event(festival, key)
    refuse_if_used(
        "event",
        key,
        {"session": db.session.scalars(select(Session.key).where(Session.event_id == row.id))},
    )
    before = _event_item(row, festival)
    delete_recorded(festival, row, kind="event", key=key, before=before, actor=actor, now=now)


# -- sessions ---------------------------------------------------------------------------------


def _read_session(
    festival: Festival, values: Mapping[str, Any], current: Session | None = None
) -> tuple[file.Session, str]:
    """The session as the reader reads it inside its event (``events[e].sessions[s]``);
    ``event`` names the event (a stored session keeps its own when it is left out)."""
    findings: list[Finding] = []
    zone = festival.zone
    event_key = values.get("event", current.event.key if current is not None else None)
    event = None
    if not isinstance(event_key, str) or not event_key:
        findings.append(error("invalid-value", ("at", "event"), text="missing required member"))
    else:
        event = db.session.scalar(
            select(Event).where(Event.festival_id == festival.id, Event.key == event_key)
        )
        if event is None:
            findings.append(
                error(
                    "unknown-reference", ("at", "event"), ("ref", event_key), text="names nothing"
                )
            )
    stored: Item = (
        as_item(session_entity(current, current.event.key), festival) if current is not None else {}
    )
    merged = plain_change({**stored, **{k: v for k, v in values.items() if k in SESSION_FIELDS}})
    key = merged.get("key")
    parent = item_path("events", event.key if event is not None else None)
    if current is None:
        findings += taken_key(Session, festival, key, item_path("sessions", key, parent))
    elif key != current.key:
        at = f"{item_path('sessions', current.key, parent)}.key"
        findings.append(error("invalid-value", ("at", at), text="a key cannot change"))
        merged["key"] = current.key
    # The stored event is valid: only its session is read (the event's lists are not
    # loaded). Without an event the session is still read, so every problem is named.
    wrapper: Item = {
        "key": event.key if event is not None else "event",
        "kind": event.kind if event is not None else "other",
        "title": (event.title if event is not None else "") or "-",
        "sessions": [merged],
    }
    known: dict[str, Container[str]] = {"venues": KeysOf(Venue, festival)}
    item, found = read_item("events", wrapper, zone=zone, known=known)
    findings += found
    sessions = item.sessions if item else ()
    if any(f.is_error for f in findings) or not sessions or event is None:
        raise ValidationFailed(findings)
    return sessions[0], event.key


def create_session(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Session]:
    """Place a session (``values``: ``key``, ``event``, ``venue``, ``starts_at``,
    ``ends_at``, ``status``; wall times in the festival's zone). Raises
    ``ValidationFailed`` or, for a double booking, ``SchedulingConflict``."""
    item, event = _read_session(festival, values)
    outcome = session_service.place_session(
        festival,
        key=item.key,
        event=event,
        venue=item.venue,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        status=item.status,
        now=now,
        actor=actor,
    )
    assert isinstance(outcome.item, Session)
    return Outcome(outcome.item, outcome.warnings)


def change_session(
    festival: Festival,
    key: str,
    changes: Mapping[str, Any],
    *,
    version: int | None = None,
    actor: Actor,
    now: datetime,
) -> Outcome[Session]:
    """Change a session; members left out keep their value. With ``version`` (what the
    edit form showed), a session someone else has changed since raises ``Overtaken``,
    also when their save lands while this one is under way."""
    row = session_service.get_session(festival, key)
    if version is not None and row.version != version:
        raise Overtaken("session", key, sent=version, current=row.version)
    item, event = _read_session(festival, changes, current=row)
    # Only what changed is handed on: an unchanged venue or event is not looked up again.
    now_set = {"venue": item.venue, "event": event, "status": item.status}
    stored = {"venue": row.venue.key, "event": row.event.key, "status": row.status}
    moved = {k: v for k, v in now_set.items() if v != stored[k]}
    try:
        outcome = session_service.update_session(
            festival,
            key,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            now=now,
            actor=actor,
            **moved,
        )
    except StaleDataError:
        raise Overtaken("session", key, sent=version, current=None) from None
    assert isinstance(outcome.item, Session)
    return Outcome(outcome.item, outcome.warnings)


def delete_session(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a session and its interpreter assignments."""
    session_service.delete_session(festival, key, now=now, actor=actor)


def session_findings(festival: Festival, session: Session) -> list[Finding]:
    """What the rules say about a stored session: what ``update_session`` would find for
    it unchanged (its venue's neighbours, its delegations' other sessions, its
    interpreters' other assignments)."""
    if session.status == SessionStatus.CANCELLED:
        return []
    nb = Neighbourhood(festival)
    nb.add_session(session)
    venue_spec = nb.venues[session.venue.key]
    start = session.starts_at - venue_spec.setup
    end = session.ends_at + venue_spec.teardown
    near_sessions, near_holds = specs.venue_neighbours(session.venue, start, end, session.id)
    for s in near_sessions:
        nb.add_session(s)
    for h in near_holds:
        nb.add_hold(h)
    ids = [d.id for d in session.event.delegations]
    for d in session.event.delegations:
        nb.add_delegation(d)
    for s in specs.delegation_neighbours(ids, session.starts_at, session.ends_at, session.id):
        nb.add_session(s)
    for a in specs.interpreter_neighbours(session.id):
        nb.add_assignment(a)
    return check_festival(nb.spec(), only_sessions={session.key})


__all__ = [
    "change_session",
    "create_event",
    "create_session",
    "delete_event",
    "delete_session",
    "event_findings",
    "get_event",
    "session_findings",
    "update_event",
]
