"""The app's edges: start-up configuration, health, sign-in and sign-out."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.config import ConfigurationError
from festival.extensions import db
from festival.models import User


def test_missing_secret_key_outside_debug_is_a_clear_startup_error(monkeypatch) -> None:
    from festival import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app()
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"


def test_a_development_server_without_secret_key_still_serves_the_sign_in_form(
    monkeypatch,
) -> None:
    from festival import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    first, second = create_app(), create_app()
    assert len(first.config["SECRET_KEY"]) >= 48
    assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]
    response = first.test_client().get("/login")
    assert response.status_code == 200
    assert b'name="csrf_token"' in response.data


def test_database_url_defaults_to_sqlite_in_the_instance_folder(monkeypatch) -> None:
    from festival import create_app

    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{app.instance_path}/festival.sqlite3"
    )
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    assert create_app({"TESTING": True}).config["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://u@h/d"
    )


def test_healthz_answers_ok(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.data, response.mimetype) == (200, b"ok", "text/plain")


def add_user(
    email: str = "org@example.org", password: str = "a long passphrase", role: str = "organiser"
) -> User:
    from datetime import UTC, datetime

    user = User(email=email, role=role, created_at=datetime.now(UTC))
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def csrf_token(client: FlaskClient, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def test_login_needs_the_csrf_token(client: FlaskClient, app: Flask) -> None:
    add_user()
    response = client.post(
        "/login", data={"email": "org@example.org", "password": "a long passphrase"}
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_login_with_a_wrong_password_is_refused_without_saying_which(client: FlaskClient) -> None:
    add_user()
    token = csrf_token(client)
    response = client.post(
        "/login", data={"email": "org@example.org", "password": "nope", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "The e-mail address or the password is wrong." in response.get_data(as_text=True)


def test_unpublished_festival_is_visible_only_to_a_signed_in_user(
    client: FlaskClient, app: Flask
) -> None:
    from datetime import UTC, datetime

    from festival.datafile import validate_data
    from festival.services.importer import import_document
    from tests.factories import festival_data

    doc, findings = validate_data(festival_data(festival={"published": False}))
    import_document(doc, findings, replace=False, now=datetime.now(UTC), actor="tests")
    add_user()
    assert client.get("/f/test-2026/").status_code == 404
    token = csrf_token(client)
    response = client.post(
        "/login?next=/f/test-2026/",
        data={"email": "ORG@example.org", "password": "a long passphrase", "csrf_token": token},
    )
    assert (response.status_code, response.location) == (302, "/f/test-2026/")
    assert client.get("/f/test-2026/").status_code == 200
    copied = client.get_cookie("session").value

    assert client.post("/logout", data={"csrf_token": csrf_token(client)}).status_code == 302
    assert client.get("/f/test-2026/").status_code == 404
    # A copy of the cookie taken before the logout no longer signs anyone in.
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/f/test-2026/").status_code == 404
    assert db.session.scalar(select(User.session_version)) == 2


def test_login_never_redirects_off_site(client: FlaskClient) -> None:
    add_user()
    response = client.post(
        "/login?next=//evil.example/",
        data={
            "email": "org@example.org",
            "password": "a long passphrase",
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 302
    assert response.location == "/organise/"


def test_behind_a_proxy_feed_links_use_the_forwarded_scheme_and_host(tmp_path) -> None:
    from datetime import UTC, datetime

    from festival.datafile import validate_data
    from festival.services.importer import import_document
    from tests.conftest import make_app
    from tests.factories import festival_data

    app = make_app(f"sqlite:///{tmp_path}/p.sqlite3", PROXY_COUNT=1)
    with app.app_context():
        db.create_all()
        doc, findings = validate_data(festival_data())
        import_document(doc, findings, replace=False, now=datetime.now(UTC), actor="tests")
        db.session.commit()
        page = app.test_client().get(
            "/f/test-2026/",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "festival.example.org"},
        )
        text = page.get_data(as_text=True)
        assert "https://festival.example.org/f/test-2026/calendar.ics" in text
        assert "webcal://festival.example.org/f/test-2026/calendar.ics" in text
        db.session.remove()
        db.engine.dispose()
