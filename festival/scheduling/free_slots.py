"""Free slots: where a new confirmed session of a given length could go without a warning.

Contract section 7 ("Free slots"). A slot is a maximal window ``[starts_at, ends_at)`` at one
venue such that a new confirmed session of ``duration`` minutes starting at any whole minute
``t`` with ``starts_at <= t`` and ``t + duration <= ends_at`` raises none of
``venue-double-booking``, ``outside-opening-hours``, ``outside-festival-dates`` and, for each
delegation given (listed on the new session's event), ``delegation-overlap``,
``before-arrival`` and ``after-departure``, exactly as ``festival.scheduling.rules`` decides
them. ``t`` runs over the whole minutes of the festival-local days ``first_day`` to
``last_day`` inclusive.

Each rule is turned into a set of allowed or blocked start minutes (closed intervals of
whole minutes since the epoch), then one sweep per venue subtracts the sorted, merged
blocked intervals from the allowed ones: O(n log n) in the number of occupations, never a
minute-by-minute scan. A run ``a..b`` of allowed start minutes is the window
``[a, b + duration)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from festival.scheduling.rules import _opening_span, _wall_instant, plan, to_utc
from festival.scheduling.spec import FestivalSpec

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_MINUTE = 60_000_000  # microseconds
_MIDNIGHT = time(0, 0)

# A closed interval of whole minutes since the epoch (UTC): start minutes ``a..b``.
Minutes = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FreeSlot:
    """A maximal window ``[starts_at, ends_at)`` (UTC instants) at venue ``venue``."""

    venue: str
    starts_at: datetime
    ends_at: datetime


def _micros(moment: datetime) -> int:
    return (to_utc(moment) - _EPOCH) // _MICRO


def _ceil_minute(micros: int) -> int:
    return -(-micros // _MINUTE)


def _half_open(low: int, high: int) -> Minutes:
    """Whole minutes ``t`` (in microseconds ``t * 60e6``) with ``low <= t < high``."""
    return _ceil_minute(low), _ceil_minute(high) - 1


def _closed(low: int, high: int) -> Minutes:
    """Whole minutes with ``low <= t <= high``."""
    return _ceil_minute(low), high // _MINUTE


def _open(low: int, high: int) -> Minutes:
    """Whole minutes with ``low < t < high``."""
    return low // _MINUTE + 1, _ceil_minute(high) - 1


def _merge(intervals: Iterable[Minutes]) -> list[Minutes]:
    """Sorted, disjoint, non-adjacent intervals covering the same minutes; empty ones dropped."""
    merged: list[Minutes] = []
    for a, b in sorted(i for i in intervals if i[0] <= i[1]):
        if merged and a <= merged[-1][1] + 1:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _subtract(allowed: list[Minutes], blocked: list[Minutes]) -> list[Minutes]:
    """``allowed`` minus ``blocked``, both sorted and merged; one sweep over both."""
    out: list[Minutes] = []
    j = 0
    for a, b in allowed:
        while j < len(blocked) and blocked[j][1] < a:
            j += 1
        k = j
        start = a
        while k < len(blocked) and blocked[k][0] <= b:
            if blocked[k][0] > start:
                out.append((start, blocked[k][0] - 1))
            start = max(start, blocked[k][1] + 1)
            k += 1
        if start <= b:
            out.append((start, b))
    return out


def matching_venues(
    spec: FestivalSpec,
    *,
    venues: Sequence[str] | None = None,
    requires: Iterable[str] = (),
    capacity: int | None = None,
) -> list[str]:
    """The keys of ``venues`` (default: every venue, in the spec's order) that have every
    ``requires`` item and, when ``capacity`` is given, a capacity of at least that or none
    stated. Raises KeyError for a venue key not in ``spec``."""
    needed = frozenset(requires)
    keys = list(spec.venues) if venues is None else list(dict.fromkeys(venues))
    out = []
    for key in keys:
        venue = spec.venues[key]
        if not needed <= venue.equipment:
            continue
        if capacity is not None and venue.capacity is not None and venue.capacity < capacity:
            continue
        out.append(key)
    return out


def free_slots(
    spec: FestivalSpec,
    *,
    duration: int,
    first_day: date,
    last_day: date,
    venues: Sequence[str] | None = None,
    delegations: Sequence[str] = (),
) -> list[FreeSlot]:
    """Every maximal free window of ``venues`` (default: every venue of ``spec``), ordered by
    start, then venue key.

    ``duration`` is in minutes. ``delegations`` are the delegations the new session's event
    would list. Raises ValueError for a duration that is not a positive int, and KeyError for
    a venue or delegation key not in ``spec``. Opening hours are read in the festival's zone
    (past midnight and across a daylight-saving change as ``within_opening_hours`` does); a
    zone whose local date ever runs backwards (a fall-back across midnight) is not supported.
    """
    if isinstance(duration, bool) or not isinstance(duration, int) or duration <= 0:
        raise ValueError(f"duration must be a positive whole number of minutes, not {duration!r}")
    zone = spec.timezone
    length = duration * _MINUTE
    keys = list(spec.venues) if venues is None else list(dict.fromkeys(venues))
    wanted = [spec.venues[key] for key in keys]  # KeyError for an unknown venue
    chosen = [spec.delegations[key] for key in dict.fromkeys(delegations)]

    midnights: dict[date, int] = {}

    def midnight(day: date) -> int:
        if day not in midnights:
            midnights[day] = _micros(_wall_instant(day, _MIDNIGHT, zone))
        return midnights[day]

    # outside-festival-dates and the asked days: the start's local date, on both ranges.
    first = max(first_day, spec.starts_on)
    last = min(last_day, spec.ends_on)
    if first > last:
        return []
    low, high = _half_open(midnight(first), midnight(last + timedelta(days=1)))
    # before-arrival (starting exactly at the arrival is fine), after-departure (ending
    # exactly at the departure is fine).
    for d in chosen:
        if d.arrival is not None:
            low = max(low, _ceil_minute(_micros(d.arrival.at)))
        if d.departure is not None:
            high = min(high, (_micros(d.departure.at) - length) // _MINUTE)
    if low > high:
        return []

    p = plan(spec)
    # delegation-overlap: the new session's own times overlap another live session listing
    # one of the delegations (back to back is fine): blocked for ss - duration < t < se.
    listed = {d.key for d in chosen}
    common: list[Minutes] = []
    if listed:
        events = spec.events
        for item in p.sessions:
            event = events.get(item.spec.event)
            if event is not None and listed.intersection(event.delegations):
                ss, se = _micros(item.start), _micros(item.end)
                common.append(_open(ss - length, se))

    # venue-double-booking: occupations (sessions and holds, with the venue's buffers) of a
    # venue that is not shared. The new session occupies [t - setup, t + d + teardown).
    occupied: defaultdict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for session in p.sessions:
        occupied[session.spec.venue].append((session.start, session.end))
    for hold in p.holds:
        occupied[hold.spec.venue].append((hold.start, hold.end))

    slots: list[tuple[int, str, int]] = []
    for venue in wanted:
        if venue.opening_hours is None:
            allowed = [(low, high)]
        else:
            spans: list[Minutes] = []
            day = _local_date(low, zone) - timedelta(days=1)
            last_local = _local_date(high, zone)
            while day <= last_local:
                for opening in venue.opening_hours.get(day.weekday(), ()):
                    opens, closes = (_micros(x) for x in _opening_span(day, opening, zone))
                    a, b = _closed(opens, closes - length)
                    # within_opening_hours reads intervals opened on the start's local day
                    # and on the day before.
                    c, e = _half_open(midnight(day), midnight(day + timedelta(days=2)))
                    spans.append((max(a, c, low), min(b, e, high)))
                day += timedelta(days=1)
            allowed = _merge(spans)
        if not allowed:
            continue
        blocked = list(common)
        if not venue.shared:
            setup, teardown = venue.setup // _MICRO, venue.teardown // _MICRO
            for start, end in occupied.get(venue.key, ()):
                os, oe = _micros(start) - setup, _micros(end) + teardown
                blocked.append(_open(os - length - teardown, oe + setup))
        for a, b in _subtract(allowed, _merge(blocked)):
            slots.append((a, venue.key, b))
    slots.sort()
    return [
        FreeSlot(
            key,
            _EPOCH + timedelta(minutes=a),
            _EPOCH + timedelta(minutes=b) + timedelta(microseconds=length),
        )
        for a, key, b in slots
    ]


def _local_date(minute: int, zone: tzinfo) -> date:
    return (_EPOCH + timedelta(minutes=minute)).astimezone(zone).date()
