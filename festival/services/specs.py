"""Build the scheduling rules' input from stored rows: the whole festival, or one change's
neighbourhood found through indexes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from festival.datafile.spec import opening_hours_spec
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    InterpreterAssignment,
    Member,
    Occupation,
    Session,
    Transfer,
    Venue,
    VenueHold,
    event_delegation,
)
from festival.scheduling.spec import (
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    HoldSpec,
    InterpreterSpec,
    MemberSpec,
    Movement,
    SessionSpec,
    TransferSpec,
    VehicleSpec,
    VenueSpec,
)
from festival.vocabulary import SessionStatus


def venue_spec(venue: Venue) -> VenueSpec:
    return VenueSpec(
        key=venue.key,
        capacity=venue.capacity,
        equipment=frozenset(venue.equipment or ()),
        setup=venue.setup,
        teardown=venue.teardown,
        shared=venue.shared,
        opening_hours=opening_hours_spec(venue.opening_hours),
    )


def event_spec(event: Event) -> EventSpec:
    return EventSpec(
        key=event.key,
        language=event.language,
        expected_attendance=event.expected_attendance,
        requires=tuple(event.requires or ()),
        delegations=tuple(d.key for d in event.delegations),
        public=event.public,
    )


def session_spec(session: Session) -> SessionSpec:
    return SessionSpec(
        key=session.key,
        event=session.event.key,
        venue=session.venue.key,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        status=session.status,
        path=f"events[{session.event.key}].sessions[{session.key}]",
    )


def hold_spec(hold: VenueHold) -> HoldSpec:
    return HoldSpec(
        hold.key, hold.venue.key, hold.starts_at, hold.ends_at, path=f"venue_holds[{hold.key}]"
    )


def delegation_spec(delegation: Delegation, *, members: bool = True) -> DelegationSpec:
    """The delegation as rule input; without ``members`` (a check that concerns no
    interpreter) its members and hotels are not loaded."""

    def movement(at: datetime | None, place: str) -> Movement | None:
        return Movement(at, place or None) if at is not None else None

    return DelegationSpec(
        key=delegation.key,
        hotel=delegation.hotel.key if members and delegation.hotel else None,
        arrival=movement(delegation.arrival_at, delegation.arrival_place),
        departure=movement(delegation.departure_at, delegation.departure_place),
        members=tuple(
            MemberSpec(
                m.key,
                tuple(m.languages or ()),
                m.hotel.key if m.hotel else None,
                tuple(m.needs or ()),
            )
            for m in delegation.members
        )
        if members
        else (),
    )


def assignment_spec(a: InterpreterAssignment) -> AssignmentSpec:
    return AssignmentSpec(
        key=a.key,
        interpreter=a.interpreter.key,
        delegation=a.delegation.key if a.delegation else None,
        session=a.session.key if a.session else None,
        starts_at=a.starts_at,
        ends_at=a.ends_at,
        path=f"interpreter_assignments[{a.key}]",
    )


def transfer_spec(t: Transfer) -> TransferSpec:
    return TransferSpec(
        key=t.key,
        vehicle=t.vehicle.key if t.vehicle else None,
        delegations=tuple(d.key for d in t.delegations),
        from_place=t.from_place or None,
        to_place=t.to_place or None,
        starts_at=t.starts_at,
        ends_at=t.ends_at,
        path=f"transfers[{t.key}]",
    )


def load_festival(slug: str) -> Festival | None:
    """The festival with everything the rules and the exporter read, in a fixed number of
    queries (no N+1)."""
    return db.session.scalar(
        select(Festival)
        .where(Festival.slug == slug)
        .options(
            selectinload(Festival.partner_cities),
            selectinload(Festival.venues),
            selectinload(Festival.hotels),
            selectinload(Festival.delegations).selectinload(Delegation.members),
            selectinload(Festival.delegations).selectinload(Delegation.partner_city),
            selectinload(Festival.events).selectinload(Event.sessions),
            selectinload(Festival.events).selectinload(Event.partner_cities),
            selectinload(Festival.events).selectinload(Event.delegations),
            selectinload(Festival.venue_holds),
            selectinload(Festival.vehicles),
            selectinload(Festival.interpreters),
            selectinload(Festival.transfers).selectinload(Transfer.delegations),
            selectinload(Festival.interpreter_assignments),
        )
    )


def load_movements(slug: str) -> Festival | None:
    """The festival with what its arrivals and departures read (delegations and their
    members, hotels, vehicles, transfers), in a fixed number of queries; its programme is
    not loaded (the arrivals board of a 3,000-session festival need not read it)."""
    return db.session.scalar(
        select(Festival)
        .where(Festival.slug == slug)
        .options(
            selectinload(Festival.hotels),
            selectinload(Festival.delegations).selectinload(Delegation.members),
            selectinload(Festival.vehicles),
            selectinload(Festival.transfers).selectinload(Transfer.delegations),
        )
    )


def festival_spec(festival: Festival) -> FestivalSpec:
    """The whole stored festival as rule input (load it with ``load_festival`` first)."""
    return FestivalSpec(
        timezone=festival.zone,
        starts_on=festival.starts_on,
        ends_on=festival.ends_on,
        languages=tuple(festival.languages or ()),
        has_hotels=bool(festival.hotels),
        venues={v.key: venue_spec(v) for v in festival.venues},
        events={e.key: event_spec(e) for e in festival.events},
        sessions=tuple(session_spec(s) for e in festival.events for s in e.sessions),
        holds=tuple(hold_spec(h) for h in festival.venue_holds),
        delegations={d.key: delegation_spec(d) for d in festival.delegations},
        vehicles={v.key: VehicleSpec(v.key, v.seats) for v in festival.vehicles},
        interpreters={
            i.key: InterpreterSpec(i.key, tuple(i.languages or ())) for i in festival.interpreters
        },
        transfers=tuple(transfer_spec(t) for t in festival.transfers),
        assignments=tuple(assignment_spec(a) for a in festival.interpreter_assignments),
    )


def venue_neighbours(
    venue: Venue,
    starts_at: datetime,
    ends_at: datetime,
    exclude_session_id: int | None = None,
    exclude_hold_id: int | None = None,
) -> tuple[list[Session], list[VenueHold]]:
    """Sessions and holds whose occupation of ``venue`` may overlap ``[starts_at, ends_at)``
    (an occupied span, buffers included).

    Exclusive occupations of one venue never overlap each other, so besides those starting
    inside the span only the last one starting before it can reach into it: two index seeks
    on ``(venue_id, starts_at)``, never a scan of the venue's day.
    """
    base = select(Occupation.id).where(Occupation.venue_id == venue.id, Occupation.exclusive)
    if exclude_session_id is not None:
        base = base.where(
            or_(Occupation.session_id.is_(None), Occupation.session_id != exclude_session_id)
        )
    if exclude_hold_id is not None:
        base = base.where(or_(Occupation.hold_id.is_(None), Occupation.hold_id != exclude_hold_id))
    inside = base.where(Occupation.starts_at >= starts_at, Occupation.starts_at < ends_at)
    before = (
        base.where(Occupation.starts_at < starts_at).order_by(Occupation.starts_at.desc()).limit(1)
    )
    ids = union_all(select(inside.subquery().c.id), select(before.subquery().c.id))
    rows = db.session.scalars(
        select(Occupation)
        .where(Occupation.id.in_(ids), Occupation.ends_at > starts_at)
        .options(
            joinedload(Occupation.session).joinedload(Session.event),
            joinedload(Occupation.session).joinedload(Session.venue),
            joinedload(Occupation.hold).joinedload(VenueHold.venue),
        )
    ).all()
    sessions = [r.session for r in rows if r.session is not None]
    holds = [r.hold for r in rows if r.hold is not None]
    return sessions, holds


def delegation_neighbours(
    delegation_ids: Iterable[int],
    starts_at: datetime,
    ends_at: datetime,
    exclude_session_id: int | None = None,
) -> list[Session]:
    """Other sessions of these delegations' events whose own times overlap the span.

    Walks the delegation's links (index on ``event_delegation.delegation_id``) to its events'
    sessions (index on ``session.event_id``): a delegation has tens of sessions, a festival
    thousands.
    """
    ids = list(delegation_ids)
    if not ids:
        return []
    query = (
        select(Session)
        .join(event_delegation, event_delegation.c.event_id == Session.event_id)
        .where(
            event_delegation.c.delegation_id.in_(ids),
            Session.status != SessionStatus.CANCELLED,
            Session.starts_at < ends_at,
            Session.ends_at > starts_at,
        )
        .distinct()
        .options(joinedload(Session.event), joinedload(Session.venue))
    )
    if exclude_session_id is not None:
        query = query.where(Session.id != exclude_session_id)
    return list(db.session.scalars(query))


def interpreter_neighbours(session_id: int) -> list[InterpreterAssignment]:
    """Every assignment of the interpreters assigned to this session, its own included (an
    interpreter has tens, not thousands)."""
    interpreters = select(InterpreterAssignment.interpreter_id).where(
        InterpreterAssignment.session_id == session_id
    )
    query = (
        select(InterpreterAssignment)
        .where(InterpreterAssignment.interpreter_id.in_(interpreters))
        .options(
            # Everything the rules read of each, in a fixed number of queries (an
            # interpreter's tens of assignments would otherwise load one row at a time).
            joinedload(InterpreterAssignment.interpreter),
            joinedload(InterpreterAssignment.session).joinedload(Session.venue),
            joinedload(InterpreterAssignment.session)
            .joinedload(Session.event)
            .selectinload(Event.delegations),
            joinedload(InterpreterAssignment.delegation).joinedload(Delegation.hotel),
            joinedload(InterpreterAssignment.delegation)
            .selectinload(Delegation.members)
            .joinedload(Member.hotel),
        )
    )
    return list(db.session.scalars(query).unique())
