"""The organisers' reports as a read model: typed rows (in CSV order) and the sections a
printout heads (per hotel, vehicle and day, session, interpreter, day).

CSV, XLSX, PDF and the arrivals board all render from these. Every report reads a festival
loaded with :func:`festival.services.specs.load_festival` (a fixed number of queries): the
many-to-one links (a member's hotel, a transfer's vehicle, an assignment's session) resolve
from the session's identity map without a query each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from festival.models import Delegation, Festival, Transfer
from festival.vocabulary import SessionStatus

REPORT_NAMES = ("rooming", "transfers", "dietary", "interpreters", "arrivals")

R = TypeVar("R")


@dataclass(frozen=True)
class Section(Generic[R]):
    """One headed part of a printout: ``key`` identifies it (a hotel key, ``VEHICLE/DAY``,
    a session key, an interpreter key, a day), ``facts`` are (label, value) lines under the
    heading (a driver's phone, an interpreter's languages)."""

    key: str
    heading: str
    day: date | None
    rows: tuple[R, ...]
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Report(Generic[R]):
    name: str
    festival_name: str
    slug: str
    zone: ZoneInfo
    rows: tuple[R, ...]
    sections: tuple[Section[R], ...]
    languages: tuple[str, ...] = ()

    @property
    def zone_name(self) -> str:
        return self.zone.key


# Rooming


@dataclass(frozen=True)
class RoomingRow:
    hotel: str
    hotel_name: str
    room: str
    delegation: str
    delegation_name: str
    member: str
    check_in: date | None
    check_out: date | None


# Transfers


@dataclass(frozen=True)
class TransferRow:
    """One passenger of one transfer; ``starts_at``/``ends_at`` in festival time."""

    transfer: str
    starts_at: datetime
    ends_at: datetime
    from_place: str
    to_place: str
    vehicle: str
    vehicle_name: str
    driver: str
    driver_phone: str
    delegation: str
    delegation_name: str
    member: str
    liaison_name: str
    liaison_phone: str


@dataclass(frozen=True)
class Trip:
    """One transfer on a driver's sheet: its passengers by delegation."""

    transfer: str
    starts_at: datetime
    ends_at: datetime
    from_place: str
    to_place: str
    delegations: tuple[TripDelegation, ...]

    @property
    def passengers(self) -> int:
        return sum(len(d.members) for d in self.delegations)


@dataclass(frozen=True)
class TripDelegation:
    key: str
    name: str
    liaison_name: str
    liaison_phone: str
    members: tuple[str, ...]


# Dietary


@dataclass(frozen=True)
class DietaryRow:
    session: str
    starts_at: datetime
    event: str
    dietary: str
    count: int


# Interpreters


@dataclass(frozen=True)
class InterpreterRow:
    assignment: str
    interpreter: str
    name: str
    languages: tuple[str, ...]
    phone: str
    delegation: str
    delegation_name: str
    session: str
    event: str
    starts_at: datetime | None
    ends_at: datetime | None


# Arrivals


@dataclass(frozen=True)
class MovementRow:
    """An arrival or departure; ``transfers``/``vehicles`` are what serve it (a transfer that
    carries the delegation from its arrival place, to its departure place), empty when it is
    still unserved."""

    kind: str  # "arrival" or "departure"
    at: datetime
    place: str
    transport: str
    reference: str
    delegation: str
    delegation_name: str
    people: int
    transfers: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    pickups: tuple[datetime, ...] = field(default=())

    @property
    def served(self) -> bool:
        return bool(self.transfers)


def _day(value: datetime) -> date:
    return value.date()


def _base(
    festival: Festival, name: str, rows: tuple[R, ...], sections: tuple[Section[R], ...]
) -> Report[R]:
    return Report(
        name,
        festival.name,
        festival.slug,
        festival.zone,
        rows,
        sections,
        tuple(festival.languages or ()),
    )


