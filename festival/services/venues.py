"""Create, change and delete venues and venue holds.

A venue's buffers and ``shared`` decide what its sessions and holds occupy: a change to
them re-checks every live occupation of the venue (the same rules as the importer) and
rewrites the occupation rows. A change a calendar shows (name, address, place) raises the
``sequence`` of the venue's sessions. Every write raises the festival's version and is
recorded in the history; nothing is written when a check refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from festival.datafile import document as file
from festival.datafile.spec import venue_spec as venue_spec_of_item
from festival.exports.festival_data import hold_entity, venue_entity
from festival.extensions import db
from festival.models import Festival, Occupation, Session, Venue, VenueHold
from festival.scheduling import check_festival, occupation
from festival.scheduling.findings import Finding
from festival.scheduling.spec import HoldSpec
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
    read_change,
    refuse_if_used,
    taken_key,
)
from festival.services.history import Actor, hold_fields, record_change
from festival.services.neighbourhood import Neighbourhood, holds_at_venue, sessions_at_venue
from festival.vocabulary import SessionStatus

# What a venue change can make the rules say about its sessions and holds.
VENUE_CODES = frozenset(
    {
        "venue-double-booking",
        "over-capacity",
        "missing-equipment",
        "outside-opening-hours",
        "unmet-need",
    }
)
# What a calendar entry shows of its venue (the importer's ``_seen``).
SEEN = ("name", "local_name", "address", "latitude", "longitude")
OCCUPYING = ("setup_minutes", "teardown_minutes", "shared")


def get_venue(festival: Festival, key: str) -> Venue:
    return get_row(Venue, festival, key, "venue")


def _item(row: Venue, festival: Festival) -> Item:
    return as_item(venue_entity(row), festival)


def _apply(row: Venue, item: file.Venue) -> None:
    for name in (
        "name",
        "local_name",
        "address",
        "latitude",
        "longitude",
        "capacity",
        "setup_minutes",
        "teardown_minutes",
        "shared",
        "accessibility",
    ):
        setattr(row, name, getattr(item, name))
    row.equipment = list(item.equipment)
    row.opening_hours = dict(item.opening_hours) if item.opening_hours is not None else None


def create_venue(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Venue]:
    """Add a venue (``values``: a data file's venue item). Raises ``ValidationFailed``."""
    key = values.get("key")
    path = item_path("venues", key)
    item = read_change("venues", festival, values, findings=taken_key(Venue, festival, key, path))
    row = Venue(festival_id=festival.id, key=item.key, position=next_position(Venue, festival))
    _apply(row, item)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival, actor, kind="venue", key=row.key, before=None, after=_item(row, festival), now=now
    )
    return Outcome(row, [])


def venue_findings(
    festival: Festival, venue: Venue, item: file.Venue | None = None
) -> list[Finding]:
    """What the rules say about the venue's sessions and holds (``item``: the venue as it
    would be after a change; default as stored): double bookings, capacity, equipment,
    opening hours, the needs of the sessions' delegations. One query for the sessions
    (with their delegations and members), one for the holds."""
    nb = Neighbourhood(festival)
    nb.venues[venue.key] = venue_spec_of_item(item) if item else specs.venue_spec(venue)
    live = sessions_at_venue(venue)
    holds = holds_at_venue(venue)
    for s in live:
        nb.add_session(s)
        # Their delegations: the venue's equipment against their members' needs.
        for d in s.event.delegations:
            nb.add_delegation(d)
    for h in holds:
        nb.add_hold(h)
    focus = {s.key for s in live} | {h.key for h in holds}
    return [f for f in check_festival(nb.spec(), only_sessions=focus) if f.code in VENUE_CODES]


def update_venue(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Venue]:
    """Change a venue; members left out of ``changes`` keep their value.

    Every live session and hold of the venue is checked with the new values: a double
    booking (longer buffers, no longer shared) raises ``SchedulingConflict`` naming the
    pair; otherwise the occupations are rewritten and the warnings returned.
    """
    row = get_venue(festival, key)
    before = _item(row, festival)
    item = read_change("venues", festival, changes, current=before)
    warnings = judge(venue_findings(festival, row, item))
    after = as_item(item, festival)
    _apply(row, item)
    if any(before[n] != after[n] for n in OCCUPYING):
        _reoccupy(row)
    if any(before[n] != after[n] for n in SEEN):
        _mark_sessions_changed(select(Session).where(Session.venue_id == row.id), now)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival, actor, kind="venue", key=key, before=before, after=_item(row, festival), now=now
    )
    return Outcome(row, warnings)


