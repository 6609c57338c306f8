"""Vehicles, interpreters, transfers and interpreter assignments through the services: double
bookings and seats refuse the save and write nothing; languages and unserved arrivals warn."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from festival.errors import InUse, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Festival, InterpreterAssignment, Transfer, Vehicle
from festival.services import logistics as svc
from tests.integration.entities import ACTOR, NOW, at, changes, lines, load, snapshot, write


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


def transfer(key: str, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "key": key,
        "vehicle": "van",
        "delegations": ["bukhara"],
        "from": "abbasi",
        "to": "hall",
        "starts_at": "2026-10-18T09:00",
        "ends_at": "2026-10-18T09:40",
    }
    values.update(overrides)
    return values


# -- vehicles ---------------------------------------------------------------------------------


def test_vehicle_create_update_delete(festival: Festival) -> None:
    write(
        lambda: svc.create_vehicle(
            festival,
            {"key": "bus", "name": "Bus", "seats": 50, "driver": "Reza"},
            actor=ACTOR,
            now=NOW,
        )
    )
    write(
        lambda: svc.update_vehicle(festival, "bus", {"phone": "+98 31 1234"}, actor=ACTOR, now=NOW)
    )
    row = db.session.scalar(select(Vehicle).where(Vehicle.key == "bus"))
    assert row is not None and (row.seats, row.driver, row.phone) == (50, "Reza", "+98 31 1234")
    assert changes()[-1] == ("vehicle", "bus", {"phone": ""}, {"phone": "+98 31 1234"})
    write(lambda: svc.delete_vehicle(festival, "bus", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Vehicle).where(Vehicle.key == "bus")) is None


def test_fewer_seats_than_a_transfer_carries_are_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(lambda: svc.update_vehicle(festival, "coach", {"seats": 1}, actor=ACTOR, now=NOW))
    assert lines(refused.value.errors) == [
        "ERROR vehicle-over-capacity transfer=arr-xian vehicle=coach carries 2, seats 1"
    ]
    assert snapshot() == before


def test_a_vehicle_in_use_is_not_deleted(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_vehicle(festival, "coach", actor=ACTOR, now=NOW))
    assert refused.value.references == {"transfer": ["arr-xian"]}
    assert snapshot() == before


# -- interpreters -----------------------------------------------------------------------------


def test_interpreter_languages_are_checked_on_their_assignments(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_interpreter(
            festival, "sara", {"languages": ["fa", "zh"]}, actor=ACTOR, now=NOW
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING interpreter-language assignment=ia-1 sara speaks fa,zh; lacks session language en"
    ]


def test_interpreter_create_refuses_a_bad_language_and_delete_in_use(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_interpreter(
                festival, {"key": "ali", "name": "Ali", "languages": ["f"]}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.findings) == [
        'ERROR invalid-value at=interpreters[ali].languages[0] bad language code "f"'
    ]
    with pytest.raises(InUse) as in_use:
        write(lambda: svc.delete_interpreter(festival, "sara", actor=ACTOR, now=NOW))
    assert in_use.value.references == {"interpreter_assignment": ["ia-1"]}
    assert snapshot() == before
    write(lambda: svc.delete_interpreter(festival, "omid", actor=ACTOR, now=NOW))
    assert changes()[-1][:2] == ("interpreter", "omid")


# -- transfers --------------------------------------------------------------------------------


def test_create_transfer_keeps_its_delegations_in_order(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_transfer(
            festival, transfer("to-hall", delegations=["xian", "bukhara"]), actor=ACTOR, now=NOW
        )
    )
    assert outcome.warnings == []
    db.session.expire_all()
    row = db.session.scalar(select(Transfer).where(Transfer.key == "to-hall"))
    assert row is not None
    assert [d.key for d in row.delegations] == ["xian", "bukhara"]
    assert (row.from_place, row.to_place, row.starts_at) == ("abbasi", "hall", at(18, 9))


def test_a_vehicle_double_booking_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_transfer(
                festival,
                transfer(
                    "late",
                    vehicle="coach",
                    starts_at="2026-10-17T23:30",
                    ends_at="2026-10-18T00:30",
                ),
                actor=ACTOR,
                now=NOW,
            )
        )
    assert lines(refused.value.errors) == [
        "ERROR vehicle-double-booking vehicle=coach transfers=arr-xian,late "
        "overlap 2026-10-17T23:30+03:30..23:50+03:30"
    ]
    assert snapshot() == before


def test_a_transfer_over_its_seats_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_transfer(
                festival,
                transfer("all", vehicle="coach", delegations=["xian", "bukhara"]),
                actor=ACTOR,
                now=NOW,
            )
        )
    assert refused.value.code == "vehicle-over-capacity"
    assert snapshot() == before


def test_a_transfer_that_ends_before_it_starts_is_refused(festival: Festival) -> None:
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_transfer(
                festival, transfer("t", ends_at="2026-10-18T08:00"), actor=ACTOR, now=NOW
            )
        )
    assert [(f.code, f.get("at")) for f in refused.value.errors] == [
        ("invalid-interval", "transfers[t].ends_at")
    ]


def test_update_transfer_warns_when_an_arrival_is_no_longer_served(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_transfer(festival, "arr-xian", {"from": "THR"}, actor=ACTOR, now=NOW)
    )
    assert lines(outcome.warnings) == [
        "WARNING no-arrival-transfer delegation=xian arrives IFN 2026-10-17T22:40+03:30"
    ]
    write(lambda: svc.delete_transfer(festival, "arr-xian", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Transfer)) is None
    assert changes()[-1][0::3] == ("transfer", None)


# -- interpreter assignments ------------------------------------------------------------------


def test_assignments_for_a_session_or_own_times(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_assignment(
            festival,
            {"key": "ia-2", "interpreter": "omid", "delegation": "bukhara", "session": "talk-2"},
            actor=ACTOR,
            now=NOW,
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING interpreter-language assignment=ia-2 omid speaks fa,uz; lacks session language en"
    ]
    outcome = write(
        lambda: svc.create_assignment(
            festival,
            {
                "key": "ia-3",
                "interpreter": "omid",
                "delegation": "bukhara",
                "starts_at": "2026-10-20T09:00",
                "ends_at": "2026-10-20T12:00",
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    assert outcome.warnings == []
    row = db.session.scalar(
        select(InterpreterAssignment).where(InterpreterAssignment.key == "ia-3")
    )
    assert row is not None and row.session is None and row.starts_at == at(20, 9)


def test_an_interpreter_double_booking_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_assignment(
                festival,
                {
                    "key": "ia-2",
                    "interpreter": "sara",
                    "delegation": "bukhara",
                    "starts_at": "2026-10-18T10:30",
                    "ends_at": "2026-10-18T12:00",
                },
                actor=ACTOR,
                now=NOW,
            )
        )
    assert lines(refused.value.errors) == [
        "ERROR interpreter-double-booking interpreter=sara assignments=ia-1,ia-2 "
        "overlap 2026-10-18T10:30+03:30..11:00+03:30"
    ]
    assert snapshot() == before


def test_an_assignment_needs_a_session_or_times(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_assignment(
                festival, {"key": "ia-2", "interpreter": "sara"}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=interpreter_assignments[ia-2].starts_at missing required member",
        "ERROR invalid-value at=interpreter_assignments[ia-2].ends_at missing required member",
    ]
    assert snapshot() == before


def test_update_and_delete_an_assignment(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_assignment(festival, "ia-1", {"session": "talk-2"}, actor=ACTOR, now=NOW)
    )
    assert outcome.warnings == []
    assert changes()[-1] == (
        "interpreter_assignment",
        "ia-1",
        {"session": "talk-1"},
        {"session": "talk-2"},
    )
    write(lambda: svc.delete_assignment(festival, "ia-1", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(InterpreterAssignment)) is None