def rooming(festival: Festival) -> Report[RoomingRow]:
    """One row per member: hotel (the member's own, else the delegation's), room, check-in
    and check-out (the delegation's arrival and departure dates, festival time); a section
    per hotel (members without one last)."""
    zone = festival.zone
    rows = []
    for d in festival.delegations:
        check_in = d.arrival_at.astimezone(zone).date() if d.arrival_at else None
        check_out = d.departure_at.astimezone(zone).date() if d.departure_at else None
        for m in d.members:
            hotel = m.hotel or d.hotel
            rows.append(
                RoomingRow(
                    hotel.key if hotel else "",
                    hotel.name if hotel else "",
                    m.room,
                    d.key,
                    d.name,
                    m.name,
                    check_in,
                    check_out,
                )
            )
    rows.sort(key=lambda r: (r.hotel == "", r.hotel, r.room, r.delegation, r.member))
    by_hotel: dict[str, list[RoomingRow]] = defaultdict(list)
    for r in rows:
        by_hotel[r.hotel].append(r)
    sections = tuple(
        Section(key, group[0].hotel_name or key, None, tuple(group))
        for key, group in by_hotel.items()
    )
    return _base(festival, "rooming", tuple(rows), sections)


def _sorted_transfers(festival: Festival) -> list[Transfer]:
    return sorted(festival.transfers, key=lambda t: (t.starts_at, t.key))


def transfers(festival: Festival) -> Report[TransferRow]:
    """One row per passenger per transfer, in pick-up order; a driver's sheet (section) per
    vehicle per festival-local day of pick-up, transfers without a vehicle last."""
    zone = festival.zone
    rows = []
    groups: dict[tuple[str, date], list[TransferRow]] = defaultdict(list)
    for t in _sorted_transfers(festival):
        v = t.vehicle
        starts, ends = t.starts_at.astimezone(zone), t.ends_at.astimezone(zone)
        for d in t.delegations:
            for m in d.members:
                row = TransferRow(
                    t.key,
                    starts,
                    ends,
                    t.from_place,
                    t.to_place,
                    v.key if v else "",
                    (v.name or v.key) if v else "",
                    v.driver if v else "",
                    v.phone if v else "",
                    d.key,
                    d.name,
                    m.name,
                    d.liaison_name,
                    d.liaison_phone,
                )
                rows.append(row)
                groups[(row.vehicle, _day(starts))].append(row)
    positions = {v.key: (v.position, v.key) for v in festival.vehicles}
    order = sorted(groups, key=lambda k: (k[0] == "", positions.get(k[0], (0, k[0])), k[0], k[1]))
    sections = []
    for vehicle, day in order:
        group = groups[(vehicle, day)]
        first = group[0]
        facts = []
        if first.driver:
            facts.append(("driver", first.driver))
        if first.driver_phone:
            facts.append(("phone", first.driver_phone))
        sections.append(
            Section(
                f"{vehicle}/{day.isoformat()}", first.vehicle_name, day, tuple(group), tuple(facts)
            )
        )
    return _base(festival, "transfers", tuple(rows), tuple(sections))


def trips(section: Section[TransferRow]) -> list[Trip]:
    """A driver's sheet's rows as trips: one per transfer, passengers by delegation."""
    found: dict[str, list[TransferRow]] = {}
    for r in section.rows:
        found.setdefault(r.transfer, []).append(r)
    out = []
    for key, group in found.items():
        by_delegation: dict[str, list[TransferRow]] = {}
        for r in group:
            by_delegation.setdefault(r.delegation, []).append(r)
        first = group[0]
        out.append(
            Trip(
                key,
                first.starts_at,
                first.ends_at,
                first.from_place,
                first.to_place,
                tuple(
                    TripDelegation(
                        d,
                        rs[0].delegation_name,
                        rs[0].liaison_name,
                        rs[0].liaison_phone,
                        tuple(r.member for r in rs),
                    )
                    for d, rs in by_delegation.items()
                ),
            )
        )
    return out


def _need(value: str) -> str:
    return (value or "none").strip().lower() or "none"


def dietary(festival: Festival) -> Report[DietaryRow]:
    """Per session (not cancelled): how many attending delegates (members of the delegations
    its event lists) have each dietary need; members without one count as ``none``. A
    catering sheet (section) per session; its fact is the number of delegates."""
    zone = festival.zone
    rows: list[DietaryRow] = []
    sections = []
    sessions = sorted(
        ((s, e) for e in festival.events for s in e.sessions),
        key=lambda pair: (pair[0].starts_at, pair[0].key),
    )
    for s, e in sessions:
        if s.status == SessionStatus.CANCELLED or not e.delegations:
            continue
        counts = Counter(_need(m.dietary) for d in e.delegations for m in d.members)
        starts = s.starts_at.astimezone(zone)
        group = tuple(
            DietaryRow(s.key, starts, e.title, need, count)
            for need, count in sorted(counts.items())
        )
        rows.extend(group)
        venue = s.venue.name if s.venue else ""
        facts = [("delegates", str(sum(counts.values())))]
        facts.append(("delegations", ", ".join(d.name or d.key for d in e.delegations)))
        if venue:
            facts.append(("venue", venue))
        sections.append(Section(s.key, e.title, starts.date(), group, tuple(facts)))
    return _base(festival, "dietary", tuple(rows), tuple(sections))


