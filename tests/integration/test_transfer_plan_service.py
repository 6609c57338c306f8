"""The planner's service and the batch transfer service it writes through: the rules run
over the batch (against stored transfers and each other), refusals write nothing, history
is recorded as for one transfer, the proposal reads the festival in a fixed number of
queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event, select

from festival.errors import Overtaken, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Change, Festival, Transfer
from festival.services import logistics as svc
from festival.services.specs import load_festival
from festival.services.transfer_plan import (
    PlanIncomplete,
    apply_transfer_plan,
    propose_transfers,
)
from tests.integration.entities import ACTOR, NOW, load, snapshot, write
from tests.planning import delegation, plan_data


def loaded() -> Festival:
    festival = load_festival("test-2026")
    assert festival is not None
    return festival


def item(key: str, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "key": key,
        "vehicle": "van",
        "delegations": ["kyoto"],
        "from": "IFN",
        "to": "abbasi",
        "starts_at": "2026-10-17T23:00",
        "ends_at": "2026-10-17T23:40",
    }
    values.update(overrides)
    return values


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load(plan_data())


def test_a_batch_is_written_in_order_with_its_delegations_and_history(
    festival: Festival,
) -> None:
    outcome = write(
        lambda: svc.create_transfers(
            loaded(),
            [
                item("one", delegations=["xian", "kyoto"]),
                item(
                    "two",
                    delegations=["bukhara"],
                    to="kowsar",
                    starts_at="2026-10-18T08:00",
                    ends_at="2026-10-18T09:00",
                ),
            ],
            actor=ACTOR,
            now=NOW,
        )
    )
    assert [r.key for r in outcome.item] == ["one", "two"]
    db.session.expire_all()
    rows = db.session.scalars(select(Transfer).order_by(Transfer.position)).all()
    assert [(t.key, [d.key for d in t.delegations]) for t in rows] == [
        ("arr-tabriz", ["tabriz"]),
        ("one", ["xian", "kyoto"]),
        ("two", ["bukhara"]),
    ]
    recorded = db.session.scalars(select(Change).where(Change.key == "one")).one()
    assert (recorded.kind, recorded.before) == ("transfer", None)
    assert recorded.after == {
        "key": "one",
        "vehicle": "van",
        "delegations": ["xian", "kyoto"],
        "from": "IFN",
        "to": "abbasi",
        "starts_at": "2026-10-17T23:00:00+03:30",
        "ends_at": "2026-10-17T23:40:00+03:30",
    }


def test_the_history_of_a_batch_matches_that_of_one_transfer(festival: Festival) -> None:
    write(lambda: svc.create_transfers(loaded(), [item("one")], actor=ACTOR, now=NOW))
    write(lambda: svc.create_transfer(loaded(), item("two", vehicle="car"), actor=ACTOR, now=NOW))
    one, two = (
        db.session.scalars(select(Change).where(Change.key == k)).one().after
        for k in ("one", "two")
    )
    assert one is not None and two is not None
    assert {**one, "key": "two", "vehicle": "car"} == two


def test_two_new_transfers_in_one_vehicle_at_once_are_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_transfers(
                loaded(),
                [
                    item("one"),
                    item("two", starts_at="2026-10-17T23:30", ends_at="2026-10-18T00:10"),
                ],
                actor=ACTOR,
                now=NOW,
            )
        )
    assert [f.line() for f in refused.value.errors] == [
        "ERROR vehicle-double-booking vehicle=van transfers=one,two "
        "overlap 2026-10-17T23:30+03:30..23:40+03:30"
    ]
    assert snapshot() == before


def test_a_batch_against_a_stored_transfer_and_over_seats_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_transfers(
                loaded(),
                [
                    item("one", starts_at="2026-10-17T20:30", ends_at="2026-10-17T21:30"),
                    item("two", vehicle="car", delegations=["xian", "kyoto"]),
                ],
                actor=ACTOR,
                now=NOW,
            )
        )
    assert [f.line() for f in refused.value.errors] == [
        "ERROR vehicle-double-booking vehicle=van transfers=arr-tabriz,one "
        "overlap 2026-10-17T20:30+03:30..21:00+03:30",
        "ERROR vehicle-over-capacity transfer=two vehicle=car carries 5, seats 3",
    ]
    assert snapshot() == before


def test_taken_keys_and_unknown_references_are_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_transfers(
                loaded(),
                [item("arr-tabriz"), item("one"), item("one"), item("two", vehicle="bike")],
                actor=ACTOR,
                now=NOW,
            )
        )
    assert [f.line() for f in refused.value.errors] == [
        "ERROR duplicate-key at=transfers[arr-tabriz].key arr-tabriz exists already",
        "ERROR duplicate-key at=transfers[one].key one exists already",
        "ERROR unknown-reference at=transfers[two].vehicle ref=bike names nothing",
    ]
    assert snapshot() == before


def test_apply_refuses_a_changed_festival_and_an_incomplete_plan(app: Flask) -> None:
    load(plan_data(delegation("seoul", 12, arrival="2026-10-19T10:00")))
    before = snapshot()
    with pytest.raises(Overtaken):
        write(lambda: apply_transfer_plan(loaded(), actor=ACTOR, now=NOW, version=before[2] - 1))
    with pytest.raises(PlanIncomplete) as incomplete:
        write(lambda: apply_transfer_plan(loaded(), actor=ACTOR, now=NOW, version=before[2]))
    assert [(u.delegation, u.reason) for u in incomplete.value.plan.unserved] == [
        ("seoul", "no-vehicle-big-enough")
    ]
    assert snapshot() == before


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_proposal_reads_the_festival_in_a_fixed_number_of_queries(app: Flask) -> None:
    many = [
        delegation(f"d{n:02d}", 3, arrival=f"2026-10-19T{8 + n // 2:02d}:00") for n in range(20)
    ]
    sizes = []
    for extra in ([], many):
        db.session.remove()
        load(plan_data(*extra, vehicles=[{"key": "van", "seats": 8}, {"key": "car", "seats": 3}]))
        db.session.remove()
        with counted() as statements:
            plan = propose_transfers(loaded())
        assert plan.complete
        sizes.append(len(statements))
        write(lambda: _drop_festival())
    assert sizes[0] == sizes[1]


def _drop_festival() -> None:
    festival = loaded()
    db.session.delete(festival)
    db.session.flush()
