"""The printable booklet and itineraries: parse the options, serve a cached render or make one."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, Response, abort, current_app, render_template, request

from festival.cache import OutputKey, outputs
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
from festival.jobs import jobs
from festival.models import Festival
from festival.queries.itinerary import delegation_itinerary
from festival.queries.programme import PUBLIC, festival_programme, load_programme_festival
from festival.views.lookup import delegation_or_404, public_festival_or_404
from festival.views.published import output_key

bp = Blueprint("booklet", __name__)

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


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF as the output cache keeps it, with its strong ETag."""

    pdf: bytes
    etag: str
    filename: str
    modified: datetime

    @classmethod
    def of(cls, pdf: bytes, filename: str, modified: datetime) -> RenderedPdf:
        return cls(pdf, hashlib.sha256(pdf).hexdigest()[:32], filename, modified)


def _pdf_response(entry: RenderedPdf, *, private: bool) -> Response:
    response = Response(entry.pdf, mimetype="application/pdf")
    response.set_etag(entry.etag)
    response.last_modified = entry.modified
    response.headers["Content-Disposition"] = f'inline; filename="{entry.filename}"'
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    response.make_conditional(request, accept_ranges=True, complete_length=len(entry.pdf))
    return response


def _store(key: OutputKey, pdf: bytes, filename: str, modified: datetime) -> RenderedPdf:
    entry = RenderedPdf.of(pdf, filename, modified)
    outputs.put(key, entry, len(pdf))
    return entry


def _preparing(seconds: int) -> Response:
    body = render_template("print/preparing.html", seconds=seconds)
    response = Response(body, status=202, mimetype="text/html")
    response.headers["Retry-After"] = str(seconds)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/f/<slug>/programme.pdf")
def programme_pdf(slug: str) -> Response:
    """The public programme booklet: ``paper=a5|a4``, ``imposition=saddle``, ``lang=``."""
    edition = public_festival_or_404(slug)
    paper, imposition = _options()
    lang_param = _lang_param()
    key = output_key(edition, "booklet", LAYOUT_VERSION, paper, imposition, lang_param)
    cached = outputs.get(key, RenderedPdf)
    if cached is not None:
        return _pdf_response(cached, private=False)
    if jobs.pending(key):
        return _preparing(2)

    festival = load_programme_festival(slug)
    if festival is None:
        abort(404)
    lang = _check_lang(lang_param, festival)
    filename = booklet_filename(slug, paper=paper, lang=lang, imposition=imposition)
    programme = festival_programme(festival, audience=PUBLIC, lang=lang)
    modified = festival.updated_at

    def render() -> bytes:
        return render_booklet(programme, paper=paper, lang=lang, imposition=imposition)

    threshold = current_app.config.get("BOOKLET_BACKGROUND_SESSIONS", BACKGROUND_SESSIONS)
    if len(programme.sessions) > threshold:

        def render_and_store() -> None:
            _store(key, render(), filename, modified)

        jobs.submit(key, render_and_store)
        return _preparing(max(2, math.ceil(len(programme.sessions) * _SECONDS_PER_SESSION)))
    return _pdf_response(_store(key, render(), filename, modified), private=False)


@bp.get("/d/<token>/itinerary.pdf")
def itinerary_pdf(token: str) -> Response:
    """A delegation's printable week (``paper=a4`` default, or ``a5``; ``lang=``)."""
    ref = delegation_or_404(token)
    paper = request.args.get("paper", "a4").strip().lower()
    if paper not in PAPERS:
        abort(400, description=f"paper must be one of {', '.join(PAPERS)} (got {paper[:20]!r})")
    lang = _lang_param()
    key = output_key(ref.edition, "itinerary-pdf", LAYOUT_VERSION, ref.key, paper, lang)
    cached = outputs.get(key, RenderedPdf)
    if cached is None:
        festival = load_programme_festival(ref.edition.slug)
        if festival is None:
            abort(404)
        allowed = printable_languages(festival)
        if lang and lang not in allowed:
            abort(400, description=f"lang must be one of {', '.join(allowed)} (got {lang!r})")
        itinerary = delegation_itinerary(festival, ref.key, lang=lang or None)
        if itinerary is None:
            abort(404)
        filename = f"{festival.slug}-{ref.key}-itinerary.pdf"
        cached = _store(
            key, render_itinerary(itinerary, paper=paper), filename, festival.updated_at
        )
    return _pdf_response(cached, private=True)
