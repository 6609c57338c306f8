"""What a delegation's printed itinerary shows, arranged from its read model (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from festival.exports.print_text import shorten, strong_direction
from festival.i18n import messages
from festival.i18n.formatting import (
    format_date,
    format_day_heading,
    format_gregorian_aside,
    format_time,
    format_time_range,
    kind_label,
    status_label,
    travel_label,
)
from festival.queries.itinerary import (
    InterpreterInfo,
    Itinerary,
    ItineraryLine,
    Movement,
    SessionLine,
    TransferLine,
)
from festival.queries.places import known_name
from festival.queries.programme import text_direction


@dataclass
class PrintEntry:
    """One entry of a printed day: its time, title, details (label, value) and marks."""

    kind: str
    time: str
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    cancelled: bool = False
    note: str = ""


@dataclass
class ItineraryDay:
    day: date
    anchor: str
    heading: str
    aside: str
    entries: list[PrintEntry]


@dataclass
class Fact:
    label: str
    lines: list[str]


@dataclass
class ItineraryView:
    facts: list[Fact]
    days: list[ItineraryDay]


def _movement_text(move: Movement, lang: str) -> str:
    parts = (travel_label(move.transport, move.reference, lang), move.place.known_name(lang))
    return " · ".join(p for p in parts if p)


def _movement_title(move: Movement, lang: str) -> str:
    text = messages(lang)
    return text.gettext("Arrival") if move.kind == "arrival" else text.gettext("Departure")


def _interpreter_line(info: InterpreterInfo) -> str:
    languages = " · ".join(code.upper() for code in info.languages)
    text = info.name + (f" ({languages})" if languages else "")
    return text + (f", {info.phone}" if info.phone else "")


def _entry(line: ItineraryLine, itinerary: Itinerary, lang: str) -> PrintEntry:
    text = messages(lang)
    if isinstance(line, SessionLine):
        s = line.session
        marks = []
        if not s.public:
            marks.append(text.pgettext("an event not open to the public", "Private"))
        if s.status == "tentative":
            marks.append(status_label("tentative", lang))
        if s.cancelled:
            marks.append(status_label("cancelled", lang))
        venue = known_name(s.venue.name, s.venue.local_name, itinerary.programme.country, lang)
        details = [("", f"{kind_label(s.kind, lang)} · {venue}")]
        if s.venue.address:
            details.append(("", s.venue.address))
        for info in line.interpreters:
            details.append((text.gettext("Interpreter"), _interpreter_line(info)))
        return PrintEntry(
            "session",
            format_time_range(s.local_start, s.local_end, lang),
            s.title,
            details,
            marks,
            s.cancelled,
            shorten(s.description, 200),
        )
    if isinstance(line, Movement):
        return PrintEntry(
            line.kind,
            format_time(line.local_at, lang),
            _movement_title(line, lang),
            [("", _movement_text(line, lang))],
        )
    if isinstance(line, TransferLine):
        origin, destination = line.origin.known_name(lang), line.destination.known_name(lang)
        # the arrow points the way the place names read, whatever the page's direction
        names = strong_direction(origin) or text_direction(lang)
        route = f"{origin} {'←' if names == 'rtl' else '→'} {destination}"
        details = [(text.gettext("Vehicle"), line.vehicle_name)] if line.vehicle_name else []
        if line.driver:
            driver = line.driver + (f", {line.driver_phone}" if line.driver_phone else "")
            details.append((text.gettext("Driver"), driver))
        return PrintEntry(
            "transfer",
            format_time(line.local_start, lang),
            text.gettext("%(label)s: %(value)s", label=text.gettext("Transfer"), value=route),
            details,
            note=text.gettext("Pick-up %(time)s", time=format_time(line.local_start, lang)),
        )
    return PrintEntry(
        "interpreter",
        format_time_range(line.local_start, line.local_end, lang),
        text.gettext("Interpreter"),
        [("", _interpreter_line(line.interpreter))],
    )


def build_itinerary(itinerary: Itinerary, lang: str) -> ItineraryView:
    """Facts (arrival, departure, hotel, liaison) and day-by-day entries, in ``lang``: the
    itinerary's lines as printed, places by the names a reader of ``lang`` knows them by."""
    days = [
        ItineraryDay(
            day,
            f"day-{day.isoformat()}",
            format_day_heading(day, lang),
            format_gregorian_aside(day, lang),
            [_entry(line, itinerary, lang) for line in lines],
        )
        for day, lines in itinerary.by_day()
    ]

    facts = []
    for move in (itinerary.arrival, itinerary.departure):
        if move is not None:
            when = messages(lang).gettext(
                "%(day)s, %(time)s",
                day=format_date(move.local_at.date(), lang),
                time=format_time(move.local_at, lang),
            )
            facts.append(Fact(_movement_title(move, lang), [when, _movement_text(move, lang)]))
    text = messages(lang)
    if itinerary.hotel_name:
        facts.append(
            Fact(
                text.gettext("Hotel"),
                [x for x in (itinerary.hotel_name, itinerary.hotel_address) if x],
            )
        )
    if itinerary.liaison_name or itinerary.liaison_phone or itinerary.liaison_email:
        facts.append(
            Fact(
                text.gettext("Host liaison"),
                [
                    x
                    for x in (
                        itinerary.liaison_name,
                        text.gettext(
                            "%(label)s: %(value)s",
                            label=text.gettext("Phone"),
                            value=itinerary.liaison_phone,
                        )
                        if itinerary.liaison_phone
                        else "",
                        text.gettext(
                            "%(label)s: %(value)s",
                            label=text.gettext("E-mail"),
                            value=itinerary.liaison_email,
                        )
                        if itinerary.liaison_email
                        else "",
                    )
                    if x
                ],
            )
        )
    return ItineraryView(facts, days)
