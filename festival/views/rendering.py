"""Rendering public and delegation pages in one language: page text, dates and times."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from flask import render_template
from markupsafe import Markup, escape

from festival.i18n import formatting as f
from festival.i18n import text_lang
from festival.i18n.languages import (
    formatting_language,
    language_name,
    primary,
    strong_direction,
    text_direction,
)
from festival.i18n.web import use_language
from festival.queries.itinerary import Movement
from festival.queries.places import CityInfo, known_name
from festival.views.published import PageLanguage


class Formatter:
    """What templates call to write dates, times, labels and content in the page's language.

    ``interface`` is the catalog the page speaks; dates and digits follow the language the
    visitor asked for when the page speaks it (``ar-EG``: Arabic-Indic digits), else the
    page's.
    """

    def __init__(self, lang: str | None, interface: str) -> None:
        self.lang = formatting_language(lang) if lang else interface
        self.interface = interface
        self._own = primary(interface)

    def day(self, day: date, year: bool = False) -> str:
        """A day; with ``year``, as day headings show it (Persian: with the Gregorian date)."""
        return f.format_day(day, self.lang, year=year)

    def dates(self, first: date, last: date) -> str:
        return f.format_date_range(first, last, self.lang)

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
        """A language as this page's reader calls it (``Persian`` on an English page)."""
        return language_name(code, self.interface)

    def own_language(self, code: str) -> str:
        """A language in its own name (``فارسی``): what a language menu lists."""
        return language_name(code)

    def languages(self, codes: Iterable[str]) -> str:
        return f.language_list(codes, self.lang)

    def direction_of(self, code: str) -> str:
        return text_direction(code)

    def travel(self, move: Movement) -> str:
        return f.travel_label(move.transport, move.reference, self.lang)

    def place(self, name: str, local_name: str, country: str | None) -> str:
        return known_name(name, local_name, country, self.lang)

    def number(self, value: object) -> str:
        return f.format_number(value, self.lang)

    # Content (titles, names, descriptions): isolated, and marked with its own language and
    # direction when it is not in the page's language (an untranslated original).

    def _foreign(self, text: str) -> str:
        lang = text_lang(text, "")
        if lang and primary(lang) != self._own:
            direction = strong_direction(text) or text_direction(lang)
            return f' lang="{escape(lang)}" dir="{direction}"'
        return ""

    def text_attrs(self, text: str) -> Markup:
        """`` lang="en" dir="ltr"`` for a text in another language than the page's (an
        untranslated original), else `` dir="auto"`` (its direction from its own letters)."""
        return Markup(self._foreign(text) or ' dir="auto"')

    def text(self, text: str) -> Markup:
        """``text`` isolated in a ``<bdi>``, with its language when not the page's."""
        return Markup(f"<bdi{self._foreign(text)}>{escape(text)}</bdi>")

    def isolated(self, text: str) -> Markup:
        return Markup(f"<bdi>{escape(text)}</bdi>")

    def city_links(
        self, cities: Iterable[CityInfo], url: Callable[[str], str], local_names: bool = False
    ) -> Markup:
        """Links to partner cities, listed as the language lists things (``A, B and C``);
        with ``local_names``, each with its own-script name beside it (``Xi'an (西安)``)."""
        items = []
        for city in cities:
            html = f'<a href="{escape(url(city.key))}"><bdi>{escape(city.name)}</bdi></a>'
            if local_names and city.local_name and city.local_name != city.name:
                html += f" (<bdi>{escape(city.local_name)}</bdi>)"
            items.append(Markup(html))
        return f.format_list_markup(items, self.lang)


def render_page(template: str, language: PageLanguage, **context: Any) -> str:
    """``template`` in ``language`` (the rest of the request speaks it too), with ``fmt``,
    ``language``, ``page_lang`` and ``page_dir``."""
    interface = use_language(language.lang)
    return render_template(
        template,
        fmt=Formatter(language.lang, interface),
        language=language,
        page_lang=interface,
        page_dir=text_direction(interface),
        **context,
    )
