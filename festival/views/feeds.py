"""Calendar feeds: the public one (filterable), one session's, and a delegation's private one.

Each answers ``text/calendar; charset=utf-8`` with a strong ETag (a hash of the bytes) and
Last-Modified (the festival's last change, which also covers a session leaving the feed),
through ``make_conditional``: an unchanged feed polled with ``If-None-Match`` or
``If-Modified-Since`` is a 304, and HEAD works. Bytes are cached per festival version
(``festival.views.published``): a warm request does one small query. Every URL a feed holds
comes from the router (``festival.urls``).

A private feed's URL is its secret. Never log it: gunicorn's default access log writes the
request line (``%(r)s``), so run it with an ``--access-logformat`` without ``%(r)s``,
``%(U)s`` and ``%(q)s`` (or a logger class that masks ``/d/<token>/``); Flask's development
server logs paths, acceptable on a developer's machine only."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from festival.exports.ical import Feed
from festival.queries.filters import ProgrammeFilter
from festival.urls import ExternalLinks
from festival.views import published
from festival.views.lookup import delegation_or_404, public_festival_or_404

bp = Blueprint("feeds", __name__)

PUBLIC_CACHE = "public, max-age=900"
PRIVATE_CACHE = "private, max-age=300"
UNPUBLISHED_CACHE = "private, no-store"  # an organiser's view of an unpublished festival


def parse_filters() -> ProgrammeFilter:
    return ProgrammeFilter.from_args(request.args.getlist)


def calendar_response(feed: Feed, cache_control: str, filename: str) -> Response:
    response = Response(feed.body, mimetype="text/calendar")
    response.set_etag(feed.etag)
    response.last_modified = feed.last_modified
    response.headers["Cache-Control"] = cache_control
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.make_conditional(request)
    return response


@bp.get("/f/<slug>/calendar.ics")
def festival_feed(slug: str) -> Response:
    edition = public_festival_or_404(slug)
    filters = parse_filters()
    language = published.public_language(edition, request.args.get("lang"))
    feed = published.public_feed(edition, filters, language, ExternalLinks(language.link))
    cache = PUBLIC_CACHE if edition.published else UNPUBLISHED_CACHE
    return calendar_response(feed, cache, f"{slug}.ics")


@bp.get("/f/<slug>/sessions/<key>.ics")
def session_feed(slug: str, key: str) -> Response:
    edition = public_festival_or_404(slug)
    language = published.public_language(edition, request.args.get("lang"))
    feed = published.session_feed(edition, key, language, ExternalLinks(language.link))
    if feed is None:
        abort(404)
    cache = PUBLIC_CACHE if edition.published else UNPUBLISHED_CACHE
    return calendar_response(feed, cache, f"{key}.ics")


@bp.get("/d/<token>/calendar.ics")
def delegation_feed(token: str) -> Response:
    ref = delegation_or_404(token)
    language = published.delegation_language(ref, request.args.get("lang"))
    feed = published.delegation_feed(ref, token, language, ExternalLinks(language.link))
    response = calendar_response(feed, PRIVATE_CACHE, f"{ref.key}.ics")
    response.headers["X-Robots-Tag"] = "noindex"
    return response
