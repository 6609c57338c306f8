"""The reports page and the arrivals board in a real browser (Debian's chromium through
Playwright): downloads offered, the day switcher works, an unserved arrival is said in
words, Persian reads right to left. With ``FESTIVAL_ARTIFACTS=DIR`` the pages are also saved
there as screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask

from festival.datafile import validate_data
from festival.extensions import db
from festival.services.importer import import_document
from tests.browser.serving import require_chromium, serving
from tests.browser.test_history_browser import _shoot
from tests.browser.test_programme_browser import CHROMIUM_ARGS
from tests.factories import demo_data
from tests.web.workspace import PASSWORD, add_user

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    data = demo_data()
    # Yerevan's arrival transfer not booked yet: the board shows it unserved.
    data["transfers"] = [t for t in data["transfers"] if t["key"] != "arr-yerevan"]
    doc, findings = validate_data(data)
    assert doc is not None
    import_document(
        doc, findings, replace=False, now=datetime(2026, 5, 1, tzinfo=UTC), actor="test"
    )
    add_user("viewer@example.org", "viewer")
    db.session.commit()
    with serving(sqlite_app) as url:
        yield url


@pytest.mark.browser
def test_reports_page_and_arrivals_board(live_server: str) -> None:
    base = live_server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/organise/isfahan-2026/reports/")
            page.wait_for_url("**/login?next=**")
            page.fill("input[name=email]", "viewer@example.org")
            page.fill("input[name=password]", PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url("**/reports/")
            links = page.locator("td.report-downloads a")
            assert links.count() == 15
            _shoot(page, "reports-en.png")

            page.get_by_role("link", name="Arrivals board").first.click()
            page.wait_for_url("**/arrivals")
            assert "Arrivals board" in page.title()
            page.locator(".day-switcher a", has_text="20 October").click()
            page.wait_for_url("**/arrivals?day=2026-10-20")
            row = page.locator("tr.is-unserved")
            assert row.count() == 1
            assert "Unserved: no transfer" in row.inner_text()
            assert "EP7211" in row.inner_text()
            _shoot(page, "arrivals-en.png")

            page.goto(f"{base}/organise/isfahan-2026/arrivals?day=2026-10-20&lang=fa")
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.locator("tr.is-unserved").count() == 1
            _shoot(page, "arrivals-fa.png")
            page.goto(f"{base}/organise/isfahan-2026/reports/?lang=fa")
            assert page.locator("html").get_attribute("dir") == "rtl"
            _shoot(page, "reports-fa.png")
        finally:
            browser.close()
