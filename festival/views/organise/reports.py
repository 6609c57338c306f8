"""The reports page (the five printouts as CSV, XLSX and PDF) and the arrivals board.

Reports carry personal data: every route here is behind the workspace's sign-in guard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from festival.exports.reports import FORMATS, MEDIA_TYPES, filename, render
from festival.i18n.web import request_language
from festival.models import Festival
from festival.queries.reports import REPORT_NAMES, MovementRow, Report, arrivals
from festival.services.specs import load_festival, load_movements
from festival.views.organise import bp

DESCRIPTIONS = {
    "rooming": (
        _l("Rooming list"),
        _l("Every member by hotel and room, with check-in and check-out."),
    ),
    "transfers": (
        _l("Drivers' sheets"),
        _l("A sheet per vehicle per day: pick-up times, places, passengers, the liaison's phone."),
    ),
    "dietary": (
        _l("Catering sheets"),
        _l("A sheet per session: how many attending delegates have each dietary need."),
    ),
    "interpreters": (_l("Interpreters' schedules"), _l("A schedule per interpreter.")),
    "arrivals": (
        _l("Arrivals and departures"),
        _l("Per day: every arrival and departure, its transfer and vehicle, what is unserved."),
    ),
}
FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX", "pdf": "PDF"}


def _loaded(slug: str, load: Callable[[str], Festival | None] = load_festival) -> Festival:
    festival = load(slug)
    if festival is None:
        abort(404)
    return festival


@bp.get("/<slug>/reports/")
def reports(slug: str) -> ResponseReturnValue:
    """The five reports, each to download as CSV, XLSX or PDF."""
    festival = _loaded(slug)
    items = [(name, *DESCRIPTIONS[name]) for name in REPORT_NAMES]
    return render_template(
        "organise/reports.html",
        festival=festival,
        items=items,
        formats=[(fmt, FORMAT_LABELS[fmt]) for fmt in FORMATS],
    )


@bp.get("/<slug>/reports/<report>.<fmt>")
def report_file(slug: str, report: str, fmt: str) -> Response:
    """One report as an attachment: ``SLUG-REPORT.csv``, ``.xlsx`` or ``.pdf``."""
    if report not in REPORT_NAMES or fmt not in FORMATS:
        abort(404)
    festival = _loaded(slug)
    data = render(festival, report, fmt, lang=request_language())
    response = Response(data, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{filename(festival.slug, report, fmt)}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _chosen_day(text: str, days: list[date], festival: Festival) -> date | None:
    """``?day=``: a valid day near the festival, else the first day with a movement (else the
    festival's first day)."""
    try:
        day = date.fromisoformat(text[:10]) if len(text) == 10 else None
    except ValueError:
        day = None
    low = festival.starts_on - timedelta(days=31)
    high = festival.ends_on + timedelta(days=31)
    if day is not None and low <= day <= high:
        return day
    return days[0] if days else festival.starts_on


@bp.get("/<slug>/arrivals")
def arrivals_board(slug: str) -> ResponseReturnValue:
    """Every arrival and departure of a festival-local day (``?day=YYYY-MM-DD``): time,
    place, reference, delegation, people, the transfer and vehicle that serve it, and what is
    still unserved."""
    festival = _loaded(slug, load_movements)
    report: Report[MovementRow] = arrivals(festival)
    days = [s.day for s in report.sections if s.day is not None]
    day = _chosen_day(request.args.get("day", ""), days, festival)
    rows = next((s.rows for s in report.sections if s.day == day), ())
    unserved = sum(1 for r in report.rows if not r.served)
    return render_template(
        "organise/arrivals.html",
        festival=festival,
        report=report,
        days=[(s.day, len(s.rows)) for s in report.sections],
        day=day,
        rows=rows,
        unserved_today=sum(1 for r in rows if not r.served),
        unserved=unserved,
    )
