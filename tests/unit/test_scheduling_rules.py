"""Boundary matrices for every scheduling rule of docs/rules.md."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from festival.scheduling import (
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    Finding,
    HoldSpec,
    InterpreterSpec,
    MemberSpec,
    Movement,
    OpeningInterval,
    SessionSpec,
    Severity,
    TransferSpec,
    VehicleSpec,
    VenueSpec,
    check_festival,
    languages_match,
    occupation,
    sort_findings,
)
from festival.vocabulary import SessionStatus

TEHRAN = ZoneInfo("Asia/Tehran")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def at(text: str, zone: ZoneInfo = TEHRAN) -> datetime:
    """An aware datetime: with an offset in ``text`` as given, else wall time in ``zone``."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def make_venue(key: str = "hall", **overrides: object) -> VenueSpec:
    return VenueSpec(key=key, **overrides)  # type: ignore[arg-type]


def make_event(key: str = "talk", **overrides: object) -> EventSpec:
    return EventSpec(key=key, **overrides)  # type: ignore[arg-type]


def make_session(
    key: str,
    starts: str,
    ends: str,
    *,
    event: str = "talk",
    venue: str = "hall",
    status: str = "confirmed",
    zone: ZoneInfo = TEHRAN,
) -> SessionSpec:
    return SessionSpec(key, event, venue, at(starts, zone), at(ends, zone), status)


def make_festival(
    *,
    venues: list[VenueSpec] | None = None,
    events: list[EventSpec] | None = None,
    delegations: list[DelegationSpec] | None = None,
    vehicles: list[VehicleSpec] | None = None,
    interpreters: list[InterpreterSpec] | None = None,
    **overrides: object,
) -> FestivalSpec:
    fields: dict[str, object] = {
        "timezone": TEHRAN,
        "starts_on": date(2026, 10, 18),
        "ends_on": date(2026, 10, 24),
        "venues": {v.key: v for v in (venues if venues is not None else [make_venue()])},
        "events": {e.key: e for e in (events if events is not None else [make_event()])},
        "delegations": {d.key: d for d in delegations or []},
        "vehicles": {v.key: v for v in vehicles or []},
        "interpreters": {i.key: i for i in interpreters or []},
    }
    fields.update(overrides)
    return FestivalSpec(**fields)  # type: ignore[arg-type]


def lines(spec: FestivalSpec, **kwargs: object) -> list[str]:
    return [f.line() for f in check_festival(spec, **kwargs)]  # type: ignore[arg-type]


# --- occupation ------------------------------------------------------------------


def test_occupation_adds_setup_before_and_teardown_after_in_utc() -> None:
    venue = make_venue(setup=minutes(30), teardown=minutes(15))
    assert occupation(at("2026-10-18T10:00"), at("2026-10-18T12:00"), venue) == (
        datetime(2026, 10, 18, 6, 0, tzinfo=UTC),
        datetime(2026, 10, 18, 8, 45, tzinfo=UTC),
    )


def test_occupation_buffers_are_real_minutes_across_the_october_switch() -> None:
    # 03:00 CET is 02:00 UTC: 90 real minutes earlier is 00:30 UTC (02:30 CEST), where
    # wall-clock arithmetic would say 01:30 CEST, an hour early. 02:30 CEST is 00:30 UTC:
    # 60 real minutes later is 01:30 UTC (02:30 CET), where wall arithmetic says 03:30 CET.
    venue = make_venue(setup=minutes(90), teardown=minutes(60))
    starts = datetime(2026, 10, 25, 3, 0, tzinfo=AMSTERDAM)
    ends = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM)
    assert occupation(starts, starts + timedelta(hours=1), venue) == (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        datetime(2026, 10, 25, 4, 0, tzinfo=UTC),
    )
    assert occupation(ends - timedelta(hours=1), ends, venue)[1] == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_occupation_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        occupation(datetime(2026, 10, 18, 10), at("2026-10-18T11:00"), make_venue())  # noqa: DTZ001


# --- venue-double-booking --------------------------------------------------------

A = ("a-1", "2026-10-18T10:00", "2026-10-18T11:00")


@pytest.mark.parametrize(
    ("b_starts", "b_ends", "venue", "status", "expected"),
    [
        (
            "2026-10-18T10:00",
            "2026-10-18T11:00",
            {},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T10:00",
            "2026-10-18T10:30",
            {},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:00+03:30..10:30+03:30",
        ),
        (
            "2026-10-18T10:30",
            "2026-10-18T11:00",
            {},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:30+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T10:15",
            "2026-10-18T10:45",
            {},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:15+03:30..10:45+03:30",
        ),
        (
            "2026-10-18T09:00",
            "2026-10-18T12:00",
            {},
            "confirmed",
            "sessions=b-1,a-1 overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T10:59",
            "2026-10-18T12:00",
            {},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:59+03:30..11:00+03:30",
        ),
        ("2026-10-18T11:00", "2026-10-18T12:00", {}, "confirmed", None),
        ("2026-10-18T09:00", "2026-10-18T10:00", {}, "confirmed", None),
        ("2026-10-18T13:00", "2026-10-18T14:00", {}, "confirmed", None),
        (
            "2026-10-18T11:00",
            "2026-10-18T12:00",
            {"teardown": minutes(15)},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T11:00+03:30..11:15+03:30",
        ),
        (
            "2026-10-18T11:00",
            "2026-10-18T12:00",
            {"setup": minutes(30)},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:30+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T11:00",
            "2026-10-18T12:00",
            {"setup": minutes(30), "teardown": minutes(15)},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:30+03:30..11:15+03:30",
        ),
        (
            "2026-10-18T11:45",
            "2026-10-18T12:45",
            {"setup": minutes(30), "teardown": minutes(15)},
            "confirmed",
            None,
        ),
        (
            "2026-10-18T08:15",
            "2026-10-18T09:15",
            {"setup": minutes(30), "teardown": minutes(15)},
            "confirmed",
            None,
        ),
        ("2026-10-18T10:00", "2026-10-18T11:00", {"shared": True}, "confirmed", None),
        ("2026-10-18T10:00", "2026-10-18T11:00", {}, SessionStatus.CANCELLED, None),
        (
            "2026-10-18T10:00",
            "2026-10-18T11:00",
            {},
            SessionStatus.TENTATIVE,
            "sessions=a-1,b-1 overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T23:00",
            "2026-10-19T02:00",
            {"setup": minutes(12 * 60 + 5)},
            "confirmed",
            "sessions=a-1,b-1 overlap 2026-10-18T10:55+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T00:00",
            "2026-10-18T01:00",
            {"teardown": minutes(9 * 60 + 30)},
            "confirmed",
            "sessions=b-1,a-1 overlap 2026-10-18T10:00+03:30..10:30+03:30",
        ),
    ],
    ids=[
        "exact",
        "shared-start",
        "shared-end",
        "contained",
        "containing",
        "one-minute-overlap",
        "back-to-back-after",
        "back-to-back-before",
        "apart",
        "teardown-makes-back-to-back-clash",
        "setup-makes-back-to-back-clash",
        "both-buffers",
        "buffers-exactly-back-to-back",
        "buffers-exactly-back-to-back-before",
        "shared-venue",
        "cancelled",
        "tentative-counts",
        "long-setup-reaches-back",
        "long-teardown-reaches-overnight",
    ],
)
def test_venue_double_booking_boundaries(
    b_starts: str, b_ends: str, venue: dict, status: str, expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue(**venue)],
        sessions=(make_session(*A), make_session("b-1", b_starts, b_ends, status=status)),
    )
    found = lines(spec)
    assert found == ([f"ERROR venue-double-booking venue=hall {expected}"] if expected else [])


