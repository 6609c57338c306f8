"""free_slots against a brute force: every whole minute tried with the real rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from festival.scheduling import (
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    HoldSpec,
    Movement,
    OpeningInterval,
    SessionSpec,
    VenueSpec,
    check_festival,
)
from festival.scheduling.free_slots import FreeSlot, free_slots
from festival.vocabulary import SessionStatus

ZONE = ZoneInfo("Europe/Berlin")
# Europe/Berlin falls back on Sunday 2026-10-25 at 03:00 CEST (01:00 UTC): a 25-hour day.
BASE = datetime(2026, 10, 23, 22, 0, tzinfo=UTC)  # Saturday 2026-10-24 00:00 CEST
DAYS = (date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26))
# It springs forward on Sunday 2026-03-29 at 02:00 CET: a 23-hour day, 02:xx never happens.
SPRING_BASE = datetime(2026, 3, 27, 23, 0, tzinfo=UTC)  # Saturday 2026-03-28 00:00 CET
SPRING_DAYS = (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30))
SEASONS = ((BASE, DAYS), (SPRING_BASE, SPRING_DAYS))
DELEGATIONS = ("d0", "d1")
CODES = {
    "venue-double-booking",
    "outside-opening-hours",
    "outside-festival-dates",
    "delegation-overlap",
    "before-arrival",
    "after-departure",
}


def instant(minute: int, second: int = 0, base: datetime = BASE) -> datetime:
    return (base + timedelta(minutes=minute, seconds=second)).astimezone(ZONE)


@st.composite
def times(draw: st.DrawFn, base: datetime) -> tuple[datetime, datetime]:
    start = draw(st.integers(-120, 4 * 1440))
    length = draw(st.integers(1, 300))
    second = draw(st.sampled_from((0, 0, 0, 30)))
    return instant(start, second, base), instant(start + length, second, base)


clocks = st.builds(
    time,
    st.integers(0, 23),
    st.sampled_from((0, 0, 15, 30, 45, 7)),
)


@st.composite
def opening_hours(draw: st.DrawFn) -> dict[int, tuple[OpeningInterval, ...]] | None:
    if draw(st.booleans()):
        return None
    hours = {}
    for weekday in range(7):
        if draw(st.integers(0, 5)) == 0:
            continue  # closed that day
        intervals = draw(
            st.lists(st.builds(OpeningInterval, clocks, clocks), min_size=1, max_size=2)
        )
        hours[weekday] = tuple(intervals)
    return hours


@st.composite
def festivals(draw: st.DrawFn, base: datetime, days: tuple[date, ...]) -> FestivalSpec:
    buffers = st.sampled_from((0, 5, 15, 30, 60)).map(lambda m: timedelta(minutes=m))
    venues = {
        f"v{i}": VenueSpec(
            f"v{i}",
            setup=draw(buffers),
            teardown=draw(buffers),
            shared=draw(st.integers(0, 3)) == 0,
            opening_hours=draw(opening_hours()),
        )
        for i in range(draw(st.integers(1, 2)))
    }
    venue_keys = st.sampled_from(tuple(venues))
    events = {
        f"e{i}": EventSpec(
            f"e{i}", delegations=tuple(draw(st.lists(st.sampled_from(DELEGATIONS), max_size=2)))
        )
        for i in range(3)
    }
    statuses = st.sampled_from(tuple(SessionStatus))
    sessions = tuple(
        SessionSpec(
            f"s{i}",
            draw(st.sampled_from(tuple(events))),
            draw(venue_keys),
            *draw(times(base)),
            draw(statuses),
        )
        for i in range(draw(st.integers(0, 8)))
    )
    holds = tuple(
        HoldSpec(f"h{i}", draw(venue_keys), *draw(times(base)))
        for i in range(draw(st.integers(0, 3)))
    )
    movements = st.one_of(
        st.none(),
        st.builds(
            lambda m, s: Movement(instant(m, s, base)),
            st.integers(0, 4 * 1440),
            st.sampled_from((0, 20)),
        ),
    )
    delegations = {
        key: DelegationSpec(key, arrival=draw(movements), departure=draw(movements))
        for key in DELEGATIONS
    }
    first = draw(st.sampled_from(days[:2]))
    return FestivalSpec(
        timezone=ZONE,
        starts_on=first,
        ends_on=draw(st.sampled_from([d for d in days if d >= first])),
        venues=venues,
        events=events,
        sessions=sessions,
        holds=holds,
        delegations=delegations,
    )


def brute_force(
    spec: FestivalSpec, duration: int, day: date, venues: list[str], delegations: list[str]
) -> list[FreeSlot]:
    """Try every whole minute of local day ``day`` at every venue with check_festival."""
    event = EventSpec("new-event", delegations=tuple(delegations))
    start = datetime.combine(day, time(0), tzinfo=ZONE).astimezone(UTC)
    minutes = []
    t = start
    while t.astimezone(ZONE).date() == day:
        minutes.append(t)
        t += timedelta(minutes=1)
    found = []
    for venue in venues:
        run: list[datetime] = []
        for t in minutes:
            new = SessionSpec("new", "new-event", venue, t, t + timedelta(minutes=duration))
            candidate = FestivalSpec(
                timezone=spec.timezone,
                starts_on=spec.starts_on,
                ends_on=spec.ends_on,
                venues=spec.venues,
                events={**spec.events, "new-event": event},
                sessions=(*spec.sessions, new),
                holds=spec.holds,
                delegations=spec.delegations,
            )
            bad = any(f.code in CODES for f in check_festival(candidate, only_sessions={"new"}))
            if not bad and run and t - run[-1] == timedelta(minutes=1):
                run.append(t)
                continue
            if run:
                found.append((run[0], venue, run[-1]))
            run = [] if bad else [t]
        if run:
            found.append((run[0], venue, run[-1]))
    found.sort()
    return [FreeSlot(v, a, b + timedelta(minutes=duration)) for a, v, b in found]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    season=st.sampled_from(SEASONS),
    duration=st.sampled_from((1, 15, 45, 60, 90, 150)),
    data=st.data(),
)
def test_free_slots_match_the_brute_force(
    season: tuple[datetime, tuple[date, ...]], duration: int, data: st.DataObject
) -> None:
    base, days = season
    spec = data.draw(festivals(base, days))
    day = data.draw(st.sampled_from(days))
    venues = data.draw(st.lists(st.sampled_from(tuple(spec.venues)), min_size=1, unique=True))
    delegations = data.draw(st.lists(st.sampled_from(DELEGATIONS), unique=True))
    got = free_slots(
        spec,
        duration=duration,
        first_day=day,
        last_day=day,
        venues=venues,
        delegations=delegations,
    )
    assert got == brute_force(spec, duration, day, venues, delegations)


def test_two_days_run_together_past_midnight() -> None:
    spec = FestivalSpec(
        timezone=ZONE,
        starts_on=DAYS[0],
        ends_on=DAYS[2],
        venues={"v": VenueSpec("v")},
    )
    [slot] = free_slots(spec, duration=60, first_day=DAYS[0], last_day=DAYS[1])
    assert slot.starts_at == datetime(2026, 10, 24, tzinfo=ZONE)
    # The last start is 23:59 of the 25th, so the window ends at 00:59 of the 26th.
    assert slot.ends_at == datetime(2026, 10, 26, 0, 59, tzinfo=ZONE)
    assert slot.ends_at - slot.starts_at == timedelta(hours=49, minutes=59)


def test_bad_arguments() -> None:
    spec = FestivalSpec(timezone=ZONE, starts_on=DAYS[0], ends_on=DAYS[2])
    for duration in (0, -5, 1.5, True):
        with pytest.raises(ValueError, match="duration"):
            free_slots(spec, duration=duration, first_day=DAYS[0], last_day=DAYS[0])  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        free_slots(spec, duration=5, first_day=DAYS[0], last_day=DAYS[0], venues=["x"])
    with pytest.raises(KeyError):
        free_slots(spec, duration=5, first_day=DAYS[0], last_day=DAYS[0], delegations=["x"])
