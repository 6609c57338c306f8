"""What the public and delegation views serve: read models and feed bytes from the output
cache (``festival.cache``), built on a miss. A warm request does one small query (the
festival's or the token's version), then hits the cache."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace

from flask import abort

from festival.cache import OutputKey, outputs
from festival.exports import ical
from festival.exports.ical import Feed
from festival.i18n.languages import catalog_for, choose_language, text_direction
from festival.queries.editions import DelegationRef, Edition, festival_languages
from festival.queries.filters import ProgrammeFilter
from festival.queries.itinerary import Itinerary, delegation_itinerary
from festival.queries.programme import (
    PUBLIC,
    PUBLIC_FEED,
    Programme,
    festival_programme,
    load_programme_festival,
)
from festival.urls import ExternalLinks


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


def output_key(edition: Edition, output: str, *options: Hashable) -> OutputKey:
    """The cache key of ``output`` of the festival at this version, with ``options``."""
    return OutputKey(edition.id, edition.version, output, options)


def _feed_size(feed: Feed) -> int:
    return len(feed.body) + 256


# -- the public side ----------------------------------------------------------------------


def public_language(
    edition: Edition, requested: str | None, preferred: str | None = None
) -> PageLanguage:
    """One of the festival's languages (the first by default) or of the shipped catalogs;
    anything else is ignored. ``preferred`` (the visitor's Accept-Language match) joins the
    switcher."""
    available = outputs.get_or_build(
        output_key(edition, "languages"), tuple, lambda: festival_languages(edition.id), len
    )
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
        output_key(edition, "programme", audience, lang),
        Programme,
        build,
        lambda p: 4096 + 2048 * len(p.sessions),
    )


def public_feed(
    edition: Edition, filters: ProgrammeFilter, language: PageLanguage, links: ExternalLinks
) -> Feed:
    """The public feed's bytes (titles in ``language``, links from ``links``)."""

    def build() -> Feed:
        prog = programme(edition, PUBLIC_FEED, language.lang)
        return ical.programme_feed(prog, links=links, filters=filters)

    key = output_key(edition, "feed", filters, language.lang, links.lang, links.root)
    return outputs.get_or_build(key, Feed, build, _feed_size)


def session_feed(
    edition: Edition, session_key: str, language: PageLanguage, links: ExternalLinks
) -> Feed | None:
    """One public session (confirmed or cancelled) as a calendar; None if there is none."""
    key = output_key(edition, "session-feed", session_key, language.lang, links.lang, links.root)
    found = outputs.get(key, Feed)
    if found is None:
        prog = programme(edition, PUBLIC_FEED, language.lang)
        session = prog.by_key(session_key)
        if session is None:
            return None
        found = ical.session_feed(prog, session, links=links)
        outputs.put(key, found, _feed_size(found))
    return found


# -- a delegation's side ------------------------------------------------------------------


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


def itinerary(ref: DelegationRef, lang: str | None) -> Itinerary:
    """The delegation's itinerary in ``lang``, built once per festival version."""

    def build() -> Itinerary:
        festival = load_programme_festival(ref.edition.slug)
        found = delegation_itinerary(festival, ref.key, lang=lang) if festival else None
        if found is None:  # deleted since the token was looked up
            abort(404)
        return found

    return outputs.get_or_build(
        output_key(ref.edition, "itinerary", ref.key, lang),
        Itinerary,
        build,
        lambda it: 8192 + 2048 * len(it.lines),
    )


def delegation_feed(
    ref: DelegationRef, token: str, language: PageLanguage, links: ExternalLinks
) -> Feed:
    """The delegation's private feed (its token is part of every link, so of the key)."""

    def build() -> Feed:
        return ical.delegation_feed(itinerary(ref, language.lang), links=links, token=token)

    key = output_key(
        ref.edition, "delegation-feed", ref.key, token, language.lang, links.lang, links.root
    )
    return outputs.get_or_build(key, Feed, build, _feed_size)
