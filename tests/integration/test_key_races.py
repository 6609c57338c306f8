"""Writers racing to create the same key: exactly one wins, every other gets ``duplicate-key``
(a 422 from the API), never the database's own error."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select

from festival.datafile import validate_data
from festival.errors import SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Festival, Session, User, VenueHold
from festival.services import sessions as svc
from festival.services.accounts import create_api_token
from festival.services.importer import import_document
from festival.services.unit import run_write
from tests.factories import event, festival_data, session, venue

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 9, 1, tzinfo=UTC)
API_WRITERS = 24
WRITERS = 8


@pytest.fixture
def festival(app: Flask) -> Festival:
    data = festival_data(
        venues=[venue("hall")],
        events=[event("talks", session("talk-0", "2026-10-18T08:00", "2026-10-18T09:00"))],
    )
    doc, findings = validate_data(data)
    return run_write(lambda: import_document(doc, findings, replace=False, now=NOW))


def at_once(count: int, work: Callable[[int], object]) -> list[object]:
    """``work(i)`` in ``count`` threads released together; each result or exception."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001  (the outcome is what the test checks)
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_api_posts_of_one_new_session_key_give_one_201_and_duplicate_key_422s(
    app: Flask, festival: Festival
) -> None:
    user = User(email="org@example.org", role="organiser", created_at=NOW)
    user.set_password("a long passphrase")
    db.session.add(user)
    db.session.commit()
    token = create_api_token(user.email, now=NOW)
    db.session.commit()
    db.session.remove()
    clients = [app.test_client() for _ in range(API_WRITERS)]

    def post(index: int) -> tuple[int, dict]:
        # The same key, each writer in its own hour: the key is the only thing they share.
        start = datetime(2026, 10, 19, 0, tzinfo=TEHRAN) + timedelta(hours=index)
        response = clients[index].post(
            "/api/v1/festivals/test-2026/sessions",
            json={
                "key": "probe",
                "event": "talks",
                "venue": "hall",
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(minutes=30)).isoformat(),
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        return response.status_code, response.get_json()

    results = at_once(API_WRITERS, post)
    statuses = sorted(r[0] for r in results if isinstance(r, tuple))
    assert statuses == [201] + [422] * (API_WRITERS - 1), results
    for status, body in results:  # type: ignore[misc]
        if status == 422:
            assert body["error"] == "invalid"
            assert set(body["fields"]) == {"key"}
            assert body["findings"][0].startswith("ERROR duplicate-key at=key ")
    with app.app_context():
        count = db.session.scalar(select(func.count(Session.id)).where(Session.key == "probe"))
        assert count == 1


def test_services_racing_for_one_hold_key_give_one_hold(app: Flask, festival: Festival) -> None:
    def add(index: int) -> object:
        with app.app_context():
            try:
                return run_write(
                    lambda: svc.add_hold(
                        db.session.scalar(select(Festival)),
                        key="build-up",
                        venue="hall",
                        starts_at=datetime(2026, 10, 20, 8 + index, tzinfo=TEHRAN),
                        ends_at=datetime(2026, 10, 20, 8 + index, 30, tzinfo=TEHRAN),
                        now=NOW,
                    )
                ).item.key
            finally:
                db.session.remove()

    results = at_once(WRITERS, add)
    assert results.count("build-up") == 1, results
    losers = [r for r in results if r != "build-up"]
    assert all(type(r) is ValidationFailed for r in losers), results
    assert all(r.errors[0].code == "duplicate-key" for r in losers)  # type: ignore[union-attr]
    with app.app_context():
        assert db.session.scalar(select(func.count(VenueHold.id))) == 1


def test_imports_racing_for_one_new_slug_give_one_festival(app: Flask) -> None:
    doc, findings = validate_data(festival_data(festival={"slug": "race-2026"}))

    def load(index: int) -> object:
        with app.app_context():
            try:
                return run_write(
                    lambda: import_document(doc, list(findings), replace=False, now=NOW)
                ).slug
            finally:
                db.session.remove()

    results = at_once(WRITERS, load)
    assert results.count("race-2026") == 1, results
    losers = [r for r in results if r != "race-2026"]
    assert all(isinstance(r, ValidationFailed) for r in losers), results
    assert not any(isinstance(r, SchedulingConflict) for r in losers)
    assert all(r.errors[0].code == "duplicate-key" for r in losers)  # type: ignore[union-attr]
    with app.app_context():
        assert db.session.scalar(select(func.count(Festival.id))) == 1


def test_a_duplicate_the_work_does_not_check_is_refused_as_duplicate_key(
    app: Flask, festival: Festival
) -> None:
    """The backstop: a write that skips the key check still ends as ``duplicate-key``."""
    talk = db.session.scalar(select(Session))
    assert talk is not None
    event_id, venue_id = talk.event_id, talk.venue_id
    db.session.rollback()

    def sneak() -> None:
        f = db.session.scalar(select(Festival))
        assert f is not None
        db.session.add(
            Session(
                festival_id=f.id,
                event_id=event_id,
                venue_id=venue_id,
                key="talk-0",
                starts_at=datetime(2026, 10, 21, 8, tzinfo=UTC),
                ends_at=datetime(2026, 10, 21, 9, tzinfo=UTC),
                created_at=NOW,
                updated_at=NOW,
            )
        )
        db.session.flush()

    with pytest.raises(ValidationFailed) as caught:
        run_write(sneak)
    assert [f.line() for f in caught.value.findings] == [
        "ERROR duplicate-key at=key another write saved the same key at the same time"
    ]
    assert db.session.scalar(select(func.count(Session.id))) == 1