def test_venue_double_booking_names_the_exact_finding() -> None:
    spec = make_festival(
        venues=[make_venue("hasht-behesht")],
        sessions=(
            make_session(
                "carpets-2", "2026-10-18T10:00", "2026-10-18T12:00", venue="hasht-behesht"
            ),
            make_session(
                "opening-1", "2026-10-18T09:00", "2026-10-18T10:30", venue="hasht-behesht"
            ),
        ),
    )
    assert check_festival(spec) == [
        Finding(
            Severity.ERROR,
            "venue-double-booking",
            (("venue", "hasht-behesht"), ("sessions", "opening-1,carpets-2")),
            text="overlap 2026-10-18T10:00+03:30..10:30+03:30",
        )
    ]


def test_venue_double_booking_orders_by_own_start_not_buffered_start() -> None:
    # b-1 starts later by its own time; setup does not change who is named first.
    spec = make_festival(
        venues=[make_venue(setup=minutes(60))],
        sessions=(
            make_session("b-1", "2026-10-18T10:30", "2026-10-18T11:30"),
            make_session("a-9", "2026-10-18T10:00", "2026-10-18T11:00"),
        ),
    )
    assert lines(spec) == [
        "ERROR venue-double-booking venue=hall sessions=a-9,b-1 "
        "overlap 2026-10-18T09:30+03:30..11:00+03:30"
    ]


def test_venue_double_booking_ties_on_start_are_named_by_key() -> None:
    spec = make_festival(
        sessions=(
            make_session("zeta", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("alpha", "2026-10-18T10:00", "2026-10-18T12:00"),
        )
    )
    assert lines(spec) == [
        "ERROR venue-double-booking venue=hall sessions=alpha,zeta "
        "overlap 2026-10-18T10:00+03:30..11:00+03:30"
    ]


def test_venue_hold_counts_as_a_session() -> None:
    spec = make_festival(
        venues=[make_venue(teardown=minutes(30))],
        sessions=(make_session("talk-1", "2026-10-18T10:00", "2026-10-18T12:00"),),
        holds=(HoldSpec("hold-1", "hall", at("2026-10-18T08:00"), at("2026-10-18T10:00")),),
    )
    assert lines(spec) == [
        "ERROR venue-double-booking venue=hall sessions=hold-1,talk-1 "
        "overlap 2026-10-18T10:00+03:30..10:30+03:30"
    ]


def test_venue_double_booking_reports_every_pair_in_order() -> None:
    spec = make_festival(
        venues=[make_venue("hall"), make_venue("yard")],
        sessions=(
            make_session("c", "2026-10-18T11:00", "2026-10-18T13:00"),
            make_session("a", "2026-10-18T10:00", "2026-10-18T12:00"),
            make_session("b", "2026-10-18T10:30", "2026-10-18T11:30"),
            make_session("y-2", "2026-10-18T09:00", "2026-10-18T10:00", venue="yard"),
            make_session("y-1", "2026-10-18T08:00", "2026-10-18T09:30", venue="yard"),
        ),
    )
    assert lines(spec) == [
        "ERROR venue-double-booking venue=yard sessions=y-1,y-2 "
        "overlap 2026-10-18T09:00+03:30..09:30+03:30",
        "ERROR venue-double-booking venue=hall sessions=a,b "
        "overlap 2026-10-18T10:30+03:30..11:30+03:30",
        "ERROR venue-double-booking venue=hall sessions=a,c "
        "overlap 2026-10-18T11:00+03:30..12:00+03:30",
        "ERROR venue-double-booking venue=hall sessions=b,c "
        "overlap 2026-10-18T11:00+03:30..11:30+03:30",
    ]


def test_venue_double_booking_skips_unknown_venues() -> None:
    spec = make_festival(
        sessions=(
            make_session("a", "2026-10-18T10:00", "2026-10-18T12:00", venue="nowhere"),
            make_session("b", "2026-10-18T10:00", "2026-10-18T12:00", venue="nowhere"),
        )
    )
    assert lines(spec) == []


def test_overlap_text_keeps_the_end_date_on_another_local_day() -> None:
    spec = make_festival(
        sessions=(
            make_session("a", "2026-10-18T22:00", "2026-10-19T02:00"),
            make_session("b", "2026-10-18T23:00", "2026-10-19T01:00"),
        )
    )
    assert lines(spec) == [
        "ERROR venue-double-booking venue=hall sessions=a,b "
        "overlap 2026-10-18T23:00+03:30..2026-10-19T01:00+03:30"
    ]


# Europe/Amsterdam, 2026-10-25: at 03:00 CEST (01:00 UTC) clocks go back to 02:00 CET.
@pytest.mark.parametrize(
    ("a", "b", "venue", "expected"),
    [
        (
            ("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00"),
            ("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"),
            {},
            None,
        ),
        (
            ("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00"),
            ("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"),
            {"teardown": minutes(30)},
            None,
        ),
        (
            ("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00"),
            ("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"),
            {"teardown": minutes(31)},
            "overlap 2026-10-25T02:00+01:00..02:01+01:00",
        ),
        (
            ("2026-10-25T01:30+02:00", "2026-10-25T02:30+02:00"),
            ("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"),
            {"setup": minutes(60)},
            "overlap 2026-10-25T02:00+02:00..02:30+02:00",
        ),
        (
            ("2026-10-25T02:30+02:00", "2026-10-25T02:45+02:00"),
            ("2026-10-25T02:15+01:00", "2026-10-25T03:00+01:00"),
            {},
            None,
        ),
        (
            ("2026-10-25T02:30+02:00", "2026-10-25T02:15+01:00"),
            ("2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"),
            {},
            "overlap 2026-10-25T02:00+01:00..02:15+01:00",
        ),
    ],
    ids=[
        "same-wall-hour-an-hour-apart",
        "teardown-exactly-bridges-the-real-gap",
        "teardown-one-minute-too-long",
        "setup-reaches-back-into-summer-time",
        "wall-overlap-is-not-a-real-overlap",
        "session-across-the-switch",
    ],
)
def test_venue_double_booking_across_the_october_dst_switch(
    a: tuple[str, str], b: tuple[str, str], venue: dict, expected: str | None
) -> None:
    spec = make_festival(
        timezone=AMSTERDAM,
        starts_on=date(2026, 10, 20),
        ends_on=date(2026, 10, 30),
        venues=[make_venue(**venue)],
        sessions=(make_session("a", *a), make_session("b", *b)),
    )
    expected_lines = [f"ERROR venue-double-booking venue=hall sessions=a,b {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_zoneinfo_wall_times_in_the_repeated_hour_compare_as_instants() -> None:
    first = datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM)  # fold=0: CEST
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMSTERDAM)  # CET
    spec = make_festival(
        timezone=AMSTERDAM,
        starts_on=date(2026, 10, 20),
        ends_on=date(2026, 10, 30),
        sessions=(
            SessionSpec("a", "talk", "hall", first, first.replace(minute=45)),
            SessionSpec("b", "talk", "hall", second, second.replace(minute=45)),
        ),
    )
    assert lines(spec) == []


