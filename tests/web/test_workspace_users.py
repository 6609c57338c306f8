"""Users and API tokens in the workspace: admins manage users (create, role, deactivate,
reset password) and see every token; everyone manages their own tokens."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.models import ApiToken, User
from festival.services.accounts import _digest
from tests.factories import festival_data
from tests.web.test_workspace_festivals import store
from tests.web.workspace import PASSWORD, add_user, csrf_from, sign_in, user_per_request  # noqa: F401

pytestmark = pytest.mark.usefixtures("user_per_request")

API = "/api/v1/festivals/test-2026/sessions"


def errors_of(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="field-error" id="([a-z_]+)-error">([^<]*)</p>', html))


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> int:
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    ).status_code


def user(email: str) -> User:
    found = db.session.scalar(select(User).where(User.email == email))
    assert found is not None
    return found


NEW_TOKEN = re.compile(r'value="([A-Za-z0-9_-]{43})" dir="ltr" aria-label="Your new token"')


def new_token(page: str) -> str:
    found = NEW_TOKEN.search(page)
    assert found, page
    return found.group(1)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_admin_adds_a_user_who_can_then_sign_in(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "admin")
    response = client.post(
        "/organise/users",
        data={
            "csrf_token": csrf,
            "email": " New.Organiser@Example.org ",
            "role": "organiser",
            "password": "long enough",
        },
    )
    assert (response.status_code, response.location) == (303, "/organise/users")
    page = client.get("/organise/users").get_data(as_text=True)
    assert "new.organiser@example.org can sign in now." in page
    created = user("new.organiser@example.org")
    assert (created.role, created.active) == ("organiser", True)
    assert login(app.test_client(), "new.organiser@example.org", "long enough") == 302


def test_adding_a_user_names_every_bad_field(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "admin")
    bad = client.post(
        "/organise/users",
        data={"csrf_token": csrf, "email": "not-an-address", "role": "organiser", "password": "x"},
    )
    assert bad.status_code == 422
    assert errors_of(bad.get_data(as_text=True)) == {
        "email": "Enter an e-mail address, like name@example.org."
    }
    short = client.post(
        "/organise/users",
        data={"csrf_token": csrf, "email": "a@example.org", "role": "organiser", "password": "x"},
    )
    assert errors_of(short.get_data(as_text=True)) == {
        "password": "The password needs at least 8 characters."
    }
    role = client.post(
        "/organise/users",
        data={"csrf_token": csrf, "email": "a@example.org", "role": "boss", "password": "x" * 8},
    )
    assert errors_of(role.get_data(as_text=True)) == {"role": "Choose admin, organiser or viewer."}
    taken = client.post(
        "/organise/users",
        data={
            "csrf_token": csrf,
            "email": "ADMIN@example.org",
            "role": "viewer",
            "password": "x" * 8,
        },
    )
    assert errors_of(taken.get_data(as_text=True)) == {
        "email": "A user admin@example.org exists already."
    }
    assert db.session.scalar(select(User.email).where(User.email == "a@example.org")) is None


@pytest.mark.parametrize("role", ["organiser", "viewer"])
def test_only_admins_manage_users(app: Flask, client: FlaskClient, role: str) -> None:
    admin = add_user("boss@example.org", "admin")
    csrf = sign_in(client, role)
    assert client.get("/organise/users").status_code == 403
    assert client.get(f"/organise/users/{admin.id}").status_code == 403
    response = client.post(
        f"/organise/users/{admin.id}/active", data={"csrf_token": csrf, "active": "0"}
    )
    assert response.status_code == 403
    assert user("boss@example.org").active is True
    assert "/organise/users" not in client.get("/organise/").get_data(as_text=True)


def test_changing_a_role_takes_effect_on_the_next_request(app: Flask, client: FlaskClient) -> None:
    store(festival_data(festival={"published": False}))
    organiser = add_user("org@example.org", "organiser")
    their = app.test_client()
    their_csrf = sign_in(their, "organiser", email="org@example.org")
    csrf = sign_in(client, "admin")
    response = client.post(
        f"/organise/users/{organiser.id}/role", data={"csrf_token": csrf, "role": "viewer"}
    )
    assert response.status_code == 303
    assert "org@example.org is now viewer." in client.get(response.location).get_data(as_text=True)
    assert (
        their.post("/organise/test-2026/publish", data={"csrf_token": their_csrf}).status_code
        == 403
    )


def test_the_last_active_admin_stays_an_active_admin(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "admin")
    me = user("admin@example.org")
    demote = client.post(
        f"/organise/users/{me.id}/role", data={"csrf_token": csrf, "role": "viewer"}
    )
    assert demote.status_code == 422
    assert errors_of(demote.get_data(as_text=True)) == {
        "role": "admin@example.org is the last active admin."
    }
    leave = client.post(f"/organise/users/{me.id}/active", data={"csrf_token": csrf, "active": "0"})
    assert leave.status_code == 422
    assert "admin@example.org is the last active admin." in leave.get_data(as_text=True)
    assert (user("admin@example.org").role, user("admin@example.org").active) == ("admin", True)
    add_user("second@example.org", "admin")
    assert (
        client.post(
            f"/organise/users/{me.id}/role", data={"csrf_token": csrf, "role": "organiser"}
        ).status_code
        == 303
    )


def test_a_deactivated_user_is_signed_out_cannot_sign_in_and_their_tokens_stop(
    app: Flask, client: FlaskClient
) -> None:
    store(festival_data())
    target = add_user("org@example.org", "organiser")
    theirs = app.test_client()
    their_csrf = sign_in(theirs, "organiser", email="org@example.org")
    created = theirs.post("/organise/tokens", data={"csrf_token": their_csrf, "label": "script"})
    token_value = new_token(created.get_data(as_text=True))
    assert app.test_client().get(API, headers=bearer(token_value)).status_code == 200

    csrf = sign_in(client, "admin")
    response = client.post(
        f"/organise/users/{target.id}/active", data={"csrf_token": csrf, "active": "0"}
    )
    assert response.status_code == 303
    assert (
        "org@example.org is deactivated: signed out everywhere, API tokens stopped."
        in client.get(response.location).get_data(as_text=True)
    )
    # Their open session stops, they cannot sign in again, and their token stops.
    assert theirs.get("/organise/").status_code == 302
    assert login(app.test_client(), "org@example.org") == 401
    assert app.test_client().get(API, headers=bearer(token_value)).status_code == 401
    # Reactivated: they sign in again with the same password, the token works again.
    client.post(f"/organise/users/{target.id}/active", data={"csrf_token": csrf, "active": "1"})
    assert user("org@example.org").active is True
    assert login(app.test_client(), "org@example.org") == 302
    assert app.test_client().get(API, headers=bearer(token_value)).status_code == 200


def test_resetting_a_password_signs_the_user_out_everywhere(
    app: Flask, client: FlaskClient
) -> None:
    target = add_user("org@example.org", "organiser")
    theirs = app.test_client()
    sign_in(theirs, "organiser", email="org@example.org")
    csrf = sign_in(client, "admin")
    short = client.post(
        f"/organise/users/{target.id}/password", data={"csrf_token": csrf, "password": "short"}
    )
    assert short.status_code == 422
    assert errors_of(short.get_data(as_text=True)) == {
        "password": "The password needs at least 8 characters."
    }
    response = client.post(
        f"/organise/users/{target.id}/password",
        data={"csrf_token": csrf, "password": "a brand new one"},
    )
    assert response.status_code == 303
    assert theirs.get("/organise/").status_code == 302
    assert login(app.test_client(), "org@example.org") == 401
    assert login(app.test_client(), "org@example.org", "a brand new one") == 302
    assert client.get("/organise/users/999999").status_code == 404


def test_every_user_creates_labelled_tokens_shown_once(app: Flask, client: FlaskClient) -> None:
    store(festival_data())
    csrf = sign_in(client, "viewer")
    response = client.post("/organise/tokens", data={"csrf_token": csrf, "label": " sync script "})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    token = NEW_TOKEN.search(page)
    assert token, page
    row = db.session.scalar(select(ApiToken))
    # Only the token's hash is stored; the list shows its label and times, never the token.
    assert (row.label, row.token_hash, row.last_used_at) == (
        "sync script",
        _digest(token.group(1)),
        None,
    )
    listing = client.get("/organise/tokens").get_data(as_text=True)
    assert token.group(1) not in listing
    assert "sync script" in listing and "never" in listing

    # Using it records its last use (at most once a minute).
    assert app.test_client().get(API, headers=bearer(token.group(1))).status_code == 200
    db.session.expire_all()
    used = db.session.scalar(select(ApiToken.last_used_at))
    assert used is not None and datetime.now(UTC) - used < timedelta(minutes=1)
    assert used.isoformat()[:16] in client.get("/organise/tokens").get_data(as_text=True)


def test_a_token_label_is_at_most_100_characters(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "organiser")
    response = client.post("/organise/tokens", data={"csrf_token": csrf, "label": "x" * 101})
    assert response.status_code == 422
    assert errors_of(response.get_data(as_text=True)) == {"label": "At most 100 characters."}
    assert db.session.scalar(select(ApiToken.id)) is None


def test_tokens_are_revoked_by_their_owner_or_an_admin(app: Flask, client: FlaskClient) -> None:
    store(festival_data())
    csrf = sign_in(client, "organiser")
    client.post("/organise/tokens", data={"csrf_token": csrf, "label": "mine"})
    mine = db.session.scalar(select(ApiToken.id).where(ApiToken.label == "mine"))
    other = app.test_client()
    other_csrf = sign_in(other, "viewer")
    other.post("/organise/tokens", data={"csrf_token": other_csrf, "label": "theirs"})
    theirs = db.session.scalar(select(ApiToken.id).where(ApiToken.label == "theirs"))
    # Someone else's token is not there for a non-admin.
    assert (
        client.post(f"/organise/tokens/{theirs}/revoke", data={"csrf_token": csrf}).status_code
        == 404
    )
    assert "theirs" not in client.get("/organise/tokens").get_data(as_text=True)
    response = client.post(f"/organise/tokens/{mine}/revoke", data={"csrf_token": csrf})
    assert (response.status_code, response.location) == (303, "/organise/tokens")
    assert "Token mine revoked: it no longer works." in client.get("/organise/tokens").get_data(
        as_text=True
    )
    assert db.session.get(ApiToken, mine) is None
    # An admin sees every user's tokens and revokes any.
    admin = app.test_client()
    admin_csrf = sign_in(admin, "admin")
    everyone = (
        admin.get("/organise/tokens").get_data(as_text=True).split('id="everyone-heading"')[1]
    )
    assert "viewer@example.org" in everyone and "theirs" in everyone
    viewer_id = user("viewer@example.org").id
    assert "theirs" in admin.get(f"/organise/users/{viewer_id}").get_data(as_text=True)
    response = admin.post(
        f"/organise/tokens/{theirs}/revoke", data={"csrf_token": admin_csrf, "back": "user"}
    )
    assert (response.status_code, response.location) == (303, f"/organise/users/{viewer_id}")
    assert db.session.get(ApiToken, theirs) is None


def test_cli_tokens_and_users_still_work(app: Flask, runner) -> None:
    made = runner.invoke(
        args=["create-user", "cli@example.org", "--role", "viewer"], input="long enough\n"
    )
    assert made.exit_code == 0
    assert user("cli@example.org").active is True
    result = runner.invoke(args=["create-token", "cli@example.org"])
    assert result.exit_code == 0
    token = result.stdout.split()[-1]
    assert db.session.scalar(select(ApiToken.label)) == ""
    assert db.session.scalar(select(ApiToken.token_hash)) == _digest(token)