def _reoccupy(venue: Venue) -> None:
    """Every occupation of the venue recomputed with its buffers and ``shared``.

    All are first made non-exclusive: rewritten one at a time, a longer setup could
    otherwise overlap a neighbour's old (longer) teardown on the way to a state where
    none overlaps, and the database checks every row as it is written.
    """
    occupations = list(
        db.session.scalars(
            select(Occupation)
            .where(Occupation.venue_id == venue.id)
            .options(joinedload(Occupation.session), joinedload(Occupation.hold))
        )
    )
    for occ in occupations:
        occ.exclusive = False
    db.session.flush()
    spec = specs.venue_spec(venue)
    for occ in occupations:
        owner: Session | VenueHold | None = occ.session or occ.hold
        assert owner is not None
        occ.starts_at, occ.ends_at = occupation(owner.starts_at, owner.ends_at, spec)
        cancelled = occ.session is not None and occ.session.status == SessionStatus.CANCELLED
        occ.exclusive = not venue.shared and not cancelled
    db.session.flush()


def _mark_sessions_changed(query: Any, now: datetime) -> None:
    """Calendars show these sessions differently now: a new SEQUENCE and DTSTAMP."""
    for s in db.session.scalars(query):
        s.sequence += 1
        s.updated_at = now


def delete_venue(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a venue; ``InUse`` (naming them) while sessions or holds still use it."""
    row = get_venue(festival, key)
    refuse_if_used(
        "venue",
        key,
        {
            "session": db.session.scalars(select(Session.key).where(Session.venue_id == row.id)),
            "venue_hold": db.session.scalars(
                select(VenueHold.key).where(VenueHold.venue_id == row.id)
            ),
        },
    )
    before = _item(row, festival)
    delete_recorded(festival, row, kind="venue", key=key, before=before, actor=actor, now=now)


# -- holds ----------------------------------------------------------------------------------


def get_hold(festival: Festival, key: str) -> VenueHold:
    return get_row(VenueHold, festival, key, "venue hold")


def _read_hold(
    festival: Festival, changes: Mapping[str, Any], current: Item | None = None
) -> file.VenueHold:
    key = (current or changes).get("key")
    taken = [] if current else taken_key(VenueHold, festival, key, item_path("venue_holds", key))
    return read_change(
        "venue_holds",
        festival,
        changes,
        current=current,
        known={"venues": KeysOf(Venue, festival)},
        findings=taken,
    )


def create_hold(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[VenueHold]:
    """Block a venue (``values``: a data file's ``venue_holds`` item). The hold counts as
    a session for double bookings; raises ``ValidationFailed`` or ``SchedulingConflict``."""
    item = _read_hold(festival, values)
    outcome = session_service.add_hold(
        festival,
        key=item.key,
        venue=item.venue,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        reason=item.reason,
        now=now,
        actor=actor,
    )
    assert isinstance(outcome.item, VenueHold)
    return Outcome(outcome.item, outcome.warnings)


def hold_findings(
    festival: Festival, hold: VenueHold, item: file.VenueHold | None = None
) -> list[Finding]:
    """What the rules say about the hold (``item``: as it would be after a change)."""
    venue = by_key(Venue, festival, item.venue) if item else hold.venue
    assert venue is not None
    if item is None:
        candidate = specs.hold_spec(hold)
    else:
        candidate = HoldSpec(hold.key, venue.key, item.starts_at, item.ends_at, path=item.path)
    nb = Neighbourhood(festival)
    nb.holds[hold.key] = candidate
    nb.add_venue(venue)
    start, end = occupation(candidate.starts_at, candidate.ends_at, nb.venues[venue.key])
    near_sessions, near_holds = specs.venue_neighbours(venue, start, end, exclude_hold_id=hold.id)
    for s in near_sessions:
        nb.add_session(s)
    for h in near_holds:
        nb.add_hold(h)
    return check_festival(nb.spec(), only_sessions={hold.key})


def update_hold(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[VenueHold]:
    """Move, resize or re-place a hold; ``SchedulingConflict`` when the venue is taken."""
    row = get_hold(festival, key)
    item = _read_hold(festival, changes, current=as_item(hold_entity(row), festival))
    warnings = judge(hold_findings(festival, row, item))
    before = hold_fields(row)
    venue = by_key(Venue, festival, item.venue)
    assert venue is not None
    row.venue = venue
    row.starts_at, row.ends_at, row.reason = item.starts_at, item.ends_at, item.reason
    occ = row.occupation
    if occ is None:
        occ = Occupation(festival_id=festival.id, venue_id=venue.id)
        row.occupation = occ
    occ.venue_id = venue.id
    occ.starts_at, occ.ends_at = occupation(row.starts_at, row.ends_at, specs.venue_spec(venue))
    occ.exclusive = not venue.shared
    festival.touch(now)
    db.session.flush()
    record_change(
        festival, actor, kind="venue_hold", key=key, before=before, after=hold_fields(row), now=now
    )
    return Outcome(row, warnings)


def delete_hold(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Free the venue again (``NotFound`` for an unknown hold)."""
    session_service.remove_hold(festival, key, now=now, actor=actor)


__all__ = [
    "VENUE_CODES",
    "create_hold",
    "create_venue",
    "delete_hold",
    "delete_venue",
    "get_hold",
    "get_venue",
    "hold_findings",
    "update_hold",
    "update_venue",
    "venue_findings",
]
