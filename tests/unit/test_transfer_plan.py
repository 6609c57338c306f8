"""Every case of the transfer planner (contract section 8): grouping, packing, several trips,
window edges, who cannot be served, existing transfers, idempotence, determinism."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from festival.scheduling import (
    DelegationSpec,
    FestivalSpec,
    MemberSpec,
    Movement,
    TransferSpec,
    VehicleSpec,
    check_festival,
)
from festival.scheduling.transfer_plan import (
    BUSY,
    NO_HOTEL,
    NO_VEHICLES,
    TOO_SMALL,
    PlannedTransfer,
    TransferPlan,
    Unserved,
    plan_transfers,
)

TEHRAN = ZoneInfo("Asia/Tehran")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TEHRAN)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def make_delegation(
    key: str,
    people: int = 2,
    *,
    hotel: str | None = "abbasi",
    arrives: str | None = None,
    leaves: str | None = None,
    place: str = "IFN",
    leaves_from: str | None = None,
) -> DelegationSpec:
    return DelegationSpec(
        key=key,
        hotel=hotel,
        arrival=Movement(at(arrives), place) if arrives else None,
        departure=Movement(at(leaves), leaves_from or place) if leaves else None,
        members=tuple(MemberSpec(f"m{i}") for i in range(people)),
    )


def make_festival(
    delegations: list[DelegationSpec],
    vehicles: dict[str, int | None] | None = None,
    transfers: list[TransferSpec] | None = None,
) -> FestivalSpec:
    return FestivalSpec(
        timezone=TEHRAN,
        starts_on=date(2026, 10, 18),
        ends_on=date(2026, 10, 24),
        has_hotels=True,
        delegations={d.key: d for d in delegations},
        vehicles={
            k: VehicleSpec(k, s) for k, s in ({"van": 8} if vehicles is None else vehicles).items()
        },
        transfers=tuple(transfers or ()),
    )


def applied(spec: FestivalSpec, plan: TransferPlan) -> FestivalSpec:
    """The festival after writing the plan."""
    added = tuple(
        TransferSpec(
            t.key, t.vehicle, t.delegations, t.from_place, t.to_place, t.starts_at, t.ends_at
        )
        for t in plan.transfers
    )
    return replace(spec, transfers=spec.transfers + added)


def errors_after(spec: FestivalSpec, plan: TransferPlan) -> list[str]:
    return [f.line() for f in check_festival(applied(spec, plan)) if f.is_error]


def test_one_arrival_is_served_from_its_place_to_its_hotel_at_the_arrival() -> None:
    spec = make_festival([make_delegation("xian", 3, arrives="2026-10-17T22:40")])
    plan = plan_transfers(spec)
    assert plan == TransferPlan(
        transfers=(
            PlannedTransfer(
                key="arr-xian",
                kind="arrival",
                vehicle="van",
                seats=8,
                delegations=("xian",),
                people=3,
                from_place="IFN",
                to_place="abbasi",
                starts_at=at("2026-10-17T22:40"),
                ends_at=at("2026-10-17T23:40"),
            ),
        ),
        unserved=(),
        window=minutes(45),
        trip=minutes(60),
    )
    assert plan.complete


def test_a_departure_goes_from_the_hotel_and_ends_a_window_before_leaving() -> None:
    spec = make_festival([make_delegation("xian", 3, leaves="2026-10-24T09:10")])
    (t,) = plan_transfers(spec).transfers
    assert (t.key, t.kind, t.from_place, t.to_place) == ("dep-xian", "departure", "abbasi", "IFN")
    assert (t.starts_at, t.ends_at) == (at("2026-10-24T07:25"), at("2026-10-24T08:25"))


def test_trip_minutes_and_window_are_the_callers() -> None:
    spec = make_festival([make_delegation("xian", leaves="2026-10-24T09:10")])
    (t,) = plan_transfers(spec, window=minutes(30), trip=minutes(20)).transfers
    assert (t.starts_at, t.ends_at) == (at("2026-10-24T08:20"), at("2026-10-24T08:40"))


def test_same_place_hotel_and_window_share_one_transfer() -> None:
    spec = make_festival(
        [
            make_delegation("xian", 3, arrives="2026-10-17T22:00"),
            make_delegation("kyoto", 2, arrives="2026-10-17T22:30"),
        ]
    )
    (t,) = plan_transfers(spec).transfers
    # Starts when the later one has landed, which is within the earlier one's window.
    assert t.delegations == ("kyoto", "xian")
    assert (t.people, t.starts_at) == (5, at("2026-10-17T22:30"))
    assert t.key == "arr-kyoto"


@pytest.mark.parametrize(
    ("second", "shared"),
    [
        ("2026-10-17T22:45", True),
        ("2026-10-17T22:46", False),
    ],
    ids=["exactly-window-apart-shares", "a-minute-more-does-not"],
)
def test_grouping_window_edge_is_inclusive(second: str, shared: bool) -> None:
    spec = make_festival(
        [
            make_delegation("xian", 2, arrives="2026-10-17T22:00"),
            make_delegation("kyoto", 2, arrives=second),
        ]
    )
    plan = plan_transfers(spec)
    assert len(plan.transfers) == (1 if shared else 2)
    assert errors_after(spec, plan) == []


def test_other_hotel_or_place_or_direction_is_another_transfer() -> None:
    spec = make_festival(
        [
            make_delegation("a", arrives="2026-10-17T22:00"),
            make_delegation("b", arrives="2026-10-17T22:00", hotel="kowsar"),
            make_delegation("c", arrives="2026-10-17T22:00", place="THR-RAIL"),
        ],
        vehicles={"v1": 8, "v2": 8, "v3": 8},
    )
    plan = plan_transfers(spec)
    routes = sorted((t.from_place, t.to_place, t.delegations) for t in plan.transfers)
    assert routes == [
        ("IFN", "abbasi", ("a",)),
        ("IFN", "kowsar", ("b",)),
        ("THR-RAIL", "abbasi", ("c",)),
    ]
    assert errors_after(spec, plan) == []


def test_seats_split_a_group_first_fit_decreasing() -> None:
    # 6 + 5 + 3 + 2 = 16 people, two vans of 8: 6+2 and 5+3.
    spec = make_festival(
        [
            make_delegation("a", 6, arrives="2026-10-17T22:00"),
            make_delegation("b", 5, arrives="2026-10-17T22:00"),
            make_delegation("c", 3, arrives="2026-10-17T22:00"),
            make_delegation("d", 2, arrives="2026-10-17T22:00"),
        ],
        vehicles={"van-1": 8, "van-2": 8},
    )
    plan = plan_transfers(spec)
    assert [(t.vehicle, t.delegations, t.people) for t in plan.transfers] == [
        ("van-1", ("a", "d"), 8),
        ("van-2", ("b", "c"), 8),
    ]
    assert errors_after(spec, plan) == []


def test_a_group_takes_the_smallest_vehicle_that_seats_it_all() -> None:
    spec = make_festival(
        [
            make_delegation("a", 3, arrives="2026-10-17T22:00"),
            make_delegation("b", 3, arrives="2026-10-17T22:10"),
        ],
        vehicles={"coach": 45, "van": 8, "car": 4},
    )
    (t,) = plan_transfers(spec).transfers
    assert (t.vehicle, t.seats, t.delegations) == ("van", 8, ("a", "b"))


def test_a_vehicle_without_a_seat_count_seats_anyone() -> None:
    spec = make_festival([make_delegation("a", 50, arrives="2026-10-17T22:00")], {"bus": None})
    (t,) = plan_transfers(spec).transfers
    assert (t.vehicle, t.seats, t.people) == ("bus", None, 50)


def test_one_vehicle_makes_several_trips_when_times_allow() -> None:
    spec = make_festival(
        [
            make_delegation("a", arrives="2026-10-17T08:00"),
            make_delegation("b", arrives="2026-10-17T09:00"),
            make_delegation("c", arrives="2026-10-17T10:30", leaves="2026-10-17T20:00"),
        ],
        vehicles={"van": 8},
    )
    plan = plan_transfers(spec)
    assert [(t.key, t.vehicle, t.starts_at) for t in plan.transfers] == [
        ("arr-a", "van", at("2026-10-17T08:00")),
        ("arr-b", "van", at("2026-10-17T09:00")),  # back to back with the first trip
        ("arr-c", "van", at("2026-10-17T10:30")),
        ("dep-c", "van", at("2026-10-17T18:15")),
    ]
    assert errors_after(spec, plan) == []


def test_a_busy_vehicle_waits_within_the_window() -> None:
    # b lands while the van carries a; the van is back at 09:00, 30 minutes into b's window.
    spec = make_festival(
        [
            make_delegation("a", 6, arrives="2026-10-17T08:00"),
            make_delegation("b", 6, arrives="2026-10-17T08:30"),
        ],
        vehicles={"van": 8},
    )
    plan = plan_transfers(spec)
    assert [(t.delegations, t.starts_at) for t in plan.transfers] == [
        (("a",), at("2026-10-17T08:00")),
        (("b",), at("2026-10-17T09:00")),
    ]
    assert errors_after(spec, plan) == []


def existing(key: str, start: str, end: str, vehicle: str = "van") -> TransferSpec:
    return TransferSpec(key, vehicle, ("other",), "IFN", "abbasi", at(start), at(end))


@pytest.mark.parametrize(
    ("busy_until", "starts"),
    [
        ("2026-10-17T22:00", "2026-10-17T22:00"),
        ("2026-10-17T22:20", "2026-10-17T22:20"),
        ("2026-10-17T22:45", "2026-10-17T22:45"),
        ("2026-10-17T22:46", None),
    ],
    ids=[
        "free-exactly-at-arrival",
        "free-inside-window",
        "free-exactly-at-window-end",
        "free-a-minute-late",
    ],
)
def test_arrival_window_edges_are_inclusive(busy_until: str, starts: str | None) -> None:
    spec = make_festival(
        [make_delegation("xian", arrives="2026-10-17T22:00")],
        transfers=[existing("kept", "2026-10-17T21:00", busy_until)],
    )
    plan = plan_transfers(spec)
    if starts is None:
        assert plan.transfers == ()
        assert plan.unserved == (
            Unserved("xian", "arrival", "IFN", at("2026-10-17T22:00"), 2, BUSY),
        )
    else:
        assert [t.starts_at for t in plan.transfers] == [at(starts)]
        assert errors_after(spec, plan) == []


@pytest.mark.parametrize(
    ("busy_from", "ends"),
    [
        ("2026-10-24T09:10", "2026-10-24T08:25"),
        ("2026-10-24T08:25", "2026-10-24T08:25"),
        ("2026-10-24T08:24", None),
    ],
    ids=["free-all-window", "busy-from-the-earliest-end", "busy-a-minute-before-it"],
)
def test_departure_window_edges_are_inclusive(busy_from: str, ends: str | None) -> None:
    # Departure 09:10, window 45: the transfer may end from 08:25 to 09:10 (start 07:25..08:10).
    spec = make_festival(
        [make_delegation("xian", leaves="2026-10-24T09:10")],
        transfers=[existing("kept", busy_from, "2026-10-24T12:00")],
    )
    plan = plan_transfers(spec)
    if ends is None:
        assert [u.reason for u in plan.unserved] == [BUSY]
    else:
        assert [t.ends_at for t in plan.transfers] == [at(ends)]
        assert errors_after(spec, plan) == []


def test_departure_ending_exactly_at_the_departure_is_allowed() -> None:
    spec = make_festival(
        [make_delegation("xian", leaves="2026-10-24T09:10")],
        transfers=[existing("kept", "2026-10-24T06:00", "2026-10-24T08:10")],
    )
    (t,) = plan_transfers(spec).transfers
    assert (t.starts_at, t.ends_at) == (at("2026-10-24T08:10"), at("2026-10-24T09:10"))


def test_zero_window_allows_only_the_exact_time() -> None:
    spec = make_festival(
        [
            make_delegation("a", arrives="2026-10-17T22:00"),
            make_delegation("b", arrives="2026-10-17T22:01"),
        ],
        vehicles={"van-1": 8, "van-2": 8},
    )
    plan = plan_transfers(spec, window=minutes(0))
    assert [(t.delegations, t.vehicle, t.starts_at) for t in plan.transfers] == [
        (("a",), "van-1", at("2026-10-17T22:00")),
        (("b",), "van-2", at("2026-10-17T22:01")),
    ]
    assert errors_after(spec, plan) == []


def test_cannot_serve_everyone_names_each_with_its_reason_and_plans_nothing() -> None:
    spec = make_festival(
        [
            make_delegation("big", 12, arrives="2026-10-17T08:00"),
            make_delegation("homeless", 2, hotel=None, arrives="2026-10-17T08:00"),
            make_delegation("ok", 2, arrives="2026-10-17T12:00"),
            make_delegation("late", 4, arrives="2026-10-17T15:00"),
            make_delegation("clash", 4, arrives="2026-10-17T15:00", hotel="kowsar"),
        ],
        vehicles={"van": 8},
    )
    plan = plan_transfers(spec)
    assert plan.transfers == ()
    assert not plan.complete
    assert [(u.delegation, u.reason) for u in plan.unserved] == [
        ("big", TOO_SMALL),
        ("homeless", NO_HOTEL),
        ("clash", BUSY),  # the same time as "late", whose hotel sorts first
    ]


def test_no_vehicles_at_all() -> None:
    spec = make_festival([make_delegation("a", arrives="2026-10-17T08:00")], vehicles={})
    assert [(u.delegation, u.reason) for u in plan_transfers(spec).unserved] == [("a", NO_VEHICLES)]


def test_existing_transfers_are_kept_and_serve_their_delegations() -> None:
    kept = TransferSpec(
        "arr-xian",
        "van",
        ("xian",),
        "IFN",
        "abbasi",
        at("2026-10-17T23:00"),
        at("2026-10-17T23:40"),
    )
    spec = make_festival(
        [
            make_delegation("xian", arrives="2026-10-17T22:40", leaves="2026-10-24T09:10"),
            make_delegation("kyoto", arrives="2026-10-17T23:00"),
        ],
        transfers=[kept],
    )
    plan = plan_transfers(spec)
    # xian's arrival is served; kyoto waits for the van (busy 23:00-23:40) and the new
    # keys avoid the existing one.
    assert [(t.key, t.delegations, t.starts_at) for t in plan.transfers] == [
        ("arr-kyoto", ("kyoto",), at("2026-10-17T23:40")),
        ("dep-xian", ("xian",), at("2026-10-24T07:25")),
    ]
    assert errors_after(spec, plan) == []


def test_keys_never_collide_with_existing_ones() -> None:
    taken = [
        TransferSpec(
            "arr-xian", None, (), "X", "Y", at("2026-10-01T08:00"), at("2026-10-01T09:00")
        ),
        TransferSpec(
            "arr-xian-2", None, (), "X", "Y", at("2026-10-01T08:00"), at("2026-10-01T09:00")
        ),
    ]
    spec = make_festival([make_delegation("xian", arrives="2026-10-17T22:40")], transfers=taken)
    assert [t.key for t in plan_transfers(spec).transfers] == ["arr-xian-3"]


def test_a_long_delegation_key_still_gives_a_valid_key() -> None:
    long_key = "d" * 64
    spec = make_festival([make_delegation(long_key, arrives="2026-10-17T22:40")])
    (t,) = plan_transfers(spec).transfers
    assert t.key == ("arr-" + long_key)[:64]


def test_planning_again_after_applying_plans_nothing() -> None:
    spec = make_festival(
        [
            make_delegation("a", 6, arrives="2026-10-17T08:00", leaves="2026-10-20T10:00"),
            make_delegation("b", 5, arrives="2026-10-17T08:20", leaves="2026-10-20T11:00"),
            make_delegation("c", arrives="2026-10-17T09:00", place="RAIL"),
        ],
        vehicles={"van": 8, "car": 4},
    )
    plan = plan_transfers(spec)
    assert plan.complete and plan.transfers
    after = applied(spec, plan)
    assert check_festival(after) == [f for f in check_festival(after) if not f.is_error]
    again = plan_transfers(after)
    assert (again.transfers, again.unserved) == ((), ())
    # The rules agree: every arrival and departure is served.
    codes = {f.code for f in check_festival(after)}
    assert not codes & {"no-arrival-transfer", "no-departure-transfer"}


def test_the_same_festival_gives_the_same_plan_whatever_the_order() -> None:
    delegations = [
        make_delegation(
            f"d{i:02d}", 1 + i % 7, arrives=f"2026-10-17T{8 + i % 5:02d}:{i % 4 * 15:02d}"
        )
        for i in range(30)
    ]
    vehicles = {"van-1": 8, "van-2": 8, "coach": 20}
    first = plan_transfers(make_festival(delegations, vehicles))
    second = plan_transfers(
        make_festival(list(reversed(delegations)), dict(reversed(vehicles.items())))
    )
    assert first == second
    assert first.complete
    assert errors_after(make_festival(delegations, vehicles), first) == []


def test_a_delegation_without_a_place_or_movement_is_not_planned() -> None:
    spec = make_festival(
        [
            make_delegation("a", arrives="2026-10-17T08:00", place=""),
            make_delegation("b"),
        ]
    )
    assert plan_transfers(spec) == TransferPlan((), (), minutes(45), minutes(60))


@pytest.mark.parametrize(
    ("window", "trip"), [(minutes(-1), minutes(60)), (minutes(45), minutes(0))], ids=["w", "t"]
)
def test_bad_window_or_trip_is_refused(window: timedelta, trip: timedelta) -> None:
    with pytest.raises(ValueError):
        plan_transfers(make_festival([]), window=window, trip=trip)
