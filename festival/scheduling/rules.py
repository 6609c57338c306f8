"""The scheduling rules of docs/rules.md: a FestivalSpec in, every finding out, in order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Generic, NamedTuple, TypeVar

from festival.scheduling.findings import Finding, error, warning
from festival.scheduling.intervals import Span, intersection, overlapping_pairs
from festival.scheduling.spec import (
    WEEKDAYS,
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    HoldSpec,
    OpeningInterval,
    SessionSpec,
    TransferSpec,
    VenueSpec,
)
from festival.scheduling.timefmt import format_instant, format_range

T = TypeVar("T")

# docs/rules.md's tables, top to bottom: findings are ordered by severity, then by this.
ERROR_CODES: tuple[str, ...] = (
    "malformed-json",
    "invalid-value",
    "duplicate-key",
    "unknown-reference",
    "invalid-interval",
    "venue-double-booking",
    "vehicle-double-booking",
    "interpreter-double-booking",
    "vehicle-over-capacity",
)
WARNING_CODES: tuple[str, ...] = (
    "over-capacity",
    "missing-equipment",
    "outside-opening-hours",
    "outside-festival-dates",
    "delegation-overlap",
    "before-arrival",
    "after-departure",
    "no-arrival-transfer",
    "no-departure-transfer",
    "interpreter-language",
    "member-without-hotel",
    "unmet-need",
)
_RANK = {code: rank for rank, code in enumerate(ERROR_CODES + WARNING_CODES)}

# Sorts untimed items after every timed one.
_NEVER = datetime.max.replace(tzinfo=UTC)


def finding_order(finding: Finding) -> tuple[int, int]:
    """Sort key placing errors before warnings, then codes in the table order of docs/rules.md."""
    return (0 if finding.is_error else 1, _RANK.get(finding.code, len(_RANK)))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Merge findings (e.g. the reader's and the rules') into the order of docs/rules.md.

    Stable: within one code the incoming order (each source's own order) is kept.
    """
    return sorted(findings, key=finding_order)


def to_utc(moment: datetime) -> datetime:
    """``moment`` as a UTC instant; a naive datetime is a bug in the caller (ValueError)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} given to the scheduling rules")
    return moment.astimezone(UTC)


def occupation(
    starts_at: datetime, ends_at: datetime, venue: VenueSpec
) -> tuple[datetime, datetime]:
    """The half-open interval over which a session or hold occupies ``venue``, in UTC.

    ``[starts_at - setup, ends_at + teardown)``. The buffers are subtracted from UTC
    instants, so they are real elapsed minutes also across a daylight-saving change.
    Raises ValueError for naive datetimes.
    """
    return to_utc(starts_at) - venue.setup, to_utc(ends_at) + venue.teardown


def languages_match(a: str, b: str) -> bool:
    """BCP 47 tags match when equal or one extends the other (``zh`` ~ ``zh-Hans``)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return longer.startswith(shorter) and longer[len(shorter)] == "-"


