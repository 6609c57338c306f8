"""Calendar feeds: the public one (filterable), one session's, and a delegation's private one.

Each answers ``text/calendar; charset=utf-8`` with a strong ETag (a hash of the bytes) and
Last-Modified (the festival's last change, which also covers a session leaving the feed),
through ``make_conditional``: an unchanged feed polled with ``If-None-Match`` or
``If-Modified-Since`` is a 304, and HEAD works. Bytes are cached per festival version
(``festival.views.published``): a warm request does one small query.

A private feed's URL is its secret. Never log it: gunicorn's default access log writes the
request line (``%(r)s``), so run it with an ``--access-logformat`` without ``%(r)s``,
``%(U)s`` and ``%(q)s`` (or a logger class that masks ``/d/<token>/``); Flask's development
server logs paths, acceptable on a developer's machine only."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from festival.exports.ical import Feed
from festival.queries.filters import ProgrammeFilter
from festival.views import published
from festival.views.lookup import public_festival_or_404

bp = Blueprint("feeds", __name__)

PUBLIC_CACHE = "public, max-age=900"
PRIVATE_CACHE = "private, max-age=300"
UNPUBLISHED_CACHE = "private, no-store"  # an organiser's view of an unpublished festival


def base_url() -> str:
    return request.url_root.rstrip("/")


def parse_filters() -> ProgrammeFilter:
    return ProgrammeFilter.from_args(request.args.getlist)


def calendar_response(feed: Feed, cache_control: str, filename: str) -> Response:
    response = Response(feed.body, mimetype="text/calendar")
    response.set_etag(feed.etag)
    response.last_modified = feed.last_modified
    response.headers["Cache-Control"] = cache_control
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response.make_conditional(request)


@bp.get("/f/<slug>/calendar.ics")
def festival_feed(slug: str) -> Response:
    edition = published.Edition.of(slug, public_festival_or_404(slug))
    filters = parse_filters()
    language = published.public_language(edition, request.args.get("lang"))
    feed, is_published = published.public_feed(edition, filters, language, base_url())
    return calendar_response(
        feed, PUBLIC_CACHE if is_published else UNPUBLISHED_CACHE, f"{slug}.ics"
    )


@bp.get("/f/<slug>/sessions/<key>.ics")
def session_feed(slug: str, key: str) -> Response:
    edition = published.Edition.of(slug, public_festival_or_404(slug))
    language = published.public_language(edition, request.args.get("lang"))
    found = published.session_feed(edition, key, language, base_url())
    if found is None:
        abort(404)
    feed, is_published = found
    return calendar_response(
        feed, PUBLIC_CACHE if is_published else UNPUBLISHED_CACHE, f"{key}.ics"
    )


@bp.get("/d/<token>/calendar.ics")
def delegation_feed(token: str) -> Response:
    ref = published.delegation_ref(token)
    if ref is None:
        abort(404)
    language = published.delegation_language(ref, request.args.get("lang"))
    feed = published.delegation_feed(ref, token, language, base_url())
    response = calendar_response(feed, PRIVATE_CACHE, f"{ref.key}.ics")
    response.headers["X-Robots-Tag"] = "noindex"
    return response
