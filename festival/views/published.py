"""What the public and delegation views serve, cached per festival version (read models and
feed bytes): a warm request does one small query, then hits the cache."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import abort
from sqlalchemy import select

from festival.cache import outputs
from festival.exports import ical
from festival.exports.ical import Feed
from festival.extensions import db
from festival.i18n.languages import catalog_for, choose_language, text_direction
from festival.models import Delegation, Festival
from festival.queries.filters import ProgrammeFilter
from festival.queries.programme import (
    PUBLIC,
    PUBLIC_FEED,
    Itinerary,
    Programme,
    delegation_itinerary,
    festival_programme,
    load_programme_festival,
)


@dataclass(frozen=True)
class PageLanguage:
    """The language a page or feed is in, and what its links carry.

    ``lang`` picks titles, descriptions and page text (None: the originals, English text);
    ``link`` is the ``?lang=`` every link keeps (None for the default, so canonical URLs stay
    short); ``available`` are the languages offered in the switcher.
    """

    lang: str | None
    link: str | None
    available: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.lang or "en"

    @property
    def interface(self) -> str:
        """The catalog the page's own text is in (English when none ships for ``lang``)."""
        return catalog_for(self.lang)

    @property
    def direction(self) -> str:
        return text_direction(self.interface)


def _choose(
    requested: str | None,
    default: str | None,
    available: tuple[str, ...],
    accept_any: bool,
    preferred: str | None = None,
) -> PageLanguage:
    """``requested`` when it is offered, has a catalog, or (``accept_any``) is any tag; else
    the default. The switcher offers ``available``, the visitor's ``preferred`` catalog
    language, and the chosen one."""
    lang = choose_language(requested, default, available, any_tag=accept_any)
    offered = tuple(
        dict.fromkeys([*available, *([preferred] if preferred else []), *([lang] if lang else [])])
    )
    return PageLanguage(lang, lang if lang != default else None, offered)


@dataclass(frozen=True)
class Edition:
    """A festival at one version: what every cache key starts with.

    The id guards against a festival deleted and imported again under its slug (its version
    starts again at 1); the version changes with every change to the festival.
    """

    slug: str
    id: int
    version: int

    @classmethod
    def of(cls, slug: str, found: tuple[int, int]) -> Edition:
        return cls(slug, found[0], found[1])


# -- the public side ----------------------------------------------------------------------


def festival_languages(edition: Edition) -> tuple[str, ...]:
    key = ("languages", edition)
    found = outputs.get(key)
    if found is None:
        found = tuple(
            db.session.scalar(select(Festival.languages).where(Festival.id == edition.id)) or ()
        )
        outputs.put(key, found, 64)
    return found  # type: ignore[return-value]


def public_language(
    edition: Edition, requested: str | None, preferred: str | None = None
) -> PageLanguage:
    """One of the festival's languages (the first by default) or of the shipped catalogs;
    anything else is ignored. ``preferred`` (the visitor's Accept-Language match) joins the
    switcher."""
    available = festival_languages(edition)
    return _choose(requested, available[0] if available else None, available, False, preferred)


def programme(edition: Edition, audience: str, lang: str | None) -> Programme:
    """The festival's programme for ``audience`` in ``lang``, built once per version.

    The pages' ``PUBLIC`` programme is the feed's ``PUBLIC_FEED`` one without its cancelled
    sessions, so pages and feeds share one database load.
    """

    def build() -> Programme:
        if audience == PUBLIC:
            everything = programme(edition, PUBLIC_FEED, lang)
            confirmed = [s for s in everything.sessions if s.status == "confirmed"]
            return replace(
                everything, sessions=confirmed, kinds=sorted({s.kind for s in confirmed})
            )
        festival = load_programme_festival(edition.slug)
        if festival is None:  # deleted since the version check
            abort(404)
        return festival_programme(festival, audience=audience, lang=lang)

    return outputs.get_or_build(
        ("programme", edition, audience, lang), build, lambda p: 4096 + 2048 * len(p.sessions)
    )


def public_feed(
    edition: Edition, filters: ProgrammeFilter, language: PageLanguage, base_url: str
) -> tuple[Feed, bool]:
    """The public feed's bytes, and whether the festival is published."""

    def build() -> tuple[Feed, bool]:
        prog = programme(edition, PUBLIC_FEED, language.lang)
        feed = ical.programme_feed(
            prog, base_url=base_url, filters=filters, link_lang=language.link
        )
        return feed, prog.published

    key = ("feed", edition, filters, language.lang, language.link, base_url)
    return outputs.get_or_build(key, build, lambda f: len(f[0].body) + 256)


