"""The programme in a real browser (Debian's chromium through Playwright), on a phone-sized
screen: it renders under the strict CSP, a filter link works, Persian reads right to left;
Arabic, Hebrew and Persian pages mirror on a wide screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from festival.cache import outputs
from tests.browser.serving import require_chromium, serving
from tests.factories import demo_data
from tests.icalcheck import store

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    outputs.clear()
    store(demo_data())
    with serving(sqlite_app) as url:
        yield url


@pytest.mark.browser
def test_programme_renders_filters_and_reads_right_to_left(live_server: str) -> None:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
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

            page.goto(f"{live_server}/f/isfahan-2026/?day=2026-10-20")
            assert page.locator("h1").inner_text() == "Isfahan Sister Cities Week 2026"
            assert page.locator("ol.sessions > li").count() == 11
            # the stylesheets applied (under the CSP) and nothing is wider than the phone
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.skip')).position")
                == "absolute"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= 375

            page.locator("summary").click()
            page.get_by_role("link", name="Workshop", exact=True).click()
            page.wait_for_url("**/f/isfahan-2026/?day=2026-10-20&kind=workshop")
            kinds = page.locator("ol.sessions .kind").all_inner_texts()
            assert kinds == ["Workshop"] * 4
            assert page.locator("#feed-url").input_value().endswith("calendar.ics?kind=workshop")

            page.get_by_role("link", name="فارسی").click()
            page.wait_for_url("**lang=fa")
            assert page.evaluate("document.documentElement.dir") == "rtl"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            assert page.locator("#day-heading").inner_text() == "سه‌شنبه ۲۸ مهر (۲۰ اکتبر ۲۰۲۶)"
            assert problems == []
        finally:
            browser.close()


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "he", "fa"])
def test_right_to_left_pages_mirror(live_server: str, lang: str) -> None:
    """On a wide screen, an Arabic, Hebrew or Persian page lays out from the right: the
    festival's name at the right of the header, the switcher at its left, each session's
    time to the right of its title, and an English original still running left to right."""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.goto(f"{live_server}/f/isfahan-2026/?day=2026-10-18&lang={lang}")
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            home, switcher = _box(page, ".site-header .home"), _box(page, "nav.languages")
            assert switcher["x"] + switcher["width"] < home["x"]
            when, title = _box(page, "ol.sessions .when"), _box(page, "ol.sessions h3")
            assert title["x"] + title["width"] <= when["x"]
            heading = _box(page, "#day-heading")
            assert heading["x"] + heading["width"] > 1100 - 120  # hangs from the right
            assert page.evaluate("document.documentElement.scrollWidth") <= 1100
            if lang != "fa":  # Persian has a translation of every demo title
                english = page.locator("ol.sessions h3 bdi[lang=en]").first
                assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
        finally:
            browser.close()
