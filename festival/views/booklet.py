"""The printable booklet and itineraries: parse the options, serve a cached render or make one."""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import cast

from flask import Blueprint, Response, abort, current_app, render_template, request

from festival.cache import outputs
from festival.exports.booklet import (
    LANG_RE,
    LAYOUT_VERSION,
    PAPERS,
    booklet_filename,
    check_options,
    printable_languages,
    render_booklet,
    render_itinerary,
)
from festival.models import Festival
from festival.queries.programme import (
    PUBLIC,
    delegation_itinerary,
    festival_programme,
    load_programme_festival,
)
from festival.views.lookup import delegation_or_404, public_festival_or_404

bp = Blueprint("booklet", __name__)
log = logging.getLogger(__name__)

# Above this many public sessions a booklet is rendered in the background (202 meanwhile).
BACKGROUND_SESSIONS = 800
# Seconds a render takes, roughly (measured on 2 cores, benchmarks/bench_booklet.py).
_SECONDS_PER_SESSION = 0.012


def _lang_param() -> str:
    lang = request.args.get("lang", "").strip()
    if lang and not LANG_RE.match(lang):
        abort(400, description="lang must be a language tag such as en, fa or zh")
    return lang


def _options() -> tuple[str, str | None]:
    paper = request.args.get("paper", "a5").strip().lower()
    imposition = request.args.get("imposition", "").strip().lower() or None
    check_options(paper, imposition)
    return paper, imposition


def _check_lang(lang: str, festival: Festival) -> str:
    """The language to print in (the festival's first by default), or 400."""
    if not lang:
        return (festival.languages or ["en"])[0]
    allowed = printable_languages(festival)
    if lang not in allowed:
        abort(400, description=f"lang must be one of {', '.join(allowed)} (got {lang!r})")
    return lang


Entry = tuple[bytes, str, str, datetime]  # (pdf, etag, filename, last modified)


def _pdf_response(entry: Entry, *, private: bool) -> Response:
    pdf, etag, filename, modified = entry
    response = Response(pdf, mimetype="application/pdf")
    response.set_etag(etag)
    response.last_modified = modified
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    return response.make_conditional(request, accept_ranges=True, complete_length=len(pdf))


def _store(key: Hashable, pdf: bytes, filename: str, modified: datetime) -> Entry:
    entry = (pdf, hashlib.sha256(pdf).hexdigest()[:32], filename, modified)
    outputs.put(key, entry, len(pdf))
    return entry


class BackgroundRenders:
    """At most one render per key at a time, in a small thread pool; the result goes into the
    output cache, where the next request finds it."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[Hashable, Future[None]] = {}
        self._lock = threading.Lock()

    def running(self, key: Hashable) -> bool:
        with self._lock:
            future = self._pending.get(key)
            return future is not None and not future.done()

    def start(
        self, key: Hashable, render: Callable[[], bytes], filename: str, modified: datetime
    ) -> None:
        def job() -> None:
            try:
                _store(key, render(), filename, modified)
            except Exception:
                log.exception("background render of %r failed", key)
            finally:
                with self._lock:
                    self._pending.pop(key, None)

        with self._lock:
            if key in self._pending:
                return
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="print")
            self._pending[key] = self._pool.submit(job)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for every pending render (tests, shutdown)."""
        with self._lock:
            futures = list(self._pending.values())
        for future in futures:
            future.exception(timeout=timeout)


renders = BackgroundRenders()


def _preparing(seconds: int) -> Response:
    body = render_template("print/preparing.html", seconds=seconds)
    response = Response(body, status=202, mimetype="text/html")
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/f/<slug>/programme.pdf")
def programme_pdf(slug: str) -> Response:
    """The public programme booklet: ``paper=a5|a4``, ``imposition=saddle``, ``lang=``."""
    _, version = public_festival_or_404(slug)
    paper, imposition = _options()
    lang_param = _lang_param()
    key = ("booklet", slug, version, LAYOUT_VERSION, paper, imposition, lang_param)
    cached = cast("Entry | None", outputs.get(key))
    if cached is not None:
        return _pdf_response(cached, private=False)
    if renders.running(key):
        return _preparing(2)

    festival = load_programme_festival(slug)
    if festival is None:
        abort(404)
    lang = _check_lang(lang_param, festival)
    filename = booklet_filename(slug, paper=paper, lang=lang, imposition=imposition)
    programme = festival_programme(festival, audience=PUBLIC, lang=lang)

    def render() -> bytes:
        return render_booklet(programme, paper=paper, lang=lang, imposition=imposition)

    threshold = current_app.config.get("BOOKLET_BACKGROUND_SESSIONS", BACKGROUND_SESSIONS)
    if len(programme.sessions) > threshold:
        renders.start(key, render, filename, festival.updated_at)
        return _preparing(max(2, math.ceil(len(programme.sessions) * _SECONDS_PER_SESSION)))
    return _pdf_response(_store(key, render(), filename, festival.updated_at), private=False)


@bp.get("/d/<token>/itinerary.pdf")
def itinerary_pdf(token: str) -> Response:
    """A delegation's printable week (``paper=a4`` default, or ``a5``; ``lang=``)."""
    delegation = delegation_or_404(token)
    paper = request.args.get("paper", "a4").strip().lower()
    if paper not in PAPERS:
        abort(400, description=f"paper must be one of {', '.join(PAPERS)} (got {paper[:20]!r})")
    lang_param = _lang_param()
    festival = delegation.festival
    key = (
        "itinerary",
        festival.slug,
        festival.version,
        LAYOUT_VERSION,
        delegation.id,
        paper,
        lang_param,
    )
    filename = f"{festival.slug}-{delegation.key}-itinerary.pdf"
    cached = cast("Entry | None", outputs.get(key))
    if cached is None:
        lang = lang_param
        if lang and lang not in printable_languages(festival):
            abort(
                400,
                description=f"lang must be one of "
                f"{', '.join(printable_languages(festival))} (got {lang!r})",
            )
        itinerary = delegation_itinerary(delegation, lang=lang or None)
        pdf = render_itinerary(itinerary, places=itinerary.place_names, paper=paper)
        cached = _store(key, pdf, filename, festival.updated_at)
    return _pdf_response(cached, private=True)