def session_feed(
    edition: Edition, session_key: str, language: PageLanguage, base_url: str
) -> tuple[Feed, bool] | None:
    """One public session (confirmed or cancelled) as a calendar; None if there is none."""
    key = ("session-feed", edition, session_key, language.lang, language.link, base_url)
    found = outputs.get(key)
    if found is None:
        prog = programme(edition, PUBLIC_FEED, language.lang)
        session = prog.by_key(session_key)
        if session is None:
            return None
        feed = ical.session_feed(prog, session, base_url=base_url, link_lang=language.link)
        found = (feed, prog.published)
        outputs.put(key, found, len(feed.body) + 256)
    return found  # type: ignore[return-value]


def festivals_listed(include_unpublished: bool) -> list[Festival]:
    query = select(Festival).order_by(Festival.starts_on.desc(), Festival.slug)
    if not include_unpublished:
        query = query.where(Festival.published.is_(True))
    return list(db.session.scalars(query))


# -- a delegation's side ------------------------------------------------------------------


@dataclass(frozen=True)
class DelegationRef:
    """What a token names, from one query: enough for a warm cache hit."""

    key: str
    language: str
    edition: Edition
    festival_languages: tuple[str, ...]


def delegation_ref(token: str) -> DelegationRef | None:
    """The delegation a token names (None for an unknown or rotated token)."""
    if not token or len(token) > 64:
        return None
    row = db.session.execute(
        select(
            Delegation.key,
            Delegation.language,
            Festival.slug,
            Festival.id,
            Festival.version,
            Festival.languages,
        )
        .join(Festival, Festival.id == Delegation.festival_id)
        .where(Delegation.token == token)
    ).first()
    if row is None:
        return None
    return DelegationRef(
        row.key,
        row.language or "",
        Edition(row.slug, row.id, row.version),
        tuple(row.languages or ()),
    )


def delegation_language(
    ref: DelegationRef, requested: str | None, preferred: str | None = None
) -> PageLanguage:
    """The delegation's own language by default; any valid tag on request (translations may
    be in a partner city's language)."""
    available = tuple(
        dict.fromkeys([*ref.festival_languages, *([ref.language] if ref.language else [])])
    )
    default = ref.language or (ref.festival_languages[0] if ref.festival_languages else None)
    return _choose(requested, default, available, True, preferred)


@dataclass(frozen=True)
class DelegationView:
    """A delegation's itinerary, the names of the places its transfers use, and the
    languages its events are translated into (for the language switcher)."""

    itinerary: Itinerary
    places: dict[str, str]
    languages: tuple[str, ...]


def delegation_view(ref: DelegationRef, lang: str | None) -> DelegationView:
    def build() -> DelegationView:
        delegation = db.session.scalar(
            select(Delegation)
            .join(Festival, Festival.id == Delegation.festival_id)
            .where(Festival.id == ref.edition.id, Delegation.key == ref.key)
        )
        if delegation is None:
            abort(404)
        itinerary = delegation_itinerary(delegation, lang=lang)
        places = itinerary.place_names
        translated = sorted({code for e in delegation.events for code in (e.translations or {})})
        languages = tuple(
            dict.fromkeys(
                [*ref.festival_languages, *([ref.language] if ref.language else []), *translated]
            )
        )
        return DelegationView(itinerary, places, languages)

    key = ("itinerary", ref.edition, ref.key, lang)
    return outputs.get_or_build(
        key, build, lambda v: 8192 + 2048 * len(v.itinerary.programme.sessions)
    )


def delegation_feed(ref: DelegationRef, token: str, language: PageLanguage, base_url: str) -> Feed:
    def build() -> Feed:
        view = delegation_view(ref, language.lang)
        return ical.delegation_feed(
            view.itinerary,
            base_url=base_url,
            page_path=f"/d/{token}/",
            feed_path=f"/d/{token}/calendar.ics",
            places=view.places,
            link_lang=language.link,
        )

    key = ("delegation-feed", ref.edition, ref.key, token, language.lang, language.link, base_url)
    return outputs.get_or_build(key, build, lambda f: len(f.body) + 256)
