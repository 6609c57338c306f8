"""Dates, digits and names as the printed pages write them in each language."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from festival.exports.print_text import shorten, strong_direction
from festival.i18n.formatting import (
    ascii_digits,
    digits,
    format_date,
    format_date_range,
    format_day_heading,
    format_day_short,
    format_gregorian_aside,
    format_time_range,
)


@pytest.mark.parametrize(
    ("lang", "heading", "short", "full"),
    [
        ("en", "Sunday 18 October", "Sun 18", "18 October 2026"),
        ("fa", "یکشنبه ۲۶ مهر", "یکشنبه ۲۶", "۲۶ مهر ۱۴۰۵"),
        ("ar", "الأحد، 18 أكتوبر", "الأحد، 18", "18 أكتوبر 2026"),
        ("ar-EG", "الأحد، ١٨ أكتوبر", "الأحد، ١٨", "١٨ أكتوبر ٢٠٢٦"),
        ("he", "יום ראשון, 18 באוקטובר", "יום א׳ ה-18", "18 באוקטובר 2026"),
        ("zh", "10月18日星期日", "18日周日", "2026年10月18日"),
        ("ko", "10월 18일 일요일", "18일 (일)", "2026년 10월 18일"),
        ("ru", "Воскресенье, 18 октября", "вс, 18", "18 октября 2026\u202fг."),
        ("uz", "Yakshanba, 18-oktabr", "18, Yak", "18-oktabr, 2026"),
        ("de", "Sonntag, 18. Oktober", "So., 18.", "18. Oktober 2026"),
        ("pl", "Niedziela, 18 października", "niedz., 18", "18 października 2026"),
    ],
    ids=lambda value: value if value.isascii() and len(value) < 6 else "",
)
def test_days_in_each_language(lang: str, heading: str, short: str, full: str) -> None:
    day = date(2026, 10, 18)
    assert (format_day_heading(day, lang), format_day_short(day, lang), format_date(day, lang)) == (
        heading,
        short,
        full,
    )


def test_persian_headings_carry_the_civil_date_beside_them() -> None:
    assert format_gregorian_aside(date(2026, 10, 18), "fa") == "۱۸ اکتبر ۲۰۲۶"
    assert format_gregorian_aside(date(2026, 10, 18), "en") == ""


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        (date(2026, 10, 18), date(2026, 10, 24), "en", "18\u2009–\u200924 October 2026"),
        (date(2026, 10, 28), date(2026, 11, 3), "en", "28 October\u2009–\u20093 November 2026"),
        (date(2026, 12, 28), date(2027, 1, 3), "en", "28 December 2026\u2009–\u20093 January 2027"),
        (date(2026, 10, 18), date(2026, 10, 24), "fa", "۲۶ مهر – ۲ آبان ۱۴۰۵"),
        (date(2026, 10, 28), date(2026, 11, 3), "fa", "۶ تا ۱۲ آبان ۱۴۰۵"),
        (date(2026, 10, 18), date(2026, 10, 24), "zh", "2026年10月18日\u2009–\u200924日"),
        (date(2026, 10, 28), date(2026, 11, 3), "zh", "2026年10月28日\u2009–\u200911月3日"),
        (date(2026, 10, 18), date(2026, 10, 24), "ru", "18—24 октября 2026\u202fг."),
        (date(2026, 10, 18), date(2026, 10, 24), "de", "18.–24. Oktober 2026"),
    ],
    ids=[
        "one-month",
        "two-months",
        "two-years",
        "persian-across-months",
        "persian-one-month",
        "chinese",
        "chinese-two-months",
        "russian",
        "german",
    ],
)
def test_date_ranges(first: date, last: date, lang: str, expected: str) -> None:
    assert format_date_range(first, last, lang) == expected


def test_times_and_digits() -> None:
    zone = ZoneInfo("Asia/Tehran")
    start = datetime(2026, 10, 21, 22, 30, tzinfo=zone)
    end = datetime(2026, 10, 22, 0, 15, tzinfo=zone)
    assert format_time_range(start, end, "en") == "22:30–00:15"
    assert format_time_range(start, end, "fa") == "۲۲:۳۰–۰۰:۱۵"
    assert format_time_range(start, end, "ar") == "22:30–00:15"
    assert format_time_range(start, end, "ar-EG") == "٢٢:٣٠–٠٠:١٥"
    assert digits("12", "fa-IR") == "۱۲"
    assert ascii_digits("۱۲ و ٣٤") == "12 و 34"


def test_shorten_cuts_at_a_word_or_anywhere_without_spaces() -> None:
    assert shorten("short") == "short"
    assert shorten("word " * 80, 30) == "word word word word word word…"
    assert shorten("西" * 300, 10) == "西" * 10 + "…"


def test_strong_direction() -> None:
    assert strong_direction("(2026) Isfahan") == "ltr"
    assert strong_direction("«اصفهان» 2026") == "rtl"
    assert strong_direction("שלום") == "rtl"
    assert strong_direction("12:00 – 13:00") is None
