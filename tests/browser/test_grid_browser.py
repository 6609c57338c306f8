"""The schedule grid in a real browser (Debian's chromium through Playwright) under the
strict CSP: move a session by mouse and by keyboard and see it saved; a refused move snaps
back naming the other session; two organisers at once, the second refused; screenshots of
a busy demo day in English and Persian and in print, into ``$FESTIVAL_SHOTS`` (else
``artifacts/``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from festival.cache import outputs
from festival.extensions import db
from festival.models import Session
from tests.browser.serving import require_chromium, serving
from tests.browser.test_programme_browser import CHROMIUM_ARGS
from tests.icalcheck import store
from tests.web.test_grid import busy_demo
from tests.web.workspace import PASSWORD, add_user

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

# Screenshots go to $FESTIVAL_SHOTS when set, else to the git-ignored artifacts/.
SHOTS = Path(os.environ.get("FESTIVAL_SHOTS") or Path(__file__).resolve().parents[2] / "artifacts")
LAPTOP = {"width": 1366, "height": 900}
TALL = {"width": 1366, "height": 2000}
SLUG = "isfahan-2026"
GRID = f"/organise/{SLUG}/grid?day=2026-10-20"


@pytest.fixture
def live_server(sqlite_app: Flask) -> Iterator[str]:
    require_chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    outputs.clear()
    store(busy_demo())
    add_user("organiser@example.org", "organiser")
    add_user("second@example.org", "organiser")
    with serving(sqlite_app) as url:
        yield url


@pytest.fixture
def browser(live_server: str) -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def signed_in(browser: Any, live_server: str, email: str = "organiser@example.org") -> Any:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            # The favicon is 404; refusals are answers, not faults.
            if m.type == "error" and not any(f"status of {n}" in m.text for n in (404, 409, 422))
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.problems = problems
    page.goto(f"{live_server}/login?next=/organise/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/organise/")
    return page


@pytest.fixture
def page(browser: Any, live_server: str) -> Any:
    return signed_in(browser, live_server)


def stored(key: str) -> tuple[datetime, datetime, str, int]:
    db.session.rollback()  # a fresh read: the server's writes, not an old snapshot
    row = db.session.scalar(db.select(Session).where(Session.key == key))
    assert row is not None
    return row.starts_at, row.ends_at, row.venue.key, row.version


def at(hour: int, minute: int = 0) -> datetime:
    """2026-10-20 at ``hour:minute`` in Tehran (UTC+03:30), as UTC."""
    total = hour * 60 + minute - 210
    return datetime(2026, 10, 20, total // 60, total % 60, tzinfo=UTC)


def keyboard_move(page: Any, key: str, *keys: str) -> None:
    block = page.locator(f'[data-session="{key}"]')
    block.focus()
    page.keyboard.press("Enter")
    for k in keys:
        page.keyboard.press(k)
    page.keyboard.press("Enter")


@pytest.mark.browser
def test_move_a_session_by_mouse_and_see_it_saved(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}{GRID}")
    block = page.locator('[data-session="green-city-freiburg-1"]')
    block.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = block.bounding_box()
    slot = page.evaluate(
        "parseFloat(getComputedStyle(document.getElementById('grid')).gridAutoRows)"
    )
    x, y = box["x"] + box["width"] / 2, box["y"] + min(20, box["height"] / 2)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 3 * slot, steps=4)
    page.mouse.move(x, y + 6 * slot, steps=4)
    with page.expect_response(lambda r: "/sessions/green-city-freiburg-1" in r.url) as answer:
        page.mouse.up()
    assert answer.value.status == 200
    expect(page.locator('[data-session="green-city-freiburg-1"]')).to_have_attribute(
        "data-version", "2"
    )
    assert stored("green-city-freiburg-1") == (at(14, 30), at(16, 30), "art-university", 2)
    # Still on the grid (the drag was no click on the link), saying so with the new warnings.
    assert "/grid" in page.url
    message = page.locator("#grid-message")
    assert "Saved: green-city-freiburg-1" in message.inner_text()
    assert "missing-equipment" in message.inner_text()
    assert "14:30–16:30" in block.inner_text()
    # Resize by its lower edge: 30 minutes longer.
    block.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = block.bounding_box()
    x, bottom = box["x"] + box["width"] / 2, box["y"] + box["height"] - 3
    page.mouse.move(x, bottom)
    page.mouse.down()
    page.mouse.move(x, bottom + 6 * slot, steps=6)
    with page.expect_response(lambda r: "/sessions/green-city-freiburg-1" in r.url):
        page.mouse.up()
    expect(page.locator('[data-session="green-city-freiburg-1"]')).to_have_attribute(
        "data-version", "3"
    )
    assert stored("green-city-freiburg-1")[:2] == (at(14, 30), at(17, 0))
    assert page.problems == []


@pytest.mark.browser
def test_move_a_session_by_keyboard_alone(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}{GRID}")
    # City hall 13:00-14:00: three steps later, then one venue over and back, then longer.
    with page.expect_response(lambda r: "/sessions/mayor-meeting-kuala-lumpur-1" in r.url) as r:
        keyboard_move(
            page,
            "mayor-meeting-kuala-lumpur-1",
            "ArrowDown",
            "ArrowDown",
            "ArrowDown",
            "ArrowRight",
            "ArrowLeft",
            "Shift+ArrowDown",
        )
    assert r.value.status == 200
    expect(page.locator('[data-session="mayor-meeting-kuala-lumpur-1"]')).to_have_attribute(
        "data-version", "2"
    )
    assert stored("mayor-meeting-kuala-lumpur-1") == (at(13, 15), at(14, 20), "city-hall", 2)
    expect(page.locator("#grid-live")).to_contain_text("Saved: mayor-meeting-kuala-lumpur-1")
    # Escape puts it back and saves nothing.
    keyboard_move(page, "mayor-meeting-kuala-lumpur-1")  # Enter, Enter: picked and unchanged
    block = page.locator('[data-session="mayor-meeting-kuala-lumpur-1"]')
    block.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert "13:15–14:20" in block.inner_text()
    assert stored("mayor-meeting-kuala-lumpur-1")[3] == 2
    assert page.problems == []


@pytest.mark.browser
def test_a_refused_move_snaps_back_and_names_the_other_session(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}{GRID}")
    block = page.locator('[data-session="green-city-freiburg-1"]')
    before = block.get_attribute("class")
    # 14:00 -> 11:00 at the art university, where the conservation workshop is.
    with page.expect_response(lambda r: "/sessions/green-city-freiburg-1" in r.url) as r:
        keyboard_move(page, "green-city-freiburg-1", *["ArrowUp"] * 36)
    assert r.value.status == 422
    message = page.locator("#grid-message")
    message.wait_for()
    text = message.inner_text()
    assert "conservation-workshop-2" in text
    assert "venue-double-booking" in text
    assert "14:00–16:00" in block.inner_text()
    assert block.get_attribute("class").replace(" is-refused", "") == before
    assert block.get_attribute("data-version") == "1"
    assert stored("green-city-freiburg-1") == (at(14), at(16), "art-university", 1)
    expect(page.locator("#grid-live")).to_contain_text("conservation-workshop-2")
    assert page.problems == []


@pytest.mark.browser
def test_two_organisers_the_second_is_refused_with_a_reload(browser: Any, live_server: str) -> None:
    first = signed_in(browser, live_server)
    second = signed_in(browser, live_server, "second@example.org")
    first.goto(f"{live_server}{GRID}")
    second.goto(f"{live_server}{GRID}")
    with first.expect_response(lambda r: "/sessions/square-music-1" in r.url) as r:
        keyboard_move(first, "square-music-1", "ArrowDown")
    assert r.value.status == 200
    with second.expect_response(lambda r: "/sessions/square-music-1" in r.url) as r:
        keyboard_move(second, "square-music-1", "Shift+ArrowDown", "Shift+ArrowDown")
    assert r.value.status == 409
    message = second.locator("#grid-message")
    message.wait_for()
    assert "in the meantime" in message.inner_text()
    reload = message.get_by_role("link", name="Reload the grid")
    assert reload.count() == 1
    assert stored("square-music-1") == (at(19, 5), at(21, 5), "naqsh-e-jahan", 2)
    reload.click()
    second.wait_for_load_state()
    block = second.locator('[data-session="square-music-1"]')
    assert block.get_attribute("data-version") == "2"
    assert "19:05–21:05" in block.inner_text()
    assert first.problems == [] and second.problems == []


@pytest.mark.browser
def test_screenshots_of_a_busy_day_in_english_persian_and_print(
    page: Any, live_server: str
) -> None:
    page.set_viewport_size(TALL)  # the whole day in the grid's scrolling box
    for lang in ("en", "fa"):
        page.goto(f"{live_server}{GRID}&lang={lang}")
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "fa" else "ltr")
        # The page itself keeps to the laptop's width; the grid scrolls inside its box.
        assert page.evaluate("document.documentElement.scrollWidth") <= TALL["width"]
        page.screenshot(path=str(SHOTS / f"grid-busy-day-{lang}.png"), full_page=True)
    page.goto(f"{live_server}{GRID}&lang=en")
    page.emulate_media(media="print")
    assert page.locator(".grid-filters").is_hidden()
    assert page.locator(".ws-nav").is_hidden()
    page.screenshot(path=str(SHOTS / "grid-busy-day-print.png"), full_page=True)
    pdf = page.pdf(path=str(SHOTS / "grid-busy-day.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    assert b"/Count 1\n" in pdf or b"/Count 1/" in pdf or b"/Count 1>" in pdf  # one page
    assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf  # A4 landscape
    assert page.problems == []


@pytest.mark.browser
def test_find_a_slot_and_create_a_session_from_it(page: Any, live_server: str) -> None:
    page.goto(f"{live_server}{GRID}")
    panel = page.locator(".slot-panel")
    panel.get_by_label("Duration (minutes)").fill("90")
    panel.get_by_label("Capacity at least").fill("100")
    panel.get_by_label("Kraków City Delegation").check()
    with page.expect_response(lambda r: "/free-slots?" in r.url) as answer:
        panel.get_by_role("button", name="Find").click()
    assert answer.value.status == 200
    assert "delegation=krakow" in answer.value.url and "capacity=100" in answer.value.url
    links = page.locator("#slot-results a")
    links.first.wait_for()
    assert "nearest to this day first" in page.locator("#slot-status").inner_text()
    first = links.first
    venue, starts_at = first.get_attribute("data-venue"), first.get_attribute("data-starts-at")
    assert starts_at.startswith("2026-10-20T")
    # Nearest first: the first window holds the start of the day or starts the soonest after.
    page.screenshot(path=str(SHOTS / "grid-find-a-slot-en.png"), full_page=True)
    first.click()
    page.wait_for_url("**/new/session?**")
    assert page.get_by_label("Venue").input_value() == venue
    assert page.get_by_label("Starts").input_value() == starts_at
    page.get_by_label("Key").fill("calligraphy-extra")
    page.get_by_label("Event").select_option("two-brushes-calligraphy")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url("**/sessions/calligraphy-extra")
    starts, ends, stored_venue, _version = stored("calligraphy-extra")
    assert stored_venue == venue
    assert ends - starts == timedelta(minutes=90)
    assert page.problems == []


@pytest.mark.browser
def test_screenshots_of_a_busy_day_of_a_3000_session_festival(page: Any, live_server: str) -> None:
    from benchmarks.generate import generate
    from festival.datafile import validate_data
    from festival.services.importer import import_document

    data = generate(3000, 0)
    data["festival"]["slug"] = "synthetic-3000"
    doc, findings = validate_data(data)
    import_document(doc, findings, replace=False, now=datetime.now(UTC), actor="tests")
    db.session.commit()
    day = data["festival"]["starts_on"]
    page.set_viewport_size(TALL)
    for lang in ("en", "fa"):
        page.goto(f"{live_server}/organise/synthetic-3000/grid?day={day}&lang={lang}")
        assert page.locator("[data-session]").count() > 300
        page.screenshot(path=str(SHOTS / f"grid-3000-sessions-{lang}.png"))
    assert page.problems == []


@pytest.mark.browser
def test_find_a_slot_meets_the_members_needs(page: Any, live_server: str) -> None:
    """A delegation whose member needs step-free access: choosing it asks only for venues
    that offer it, unless the organiser unticks "Only venues that offer what their members
    need"."""
    from festival.models import Festival, Member

    member = db.session.scalar(db.select(Member).where(Member.key == "marta-nowak"))
    assert member is not None
    member.needs = ["step_free", "hearing_loop"]
    db.session.scalar(db.select(Festival).where(Festival.slug == SLUG)).version += 1
    db.session.commit()
    outputs.clear()
    page.goto(f"{live_server}{GRID}")
    panel = page.locator(".slot-panel")
    panel.get_by_label("Kraków City Delegation").check()
    assert "step_free, hearing_loop" in panel.inner_text()
    with page.expect_response(lambda r: "/free-slots?" in r.url) as answer:
        panel.get_by_role("button", name="Find").click()
    assert answer.value.status == 200
    assert "requires=step_free" in answer.value.url
    assert "requires=hearing_loop" in answer.value.url
    # No demo venue has a hearing loop: no window, said plainly (not an error).
    expect(page.locator("#slot-status")).to_have_text("No free slot for that in those days.")
    panel.get_by_label("Only venues that offer what their members need").uncheck()
    with page.expect_response(lambda r: "/free-slots?" in r.url) as answer:
        panel.get_by_role("button", name="Find").click()
    assert "requires=" not in answer.value.url
    page.locator("#slot-results a").first.wait_for()
    assert page.problems == []
