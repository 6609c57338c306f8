"""The JSON API: public reads, organiser writes through the same rules as the importer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Session, User
from festival.services.accounts import create_api_token
from festival.services.importer import import_document
from tests.factories import event, festival_data, session, venue

URL = "/api/v1/festivals/test-2026/sessions"


@pytest.fixture
def tokens(app: Flask) -> dict[str, str]:
    data = festival_data(
        venues=[venue("hall", setup_minutes=30)],
        events=[
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
            ),
            event(
                "secret",
                session("secret-1", "2026-10-19T10:00", "2026-10-19T11:00"),
                kind="delegation_visit",
                public=False,
            ),
            event(
                "maybe",
                session("maybe-1", "2026-10-20T10:00", "2026-10-20T11:00", status="tentative"),
            ),
        ],
    )
    doc, findings = validate_data(data)
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


def count() -> int:
    value = db.session.scalar(select(func.count(Session.id)))
    db.session.rollback()
    return value


def test_public_read_shows_public_confirmed_sessions_only(
    client: FlaskClient, tokens: dict
) -> None:
    body = client.get(URL).get_json()
    assert [s["key"] for s in body["sessions"]] == ["opening-1"]
    assert body["sessions"][0] == {
        "key": "opening-1",
        "event": "opening",
        "kind": "ceremony",
        "title": "Opening",
        "public": True,
        "venue": "hall",
        "starts_at": "2026-10-18T10:00:00+03:30",
        "ends_at": "2026-10-18T11:00:00+03:30",
        "status": "confirmed",
        "sequence": 0,
        "version": 1,
        "updated_at": body["sessions"][0]["updated_at"],
    }
    full = client.get(URL, headers=bearer(tokens["viewer"])).get_json()
    assert [s["key"] for s in full["sessions"]] == ["opening-1", "secret-1", "maybe-1"]
    assert client.get(URL, headers=bearer("forged")).status_code == 401
    assert client.get("/api/v1/festivals/nope/sessions").status_code == 404


def test_writes_need_an_organiser_token(client: FlaskClient, tokens: dict) -> None:
    body = {
        "key": "talk-1",
        "event": "opening",
        "venue": "hall",
        "starts_at": "2026-10-21T10:00",
        "ends_at": "2026-10-21T11:00",
    }
    response = client.post(URL, json=body)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post(URL, json=body, headers=bearer(tokens["viewer"])).status_code == 403
    assert client.delete(f"{URL}/opening-1", headers=bearer(tokens["viewer"])).status_code == 403
    assert count() == 3


def test_post_places_a_session_and_returns_it_with_warnings(
    client: FlaskClient, tokens: dict
) -> None:
    response = client.post(
        URL,
        headers=bearer(tokens["organiser"]),
        json={
            "key": "talk-1",
            "event": "opening",
            "venue": "hall",
            "starts_at": "2026-10-25T10:00",
            "ends_at": "2026-10-25T11:00:00+03:30",
            "status": "tentative",
        },
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["key"], body["starts_at"], body["status"]) == (
        "talk-1",
        "2026-10-25T10:00:00+03:30",
        "tentative",
    )
    assert body["warnings"] == [
        "WARNING outside-festival-dates session=talk-1 starts 2026-10-25T10:00+03:30, "
        "festival 2026-10-18..2026-10-24"
    ]
    assert count() == 4


def test_post_conflict_is_a_409_naming_the_other_session(client: FlaskClient, tokens: dict) -> None:
    response = client.post(
        URL,
        headers=bearer(tokens["organiser"]),
        json={
            "key": "clash",
            "event": "opening",
            "venue": "hall",
            "starts_at": "2026-10-18T11:15",
            "ends_at": "2026-10-18T12:00",
        },
    )
    assert response.status_code == 409
    body = response.get_json()
    assert (body["error"], body["conflicts"]) == ("venue-double-booking", ["opening-1"])
    assert count() == 3


def test_post_names_every_invalid_field(client: FlaskClient, tokens: dict) -> None:
    response = client.post(
        URL,
        headers=bearer(tokens["organiser"]),
        json={
            "key": "x",
            "event": 7,
            "venue": "hall",
            "starts_at": "tomorrow",
            "ends_at": "2026-10-18T12:00",
            "colour": "red",
        },
    )
    assert response.status_code == 422
    assert set(response.get_json()["fields"]) == {"event", "starts_at", "colour"}
    response = client.post(
        URL,
        headers=bearer(tokens["organiser"]),
        json={
            "key": "Bad",
            "event": "nope",
            "venue": "hall",
            "starts_at": "2026-10-18T13:00",
            "ends_at": "2026-10-18T14:00",
            "status": "perhaps",
        },
    )
    assert response.status_code == 422
    assert set(response.get_json()["fields"]) == {"key", "event", "status"}
    response = client.post(URL, headers=bearer(tokens["organiser"]), json={"key": "k"})
    assert set(response.get_json()["fields"]) == {"event", "venue", "starts_at", "ends_at"}
    response = client.post(
        URL, headers=bearer(tokens["organiser"]), data="not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert count() == 3


def test_patch_moves_and_delete_removes(client: FlaskClient, tokens: dict) -> None:
    headers = bearer(tokens["organiser"])
    response = client.patch(
        f"{URL}/opening-1",
        headers=headers,
        json={"starts_at": "2026-10-18T12:00", "ends_at": "2026-10-18T13:00"},
    )
    assert response.status_code == 200
    assert (response.get_json()["starts_at"], response.get_json()["sequence"]) == (
        "2026-10-18T12:00:00+03:30",
        1,
    )
    response = client.patch(
        f"{URL}/maybe-1",
        headers=headers,
        json={"starts_at": "2026-10-18T12:30", "ends_at": "2026-10-18T13:30"},
    )
    assert response.status_code == 409
    assert response.get_json()["conflicts"] == ["opening-1"]
    assert client.patch(f"{URL}/nope", headers=headers, json={}).status_code == 404
    assert client.delete(f"{URL}/opening-1", headers=headers).status_code == 204
    assert client.delete(f"{URL}/opening-1", headers=headers).status_code == 404
    assert count() == 2


def test_openapi_document_describes_the_calls(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]["/api/v1/festivals/{slug}/sessions"]) >= {"get", "post"}
    assert set(doc["paths"]["/api/v1/festivals/{slug}/sessions/{key}"]) >= {"patch", "delete"}


def test_create_token_cli_prints_the_token_last(runner, tokens: dict) -> None:
    result = runner.invoke(args=["create-token", "organiser@example.org"])
    assert result.exit_code == 0
    token = result.stdout.split()[-1]
    assert len(token) >= 40
    assert runner.invoke(args=["create-token", "nobody@example.org"]).exit_code == 1


PROBLEM = "application/problem+json"


def test_a_conflict_is_an_rfc_9457_problem_keeping_the_promised_members(
    client: FlaskClient, tokens: dict
) -> None:
    response = client.post(
        URL,
        headers=bearer(tokens["organiser"]),
        json={
            "key": "clash",
            "event": "opening",
            "venue": "hall",
            "starts_at": "2026-10-18T11:15",
            "ends_at": "2026-10-18T12:00",
        },
    )
    assert (response.status_code, response.mimetype) == (409, PROBLEM)
    finding = (
        "ERROR venue-double-booking venue=hall sessions=opening-1,clash overlap "
        "2026-10-18T10:45+03:30..11:00+03:30"
    )
    assert response.get_json() == {
        "type": "https://festival.example.org/problems/venue-double-booking",
        "title": "Scheduling conflict",
        "status": 409,
        "detail": finding,
        "error": "venue-double-booking",
        "message": finding,
        "conflicts": ["opening-1"],
        "findings": [finding],
    }


def test_invalid_members_are_a_422_problem_naming_each(client: FlaskClient, tokens: dict) -> None:
    response = client.patch(
        f"{URL}/opening-1",
        headers=bearer(tokens["organiser"]),
        json={"starts_at": "2026-10-18T25:00", "colour": "red"},
    )
    assert (response.status_code, response.mimetype) == (422, PROBLEM)
    body = response.get_json()
    assert (body["type"], body["status"], body["error"]) == (
        "https://festival.example.org/problems/invalid",
        422,
        "invalid",
    )
    assert body["fields"] == {
        "colour": "unknown member",
        "starts_at": 'bad time "2026-10-18T25:00"',
    }
    assert body["findings"] == [
        "ERROR invalid-value at=colour unknown member",
        'ERROR invalid-value at=starts_at bad time "2026-10-18T25:00"',
    ]


@pytest.mark.parametrize(
    ("method", "url", "auth", "status", "error", "detail"),
    [
        ("post", URL, None, 401, "unauthorized", "writes need Authorization: Bearer TOKEN"),
        ("get", URL, "forged", 401, "unauthorized", "the token is not valid"),
        ("post", URL, "viewer", 403, "forbidden", "organisers and admins only"),
        (
            "get",
            "/api/v1/festivals/nope/sessions",
            None,
            404,
            "not-found",
            "no festival with slug 'nope'",
        ),
        (
            "delete",
            f"{URL}/nope",
            "organiser",
            404,
            "not-found",
            "no session 'nope' in festival test-2026",
        ),
        ("post", URL, "organiser", 400, "bad-request", "the body must be a JSON object"),
    ],
    ids=["no-token", "forged-token", "viewer", "unknown-festival", "unknown-session", "no-body"],
)
def test_refusals_are_problems_with_their_status_and_error(
    client: FlaskClient,
    tokens: dict,
    method: str,
    url: str,
    auth: str | None,
    status: int,
    error: str,
    detail: str,
) -> None:
    headers = {} if auth is None else bearer(tokens.get(auth, auth))
    response = getattr(client, method)(url, headers=headers)
    assert (response.status_code, response.mimetype) == (status, PROBLEM)
    body = response.get_json()
    assert body == {
        "type": "about:blank",
        "title": body["title"],
        "status": status,
        "detail": detail,
        "error": error,
        "message": detail,
    }
    if status == 401:
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="festival"'
    assert count() == 3


def test_an_http_error_under_the_api_is_a_problem_with_its_headers(client: FlaskClient) -> None:
    response = client.put(URL)
    assert (response.status_code, response.mimetype) == (405, PROBLEM)
    assert response.get_json()["error"] == "method-not-allowed"
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
