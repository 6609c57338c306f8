"""What ``festival check`` finds in stored festivals: every finding of one festival (cached
per festival version), and the organiser home's overview with error and warning counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import aliased

from festival.cache import OutputKey, outputs
from festival.datafile.spec import opening_hours_spec
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    FestivalCheck,
    Hotel,
    Interpreter,
    InterpreterAssignment,
    Member,
    Session,
    Transfer,
    Vehicle,
    Venue,
    VenueHold,
    event_delegation,
    transfer_delegation,
)
from festival.queries.programme import festival_day
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding
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


@dataclass(frozen=True)
class FestivalRow:
    """One festival on the organiser home. ``errors``/``warnings`` are None when no count
    is stored for the festival's current version (``festival_findings`` then makes one)."""

    id: int
    slug: str
    name: str
    published: bool
    starts_on: date
    ends_on: date
    timezone: str
    version: int
    errors: int | None
    warnings: int | None


def festival_overview() -> list[FestivalRow]:
    """Every festival, draft or published, newest first, with its stored counts, in one query."""
    rows = db.session.execute(
        select(
            Festival.id,
            Festival.slug,
            Festival.name,
            Festival.published,
            Festival.starts_on,
            Festival.ends_on,
            Festival.timezone,
            Festival.version,
            FestivalCheck.version.label("checked_version"),
            FestivalCheck.errors,
            FestivalCheck.warnings,
        )
        .outerjoin(FestivalCheck, FestivalCheck.festival_id == Festival.id)
        .order_by(Festival.starts_on.desc(), Festival.slug)
    )
    out = []
    for r in rows:
        fresh = r.checked_version == r.version
        out.append(
            FestivalRow(
                id=r.id,
                slug=r.slug,
                name=r.name,
                published=r.published,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                timezone=r.timezone,
                version=r.version,
                errors=r.errors if fresh else None,
                warnings=r.warnings if fresh else None,
            )
        )
    return out


def festival_findings(festival_id: int, version: int, slug: str) -> list[Finding]:
    """Every finding of ``festival check`` for the stored festival at ``version``, errors
    first, exactly as the command prints them. Computed once per (festival id, version) in
    this process; an unknown festival has none."""

    def build() -> list[Finding]:
        spec = stored_rule_input(festival_id, version)
        return check_festival(spec) if spec is not None else []

    return outputs.get_or_build(
        OutputKey(festival_id, version, "festival-findings"),
        list,
        build,
        lambda findings: 512 + 256 * len(findings),
    )


def stored_rule_input(festival_id: int, version: int) -> FestivalSpec | None:
    """``rule_input`` kept per (festival id, version) in this process: the dashboard's and
    the grid's findings and the free-slot search read the festival once per version. None
    (not kept) for an unknown festival."""
    key = OutputKey(festival_id, version, "rule-input")
    spec = outputs.get(key, FestivalSpec)
    if spec is None:
        spec = rule_input(festival_id)
        if spec is not None:
            size = 4096 + 512 * (len(spec.sessions) + len(spec.holds) + len(spec.events))
            outputs.put(key, spec, size)
    return spec


