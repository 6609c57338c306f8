"""check_festival against an obviously correct pairwise checker on random festivals."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from festival.scheduling import (
    AssignmentSpec,
    EventSpec,
    FestivalSpec,
    Finding,
    HoldSpec,
    SessionSpec,
    Severity,
    TransferSpec,
    VenueSpec,
    check_festival,
    format_range,
    sort_findings,
)
from festival.vocabulary import SessionStatus

ZONE = ZoneInfo("Europe/Amsterdam")
# The night of the October switch, so random times straddle the repeated hour.
BASE = datetime(2026, 10, 24, 21, 30, tzinfo=UTC)
DELEGATIONS = ("d0", "d1", "d2")
PAIR_CODES = (
    "venue-double-booking",
    "vehicle-double-booking",
    "interpreter-double-booking",
    "delegation-overlap",
)


def instant(minute: int) -> datetime:
    return (BASE + timedelta(minutes=minute)).astimezone(ZONE)


@st.composite
def times(draw: st.DrawFn) -> tuple[datetime, datetime]:
    start = draw(st.integers(0, 48)) * 5
    length = draw(st.integers(-2, 24)) * 5  # zero and negative lengths are invalid
    return instant(start), instant(start + length)


@st.composite
def festivals(draw: st.DrawFn) -> FestivalSpec:
    buffers = st.sampled_from((0, 5, 15, 30, 60)).map(lambda m: timedelta(minutes=m))
    venues = {
        f"v{i}": VenueSpec(
            f"v{i}", setup=draw(buffers), teardown=draw(buffers), shared=draw(st.booleans())
        )
        for i in range(draw(st.integers(1, 3)))
    }
    venue_keys = st.sampled_from((*venues, "v-missing"))
    events = {
        f"e{i}": EventSpec(
            f"e{i}", delegations=tuple(draw(st.lists(st.sampled_from(DELEGATIONS), max_size=3)))
        )
        for i in range(3)
    }
    event_keys = st.sampled_from((*events, "e-missing"))
    statuses = st.sampled_from(tuple(SessionStatus))
    sessions = tuple(
        SessionSpec(f"s{i}", draw(event_keys), draw(venue_keys), *draw(times()), draw(statuses))
        for i in range(draw(st.integers(0, 14)))
    )
    holds = tuple(
        HoldSpec(f"h{i}", draw(venue_keys), *draw(times())) for i in range(draw(st.integers(0, 3)))
    )
    vehicles = st.sampled_from(("c0", "c1", None))
    transfers = tuple(
        TransferSpec(f"t{i}", draw(vehicles), (), None, None, *draw(times()))
        for i in range(draw(st.integers(0, 6)))
    )
    session_refs = st.sampled_from((*(s.key for s in sessions), "s-missing"))
    assignments = []
    for i in range(draw(st.integers(0, 8))):
        interpreter = draw(st.sampled_from(("i0", "i1")))
        delegation = draw(st.sampled_from(DELEGATIONS))
        if draw(st.booleans()):
            assignment = AssignmentSpec(f"a{i}", interpreter, delegation, draw(session_refs))
        else:
            start, end = draw(times())
            assignment = AssignmentSpec(
                f"a{i}", interpreter, delegation, starts_at=start, ends_at=end
            )
        assignments.append(assignment)
    return FestivalSpec(
        timezone=ZONE,
        starts_on=date(2026, 10, 25),
        ends_on=date(2026, 10, 25),
        venues=venues,
        events=events,
        sessions=sessions,
        holds=holds,
        transfers=transfers,
        assignments=tuple(assignments),
    )


def seconds(moment: datetime) -> float:
    return moment.timestamp()


def valid(start: datetime, end: datetime) -> bool:
    return seconds(start) < seconds(end)


def naive_pair_findings(spec: FestivalSpec) -> list[tuple]:
    """Every pair rule by brute force on POSIX seconds, in the order of docs/rules.md."""
    found = []

    def record(rank: int, code: str, owner: tuple[str, str], list_name: str, a, b) -> None:
        # a, b: (start, end, name order key, key, own start); name by own start, key, kind.
        a, b = sorted((a, b), key=lambda x: x[2])
        start, end = max(a[0], b[0]), min(a[1], b[1])
        text = "overlap " + format_range(
            datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC), ZONE
        )
        finding = Finding(_severity(code), code, (owner, (list_name, f"{a[3]},{b[3]}")), text=text)
        found.append(((rank, a[2][0], b[2][0], a[2][1:], b[2][1:], owner[1]), finding))

    def clash(a, b) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    # POSIX seconds, not ``<`` on datetimes: two datetimes sharing one ZoneInfo compare
    # by wall time, ignoring fold, so 02:00 CEST < 02:00 CET would be False.
    live = [
        s
        for s in spec.sessions
        if s.status != SessionStatus.CANCELLED and valid(s.starts_at, s.ends_at)
    ]
    live_by_key = {s.key: s for s in live}

    occupying = [(s, 0) for s in live]
    occupying += [(h, 1) for h in spec.holds if valid(h.starts_at, h.ends_at)]
    for (x, kx), (y, ky) in itertools.combinations(occupying, 2):
        venue = spec.venues.get(x.venue)
        if x.venue != y.venue or venue is None or venue.shared:
            continue
        setup, teardown = venue.setup.total_seconds(), venue.teardown.total_seconds()
        a = (
            seconds(x.starts_at) - setup,
            seconds(x.ends_at) + teardown,
            (seconds(x.starts_at), x.key, kx),
            x.key,
        )
        b = (
            seconds(y.starts_at) - setup,
            seconds(y.ends_at) + teardown,
            (seconds(y.starts_at), y.key, ky),
            y.key,
        )
        if clash(a, b):
            record(0, "venue-double-booking", ("venue", venue.key), "sessions", a, b)

    valid_transfers = [t for t in spec.transfers if valid(t.starts_at, t.ends_at)]
    for x, y in itertools.combinations(valid_transfers, 2):
        if x.vehicle is None or x.vehicle != y.vehicle:
            continue
        a = (seconds(x.starts_at), seconds(x.ends_at), (seconds(x.starts_at), x.key), x.key)
        b = (seconds(y.starts_at), seconds(y.ends_at), (seconds(y.starts_at), y.key), y.key)
        if clash(a, b):
            record(1, "vehicle-double-booking", ("vehicle", x.vehicle), "transfers", a, b)

    def busy(assignment: AssignmentSpec) -> tuple | None:
        if assignment.session is not None:
            session = live_by_key.get(assignment.session)
            if session is None:
                return None
            start, end = seconds(session.starts_at), seconds(session.ends_at)
        else:
            start, end = seconds(assignment.starts_at), seconds(assignment.ends_at)
            if not start < end:
                return None
        return (start, end, (start, assignment.key), assignment.key)

    for x, y in itertools.combinations(spec.assignments, 2):
        a, b = busy(x), busy(y)
        if a is None or b is None or x.interpreter != y.interpreter:
            continue
        if x.session is not None and x.session == y.session:
            continue
        if clash(a, b):
            owner = ("interpreter", x.interpreter)
            record(2, "interpreter-double-booking", owner, "assignments", a, b)

    for x, y in itertools.combinations(live, 2):
        ex, ey = spec.events.get(x.event), spec.events.get(y.event)
        if ex is None or ey is None:
            continue
        a = (seconds(x.starts_at), seconds(x.ends_at), (seconds(x.starts_at), x.key, 0), x.key)
        b = (seconds(y.starts_at), seconds(y.ends_at), (seconds(y.starts_at), y.key, 0), y.key)
        if not clash(a, b):
            continue
        for delegation in sorted(set(ex.delegations) & set(ey.delegations)):
            record(3, "delegation-overlap", ("delegation", delegation), "sessions", a, b)

    found.sort(key=lambda pair: pair[0])
    return [finding for _, finding in found]


def _severity(code: str) -> Severity:
    return Severity.WARNING if code == "delegation-overlap" else Severity.ERROR


def about(finding: Finding, key: str, spec: FestivalSpec) -> bool:
    """Whether ``finding`` concerns the session or hold ``key``, read from its names."""
    if finding.code in {"vehicle-double-booking", "vehicle-over-capacity"}:
        return False
    assigned = {a.key for a in spec.assignments if a.session == key}
    for name, value in finding.names:
        if name in {"session", "sessions"} and key in value.split(","):
            return True
        if name in {"assignment", "assignments"} and assigned & set(value.split(",")):
            return True
        if name == "at" and (
            value.endswith(f".sessions[{key}].ends_at") or value == f"venue_holds[{key}].ends_at"
        ):
            return True
    return False


PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(festivals())
def test_pair_rules_match_the_pairwise_checker(spec: FestivalSpec) -> None:
    found = check_festival(spec)
    assert [f for f in found if f.code in PAIR_CODES] == naive_pair_findings(spec)
    assert sort_findings(found) == found


@PROPERTY
@given(festivals(), st.data())
def test_only_sessions_is_the_full_result_about_those_keys(
    spec: FestivalSpec, data: st.DataObject
) -> None:
    keys = [s.key for s in spec.sessions] + [h.key for h in spec.holds]
    chosen = set(data.draw(st.lists(st.sampled_from(keys), max_size=2))) if keys else set()
    expected = [f for f in check_festival(spec) if any(about(f, key, spec) for key in chosen)]
    assert check_festival(spec, only_sessions=chosen) == expected
