"""A Persian day is headed alike on the programme page and in the booklet (Solar Hijri,
Persian digits, the Gregorian date beside it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.cache import outputs
from tests.factories import demo_data
from tests.icalcheck import store
from tests.pagecheck import read


@pytest.fixture
def _demo(app: Flask) -> Iterator[None]:
    outputs.clear()
    store(demo_data())
    yield
    outputs.clear()


@pytest.mark.usefixtures("_demo")
def test_a_page_and_the_booklet_head_a_persian_day_alike(client: FlaskClient) -> None:
    from festival.exports.booklet import booklet_html
    from festival.queries.programme import PUBLIC, festival_programme, load_programme_festival

    response = client.get("/f/isfahan-2026/?day=2026-10-18&lang=fa")
    assert response.status_code == 200
    page = read(response.data)
    on_the_web = page.one("h2", id="day-heading").text

    festival = load_programme_festival("isfahan-2026")
    assert festival is not None
    html = booklet_html(festival_programme(festival, audience=PUBLIC, lang="fa"), lang="fa")
    found = re.search(r'<section class="day" id="day-2026-10-18">(.*?)</header>', html, re.S)
    assert found
    header = read(found.group(1))
    printed = header.one("h2").text
    printed_aside = header.one("p", class_="day-aside").text

    assert (printed, printed_aside) == ("یکشنبه ۲۶ مهر", "۱۸ اکتبر ۲۰۲۶")
    assert on_the_web == f"{printed} ({printed_aside})" == "یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)"
    # the day's link in the page's list of days and the page title carry the same heading
    assert page.link("یکشنبه ۲۶ مهر (۴ برنامه)").query["day"] == ["2026-10-18"]
    assert re.search(r"<title>یکشنبه ۲۶ مهر · ", response.get_data(as_text=True))
