"""Propose the missing arrival and departure transfers (``festival plan-transfers``).

Pure: a ``FestivalSpec`` in, a ``TransferPlan`` out (standard library only). The rules of
contract section 8:

- A delegation is to be served when its arrival (departure) names a place and no transfer
  carries it from (to) that place yet, the same test as ``no-arrival-transfer``.
- An arrival transfer starts no earlier than the arrival and at most ``window`` after it;
  a departure transfer ends no later than the departure and at most ``window`` before it.
  Both last ``trip`` and go between the place and the delegation's hotel (its key).
- Delegations that arrive (leave) at the same place within ``window`` of each other and
  stay at the same hotel share a transfer when the seats allow: they are packed first fit
  decreasing (most people first, ties by key), a new transfer taking the smallest free
  vehicle that seats everyone still waiting in the group, else the largest free one.
- A vehicle is busy over each transfer's own ``[starts_at, ends_at)`` (half-open, no buffer:
  the ``vehicle-double-booking`` rule), existing transfers included, and free again when a
  trip ends, so it may serve several groups. A vehicle without a seat count seats anyone.

Deterministic: the same festival gives the same plan, keys included (``arr-`` or ``dep-``
and the first delegation's key, made unique against every existing transfer key). When
some delegation cannot be served the plan names it with a reason and proposes nothing.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from festival.scheduling.spec import DelegationSpec, FestivalSpec

ARRIVAL = "arrival"
DEPARTURE = "departure"
KINDS = (ARRIVAL, DEPARTURE)
_PREFIX = {ARRIVAL: "arr", DEPARTURE: "dep"}

DEFAULT_WINDOW = timedelta(minutes=45)
DEFAULT_TRIP = timedelta(minutes=60)
KEY_LENGTH = 64

# Why a delegation cannot be served.
NO_HOTEL = "no-hotel"
NO_VEHICLES = "no-vehicles"
TOO_SMALL = "no-vehicle-big-enough"
BUSY = "vehicles-busy"
REASONS = (NO_HOTEL, NO_VEHICLES, TOO_SMALL, BUSY)


@dataclass(frozen=True, slots=True)
class PlannedTransfer:
    """A transfer to write: times aware, in UTC; ``seats`` None when the vehicle states none."""

    key: str
    kind: str
    vehicle: str
    seats: int | None
    delegations: tuple[str, ...]
    people: int
    from_place: str
    to_place: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class Unserved:
    """A delegation's arrival or departure the plan cannot serve, and why (``REASONS``)."""

    delegation: str
    kind: str
    place: str
    at: datetime
    people: int
    reason: str


@dataclass(frozen=True, slots=True)
class TransferPlan:
    """What to write (nothing when ``unserved`` is not empty) and who cannot be served."""

    transfers: tuple[PlannedTransfer, ...]
    unserved: tuple[Unserved, ...]
    window: timedelta
    trip: timedelta

    @property
    def complete(self) -> bool:
        return not self.unserved


@dataclass(slots=True)
class _Request:
    delegation: str
    kind: str
    place: str
    hotel: str | None
    at: datetime
    people: int
    lo: datetime  # earliest start of its transfer
    hi: datetime  # latest start


@dataclass(slots=True)
class _Vehicle:
    key: str
    seats: int | None
    starts: list[datetime] = field(default_factory=list)
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)
    longest: timedelta = timedelta(0)

    def fits(self, people: int) -> bool:
        return self.seats is None or self.seats >= people

    def book(self, start: datetime, end: datetime) -> None:
        index = bisect_left(self.starts, start)
        self.starts.insert(index, start)
        insort(self.busy, (start, end))
        self.longest = max(self.longest, end - start)

    def unbook(self, start: datetime, end: datetime) -> None:
        index = bisect_left(self.busy, (start, end))
        del self.busy[index]
        del self.starts[index]

    def earliest(self, lo: datetime, hi: datetime, trip: timedelta) -> datetime | None:
        """The earliest start in ``[lo, hi]`` at which ``[start, start + trip)`` is free."""
        first = bisect_left(self.starts, lo - self.longest)
        last = bisect_left(self.starts, hi + trip)
        near = self.busy[first:last]
        for start in [lo, *sorted(end for _, end in near if lo < end <= hi)]:
            if all(end <= start or begin >= start + trip for begin, end in near):
                return start
        return None