# --- invalid-interval ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        (
            "2026-10-18T10:00",
            [
                "ERROR invalid-interval at=events[talk].sessions[s-1].ends_at "
                "ends 2026-10-18T10:00+03:30, not after start 2026-10-18T10:00+03:30"
            ],
        ),
        (
            "2026-10-18T09:59",
            [
                "ERROR invalid-interval at=events[talk].sessions[s-1].ends_at "
                "ends 2026-10-18T09:59+03:30, not after start 2026-10-18T10:00+03:30"
            ],
        ),
        ("2026-10-18T10:01", []),
    ],
    ids=["ends-at-start", "ends-before-start", "one-minute-long"],
)
def test_invalid_interval_boundaries(ends: str, expected: list[str]) -> None:
    spec = make_festival(sessions=(make_session("s-1", "2026-10-18T10:00", ends),))
    assert lines(spec) == expected


def test_invalid_interval_item_takes_part_in_no_other_rule() -> None:
    spec = make_festival(
        venues=[make_venue(capacity=10, opening_hours={})],
        events=[make_event(expected_attendance=50, requires=("stage",))],
        sessions=(
            make_session("bad", "2026-10-30T12:00", "2026-10-30T10:00"),
            make_session("ok", "2026-10-30T09:00", "2026-10-30T13:00", venue="elsewhere"),
        ),
    )
    assert lines(spec) == [
        "ERROR invalid-interval at=events[talk].sessions[bad].ends_at "
        "ends 2026-10-30T10:00+03:30, not after start 2026-10-30T12:00+03:30",
        "WARNING outside-festival-dates session=ok "
        "starts 2026-10-30T09:00+03:30, festival 2026-10-18..2026-10-24",
    ]


def test_invalid_interval_paths_for_every_kind_in_start_order() -> None:
    spec = make_festival(
        sessions=(
            SessionSpec(
                "s-1",
                "talk",
                "hall",
                at("2026-10-18T13:00"),
                at("2026-10-18T12:00"),
                path="events[0].sessions[3]",
            ),
        ),
        holds=(HoldSpec("h-1", "hall", at("2026-10-18T12:00"), at("2026-10-18T11:00")),),
        transfers=(
            TransferSpec(
                "t-1", None, (), "IFN", "abbasi", at("2026-10-18T11:00"), at("2026-10-18T10:00")
            ),
        ),
        assignments=(
            AssignmentSpec(
                "ia-1",
                "sara",
                None,
                starts_at=at("2026-10-18T10:00"),
                ends_at=at("2026-10-18T10:00"),
            ),
        ),
    )
    assert [f.get("at") for f in check_festival(spec)] == [
        "interpreter_assignments[ia-1].ends_at",
        "transfers[t-1].ends_at",
        "venue_holds[h-1].ends_at",
        "events[0].sessions[3].ends_at",
    ]


def test_invalid_interval_is_reported_for_a_cancelled_session() -> None:
    # The database refuses ends_at <= starts_at whatever the status.
    spec = make_festival(
        sessions=(
            make_session(
                "s-1", "2026-10-18T10:00", "2026-10-18T09:00", status=SessionStatus.CANCELLED
            ),
        )
    )
    assert [f.code for f in check_festival(spec)] == ["invalid-interval"]


# --- vehicles --------------------------------------------------------------------


def make_delegation(key: str, members: int = 0, **overrides: object) -> DelegationSpec:
    people = tuple(MemberSpec(f"{key}-m{i}") for i in range(members))
    return DelegationSpec(key=key, members=people, **overrides)  # type: ignore[arg-type]


def make_transfer(
    key: str,
    starts: str,
    ends: str,
    *,
    vehicle: str | None = "coach",
    delegations: tuple[str, ...] = (),
    from_place: str | None = "IFN",
    to_place: str | None = "abbasi",
) -> TransferSpec:
    return TransferSpec(key, vehicle, delegations, from_place, to_place, at(starts), at(ends))


