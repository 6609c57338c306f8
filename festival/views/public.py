"""Public pages: the festivals, a festival's programme day by day (with filters that match the
feed's), a session, a venue and a partner city. Only public events' confirmed sessions show
(a session page also shows a cancelled session as cancelled: the feed links to it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, abort, request, url_for

from festival.i18n import translated
from festival.i18n.formatting import kind_label
from festival.i18n.languages import SOURCE_LANGUAGE
from festival.i18n.web import accepted_catalog, gettext, request_language, use_language
from festival.queries.editions import Edition, festivals_listed
from festival.queries.filters import ProgrammeFilter
from festival.queries.programme import (
    PUBLIC,
    PUBLIC_FEED,
    Programme,
    ProgrammeSession,
    festival_day,
)
from festival.subscribe import add_event_links, subscribe_links
from festival.urls import ExternalLinks, page_url
from festival.views import published
from festival.views.feeds import parse_filters
from festival.views.lookup import can_see_unpublished, public_festival_or_404
from festival.views.published import PageLanguage
from festival.views.rendering import render_page

bp = Blueprint("public", __name__)


@dataclass(frozen=True)
class Option:
    """One filter choice: a plain link that switches it on or off."""

    value: str
    label: str
    active: bool
    url: str


class Links:
    """URLs of one festival's public pages, keeping the page's language."""

    def __init__(self, slug: str, language: PageLanguage) -> None:
        self.slug = slug
        self.language = language

    def _url(self, endpoint: str, **params: Any) -> str:
        return page_url(endpoint, slug=self.slug, **params, lang=self.language.link)

    def programme(self, day: date | None = None, filters: ProgrammeFilter | None = None) -> str:
        filters = filters or ProgrammeFilter()
        return self._url(
            "public.programme",
            day=day.isoformat() if day else None,
            kind=list(filters.kinds),
            venue=list(filters.venues),
            city=list(filters.cities),
        )

    def session(self, key: str) -> str:
        return self._url("public.session", key=key)

    def session_feed(self, key: str) -> str:
        return self._url("feeds.session_feed", key=key)

    def venue(self, key: str) -> str:
        return self._url("public.venue", key=key)

    def city(self, key: str) -> str:
        return self._url("public.city", key=key)

    def language_choice(self, endpoint: str, code: str, **params: Any) -> str:
        """The same page in ``code`` (no ``lang`` for the default language)."""
        default = self.language.available[0] if self.language.available else None
        return page_url(endpoint, slug=self.slug, **params, lang=None if code == default else code)


def _language(edition: Edition) -> PageLanguage:
    """The page's language (``?lang=``, else the festival's first); the request speaks it."""
    language = published.public_language(edition, request.args.get("lang"), accepted_catalog())
    use_language(language.lang)
    return language


def _today(zone: Any) -> date:
    return festival_day(datetime.now(UTC).astimezone(zone))


def _chosen_day(prog: Programme) -> date:
    """``?day=YYYY-MM-DD`` (404 if the festival has no such day); by default today while the
    festival is on, else its first day."""
    days = prog.days()
    raw = request.args.get("day")
    if raw:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            abort(404)
        if day not in days:
            abort(404)
        return day
    today = _today(prog.zone)
    if today in days:
        return today
    return prog.starts_on if prog.starts_on in days else days[0]


def _options(
    prog: Programme, filters: ProgrammeFilter, links: Links, day: date, lang: str | None
) -> dict[str, list[Option]]:
    used_venues = {s.venue.key for s in prog.sessions}
    used_cities = {c.key for s in prog.sessions for c in s.partner_cities}
    choices = {
        "kind": [(k, kind_label(k, lang)) for k in prog.kinds],
        "venue": sorted(
            ((v.key, v.name) for v in prog.venues if v.key in used_venues), key=lambda pair: pair[1]
        ),
        "city": [(c.key, c.name) for c in prog.partner_cities if c.key in used_cities],
    }
    options: dict[str, list[Option]] = {}
    for dimension, pairs in choices.items():
        known = {value for value, _ in pairs}
        active = filters.values(dimension)
        pairs = pairs + [(value, value) for value in active if value not in known]
        options[dimension] = [
            Option(
                value,
                label,
                value in active,
                links.programme(day, filters.toggled(dimension, value)),
            )
            for value, label in pairs
        ]
    return options


@dataclass(frozen=True)
class Listed:
    """A festival in the list, named in the page's language."""

    url: str
    name: str
    host_city: str
    starts_on: date
    ends_on: date
    published: bool


