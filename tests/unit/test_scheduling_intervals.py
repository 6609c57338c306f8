"""Sweep-line overlap detection and the time formats of finding text."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from festival.scheduling import (
    Span,
    format_clock,
    format_instant,
    format_offset,
    format_range,
    overlapping_pairs,
)

T0 = datetime(2026, 10, 18, tzinfo=UTC)


def span(start: int, end: int, name: str, group: str | None = None) -> Span[str]:
    return Span(T0 + timedelta(minutes=start), T0 + timedelta(minutes=end), name, group)


def pair_names(spans: list[Span[str]]) -> set[frozenset[str]]:
    return {frozenset((a.item, b.item)) for a, b in overlapping_pairs(spans)}


@pytest.mark.parametrize(
    ("b", "clash"),
    [
        ((0, 60), True),
        ((0, 30), True),
        ((30, 60), True),
        ((15, 45), True),
        ((-10, 70), True),
        ((59, 120), True),
        ((60, 120), False),
        ((-60, 0), False),
        ((30, 30), False),
        ((40, 20), False),
    ],
    ids=[
        "exact",
        "shared-start",
        "shared-end",
        "contained",
        "containing",
        "one-minute",
        "back-to-back",
        "back-to-back-before",
        "empty",
        "reversed",
    ],
)
def test_overlapping_pairs_half_open(b: tuple[int, int], clash: bool) -> None:
    spans = [span(0, 60, "a"), span(*b, "b")]
    assert pair_names(spans) == ({frozenset("ab")} if clash else set())


def test_overlapping_pairs_skips_the_same_group_only() -> None:
    spans = [span(0, 60, "a", "x"), span(0, 60, "b", "x"), span(30, 90, "c", "y"), span(0, 10, "d")]
    assert pair_names(spans) == {
        frozenset("ac"),
        frozenset("bc"),
        frozenset("ad"),
        frozenset("bd"),
    }


def test_overlapping_pairs_matches_every_pair_on_random_spans() -> None:
    rng = random.Random(20261018)
    for _ in range(200):
        spans = []
        for i in range(rng.randint(0, 25)):
            start = rng.randrange(0, 300, 5)
            spans.append(span(start, start + rng.randrange(-20, 120, 5), str(i)))
        expected = {
            frozenset((a.item, b.item))
            for a, b in itertools.combinations(spans, 2)
            if a.start < a.end and b.start < b.end and a.start < b.end and b.start < a.end
        }
        pairs = overlapping_pairs(spans)
        assert len(pairs) == len(expected)
        assert pair_names(spans) == expected


TEHRAN = ZoneInfo("Asia/Tehran")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (timedelta(hours=3, minutes=30), "+03:30"),
        (timedelta(0), "+00:00"),
        (timedelta(hours=-5), "-05:00"),
        (timedelta(hours=-3, minutes=-30), "-03:30"),
        (timedelta(minutes=17, seconds=30), "+00:17:30"),
    ],
    ids=["tehran", "utc", "negative", "negative-half-hour", "local-mean-time"],
)
def test_format_offset(offset: timedelta, text: str) -> None:
    assert format_offset(offset) == text


def test_format_instant_reads_the_wall_clock_of_the_zone() -> None:
    moment = datetime(2026, 10, 18, 6, 30, tzinfo=UTC)
    assert format_instant(moment, TEHRAN) == "2026-10-18T10:00+03:30"
    assert format_clock(moment, TEHRAN) == "10:00+03:30"
    assert format_instant(moment, timezone(timedelta(hours=-5))) == "2026-10-18T01:30-05:00"
    assert format_instant(moment + timedelta(seconds=5), UTC) == "2026-10-18T06:30:05+00:00"


@pytest.mark.parametrize(
    ("start", "end", "zone", "text"),
    [
        (
            datetime(2026, 10, 18, 6, 30, tzinfo=UTC),
            datetime(2026, 10, 18, 7, 0, tzinfo=UTC),
            TEHRAN,
            "2026-10-18T10:00+03:30..10:30+03:30",
        ),
        (
            datetime(2026, 10, 18, 19, 30, tzinfo=UTC),
            datetime(2026, 10, 18, 21, 0, tzinfo=UTC),
            TEHRAN,
            "2026-10-18T23:00+03:30..2026-10-19T00:30+03:30",
        ),
        (
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
            AMSTERDAM,
            "2026-10-25T02:30+02:00..02:30+01:00",
        ),
    ],
    ids=["same-day", "past-midnight", "across-the-october-switch"],
)
def test_format_range(start: datetime, end: datetime, zone: ZoneInfo, text: str) -> None:
    assert format_range(start, end, zone) == text
