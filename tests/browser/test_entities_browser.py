"""Editing a festival in a real browser (Debian's chromium through Playwright), without
JavaScript of ours, under the strict CSP: create a venue, an event and a session; try a
double booking and follow the refusal to the other session; edit a delegation's member.
Screenshots of an edit form and a list, in English and Persian, go to ``artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from festival.cache import outputs
from tests.browser.serving import require_chromium, serving, signed_in_page
from tests.integration.entities import load
from tests.web.workspace import add_user

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LAPTOP = {"width": 1280, "height": 900}
BASE = "/organise/test-2026"


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    outputs.clear()
    load()
    add_user("organiser@example.org", "organiser")
    with serving(sqlite_app) as url:
        yield url


@pytest.fixture
def page(live_server: str) -> Iterator[object]:
    with signed_in_page(live_server, "organiser@example.org", f"{BASE}/", LAPTOP) as page:
        yield page


def watch(page: object) -> list[str]:
    """Console and page errors (a refused form answers 422: that is an answer, not a fault)."""
    problems: list[str] = []
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda m: (
            problems.append(m.text) if m.type == "error" and "status of 422" not in m.text else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))  # type: ignore[attr-defined]
    return problems


def shoot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_create_a_venue_an_event_and_a_session_then_refuse_a_double_booking(
    page: object, live_server: str
) -> None:
    problems = watch(page)
    page.get_by_role("link", name="Venues", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="New: Venue").click()  # type: ignore[attr-defined]
    page.get_by_label("Key").fill("garden")  # type: ignore[attr-defined]
    page.get_by_label("Name", exact=True).fill("Garden of Eight Paradises")  # type: ignore[attr-defined]
    page.get_by_label("Capacity (people)").fill("200")  # type: ignore[attr-defined]
    page.get_by_label("Setup before each session (minutes)").fill("30")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{BASE}/venues/garden")  # type: ignore[attr-defined]
    assert page.get_by_role("status").inner_text() == "Saved."  # type: ignore[attr-defined]
    assert page.get_by_label("Key").get_attribute("readonly") is not None  # type: ignore[attr-defined]

    page.get_by_role("link", name="Events", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="New: Event").click()  # type: ignore[attr-defined]
    page.get_by_label("Key").fill("poetry")  # type: ignore[attr-defined]
    page.get_by_label("Kind").select_option("performance")  # type: ignore[attr-defined]
    page.get_by_label("Title", exact=True).first.fill("Poetry under the Trees")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{BASE}/events/poetry")  # type: ignore[attr-defined]

    # From the event's page: its sessions, and a new one with the event chosen.
    page.get_by_role("link", name="New session").click()  # type: ignore[attr-defined]
    assert page.get_by_label("Event").input_value() == "poetry"  # type: ignore[attr-defined]
    page.get_by_label("Key").fill("poetry-1")  # type: ignore[attr-defined]
    page.get_by_label("Venue").select_option("garden")  # type: ignore[attr-defined]
    page.get_by_label("Starts").fill("2026-10-20T18:00")  # type: ignore[attr-defined]
    page.get_by_label("Ends").fill("2026-10-20T19:30")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{BASE}/sessions/poetry-1")  # type: ignore[attr-defined]
    assert page.get_by_label("Starts").input_value() == "2026-10-20T18:00"  # type: ignore[attr-defined]

    # A second reading half an hour later: the garden's 30 minutes of setup overlap.
    page.goto(f"{live_server}{BASE}/new/session?event=poetry")  # type: ignore[attr-defined]
    page.get_by_label("Key").fill("poetry-2")  # type: ignore[attr-defined]
    page.get_by_label("Venue").select_option("garden")  # type: ignore[attr-defined]
    page.get_by_label("Starts").fill("2026-10-20T19:45")  # type: ignore[attr-defined]
    page.get_by_label("Ends").fill("2026-10-20T21:00")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Create").click()  # type: ignore[attr-defined]
    alert = page.get_by_role("alert")  # type: ignore[attr-defined]
    assert "Nothing was saved: 1 problem." in alert.inner_text()
    starts = page.get_by_label("Starts")  # type: ignore[attr-defined]
    assert starts.get_attribute("aria-invalid") == "true"
    assert starts.input_value() == "2026-10-20T19:45"
    error = page.locator("#starts_at-error")  # type: ignore[attr-defined]
    assert " ".join(error.inner_text().split()) == (
        "venue-double-booking venue=garden sessions=poetry-1,poetry-2 "
        "overlap 2026-10-20T19:15+03:30..19:30+03:30"
    )
    shoot(page, "entities-session-refused-en")
    error.get_by_role("link", name="poetry-1").click()
    page.wait_for_url(f"{live_server}{BASE}/sessions/poetry-1")  # type: ignore[attr-defined]
    assert problems == []


@pytest.mark.browser
def test_edit_a_delegations_member(page: object, live_server: str) -> None:
    problems = watch(page)
    page.get_by_role("link", name="Delegations", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="Xi'an Municipal Delegation").click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="wang").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{BASE}/delegations/xian/members/wang")  # type: ignore[attr-defined]
    page.get_by_label("Role (e.g. head, deputy)").fill("deputy head")  # type: ignore[attr-defined]
    page.get_by_label("Languages").fill("zh, en, fa")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{BASE}/delegations/xian/members/wang")  # type: ignore[attr-defined]
    assert page.get_by_role("status").inner_text() == "Saved."  # type: ignore[attr-defined]
    assert page.get_by_label("Role (e.g. head, deputy)").input_value() == "deputy head"  # type: ignore[attr-defined]
    # A language code the data file would refuse: the form says so next to the field.
    page.get_by_label("Languages").fill("zh, Mandarin")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    assert page.locator("#languages-error").inner_text() == (  # type: ignore[attr-defined]
        'invalid-value bad language code "Mandarin"'
    )
    assert problems == []


@pytest.mark.browser
def test_screenshots_in_english_and_persian(page: object, live_server: str) -> None:
    """An edit form and a list, in English and in Persian (right to left), for people to
    look at; both keep to the laptop's width and keyboard focus shows."""
    problems = watch(page)
    for lang in ("en", "fa"):
        page.goto(f"{live_server}{BASE}/venues/hall?lang={lang}")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]  # type: ignore[attr-defined]
        # The key reads left to right in a right-to-left page.
        assert page.locator("#key").evaluate("e => getComputedStyle(e).direction") == "ltr"  # type: ignore[attr-defined]
        shoot(page, f"entities-venue-edit-{lang}")
        page.goto(f"{live_server}{BASE}/sessions?lang={lang}")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]  # type: ignore[attr-defined]
        shoot(page, f"entities-session-list-{lang}")
        page.goto(f"{live_server}{BASE}/events/talks?lang={lang}")  # type: ignore[attr-defined]
        shoot(page, f"entities-event-edit-{lang}")
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")  # type: ignore[attr-defined]
    assert outline == "solid"
    assert problems == []
