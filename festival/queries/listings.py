"""The workspace's lists of entities: searched, sorted and paged in the database, one query
for the page and one for the count (plus one per list-valued column), however long the list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import aliased

from festival.extensions import db
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
    event_delegation,
    transfer_delegation,
)
from festival.vocabulary import COMMON_NEEDS

# A select of any columns (SQLAlchemy's Select is generic over the columns' types).
Rows: TypeAlias = Select[*tuple[Any, ...]]

PER_PAGE = 100
PER_PAGE_CHOICES = (50, 100, 200, 500, 5000)


@dataclass(frozen=True)
class Listing:
    """How one kind is listed: the selected columns (labelled), what ``sort=`` may name,
    what the search looks in, and an optional second query filling list-valued columns."""

    query: Callable[[Festival], Rows]
    # Column expressions, made when asked (the mapped classes' attributes): name -> column.
    sorts: Mapping[str, Callable[[], Any]]
    search: Callable[[], Sequence[Any]]
    default_sort: str
    tie: Callable[[], Any]
    more: Callable[[Festival, list[dict[str, Any]]], None] | None = None


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    sort: str
    descending: bool
    q: str
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def page_of(
    listing: Listing,
    festival: Festival,
    *,
    q: str = "",
    sort: str = "",
    descending: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
    where: Sequence[ColumnElement[bool]] = (),
) -> Page:
    """One page of the list. ``q`` matches any searched column, case-insensitively (ASCII on
    SQLite); an unknown ``sort`` falls back to the listing's default; empty values sort
    last."""
    sort = sort if sort in listing.sorts else listing.default_sort
    query = listing.query(festival).where(*where)
    q = q.strip()
    if q:
        needle = q.lower()
        query = query.where(
            or_(*(func.lower(c).contains(needle, autoescape=True) for c in listing.search()))
        )
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    order = listing.sorts[sort]()
    # Rows without a value (no capacity) come last either way, on every database.
    ordered = (order.desc() if descending else order.asc()).nulls_last()
    query = query.order_by(ordered, listing.tie())
    per_page = per_page if per_page in PER_PAGE_CHOICES else PER_PAGE
    pages = max(1, -(-(total or 0) // per_page))
    page = min(max(1, page), pages)
    rows = [
        dict(r)
        for r in db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).mappings()
    ]
    if listing.more is not None and rows:
        listing.more(festival, rows)
    return Page(rows, total or 0, page, per_page, sort, descending, q)


def _count(column: Any, owner: Any) -> Any:
    return (
        select(func.count()).where(column == owner).correlate_except(column.table).scalar_subquery()
    )


# -- per kind ---------------------------------------------------------------------------------


def _venues(festival: Festival) -> Rows:
    return select(
        Venue.key,
        Venue.name,
        Venue.capacity,
        Venue.equipment,
        Venue.setup_minutes,
        Venue.teardown_minutes,
        Venue.shared,
        _count(Session.venue_id, Venue.id).label("sessions"),
    ).where(Venue.festival_id == festival.id)


VENUES = Listing(
    query=_venues,
    sorts={
        "name": lambda: Venue.name,
        "key": lambda: Venue.key,
        "capacity": lambda: Venue.capacity,
        "sessions": lambda: _count(Session.venue_id, Venue.id),
    },
    search=lambda: (Venue.key, Venue.name, Venue.local_name),
    default_sort="name",
    tie=lambda: Venue.key,
)


def _cities(festival: Festival) -> Rows:
    return select(
        PartnerCity.key,
        PartnerCity.name,
        PartnerCity.local_name,
        PartnerCity.country,
        PartnerCity.twinned_since,
        _count(Delegation.partner_city_id, PartnerCity.id).label("delegations"),
    ).where(PartnerCity.festival_id == festival.id)


PARTNER_CITIES = Listing(
    query=_cities,
    sorts={
        "name": lambda: PartnerCity.name,
        "key": lambda: PartnerCity.key,
        "country": lambda: PartnerCity.country,
        "twinned_since": lambda: PartnerCity.twinned_since,
    },
    search=lambda: (PartnerCity.key, PartnerCity.name, PartnerCity.local_name),
    default_sort="name",
    tie=lambda: PartnerCity.key,
)


def _hotels(festival: Festival) -> Rows:
    return select(
        Hotel.key,
        Hotel.name,
        Hotel.address,
        _count(Delegation.hotel_id, Hotel.id).label("delegations"),
    ).where(Hotel.festival_id == festival.id)


HOTELS = Listing(
    query=_hotels,
    sorts={"name": lambda: Hotel.name, "key": lambda: Hotel.key},
    search=lambda: (Hotel.key, Hotel.name, Hotel.address),
    default_sort="name",
    tie=lambda: Hotel.key,
)


def _delegations(festival: Festival) -> Rows:
    return (
        select(
            Delegation.key,
            Delegation.name,
            PartnerCity.name.label("partner_city"),
            Hotel.name.label("hotel"),
            Delegation.arrival_at,
            Delegation.departure_at,
            _count(Member.delegation_id, Delegation.id).label("members"),
        )
        .join(PartnerCity, PartnerCity.id == Delegation.partner_city_id)
        .outerjoin(Hotel, Hotel.id == Delegation.hotel_id)
        .where(Delegation.festival_id == festival.id)
    )


DELEGATIONS = Listing(
    query=_delegations,
    sorts={
        "name": lambda: Delegation.name,
        "key": lambda: Delegation.key,
        "partner_city": lambda: PartnerCity.name,
        "arrival_at": lambda: Delegation.arrival_at,
        "departure_at": lambda: Delegation.departure_at,
    },
    search=lambda: (Delegation.key, Delegation.name, PartnerCity.name),
    default_sort="key",
    tie=lambda: Delegation.key,
)

_member_hotel = aliased(Hotel)


def _members(festival: Festival) -> Rows:
    return (
        select(
            Member.key,
            Member.name,
            Member.role,
            Member.languages,
            Delegation.key.label("delegation"),
            _member_hotel.name.label("hotel"),
            Member.erased_at,
        )
        .join(Delegation, Delegation.id == Member.delegation_id)
        .outerjoin(_member_hotel, _member_hotel.id == Member.hotel_id)
        .where(Delegation.festival_id == festival.id)
    )


MEMBERS = Listing(
    query=_members,
    sorts={
        "name": lambda: Member.name,
        "key": lambda: Member.key,
        "delegation": lambda: Delegation.key,
        "role": lambda: Member.role,
    },
    search=lambda: (Member.key, Member.name, Member.role, Delegation.key),
    default_sort="delegation",
    tie=lambda: Member.key,
)


def _events(festival: Festival) -> Rows:
    return select(
        Event.key,
        Event.title,
        Event.kind,
        Event.public,
        Event.language,
        Event.expected_attendance,
        _count(Session.event_id, Event.id).label("sessions"),
    ).where(Event.festival_id == festival.id)


EVENTS = Listing(
    query=_events,
    sorts={
        "title": lambda: Event.title,
        "key": lambda: Event.key,
        "kind": lambda: Event.kind,
        "sessions": lambda: _count(Session.event_id, Event.id),
    },
    search=lambda: (Event.key, Event.title, Event.kind),
    default_sort="title",
    tie=lambda: Event.key,
)


def _holds(festival: Festival) -> Rows:
    return (
        select(
            VenueHold.key,
            Venue.name.label("venue"),
            Venue.key.label("venue_key"),
            VenueHold.starts_at,
            VenueHold.ends_at,
            VenueHold.reason,
        )
        .join(Venue, Venue.id == VenueHold.venue_id)
        .where(VenueHold.festival_id == festival.id)
    )


HOLDS = Listing(
    query=_holds,
    sorts={
        "starts_at": lambda: VenueHold.starts_at,
        "key": lambda: VenueHold.key,
        "venue": lambda: Venue.name,
    },
    search=lambda: (VenueHold.key, Venue.name, VenueHold.reason),
    default_sort="starts_at",
    tie=lambda: VenueHold.key,
)


def _vehicles(festival: Festival) -> Rows:
    return select(
        Vehicle.key,
        Vehicle.name,
        Vehicle.seats,
        Vehicle.driver,
        _count(Transfer.vehicle_id, Vehicle.id).label("transfers"),
    ).where(Vehicle.festival_id == festival.id)


VEHICLES = Listing(
    query=_vehicles,
    sorts={
        "name": lambda: Vehicle.name,
        "key": lambda: Vehicle.key,
        "seats": lambda: Vehicle.seats,
    },
    search=lambda: (Vehicle.key, Vehicle.name, Vehicle.driver),
    default_sort="name",
    tie=lambda: Vehicle.key,
)


def _interpreters(festival: Festival) -> Rows:
    return select(
        Interpreter.key,
        Interpreter.name,
        Interpreter.languages,
        _count(InterpreterAssignment.interpreter_id, Interpreter.id).label("assignments"),
    ).where(Interpreter.festival_id == festival.id)


INTERPRETERS = Listing(
    query=_interpreters,
    sorts={"name": lambda: Interpreter.name, "key": lambda: Interpreter.key},
    search=lambda: (Interpreter.key, Interpreter.name),
    default_sort="name",
    tie=lambda: Interpreter.key,
)


def _transfers(festival: Festival) -> Rows:
    return (
        select(
            Transfer.id,
            Transfer.key,
            Vehicle.name.label("vehicle"),
            Transfer.from_place,
            Transfer.to_place,
            Transfer.starts_at,
            Transfer.ends_at,
        )
        .outerjoin(Vehicle, Vehicle.id == Transfer.vehicle_id)
        .where(Transfer.festival_id == festival.id)
    )


def _transfer_delegations(festival: Festival, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    carried: dict[int, list[str]] = {}
    links = db.session.execute(
        select(transfer_delegation.c.transfer_id, Delegation.key)
        .join(Delegation, Delegation.id == transfer_delegation.c.delegation_id)
        .where(transfer_delegation.c.transfer_id.in_(ids))
        .order_by(transfer_delegation.c.transfer_id, transfer_delegation.c.position)
    )
    for transfer_id, key in links:
        carried.setdefault(transfer_id, []).append(key)
    for r in rows:
        r["delegations"] = carried.get(r["id"], [])


TRANSFERS = Listing(
    query=_transfers,
    sorts={
        "starts_at": lambda: Transfer.starts_at,
        "key": lambda: Transfer.key,
        "vehicle": lambda: Vehicle.name,
    },
    search=lambda: (Transfer.key, Transfer.from_place, Transfer.to_place, Vehicle.name),
    default_sort="starts_at",
    tie=lambda: Transfer.key,
    more=_transfer_delegations,
)

_assigned_session = aliased(Session)


def _assignments(festival: Festival) -> Rows:
    return (
        select(
            InterpreterAssignment.key,
            Interpreter.name.label("interpreter"),
            Delegation.key.label("delegation"),
            _assigned_session.key.label("session"),
            func.coalesce(_assigned_session.starts_at, InterpreterAssignment.starts_at).label(
                "starts_at"
            ),
            func.coalesce(_assigned_session.ends_at, InterpreterAssignment.ends_at).label(
                "ends_at"
            ),
        )
        .join(Interpreter, Interpreter.id == InterpreterAssignment.interpreter_id)
        .outerjoin(Delegation, Delegation.id == InterpreterAssignment.delegation_id)
        .outerjoin(_assigned_session, _assigned_session.id == InterpreterAssignment.session_id)
        .where(InterpreterAssignment.festival_id == festival.id)
    )


ASSIGNMENTS = Listing(
    query=_assignments,
    sorts={
        "starts_at": lambda: func.coalesce(
            _assigned_session.starts_at, InterpreterAssignment.starts_at
        ),
        "key": lambda: InterpreterAssignment.key,
        "interpreter": lambda: Interpreter.name,
    },
    search=lambda: (InterpreterAssignment.key, Interpreter.name, Delegation.key),
    default_sort="starts_at",
    tie=lambda: InterpreterAssignment.key,
)


# -- sessions ---------------------------------------------------------------------------------


def _sessions(festival: Festival) -> Rows:
    return (
        select(
            Session.key,
            Session.starts_at,
            Session.ends_at,
            Session.status,
            Event.key.label("event"),
            Event.title,
            Event.kind,
            Venue.key.label("venue"),
            Venue.name.label("venue_name"),
        )
        .join(Event, Event.id == Session.event_id)
        .join(Venue, Venue.id == Session.venue_id)
        .where(Session.festival_id == festival.id)
    )


SESSIONS = Listing(
    query=_sessions,
    sorts={
        "starts_at": lambda: Session.starts_at,
        "key": lambda: Session.key,
        "title": lambda: Event.title,
        "venue": lambda: Venue.name,
        "status": lambda: Session.status,
    },
    search=lambda: (Session.key, Event.title, Event.key, Venue.name),
    default_sort="starts_at",
    tie=lambda: Session.key,
)


def session_filters(
    festival: Festival,
    *,
    day: date | None = None,
    venue: str = "",
    event: str = "",
    status: str = "",
    delegation: str = "",
) -> list[ColumnElement[bool]]:
    """Conditions for the session list: a festival-local day (from 00:00 to 24:00 in the
    festival's zone, whatever its offset that day), a venue, an event, a status, a
    delegation the event lists."""
    out: list[ColumnElement[bool]] = []
    if day is not None:
        zone = festival.zone
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        out += [Session.starts_at >= start, Session.starts_at < end]
    if venue:
        out.append(Venue.key == venue)
    if event:
        out.append(Event.key == event)
    if status:
        out.append(Session.status == status)
    if delegation:
        listed = (
            select(event_delegation.c.event_id)
            .join(Delegation, Delegation.id == event_delegation.c.delegation_id)
            .where(Delegation.festival_id == festival.id, Delegation.key == delegation)
        )
        out.append(Session.event_id.in_(listed))
    return out


def keyed_names(model: Any, festival: Festival, label: Any) -> list[tuple[str, str]]:
    """``(key, label)`` of every row of ``model`` in the festival, by label: the choices of
    a reference field."""
    rows = db.session.execute(
        select(model.key, label).where(model.festival_id == festival.id).order_by(label, model.key)
    )
    return [(key, name or key) for key, name in rows]


def need_vocabulary(festival: Festival, *also: Iterable[str]) -> list[str]:
    """The tags a member may need: the common ones, then every equipment tag of the
    festival's venues, then ``also`` (a member's own, a posted form's), each once. One query."""
    found: dict[str, None] = dict.fromkeys(COMMON_NEEDS)
    tags = db.session.scalars(
        select(Venue.equipment).where(Venue.festival_id == festival.id).order_by(Venue.position)
    )
    for equipment in tags:
        found.update(dict.fromkeys(t for t in equipment or () if isinstance(t, str)))
    for extra in also:
        found.update(dict.fromkeys(t for t in extra if isinstance(t, str) and t))
    return list(found)


__all__ = [
    "ASSIGNMENTS",
    "DELEGATIONS",
    "EVENTS",
    "HOLDS",
    "HOTELS",
    "INTERPRETERS",
    "MEMBERS",
    "PARTNER_CITIES",
    "PER_PAGE",
    "PER_PAGE_CHOICES",
    "SESSIONS",
    "TRANSFERS",
    "VEHICLES",
    "VENUES",
    "Listing",
    "Page",
    "keyed_names",
    "need_vocabulary",
    "page_of",
    "session_filters",
]