def interpreters(festival: Festival) -> Report[InterpreterRow]:
    """One row per interpreter assignment, with the times it covers (a session's, else its
    own), by start; a schedule (section) per interpreter in the festival's order."""
    zone = festival.zone
    rows = []
    for a in festival.interpreter_assignments:
        starts = a.session.starts_at if a.session else a.starts_at
        ends = a.session.ends_at if a.session else a.ends_at
        i = a.interpreter
        rows.append(
            InterpreterRow(
                a.key,
                i.key,
                i.name,
                tuple(i.languages or ()),
                i.phone,
                a.delegation.key if a.delegation else "",
                (a.delegation.name or a.delegation.key) if a.delegation else "",
                a.session.key if a.session else "",
                a.session.event.title if a.session else "",
                starts.astimezone(zone) if starts else None,
                ends.astimezone(zone) if ends else None,
            )
        )
    # the CSV's order: by the local start as text (the offset is the zone's), then key
    rows.sort(
        key=lambda r: (
            r.starts_at.isoformat(timespec="minutes") if r.starts_at else "",
            r.assignment,
        )
    )
    by_interpreter: dict[str, list[InterpreterRow]] = defaultdict(list)
    for r in rows:
        by_interpreter[r.interpreter].append(r)
    sections = []
    for i in sorted(festival.interpreters, key=lambda i: (i.position, i.key)):
        group = by_interpreter.get(i.key)
        if not group:
            continue
        facts = []
        if i.languages:
            facts.append(("languages", " ".join(i.languages)))
        if i.phone:
            facts.append(("phone", i.phone))
        sections.append(Section(i.key, i.name or i.key, None, tuple(group), tuple(facts)))
    return _base(festival, "interpreters", tuple(rows), tuple(sections))


def _served(
    d: Delegation, place: str, arriving: bool, carrying: dict[int, list[Transfer]]
) -> list[Transfer]:
    """The transfers that serve a movement: they carry ``d`` from (to) its place."""
    if not place:
        return []
    return [
        t for t in carrying.get(d.id, ()) if (t.from_place if arriving else t.to_place) == place
    ]


def arrivals(festival: Festival) -> Report[MovementRow]:
    """One row per arrival or departure, by time (then delegation); a section per
    festival-local day. A movement is served when some transfer carries the delegation from
    its arrival place (to its departure place), as the ``no-arrival-transfer`` rule says."""
    zone = festival.zone
    carrying: dict[int, list[Transfer]] = defaultdict(list)
    for t in _sorted_transfers(festival):
        for d in t.delegations:
            carrying[d.id].append(t)
    rows = []
    for d in festival.delegations:
        for kind, at, place, transport, reference in (
            ("arrival", d.arrival_at, d.arrival_place, d.arrival_transport, d.arrival_reference),
            (
                "departure",
                d.departure_at,
                d.departure_place,
                d.departure_transport,
                d.departure_reference,
            ),
        ):
            if at is None:
                continue
            served = _served(d, place, kind == "arrival", carrying)
            rows.append(
                MovementRow(
                    kind,
                    at.astimezone(zone),
                    place,
                    transport,
                    reference,
                    d.key,
                    d.name or d.key,
                    len(d.members),
                    tuple(t.key for t in served),
                    tuple(dict.fromkeys(t.vehicle.key for t in served if t.vehicle)),
                    tuple(t.starts_at.astimezone(zone) for t in served),
                )
            )
    rows.sort(key=lambda r: (r.at, r.kind, r.delegation))
    by_day: dict[date, list[MovementRow]] = defaultdict(list)
    for r in rows:
        by_day[r.at.date()].append(r)
    sections = tuple(
        Section(day.isoformat(), day.isoformat(), day, tuple(group))
        for day, group in sorted(by_day.items())
    )
    return _base(festival, "arrivals", tuple(rows), sections)


REPORTS: dict[str, Callable[[Festival], Report[Any]]] = {
    "rooming": rooming,
    "transfers": transfers,
    "dietary": dietary,
    "interpreters": interpreters,
    "arrivals": arrivals,
}
