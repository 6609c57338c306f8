"""The organiser workspace in a real browser (Debian's chromium through Playwright), at laptop
and tablet sizes, under the strict CSP: sign in, create a festival, import a file through
its preview. Screenshots of the home and a dashboard, in English and Persian, go to
``artifacts/`` (git-ignored) for people to look at."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from festival.cache import outputs
from tests.browser.serving import require_chromium, serving
from tests.browser.test_programme_browser import CHROMIUM_ARGS
from tests.factories import demo_data
from tests.icalcheck import store
from tests.web.workspace import PASSWORD, add_user

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)
LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}


def warned_demo() -> dict:
    """The demo festival with warnings to show: a showcase too big for its hall (7 sessions)
    and a signing that needs a projector."""
    data = demo_data()
    for event in data["events"]:
        if event["key"] == "silk-road-handicrafts":
            event["expected_attendance"] = 200
        if event["key"] == "xian-handicraft-mou":
            event["requires"] = ["microphones", "projector"]
    return data


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    outputs.clear()
    store(warned_demo())
    add_user("admin@example.org", "admin")
    with serving(sqlite_app) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _watch(page: object, *expected_statuses: int) -> list[str]:
    """Console errors and page errors, except failed loads answering ``expected_statuses``
    (a form sent back with 422 is an answer, not a fault)."""
    problems: list[str] = []
    expected = tuple(f"status of {n} " for n in expected_statuses)
    page.on(  # type: ignore[attr-defined]
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error"
            and not m.location.get("url", "").endswith("/favicon.ico")
            and not any(e in m.text for e in expected)
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))  # type: ignore[attr-defined]
    return problems


def _sign_in(page: object, server: str, path: str = "/organise/") -> None:
    page.goto(f"{server}{path}")  # type: ignore[attr-defined]
    page.get_by_label("E-mail").fill("admin@example.org")  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]


def _text(page: object, selector: str) -> str:
    """The element's text with its whitespace collapsed, as it reads."""
    return " ".join(page.locator(selector).inner_text().split())  # type: ignore[attr-defined]


def _no_overflow(page: object, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # type: ignore[attr-defined]


@pytest.mark.browser
def test_sign_in_lands_on_the_organiser_home(live_server: str, browser: object) -> None:
    page = browser.new_page(viewport=LAPTOP)  # type: ignore[attr-defined]
    problems = _watch(page)
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/organise/")
    assert page.locator("h1").inner_text() == "Festivals"
    row = page.locator("tbody tr", has_text="Isfahan Sister Cities Week 2026")
    assert row.locator(".check-counts").inner_text() == "0 errors 8 warnings"
    # The stylesheet applied under the CSP, and the focus ring shows on keyboard focus.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    _no_overflow(page, LAPTOP["width"])
    page.screenshot(path=str(ARTIFACTS / "workspace-home-en.png"), full_page=True)
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Label").fill("sync script")
    page.get_by_role("button", name="Create a token").click()
    assert page.get_by_label("Your new token").input_value() != ""
    page.screenshot(path=str(ARTIFACTS / "workspace-tokens.png"), full_page=True)
    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name="admin@example.org").click()
    page.screenshot(path=str(ARTIFACTS / "workspace-user.png"), full_page=True)
    assert problems == []


@pytest.mark.browser
def test_create_a_festival_through_the_form(live_server: str, browser: object) -> None:
    page = browser.new_page(viewport=TABLET)  # type: ignore[attr-defined]
    problems = _watch(page, 422)
    _sign_in(page, live_server)
    page.get_by_role("link", name="New festival").click()
    page.get_by_label("Festival name").fill("Khiva Sister Cities Week 2027")
    page.get_by_label("Slug").fill("Khiva 2027")
    page.get_by_label("Host city").fill("Khiva")
    page.get_by_label("Time zone").fill("Asia/Tashkent")
    page.get_by_label("First day").fill("2027-05-03")
    page.get_by_label("Last day").fill("2027-05-09")
    page.get_by_label("Languages").fill("en, uz, ru")
    page.get_by_role("button", name="Create the draft").click()
    # A bad slug: the form comes back naming the field, announced, the value kept.
    alert = page.get_by_role("alert")
    assert "Slug" in alert.inner_text()
    slug = page.get_by_label("Slug")
    assert slug.get_attribute("aria-invalid") == "true"
    assert slug.input_value() == "Khiva 2027"
    page.screenshot(path=str(ARTIFACTS / "workspace-create-refused.png"), full_page=True)
    slug.fill("khiva-2027")
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url(f"{live_server}/organise/khiva-2027/")
    assert _text(page, "h1") == "Khiva Sister Cities Week 2027 Draft"
    assert page.get_by_role("status").inner_text() == (
        "Festival Khiva Sister Cities Week 2027 created as a draft."
    )
    page.get_by_role("button", name="Publish").click()
    assert page.locator("h1 .badge").inner_text() == "Published"
    _no_overflow(page, TABLET["width"])
    assert problems == []


@pytest.mark.browser
def test_import_a_file_through_its_preview(
    live_server: str, browser: object, tmp_path: Path
) -> None:
    data = warned_demo()
    data["festival"].update(slug="isfahan-2027", name="Isfahan Week 2027", published=False)
    path = tmp_path / "isfahan-2027.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page = browser.new_page(viewport=LAPTOP)  # type: ignore[attr-defined]
    problems = _watch(page)
    _sign_in(page, live_server)
    page.get_by_role("link", name="Import a data file").click()
    page.get_by_label("Festival data file (JSON)").set_input_files(str(path))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(f"{live_server}/organise/import/*")
    assert page.locator("h1").inner_text() == "Check the file"
    assert "A new festival: Isfahan Week 2027 (isfahan-2027)." in page.inner_text("main")
    findings = page.locator("ul.findings li .finding-code").all_inner_texts()
    assert findings == ["over-capacity"] * 7 + ["missing-equipment"]
    page.screenshot(path=str(ARTIFACTS / "workspace-import-preview.png"), full_page=True)
    # Nothing is written before the apply: the festival does not exist yet.
    assert page.request.get(f"{live_server}/organise/isfahan-2027/").status == 404
    page.get_by_role("button", name="Import the festival").click()
    page.wait_for_url(f"{live_server}/organise/isfahan-2027/")
    assert _text(page, "h1") == "Isfahan Week 2027 Draft"
    groups = page.locator(".finding-group h3 code").all_inner_texts()
    assert groups == ["over-capacity", "missing-equipment"]
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_dashboard_and_home_screenshots(live_server: str, browser: object, lang: str) -> None:
    page = browser.new_page(viewport=LAPTOP)  # type: ignore[attr-defined]
    problems = _watch(page)
    _sign_in(page, live_server, f"/organise/?lang={lang}")
    page.wait_for_url(f"{live_server}/organise/?lang={lang}")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")
    page.screenshot(path=str(ARTIFACTS / f"workspace-home-{lang}.png"), full_page=True)
    page.goto(f"{live_server}/organise/isfahan-2026/")
    assert page.evaluate("document.documentElement.lang") == lang
    page.locator("details#delegation-xian summary").click()
    _no_overflow(page, LAPTOP["width"])
    page.screenshot(path=str(ARTIFACTS / f"workspace-dashboard-{lang}.png"), full_page=True)
    page.set_viewport_size(TABLET)
    _no_overflow(page, TABLET["width"])
    page.screenshot(path=str(ARTIFACTS / f"workspace-dashboard-{lang}-tablet.png"), full_page=True)
    assert problems == []