@bp.get("/")
def index() -> str:
    """The festivals, in the language of ``?lang=`` or the visitor's Accept-Language."""
    lang = request_language()
    link = lang if request.args.get("lang") and lang != SOURCE_LANGUAGE else None
    listed = []
    for f in festivals_listed(can_see_unpublished()):
        source = (f.languages or [SOURCE_LANGUAGE])[0]
        listed.append(
            Listed(
                url=url_for("public.programme", slug=f.slug, lang=link),
                name=translated(f.translations, f.name, "name", lang, source),
                host_city=translated(f.translations, f.host_city, "host_city", lang, source),
                starts_on=f.starts_on,
                ends_on=f.ends_on,
                published=f.published,
            )
        )
    return render_page("public/index.html", PageLanguage(lang, link, ()), festivals=listed)


@bp.get("/f/<slug>/")
def programme(slug: str) -> str:
    edition = public_festival_or_404(slug)
    language = _language(edition)
    filters = parse_filters()
    prog = published.programme(edition, PUBLIC, language.lang)
    day = _chosen_day(prog)
    links = Links(slug, language)
    matching = filters.apply(prog.sessions)
    per_day = Counter(s.day for s in matching)
    feed = ExternalLinks(language.link).public_feed(slug, filters)
    return render_page(
        "public/programme.html",
        language,
        prog=prog,
        day=day,
        days=prog.days(),
        per_day=per_day,
        filters=filters,
        sessions=[s for s in matching if s.day == day],
        options=_options(prog, filters, links, day, language.lang),
        links=links,
        subscribe=subscribe_links(
            feed, prog.name, qr_title=gettext("QR code of the calendar address")
        ),
        clear_url=links.programme(day),
        feed_url=feed,
        switch=[
            (
                code,
                links.language_choice(
                    "public.programme",
                    code,
                    day=day.isoformat(),
                    kind=list(filters.kinds),
                    venue=list(filters.venues),
                    city=list(filters.cities),
                ),
            )
            for code in language.available
        ],
    )


def _others(
    edition: Edition, lang: str | None, session: ProgrammeSession
) -> list[ProgrammeSession]:
    listed = published.programme(edition, PUBLIC, lang)
    return [s for s in listed.sessions if s.event_key == session.event_key and s.key != session.key]


@bp.get("/f/<slug>/sessions/<key>")
def session(slug: str, key: str) -> str:
    edition = public_festival_or_404(slug)
    language = _language(edition)
    prog = published.programme(edition, PUBLIC_FEED, language.lang)
    found = prog.by_key(key)
    if found is None:
        abort(404)
    links = Links(slug, language)
    page = ExternalLinks(language.link).session(slug, key)
    add = add_event_links(
        ics_url=links.session_feed(key),
        title=found.title,
        starts_at=found.starts_at,
        ends_at=found.ends_at,
        location=f"{found.venue.name}, {found.venue.address}".rstrip(", "),
        details=page,
        tzid=prog.timezone,
    )
    return render_page(
        "public/session.html",
        language,
        prog=prog,
        s=found,
        links=links,
        add=add,
        others=_others(edition, language.lang, found),
        switch=[
            (code, links.language_choice("public.session", code, key=key))
            for code in language.available
        ],
    )


def _by_day(sessions: list[ProgrammeSession]) -> list[tuple[date, list[ProgrammeSession]]]:
    days: dict[date, list[ProgrammeSession]] = {}
    for s in sessions:
        days.setdefault(s.day, []).append(s)
    return list(days.items())


@bp.get("/f/<slug>/venues/<key>")
def venue(slug: str, key: str) -> str:
    edition = public_festival_or_404(slug)
    language = _language(edition)
    prog = published.programme(edition, PUBLIC, language.lang)
    sessions = [s for s in prog.sessions if s.venue.key == key]
    if not sessions:  # unknown, or used only for what the public does not see
        abort(404)
    links = Links(slug, language)
    return render_page(
        "public/venue.html",
        language,
        prog=prog,
        venue=sessions[0].venue,
        days=_by_day(sessions),
        links=links,
        programme_url=links.programme(filters=ProgrammeFilter(venues=(key,))),
        switch=[
            (code, links.language_choice("public.venue", code, key=key))
            for code in language.available
        ],
    )


@bp.get("/f/<slug>/cities/<key>")
def city(slug: str, key: str) -> str:
    edition = public_festival_or_404(slug)
    language = _language(edition)
    prog = published.programme(edition, PUBLIC, language.lang)
    found = next((c for c in prog.partner_cities if c.key == key), None)
    if found is None:
        abort(404)
    sessions = [s for s in prog.sessions if any(c.key == key for c in s.partner_cities)]
    links = Links(slug, language)
    return render_page(
        "public/city.html",
        language,
        prog=prog,
        city=found,
        days=_by_day(sessions),
        links=links,
        programme_url=links.programme(filters=ProgrammeFilter(cities=(key,))),
        switch=[
            (code, links.language_choice("public.city", code, key=key))
            for code in language.available
        ],
    )
