"""The printed programme booklet and delegation itineraries: HTML templates through WeasyPrint."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from weasyprint import HTML

from festival.errors import InvalidOption
from festival.exports.imposition import impose_saddle
from festival.exports.print_fetcher import StaticOnlyFetcher
from festival.exports.print_itinerary import build_itinerary
from festival.exports.print_model import build_booklet, short_description
from festival.exports.print_text import counter_style, strong_direction
from festival.i18n import jinja as i18n_jinja
from festival.i18n import messages, shipped_languages, text_lang
from festival.i18n.formatting import (
    format_date,
    format_date_range,
    format_number,
    place_language,
    primary,
)
from festival.i18n.formatting import format_time as format_clock
from festival.i18n.languages import formatting_language
from festival.keys import LANGUAGE_RE as LANG_RE
from festival.models import Festival
from festival.paths import resource_dir
from festival.queries.itinerary import Itinerary
from festival.queries.places import reads_local_name
from festival.queries.programme import Programme, text_direction

PAPERS = ("a5", "a4")
IMPOSITIONS = ("saddle",)
# Part of every cache key: raise it when the templates or styles change what a PDF shows.
LAYOUT_VERSION = 1


class PrintOptionError(InvalidOption):
    """A paper size, imposition or language the booklet cannot be printed in."""


def check_options(paper: str, imposition: str | None) -> None:
    """Raise :class:`PrintOptionError` with a message naming the accepted values."""
    if paper not in PAPERS:
        raise PrintOptionError(f"paper must be one of {', '.join(PAPERS)} (got {paper[:20]!r})")
    if imposition is not None and imposition not in IMPOSITIONS:
        raise PrintOptionError(
            f"imposition must be {' or '.join(IMPOSITIONS)} (got {imposition[:20]!r})"
        )


def printable_languages(festival: Festival) -> list[str]:
    """Languages a booklet or itinerary prints in: the festival's (its first is the default),
    those any event is translated into, then those a catalog ships for."""
    found = list(festival.languages or ["en"])
    for event in festival.events:
        found.extend((event.translations or {}).keys())
    found.extend(shipped_languages())
    return list(dict.fromkeys(found))


def valid_language(lang: str, festival: Festival) -> bool:
    return bool(LANG_RE.match(lang)) and lang in printable_languages(festival)


def _dir_attr(text: str, around: str) -> str:
    """`` dir="…"`` when ``text`` runs against the surrounding direction, else nothing."""
    found = strong_direction(text)
    return f' dir="{found}"' if found and found != around else ""


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=jinja2.select_autoescape(["html"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = short_description
    env.filters["place_lang"] = place_language
    i18n_jinja.install(env)
    return env


def _render_html(template: str, interface: str, **context: Any) -> str:
    """``template`` with its text in the catalog of ``interface``."""
    with i18n_jinja.rendering_in(interface):
        return _environment().get_template(template).render(**context)


def _text_helpers(lang: str, direction: str) -> dict[str, Callable[..., Any]]:
    interface = messages(lang).code

    def bidi(text: str) -> Markup:
        """``text``, wrapped in a span of its own direction when it runs against the page (an
        inline span: WeasyPrint pushes a block of the other direction below a float), and of
        its own language when it is an original in another language than the page's."""
        text = text or ""
        own = text_lang(text, "")
        foreign = own if own and primary(own) != primary(interface) else ""
        if not foreign and not _dir_attr(text, direction):
            return Markup.escape(text)
        return _span("bidi", text, foreign, direction)

    def place(name: str, local_name: str, country: str | None) -> Markup:
        """A place's name and its own-script name; in the place's own language, the other way
        round. Each part is tagged with its language (for the font) and direction."""
        own = place_language(country)
        first, second, first_lang, second_lang = name, local_name, "", own
        if reads_local_name(local_name, country, lang):
            first, second, first_lang, second_lang = local_name, name, own, ""
        html = _span("place-name", first, first_lang, direction)
        if second and second != first:
            html += Markup(" ") + _span("local-name", second, second_lang, direction)
        return html

    def label(name: str, local_name: str, country: str | None) -> Markup:
        """Just the name a reader of ``lang`` knows the place by."""
        if reads_local_name(local_name, country, lang):
            return _span("place-name", local_name, place_language(country), direction)
        return _span("place-name", name, "", direction)

    return {
        "bidi": bidi,
        "place": place,
        "label": label,
        "num": partial(format_number, lang=lang),
        "clock": partial(format_clock, lang=lang),
        "date": partial(format_date, lang=lang),
    }


