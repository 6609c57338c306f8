"""A report as a printable PDF: the booklet's print stylesheet and fonts through WeasyPrint
(static files only), a headed section per hotel, vehicle and day, session, interpreter or
day, times in the festival's zone (named on every page), page numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from festival.exports.booklet import _render_html, _text_helpers, html_to_pdf
from festival.exports.print_text import counter_style
from festival.exports.report_labels import (
    dietary_label,
    fact_label,
    movement_label,
    report_title,
)
from festival.i18n import messages
from festival.i18n.formatting import (
    format_date,
    format_day_heading,
    format_number,
    format_time,
    format_time_range,
    zone_label,
)
from festival.i18n.languages import formatting_language
from festival.queries import reports as q
from festival.queries.programme import text_direction
from festival.queries.reports import Report

# Part of the PDF's /ID: raise it when the template or styles change what a report shows.
LAYOUT_VERSION = 1


@dataclass
class PrintRow:
    cells: list[str]
    flag: str = ""  # "unserved" (styled, and said in a cell), "group" (one cell across)


@dataclass
class PrintSection:
    heading: str
    aside: str
    facts: list[tuple[str, str]]
    headers: list[str]
    rows: list[PrintRow]
    footer: str = ""
    line: str = ""  # instead of a table: one line of text (a catering sheet's counts)

    @property
    def facts_line(self) -> str:
        """The facts as one line of text: one box to lay out, not three per fact."""
        return " · ".join(f"{label}: {value}" for label, value in self.facts)


@dataclass
class PrintReport:
    title: str
    sections: list[PrintSection] = field(default_factory=list)


def _when(value: datetime | None, lang: str) -> str:
    return format_time(value, lang) if value else ""


def _day_and_time(value: datetime | None, lang: str) -> str:
    if value is None:
        return ""
    return f"{format_date(value.date(), lang)} {format_time(value, lang)}"


def _rooming(report: Report[q.RoomingRow], lang: str) -> list[PrintSection]:
    """Per hotel, per delegation (its name and dates on a line across), room and member:
    two cells a guest, which keeps a list of a thousand guests quick to lay out."""
    text = messages(lang)
    headers = [text.gettext("Room"), text.gettext("Member")]
    out = []
    for s in report.sections:
        rows = []
        by_delegation: dict[str, list[q.RoomingRow]] = {}
        for r in s.rows:
            by_delegation.setdefault(r.delegation, []).append(r)
        for group in by_delegation.values():
            first = group[0]
            dates = " – ".join(format_date(d, lang) for d in (first.check_in, first.check_out) if d)
            label = first.delegation_name or first.delegation
            rows.append(PrintRow([label, dates], "group"))
            rows.extend(PrintRow([r.room, r.member]) for r in group)
        heading = s.heading if s.key else text.gettext("No hotel")
        count = text.ngettext("%(num)s guest", "%(num)s guests", len(s.rows))
        out.append(PrintSection(heading, count, [], headers, rows))
    return out


def _transfers(report: Report[q.TransferRow], lang: str) -> list[PrintSection]:
    text = messages(lang)
    headers = [
        text.gettext("Pick-up"),
        text.gettext("From"),
        text.gettext("To"),
        text.gettext("Delegation"),
        text.gettext("Passengers"),
        text.gettext("Liaison"),
    ]
    out = []
    for s in report.sections:
        rows = []
        for trip in q.trips(s):
            for i, d in enumerate(trip.delegations):
                liaison = ", ".join(x for x in (d.liaison_name, d.liaison_phone) if x)
                rows.append(
                    PrintRow(
                        [
                            format_time_range(trip.starts_at, trip.ends_at, lang) if i == 0 else "",
                            trip.from_place if i == 0 else "",
                            trip.to_place if i == 0 else "",
                            d.name or d.key,
                            f"({format_number(len(d.members), lang)}) " + ", ".join(d.members),
                            liaison,
                        ]
                    )
                )
        heading = s.heading or text.gettext("No vehicle")
        aside = format_day_heading(s.day, lang) if s.day else ""
        facts = [(fact_label(k, lang), v) for k, v in s.facts]
        out.append(PrintSection(heading, aside, facts, headers, rows))
    return out


def _dietary(report: Report[q.DietaryRow], lang: str) -> list[PrintSection]:
    """Per session: when, where, how many delegates, then each need and its count on one
    line (hundreds of sheets stay quick to lay out)."""
    text = messages(lang)
    out = []
    for s in report.sections:
        counts = " · ".join(
            text.gettext(
                "%(label)s: %(value)s",
                label=dietary_label(r.dietary, lang),
                value=format_number(r.count, lang),
            )
            for r in s.rows
        )
        aside = _day_and_time(s.rows[0].starts_at, lang)
        facts = [
            (fact_label(k, lang), format_number(int(v), lang) if k == "delegates" else v)
            for k, v in s.facts
            if k != "delegations"
        ]
        out.append(PrintSection(s.heading, aside, facts, [], [], line=counts))
    return out


def _interpreters(report: Report[q.InterpreterRow], lang: str) -> list[PrintSection]:
    text = messages(lang)
    headers = [text.gettext("Time"), text.gettext("Delegation"), text.gettext("Session")]
    out = []
    for s in report.sections:
        rows = []
        for r in s.rows:
            when = ""
            if r.starts_at and r.ends_at:
                when = (
                    f"{format_date(r.starts_at.date(), lang)} "
                    f"{format_time_range(r.starts_at, r.ends_at, lang)}"
                )
            rows.append(PrintRow([when, r.delegation_name, r.event or r.session]))
        facts = [(fact_label(k, lang), v) for k, v in s.facts]
        out.append(PrintSection(s.heading, "", facts, headers, rows))
    return out


def _arrivals(report: Report[q.MovementRow], lang: str) -> list[PrintSection]:
    text = messages(lang)
    headers = [
        text.gettext("Time"),
        text.gettext("Arrival or departure"),
        text.gettext("Place"),
        text.gettext("Reference"),
        text.gettext("Delegation"),
        text.gettext("People"),
        text.gettext("Transfer"),
        text.gettext("Vehicle"),
    ]
    unserved_word = text.gettext("Unserved: no transfer")
    out = []
    for s in report.sections:
        rows = []
        unserved = 0
        for r in s.rows:
            reference = " ".join(x for x in (r.transport, r.reference) if x)
            transfer = (
                ", ".join(
                    f"{key} {format_time(at, lang)}"
                    for key, at in zip(r.transfers, r.pickups, strict=True)
                )
                if r.served
                else unserved_word
            )
            unserved += not r.served
            rows.append(
                PrintRow(
                    [
                        _when(r.at, lang),
                        movement_label(r.kind, lang),
                        r.place,
                        reference,
                        r.delegation_name,
                        format_number(r.people, lang),
                        transfer,
                        ", ".join(r.vehicles),
                    ],
                    "" if r.served else "unserved",
                )
            )
        footer = (
            text.ngettext("%(num)s still unserved", "%(num)s still unserved", unserved)
            if unserved
            else ""
        )
        heading = format_day_heading(s.day, lang) if s.day else s.heading
        out.append(PrintSection(heading, "", [], headers, rows, footer))
    return out


BUILDERS: dict[str, Any] = {
    "rooming": _rooming,
    "transfers": _transfers,
    "dietary": _dietary,
    "interpreters": _interpreters,
    "arrivals": _arrivals,
}


def report_html(report: Report[Any], *, lang: str | None = None) -> str:
    lang = lang or (report.languages[0] if report.languages else "en")
    interface = messages(lang).code
    direction = text_direction(interface)
    lang = formatting_language(lang)
    text = messages(lang)
    sections = BUILDERS[report.name](report, lang)
    title = report_title(report.name, lang)
    sample = next((r for s in report.sections for r in s.rows), None)
    moment = _sample_time(sample) or datetime.now(UTC).astimezone(report.zone)
    zone_note = text.gettext(
        "Times in %(zone)s (%(label)s).", zone=report.zone_name, label=zone_label(moment)
    )
    return _render_html(
        "print/report.html",
        interface,
        r=report,
        v=PrintReport(title, sections),
        lang=interface,
        dir=direction,
        numerals=counter_style(lang),
        title=f"{report.festival_name} — {title}",
        zone_note=zone_note,
        keep_private=text.gettext("Personal data: for the festival's staff only."),
        **_text_helpers(lang, direction),
    )


def _sample_time(row: Any) -> datetime | None:
    for attr in ("at", "starts_at"):
        value = getattr(row, attr, None)
        if isinstance(value, datetime):
            return value
    return None


def report_pdf(report: Report[Any], *, lang: str | None = None) -> bytes:
    html = report_html(report, lang=lang)
    return html_to_pdf(
        html, identifier=f"report:{report.slug}:{report.name}:{lang}:{LAYOUT_VERSION}"
    )
