"""Dates, times, kinds and numbers as a reader of one language expects them (pure Python)."""

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


def _primary(lang: str | None) -> str:
    return (lang or "en").split("-")[0].lower()


def digits(text: str, lang: str | None) -> str:
    """``text`` with its digits in the script ``lang`` writes numbers in (Persian, Arabic)."""
    table = _DIGITS.get(_primary(lang))
    return text.translate(table) if table else text


def kind_label(kind: str, lang: str | None) -> str:
    return translate(lang, KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()))


def status_label(status: str, lang: str | None) -> str:
    return translate(lang, STATUS_LABELS.get(status, status))


def language_name(lang: str) -> str:
    """A language's own name for itself (the tag when unknown)."""
    return LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES.get(_primary(lang), lang))


def format_day(day: date, lang: str | None, *, year: bool = False) -> str:
    """``Sunday 18 October`` (``… 2026`` with ``year``), in ``lang``."""
    text = (
        f"{translate(lang, WEEKDAYS[day.weekday()])} {day.day} "
        f"{translate(lang, MONTHS[day.month - 1])}"
    )
    if year:
        text += f" {day.year}"
    return digits(text, lang)


def format_date_range(first: date, last: date, lang: str | None) -> str:
    """``18 October – 24 October 2026`` (the year once when both ends share it)."""
    start = f"{first.day} {translate(lang, MONTHS[first.month - 1])}"
    if first.year != last.year:
        start += f" {first.year}"
    end = f"{last.day} {translate(lang, MONTHS[last.month - 1])} {last.year}"
    return digits(f"{start} – {end}", lang)


def format_time(local: datetime, lang: str | None) -> str:
    """``10:00``: the wall-clock time of an aware local datetime."""
    return digits(f"{local.hour:02d}:{local.minute:02d}", lang)


def zone_label(local: datetime) -> str:
    """The short name of the zone at that moment: ``CEST``, else ``UTC+03:30``."""
    name = local.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = local.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_range(start: datetime, end: datetime, lang: str | None) -> str:
    """``10:00–12:00``; an end on a later local date says so (``22:00–01:30 (next day)``)."""
    text = f"{format_time(start, lang)}–{format_time(end, lang)}"
    days = (end.date() - start.date()).days
    if days == 1:
        text += f" ({translate(lang, 'next day')})"
    elif days > 1:
        text += f" ({format_day(end.date(), lang)})"
    return text


def travel_label(transport: str, reference: str, lang: str | None) -> str:
    """``Flight CZ6025``: how a delegation travels (the transport word translated)."""
    word = translate(lang, transport.capitalize()) if transport else ""
    return " ".join(part for part in (word, reference) if part)
