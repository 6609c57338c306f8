"""Dates in each language, one way for the web pages and the printed booklet: the Solar Hijri
conversion at its boundaries, and a Persian day headed alike on a page and in the booklet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.cache import outputs
from festival.i18n.formatting import (
    format_date_range,
    format_day,
    format_day_heading,
    format_gregorian_aside,
    to_jalali,
)
from tests.factories import demo_data
from tests.icalcheck import store
from tests.pagecheck import read

# Nowruz (1 Farvardin) of each year, from the March equinox by the Tehran noon rule (an
# equinox before noon in Tehran starts the year that day, after noon the next day),
# computed independently with an ephemeris; the years 1403 and 1408 are leap years.
NOWRUZ = {
    1399: date(2020, 3, 20),
    1400: date(2021, 3, 21),
    1401: date(2022, 3, 21),
    1402: date(2023, 3, 21),
    1403: date(2024, 3, 20),
    1404: date(2025, 3, 21),
    1405: date(2026, 3, 21),
    1406: date(2027, 3, 21),
    1407: date(2028, 3, 20),
    1408: date(2029, 3, 20),
    1409: date(2030, 3, 21),
}


@pytest.mark.parametrize(
    ("day", "jalali"),
    [
        (date(2026, 10, 18), (1405, 7, 26)),  # the demo festival's first day
        (date(2026, 3, 21), (1405, 1, 1)),  # Nowruz 1405
        (date(2026, 3, 20), (1404, 12, 29)),  # 1404 is a common year
        (date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: Esfand has 30 days
        (date(2025, 3, 21), (1404, 1, 1)),
        (date(2024, 3, 19), (1402, 12, 29)),
        (date(2024, 3, 20), (1403, 1, 1)),
        (date(2030, 3, 20), (1408, 12, 30)),
        (date(2026, 9, 22), (1405, 6, 31)),  # the first six months have 31 days
        (date(2026, 9, 23), (1405, 7, 1)),
        (date(2026, 10, 22), (1405, 7, 30)),  # the next five have 30
        (date(2026, 10, 23), (1405, 8, 1)),
        (date(2026, 12, 31), (1405, 10, 10)),  # across the Gregorian new year
        (date(2027, 1, 1), (1405, 10, 11)),
        (date(2028, 2, 29), (1406, 12, 10)),  # a Gregorian leap day
    ],
    ids=str,
)
def test_solar_hijri_boundaries(day: date, jalali: tuple[int, int, int]) -> None:
    assert to_jalali(day) == jalali


def test_solar_hijri_years_start_at_nowruz_and_run_day_by_day() -> None:
    for year, nowruz in NOWRUZ.items():
        assert to_jalali(nowruz) == (year, 1, 1)
    # every day from 1399 to 1408 follows the one before: months of 31 days (1-6), of 30
    # (7-11), and Esfand, which ends the day before the next Nowruz (29 or 30 days)
    nowruz_days = set(NOWRUZ.values())
    day = NOWRUZ[1399]
    while day < NOWRUZ[1409]:
        year, month, number = to_jalali(day)
        if day + timedelta(days=1) in nowruz_days:
            expected = (year + 1, 1, 1)
            assert (month, number) in ((12, 29), (12, 30)), day
        elif month < 12 and number == (31 if month <= 6 else 30):
            expected = (year, month + 1, 1)
        else:
            expected = (year, month, number + 1)
        assert to_jalali(day + timedelta(days=1)) == expected, day
        day += timedelta(days=1)


def test_persian_dates_are_solar_hijri_on_the_web_as_in_print() -> None:
    sunday = date(2026, 10, 18)
    assert format_day_heading(sunday, "fa") == "یکشنبه ۲۶ مهر"
    assert format_gregorian_aside(sunday, "fa") == "۱۸ اکتبر ۲۰۲۶"
    assert format_day(sunday, "fa") == "یکشنبه ۲۶ مهر"
    assert format_day(sunday, "fa-IR", year=True) == "یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)"
    week = (sunday, date(2026, 10, 24))
    assert format_date_range(*week, "fa") == "۲۶ مهر – ۲ آبان ۱۴۰۵"


def test_other_languages_date_their_days_as_cldr_writes_them() -> None:
    sunday = date(2026, 10, 18)
    assert format_day(sunday, "en") == "Sunday 18 October"
    assert format_day(sunday, None, year=True) == "Sunday, 18 October 2026"
    assert format_day(sunday, "ru", year=True) == "Воскресенье, 18 октября 2026\u202fг."
    # Arabic writes ASCII digits (CLDR's default for ar); Egyptian Arabic its own digits
    assert format_day(sunday, "ar", year=True) == "الأحد، 18 أكتوبر 2026"
    assert format_day(sunday, "ar-EG", year=True) == "الأحد، ١٨ أكتوبر ٢٠٢٦"
    assert format_date_range(sunday, date(2026, 10, 24), "en") == "18\u2009–\u200924 October 2026"


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
