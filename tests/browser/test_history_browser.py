"""The history page in a real browser (Debian's chromium through Playwright): a change made
through the API shows up, the filters and the per-entity link work, Persian reads right to
left. With ``FESTIVAL_ARTIFACTS=DIR`` the pages are also saved there as screenshots."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask

from festival.datafile import validate_data
from festival.extensions import db
from festival.services.accounts import create_api_token
from festival.services.importer import import_document
from tests.browser.serving import require_chromium, serving
from tests.browser.test_programme_browser import CHROMIUM_ARGS
from tests.factories import demo_data
from tests.web.workspace import PASSWORD, add_user

playwright = pytest.importorskip("playwright.sync_api")

SESSION = "opening-ceremony-1"


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[tuple[str, str]]:
    require_chromium()
    doc, findings = validate_data(demo_data())
    import_document(
        doc,
        findings,
        replace=False,
        now=datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
        actor="festival import",
    )
    add_user("ana@example.org", "organiser")
    add_user("viewer@example.org", "viewer")
    token = create_api_token("ana@example.org", now=datetime(2026, 5, 1, tzinfo=UTC))
    db.session.commit()
    with serving(sqlite_app) as url:
        yield url, token


def _shoot(page: object, name: str) -> None:
    folder = os.environ.get("FESTIVAL_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_history_shows_an_api_change_filters_and_reads_right_to_left(
    live_server: tuple[str, str],
) -> None:
    base, token = live_server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            problems: list[str] = []
            page.on(
                "console",
                lambda m: (
                    problems.append(m.text)
                    if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
                    else None
                ),
            )
            page.on("pageerror", lambda e: problems.append(str(e)))

            moved = page.request.patch(
                f"{base}/api/v1/festivals/isfahan-2026/sessions/{SESSION}",
                data={"starts_at": "2026-10-18T16:30", "ends_at": "2026-10-18T18:00"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert moved.status == 200, moved.text()

            page.goto(f"{base}/organise/isfahan-2026/history")
            page.wait_for_url("**/login?next=**")
            page.fill("input[name=email]", "viewer@example.org")
            page.fill("input[name=password]", PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.goto(f"{base}/organise/isfahan-2026/history")
            assert page.locator("h1").inner_text() == "History"
            rows = page.locator("table.history tbody tr")
            assert rows.count() == 2
            newest = rows.nth(0)
            assert newest.locator(".history-who").inner_text() == "ana@example.org"
            assert newest.locator(".history-what .key").inner_text() == SESSION
            assert newest.locator("dd").all_inner_texts() == [
                "18 October 2026 17:00 UTC+03:30 → 18 October 2026 16:30 UTC+03:30",
                "18 October 2026 18:30 UTC+03:30 → 18 October 2026 18:00 UTC+03:30",
            ]
            assert rows.nth(1).locator(".history-who").inner_text() == "festival import"
            # the stylesheets applied under the CSP
            assert page.evaluate(
                "getComputedStyle(document.querySelector('.history ins')).fontWeight"
            ) in ("600", "700")
            _shoot(page, "history-en.png")

            page.select_option("#history-who", "festival import")
            page.get_by_role("button", name="Show", exact=True).click()
            page.wait_for_url("**/history?who=festival+import&kind=")
            assert rows.count() == 1
            assert "Imported from a data file" in rows.nth(0).inner_text()

            page.goto(f"{base}/organise/isfahan-2026/history")
            rows.nth(0).get_by_role("link", name="its history").click()
            page.wait_for_url(f"**/history/session/{SESSION}")
            assert rows.count() == 2
            _shoot(page, "history-session-en.png")

            page.goto(f"{base}/organise/isfahan-2026/history?lang=fa")
            assert page.evaluate("document.documentElement.dir") == "rtl"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            _shoot(page, "history-fa.png")
            assert problems == []
        finally:
            browser.close()
