"""Dates, times, kinds, numbers and lists as a reader of one language expects them.

The one place for this vocabulary: the web pages, the calendar feeds and the printed booklet
and itineraries all format through it. Word order, month and weekday names and list
patterns are CLDR's (through Babel); what Babel does not give is here: Persian dates its
days in the Solar Hijri calendar (with the Gregorian date beside a day's heading), and
Persian and Arabic-script locales write their own digits. Times are the festival's 24-hour
clock everywhere.

Pure Python (Babel only).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import match_skeleton, tokenize_pattern, untokenize_pattern
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from festival.i18n import messages
from festival.i18n.languages import format_locale, language_name, primary

__all__ = ["language_name", "primary"]

# The Solar Hijri months: Persian dates its days the way Iran reads a calendar.
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
# CLDR's numbering systems whose digits are not ASCII, as the locales' default ones use them.
_DIGITS = {
    "arabext": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),  # Persian (fa, also ur-IN, ps)
    "arab": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),  # Arabic-Indic (ar-EG, ar-SA)
}
_BACK_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@lru_cache(maxsize=512)
def numbering_system(lang: str | None) -> str:
    """CLDR's default numbering system for ``lang``: ``latn``, ``arabext``, ``arab``..."""
    return str(format_locale(lang).default_numbering_system or "latn")


def digits(text: str, lang: str | None) -> str:
    """``text`` with its ASCII digits in the language's own digits (Persian, Arabic-Indic)."""
    table = _DIGITS.get(numbering_system(lang))
    return text.translate(table) if table else text


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits back to ASCII (for reading numbers off a page)."""
    return text.translate(_BACK_TO_ASCII)


def format_number(value: object, lang: str | None) -> str:
    """A count as the language writes it (``1,234``, ``۱٬۲۳۴``); other values as text, in
    the language's digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return digits(format_decimal(value, locale=format_locale(lang)), lang)
    return digits(str(value), lang)


def format_list(items: list[str], lang: str | None) -> str:
    """``Xi'an, Kraków and Yerevan``: a list as the language joins one (CLDR)."""
    from babel.lists import format_list as _babel_list

    return _babel_list(list(items), locale=format_locale(lang)) if items else ""


def language_list(codes: Iterable[str], lang: str | None) -> str:
    """``Persian, Chinese and English``: languages as a reader of ``lang`` names them."""
    code = messages(lang).code
    return format_list([language_name(c, code) for c in codes], lang)


def format_list_markup(items: list[Markup], lang: str | None) -> Markup:
    """``format_list`` of HTML fragments (links): the pattern's own text is escaped."""
    if not items:
        return Markup("")
    patterns = format_locale(lang).list_patterns["standard"]
    if len(items) == 1:
        return Markup(items[0])
    if len(items) == 2:
        return _fill(patterns["2"], items[0], items[1])
    result = _fill(patterns["end"], items[-2], items[-1])
    for item in reversed(items[1:-2]):
        result = _fill(patterns["middle"], item, result)
    return _fill(patterns["start"], items[0], result)


def _fill(pattern: str, first: Markup, second: Markup) -> Markup:
    before, _, rest = pattern.partition("{0}")
    middle, _, after = rest.partition("{1}")
    return escape(before) + first + escape(middle) + second + escape(after)


# Labels of the vocabularies the data file fixes (kinds, statuses, ways to travel)


def _kinds(lang: str | None) -> dict[str, str]:
    m = messages(lang)
    return {
        "exhibition": m.pgettext("event kind", "Exhibition"),
        "handicraft_showcase": m.pgettext("event kind", "Handicraft showcase"),
        "screening": m.pgettext("event kind", "Screening"),
        "delegation_visit": m.pgettext("event kind", "Delegation visit"),
        "workshop": m.pgettext("event kind", "Workshop"),
        "performance": m.pgettext("event kind", "Performance"),
        "ceremony": m.pgettext("event kind", "Ceremony"),
        "reception": m.pgettext("event kind", "Reception"),
        "talk": m.pgettext("event kind", "Talk"),
        "other": m.pgettext("event kind", "Other"),
    }


KINDS = tuple(_kinds(None))


@lru_cache(maxsize=512)
def kind_labels(lang: str | None) -> dict[str, str]:
    """Every event kind's label in ``lang``, in the data file's order of kinds."""
    return _kinds(messages(lang).code)