@dataclass(slots=True)
class _Bin:
    vehicle: _Vehicle
    start: datetime
    requests: list[_Request] = field(default_factory=list)

    @property
    def people(self) -> int:
        return sum(r.people for r in self.requests)

    def room_for(self, request: _Request) -> bool:
        seats = self.vehicle.seats
        fits = seats is None or self.people + request.people <= seats
        return fits and request.lo <= self.start <= request.hi


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}")
    return moment.astimezone(UTC)


def _served(spec: FestivalSpec) -> set[tuple[str, str, str | None]]:
    served: set[tuple[str, str, str | None]] = set()
    for t in spec.transfers:
        for d in t.delegations:
            served.add((ARRIVAL, d, t.from_place))
            served.add((DEPARTURE, d, t.to_place))
    return served


def _requests(spec: FestivalSpec, window: timedelta, trip: timedelta) -> list[_Request]:
    served = _served(spec)
    out = []
    for d in sorted(spec.delegations.values(), key=lambda d: d.key):
        for kind in KINDS:
            movement = d.arrival if kind == ARRIVAL else d.departure
            if movement is None or not movement.place:
                continue
            if (kind, d.key, movement.place) in served:
                continue
            at = _utc(movement.at)
            lo, hi = (at, at + window) if kind == ARRIVAL else (at - window - trip, at - trip)
            out.append(_Request(d.key, kind, movement.place, d.hotel, at, _people(d), lo, hi))
    return out


def _people(d: DelegationSpec) -> int:
    return len(d.members)


def _groups(requests: list[_Request], window: timedelta) -> list[list[_Request]]:
    """Same kind, place and hotel, times within ``window`` of the group's first."""
    by_route: dict[tuple[str, str, str], list[_Request]] = defaultdict(list)
    for r in requests:
        assert r.hotel is not None
        by_route[(r.kind, r.place, r.hotel)].append(r)
    groups: list[list[_Request]] = []
    for _, route in sorted(by_route.items()):
        current: list[_Request] = []
        for r in sorted(route, key=lambda r: (r.at, r.delegation)):
            if current and r.at - current[0].at > window:
                groups.append(current)
                current = []
            current.append(r)
        groups.append(current)
    return sorted(
        groups,
        key=lambda g: (max(r.lo for r in g), g[0].kind, g[0].place, g[0].hotel or "", g[0].at),
    )


def _capacity(vehicle: _Vehicle) -> float:
    return float("inf") if vehicle.seats is None else vehicle.seats


def _open_bin(
    request: _Request,
    waiting: int,
    window: tuple[datetime, datetime],
    vehicles: list[_Vehicle],
    trip: timedelta,
) -> _Bin | None:
    """A new transfer for ``request``: the smallest free vehicle seating all ``waiting``
    people, else the largest free one seating ``request``; inside the group's ``window``
    if any vehicle is free then, else inside the request's own."""
    for lo, hi in (window, (request.lo, request.hi)):
        free = []
        for v in vehicles:
            if not v.fits(request.people):
                continue
            start = v.earliest(lo, hi, trip)
            if start is not None:
                free.append((v, start))
        if not free:
            continue
        everyone = [(v, s) for v, s in free if v.fits(waiting)]
        if everyone:
            vehicle, start = min(everyone, key=lambda vs: (_capacity(vs[0]), vs[1], vs[0].key))
        else:
            vehicle, start = min(free, key=lambda vs: (-_capacity(vs[0]), vs[1], vs[0].key))
        return _Bin(vehicle, start)
    return None


def _pack(
    group: list[_Request], vehicles: list[_Vehicle], trip: timedelta, *, together: bool
) -> tuple[list[_Bin], list[Unserved]]:
    """Pack one group into transfers, booking their vehicles. ``together``: first fit
    decreasing, a new transfer placed where the whole group can still join; otherwise in
    order of time, each new transfer in its first delegation's own window."""
    shared = (max(r.lo for r in group), min(r.hi for r in group))
    waiting = sum(r.people for r in group)
    if together:
        order = sorted(group, key=lambda r: (-r.people, r.delegation))
    else:
        order = sorted(group, key=lambda r: (r.lo, r.delegation))
    opened: list[_Bin] = []
    missed: list[Unserved] = []
    for r in order:
        place = next((b for b in opened if b.room_for(r)), None)
        if place is None:
            own = (r.lo, r.hi)
            place = _open_bin(r, waiting, shared if together else own, vehicles, trip)
            if place is None:
                reason = _reason(r, vehicles)
                missed.append(Unserved(r.delegation, r.kind, r.place, r.at, r.people, reason))
                waiting -= r.people
                continue
            place.vehicle.book(place.start, place.start + trip)
            opened.append(place)
        place.requests.append(r)
        waiting -= r.people
    return opened, missed


