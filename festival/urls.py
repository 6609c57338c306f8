"""The URLs the app writes into feeds and pages, all from the router (``url_for``), so a route
renamed or moved changes every link with it.

Absolute URLs go through :func:`external_url`, which knows the public scheme and host: the
request's (behind ``PROXY_COUNT`` reverse proxies, the ones the proxy was asked for), and
outside a request Flask's ``SERVER_NAME``, ``APPLICATION_ROOT`` and ``PREFERRED_URL_SCHEME``.
Exports never build a URL: a view hands them an :class:`ExternalLinks`.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from festival.queries.filters import ProgrammeFilter


def external_url(endpoint: str, *, anchor: str | None = None, **values: Any) -> str:
    """The absolute URL of ``endpoint`` with ``values`` (``None`` and empty ones left out)."""
    values = {k: v for k, v in values.items() if v not in (None, "", [], ())}
    return url_for(endpoint, _external=True, _anchor=anchor, **values)


def public_root() -> str:
    """The site's public root without a trailing slash (``https://festival.example.org``)."""
    return external_url("public.index").rstrip("/")


class ExternalLinks:
    """Absolute URLs of the public programme, its feeds and a delegation's pages.

    Every link keeps ``lang`` (None for the festival's default language, so canonical URLs
    stay short). ``root`` is the public root they start with: outputs holding links are
    cached per root.
    """

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang
        self.root = public_root()

    def _url(self, endpoint: str, anchor: str | None = None, **values: Any) -> str:
        return external_url(endpoint, anchor=anchor, **values, lang=self.lang)

    def programme(self, slug: str) -> str:
        return self._url("public.programme", slug=slug)

    def session(self, slug: str, key: str) -> str:
        return self._url("public.session", slug=slug, key=key)

    def public_feed(self, slug: str, filters: ProgrammeFilter) -> str:
        """The public feed with the same filters as the programme page."""
        return self._url(
            "feeds.festival_feed",
            slug=slug,
            kind=list(filters.kinds),
            venue=list(filters.venues),
            city=list(filters.cities),
        )

    def session_feed(self, slug: str, key: str) -> str:
        return self._url("feeds.session_feed", slug=slug, key=key)

    def delegation_page(self, token: str, anchor: str | None = None) -> str:
        return self._url("delegation.itinerary", anchor=anchor, token=token)

    def delegation_feed(self, token: str) -> str:
        return self._url("feeds.delegation_feed", token=token)


def page_url(endpoint: str, **values: Any) -> str:
    """A path on this site for ``endpoint`` (``None`` and empty values left out)."""
    values = {k: v for k, v in values.items() if v not in (None, "", [], ())}
    return url_for(endpoint, **values)
