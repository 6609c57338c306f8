"""``festival plan-transfers``: prints the proposal, --apply writes it all or nothing through
the transfer services, exit 1 names who cannot be served, planning again plans nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from festival.extensions import db
from festival.models import Change, Transfer
from festival.scheduling import check_festival
from festival.services.specs import festival_spec, load_festival
from tests.integration.entities import load, snapshot
from tests.planning import PLANNED, delegation, plan_data

HEADER = "test-2026: window 45 min, trip 60 min, times in Asia/Tehran"


def run(app: Flask, *args: str) -> tuple[int, str, str]:
    result = app.test_cli_runner().invoke(args=["plan-transfers", *args])
    return result.exit_code, result.stdout, result.stderr


def test_plan_prints_the_proposal_and_writes_nothing(app: Flask) -> None:
    load(plan_data())
    before = snapshot()
    code, out, err = run(app, "test-2026")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        HEADER,
        *PLANNED,
        "planned 3 transfer(s) for 4 arrival(s) and departure(s); nothing written "
        "(use --apply to write them)",
    ]
    assert snapshot() == before


def test_apply_writes_the_plan_through_the_rules_and_records_it(app: Flask) -> None:
    load(plan_data())
    changes_before = db.session.scalar(select(func.count()).select_from(Change))
    code, out, _ = run(app, "test-2026", "--apply")
    assert code == 0
    assert out.splitlines()[-1] == "wrote 3 transfer(s) for 4 arrival(s) and departure(s)"
    db.session.expire_all()
    rows = db.session.scalars(select(Transfer).order_by(Transfer.position)).all()
    assert [(t.key, t.vehicle.key if t.vehicle else None) for t in rows] == [
        ("arr-tabriz", "van"),
        ("arr-kyoto", "van"),
        ("arr-bukhara", "van"),
        ("dep-xian", "car"),
    ]
    assert [d.key for d in rows[1].delegations] == ["kyoto", "xian"]
    # One history entry per transfer written, by the command.
    entries = db.session.scalars(select(Change).order_by(Change.id)).all()[changes_before:]
    assert [(c.kind, c.key, c.actor_label, c.before, c.summary) for c in entries] == [
        ("transfer", "arr-kyoto", "festival plan-transfers", None, "transfer plan"),
        ("transfer", "arr-bukhara", "festival plan-transfers", None, "transfer plan"),
        ("transfer", "dep-xian", "festival plan-transfers", None, "transfer plan"),
    ]
    festival = load_festival("test-2026")
    assert festival is not None
    findings = check_festival(festival_spec(festival))
    assert [f.line() for f in findings if f.is_error] == []
    assert not {f.code for f in findings} & {"no-arrival-transfer", "no-departure-transfer"}


def test_planning_again_after_apply_plans_nothing(app: Flask) -> None:
    load(plan_data())
    assert run(app, "test-2026", "--apply")[0] == 0
    before = snapshot()
    for args in (("test-2026",), ("test-2026", "--apply")):
        code, out, err = run(app, *args)
        assert (code, err) == (0, "")
        assert out.splitlines() == [
            HEADER,
            "nothing to plan: every arrival and departure with a place has a transfer",
        ]
    assert snapshot() == before


@pytest.mark.parametrize("apply", [False, True], ids=["propose", "apply"])
def test_a_delegation_that_cannot_be_served_is_named_and_nothing_is_written(
    app: Flask, apply: bool
) -> None:
    load(plan_data(delegation("seoul", 12, arrival="2026-10-19T10:00")))
    before = snapshot()
    code, out, err = run(app, "test-2026", *(["--apply"] if apply else []))
    assert code == 1
    assert out.splitlines() == [HEADER]
    assert err.splitlines() == [
        "cannot serve delegation=seoul arrival IFN 2026-10-19T10:00+03:30 (12 people): "
        "no vehicle has 12 seats",
        "refused: 1 arrival(s) or departure(s) cannot be served, nothing was written",
    ]
    assert snapshot() == before


def test_window_and_trip_minutes_are_options(app: Flask) -> None:
    load(plan_data())
    code, out, _ = run(app, "test-2026", "--window", "30", "--trip-minutes", "20")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "test-2026: window 30 min, trip 20 min, times in Asia/Tehran"
    assert lines[3].startswith("dep-xian\tdeparture\t2026-10-24T08:20+03:30..08:40+03:30\t")


@pytest.mark.parametrize(
    "args",
    [
        ["--window", "-1"],
        ["--window", "soon"],
        ["--trip-minutes", "0"],
        ["--trip-minutes", "99999999"],
    ],
    ids=["negative-window", "word", "zero-trip", "huge-trip"],
)
def test_bad_options_exit_2(app: Flask, args: list[str]) -> None:
    load(plan_data())
    code, _, err = run(app, "test-2026", *args)
    assert code == 2
    assert "Invalid value" in err


def test_unknown_slug_exits_1(app: Flask) -> None:
    code, _, err = run(app, "nope")
    assert (code, err) == (1, "error: no festival with slug 'nope'\n")