def _release(bins: list[_Bin], trip: timedelta) -> None:
    for b in bins:
        b.vehicle.unbook(b.start, b.start + trip)


def _reason(request: _Request, vehicles: list[_Vehicle]) -> str:
    if not vehicles:
        return NO_VEHICLES
    if not any(v.fits(request.people) for v in vehicles):
        return TOO_SMALL
    return BUSY


def _key(kind: str, delegation: str, taken: set[str]) -> str:
    base = f"{_PREFIX[kind]}-{delegation}"[:KEY_LENGTH]
    key, n = base, 2
    while key in taken:
        suffix = f"-{n}"
        key = base[: KEY_LENGTH - len(suffix)] + suffix
        n += 1
    taken.add(key)
    return key


def plan_transfers(
    spec: FestivalSpec, *, window: timedelta = DEFAULT_WINDOW, trip: timedelta = DEFAULT_TRIP
) -> TransferPlan:
    """The transfers the festival is missing (module docstring for the rules).

    ``window`` must not be negative and ``trip`` must be positive (``ValueError``).
    Arrival and departure times may be in any zone; the plan's times are in UTC.
    """
    if window < timedelta(0):
        raise ValueError("the window must not be negative")
    if trip <= timedelta(0):
        raise ValueError("a trip must last some time")
    vehicles = [_Vehicle(v.key, v.seats) for v in sorted(spec.vehicles.values(), key=_by_key)]
    by_key = {v.key: v for v in vehicles}
    for t in spec.transfers:
        v = by_key.get(t.vehicle) if t.vehicle is not None else None
        start, end = _utc(t.starts_at), _utc(t.ends_at)
        if v is not None and start < end:
            v.book(start, end)
    unserved: list[Unserved] = []
    requests = []
    for r in _requests(spec, window, trip):
        if r.hotel is None:
            unserved.append(Unserved(r.delegation, r.kind, r.place, r.at, r.people, NO_HOTEL))
        else:
            requests.append(r)
    bins: list[_Bin] = []
    for group in _groups(requests, window):
        opened, missed = _pack(group, vehicles, trip, together=True)
        if missed:
            # Split groups may fit when each part keeps its own window: try that, keep the
            # packing that serves more.
            _release(opened, trip)
            alone, missed_alone = _pack(group, vehicles, trip, together=False)
            if len(missed_alone) < len(missed):
                opened, missed = alone, missed_alone
            else:
                _release(alone, trip)
                opened, missed = _pack(group, vehicles, trip, together=True)
        bins += opened
        unserved += missed
    if unserved:
        order = sorted(unserved, key=lambda u: (u.at, KINDS.index(u.kind), u.delegation))
        return TransferPlan((), tuple(order), window, trip)
    taken = {t.key for t in spec.transfers}
    planned = []
    for b in sorted(bins, key=lambda b: (b.start, KINDS.index(b.requests[0].kind), b.vehicle.key)):
        first = b.requests[0]
        keys = tuple(sorted(r.delegation for r in b.requests))
        hotel = first.hotel or ""
        places = (first.place, hotel) if first.kind == ARRIVAL else (hotel, first.place)
        planned.append(
            PlannedTransfer(
                key=_key(first.kind, keys[0], taken),
                kind=first.kind,
                vehicle=b.vehicle.key,
                seats=b.vehicle.seats,
                delegations=keys,
                people=b.people,
                from_place=places[0],
                to_place=places[1],
                starts_at=b.start,
                ends_at=b.start + trip,
            )
        )
    return TransferPlan(tuple(planned), (), window, trip)


def _by_key(item: object) -> str:
    return str(getattr(item, "key", ""))


__all__ = [
    "ARRIVAL",
    "BUSY",
    "DEFAULT_TRIP",
    "DEFAULT_WINDOW",
    "DEPARTURE",
    "NO_HOTEL",
    "NO_VEHICLES",
    "REASONS",
    "TOO_SMALL",
    "PlannedTransfer",
    "TransferPlan",
    "Unserved",
    "plan_transfers",
]
