"""Signing in to the organiser workspace from the test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask, g, request_started
from flask.testing import FlaskClient

from festival.extensions import db
from festival.models import User

PASSWORD = "a long passphrase"


def add_user(email: str, role: str, *, password: str = PASSWORD) -> User:
    user = User(email=email, role=role, created_at=datetime(2026, 1, 1, tzinfo=UTC))
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def sign_in(client: FlaskClient, role: str, *, email: str | None = None) -> str:
    """Make a user of ``role`` (unless it exists), sign in; return a CSRF token to post with."""
    email = email or f"{role}@example.org"
    if db.session.scalar(db.select(User).where(User.email == email)) is None:
        add_user(email, role)
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return csrf_from(client.get("/organise/").get_data(as_text=True))


@pytest.fixture
def user_per_request(app: Flask) -> Iterator[None]:
    """Each request starts with an empty ``g``, as in production. The ``app`` fixture keeps one
    app context (and so one ``g``) for the whole test, where Flask-Login caches the user and
    Flask-WTF the CSRF token: without this, a second client is served as whoever signed in
    last."""

    def forget(_sender: Flask, **_extra: object) -> None:
        for name in list(g):
            g.pop(name)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)