def kind_label(kind: str, lang: str | None) -> str:
    found = kind_labels(messages(lang).code).get(kind)
    return found if found is not None else kind.replace("_", " ").capitalize()


def status_label(status: str, lang: str | None) -> str:
    m = messages(lang)
    labels = {
        "confirmed": m.pgettext("session status", "Confirmed"),
        "tentative": m.pgettext("session status", "Tentative"),
        "cancelled": m.pgettext("session status", "Cancelled"),
    }
    return labels.get(status, status)


def transport_label(transport: str, lang: str | None) -> str:
    """How a delegation travels (``flight`` -> ``Flight``); other words as written."""
    m = messages(lang)
    labels = {
        "flight": m.pgettext("way to travel", "Flight"),
        "train": m.pgettext("way to travel", "Train"),
        "bus": m.pgettext("way to travel", "Bus"),
        "car": m.pgettext("way to travel", "Car"),
    }
    return labels.get(transport.lower(), transport.capitalize())


def travel_label(transport: str, reference: str, lang: str | None) -> str:
    """``Flight CZ6025``: how a delegation travels (the transport word translated)."""
    word = transport_label(transport, lang) if transport else ""
    return " ".join(part for part in (word, reference) if part)


# Calendars


def solar_hijri(lang: str | None) -> bool:
    """Whether ``lang`` dates days in the Solar Hijri calendar (Persian does)."""
    return primary(lang) == "fa"


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


def _jalali(day: date, lang: str | None) -> tuple[str, str, str, str]:
    """(weekday, day, month, year) of a Solar Hijri date, in Persian words, ASCII digits."""
    year, month, number = to_jalali(day)
    weekday = format_locale(lang).days["format"]["wide"][day.weekday()]
    return weekday, str(number), JALALI_MONTHS[month - 1], str(year)


# CLDR patterns, their fields widened as a skeleton asks (Babel picks the nearest pattern,
# often an abbreviated one, and does not widen it: "Sun, 18 October" for "EEEEd MMMM")


@lru_cache(maxsize=512)
def _pattern(locale: Locale, skeleton: str) -> str:
    options = locale.datetime_skeletons
    found = match_skeleton(skeleton, options) or skeleton
    return _widen(str(options[found].pattern) if found in options else found, skeleton)


def _widen(pattern: str, skeleton: str, *, months: bool = True) -> str:
    """``pattern`` with abbreviated weekdays (and months, with ``months``) written in full
    where ``skeleton`` asks for them in full (``EEEE``, ``MMMM``)."""
    weekdays = "EEEE" in skeleton
    months = months and "MMMM" in skeleton
    tokens: list[tuple[str, Any]] = []
    for kind, value in tokenize_pattern(pattern):
        if kind == "field":
            letter, count = cast("tuple[str, int]", value)
            weekday = letter == "E" and count < 4 or letter in "ce" and count == 3
            month = letter in "ML" and count == 3
            if weekdays and weekday or months and month:
                value = (letter, 4)
        tokens.append((kind, value))
    return untokenize_pattern(tokens)


def _spelt_months(locale: Locale) -> bool:
    """Whether the locale's long dates spell the month out (``18 October``, not ``10月18日``)."""
    return any(
        kind == "field" and value[0] in "ML" and value[1] == 4
        for kind, value in tokenize_pattern(_pattern(locale, "yMMMMd"))
    )


def _cldr(day: date, lang: str | None, skeleton: str) -> str:
    locale = format_locale(lang)
    return digits(_babel_date(day, _pattern(locale, skeleton), locale=locale), lang)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Days and dates: the printed pages and the web pages write them alike.


def format_day_heading(day: date, lang: str | None) -> str:
    """The heading of a festival day: ``Sunday 18 October``, ``10月18日星期日``;
    Persian: the Solar Hijri date, ``یکشنبه ۲۶ مهر``."""
    if solar_hijri(lang):
        weekday, number, month, _ = _jalali(day, lang)
        return digits(f"{weekday} {number} {month}", lang)
    return _capitalised(_cldr(day, lang, "MMMMEEEEd"))


def format_day_short(day: date, lang: str | None) -> str:
    """A day inside a festival week: ``Sun 18``."""
    if solar_hijri(lang):
        weekday, number, _, _ = _jalali(day, lang)
        return digits(f"{weekday} {number}", lang)
    return _cldr(day, lang, "Ed")