@pytest.mark.parametrize(
    ("b_starts", "b_ends", "expected"),
    [
        ("2026-10-18T10:00", "2026-10-18T11:00", "overlap 2026-10-18T10:00+03:30..11:00+03:30"),
        ("2026-10-18T10:00", "2026-10-18T10:20", "overlap 2026-10-18T10:00+03:30..10:20+03:30"),
        ("2026-10-18T10:40", "2026-10-18T11:00", "overlap 2026-10-18T10:40+03:30..11:00+03:30"),
        ("2026-10-18T10:10", "2026-10-18T10:20", "overlap 2026-10-18T10:10+03:30..10:20+03:30"),
        ("2026-10-18T11:00", "2026-10-18T12:00", None),
        ("2026-10-18T09:00", "2026-10-18T10:00", None),
    ],
    ids=["exact", "shared-start", "shared-end", "contained", "back-to-back", "back-to-back-before"],
)
def test_vehicle_double_booking_boundaries(
    b_starts: str, b_ends: str, expected: str | None
) -> None:
    spec = make_festival(
        vehicles=[VehicleSpec("coach")],
        transfers=(
            make_transfer("t-a", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_transfer("t-b", b_starts, b_ends),
        ),
    )
    expected_lines = [f"ERROR vehicle-double-booking vehicle=coach transfers=t-a,t-b {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_vehicle_double_booking_needs_the_same_vehicle() -> None:
    spec = make_festival(
        transfers=(
            make_transfer("t-a", "2026-10-18T10:00", "2026-10-18T11:00", vehicle="coach-1"),
            make_transfer("t-b", "2026-10-18T10:00", "2026-10-18T11:00", vehicle="coach-2"),
            make_transfer("t-c", "2026-10-18T10:00", "2026-10-18T11:00", vehicle=None),
            make_transfer("t-d", "2026-10-18T10:00", "2026-10-18T11:00", vehicle=None),
        ),
    )
    assert lines(spec) == []


@pytest.mark.parametrize(
    ("seats", "members", "expected"),
    [
        (3, (3,), []),
        (3, (4,), ["ERROR vehicle-over-capacity transfer=t-1 vehicle=coach carries 4, seats 3"]),
        (3, (2, 2), ["ERROR vehicle-over-capacity transfer=t-1 vehicle=coach carries 4, seats 3"]),
        (None, (50,), []),
        (0, (0,), []),
    ],
    ids=["equal", "one-over", "two-delegations-add-up", "unknown-seats", "empty-coach"],
)
def test_vehicle_over_capacity_boundaries(
    seats: int | None, members: tuple[int, ...], expected: list[str]
) -> None:
    delegations = [make_delegation(f"d{i}", n) for i, n in enumerate(members)]
    spec = make_festival(
        delegations=delegations,
        vehicles=[VehicleSpec("coach", seats)],
        transfers=(
            make_transfer(
                "t-1",
                "2026-10-18T10:00",
                "2026-10-18T11:00",
                delegations=tuple(d.key for d in delegations),
            ),
        ),
    )
    assert lines(spec) == expected


# --- interpreters ----------------------------------------------------------------


def make_assignment(
    key: str,
    *,
    interpreter: str = "sara",
    delegation: str | None = None,
    session: str | None = None,
    starts: str | None = None,
    ends: str | None = None,
) -> AssignmentSpec:
    return AssignmentSpec(
        key,
        interpreter,
        delegation,
        session,
        at(starts) if starts else None,
        at(ends) if ends else None,
    )


INTERPRETER_SESSIONS = (
    make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
    make_session("s-2", "2026-10-18T10:30", "2026-10-18T12:00", venue="yard"),
    make_session("s-3", "2026-10-18T11:00", "2026-10-18T12:00", venue="room"),
    make_session(
        "gone", "2026-10-18T10:00", "2026-10-18T11:00", venue="yard", status=SessionStatus.CANCELLED
    ),
)


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        (
            (make_assignment("ia-1", session="s-1"), make_assignment("ia-2", session="s-2")),
            "assignments=ia-1,ia-2 overlap 2026-10-18T10:30+03:30..11:00+03:30",
        ),
        (
            (
                make_assignment("ia-1", session="s-1", delegation="xian"),
                make_assignment("ia-2", session="s-1", delegation="bukhara"),
            ),
            None,
        ),
        ((make_assignment("ia-1", session="s-1"), make_assignment("ia-2", session="s-3")), None),
        (
            (
                make_assignment("ia-1", session="s-1"),
                make_assignment("ia-2", starts="2026-10-18T09:00", ends="2026-10-18T10:00"),
            ),
            None,
        ),
        (
            (
                make_assignment("ia-1", session="s-1"),
                make_assignment("ia-2", starts="2026-10-18T09:00", ends="2026-10-18T10:01"),
            ),
            "assignments=ia-2,ia-1 overlap 2026-10-18T10:00+03:30..10:01+03:30",
        ),
        (
            (
                make_assignment("ia-1", starts="2026-10-18T10:00", ends="2026-10-18T11:00"),
                make_assignment("ia-2", starts="2026-10-18T10:00", ends="2026-10-18T11:00"),
            ),
            "assignments=ia-1,ia-2 overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
        (
            (make_assignment("ia-1", session="gone"), make_assignment("ia-2", session="s-1")),
            None,
        ),
        (
            (make_assignment("ia-1", session="nope"), make_assignment("ia-2", session="s-1")),
            None,
        ),
        (
            (
                make_assignment("ia-1", session="s-1"),
                make_assignment("ia-2", session="s-2", interpreter="omid"),
            ),
            None,
        ),
    ],
    ids=[
        "two-overlapping-sessions",
        "same-session-two-delegations",
        "back-to-back-sessions",
        "own-times-back-to-back-with-session",
        "own-times-one-minute-into-session",
        "own-times-exact",
        "cancelled-session-occupies-nothing",
        "unknown-session-occupies-nothing",
        "different-interpreters",
    ],
)
def test_interpreter_double_booking_boundaries(
    assignments: tuple[AssignmentSpec, ...], expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue("hall", setup=minutes(30)), make_venue("yard"), make_venue("room")],
        sessions=INTERPRETER_SESSIONS,
        assignments=assignments,
    )
    expected_lines = [f"ERROR interpreter-double-booking interpreter=sara {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_interpreter_session_assignment_ignores_venue_buffers() -> None:
    spec = make_festival(
        venues=[make_venue("hall", setup=minutes(60), teardown=minutes(60)), make_venue("yard")],
        sessions=(
            make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("s-2", "2026-10-18T11:00", "2026-10-18T12:00", venue="yard"),
        ),
        assignments=(
            make_assignment("ia-1", session="s-1"),
            make_assignment("ia-2", session="s-2"),
        ),
    )
    assert lines(spec) == []


@pytest.mark.parametrize(
    ("speaks", "event_language", "festival_languages", "member_languages", "expected"),
    [
        (("en", "zh"), "en", ("en", "fa"), ("zh",), None),
        (("EN", "ZH"), "en", (), ("zh",), None),
        (("zh",), "zh-Hans", (), (), None),
        (("zh-Hant",), "zh", (), (), None),
        (("uz-Cyrl", "en"), "en", (), ("uz",), None),
        (("zh-Hans",), "zh-Hant", (), (), "sara speaks zh-Hans; lacks session language zh-Hant"),
        (("en",), "eng", (), (), "sara speaks en; lacks session language eng"),
        (
            ("fa",),
            "en",
            (),
            ("zh",),
            "sara speaks fa; lacks session language en and one of the delegation's zh",
        ),
        (("en",), "en", (), ("zh", "ru"), "sara speaks en; lacks one of the delegation's zh,ru"),
        (("fa", "zh"), None, ("en", "fa"), ("zh",), None),
        (("zh",), None, ("en", "fa"), ("zh",), "sara speaks zh; lacks one of the festival's en,fa"),
        (("zh",), None, (), ("zh",), None),
        (("zh",), "en", (), (), "sara speaks zh; lacks session language en"),
        ((), None, (), (), None),
    ],
    ids=[
        "speaks-both",
        "case-insensitive",
        "prefix-matches-script",
        "script-matches-prefix",
        "member-prefix",
        "sibling-scripts-do-not-match",
        "not-a-dash-boundary",
        "lacks-both",
        "lacks-delegation",
        "event-without-language-uses-festival",
        "lacks-every-festival-language",
        "no-languages-anywhere-skips-a",
        "no-member-languages-skips-b",
        "nothing-to-check",
    ],
)
def test_interpreter_language_boundaries(
    speaks: tuple[str, ...],
    event_language: str | None,
    festival_languages: tuple[str, ...],
    member_languages: tuple[str, ...],
    expected: str | None,
) -> None:
    members = (MemberSpec("li", languages=member_languages), MemberSpec("wang"))
    spec = make_festival(
        languages=festival_languages,
        events=[make_event(language=event_language)],
        delegations=[DelegationSpec("xian", members=members)],
        interpreters=[InterpreterSpec("sara", speaks)],
        sessions=(make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),),
        assignments=(make_assignment("ia-1", session="s-1", delegation="xian"),),
    )
    expected_lines = [f"WARNING interpreter-language assignment=ia-1 {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_interpreter_language_for_own_time_assignment_reads_festival_languages() -> None:
    spec = make_festival(
        languages=("en", "fa"),
        interpreters=[InterpreterSpec("sara", ("zh",))],
        assignments=(
            make_assignment("ia-2", starts="2026-10-18T10:00", ends="2026-10-18T11:00"),
            make_assignment("ia-1", starts="2026-10-18T12:00", ends="2026-10-18T13:00"),
            make_assignment("ia-0"),
        ),
    )
    assert lines(spec) == [
        "WARNING interpreter-language assignment=ia-2 sara speaks zh; lacks one of the "
        "festival's en,fa",
        "WARNING interpreter-language assignment=ia-1 sara speaks zh; lacks one of the "
        "festival's en,fa",
        "WARNING interpreter-language assignment=ia-0 sara speaks zh; lacks one of the "
        "festival's en,fa",
    ]


def test_interpreter_language_skips_cancelled_and_unknown_sessions() -> None:
    spec = make_festival(
        events=[make_event(language="en")],
        interpreters=[InterpreterSpec("sara", ("zh",))],
        sessions=(
            make_session(
                "s-1", "2026-10-18T10:00", "2026-10-18T11:00", status=SessionStatus.CANCELLED
            ),
        ),
        assignments=(
            make_assignment("ia-1", session="s-1"),
            make_assignment("ia-2", session="nope"),
        ),
    )
    assert lines(spec) == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("zh", "zh", True),
        ("zh", "ZH", True),
        ("zh", "zh-Hans", True),
        ("zh-Hans", "zh", True),
        ("uz", "uz-Cyrl", True),
        ("zh-Hans", "zh-Hant", False),
        ("en", "eng", False),
        ("e", "en", False),
        ("fa", "en", False),
    ],
    ids=[
        "equal",
        "case",
        "prefix",
        "prefix-reversed",
        "uz",
        "siblings",
        "no-dash",
        "short",
        "other",
    ],
)
def test_languages_match(a: str, b: str, expected: bool) -> None:
    assert languages_match(a, b) is expected