def speaks_any(spoken: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether some tag of ``spoken`` matches some tag of ``wanted``."""
    wanted = tuple(wanted)
    return any(languages_match(s, w) for s in spoken for w in wanted)


def session_path(session: SessionSpec) -> str:
    return session.path or f"events[{session.event}].sessions[{session.key}]"


def hold_path(hold: HoldSpec) -> str:
    return hold.path or f"venue_holds[{hold.key}]"


def transfer_path(transfer: TransferSpec) -> str:
    return transfer.path or f"transfers[{transfer.key}]"


def assignment_path(assignment: AssignmentSpec) -> str:
    return assignment.path or f"interpreter_assignments[{assignment.key}]"


@dataclass(frozen=True, slots=True)
class Timed(Generic[T]):
    """An item with valid own times (UTC); ``order`` names pairs and sorts findings."""

    key: str
    start: datetime
    end: datetime
    spec: T
    order: tuple = ()


class _Hit(NamedTuple):
    order: tuple
    finding: Finding
    # Session (or hold) keys the finding is about, for ``only_sessions``.
    about: frozenset[str]


_NOTHING: frozenset[str] = frozenset()


@dataclass(slots=True)
class Plan:
    """The spec read once: UTC times, the items that take part in rules, invalid intervals."""

    spec: FestivalSpec
    zone: tzinfo
    invalid: list[_Hit] = field(default_factory=list)
    # Not cancelled, ends after starts.
    sessions: list[Timed[SessionSpec]] = field(default_factory=list)
    session_by_key: dict[str, Timed[SessionSpec]] = field(default_factory=dict)
    holds: list[Timed[HoldSpec]] = field(default_factory=list)
    transfers: list[Timed[TransferSpec]] = field(default_factory=list)
    # Assignments with a busy interval: a live session's own times, or valid own times.
    busy: list[Timed[AssignmentSpec]] = field(default_factory=list)
    # Assignments the language rule reads (busy ones, and those with no times at all).
    staffed: list[tuple[AssignmentSpec, datetime | None]] = field(default_factory=list)


def _invalid(kind: int, key: str, path: str, start: datetime, end: datetime, zone: tzinfo) -> _Hit:
    finding = error(
        "invalid-interval",
        ("at", f"{path}.ends_at"),
        text=f"ends {format_instant(end, zone)}, not after start {format_instant(start, zone)}",
    )
    about = frozenset((key,)) if kind < 2 else _NOTHING
    return _Hit((start, key, kind, path), finding, about)


def plan(spec: FestivalSpec) -> Plan:
    """Normalise ``spec``: every time to UTC, invalid intervals found and set aside."""
    zone = spec.timezone
    result = Plan(spec, zone)
    # A cancelled session with ends <= starts is still reported: it cannot be stored.
    for s in spec.sessions:
        start, end = to_utc(s.starts_at), to_utc(s.ends_at)
        if not start < end:
            result.invalid.append(_invalid(0, s.key, session_path(s), start, end, zone))
        elif not s.cancelled:
            item = Timed(s.key, start, end, s, (start, s.key, 0))
            result.sessions.append(item)
            result.session_by_key[s.key] = item
    for h in spec.holds:
        start, end = to_utc(h.starts_at), to_utc(h.ends_at)
        if not start < end:
            result.invalid.append(_invalid(1, h.key, hold_path(h), start, end, zone))
        else:
            result.holds.append(Timed(h.key, start, end, h, (start, h.key, 1)))
    for t in spec.transfers:
        start, end = to_utc(t.starts_at), to_utc(t.ends_at)
        if not start < end:
            result.invalid.append(_invalid(2, t.key, transfer_path(t), start, end, zone))
        else:
            result.transfers.append(Timed(t.key, start, end, t, (start, t.key)))
    for a in spec.assignments:
        if a.session is not None:
            # Its own times, if any, are not read: the session's times are the busy time.
            session = result.session_by_key.get(a.session)
            if session is None:
                continue  # unknown, cancelled or invalid: occupies nothing
            start, end = session.start, session.end
        elif a.starts_at is not None and a.ends_at is not None:
            start, end = to_utc(a.starts_at), to_utc(a.ends_at)
            if not start < end:
                result.invalid.append(_invalid(3, a.key, assignment_path(a), start, end, zone))
                continue
        else:
            result.staffed.append((a, None))
            continue
        result.busy.append(Timed(a.key, start, end, a, (start, a.key)))
        result.staffed.append((a, start))
    return result


# --- pair rules ------------------------------------------------------------------


def _pair_hits(
    make: Callable[..., Finding],
    code: str,
    owner: tuple[str, str],
    list_name: str,
    pairs: Iterable[tuple[Span[Timed], Span[Timed]]],
    zone: tzinfo,
    about: Callable[[Timed, Timed], frozenset[str]],
) -> list[_Hit]:
    hits = []
    for span_a, span_b in pairs:
        if span_b.item.order < span_a.item.order:
            span_a, span_b = span_b, span_a
        a, b = span_a.item, span_b.item
        start, end = intersection(span_a, span_b)
        finding = make(
            code,
            owner,
            (list_name, f"{a.key},{b.key}"),
            text=f"overlap {format_range(start, end, zone)}",
        )
        order = (a.order[0], b.order[0], a.order[1:], b.order[1:], owner[1])
        hits.append(_Hit(order, finding, about(a, b)))
    return hits


def _keys_about(a: Timed, b: Timed) -> frozenset[str]:
    return frozenset((a.key, b.key))


def _sessions_about(a: Timed[AssignmentSpec], b: Timed[AssignmentSpec]) -> frozenset[str]:
    return frozenset(x.spec.session for x in (a, b) if x.spec.session is not None)


def _nothing_about(a: Timed, b: Timed) -> frozenset[str]:
    return _NOTHING


def venue_double_booking(p: Plan) -> list[_Hit]:
    """Two occupations (sessions or holds, with buffers) of one non-shared venue overlap.

    Error ``venue=``, ``sessions=A,B``; text: the overlap of the occupied intervals in
    festival local time. Venues not in the spec are skipped (the reader reports them).
    """
    venues = p.spec.venues
    by_venue: dict[str, list[Span[Timed]]] = defaultdict(list)
    occupying: list[Timed[SessionSpec] | Timed[HoldSpec]] = [*p.sessions, *p.holds]
    for item in occupying:
        venue = venues.get(item.spec.venue)
        if venue is None or venue.shared:
            continue
        start, end = item.start - venue.setup, item.end + venue.teardown
        by_venue[venue.key].append(Span(start, end, item))
    hits = []
    for key, spans in by_venue.items():
        pairs = overlapping_pairs(spans)
        hits += _pair_hits(
            error, "venue-double-booking", ("venue", key), "sessions", pairs, p.zone, _keys_about
        )
    return hits


def vehicle_double_booking(p: Plan) -> list[_Hit]:
    """One vehicle is in two transfers whose own times overlap.

    Error ``vehicle=``, ``transfers=A,B``; text: the overlap in festival local time.
    """
    by_vehicle: dict[str, list[Span[Timed]]] = defaultdict(list)
    for item in p.transfers:
        if item.spec.vehicle is not None:
            by_vehicle[item.spec.vehicle].append(Span(item.start, item.end, item))
    hits = []
    for key, spans in by_vehicle.items():
        pairs = overlapping_pairs(spans)
        hits += _pair_hits(
            error,
            "vehicle-double-booking",
            ("vehicle", key),
            "transfers",
            pairs,
            p.zone,
            _nothing_about,
        )
    return hits


def interpreter_double_booking(p: Plan) -> list[_Hit]:
    """One interpreter is in two assignments whose busy times overlap.

    A session assignment is busy over the session's own times (no venue buffers); two
    assignments to the same session (for two delegations) are one job and never clash.
    Error ``interpreter=``, ``assignments=A,B``.
    """
    by_interpreter: dict[str, list[Span[Timed]]] = defaultdict(list)
    for item in p.busy:
        a = item.spec
        by_interpreter[a.interpreter].append(Span(item.start, item.end, item, a.session))
    hits = []
    for key, spans in by_interpreter.items():
        pairs = overlapping_pairs(spans)
        hits += _pair_hits(
            error,
            "interpreter-double-booking",
            ("interpreter", key),
            "assignments",
            pairs,
            p.zone,
            _sessions_about,
        )
    return hits


def delegation_overlap(p: Plan) -> list[_Hit]:
    """A delegation listed on the events of two sessions whose own times overlap.

    Warning ``delegation=``, ``sessions=A,B``. Sessions of unknown events are skipped.
    """
    events = p.spec.events
    by_delegation: dict[str, list[Span[Timed]]] = defaultdict(list)
    for item in p.sessions:
        event = events.get(item.spec.event)
        if event is None:
            continue
        for delegation in dict.fromkeys(event.delegations):
            by_delegation[delegation].append(Span(item.start, item.end, item))
    hits = []
    for key, spans in by_delegation.items():
        pairs = overlapping_pairs(spans)
        hits += _pair_hits(
            warning,
            "delegation-overlap",
            ("delegation", key),
            "sessions",
            pairs,
            p.zone,
            _keys_about,
        )
    return hits


# --- transfers -------------------------------------------------------------------


def vehicle_over_capacity(p: Plan) -> list[_Hit]:
    """A transfer carries more people (members of its delegations) than its vehicle seats.

    Error ``transfer=``, ``vehicle=``. A vehicle without a seat count is not checked.
    """
    vehicles, delegations = p.spec.vehicles, p.spec.delegations
    hits = []
    for item in p.transfers:
        t = item.spec
        vehicle = vehicles.get(t.vehicle) if t.vehicle is not None else None
        if vehicle is None or vehicle.seats is None:
            continue
        carried = sum(len(delegations[d].members) for d in set(t.delegations) if d in delegations)
        if carried > vehicle.seats:
            finding = error(
                "vehicle-over-capacity",
                ("transfer", t.key),
                ("vehicle", vehicle.key),
                text=f"carries {carried}, seats {vehicle.seats}",
            )
            hits.append(_Hit(item.order, finding, _NOTHING))
    return hits


def _movement_transfers(p: Plan, code: str) -> list[_Hit]:
    if not p.transfers:
        return []
    arriving = code == "no-arrival-transfer"
    served: set[tuple[str, str | None]] = set()
    for item in p.transfers:
        t = item.spec
        place = t.from_place if arriving else t.to_place
        served.update((d, place) for d in t.delegations)
    hits = []
    for d in p.spec.delegations.values():
        movement = d.arrival if arriving else d.departure
        if movement is None or not movement.place or (d.key, movement.place) in served:
            continue
        at = to_utc(movement.at)
        verb = "arrives" if arriving else "departs"
        text = f"{verb} {movement.place} {format_instant(at, p.zone)}"
        finding = warning(code, ("delegation", d.key), text=text)
        hits.append(_Hit((at, d.key), finding, _NOTHING))
    return hits


def no_arrival_transfer(p: Plan) -> list[_Hit]:
    """The festival has transfers, and none carries a delegation from its arrival place.

    Warning ``delegation=``. Only delegations whose arrival names a place are checked.
    """
    return _movement_transfers(p, "no-arrival-transfer")


def no_departure_transfer(p: Plan) -> list[_Hit]:
    """The festival has transfers, and none carries a delegation to its departure place.

    Warning ``delegation=``. Only delegations whose departure names a place are checked.
    """
    return _movement_transfers(p, "no-departure-transfer")


# --- per-session rules -----------------------------------------------------------


def _session_venue_event(
    p: Plan,
) -> Iterable[tuple[Timed[SessionSpec], VenueSpec, EventSpec]]:
    venues, events = p.spec.venues, p.spec.events
    for item in p.sessions:
        venue = venues.get(item.spec.venue)
        event = events.get(item.spec.event)
        if venue is not None and event is not None:
            yield item, venue, event


def _session_finding(item: Timed[SessionSpec], finding: Finding) -> _Hit:
    return _Hit(item.order, finding, frozenset((item.key,)))


def over_capacity(p: Plan) -> list[_Hit]:
    """The event's expected attendance is above the venue's capacity (both given).

    Warning ``session=``, ``venue=``, one per session; equal is fine.
    """
    hits = []
    for item, venue, event in _session_venue_event(p):
        expected, capacity = event.expected_attendance, venue.capacity
        if expected is not None and capacity is not None and expected > capacity:
            finding = warning(
                "over-capacity",
                ("session", item.key),
                ("venue", venue.key),
                text=f"expected {expected}, capacity {capacity}",
            )
            hits.append(_session_finding(item, finding))
    return hits


def missing_equipment(p: Plan) -> list[_Hit]:
    """The event requires equipment its session's venue lacks.

    Warning ``session=``, ``venue=``, ``equipment=`` every missing item in the event's order.
    """
    hits = []
    for item, venue, event in _session_venue_event(p):
        missing = [need for need in dict.fromkeys(event.requires) if need not in venue.equipment]
        if missing:
            finding = warning(
                "missing-equipment",
                ("session", item.key),
                ("venue", venue.key),
                ("equipment", ",".join(missing)),
            )
            hits.append(_session_finding(item, finding))
    return hits


def _wall_instant(day: date, clock: time, zone: tzinfo) -> datetime:
    # fold=0 picks the first of a repeated wall time; a skipped one lands past the gap.
    return datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


def _opening_span(day: date, opening: OpeningInterval, zone: tzinfo) -> tuple[datetime, datetime]:
    closes_on = day if opening.closes > opening.opens else day + timedelta(days=1)
    return _wall_instant(day, opening.opens, zone), _wall_instant(closes_on, opening.closes, zone)


def within_opening_hours(
    start: datetime,
    end: datetime,
    hours: Mapping[int, tuple[OpeningInterval, ...]] | None,
    zone: tzinfo,
) -> bool:
    """Whether ``[start, end)`` lies within one opening interval of ``hours`` (read in ``zone``).

    ``None`` is always open; a weekday absent from ``hours`` is closed. An interval with
    ``closes <= opens`` runs past midnight into the next day, so intervals opened on the
    day before the start's local date are considered too. Opening exactly at the start
    or closing exactly at the end is fine.
    """
    if hours is None:
        return True
    start, end = to_utc(start), to_utc(end)
    day = start.astimezone(zone).date()
    for opened_on in (day - timedelta(days=1), day):
        for opening in hours.get(opened_on.weekday(), ()):
            opens, closes = _opening_span(opened_on, opening, zone)
            if opens <= start and end <= closes:
                return True
    return False


def _describe_hours(intervals: tuple[OpeningInterval, ...]) -> str:
    if not intervals:
        return "closed"
    return ",".join(f"{i.opens:%H:%M}-{i.closes:%H:%M}" for i in intervals)


def outside_opening_hours(p: Plan) -> list[_Hit]:
    """A session's own times (no buffers) do not lie within one opening interval of its venue.

    Warning ``session=``, ``venue=``. Read in festival wall time; see ``within_opening_hours``.
    """
    hits = []
    venues = p.spec.venues
    for item in p.sessions:
        venue = venues.get(item.spec.venue)
        if venue is None or venue.opening_hours is None:
            continue
        if within_opening_hours(item.start, item.end, venue.opening_hours, p.zone):
            continue
        weekday = item.start.astimezone(p.zone).weekday()
        hours = _describe_hours(venue.opening_hours.get(weekday, ()))
        text = f"runs {format_range(item.start, item.end, p.zone)}; {WEEKDAYS[weekday]} {hours}"
        finding = warning(
            "outside-opening-hours", ("session", item.key), ("venue", venue.key), text=text
        )
        hits.append(_session_finding(item, finding))
    return hits


def outside_festival_dates(p: Plan) -> list[_Hit]:
    """A session starts (festival local date) before ``starts_on`` or after ``ends_on``.

    Warning ``session=``. A session may run past midnight on the last day.
    """
    first, last = p.spec.starts_on, p.spec.ends_on
    hits = []
    for item in p.sessions:
        day = item.start.astimezone(p.zone).date()
        if first <= day <= last:
            continue
        text = f"starts {format_instant(item.start, p.zone)}, festival {first}..{last}"
        finding = warning("outside-festival-dates", ("session", item.key), text=text)
        hits.append(_session_finding(item, finding))
    return hits


def _session_delegations(p: Plan) -> Iterable[tuple[Timed[SessionSpec], DelegationSpec]]:
    events, delegations = p.spec.events, p.spec.delegations
    for item in p.sessions:
        event = events.get(item.spec.event)
        if event is None:
            continue
        for key in dict.fromkeys(event.delegations):
            delegation = delegations.get(key)
            if delegation is not None:
                yield item, delegation


def before_arrival(p: Plan) -> list[_Hit]:
    """A delegation's session starts before the delegation arrives (exactly at is fine).

    Warning ``delegation=``, ``session=``.
    """
    hits = []
    for item, d in _session_delegations(p):
        if d.arrival is None:
            continue
        arrives = to_utc(d.arrival.at)
        if item.start < arrives:
            text = (
                f"starts {format_instant(item.start, p.zone)}, "
                f"arrives {format_instant(arrives, p.zone)}"
            )
            finding = warning(
                "before-arrival", ("delegation", d.key), ("session", item.key), text=text
            )
            hits.append(_Hit((*item.order, d.key), finding, frozenset((item.key,))))
    return hits


def after_departure(p: Plan) -> list[_Hit]:
    """A delegation's session ends after the delegation departs (exactly at is fine).

    Warning ``delegation=``, ``session=``.
    """
    hits = []
    for item, d in _session_delegations(p):
        if d.departure is None:
            continue
        departs = to_utc(d.departure.at)
        if item.end > departs:
            text = (
                f"ends {format_instant(item.end, p.zone)}, "
                f"departs {format_instant(departs, p.zone)}"
            )
            finding = warning(
                "after-departure", ("delegation", d.key), ("session", item.key), text=text
            )
            hits.append(_Hit((*item.order, d.key), finding, frozenset((item.key,))))
    return hits


# --- people ----------------------------------------------------------------------


def interpreter_language(p: Plan) -> list[_Hit]:
    """The interpreter must speak (a) the session's language and (b) one of the delegation's.

    (a) is the session's event ``language``; for an assignment without a session, or an
    event without a language, any one of the festival's languages (none listed: skipped).
    (b) is any language of any member of the assignment's delegation (none declared:
    skipped). Tags match case-insensitively, a prefix at a ``-`` boundary matching
    (``zh`` ~ ``zh-Hans``). Assignments to unknown, cancelled or invalid sessions, and
    unknown interpreters or events, are skipped. Warning ``assignment=``.
    """
    spec = p.spec
    hits = []
    for a, start in p.staffed:
        interpreter = spec.interpreters.get(a.interpreter)
        if interpreter is None:
            continue
        event = None
        if a.session is not None:
            event = spec.events.get(p.session_by_key[a.session].spec.event)
            if event is None:
                continue
        spoken = interpreter.languages
        lacks = []
        if event is not None and event.language:
            if not speaks_any(spoken, (event.language,)):
                lacks.append(f"session language {event.language}")
        elif spec.languages and not speaks_any(spoken, spec.languages):
            lacks.append(f"one of the festival's {','.join(spec.languages)}")
        delegation = spec.delegations.get(a.delegation) if a.delegation is not None else None
        if delegation is not None:
            theirs = list(dict.fromkeys(lang for m in delegation.members for lang in m.languages))
            if theirs and not speaks_any(spoken, theirs):
                lacks.append(f"one of the delegation's {','.join(theirs)}")
        if lacks:
            speaks = ",".join(spoken) or "none"
            text = f"{interpreter.key} speaks {speaks}; lacks {' and '.join(lacks)}"
            finding = warning("interpreter-language", ("assignment", a.key), text=text)
            about = frozenset((a.session,)) if a.session is not None else _NOTHING
            hits.append(_Hit((start or _NEVER, a.key), finding, about))
    return hits


def member_without_hotel(p: Plan) -> list[_Hit]:
    """The festival has hotels, and neither a member nor its delegation has one.

    Warning ``delegation=``, ``member=``; ordered by delegation key, then member key.
    """
    if not p.spec.has_hotels:
        return []
    hits = []
    for d in p.spec.delegations.values():
        if d.hotel:
            continue
        for m in d.members:
            if not m.hotel:
                finding = warning("member-without-hotel", ("delegation", d.key), ("member", m.key))
                hits.append(_Hit((d.key, m.key), finding, _NOTHING))
    return hits


def unmet_need(p: Plan) -> list[_Hit]:
    """A delegation is listed on a session whose venue lacks something one of its members
    ``needs``.

    Warning ``session=``, ``venue=``, ``delegation=``, ``needs=`` every missing item (in the
    order of the members, then of each member's needs), one per (session, delegation);
    ordered by the session's start, then its key, then the delegation's key.
    """
    needed: dict[str, tuple[str, ...]] = {}
    for key, d in p.spec.delegations.items():
        theirs = tuple(dict.fromkeys(need for m in d.members for need in m.needs))
        if theirs:
            needed[key] = theirs
    if not needed:
        return []
    venues = p.spec.venues
    hits = []
    for item, d in _session_delegations(p):
        wanted = needed.get(d.key)
        venue = venues.get(item.spec.venue)
        if not wanted or venue is None:
            continue
        missing = [need for need in wanted if need not in venue.equipment]
        if missing:
            finding = warning(
                "unmet-need",
                ("session", item.key),
                ("venue", venue.key),
                ("delegation", d.key),
                ("needs", ",".join(missing)),
            )
            hits.append(_Hit((*item.order, d.key), finding, frozenset((item.key,))))
    return hits


def _invalid_interval(p: Plan) -> list[_Hit]:
    return p.invalid


# Table order. The flag marks festival-wide rules, which ``only_sessions`` skips.
RULES: tuple[tuple[str, Callable[[Plan], list[_Hit]], bool], ...] = (
    ("invalid-interval", _invalid_interval, False),
    ("venue-double-booking", venue_double_booking, False),
    ("vehicle-double-booking", vehicle_double_booking, True),
    ("interpreter-double-booking", interpreter_double_booking, False),
    ("vehicle-over-capacity", vehicle_over_capacity, True),
    ("over-capacity", over_capacity, False),
    ("missing-equipment", missing_equipment, False),
    ("outside-opening-hours", outside_opening_hours, False),
    ("outside-festival-dates", outside_festival_dates, False),
    ("delegation-overlap", delegation_overlap, False),
    ("before-arrival", before_arrival, False),
    ("after-departure", after_departure, False),
    ("no-arrival-transfer", no_arrival_transfer, True),
    ("no-departure-transfer", no_departure_transfer, True),
    ("interpreter-language", interpreter_language, False),
    ("member-without-hotel", member_without_hotel, True),
    ("unmet-need", unmet_need, False),
)


def check_festival(
    spec: FestivalSpec, *, only_sessions: Collection[str] | None = None
) -> list[Finding]:
    """Every finding of docs/rules.md that the rules (not the reader) produce.

    Errors before warnings, each severity in the table order of docs/rules.md, each rule by
    the items' own start time then key (pairs: first start, second start, keys).
    Cancelled sessions take part in no rule except ``invalid-interval``. With
    ``only_sessions``, only findings about those session or hold keys are returned
    (naming one, an invalid interval at its path, or an assignment to it), and the
    festival-wide rules (vehicles, transfers, hotels) are not run. O(n log n) plus the
    number of findings. Raises ValueError for a naive datetime in ``spec``, TypeError
    for a bare string as ``only_sessions``.
    """
    if isinstance(only_sessions, str):
        # A bare key would silently become a set of its letters.
        raise TypeError("only_sessions takes a collection of keys, not one key")
    p = plan(spec)
    wanted = None if only_sessions is None else frozenset(only_sessions)
    findings: list[Finding] = []
    for _code, rule, festival_wide in RULES:
        if wanted is not None and festival_wide:
            continue
        hits = rule(p)
        hits.sort(key=_hit_order)
        findings.extend(h.finding for h in hits if wanted is None or h.about & wanted)
    return findings


def _hit_order(hit: _Hit) -> tuple:
    return hit.order
