"""The unmet-need warning: a delegation listed on a session whose venue lacks what one of its
members needs; one finding per (session, delegation), every missing item named once."""

from __future__ import annotations

import pytest

from festival.scheduling import check_festival
from festival.scheduling.spec import DelegationSpec, MemberSpec
from tests.unit.test_scheduling_rules import (
    lines,
    make_event,
    make_festival,
    make_session,
    make_venue,
)


def delegation(key: str, *needs: tuple[str, ...]) -> DelegationSpec:
    members = tuple(MemberSpec(f"m-{i}", needs=n) for i, n in enumerate(needs))
    return DelegationSpec(key, members=members)


@pytest.mark.parametrize(
    ("has", "needs", "expected"),
    [
        ({"step_free", "hearing_loop"}, [("step_free",), ("hearing_loop",)], None),
        ({"sound"}, [("step_free",)], "needs=step_free"),
        (
            {"hearing_loop"},
            [("step_free", "hearing_loop"), ("braille", "step_free")],
            "needs=step_free,braille",
        ),
        (set(), [(), ()], None),
        (set(), [], None),
    ],
    ids=["venue-has-all", "one-missing", "every-missing-once-in-order", "no-needs", "nobody"],
)
def test_unmet_need_boundaries(
    has: set[str], needs: list[tuple[str, ...]], expected: str | None
) -> None:
    spec = make_festival(
        venues=[make_venue(equipment=frozenset(has))],
        events=[make_event(delegations=("xian",))],
        delegations=[delegation("xian", *needs)],
        sessions=(
            make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("s-2", "2026-10-19T10:00", "2026-10-19T11:00"),
        ),
    )
    expected_lines = [
        f"WARNING unmet-need session={key} venue=hall delegation=xian {expected}"
        for key in ("s-1", "s-2")
    ]
    assert lines(spec) == (expected_lines if expected else [])


def test_unmet_need_is_one_finding_per_session_and_delegation_in_order() -> None:
    spec = make_festival(
        venues=[make_venue("hall"), make_venue("garden", equipment=frozenset({"step_free"}))],
        events=[make_event("talk", delegations=("yerevan", "xian", "khiva"))],
        delegations=[
            delegation("xian", ("step_free",), ("step_free",)),
            delegation("yerevan", ("hearing_loop",)),
            delegation("khiva"),
        ],
        sessions=(
            make_session("late", "2026-10-19T10:00", "2026-10-19T11:00", venue="garden"),
            make_session("b-early", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("a-early", "2026-10-18T10:00", "2026-10-18T11:00", venue="garden"),
        ),
    )
    findings = [f for f in check_festival(spec) if f.code == "unmet-need"]
    assert [f.line() for f in findings] == [
        "WARNING unmet-need session=a-early venue=garden delegation=yerevan needs=hearing_loop",
        "WARNING unmet-need session=b-early venue=hall delegation=xian needs=step_free",
        "WARNING unmet-need session=b-early venue=hall delegation=yerevan needs=hearing_loop",
        "WARNING unmet-need session=late venue=garden delegation=yerevan needs=hearing_loop",
    ]
    assert findings[0].get("needs") == "hearing_loop" and not findings[0].is_error


def test_unmet_need_skips_cancelled_sessions_unlisted_delegations_and_unknown_venues() -> None:
    spec = make_festival(
        events=[make_event("talk", delegations=("xian",)), make_event("film")],
        delegations=[delegation("xian", ("step_free",)), delegation("khiva", ("step_free",))],
        sessions=(
            make_session("gone", "2026-10-18T10:00", "2026-10-18T11:00", status="cancelled"),
            make_session("film-1", "2026-10-18T12:00", "2026-10-18T13:00", event="film"),
            make_session("nowhere", "2026-10-18T14:00", "2026-10-18T15:00", venue="wawel"),
        ),
    )
    assert lines(spec) == []


def test_unmet_need_runs_when_only_some_sessions_are_checked() -> None:
    spec = make_festival(
        events=[make_event("talk", delegations=("xian",))],
        delegations=[delegation("xian", ("step_free",))],
        sessions=(
            make_session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
            make_session("s-2", "2026-10-19T10:00", "2026-10-19T11:00"),
        ),
    )
    assert lines(spec, only_sessions={"s-2"}) == [
        "WARNING unmet-need session=s-2 venue=hall delegation=xian needs=step_free"
    ]
