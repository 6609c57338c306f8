"""Members' needs in the workspace: ticked in the member form, stored through the service
(history recorded), checked by the unmet-need rule on the member page, the dashboard and a
new session; a refused save keeps the member's own ticks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.models import Change, Festival, Member
from tests.integration.entities import load
from tests.web.workspace import sign_in

BASE = "/organise/test-2026"
WANG = f"{BASE}/delegations/xian/members/wang"


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


@pytest.fixture
def csrf(client: FlaskClient, festival: Festival) -> str:
    return sign_in(client, "organiser")


def ticked(html: str) -> dict[str, bool]:
    """Every ``needs`` checkbox on the page: its value and whether it is ticked."""
    out = {}
    for tag in re.findall(r'<input[^>]*name="needs"[^>]*>', html):
        value = re.search(r'value="([^"]*)"', tag)
        assert value is not None
        out[value.group(1)] = " checked" in tag
    return out


def needs_of(key: str) -> list[str]:
    db.session.expire_all()
    row = db.session.scalar(select(Member).where(Member.key == key))
    assert row is not None
    return row.needs


def post(client: FlaskClient, url: str, csrf: str, **data: Any) -> Any:
    return client.post(url, data={"csrf_token": csrf, "booleans": "needs", **data})


def test_the_form_offers_the_vocabulary_of_venue_equipment(client: FlaskClient, csrf: str) -> None:
    html = client.get(WANG).get_data(as_text=True)
    assert ticked(html) == {
        "step_free": False,
        "hearing_loop": False,
        "projector": False,
        "screen": False,
        "sound": False,
    }


def test_a_ticked_need_is_stored_recorded_and_warned_about(client: FlaskClient, csrf: str) -> None:
    response = post(client, WANG, csrf, name="Wang Fang", needs=["step_free", "projector"])
    assert (response.status_code, response.location) == (303, WANG)
    assert needs_of("wang") == ["step_free", "projector"]
    change = db.session.scalars(
        select(Change).where(Change.kind == "member").order_by(Change.id.desc())
    ).first()
    assert change is not None and change.key == "xian/wang"
    assert (change.before["needs"], change.after["needs"]) == ([], ["step_free", "projector"])
    page = client.get(WANG).get_data(as_text=True)
    assert ticked(page)["step_free"] and ticked(page)["projector"]
    assert not ticked(page)["hearing_loop"]
    assert "unmet-need" in page
    dashboard = re.sub(r"<[^>]+>", "", client.get(f"{BASE}/").get_data(as_text=True))
    for session in ("talk-1", "talk-2"):
        assert f"session={session} venue=hall delegation=xian needs=step_free" in dashboard, (
            dashboard
        )
    # A new session of the event that lists Xi'an, at a venue without step-free access.
    response = client.post(
        f"{BASE}/sessions",
        data={
            "csrf_token": csrf,
            "key": "talk-3",
            "event": "talks",
            "venue": "cinema",
            "starts_at": "2026-10-21T10:00",
            "ends_at": "2026-10-21T11:00",
            "status": "confirmed",
        },
    )
    assert response.status_code == 303
    shown = re.sub(r"<[^>]+>", "", client.get(response.location).get_data(as_text=True))
    assert "session=talk-3 venue=cinema delegation=xian needs=step_free" in shown


def test_unticking_every_need_clears_them(client: FlaskClient, csrf: str) -> None:
    assert post(client, WANG, csrf, needs=["hearing_loop"]).status_code == 303
    assert needs_of("wang") == ["hearing_loop"]
    assert post(client, WANG, csrf, name="Wang Fang").status_code == 303
    assert needs_of("wang") == []
    # A script that posts only a name (no checkbox list on its page) keeps the needs.
    assert post(client, WANG, csrf, needs=["hearing_loop"]).status_code == 303
    response = client.post(WANG, data={"csrf_token": csrf, "role": "deputy"})
    assert response.status_code == 303
    assert needs_of("wang") == ["hearing_loop"]


def test_a_refused_save_keeps_the_members_own_ticks(client: FlaskClient, csrf: str) -> None:
    response = post(client, WANG, csrf, name="", needs=["hearing_loop", "braille"])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ticked(html) == {
        "step_free": False,
        "hearing_loop": True,
        "projector": False,
        "screen": False,
        "sound": False,
        "braille": True,
    }
    assert needs_of("wang") == []
