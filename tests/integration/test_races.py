"""Venue exclusivity when writers race: exactly one wins, the rest get the conflict."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from festival.datafile import validate_data
from festival.errors import SchedulingConflict
from festival.extensions import db
from festival.models import Festival, Occupation, Session, Venue
from festival.services import sessions as svc
from festival.services.importer import import_document
from festival.services.unit import run_write
from tests.factories import event, festival_data, session, venue

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 9, 1, tzinfo=UTC)
WRITERS = 8


@pytest.fixture
def festival(app: Flask) -> Festival:
    data = festival_data(
        venues=[venue("hall", setup_minutes=15)],
        events=[event("talks", session("talk-0", "2026-10-18T08:00", "2026-10-18T09:00"))],
    )
    doc, findings = validate_data(data)
    return run_write(lambda: import_document(doc, findings, replace=False, now=NOW, actor="tests"))


def race(app: Flask, work: list) -> list[object]:
    """Run each callable in its own thread and app context, all released at once."""
    barrier = threading.Barrier(len(work))
    results: list[object] = [None] * len(work)

    def runner(index: int) -> None:
        with app.app_context():
            festival = db.session.scalar(select(Festival))
            barrier.wait()
            try:
                outcome = run_write(lambda: work[index](festival))
                results[index] = outcome.item.key
            except Exception as exc:  # noqa: BLE001  (the outcome is what the test checks)
                results[index] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def placer(index: int, start: int = 10, end: int = 11):
    def place(festival: Festival) -> svc.Outcome:
        return svc.place_session(
            festival,
            key=f"race-{index}",
            event="talks",
            venue="hall",
            starts_at=datetime(2026, 10, 18, start, tzinfo=TEHRAN),
            ends_at=datetime(2026, 10, 18, end, tzinfo=TEHRAN),
            now=NOW,
            actor="tests",
        )

    return place


@pytest.mark.parametrize("round_", range(3))
def test_many_writers_one_slot_exactly_one_wins(
    app: Flask, festival: Festival, round_: int
) -> None:
    results = race(app, [placer(i) for i in range(WRITERS)])
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if isinstance(r, SchedulingConflict)]
    assert len(winners) == 1, results
    assert len(losers) == WRITERS - 1, results
    winner = winners[0]
    for loser in losers:
        assert loser.code == "venue-double-booking"
        assert winner in loser.conflicts
    with app.app_context():
        keys = set(db.session.scalars(select(Session.key)))
        assert keys == {"talk-0", winner}
        assert db.session.scalar(select(func.count(Occupation.id))) == 2


def test_writers_in_different_slots_all_win(app: Flask, festival: Festival) -> None:
    results = race(app, [placer(i, 10 + 2 * i, 11 + 2 * i) for i in range(4)])
    assert results == ["race-0", "race-1", "race-2", "race-3"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Session.id))) == 5


def test_the_database_itself_refuses_an_overlapping_occupation(
    app: Flask, festival: Festival
) -> None:
    """The backstop: a write that skips the services still cannot double-book."""
    hall = db.session.scalar(select(Venue))
    talk = db.session.scalar(select(Session))
    other = Session(
        festival_id=festival.id,
        event=talk.event,
        key="sneaky",
        venue=hall,
        starts_at=talk.starts_at,
        ends_at=talk.ends_at,
        created_at=NOW,
        updated_at=NOW,
    )
    db.session.add(other)
    db.session.flush()
    db.session.add(
        Occupation(
            festival_id=festival.id,
            venue_id=hall.id,
            session_id=other.id,
            starts_at=talk.starts_at,
            ends_at=talk.ends_at,
            exclusive=True,
        )
    )
    with pytest.raises(IntegrityError, match="occupation_no_overlap"):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(func.count(Session.id))) == 1