def _span(css_class: str, text: str, lang: str, around: str) -> Markup:
    lang_attr = Markup(' lang="{}"').format(lang) if lang else Markup("")
    return Markup('<span class="{}"{}{}>{}</span>').format(
        css_class, lang_attr, Markup(_dir_attr(text, around)), text
    )


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def html_to_pdf(
    html: str,
    *,
    identifier: str,
    static_root: Path | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """Render HTML to PDF with the locked-down fetcher (only static files and ``data:``).

    ``identifier`` seeds the PDF's /ID so the same input gives the same bytes.
    """
    fetcher = fetcher or StaticOnlyFetcher(static_root)
    document = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher)
    return document.write_pdf(
        pdf_identifier=hashlib.md5(identifier.encode(), usedforsecurity=False).digest()
    )


def booklet_html(programme: Programme, *, paper: str = "a5", lang: str | None = None) -> str:
    """The booklet as HTML (what WeasyPrint lays out); ``lang`` defaults to the programme's."""
    check_options(paper, None)
    lang = lang or programme.lang or (programme.languages[0] if programme.languages else "en")
    interface = messages(lang).code
    direction = text_direction(interface)
    lang = formatting_language(lang)
    booklet = build_booklet(programme, lang)
    helpers = _text_helpers(lang, direction)
    title = f"{programme.name} — {messages(lang).gettext('Programme')}"
    return _render_html(
        "print/booklet.html",
        interface,
        b=booklet,
        p=programme,
        lang=interface,
        dir=direction,
        paper=paper,
        numerals=counter_style(lang),
        title=title,
        dates=format_date_range(programme.starts_on, programme.ends_on, lang),
        as_of=format_date(programme.updated_at.astimezone(programme.zone).date(), lang),
        stamp=_stamp(programme.updated_at),
        host_lang=place_language(programme.country),
        text_lang=programme.languages[0] if programme.languages else "en",
        **helpers,
    )


def render_booklet(
    programme: Programme,
    *,
    paper: str = "a5",
    lang: str | None = None,
    imposition: str | None = None,
    static_root: Path | None = None,
) -> bytes:
    """The public programme booklet as PDF bytes.

    ``programme`` is ``festival_programme(festival, audience=PUBLIC, lang=lang)``: only
    public confirmed sessions, titles already translated. ``paper`` is ``a5`` (default) or
    ``a4``; ``imposition="saddle"`` returns print-ready sheets (two pages on a sheet twice the
    width, in saddle-stitch order, padded with blank pages to a multiple of four). Times
    print in the festival's zone; a day runs 04:00 to 04:00. Raises
    :class:`PrintOptionError` for an unknown paper or imposition.
    """
    check_options(paper, imposition)
    lang = lang or programme.lang or (programme.languages[0] if programme.languages else "en")
    html = booklet_html(programme, paper=paper, lang=lang)
    pdf = html_to_pdf(
        html,
        identifier=f"booklet:{programme.slug}:{programme.version}:{paper}:{lang}",
        static_root=static_root,
    )
    if imposition == "saddle":
        pdf = impose_saddle(pdf, rtl=text_direction(lang) == "rtl")
    return pdf


def itinerary_html(itinerary: Itinerary, *, paper: str = "a4") -> str:
    """The itinerary as HTML (what WeasyPrint lays out), in the itinerary's language."""
    check_options(paper, None)
    programme = itinerary.programme
    lang = itinerary.language or (programme.languages[0] if programme.languages else "en")
    interface = messages(lang).code
    direction = text_direction(interface)
    lang = formatting_language(lang)
    helpers = _text_helpers(lang, direction)
    view = build_itinerary(itinerary, lang)
    return _render_html(
        "print/itinerary.html",
        interface,
        it=itinerary,
        v=view,
        p=programme,
        lang=interface,
        dir=direction,
        paper=paper,
        numerals=counter_style(lang),
        title=f"{itinerary.name} — {messages(lang).gettext('Itinerary')}",
        dates=format_date_range(programme.starts_on, programme.ends_on, lang),
        stamp=_stamp(programme.updated_at),
        city_lang=place_language(itinerary.city.country),
        **helpers,
    )


def render_itinerary(
    itinerary: Itinerary, *, paper: str = "a4", static_root: Path | None = None
) -> bytes:
    """One delegation's week as PDF bytes, in the delegation's language where text exists.

    Arrival and departure, hotel, each day's sessions (private and tentative ones marked,
    cancelled ones struck through), transfers and interpreters, the host liaison. No
    member's diet, health, phone or e-mail: the link gets forwarded. Places print by the names
    a reader of the language knows them by.
    """
    html = itinerary_html(itinerary, paper=paper)
    programme = itinerary.programme
    return html_to_pdf(
        html,
        identifier=f"itinerary:{programme.slug}:{programme.version}:{itinerary.key}:{paper}",
        static_root=static_root,
    )


def booklet_filename(slug: str, *, paper: str, lang: str, imposition: str | None) -> str:
    parts = [slug, "programme", paper, lang]
    if imposition:
        parts.append(imposition)
    return "-".join(parts) + ".pdf"
