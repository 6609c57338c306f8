"""A timing sanity check: check_festival on tens of thousands of random sessions."""

from __future__ import annotations

import random
import time as clock
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from festival.scheduling import (
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    InterpreterSpec,
    MemberSpec,
    Movement,
    OpeningInterval,
    SessionSpec,
    TransferSpec,
    VehicleSpec,
    VenueSpec,
    check_festival,
)

TEHRAN = ZoneInfo("Asia/Tehran")


def make_big_festival(sessions: int, seed: int = 2026) -> FestivalSpec:
    """About 50 sessions per venue over a week, with every kind of item, at random."""
    rng = random.Random(seed)
    first = date(2026, 10, 18)
    hours = {day: (OpeningInterval(time(8), time(22)),) for day in range(6)}
    venues = {
        f"v{i}": VenueSpec(
            f"v{i}",
            capacity=rng.randrange(20, 400),
            equipment=frozenset(rng.sample(["projector", "sound", "stage"], rng.randint(0, 3))),
            setup=timedelta(minutes=rng.choice((0, 15, 30))),
            teardown=timedelta(minutes=rng.choice((0, 15))),
            shared=rng.random() < 0.1,
            opening_hours=hours if rng.random() < 0.5 else None,
        )
        for i in range(max(1, sessions // 50))
    }
    delegation_keys = [f"d{i}" for i in range(max(10, sessions // 25))]
    arrival = Movement(datetime(2026, 10, 18, 9, tzinfo=TEHRAN), "IFN")
    departure = Movement(datetime(2026, 10, 24, 20, tzinfo=TEHRAN), "IFN")
    delegations = {
        key: DelegationSpec(
            key,
            hotel="abbasi" if rng.random() < 0.9 else None,
            arrival=arrival,
            departure=departure,
            members=tuple(
                MemberSpec(f"{key}-m{j}", languages=(rng.choice(("zh", "uz", "ru", "it")),))
                for j in range(rng.randint(1, 8))
            ),
        )
        for key in delegation_keys
    }
    events = {
        f"e{i}": EventSpec(
            f"e{i}",
            language=rng.choice(("en", "fa", None)),
            expected_attendance=rng.randrange(10, 300),
            requires=tuple(rng.sample(["projector", "sound", "stage"], rng.randint(0, 2))),
            delegations=tuple(rng.sample(delegation_keys, rng.randint(0, 2))),
        )
        for i in range(max(1, sessions // 5))
    }
    venue_keys, event_keys = list(venues), list(events)
    items = []
    for i in range(sessions):
        day = first + timedelta(days=rng.randrange(7))
        starts = datetime.combine(day, time(8), tzinfo=TEHRAN) + timedelta(
            minutes=5 * rng.randrange(14 * 12)
        )
        items.append(
            SessionSpec(
                f"s{i}",
                rng.choice(event_keys),
                rng.choice(venue_keys),
                starts,
                starts + timedelta(minutes=5 * rng.randint(6, 36)),
                rng.choice(("confirmed", "confirmed", "tentative", "cancelled")),
            )
        )
    base = datetime(2026, 10, 18, 8, tzinfo=TEHRAN)
    transfers = tuple(
        TransferSpec(
            f"t{i}",
            f"c{rng.randrange(20)}",
            tuple(rng.sample(delegation_keys, rng.randint(1, 3))),
            rng.choice(("IFN", "abbasi")),
            rng.choice(("IFN", "abbasi")),
            base + timedelta(minutes=15 * i),
            base + timedelta(minutes=15 * i + 45),
        )
        for i in range(max(1, sessions // 250))
    )
    assignments = tuple(
        AssignmentSpec(
            f"a{i}",
            f"i{rng.randrange(max(1, sessions // 200))}",
            rng.choice(delegation_keys),
            session=rng.choice(items).key,
        )
        for i in range(sessions // 10)
    )
    return FestivalSpec(
        timezone=TEHRAN,
        starts_on=first,
        ends_on=first + timedelta(days=6),
        languages=("en", "fa"),
        has_hotels=True,
        venues=venues,
        events=events,
        sessions=tuple(items),
        delegations=delegations,
        vehicles={f"c{i}": VehicleSpec(f"c{i}", 45) for i in range(20)},
        interpreters={
            f"i{i}": InterpreterSpec(f"i{i}", tuple(rng.sample(["en", "fa", "zh", "uz-Cyrl"], 2)))
            for i in range(max(1, sessions // 200))
        },
        transfers=transfers,
        assignments=assignments,
    )


def test_check_festival_on_a_thousand_sessions_is_quick() -> None:
    spec = make_big_festival(1_000)
    started = clock.perf_counter()
    found = check_festival(spec)
    assert found
    assert clock.perf_counter() - started < 5


@pytest.mark.slow
def test_check_festival_on_fifty_thousand_sessions_finishes() -> None:
    spec = make_big_festival(50_000)
    started = clock.perf_counter()
    found = check_festival(spec)
    elapsed = clock.perf_counter() - started
    assert found
    # Generous: a pairwise checker would take hours; the sweep takes seconds.
    assert elapsed < 60, f"{len(found)} findings in {elapsed:.1f} s"
