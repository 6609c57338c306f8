"""Organisers' reports as CSV, XLSX and PDF: rooming list, transfer manifests, dietary
counts, interpreters, arrivals and departures. All three render the read model of
:mod:`festival.queries.reports`.

These carry personal data (names, rooms, diets, phones): organisers only, never public.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from festival.models import Festival
from festival.queries import reports as q
from festival.queries.reports import REPORT_NAMES, Report

FORMATS = ("csv", "xlsx", "pdf")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _local(value: datetime | None) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# The CSV columns of each report (CONTRACT section 2) and each row's cells, as text.
COLUMNS: dict[str, tuple[str, ...]] = {
    "rooming": ("hotel", "room", "delegation", "member", "check_in", "check_out"),
    "transfers": (
        "transfer",
        "starts_at",
        "ends_at",
        "from",
        "to",
        "vehicle",
        "delegation",
        "member",
    ),
    "dietary": ("session", "starts_at", "event", "dietary", "count"),
    "interpreters": (
        "assignment",
        "interpreter",
        "name",
        "languages",
        "delegation",
        "session",
        "starts_at",
        "ends_at",
    ),
    "arrivals": (
        "kind",
        "at",
        "place",
        "transport",
        "reference",
        "delegation",
        "people",
        "transfer",
        "vehicle",
    ),
}


def _rooming_cells(r: q.RoomingRow) -> list[object]:
    return [r.hotel, r.room, r.delegation, r.member, _day(r.check_in), _day(r.check_out)]


def _transfer_cells(r: q.TransferRow) -> list[object]:
    return [
        r.transfer,
        _local(r.starts_at),
        _local(r.ends_at),
        r.from_place,
        r.to_place,
        r.vehicle,
        r.delegation,
        r.member,
    ]


def _dietary_cells(r: q.DietaryRow) -> list[object]:
    return [r.session, _local(r.starts_at), r.event, r.dietary, r.count]


def _interpreter_cells(r: q.InterpreterRow) -> list[object]:
    return [
        r.assignment,
        r.interpreter,
        r.name,
        " ".join(r.languages),
        r.delegation,
        r.session,
        _local(r.starts_at),
        _local(r.ends_at),
    ]


def _movement_cells(r: q.MovementRow) -> list[object]:
    return [
        r.kind,
        _local(r.at),
        r.place,
        r.transport,
        r.reference,
        r.delegation,
        r.people,
        " ".join(r.transfers),
        " ".join(r.vehicles),
    ]


CELLS: dict[str, Callable[[Any], list[object]]] = {
    "rooming": _rooming_cells,
    "transfers": _transfer_cells,
    "dietary": _dietary_cells,
    "interpreters": _interpreter_cells,
    "arrivals": _movement_cells,
}


def report_csv(report: Report[Any]) -> str:
    cells = CELLS[report.name]
    return _csv(COLUMNS[report.name], (cells(r) for r in report.rows))


def _text(name: str) -> Callable[[Festival], str]:
    def render(festival: Festival) -> str:
        return report_csv(q.REPORTS[name](festival))

    render.__name__ = name
    render.__doc__ = q.REPORTS[name].__doc__
    return render


rooming = _text("rooming")
transfers = _text("transfers")
dietary = _text("dietary")
interpreters = _text("interpreters")
arrivals = _text("arrivals")

REPORTS: dict[str, Callable[[Festival], str]] = {name: _text(name) for name in REPORT_NAMES}


def filename(slug: str, report: str, fmt: str) -> str:
    """``isfahan-2026-rooming.xlsx``."""
    return f"{slug}-{report}.{fmt}"


def render(festival: Festival, report: str, fmt: str, *, lang: str | None = None) -> bytes:
    """The report in ``fmt`` (``csv``, ``xlsx`` or ``pdf``) as bytes; ``lang`` is the
    language of the XLSX and PDF headings (default: the festival's first)."""
    model = q.REPORTS[report](festival)
    if fmt == "csv":
        return report_csv(model).encode("utf-8")
    if fmt == "xlsx":
        from festival.exports.report_xlsx import report_xlsx

        return report_xlsx(model, lang=lang)
    from festival.exports.report_pdf import report_pdf

    return report_pdf(model, lang=lang)
