"""Dates, times, kinds and numbers as a reader of one language expects them (pure Python).

The one place for this vocabulary: the web pages, the calendar feeds and the printed booklet
and itineraries all format through it. Persian dates its days in the Solar Hijri calendar,
with the Gregorian date beside a day's heading, on paper and on the web alike.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from festival.i18n import translate

KIND_LABELS = {
    "exhibition": "Exhibition",
    "handicraft_showcase": "Handicraft showcase",
    "screening": "Screening",
    "delegation_visit": "Delegation visit",
    "workshop": "Workshop",
    "performance": "Performance",
    "ceremony": "Ceremony",
    "reception": "Reception",
    "talk": "Talk",
    "other": "Other",
}
STATUS_LABELS = {"confirmed": "Confirmed", "tentative": "Tentative", "cancelled": "Cancelled"}
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
LANGUAGE_NAMES = {
    "en": "English",
    "fa": "فارسی",
    "zh": "中文",
    "ru": "Русский",
    "pl": "Polski",
    "de": "Deutsch",
    "ms": "Bahasa Melayu",
    "hy": "Հայերեն",
    "ca": "Català",
    "it": "Italiano",
    "es": "Español",
    "fr": "Français",
    "ar": "العربية",
    "ur": "اردو",
    "ro": "Română",
    "uz": "Oʻzbekcha",
    "nl": "Nederlands",
    "tr": "Türkçe",
}
_DIGITS = {
    "fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
}
_BACK_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def primary(lang: str | None) -> str:
    """The primary subtag of a language tag (``en`` when none): ``fa-IR`` -> ``fa``."""
    return (lang or "en").split("-")[0].lower()


def digits(text: str, lang: str | None) -> str:
    """``text`` with its ASCII digits in the script's own digits (Persian, Arabic-Indic)."""
    table = _DIGITS.get(primary(lang))
    return text.translate(table) if table else text


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits back to ASCII (for reading numbers off a page)."""
    return text.translate(_BACK_TO_ASCII)


def format_number(value: object, lang: str | None) -> str:
    return digits(str(value), lang)


def kind_label(kind: str, lang: str | None) -> str:
    return translate(lang, KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def status_label(status: str, lang: str | None) -> str:
    return translate(lang, STATUS_LABELS.get(status, status))


def language_name(lang: str) -> str:
    """A language's own name for itself (the tag when unknown)."""
    return LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES.get(primary(lang), lang))


def travel_label(transport: str, reference: str, lang: str | None) -> str:
    """``Flight CZ6025``: how a delegation travels (the transport word translated)."""
    word = translate(lang, transport.capitalize()) if transport else ""
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


def _parts(day: date, lang: str | None, *, gregorian: bool = False) -> dict[str, str]:
    """The words of a date in ``lang`` (ASCII digits): in its own calendar unless ``gregorian``."""
    if solar_hijri(lang) and not gregorian:
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


def _written(pattern: str, lang: str | None, parts: dict[str, str]) -> str:
    """``pattern`` in the language's own word order (the catalogs translate the patterns)."""
    return digits(translate(lang, pattern).format(**parts), lang)


# Days and dates in each language's own word order: the printed pages, and Persian web pages.


def format_day_heading(day: date, lang: str | None) -> str:
    """The heading of a festival day: ``Sunday 18 October``, ``10月18日 星期日``;
    Persian: the Solar Hijri date, ``یکشنبه ۲۶ مهر``."""
    text = _written("{weekday} {day} {month}", lang, _parts(day, lang))
    return text[:1].upper() + text[1:]


def format_day_short(day: date, lang: str | None) -> str:
    """A day inside a festival week: ``Sun 18``."""
    return _written("{weekday_short} {day}", lang, _parts(day, lang))


def format_date(day: date, lang: str | None, *, gregorian: bool = False) -> str:
    """A full date: ``18 October 2026`` (Persian: Solar Hijri unless ``gregorian``)."""
    return _written("{day} {month} {year}", lang, _parts(day, lang, gregorian=gregorian))


def format_gregorian_aside(day: date, lang: str | None) -> str:
    """The civil date beside a Solar Hijri day heading (``۱۸ اکتبر ۲۰۲۶``); empty for
    languages that date days in the Gregorian calendar anyway."""
    if not solar_hijri(lang):
        return ""
    return format_date(day, lang, gregorian=True)


def format_date_range(first: date, last: date, lang: str | None) -> str:
    """``18–24 October 2026`` (one month), else both dates in full."""
    if first == last:
        return format_date(first, lang)
    a, b = _parts(first, lang), _parts(last, lang)
    if a["month"] == b["month"] and a["year"] == b["year"]:
        return _written("{day}–{last_day} {month} {year}", lang, {**a, "last_day": b["day"]})
    if a["year"] == b["year"]:
        return f"{_written('{day} {month}', lang, a)} – {format_date(last, lang)}"
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


# Days and dates on the web pages: weekday, day and month in that order whatever the language;
# Persian pages write them as the booklet does.


def format_day(day: date, lang: str | None, *, year: bool = False) -> str:
    """``Sunday 18 October`` (``… 2026`` with ``year``: day headings, a session's date).

    Persian: the booklet's day heading (``یکشنبه ۲۶ مهر``); with ``year``, the Gregorian date
    beside it as the booklet prints it (``یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)``).
    """
    if solar_hijri(lang):
        heading = format_day_heading(day, lang)
        return f"{heading} ({format_gregorian_aside(day, lang)})" if year else heading
    parts = _parts(day, lang)
    text = f"{parts['weekday']} {parts['day']} {parts['month']}"
    if year:
        text += f" {parts['year']}"
    return digits(text, lang)


def format_date_span(first: date, last: date, lang: str | None) -> str:
    """``18 October – 24 October 2026`` (the year once when both ends share it).

    Persian: as the booklet writes a festival's dates (``format_date_range``).
    """
    if solar_hijri(lang):
        return format_date_range(first, last, lang)
    a, b = _parts(first, lang), _parts(last, lang)
    start = f"{a['day']} {a['month']}"
    if a["year"] != b["year"]:
        start += f" {a['year']}"
    return digits(f"{start} – {b['day']} {b['month']} {b['year']}", lang)


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
        text += f" ({translate(lang, 'next day')})"
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
