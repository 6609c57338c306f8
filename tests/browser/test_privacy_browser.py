"""An admin ticks a member's need, sees the unmet-need warning, then erases the member's
personal data through the confirm page, in a real browser (Debian's chromium). Screenshots
of the member form and the confirm page, in English and Persian, go to ``artifacts/``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from festival.cache import outputs
from tests.browser.serving import require_chromium, serving, signed_in_page
from tests.browser.test_entities_browser import LAPTOP, shoot, watch
from tests.integration.entities import load
from tests.web.workspace import add_user

playwright = pytest.importorskip("playwright.sync_api")

BASE = "/organise/test-2026"
WANG = f"{BASE}/delegations/xian/members/wang"


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    from tests.browser.test_entities_browser import ARTIFACTS

    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    outputs.clear()
    load()
    add_user("admin@example.org", "admin")
    with serving(sqlite_app) as url:
        yield url


@pytest.fixture
def page(live_server: str) -> Iterator[object]:
    with signed_in_page(live_server, "admin@example.org", f"{BASE}/", LAPTOP) as page:
        yield page


@pytest.mark.browser
def test_tick_a_need_then_erase_the_member(page: object, live_server: str) -> None:
    problems = watch(page)
    page.goto(f"{live_server}{WANG}")  # type: ignore[attr-defined]
    page.get_by_label("step_free").check()  # type: ignore[attr-defined]
    page.get_by_label("E-mail").fill("wang.fangmei@example.org")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{WANG}")  # type: ignore[attr-defined]
    assert page.get_by_label("step_free").is_checked()  # type: ignore[attr-defined]
    assert "unmet-need" in page.inner_text("main")  # type: ignore[attr-defined]
    for lang in ("en", "fa"):
        page.goto(f"{live_server}{WANG}?lang={lang}")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]  # type: ignore[attr-defined]
        shoot(page, f"privacy-member-needs-{lang}")
        page.goto(f"{live_server}{WANG}/erase?lang={lang}")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]  # type: ignore[attr-defined]
        shoot(page, f"privacy-erase-confirm-{lang}")
    page.goto(f"{live_server}{WANG}?lang=en")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Erase personal data…").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{WANG}/erase")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Erase personal data").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{live_server}{WANG}")  # type: ignore[attr-defined]
    assert "was erased" in page.get_by_role("status").inner_text()  # type: ignore[attr-defined]
    assert page.get_by_label("E-mail").input_value() == ""  # type: ignore[attr-defined]
    assert not page.get_by_label("step_free").is_checked()  # type: ignore[attr-defined]
    shoot(page, "privacy-member-erased-en")
    assert problems == []
