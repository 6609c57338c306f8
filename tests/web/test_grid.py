"""The schedule grid (CONTRACT section 7): the page, and the JSON answers of the session
change route the grid's script uses; the API's PATCH with ``version``."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.extensions import db
from festival.models import Session, User
from festival.services.accounts import create_api_token
from tests.factories import demo_data
from tests.icalcheck import store
from tests.web.workspace import sign_in, user_per_request  # noqa: F401

SLUG = "isfahan-2026"
GRID = f"/organise/{SLUG}/grid"
SESSIONS = f"/organise/{SLUG}/sessions"
JSON = {"Accept": "application/json"}


def busy_demo() -> dict:
    """The demo with findings to mark: a talk needing a projector where there is none, a
    tentative and a cancelled session."""
    data = demo_data()
    for event in data["events"]:
        if event["key"] == "green-city-freiburg":
            event["requires"] = ["projector", "hologram"]
        if event["key"] == "two-brushes-calligraphy":
            event["sessions"][0]["status"] = "tentative"
        if event["key"] == "documentary-workshop":
            event["sessions"][0]["status"] = "cancelled"
    return data


@pytest.fixture
def demo(app: Flask) -> None:
    store(busy_demo())


def blocks(html: str) -> list[str]:
    return re.findall(r'data-session="([^"]+)"', html)


def block(html: str, key: str) -> str:
    match = re.search(rf'<a class="g-block[^"]*"[^>]*data-session="{key}".*?</a>', html, re.S)
    assert match, key
    return match.group(0)


def stored(key: str) -> Session:
    db.session.expire_all()
    row = db.session.scalar(db.select(Session).where(Session.key == key))
    assert row is not None
    return row


def test_grid_shows_every_session_of_the_day_as_a_block_linking_to_its_form(
    client: FlaskClient, demo: None
) -> None:
    sign_in(client, "viewer")
    response = client.get(f"{GRID}?day=2026-10-20")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    keys = blocks(html)
    assert sorted(keys) == sorted(
        [
            "polish-children-photos-3",
            "silk-road-handicrafts-3",
            "silk-road-nights-1",
            "health-tourism-forum-1",
            "urban-renewal-roundtable-1",
            "green-city-freiburg-1",
            "conservation-workshop-2",
            "acupuncture-workshop-1",
            "documentary-workshop-1",
            "two-brushes-calligraphy-1",
            "square-music-1",
            "mayor-meeting-kuala-lumpur-1",
            "sister-cities-bazaar-1",
        ]
    )
    first = block(html, "green-city-freiburg-1")
    assert f'href="{SESSIONS}/green-city-freiburg-1"' in first
    assert 'data-version="1"' in first
    assert "14:00–16:00" in first
    assert "Talk" in first  # the kind in text, not only the colour
    # Times are labelled with the zone; the hold of the day is shown.
    assert "Asia/Tehran" in html
    assert "UTC+03:30" in html
    assert 'data-hold="hold-bazaar-stalls"' in html
    # Buffers: the art university's 30 minutes of setup, 15 of teardown.
    assert 'data-buffer-of="green-city-freiburg-1" data-minutes="30"' in html
    assert 'data-buffer-of="green-city-freiburg-1" data-minutes="15"' in html


def test_tentative_cancelled_and_findings_are_marked_in_text(
    client: FlaskClient, demo: None
) -> None:
    sign_in(client, "viewer")
    html = client.get(f"{GRID}?day=2026-10-20").get_data(as_text=True)
    talk = block(html, "green-city-freiburg-1")
    assert "has-warnings" in talk
    assert "Warning: missing-equipment session=green-city-freiburg-1" in talk
    tentative = block(html, "two-brushes-calligraphy-1")
    assert "status-tentative" in tentative and "Tentative" in tentative
    cancelled = block(html, "documentary-workshop-1")
    assert "status-cancelled" in cancelled and "Cancelled" in cancelled


def test_closed_hours_are_shaded(client: FlaskClient, demo: None) -> None:
    sign_in(client, "viewer")
    html = client.get(f"{GRID}?day=2026-10-20").get_data(as_text=True)
    # City hall opens 08:00-16:00 on Tuesdays: closed from 16:00.
    closed = re.findall(r'<div class="g-closed gc-(\d+) [^"]*">.*?</div>', html, re.S)
    venues = re.findall(r'<div class="g-venue gc-(\d+)" data-venue="([^"]+)"', html)
    column = {key: n for n, key in venues}
    assert column["city-hall"] in closed
    assert column["naqsh-e-jahan"] not in closed  # always open
    hall = re.findall(
        rf'<div class="g-closed gc-{column["city-hall"]} [^"]*">.*?hidden">([^<]*)</span>', html
    )
    assert [text[-11:] for text in hall] == ["16:00–00:00"]  # the grid starts at 08:00


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("kind=talk", "green-city-freiburg-1", "square-music-1"),
        ("city=yerevan", "square-music-1", "green-city-freiburg-1"),
        ("delegation=freiburg", "urban-renewal-roundtable-1", "sister-cities-bazaar-1"),
    ],
    ids=["kind", "partner-city", "delegation"],
)
def test_filters_narrow_the_sessions(
    client: FlaskClient, demo: None, query: str, present: str, absent: str
) -> None:
    sign_in(client, "viewer")
    html = client.get(f"{GRID}?day=2026-10-20&{query}").get_data(as_text=True)
    assert present in blocks(html)
    assert absent not in blocks(html)
    assert "hidden by the filters" in html


def test_default_day_bad_day_and_day_outside(client: FlaskClient, demo: None) -> None:
    sign_in(client, "viewer")
    first = client.get(GRID)
    assert first.status_code == 200
    assert "polish-children-photos-1" in blocks(first.get_data(as_text=True))
    for bad in ("2026-13-01", "tuesday", "2026-10-2", "9999-12-31", "0001-01-01"):
        response = client.get(f"{GRID}?day={bad}")
        assert response.status_code == 422, bad
        assert "YYYY-MM-DD" in response.get_data(as_text=True) or "too far" in response.get_data(
            as_text=True
        )
    outside = client.get(f"{GRID}?day=2026-11-02")
    assert outside.status_code == 200
    assert "is outside the festival" in outside.get_data(as_text=True)
    assert client.get("/organise/nope/grid").status_code == 404


def test_a_move_answers_json_with_the_new_version_and_warnings(
    client: FlaskClient, demo: None
) -> None:
    token = sign_in(client, "organiser")
    response = client.post(
        f"{SESSIONS}/green-city-freiburg-1",
        data={
            "csrf_token": token,
            "version": "1",
            "starts_at": "2026-10-20T15:00",
            "ends_at": "2026-10-20T17:30",
        },
        headers=JSON,
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["version"] == 2
    assert (body["starts_at"], body["ends_at"], body["venue"]) == (
        "2026-10-20T15:00:00+03:30",
        "2026-10-20T17:30:00+03:30",
        "art-university",
    )
    assert [w["code"] for w in body["warnings"]] == ["missing-equipment"]
    row = stored("green-city-freiburg-1")
    assert row.version == 2
    assert row.starts_at == datetime(2026, 10, 20, 11, 30, tzinfo=UTC)


def test_a_refused_move_answers_422_naming_the_other_session_and_changes_nothing(
    client: FlaskClient, demo: None
) -> None:
    token = sign_in(client, "organiser")
    response = client.post(
        f"{SESSIONS}/green-city-freiburg-1",
        data={
            "csrf_token": token,
            "version": "1",
            "starts_at": "2026-10-20T10:00",
            "ends_at": "2026-10-20T12:00",
        },
        headers=JSON,
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "venue-double-booking"
    assert body["others"][0] == {
        "key": "conservation-workshop-2",
        "kind": "session",
        "title": "Conservation Workshop: Safavid Wall Paintings",
    }
    assert "conservation-workshop-2" in body["message"]
    assert "Conservation" in body["message"]
    assert stored("green-city-freiburg-1").version == 1


def test_a_stale_version_answers_409_and_the_html_answers_stay(
    client: FlaskClient, demo: None
) -> None:
    token = sign_in(client, "organiser")
    url = f"{SESSIONS}/green-city-freiburg-1"
    move = {"csrf_token": token, "version": "1", "starts_at": "2026-10-20T14:30"}
    html = client.post(url, data={**move, "ends_at": "2026-10-20T16:30"})
    assert html.status_code == 303
    stale = client.post(url, data={**move, "ends_at": "2026-10-20T17:00"}, headers=JSON)
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["error"] == "overtaken"
    assert "green-city-freiburg-1" in body["message"]
    assert body["reload"] == url
    again = client.post(url, data={**move, "ends_at": "2026-10-20T17:00"})
    assert again.status_code == 409
    assert again.mimetype == "text/html"
    assert stored("green-city-freiburg-1").ends_at == datetime(2026, 10, 20, 13, 0, tzinfo=UTC)


def test_api_patch_with_a_stale_version_answers_409_problem(
    client: FlaskClient, demo: None
) -> None:
    user = User(email="api@example.org", role="organiser", created_at=datetime.now(UTC))
    user.set_password("a long passphrase")
    db.session.add(user)
    db.session.commit()
    token = create_api_token(user.email, now=datetime.now(UTC))
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/festivals/{SLUG}/sessions/green-city-freiburg-1"
    moved = client.patch(url, json={"starts_at": "2026-10-20T14:30", "version": 1}, headers=headers)
    assert moved.status_code == 200, moved.get_data(as_text=True)
    assert moved.get_json()["version"] == 2
    stale = client.patch(url, json={"starts_at": "2026-10-20T14:45", "version": 1}, headers=headers)
    assert stale.status_code == 409
    assert stale.mimetype == "application/problem+json"
    assert stale.get_json()["error"] == "overtaken"
    assert stored("green-city-freiburg-1").starts_at == datetime(2026, 10, 20, 11, 0, tzinfo=UTC)
    bad = client.patch(url, json={"version": "2"}, headers=headers)
    assert bad.status_code == 422
    assert bad.get_json()["fields"] == {"version": "expected a whole number from 1"}


def test_the_new_session_form_takes_a_free_slots_prefills(client: FlaskClient, demo: None) -> None:
    sign_in(client, "organiser")
    html = client.get(
        f"/organise/{SLUG}/new/session?venue=ali-qapu&starts_at=2026-10-20T12:30:00%2B03:30"
        "&ends_at=2026-10-20T14:00"
    ).get_data(as_text=True)
    assert '<option selected value="ali-qapu">' in html
    assert 'value="2026-10-20T12:30"' in html
    assert 'value="2026-10-20T14:00"' in html
    for bad in ("yesterday", "0001-01-01T00:00+14:00", "2026-10-20T25:00", "x" * 40):
        response = client.get(f"/organise/{SLUG}/new/session?starts_at={bad}")
        assert response.status_code == 200, bad