# --- per-session warnings --------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "expected_attendance", "expected"),
    [
        (120, 120, None),
        (120, 121, "expected 121, capacity 120"),
        (None, 500, None),
        (120, None, None),
        (0, 1, "expected 1, capacity 0"),
    ],
    ids=["equal", "one-above", "no-capacity", "no-expectation", "zero-capacity"],
)
def test_over_capacity_boundaries(
    capacity: int | None, expected_attendance: int | None, expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue(capacity=capacity)],
        events=[make_event(expected_attendance=expected_attendance)],
        sessions=(make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),),
    )
    expected_lines = [f"WARNING over-capacity session=s-1 venue=hall {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


@pytest.mark.parametrize(
    ("has", "requires", "expected"),
    [
        ({"projector", "sound"}, ("projector", "sound"), None),
        ({"sound"}, ("stage", "sound", "projector"), "equipment=stage,projector"),
        (set(), ("projector",), "equipment=projector"),
        ({"sound"}, (), None),
    ],
    ids=["has-everything", "lists-every-missing-in-event-order", "bare-venue", "needs-nothing"],
)
def test_missing_equipment_boundaries(
    has: set[str], requires: tuple[str, ...], expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue(equipment=frozenset(has))],
        events=[make_event(requires=requires)],
        sessions=(
            make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("s-2", "2026-10-19T10:00", "2026-10-19T11:00"),
        ),
    )
    expected_lines = [
        f"WARNING missing-equipment session={key} venue=hall {expected}" for key in ("s-1", "s-2")
    ]
    assert lines(spec) == (expected_lines if expected else [])


def hours(*spans: str) -> tuple[OpeningInterval, ...]:
    result = []
    for span in spans:
        opens, closes = span.split("-")
        result.append(OpeningInterval(time.fromisoformat(opens), time.fromisoformat(closes)))
    return tuple(result)


OPENING = {
    MON: hours("09:00-12:00", "13:00-18:00"),
    WED: hours("09:00-12:00", "12:00-18:00"),
    FRI: hours("20:00-02:00"),
    SAT: hours("10:00-00:00"),
    SUN: hours("09:00-21:00"),
}


