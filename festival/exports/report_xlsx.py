"""A report as an Excel workbook (openpyxl): one sheet, a bold frozen header row, widths
fitted to the text, right to left when the festival's first language is, times as Excel
date-times in the festival's zone (named in the header)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from festival.exports.report_labels import column_labels, movement_label, report_title
from festival.exports.reports import CELLS
from festival.i18n.languages import text_direction
from festival.queries.reports import Report

MAX_WIDTH = 60
# A sheet's name: at most 31 characters, none of these.
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _typed(report: Report[Any], row: Any) -> list[object]:
    """The CSV's cells, but times as (naive, festival-local) date-times and days as dates,
    so Excel sorts and formats them."""
    cells = CELLS[report.name](row)
    values: list[object] = []
    for cell, attr in zip(cells, _ATTRS[report.name], strict=True):
        value = getattr(row, attr) if attr else cell
        if isinstance(value, datetime):
            values.append(value.replace(tzinfo=None))
        elif isinstance(value, date):
            values.append(value)
        else:
            values.append(cell)
    return values


# The row attribute behind each CSV cell that is a time or a day ("" for text cells).
_ATTRS: dict[str, tuple[str, ...]] = {
    "rooming": ("", "", "", "", "check_in", "check_out"),
    "transfers": ("", "starts_at", "ends_at", "", "", "", "", ""),
    "dietary": ("", "starts_at", "", "", ""),
    "interpreters": ("", "", "", "", "", "", "starts_at", "ends_at"),
    "arrivals": ("", "at", "", "", "", "", "", "", ""),
}


def report_xlsx(report: Report[Any], *, lang: str | None = None) -> bytes:
    lang = lang or (report.languages[0] if report.languages else "en")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = report_title(report.name, lang).translate(SHEET_FORBIDDEN)[:31]
    if text_direction(report.languages[0] if report.languages else lang) == "rtl":
        sheet.sheet_view.rightToLeft = True
    labels = column_labels(report.name, lang)
    header = [
        f"{label} ({report.zone_name})" if attr and attr not in ("check_in", "check_out") else label
        for label, attr in zip(labels, _ATTRS[report.name], strict=True)
    ]
    sheet.append(header)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    widths = [len(h) for h in header]
    formats = {}
    for i, attr in enumerate(_ATTRS[report.name]):
        if attr in ("check_in", "check_out"):
            formats[i] = "yyyy-mm-dd"
        elif attr:
            formats[i] = "yyyy-mm-dd hh:mm"
    for row in report.rows:
        values = _typed(report, row)
        if report.name == "arrivals":
            values[0] = movement_label(row.kind, lang)
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            # openpyxl stores a text starting with "=" as a formula: a member named
            # "=HYPERLINK(...)" would run in the organiser's spreadsheet. Text stays text.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
        for i, value in enumerate(values):
            width = 16 if isinstance(value, datetime) else len(str(value))
            widths[i] = max(widths[i], width)
    for i, fmt in formats.items():
        for (cell,) in sheet.iter_rows(
            min_row=2, min_col=i + 1, max_col=i + 1, max_row=sheet.max_row
        ):
            cell.number_format = fmt
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
