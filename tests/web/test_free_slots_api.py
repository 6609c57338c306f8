"""GET /api/v1/festivals/SLUG/free-slots: a worked example computed by hand, filters, errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import User
from festival.services.accounts import create_api_token
from festival.services.importer import import_document
from tests.factories import event, festival_data, session, venue
from tests.web.workspace import sign_in

URL = "/api/v1/festivals/test-2026/free-slots"
DAY = "from=2026-10-18&to=2026-10-18"


def worked_example() -> dict[str, Any]:
    """Sunday 2026-10-18 in Asia/Tehran (+03:30, no daylight saving)."""
    return festival_data(
        venues=[
            # Open 09:00-18:00 on Sundays; 30 minutes set-up, 15 minutes teardown.
            venue(
                "hall",
                setup_minutes=30,
                teardown_minutes=15,
                opening_hours={"sun": "09:00-18:00"},
            ),
            # Open from 20:00 past midnight to 02:00; a hold 22:00-23:00.
            venue("court", capacity=500, equipment=["stage"], opening_hours={"sun": "20:00-02:00"}),
            # Always open, no capacity stated, no equipment.
            {"key": "annex", "name": "Annex"},
            # Shared: its sessions never double-book it.
            venue("bazaar", shared=True, capacity=50, equipment=[]),
        ],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "name": "Xi'an Delegation",
                "arrival": {"at": "2026-10-18T12:00", "transport": "flight", "place": "IFN"},
                "departure": {"at": "2026-10-18T17:30", "transport": "flight", "place": "IFN"},
                # A need no venue offers and no event requires.
                "members": [{"key": "li-wei", "name": "Li Wei", "needs": ["wheelchair_lift"]}],
            }
        ],
        venue_holds=[
            {
                "key": "court-build",
                "venue": "court",
                "starts_at": "2026-10-18T22:00",
                "ends_at": "2026-10-18T23:00",
            }
        ],
        events=[
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
                delegations=["xian"],
            ),
            event(
                "visit",
                session("visit-1", "2026-10-18T14:00", "2026-10-18T15:00", venue="annex"),
                delegations=["xian"],
            ),
            event(
                "market",
                session("market-1", "2026-10-18T12:00", "2026-10-18T13:00", venue="bazaar"),
                requires=["hearing_loop"],
            ),
            event(
                "dropped",
                session("dropped-1", "2026-10-18T15:00", "2026-10-18T16:00", status="cancelled"),
            ),
        ],
    )


@pytest.fixture
def tokens(app: Flask) -> dict[str, str]:
    doc, findings = validate_data(worked_example())
    assert not [f for f in findings if f.is_error], findings
    import_document(doc, findings, replace=False, now=datetime.now(UTC), actor="tests")
    out = {}
    for role in ("organiser", "viewer"):
        user = User(email=f"{role}@example.org", role=role, created_at=datetime.now(UTC))
        user.set_password("a long passphrase")
        db.session.add(user)
        db.session.flush()
        out[role] = create_api_token(user.email, now=datetime.now(UTC))
    db.session.commit()
    return out


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def slots(client: FlaskClient, token: str, query: str) -> list[tuple[str, str, str]]:
    response = client.get(f"{URL}?{query}", headers=bearer(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"slots"}
    return [(s["venue"], s["starts_at"][:16], s["ends_at"][:16]) for s in body["slots"]]


def test_worked_example_every_venue(client: FlaskClient, tokens: dict) -> None:
    response = client.get(f"{URL}?duration=60&{DAY}", headers=bearer(tokens["viewer"]))
    body = response.get_json()
    assert body["slots"][0] == {
        "venue": "annex",
        "starts_at": "2026-10-18T00:00:00+03:30",
        "ends_at": "2026-10-18T14:00:00+03:30",
    }
    assert slots(client, tokens["viewer"], f"duration=60&{DAY}") == [
        # Always open, but visit-1 at 14:00-15:00; the last start is 23:59 of the 18th.
        ("annex", "2026-10-18T00:00", "2026-10-18T14:00"),
        # Shared: market-1 does not block it (same start as annex: venue key order).
        ("bazaar", "2026-10-18T00:00", "2026-10-19T00:59"),
        # opening-1 occupies 09:30-11:15; a new session occupies 30 minutes before and
        # 15 after, so its first start is 11:15 + 30 = 11:45. Closes at 18:00.
        ("hall", "2026-10-18T11:45", "2026-10-18T18:00"),
        ("annex", "2026-10-18T15:00", "2026-10-19T00:59"),
        # Opens 20:00; the hold 22:00-23:00; open past midnight until 02:00, but the last
        # start asked for is 23:59.
        ("court", "2026-10-18T20:00", "2026-10-18T22:00"),
        ("court", "2026-10-18T23:00", "2026-10-19T00:59"),
    ]


def test_worked_example_with_a_delegation(client: FlaskClient, tokens: dict) -> None:
    # xian arrives 12:00, departs 17:30 and has visit-1 14:00-15:00 (and opening-1).
    assert slots(client, tokens["organiser"], f"duration=60&{DAY}&venue=hall&delegation=xian") == [
        ("hall", "2026-10-18T12:00", "2026-10-18T14:00"),
        ("hall", "2026-10-18T15:00", "2026-10-18T17:30"),
    ]


def test_two_days_and_venues_repeated(client: FlaskClient, tokens: dict) -> None:
    query = "duration=90&from=2026-10-18&to=2026-10-19&venue=court&venue=hall"
    assert slots(client, tokens["viewer"], query) == [
        ("hall", "2026-10-18T11:45", "2026-10-18T18:00"),
        ("court", "2026-10-18T20:00", "2026-10-18T22:00"),
        ("court", "2026-10-18T23:00", "2026-10-19T02:00"),
    ]


def test_requires_and_capacity_choose_venues(client: FlaskClient, tokens: dict) -> None:
    viewer = tokens["viewer"]
    assert {v for v, _, _ in slots(client, viewer, f"duration=60&{DAY}&requires=stage")} == {
        "court"
    }
    # annex states no capacity: it takes part.
    assert {v for v, _, _ in slots(client, viewer, f"duration=60&{DAY}&capacity=200")} == {
        "annex",
        "court",
    }
    query = f"duration=60&{DAY}&requires=projector&requires=sound&capacity=100"
    assert {v for v, _, _ in slots(client, viewer, query)} == {"hall"}
    # An event requires it, no venue has it.
    assert slots(client, viewer, f"duration=60&{DAY}&requires=hearing_loop") == []
    # A member needs it, no venue has it: nothing fits, which is an answer, not a typo.
    assert slots(client, viewer, f"duration=60&{DAY}&requires=wheelchair_lift") == []


def test_a_signed_in_session_may_ask(client: FlaskClient, tokens: dict) -> None:
    sign_in(client, "viewer")
    response = client.get(f"{URL}?duration=60&{DAY}&venue=hall")
    assert response.status_code == 200
    assert len(response.get_json()["slots"]) == 1


def test_refusals(client: FlaskClient, tokens: dict) -> None:
    assert client.get(f"{URL}?duration=60&{DAY}").status_code == 401
    wrong = client.get(f"{URL}?duration=60&{DAY}", headers=bearer("nope"))
    assert wrong.status_code == 401
    viewer = bearer(tokens["viewer"])
    unknown = client.get(f"/api/v1/festivals/nope/free-slots?duration=60&{DAY}", headers=viewer)
    assert unknown.status_code == 404
    for query, named in (
        ("venue=stage-x", "venue 'stage-x'"),
        ("delegation=tabriz", "delegation 'tabriz'"),
    ):
        response = client.get(f"{URL}?duration=60&{DAY}&{query}", headers=viewer)
        assert response.status_code == 404, query
        assert named in response.get_json()["message"]
    for query, name in (
        (DAY, "duration"),
        (f"duration=0&{DAY}", "duration"),
        (f"duration=-5&{DAY}", "duration"),
        (f"duration=1.5&{DAY}", "duration"),
        (f"duration=ten&{DAY}", "duration"),
        ("duration=60&to=2026-10-18", "from"),
        ("duration=60&from=2026-10-18&to=2026-02-30", "to"),
        ("duration=60&from=18.10.2026&to=2026-10-18", "from"),
        ("duration=60&from=2026-10-19&to=2026-10-18", "to"),
        (f"duration=60&{DAY}&capacity=many", "capacity"),
        (f"duration=60&{DAY}&capacity=-1", "capacity"),
        (f"duration=60&{DAY}&requires=", "requires"),
        (f"duration=60&{DAY}&requires=projecter", "requires"),
    ):
        response = client.get(f"{URL}?{query}", headers=viewer)
        assert response.status_code == 422, query
        body = response.get_json()
        assert f"at={name}" in body["message"], (query, body)


def test_outside_the_festival_there_is_nothing(client: FlaskClient, tokens: dict) -> None:
    query = "duration=60&from=2026-10-01&to=2026-10-17"
    assert slots(client, tokens["viewer"], query) == []