def format_date(day: date, lang: str | None, *, gregorian: bool = False) -> str:
    """A full date: ``18 October 2026`` (Persian: Solar Hijri unless ``gregorian``)."""
    if solar_hijri(lang) and not gregorian:
        _, number, month, year = _jalali(day, lang)
        return digits(f"{number} {month} {year}", lang)
    return _cldr(day, lang, "yMMMMd")


def format_gregorian_aside(day: date, lang: str | None) -> str:
    """The civil date beside a Solar Hijri day heading (``۱۸ اکتبر ۲۰۲۶``); empty for
    languages that date days in the Gregorian calendar anyway."""
    if not solar_hijri(lang):
        return ""
    return format_date(day, lang, gregorian=True)


def format_date_range(first: date, last: date, lang: str | None) -> str:
    """``18–24 October 2026`` (CLDR's interval formats); Persian in the Solar Hijri
    calendar (``۲۶ مهر – ۲ آبان ۱۴۰۵``)."""
    if first == last:
        return format_date(first, lang)
    if solar_hijri(lang):
        _, d1, m1, y1 = _jalali(first, lang)
        _, d2, m2, y2 = _jalali(last, lang)
        if (m1, y1) == (m2, y2):
            text = f"{d1} تا {d2} {m1} {y1}"
        elif y1 == y2:
            text = f"{d1} {m1} – {d2} {m2} {y2}"
        else:
            text = f"{d1} {m1} {y1} – {d2} {m2} {y2}"
        return digits(text, lang)
    locale = format_locale(lang)
    formats = locale.interval_formats
    skeleton = match_skeleton("yMMMMd", formats)
    field = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    parts = formats.get(skeleton, {}).get(field) if skeleton else None
    if not parts:
        fallback = str(formats.get(None, "{0} – {1}"))
        return fallback.format(format_date(first, lang), format_date(last, lang))
    spelt = _spelt_months(locale)
    start, end = (_widen(str(part), "yMMMMd", months=spelt) for part in parts[:2])
    return digits(
        _babel_date(first, start, locale=locale) + _babel_date(last, end, locale=locale), lang
    )


def format_day(day: date, lang: str | None, *, year: bool = False) -> str:
    """A day on a web page: its heading (``Sunday 18 October``); with ``year``, as a day's
    own heading shows it (``Sunday, 18 October 2026``).

    Persian: the booklet's day heading (``یکشنبه ۲۶ مهر``); with ``year``, the Gregorian date
    beside it as the booklet prints it (``یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)``).
    """
    if solar_hijri(lang):
        heading = format_day_heading(day, lang)
        return f"{heading} ({format_gregorian_aside(day, lang)})" if year else heading
    if not year:
        return format_day_heading(day, lang)
    return _capitalised(_cldr(day, lang, "yMMMMEEEEd"))


# Times


def format_time(local: datetime, lang: str | None) -> str:
    """``10:00``: the 24-hour wall-clock time of an aware local datetime."""
    return digits(f"{local.hour:02d}:{local.minute:02d}", lang)


def format_time_range(start: datetime, end: datetime, lang: str | None) -> str:
    """``10:00–12:00``, the wall-clock times alone."""
    return f"{format_time(start, lang)}–{format_time(end, lang)}"


def format_range(start: datetime, end: datetime, lang: str | None) -> str:
    """``10:00–12:00``; an end on a later local date says so (``22:00–01:30 (next day)``)."""
    text = format_time_range(start, end, lang)
    days = (end.date() - start.date()).days
    if days == 1:
        text += f" ({messages(lang).gettext('next day')})"
    elif days > 1:
        text += f" ({format_day(end.date(), lang)})"
    return text


def zone_label(local: datetime) -> str:
    """The short name of the zone at that moment: ``CEST``, else ``UTC+03:30``."""
    name = local.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = local.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


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


def place_language(country: str | None) -> str:
    """The language tag for a place's own name, from its country ('' if unknown)."""
    return COUNTRY_LANGUAGE.get((country or "").upper(), "")


def place_name(name: str, local_name: str, country: str | None, lang: str | None) -> str:
    """The name a reader of ``lang`` knows a place by: its own-script name when the page is
    in the place's own language (an Isfahan venue on a Persian page), else its name."""
    own = place_language(country)
    if local_name and own and lang and primary(own) == primary(lang):
        return local_name
    return name