def counts(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


@dataclass(frozen=True)
class SessionCounts:
    """Sessions of a festival by festival day (local, days starting at 04:00) and by venue.
    ``cancelled`` are counted apart: they occupy nothing."""

    by_day: list[tuple[date, int, int]]
    by_venue: list[tuple[str, str, int, int]]
    total: int
    cancelled: int


def session_counts(festival: Festival) -> SessionCounts:
    """(day, sessions, cancelled) per day in order, and (venue key, name, sessions,
    cancelled) per venue in the festival's venue order, venues without sessions included.
    Counted once per festival version in this process."""
    return outputs.get_or_build(
        OutputKey(festival.id, festival.version, "session-counts"),
        SessionCounts,
        lambda: _count_sessions(festival),
        lambda counts: 256 + 64 * (len(counts.by_day) + len(counts.by_venue)),
    )


def _count_sessions(festival: Festival) -> SessionCounts:
    zone = ZoneInfo(festival.timezone)
    days: Counter[date] = Counter()
    cancelled_days: Counter[date] = Counter()
    for starts_at, status in db.session.execute(
        select(Session.starts_at, Session.status).where(Session.festival_id == festival.id)
    ):
        day = festival_day(starts_at.astimezone(zone))
        (cancelled_days if status == SessionStatus.CANCELLED else days)[day] += 1
    cancelled_expr = func.sum(case((Session.status == SessionStatus.CANCELLED.value, 1), else_=0))
    venue_rows = db.session.execute(
        select(Venue.key, Venue.name, func.count(Session.id), cancelled_expr)
        .outerjoin(Session, Session.venue_id == Venue.id)
        .where(Venue.festival_id == festival.id)
        .group_by(Venue.id, Venue.key, Venue.name, Venue.position)
        .order_by(Venue.position, Venue.key)
    )
    by_venue = [
        (key, name, total - int(cancelled or 0), int(cancelled or 0))
        for key, name, total, cancelled in venue_rows
    ]
    all_days = sorted(days.keys() | cancelled_days.keys())
    return SessionCounts(
        by_day=[(d, days[d], cancelled_days[d]) for d in all_days],
        by_venue=by_venue,
        total=sum(days.values()),
        cancelled=sum(cancelled_days.values()),
    )


def hold_keys(festival_id: int) -> frozenset[str]:
    """The keys of the festival's venue holds (a finding's ``sessions=`` may name a hold)."""
    return frozenset(
        db.session.scalars(select(VenueHold.key).where(VenueHold.festival_id == festival_id))
    )


@dataclass(frozen=True)
class DelegationLink:
    key: str
    name: str
    token: str


def delegation_links(festival_id: int) -> list[DelegationLink]:
    """Each delegation's key, name and private token, in the festival's order."""
    rows = db.session.execute(
        select(Delegation.key, Delegation.name, Delegation.token)
        .where(Delegation.festival_id == festival_id)
        .order_by(Delegation.position, Delegation.key)
    )
    return [DelegationLink(*row) for row in rows]


def _movement(at: datetime | None, place: str) -> Movement | None:
    return Movement(at, place or None) if at is not None else None


def rule_input(festival_id: int) -> FestivalSpec | None:
    """The stored festival as the rules' input, read in column queries (no ORM objects).

    Equal to ``festival_spec(load_festival(slug))`` (a test holds them equal), several times
    faster on a big festival: what the dashboard and the home need to check a festival.
    None for an unknown festival.
    """
    meta = db.session.execute(
        select(Festival.timezone, Festival.starts_on, Festival.ends_on, Festival.languages).where(
            Festival.id == festival_id
        )
    ).first()
    if meta is None:
        return None
    of = festival_id
    venues = {
        r.key: VenueSpec(
            key=r.key,
            capacity=r.capacity,
            equipment=frozenset(r.equipment or ()),
            setup=timedelta(minutes=r.setup_minutes),
            teardown=timedelta(minutes=r.teardown_minutes),
            shared=r.shared,
            opening_hours=opening_hours_spec(r.opening_hours),
        )
        for r in db.session.execute(
            select(
                Venue.key,
                Venue.capacity,
                Venue.equipment,
                Venue.setup_minutes,
                Venue.teardown_minutes,
                Venue.shared,
                Venue.opening_hours,
            )
            .where(Venue.festival_id == of)
            .order_by(Venue.position, Venue.id)
        )
    }
    listed: defaultdict[int, list[str]] = defaultdict(list)
    for event_id, key in db.session.execute(
        select(event_delegation.c.event_id, Delegation.key)
        .join(Delegation, Delegation.id == event_delegation.c.delegation_id)
        .where(Delegation.festival_id == of)
        .order_by(event_delegation.c.event_id, event_delegation.c.position)
    ):
        listed[event_id].append(key)
    events = {
        r.key: EventSpec(
            key=r.key,
            language=r.language,
            expected_attendance=r.expected_attendance,
            requires=tuple(r.requires or ()),
            delegations=tuple(listed[r.id]),
            public=r.public,
        )
        for r in db.session.execute(
            select(
                Event.id,
                Event.key,
                Event.language,
                Event.expected_attendance,
                Event.requires,
                Event.public,
            )
            .where(Event.festival_id == of)
            .order_by(Event.position, Event.id)
        )
    }
    sessions = tuple(
        SessionSpec(
            key=key,
            event=event,
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            status=status,
            path=f"events[{event}].sessions[{key}]",
        )
        for key, event, venue, starts_at, ends_at, status in db.session.execute(
            select(
                Session.key,
                Event.key,
                Venue.key,
                Session.starts_at,
                Session.ends_at,
                Session.status,
            )
            .join(Event, Event.id == Session.event_id)
            .join(Venue, Venue.id == Session.venue_id)
            .where(Session.festival_id == of)
            .order_by(Event.position, Event.id, Session.position, Session.id)
        )
    )
    holds = tuple(
        HoldSpec(key, venue, starts_at, ends_at, path=f"venue_holds[{key}]")
        for key, venue, starts_at, ends_at in db.session.execute(
            select(VenueHold.key, Venue.key, VenueHold.starts_at, VenueHold.ends_at)
            .join(Venue, Venue.id == VenueHold.venue_id)
            .where(VenueHold.festival_id == of)
            .order_by(VenueHold.position, VenueHold.id)
        )
    )
    member_hotel = aliased(Hotel)
    members: defaultdict[int, list[MemberSpec]] = defaultdict(list)
    for delegation_id, key, languages, hotel, needs in db.session.execute(
        select(Member.delegation_id, Member.key, Member.languages, member_hotel.key, Member.needs)
        .join(Delegation, Delegation.id == Member.delegation_id)
        .outerjoin(member_hotel, member_hotel.id == Member.hotel_id)
        .where(Delegation.festival_id == of)
        .order_by(Member.delegation_id, Member.position, Member.id)
    ):
        members[delegation_id].append(
            MemberSpec(key, tuple(languages or ()), hotel, tuple(needs or ()))
        )
    delegations = {
        r.key: DelegationSpec(
            key=r.key,
            hotel=r.hotel,
            arrival=_movement(r.arrival_at, r.arrival_place),
            departure=_movement(r.departure_at, r.departure_place),
            members=tuple(members[r.id]),
        )
        for r in db.session.execute(
            select(
                Delegation.id,
                Delegation.key,
                Hotel.key.label("hotel"),
                Delegation.arrival_at,
                Delegation.arrival_place,
                Delegation.departure_at,
                Delegation.departure_place,
            )
            .outerjoin(Hotel, Hotel.id == Delegation.hotel_id)
            .where(Delegation.festival_id == of)
            .order_by(Delegation.position, Delegation.id)
        )
    }
    carried: defaultdict[int, list[str]] = defaultdict(list)
    for transfer_id, key in db.session.execute(
        select(transfer_delegation.c.transfer_id, Delegation.key)
        .join(Delegation, Delegation.id == transfer_delegation.c.delegation_id)
        .where(Delegation.festival_id == of)
        .order_by(transfer_delegation.c.transfer_id, transfer_delegation.c.position)
    ):
        carried[transfer_id].append(key)
    transfers = tuple(
        TransferSpec(
            key=r.key,
            vehicle=r.vehicle,
            delegations=tuple(carried[r.id]),
            from_place=r.from_place or None,
            to_place=r.to_place or None,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            path=f"transfers[{r.key}]",
        )
        for r in db.session.execute(
            select(
                Transfer.id,
                Transfer.key,
                Vehicle.key.label("vehicle"),
                Transfer.from_place,
                Transfer.to_place,
                Transfer.starts_at,
                Transfer.ends_at,
            )
            .outerjoin(Vehicle, Vehicle.id == Transfer.vehicle_id)
            .where(Transfer.festival_id == of)
            .order_by(Transfer.position, Transfer.id)
        )
    )
    assigned_delegation = aliased(Delegation)
    assignments = tuple(
        AssignmentSpec(
            key=r.key,
            interpreter=r.interpreter,
            delegation=r.delegation,
            session=r.session,
            starts_at=r.starts_at,
            ends_at=r.ends_at,
            path=f"interpreter_assignments[{r.key}]",
        )
        for r in db.session.execute(
            select(
                InterpreterAssignment.key,
                Interpreter.key.label("interpreter"),
                assigned_delegation.key.label("delegation"),
                Session.key.label("session"),
                InterpreterAssignment.starts_at,
                InterpreterAssignment.ends_at,
            )
            .join(Interpreter, Interpreter.id == InterpreterAssignment.interpreter_id)
            .outerjoin(
                assigned_delegation, assigned_delegation.id == InterpreterAssignment.delegation_id
            )
            .outerjoin(Session, Session.id == InterpreterAssignment.session_id)
            .where(InterpreterAssignment.festival_id == of)
            .order_by(InterpreterAssignment.position, InterpreterAssignment.id)
        )
    )
    return FestivalSpec(
        timezone=ZoneInfo(meta.timezone),
        starts_on=meta.starts_on,
        ends_on=meta.ends_on,
        languages=tuple(meta.languages or ()),
        has_hotels=bool(db.session.scalar(select(exists().where(Hotel.festival_id == of)))),
        venues=venues,
        events=events,
        sessions=sessions,
        holds=holds,
        delegations=delegations,
        vehicles={
            key: VehicleSpec(key, seats)
            for key, seats in db.session.execute(
                select(Vehicle.key, Vehicle.seats)
                .where(Vehicle.festival_id == of)
                .order_by(Vehicle.position, Vehicle.id)
            )
        },
        interpreters={
            key: InterpreterSpec(key, tuple(languages or ()))
            for key, languages in db.session.execute(
                select(Interpreter.key, Interpreter.languages)
                .where(Interpreter.festival_id == of)
                .order_by(Interpreter.position, Interpreter.id)
            )
        },
        transfers=transfers,
        assignments=assignments,
    )