# 2026-10-18 is a Sunday; 19 Mon, 20 Tue (closed), 21 Wed, 23 Fri, 24 Sat.
@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ("2026-10-18T10:00", "2026-10-18T12:00", None),
        ("2026-10-18T09:00", "2026-10-18T21:00", None),
        (
            "2026-10-18T08:59",
            "2026-10-18T10:00",
            "2026-10-18T08:59+03:30..10:00+03:30; sun 09:00-21:00",
        ),
        (
            "2026-10-18T20:00",
            "2026-10-18T21:01",
            "2026-10-18T20:00+03:30..21:01+03:30; sun 09:00-21:00",
        ),
        ("2026-10-20T10:00", "2026-10-20T11:00", "2026-10-20T10:00+03:30..11:00+03:30; tue closed"),
        (
            "2026-10-19T11:00",
            "2026-10-19T14:00",
            "2026-10-19T11:00+03:30..14:00+03:30; mon 09:00-12:00,13:00-18:00",
        ),
        (
            "2026-10-21T11:00",
            "2026-10-21T13:00",
            "2026-10-21T11:00+03:30..13:00+03:30; wed 09:00-12:00,12:00-18:00",
        ),
        ("2026-10-21T12:00", "2026-10-21T18:00", None),
        ("2026-10-23T20:00", "2026-10-24T02:00", None),
        ("2026-10-23T23:00", "2026-10-24T01:00", None),
        ("2026-10-24T00:30", "2026-10-24T01:30", None),
        (
            "2026-10-24T01:00",
            "2026-10-24T02:01",
            "2026-10-24T01:00+03:30..02:01+03:30; sat 10:00-00:00",
        ),
        (
            "2026-10-23T19:59",
            "2026-10-23T21:00",
            "2026-10-23T19:59+03:30..21:00+03:30; fri 20:00-02:00",
        ),
        ("2026-10-24T22:00", "2026-10-25T00:00", None),
        (
            "2026-10-24T23:00",
            "2026-10-25T00:01",
            "2026-10-24T23:00+03:30..2026-10-25T00:01+03:30; sat 10:00-00:00",
        ),
    ],
    ids=[
        "within",
        "exactly-open-to-close",
        "one-minute-before-opening",
        "one-minute-after-closing",
        "closed-day",
        "straddles-a-lunch-break",
        "straddles-two-touching-intervals",
        "fills-the-second-interval",
        "whole-past-midnight-interval",
        "across-midnight",
        "after-midnight-in-previous-days-interval",
        "past-the-past-midnight-close",
        "before-evening-opening",
        "closes-at-midnight",
        "one-minute-past-midnight-close",
    ],
)
def test_outside_opening_hours_boundaries(starts: str, ends: str, expected: str | None) -> None:
    spec = make_festival(
        ends_on=date(2026, 10, 25),
        venues=[make_venue(opening_hours=OPENING)],
        sessions=(make_session("s-1", starts, ends),),
    )
    expected_lines = [f"WARNING outside-opening-hours session=s-1 venue=hall runs {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_outside_opening_hours_ignores_buffers_and_absent_hours() -> None:
    spec = make_festival(
        venues=[
            make_venue("hall", setup=minutes(60), teardown=minutes(60), opening_hours=OPENING),
            make_venue("yard"),
        ],
        sessions=(
            make_session("s-1", "2026-10-18T09:00", "2026-10-18T21:00"),
            make_session("s-2", "2026-10-20T03:00", "2026-10-20T04:00", venue="yard"),
        ),
    )
    assert lines(spec) == []


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ("2026-10-25T00:00+02:00", "2026-10-25T04:00+01:00", None),
        ("2026-10-25T02:30+01:00", "2026-10-25T03:30+01:00", None),
        (
            "2026-10-24T23:59+02:00",
            "2026-10-25T01:00+02:00",
            "2026-10-24T23:59+02:00..2026-10-25T01:00+02:00; sat closed",
        ),
        (
            "2026-10-25T03:00+01:00",
            "2026-10-25T04:01+01:00",
            "2026-10-25T03:00+01:00..04:01+01:00; sun 00:00-04:00",
        ),
        ("2026-03-29T03:30+02:00", "2026-03-29T04:00+02:00", None),
        (
            "2026-03-29T03:00+02:00",
            "2026-03-29T04:00+02:00",
            "2026-03-29T03:00+02:00..04:00+02:00; sun 02:30-05:00",
        ),
    ],
    ids=[
        "whole-25-hour-night-interval",
        "inside-the-repeated-hour",
        "before-opening",
        "one-minute-after-closing-in-winter-time",
        "gap-opening-read-via-utc",
        "gap-opening-is-not-the-jump",
    ],
)
def test_outside_opening_hours_across_dst(starts: str, ends: str, expected: str | None) -> None:
    # 25 Oct: 00:00-04:00 wall is five real hours. 29 Mar: 02:30 does not exist; fold=0
    # reads it with the winter offset, i.e. 01:30 UTC = 03:30 CEST.
    spec = make_festival(
        timezone=AMSTERDAM,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 10, 31),
        venues=[
            make_venue(
                opening_hours={
                    SUN: hours("00:00-04:00")
                    if starts.startswith("2026-10")
                    else hours("02:30-05:00")
                }
            )
        ],
        sessions=(make_session("s-1", starts, ends),),
    )
    expected_lines = [f"WARNING outside-opening-hours session=s-1 venue=hall runs {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        (
            "2026-10-17T23:30+03:30",
            "2026-10-18T01:00+03:30",
            "starts 2026-10-17T23:30+03:30, festival 2026-10-18..2026-10-24",
        ),
        ("2026-10-18T00:00+03:30", "2026-10-18T01:00+03:30", None),
        ("2026-10-17T20:30+00:00", "2026-10-17T21:30+00:00", None),
        (
            "2026-10-17T20:29+00:00",
            "2026-10-17T21:30+00:00",
            "starts 2026-10-17T23:59+03:30, festival 2026-10-18..2026-10-24",
        ),
        ("2026-10-24T23:30+03:30", "2026-10-25T01:00+03:30", None),
        (
            "2026-10-25T00:00+03:30",
            "2026-10-25T01:00+03:30",
            "starts 2026-10-25T00:00+03:30, festival 2026-10-18..2026-10-24",
        ),
        (
            "2026-10-24T20:30+00:00",
            "2026-10-24T21:00+00:00",
            "starts 2026-10-25T00:00+03:30, festival 2026-10-18..2026-10-24",
        ),
    ],
    ids=[
        "late-evening-before-first-day",
        "midnight-of-first-day",
        "first-day-already-in-tehran-still-17th-in-utc",
        "one-minute-before-first-day-given-in-utc",
        "last-day-running-past-midnight",
        "midnight-after-last-day",
        "after-last-day-though-24th-in-utc",
    ],
)
def test_outside_festival_dates_boundaries(starts: str, ends: str, expected: str | None) -> None:
    spec = make_festival(sessions=(make_session("s-1", starts, ends),))
    expected_lines = [f"WARNING outside-festival-dates session=s-1 {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


# --- delegations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("b_starts", "b_ends", "b_event", "expected"),
    [
        (
            "2026-10-18T10:00",
            "2026-10-18T11:00",
            "tour",
            "sessions=a,b overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T10:30",
            "2026-10-18T12:00",
            "tour",
            "sessions=a,b overlap 2026-10-18T10:30+03:30..11:00+03:30",
        ),
        (
            "2026-10-18T10:15",
            "2026-10-18T10:45",
            "tour",
            "sessions=a,b overlap 2026-10-18T10:15+03:30..10:45+03:30",
        ),
        ("2026-10-18T11:00", "2026-10-18T12:00", "tour", None),
        ("2026-10-18T09:00", "2026-10-18T10:00", "tour", None),
        ("2026-10-18T10:00", "2026-10-18T11:00", "other", None),
        (
            "2026-10-18T10:00",
            "2026-10-18T11:00",
            "talk",
            "sessions=a,b overlap 2026-10-18T10:00+03:30..11:00+03:30",
        ),
    ],
    ids=[
        "exact",
        "partial",
        "contained",
        "back-to-back",
        "back-to-back-before",
        "event-without-delegation",
        "same-event-twice",
    ],
)
def test_delegation_overlap_boundaries(
    b_starts: str, b_ends: str, b_event: str, expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue("hall", setup=minutes(60)), make_venue("yard", shared=True)],
        events=[
            make_event("talk", delegations=("xian", "xian")),
            make_event("tour", delegations=("bukhara", "xian")),
            make_event("other", delegations=("bukhara",)),
        ],
        sessions=(
            make_session("a", "2026-10-18T10:00", "2026-10-18T11:00", venue="yard"),
            make_session("b", b_starts, b_ends, event=b_event, venue="yard"),
        ),
    )
    expected_lines = [f"WARNING delegation-overlap delegation=xian {expected}"]
    assert lines(spec) == (expected_lines if expected else [])


