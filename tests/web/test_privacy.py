"""No public output shows a member's personal data, and neither does the delegation's own
page, feed or itinerary (its token URL gets forwarded): every member of the demo festival is
given recognisable e-mail, phone, diet, accessibility notes, needs and room, and each output
is searched for them (PDFs as poppler extracts their text)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.exports.festival_data import export_json
from festival.extensions import db
from festival.models import Delegation
from festival.services.specs import load_festival
from tests.factories import demo_data
from tests.icalcheck import store
from tests.pdf import page_texts, squash
from tests.web.test_programme import PROGRAMME, _crawl

FIELDS = ("email", "phone", "dietary", "accessibility", "room")


def secrets_for(index: int, key: str) -> dict[str, Any]:
    return {
        "email": f"{key}.private{index}@example.org",
        "phone": f"+00 555 77{index:03d}",
        "dietary": f"dietsecret{index}",
        "accessibility": f"accesssecret{index}",
        "room": f"roomsecret{index}",
        "needs": [f"needsecret{index}"],
    }


@pytest.fixture
def demo(app: Flask) -> dict[str, Any]:
    data = demo_data()
    index = 0
    for delegation in data["delegations"]:
        for member in delegation["members"]:
            member.update(secrets_for(index, member["key"]))
            index += 1
    assert index > 20
    store(data)
    return data


def secrets(data: dict[str, Any]) -> list[str]:
    """Every personal value of every member (names too where no public text has them)."""
    public = json.dumps(data["events"], ensure_ascii=False)
    out = []
    for delegation in data["delegations"]:
        for member in delegation["members"]:
            out += [member[name] for name in FIELDS] + list(member["needs"])
            if member["name"] not in public:
                out.append(member["name"])
    return out


def leaks(text: str, data: dict[str, Any]) -> list[str]:
    text = unquote(text)
    flat = squash(text)
    return [s for s in secrets(data) if s in text or s in flat]


def pdf_text(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "application/pdf"
    return "\n".join(page_texts(response.data))


def test_no_public_output_shows_personal_data(demo: dict[str, Any], client: FlaskClient) -> None:
    start = [PROGRAMME + f"?day=2026-10-{d}" for d in range(18, 25)]
    start += [u + "&lang=fa" for u in start]
    start += [
        "/f/isfahan-2026/calendar.ics",
        "/api/v1/festivals/isfahan-2026/sessions",
        "/api/v1/openapi.json",
    ]
    # Every public page, the session, venue and city pages, every session's calendar entry.
    pages = _crawl(client, ["/", *start])
    assert len(pages) > 60
    assert any("/venues/" in u for u in pages) and any("/cities/" in u for u in pages)
    assert any(u.endswith(".ics") for u in pages if "/sessions/" in u)
    for url, body in pages.items():
        assert leaks(body, demo) == [], url
    for url in (
        "/f/isfahan-2026/programme.pdf",
        "/f/isfahan-2026/programme.pdf?lang=fa",
        "/f/isfahan-2026/programme.pdf?paper=a4",
    ):
        text = pdf_text(client, url)
        assert "Isfahan" in text or "اصفهان" in text
        assert leaks(text, demo) == [], url


def test_the_delegations_own_page_feed_and_itinerary_show_no_personal_data(
    demo: dict[str, Any], client: FlaskClient
) -> None:
    tokens = {k: t for k, t in db.session.execute(select(Delegation.key, Delegation.token))}
    for key in ("xian", "krakow"):
        base = f"/d/{tokens[key]}"
        for url in (f"{base}/", f"{base}/?lang=fa", f"{base}/calendar.ics"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert leaks(response.get_data(as_text=True), demo) == [], url
        text = pdf_text(client, f"{base}/itinerary.pdf")
        assert leaks(text, demo) == [], key


def test_the_search_finds_the_data_where_organisers_see_it(demo: dict[str, Any]) -> None:
    """The check above is not vacuous: the organisers' data file export holds every value."""
    festival = load_festival("isfahan-2026")
    assert festival is not None
    exported = export_json(festival)
    assert [s for s in secrets(demo) if s not in exported] == []
