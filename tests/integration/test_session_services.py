"""The write services: each checks only what the change touches, refuses errors whole,
returns warnings, and keeps the occupation rows equal to what the rules compute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select

from festival.datafile import validate_data
from festival.errors import NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Festival, InterpreterAssignment, Occupation, Session
from festival.scheduling import check_festival
from festival.services import sessions as svc
from festival.services.importer import import_document
from festival.services.specs import festival_spec, load_festival
from festival.services.unit import run_write
from tests.factories import event, festival_data, session, venue

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=TEHRAN)


def load(data: dict) -> Festival:
    doc, findings = validate_data(data)
    assert doc is not None and not [f for f in findings if f.is_error], findings
    festival = run_write(
        lambda: import_document(doc, findings, replace=False, now=NOW, actor="tests")
    )
    return festival


@pytest.fixture
def festival(app: Flask) -> Festival:
    data = festival_data(
        venues=[
            venue("hall", setup_minutes=30, teardown_minutes=15, capacity=50),
            venue("square", shared=True),
            venue("cinema", equipment=["projector"]),
        ],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "members": [{"key": "li", "name": "Li Wei", "languages": ["zh"]}],
            }
        ],
        interpreters=[{"key": "sara", "name": "Sara", "languages": ["en", "zh"]}],
        events=[
            event(
                "talks",
                session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                delegations=["xian"],
                language="en",
            ),
            event(
                "film",
                session("film-1", "2026-10-18T14:00", "2026-10-18T16:00", venue="cinema"),
                kind="screening",
                delegations=["xian"],
            ),
            event(
                "market",
                session("market-1", "2026-10-18T09:00", "2026-10-18T18:00", venue="square"),
                kind="other",
            ),
        ],
        interpreter_assignments=[
            {"key": "ia-1", "interpreter": "sara", "delegation": "xian", "session": "talk-1"}
        ],
    )
    return load(data)


def occupied(key: str) -> tuple[datetime, datetime, bool]:
    occ = db.session.scalar(select(Occupation).join(Session).where(Session.key == key))
    return occ.starts_at, occ.ends_at, occ.exclusive


def stored_findings(slug: str) -> list[str]:
    return [f.line() for f in check_festival(festival_spec(load_festival(slug)))]


def test_place_session_stores_it_with_its_buffered_occupation(festival: Festival) -> None:
    outcome = run_write(
        lambda: svc.place_session(
            festival,
            key="talk-2",
            event="talks",
            venue="hall",
            starts_at=at(18, 11, 45),
            ends_at=at(18, 12, 30),
            now=NOW,
            actor="tests",
        )
    )
    assert outcome.warnings == []
    row = db.session.scalar(select(Session).where(Session.key == "talk-2"))
    assert (row.starts_at, row.ends_at, row.status, row.sequence) == (
        datetime(2026, 10, 18, 8, 15, tzinfo=UTC),
        datetime(2026, 10, 18, 9, 0, tzinfo=UTC),
        "confirmed",
        0,
    )
    assert occupied("talk-2") == (
        datetime(2026, 10, 18, 7, 45, tzinfo=UTC),
        datetime(2026, 10, 18, 9, 15, tzinfo=UTC),
        True,
    )


@pytest.mark.parametrize(
    ("start", "end", "pair"),
    [
        ((18, 10, 0), (18, 11, 0), ["new-1", "talk-1"]),  # same start: then by key
        ((18, 9, 0), (18, 9, 31), ["new-1", "talk-1"]),  # its teardown reaches talk-1's setup
        ((18, 9, 0), (18, 9, 15), None),  # 09:15 + 15 min teardown = 09:30: back to back
        ((18, 11, 30), (18, 12, 0), ["talk-1", "new-1"]),  # its setup meets talk-1's teardown
        ((18, 11, 45), (18, 12, 0), None),  # setup from 11:15: back to back
        ((18, 10, 15), (18, 10, 45), ["talk-1", "new-1"]),  # contained
    ],
    ids=[
        "exact",
        "teardown-into-setup",
        "back-to-back-before",
        "setup-into-teardown",
        "back-to-back-after",
        "contained",
    ],
)
def test_place_session_venue_boundaries(
    festival: Festival, start: tuple, end: tuple, pair: list[str] | None
) -> None:
    def place() -> svc.Outcome:
        return svc.place_session(
            festival,
            key="new-1",
            event="talks",
            venue="hall",
            starts_at=at(*start),
            ends_at=at(*end),
            now=NOW,
            actor="tests",
        )

    if pair:
        with pytest.raises(SchedulingConflict) as caught:
            run_write(place)
        assert caught.value.code == "venue-double-booking"
        assert caught.value.conflicts == pair
        assert db.session.scalar(select(func.count(Session.id))) == 3
    else:
        run_write(place)
        assert db.session.scalar(select(func.count(Session.id))) == 4


def test_conflict_names_both_sessions_in_start_order(festival: Festival) -> None:
    with pytest.raises(SchedulingConflict) as caught:
        run_write(
            lambda: svc.place_session(
                festival,
                key="early",
                event="film",
                venue="hall",
                starts_at=at(18, 9, 0),
                ends_at=at(18, 10, 30),
                now=NOW,
                actor="tests",
            )
        )
    assert [f.line() for f in caught.value.errors] == [
        "ERROR venue-double-booking venue=hall sessions=early,talk-1 overlap "
        "2026-10-18T09:30+03:30..10:45+03:30"
    ]
    assert caught.value.conflicts == ["early", "talk-1"]


def test_shared_venue_and_cancelled_sessions_take_no_exclusive_slot(festival: Festival) -> None:
    run_write(
        lambda: svc.place_session(
            festival,
            key="market-2",
            event="market",
            venue="square",
            starts_at=at(18, 10),
            ends_at=at(18, 12),
            now=NOW,
            actor="tests",
        )
    )
    run_write(
        lambda: svc.place_session(
            festival,
            key="ghost",
            event="talks",
            venue="hall",
            starts_at=at(18, 10),
            ends_at=at(18, 11),
            status="cancelled",
            now=NOW,
            actor="tests",
        )
    )
    assert occupied("market-2")[2] is False
    assert occupied("ghost")[2] is False
    # Reviving the cancelled one now clashes with talk-1.
    with pytest.raises(SchedulingConflict):
        run_write(
            lambda: svc.update_session(
                festival, "ghost", status="confirmed", now=NOW, actor="tests"
            )
        )
    assert db.session.scalar(select(Session.status).where(Session.key == "ghost")) == "cancelled"


def test_warnings_come_back_and_the_session_is_kept(festival: Festival) -> None:
    outcome = run_write(
        lambda: svc.place_session(
            festival,
            key="talk-late",
            event="talks",
            venue="hall",
            starts_at=at(18, 14, 30),
            ends_at=at(18, 15, 0),
            now=NOW,
            actor="tests",
        )
    )
    assert [f.line() for f in outcome.warnings] == [
        "WARNING delegation-overlap delegation=xian sessions=film-1,talk-late "
        "overlap 2026-10-18T14:30+03:30..15:00+03:30",
    ]
    assert db.session.scalar(select(Session.id).where(Session.key == "talk-late")) is not None


def test_move_session_raises_sequence_and_checks_neighbours(festival: Festival) -> None:
    run_write(
        lambda: svc.move_session(
            festival, "talk-1", starts_at=at(19, 10), ends_at=at(19, 11), now=NOW, actor="tests"
        )
    )
    row = db.session.scalar(select(Session).where(Session.key == "talk-1"))
    assert (row.sequence, row.starts_at) == (1, datetime(2026, 10, 19, 6, 30, tzinfo=UTC))
    assert occupied("talk-1")[:2] == (
        datetime(2026, 10, 19, 6, 0, tzinfo=UTC),
        datetime(2026, 10, 19, 7, 45, tzinfo=UTC),
    )
    # Moving onto itself (the same slot) is not a clash with its own old occupation.
    run_write(
        lambda: svc.resize_session(
            festival, "talk-1", ends_at=at(19, 11, 30), now=NOW, actor="tests"
        )
    )
    assert db.session.scalar(select(Session.sequence).where(Session.key == "talk-1")) == 2


def test_move_into_a_taken_slot_is_refused_and_nothing_changes(festival: Festival) -> None:
    run_write(
        lambda: svc.place_session(
            festival,
            key="film-2",
            event="film",
            venue="cinema",
            starts_at=at(18, 17),
            ends_at=at(18, 19),
            now=NOW,
            actor="tests",
        )
    )
    before = stored_findings(festival.slug)
    with pytest.raises(SchedulingConflict) as caught:
        run_write(
            lambda: svc.move_session(
                festival, "film-2", starts_at=at(18, 15), ends_at=at(18, 17), now=NOW, actor="tests"
            )
        )
    assert caught.value.conflicts == ["film-1", "film-2"]
    row = db.session.scalar(select(Session).where(Session.key == "film-2"))
    assert (row.starts_at, row.sequence) == (datetime(2026, 10, 18, 13, 30, tzinfo=UTC), 0)
    assert stored_findings(festival.slug) == before


def test_moving_an_interpreted_session_onto_the_interpreters_other_session_is_refused(
    festival: Festival,
) -> None:
    run_write(
        lambda: svc.place_session(
            festival,
            key="talk-2",
            event="talks",
            venue="hall",
            starts_at=at(18, 13),
            ends_at=at(18, 14),
            now=NOW,
            actor="tests",
        )
    )

    def assign() -> None:
        talk2 = db.session.scalar(select(Session).where(Session.key == "talk-2"))
        first = db.session.scalar(select(InterpreterAssignment))
        db.session.add(
            InterpreterAssignment(
                festival_id=festival.id,
                key="ia-2",
                interpreter=first.interpreter,
                delegation=first.delegation,
                session=talk2,
                position=1,
            )
        )
        db.session.flush()

    run_write(assign)
    with pytest.raises(SchedulingConflict) as caught:
        run_write(
            lambda: svc.move_session(
                festival,
                "talk-2",
                starts_at=at(18, 10, 30),
                ends_at=at(18, 11, 30),
                venue="cinema",
                now=NOW,
                actor="tests",
            )
        )
    assert [f.code for f in caught.value.errors] == ["interpreter-double-booking"]
    assert caught.value.conflicts == ["ia-1", "ia-2"]


def test_cancel_frees_the_venue_and_delete_removes_the_session(festival: Festival) -> None:
    run_write(lambda: svc.cancel_session(festival, "talk-1", now=NOW, actor="tests"))
    assert occupied("talk-1")[2] is False
    run_write(
        lambda: svc.place_session(
            festival,
            key="talk-9",
            event="talks",
            venue="hall",
            starts_at=at(18, 10),
            ends_at=at(18, 11),
            now=NOW,
            actor="tests",
        )
    )
    run_write(lambda: svc.delete_session(festival, "talk-9", now=NOW, actor="tests"))
    assert db.session.scalar(select(Session.id).where(Session.key == "talk-9")) is None
    assert db.session.scalar(select(func.count(Occupation.id))) == 3
    with pytest.raises(NotFound):
        run_write(lambda: svc.delete_session(festival, "talk-9", now=NOW, actor="tests"))


def test_holds_count_as_sessions(festival: Festival) -> None:
    with pytest.raises(SchedulingConflict) as caught:
        run_write(
            lambda: svc.add_hold(
                festival,
                key="build-up",
                venue="hall",
                starts_at=at(18, 8),
                ends_at=at(18, 9, 45),
                now=NOW,
                actor="tests",
            )
        )
    assert caught.value.conflicts == ["build-up", "talk-1"]
    run_write(
        lambda: svc.add_hold(
            festival,
            key="build-up",
            venue="hall",
            starts_at=at(18, 8),
            ends_at=at(18, 9, 15),
            now=NOW,
            actor="tests",
        )
    )
    with pytest.raises(SchedulingConflict):
        run_write(
            lambda: svc.place_session(
                festival,
                key="x",
                event="talks",
                venue="hall",
                starts_at=at(18, 8, 30),
                ends_at=at(18, 9),
                now=NOW,
                actor="tests",
            )
        )
    run_write(lambda: svc.remove_hold(festival, "build-up", now=NOW, actor="tests"))
    run_write(
        lambda: svc.place_session(
            festival,
            key="x",
            event="talks",
            venue="hall",
            starts_at=at(18, 8, 30),
            ends_at=at(18, 9),
            now=NOW,
            actor="tests",
        )
    )


def test_bad_input_names_every_field(festival: Festival) -> None:
    with pytest.raises(ValidationFailed) as caught:
        run_write(
            lambda: svc.place_session(
                festival,
                key="Bad Key",
                event="nope",
                venue="nowhere",
                status="maybe",
                starts_at=datetime(2026, 10, 18, 10),  # noqa: DTZ001  (naive on purpose)
                ends_at=at(18, 11),
                now=NOW,
                actor="tests",
            )
        )  # noqa: DTZ001
    assert [(f.code, f.get("at")) for f in caught.value.findings] == [
        ("invalid-value", "key"),
        ("invalid-value", "status"),
        ("invalid-value", "starts_at"),
        ("unknown-reference", "event"),
        ("unknown-reference", "venue"),
    ]
    with pytest.raises(ValidationFailed) as caught:
        run_write(
            lambda: svc.place_session(
                festival,
                key="talk-1",
                event="talks",
                venue="hall",
                starts_at=at(18, 12),
                ends_at=at(18, 12),
                now=NOW,
                actor="tests",
            )
        )
    assert [(f.code, f.get("at")) for f in caught.value.findings] == [("duplicate-key", "key")]
    with pytest.raises(ValidationFailed) as caught:
        run_write(
            lambda: svc.place_session(
                festival,
                key="t-0",
                event="talks",
                venue="hall",
                starts_at=at(18, 12),
                ends_at=at(18, 12),
                now=NOW,
                actor="tests",
            )
        )
    assert [f.code for f in caught.value.findings] == ["invalid-interval"]


def test_every_write_raises_the_festival_version(festival: Festival) -> None:
    version = festival.version
    run_write(
        lambda: svc.move_session(
            festival,
            "talk-1",
            starts_at=at(18, 10, 5),
            ends_at=at(18, 11),
            now=NOW + timedelta(hours=1),
            actor="tests",
        )
    )
    db.session.refresh(festival)
    assert festival.version == version + 1
    assert festival.updated_at == NOW + timedelta(hours=1)
