"""The transfer planner in a real browser (Debian's chromium through Playwright), under the
strict CSP: open the plan from the transfers list, write it, see the transfers listed.
Screenshots of the plan, in English and Persian, go to ``artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from festival.cache import outputs
from tests.browser.serving import require_chromium, serving
from tests.browser.test_programme_browser import CHROMIUM_ARGS
from tests.integration.entities import load
from tests.planning import plan_data
from tests.web.workspace import PASSWORD, add_user

playwright = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LAPTOP = {"width": 1280, "height": 900}
BASE = "/organise/test-2026"


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    outputs.clear()
    load(plan_data())
    add_user("organiser@example.org", "organiser")
    with serving(sqlite_app) as url:
        yield url


def test_plan_then_write_the_transfers(live_server: str) -> None:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=LAPTOP)
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
            page.goto(f"{live_server}/login?next={BASE}/transfers")
            page.get_by_label("E-mail").fill("organiser@example.org")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{live_server}{BASE}/transfers")
            page.get_by_role("link", name="Plan the missing transfers").click()
            page.wait_for_url(f"{live_server}{BASE}/transfer-plan")
            rows = page.locator("tr[data-transfer]")
            assert rows.evaluate_all("rows => rows.map(r => r.dataset.transfer)") == [
                "arr-kyoto",
                "arr-bukhara",
                "dep-xian",
            ]
            page.screenshot(path=str(ARTIFACTS / "transfer-plan-en.png"), full_page=True)
            # A narrower window re-plans through the GET form.
            page.get_by_label("Window (minutes)").fill("30")
            page.get_by_role("button", name="Plan again").click()
            page.wait_for_url(f"{live_server}{BASE}/transfer-plan?window=30&trip_minutes=60")
            assert "07:40" in (rows.nth(2).text_content() or "")
            page.goto(f"{live_server}{BASE}/transfer-plan?lang=fa")
            assert page.locator("html").get_attribute("dir") == "rtl"
            page.screenshot(path=str(ARTIFACTS / "transfer-plan-fa.png"), full_page=True)
            page.goto(f"{live_server}{BASE}/transfer-plan?lang=en")
            page.get_by_role("button", name="Write these 3 transfers").click()
            page.wait_for_url(f"{live_server}{BASE}/transfers")
            assert "Wrote 3 transfers." in (page.locator(".ws-flash").text_content() or "")
            listed = page.locator("table.entity-table tbody th").all_text_contents()
            assert sorted(k.strip() for k in listed) == [
                "arr-bukhara",
                "arr-kyoto",
                "arr-tabriz",
                "dep-xian",
            ]
            page.screenshot(path=str(ARTIFACTS / "transfer-plan-written.png"), full_page=True)
            assert problems == []
        finally:
            browser.close()
