"""The schedule grid (CONTRACT section 7): the page, and the JSON answers of the session
change route the grid's script uses; the API's PATCH with ``version``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.extensions import db
from festival.models import Session
from tests.factories import demo_data
from tests.icalcheck import store
from tests.web.workspace import sign_in, user_per_request  # noqa: F401

SLUG = "isfahan-2026"
GRID = f"/organise/{SLUG}/grid"
JSON = {"Accept": "application/json"}


@pytest.fixture
def demo(app: Flask) -> None:
    store(demo_data())


def blocks(html: str) -> list[str]:
    return re.findall(r'data-session="([^"]+)"', html)


def test_grid_shows_every_session_of_the_day_as_a_block(
    client: FlaskClient, demo: None
) -> None:
    sign_in(client, "viewer")
    response = client.get(f"{GRID}?day=2026-10-20")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    keys = blocks(html)
    assert "polish-children-photos-3" in keys
    assert "polish-children-photos-2" not in keys
    assert len(keys) == len(set(keys))
    assert "Asia/Tehran" in html