def test_delegation_overlap_one_finding_per_delegation() -> None:
    spec = make_festival(
        venues=[make_venue("yard", shared=True)],
        events=[make_event("talk", delegations=("xian", "bukhara"))],
        sessions=(
            make_session("a", "2026-10-18T10:00", "2026-10-18T11:00", venue="yard"),
            make_session("b", "2026-10-18T10:00", "2026-10-18T11:00", venue="yard"),
            make_session(
                "c",
                "2026-10-18T10:00",
                "2026-10-18T11:00",
                venue="yard",
                status=SessionStatus.CANCELLED,
            ),
        ),
    )
    assert lines(spec) == [
        "WARNING delegation-overlap delegation=bukhara sessions=a,b "
        "overlap 2026-10-18T10:00+03:30..11:00+03:30",
        "WARNING delegation-overlap delegation=xian sessions=a,b "
        "overlap 2026-10-18T10:00+03:30..11:00+03:30",
    ]


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ("2026-10-17T22:40", "2026-10-17T23:00", []),
        (
            "2026-10-17T22:39",
            "2026-10-17T23:00",
            [
                "WARNING before-arrival delegation=xian session=s-1 "
                "starts 2026-10-17T22:39+03:30, arrives 2026-10-17T22:40+03:30"
            ],
        ),
        ("2026-10-24T08:10", "2026-10-24T09:10", []),
        (
            "2026-10-24T08:10",
            "2026-10-24T09:11",
            [
                "WARNING after-departure delegation=xian session=s-1 "
                "ends 2026-10-24T09:11+03:30, departs 2026-10-24T09:10+03:30"
            ],
        ),
    ],
    ids=[
        "exactly-at-arrival",
        "one-minute-before-arrival",
        "exactly-at-departure",
        "one-minute-after-departure",
    ],
)
def test_before_arrival_and_after_departure_boundaries(
    starts: str, ends: str, expected: list[str]
) -> None:
    spec = make_festival(
        starts_on=date(2026, 10, 17),
        events=[make_event(delegations=("xian", "unknown"))],
        delegations=[
            make_delegation(
                "xian",
                arrival=Movement(at("2026-10-17T22:40"), "IFN"),
                departure=Movement(at("2026-10-24T05:40+00:00"), "IFN"),
            ),
            make_delegation("bukhara"),
        ],
        sessions=(make_session("s-1", starts, ends),),
    )
    assert lines(spec) == expected


@pytest.mark.parametrize(
    ("transfers", "expected"),
    [
        ((), []),
        (
            (
                make_transfer("in", "2026-10-17T23:10", "2026-10-17T23:50", delegations=("xian",)),
                make_transfer(
                    "out",
                    "2026-10-24T06:00",
                    "2026-10-24T07:00",
                    delegations=("xian",),
                    from_place="abbasi",
                    to_place="IFN",
                ),
            ),
            [],
        ),
        (
            (
                make_transfer(
                    "in", "2026-10-17T23:10", "2026-10-17T23:50", delegations=("bukhara",)
                ),
            ),
            [
                "WARNING no-arrival-transfer delegation=xian arrives IFN 2026-10-17T22:40+03:30",
                "WARNING no-departure-transfer delegation=xian departs IFN 2026-10-24T09:10+03:30",
            ],
        ),
        (
            (
                make_transfer(
                    "in",
                    "2026-10-17T23:10",
                    "2026-10-17T23:50",
                    delegations=("xian",),
                    from_place="THR",
                    to_place="IFN",
                ),
            ),
            ["WARNING no-arrival-transfer delegation=xian arrives IFN 2026-10-17T22:40+03:30"],
        ),
        (
            (
                make_transfer("in", "2026-10-17T23:10", "2026-10-17T23:10", delegations=("xian",)),
                make_transfer(
                    "out",
                    "2026-10-24T06:00",
                    "2026-10-24T07:00",
                    delegations=("xian",),
                    from_place="abbasi",
                    to_place="IFN",
                ),
            ),
            [
                "ERROR invalid-interval at=transfers[in].ends_at "
                "ends 2026-10-17T23:10+03:30, not after start 2026-10-17T23:10+03:30",
                "WARNING no-arrival-transfer delegation=xian arrives IFN 2026-10-17T22:40+03:30",
            ],
        ),
    ],
    ids=[
        "no-transfers-at-all",
        "met-and-seen-off",
        "transfer-for-someone-else",
        "wrong-direction",
        "invalid-transfer-carries-nobody",
    ],
)
def test_movement_transfers(transfers: tuple[TransferSpec, ...], expected: list[str]) -> None:
    spec = make_festival(
        starts_on=date(2026, 10, 17),
        delegations=[
            make_delegation(
                "xian",
                arrival=Movement(at("2026-10-17T22:40"), "IFN"),
                departure=Movement(at("2026-10-24T09:10"), "IFN"),
            ),
            make_delegation("bukhara", arrival=Movement(at("2026-10-17T10:00"))),
            make_delegation("rome"),
        ],
        transfers=transfers,
    )
    assert lines(spec) == expected


@pytest.mark.parametrize(
    ("has_hotels", "delegation_hotel", "member_hotel", "expected"),
    [
        (True, None, None, ["WARNING member-without-hotel delegation=xian member=li"]),
        (True, "abbasi", None, []),
        (True, None, "abbasi", []),
        (False, None, None, []),
    ],
    ids=["nobody-has-one", "delegation-hotel", "member-hotel", "festival-without-hotels"],
)
def test_member_without_hotel(
    has_hotels: bool, delegation_hotel: str | None, member_hotel: str | None, expected: list[str]
) -> None:
    spec = make_festival(
        has_hotels=has_hotels,
        delegations=[
            DelegationSpec(
                "xian", hotel=delegation_hotel, members=(MemberSpec("li", hotel=member_hotel),)
            )
        ],
    )
    assert lines(spec) == expected


# --- cancelled, order, only_sessions ----------------------------------------------


