"""Rendering public and delegation pages in one language: page text, dates and times."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import render_template

from festival.i18n import formatting as f
from festival.i18n import translate
from festival.queries.itinerary import Movement
from festival.queries.places import known_name
from festival.views.published import PageLanguage


class Formatter:
    """What templates call to write dates, times and labels in the page's language."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang

    def day(self, day: date, year: bool = False) -> str:
        """A day; with ``year``, as day headings show it (Persian: with the Gregorian date)."""
        return f.format_day(day, self.lang, year=year)

    def dates(self, first: date, last: date) -> str:
        return f.format_date_span(first, last, self.lang)

    def time(self, local: datetime) -> str:
        return f.format_time(local, self.lang)

    def range(self, start: datetime, end: datetime) -> str:
        return f.format_range(start, end, self.lang)

    def zone(self, local: datetime) -> str:
        return f.zone_label(local)

    def kind(self, kind: str) -> str:
        return f.kind_label(kind, self.lang)

    def status(self, status: str) -> str:
        return f.status_label(status, self.lang)

    def language(self, code: str) -> str:
        return f.language_name(code)

    def travel(self, move: Movement) -> str:
        return f.travel_label(move.transport, move.reference, self.lang)

    def place(self, name: str, local_name: str, country: str | None) -> str:
        return known_name(name, local_name, country, self.lang)

    def number(self, value: object) -> str:
        return f.format_number(value, self.lang)


def render_page(template: str, language: PageLanguage, **context: Any) -> str:
    """``template`` with ``t`` (page text), ``fmt``, ``language``, ``page_lang``, ``page_dir``."""

    def t(text: str, **values: Any) -> str:
        translated = translate(language.lang, text)
        return translated.format(**values) if values else translated

    return render_template(
        template,
        t=t,
        fmt=Formatter(language.lang),
        language=language,
        page_lang=language.code,
        page_dir=language.direction,
        skip_label=t("Skip to content"),
        **context,
    )
