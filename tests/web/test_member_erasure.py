"""The admins' erase button on a member's page: a confirm page, a CSRF-checked POST, 403 for
organisers and viewers, and the member shown as "erased member" in the workspace lists."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.models import Change, Festival, Member
from festival.services import delegations as delegation_service
from tests.integration.entities import ACTOR, NOW, load, write
from tests.web.workspace import sign_in, user_per_request  # noqa: F401

BASE = "/organise/test-2026"
WANG = f"{BASE}/delegations/xian/members/wang"
ERASE = f"{WANG}/erase"


@pytest.fixture
def festival(app: Flask) -> Festival:
    festival = load()
    write(
        lambda: delegation_service.update_member(
            festival,
            "xian",
            "wang",
            {"email": "wang.fangmei@example.org", "phone": "+86 29 5550 0199"},
            actor=ACTOR,
            now=NOW,
        )
    )
    return festival


def wang() -> Member:
    db.session.expire_all()
    row = db.session.scalar(select(Member).where(Member.key == "wang"))
    assert row is not None
    return row


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.usefixtures("user_per_request")
def test_an_admin_confirms_then_erases(client: FlaskClient, festival: Festival) -> None:
    csrf = sign_in(client, "admin")
    page = client.get(WANG).get_data(as_text=True)
    assert f'href="{ERASE}"' in page
    confirm = client.get(ERASE)
    assert confirm.status_code == 200
    html = confirm.get_data(as_text=True)
    assert 'name="csrf_token"' in html and f'action="{ERASE}"' in html
    assert wang().erased_at is None
    assert client.post(ERASE, data={}).status_code == 400
    assert wang().erased_at is None
    response = client.post(ERASE, data={"csrf_token": csrf})
    assert (response.status_code, response.location) == (303, WANG)
    row = wang()
    assert (row.name, row.email, row.phone, row.erased_at is not None) == (
        "erased member",
        "",
        "",
        True,
    )
    last = db.session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert last is not None
    assert (last.kind, last.key, last.actor_label, last.summary) == (
        "member",
        "xian/wang",
        "admin@example.org",
        "erased",
    )
    shown = plain(client.get(WANG).get_data(as_text=True))
    assert "erased member" in shown and "wang.fangmei@example.org" not in shown
    members = plain(client.get(f"{BASE}/members").get_data(as_text=True))
    assert "erased member" in members and "Wang Fang" not in members
    delegation = plain(client.get(f"{BASE}/delegations/xian").get_data(as_text=True))
    assert "erased member" in delegation and "Li Wei" in delegation
    history = plain(client.get(f"{BASE}/history").get_data(as_text=True))
    assert "wang.fangmei@example.org" not in history and "+86 29 5550 0199" not in history


@pytest.mark.usefixtures("user_per_request")
@pytest.mark.parametrize("role", ["organiser", "viewer"])
def test_organisers_and_viewers_may_not_erase(
    client: FlaskClient, festival: Festival, role: str
) -> None:
    csrf = sign_in(client, role)
    assert f'href="{ERASE}"' not in client.get(WANG).get_data(as_text=True)
    assert client.get(ERASE).status_code == 403
    assert client.post(ERASE, data={"csrf_token": csrf}).status_code == 403
    assert wang().email == "wang.fangmei@example.org" and wang().erased_at is None


@pytest.mark.usefixtures("user_per_request")
def test_erasing_an_unknown_member_is_404(client: FlaskClient, festival: Festival) -> None:
    csrf = sign_in(client, "admin")
    for url in (
        f"{BASE}/delegations/xian/members/nobody/erase",
        f"{BASE}/delegations/lisbon/members/wang/erase",
        "/organise/nowhere/delegations/xian/members/wang/erase",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data={"csrf_token": csrf}).status_code == 404, url
    assert client.get(f"{BASE}/delegations/xian/members/wang/erase").status_code == 200