def full_festival(status: str = "confirmed") -> FestivalSpec:
    return make_festival(
        has_hotels=True,
        languages=("en", "fa"),
        venues=[
            make_venue(
                "hall",
                capacity=10,
                teardown=minutes(15),
                opening_hours={SUN: hours("09:00-12:00")},
            ),
            make_venue("yard"),
        ],
        events=[
            make_event(
                "talk",
                language="en",
                expected_attendance=20,
                requires=("stage",),
                delegations=("xian",),
            ),
            make_event("walk", delegations=("xian",)),
        ],
        delegations=[
            make_delegation(
                "xian",
                1,
                arrival=Movement(at("2026-10-18T10:30"), "IFN"),
                departure=Movement(at("2026-10-18T11:00"), "IFN"),
            ),
        ],
        vehicles=[VehicleSpec("coach", 0)],
        interpreters=[InterpreterSpec("sara", ("zh",))],
        sessions=(
            make_session("late", "2026-10-18T11:00", "2026-10-18T12:30", status=status),
            make_session("early", "2026-10-17T10:00", "2026-10-17T11:00", venue="yard"),
            make_session("mid", "2026-10-18T10:00", "2026-10-18T11:00", event="walk", venue="yard"),
        ),
        transfers=(
            make_transfer("t-1", "2026-10-18T08:00", "2026-10-18T09:00", delegations=("xian",)),
            make_transfer("t-2", "2026-10-18T08:30", "2026-10-18T09:30", to_place="abbasi"),
        ),
        assignments=(
            make_assignment("ia-1", session="late", delegation="xian"),
            make_assignment("ia-2", starts="2026-10-18T11:30", ends="2026-10-18T13:00"),
        ),
        holds=(HoldSpec("h-1", "hall", at("2026-10-18T12:00"), at("2026-10-18T13:00")),),
    )


def test_findings_order_errors_then_warnings_in_table_order() -> None:
    found = check_festival(full_festival())
    assert [f.line() for f in found] == [
        "ERROR venue-double-booking venue=hall sessions=late,h-1 "
        "overlap 2026-10-18T12:00+03:30..12:45+03:30",
        "ERROR vehicle-double-booking vehicle=coach transfers=t-1,t-2 "
        "overlap 2026-10-18T08:30+03:30..09:00+03:30",
        "ERROR interpreter-double-booking interpreter=sara assignments=ia-1,ia-2 "
        "overlap 2026-10-18T11:30+03:30..12:30+03:30",
        "ERROR vehicle-over-capacity transfer=t-1 vehicle=coach carries 1, seats 0",
        "WARNING over-capacity session=late venue=hall expected 20, capacity 10",
        "WARNING missing-equipment session=early venue=yard equipment=stage",
        "WARNING missing-equipment session=late venue=hall equipment=stage",
        "WARNING outside-opening-hours session=late venue=hall "
        "runs 2026-10-18T11:00+03:30..12:30+03:30; sun 09:00-12:00",
        "WARNING outside-festival-dates session=early "
        "starts 2026-10-17T10:00+03:30, festival 2026-10-18..2026-10-24",
        "WARNING before-arrival delegation=xian session=early "
        "starts 2026-10-17T10:00+03:30, arrives 2026-10-18T10:30+03:30",
        "WARNING before-arrival delegation=xian session=mid "
        "starts 2026-10-18T10:00+03:30, arrives 2026-10-18T10:30+03:30",
        "WARNING after-departure delegation=xian session=late "
        "ends 2026-10-18T12:30+03:30, departs 2026-10-18T11:00+03:30",
        "WARNING no-departure-transfer delegation=xian departs IFN 2026-10-18T11:00+03:30",
        "WARNING interpreter-language assignment=ia-1 sara speaks zh; lacks session language en",
        "WARNING interpreter-language assignment=ia-2 "
        "sara speaks zh; lacks one of the festival's en,fa",
        "WARNING member-without-hotel delegation=xian member=xian-m0",
    ]
    assert sort_findings(found) == found


def test_cancelled_session_takes_part_in_no_rule() -> None:
    found = lines(full_festival(SessionStatus.CANCELLED))
    assert not any("late" in line for line in found)
    assert "WARNING interpreter-language assignment=ia-1" not in " ".join(found)


def test_only_sessions_keeps_findings_about_those_sessions() -> None:
    spec = full_festival()
    assert lines(spec, only_sessions={"late"}) == [
        "ERROR venue-double-booking venue=hall sessions=late,h-1 "
        "overlap 2026-10-18T12:00+03:30..12:45+03:30",
        "ERROR interpreter-double-booking interpreter=sara assignments=ia-1,ia-2 "
        "overlap 2026-10-18T11:30+03:30..12:30+03:30",
        "WARNING over-capacity session=late venue=hall expected 20, capacity 10",
        "WARNING missing-equipment session=late venue=hall equipment=stage",
        "WARNING outside-opening-hours session=late venue=hall "
        "runs 2026-10-18T11:00+03:30..12:30+03:30; sun 09:00-12:00",
        "WARNING after-departure delegation=xian session=late "
        "ends 2026-10-18T12:30+03:30, departs 2026-10-18T11:00+03:30",
        "WARNING interpreter-language assignment=ia-1 sara speaks zh; lacks session language en",
    ]
    assert lines(spec, only_sessions={"h-1"}) == [
        "ERROR venue-double-booking venue=hall sessions=late,h-1 "
        "overlap 2026-10-18T12:00+03:30..12:45+03:30",
    ]
    assert lines(spec, only_sessions=()) == []


def test_only_sessions_refuses_a_bare_key() -> None:
    with pytest.raises(TypeError, match="collection"):
        check_festival(full_festival(), only_sessions="late")


def test_only_sessions_reports_an_invalid_interval_at_its_path() -> None:
    spec = make_festival(
        sessions=(
            make_session("a", "2026-10-18T10:00", "2026-10-18T09:00"),
            make_session("b", "2026-10-18T10:00", "2026-10-18T09:00"),
        )
    )
    assert lines(spec, only_sessions=["b"]) == [
        "ERROR invalid-interval at=events[talk].sessions[b].ends_at "
        "ends 2026-10-18T09:00+03:30, not after start 2026-10-18T10:00+03:30"
    ]


def test_sort_findings_merges_reader_findings_before_rule_findings() -> None:
    rule_findings = check_festival(full_festival())
    reader = Finding(Severity.ERROR, "unknown-reference", (("at", "x"), ("ref", "y")))
    late = Finding(Severity.WARNING, "invalid-value", (("at", "z"),))
    merged = sort_findings([*rule_findings, reader])
    assert merged[0] == reader
    assert merged[1:] == rule_findings
    assert sort_findings([late, reader])[0] == reader
