"""Dates, times, digits and short texts as a printed page in each language shows them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from festival.i18n import translate

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The Solar Hijri months: Persian booklets date their days the way Iran reads a calendar.
JALALI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

_DIGITS = {
    "fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
}
# What the CSS counters call the same digits (page numbers, contents).
COUNTER_STYLES = {"fa": "persian", "ar": "arabic-indic"}
_BACK_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# The language a place's own name is written in, by ISO country: picks the right CJK face
# and the direction of the name. Countries not listed: the name is tagged with no language.
COUNTRY_LANGUAGE = {
    "CN": "zh",
    "TW": "zh-Hant",
    "HK": "zh-Hant",
    "JP": "ja",
    "KR": "ko",
    "RU": "ru",
    "UA": "uk",
    "BY": "be",
    "BG": "bg",
    "RS": "sr",
    "KZ": "kk",
    "IR": "fa",
    "AF": "fa",
    "TJ": "tg",
    "SA": "ar",
    "EG": "ar",
    "IQ": "ar",
    "SY": "ar",
    "JO": "ar",
    "LB": "ar",
    "AE": "ar",
    "QA": "ar",
    "OM": "ar",
    "KW": "ar",
    "MA": "ar",
    "TN": "ar",
    "DZ": "ar",
    "IL": "he",
    "AM": "hy",
    "GE": "ka",
    "GR": "el",
    "TH": "th",
    "IN": "hi",
    "PK": "ur",
    "PL": "pl",
    "DE": "de",
    "AT": "de",
    "FR": "fr",
    "IT": "it",
    "ES": "es",
    "PT": "pt",
    "TR": "tr",
    "MY": "ms",
    "ID": "id",
    "VN": "vi",
    "AZ": "az",
    "UZ": "uz",
}


def primary(lang: str | None) -> str:
    return (lang or "en").split("-")[0].lower()


def digits(text: str, lang: str | None) -> str:
    """``text`` with its ASCII digits in the script's own digits (Persian, Arabic-Indic)."""
    table = _DIGITS.get(primary(lang))
    return text.translate(table) if table else text


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits back to ASCII (for reading numbers off a page)."""
    return text.translate(_BACK_TO_ASCII)


def counter_style(lang: str | None) -> str:
    return COUNTER_STYLES.get(primary(lang), "decimal")


def to_jalali(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian date (arithmetic 33-year cycle)."""
    gy, gm, gd = day.year, day.month, day.day
    before = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    gy2 = gy + 1 if gm > 2 else gy
    days = (
        355666
        + 365 * gy
        + (gy2 + 3) // 4
        - (gy2 + 99) // 100
        + (gy2 + 399) // 400
        + gd
        + before[gm - 1]
    )
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def _parts(day: date, lang: str | None, *, gregorian: bool = False) -> dict[str, str]:
    if primary(lang) == "fa" and not gregorian:
        year, month, number = to_jalali(day)
        month_name = JALALI_MONTHS[month - 1]
    else:
        year, month, number = day.year, day.month, day.day
        month_name = translate(lang, MONTHS[month - 1])
    return {
        "weekday": translate(lang, WEEKDAYS[day.weekday()]),
        "weekday_short": translate(lang, WEEKDAYS_SHORT[day.weekday()]),
        "day": str(number),
        "month": month_name,
        "year": str(year),
    }


def format_day(day: date, lang: str | None) -> str:
    """The heading of a festival day: ``Sunday 18 October`` (Persian: the Solar Hijri date)."""
    text = translate(lang, "{weekday} {day} {month}").format(**_parts(day, lang))
    return digits(text[:1].upper() + text[1:], lang)


def format_day_short(day: date, lang: str | None) -> str:
    """A day inside a festival week: ``Sun 18``."""
    return digits(translate(lang, "{weekday_short} {day}").format(**_parts(day, lang)), lang)


def format_date(day: date, lang: str | None, *, gregorian: bool = False) -> str:
    """A full date: ``18 October 2026``."""
    parts = _parts(day, lang, gregorian=gregorian)
    return digits(translate(lang, "{day} {month} {year}").format(**parts), lang)


def format_gregorian_aside(day: date, lang: str | None) -> str:
    """The civil date beside a Persian (Solar Hijri) heading; empty for other languages."""
    if primary(lang) != "fa":
        return ""
    return format_date(day, lang, gregorian=True)


def format_date_range(first: date, last: date, lang: str | None) -> str:
    """``18–24 October 2026`` (one month), else both dates in full."""
    if first == last:
        return format_date(first, lang)
    a, b = _parts(first, lang), _parts(last, lang)
    if a["month"] == b["month"] and a["year"] == b["year"]:
        pattern = translate(lang, "{day}–{last_day} {month} {year}")
        return digits(pattern.format(last_day=b["day"], **a), lang)
    if a["year"] == b["year"]:
        start = digits(translate(lang, "{day} {month}").format(**a), lang)
        return f"{start} – {format_date(last, lang)}"
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def format_clock(moment: datetime, lang: str | None) -> str:
    """24-hour wall clock of an aware local time: ``09:30``."""
    return digits(f"{moment.hour:02d}:{moment.minute:02d}", lang)


def format_time_range(start: datetime, end: datetime, lang: str | None) -> str:
    return f"{format_clock(start, lang)}–{format_clock(end, lang)}"


def format_number(value: int, lang: str | None) -> str:
    return digits(str(value), lang)


def shorten(text: str, limit: int = 260) -> str:
    """At most about ``limit`` characters, cut at a word (or anywhere in scripts without
    spaces), with an ellipsis when something was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-،") + "…"


def place_language(country: str | None) -> str:
    """The language tag for a place's own name, from its country ('' if unknown)."""
    return COUNTRY_LANGUAGE.get((country or "").upper(), "")


def strong_direction(text: str) -> str | None:
    """``ltr``/``rtl`` from the first strongly directional character, ``None`` if none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
