"""What a delegation's printed itinerary shows, arranged from its read model (no database)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from festival.exports.print_text import shorten, strong_direction
from festival.i18n import messages
from festival.i18n.formatting import (
    format_date,
    format_day_heading,
    format_gregorian_aside,
    format_time,
    format_time_range,
    kind_label,
    place_language,
    primary,
    status_label,
    travel_label,
)
from festival.queries.programme import (
    InterpreterInfo,
    Itinerary,
    Movement,
    VenueInfo,
    festival_day,
    text_direction,
)

# Entries starting at the same minute: arrive first, ride before the appointment.
_ORDER = {"arrival": 0, "transfer": 1, "interpreter": 2, "session": 3, "departure": 4}


@dataclass
class Entry:
    kind: str
    at: datetime
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
    entries: list[Entry]


@dataclass
class Fact:
    label: str
    lines: list[str]


@dataclass
class ItineraryView:
    facts: list[Fact]
    days: list[ItineraryDay]


def _movement_text(move: Movement, lang: str) -> str:
    parts = (travel_label(move.transport, move.reference, lang), move.place)
    return " · ".join(p for p in parts if p)


def _movement_title(move: Movement, lang: str) -> str:
    text = messages(lang)
    return text.gettext("Arrival") if move.kind == "arrival" else text.gettext("Departure")


def _interpreter_line(info: InterpreterInfo) -> str:
    languages = " · ".join(code.upper() for code in info.languages)
    text = info.name + (f" ({languages})" if languages else "")
    return text + (f", {info.phone}" if info.phone else "")


def build_itinerary(itinerary: Itinerary, lang: str, places: dict[str, str]) -> ItineraryView:
    """Facts (arrival, departure, hotel, liaison) and day-by-day entries, in ``lang``.

    ``places`` names the hotels transfers start or end at (venues come from the programme).
    """
    zone = itinerary.programme.zone
    host_language = place_language(itinerary.programme.country)

    def venue_name(venue: VenueInfo) -> str:
        """The name a reader of ``lang`` knows the venue by (its own, in the host's language)."""
        if venue.local_name and host_language and primary(host_language) == primary(lang):
            return venue.local_name
        return venue.name

    places = {v.key: venue_name(v) for v in itinerary.programme.venues} | places
    entries: list[Entry] = []
    by_session: dict[str, list[InterpreterInfo]] = defaultdict(list)
    for info in itinerary.interpreters:
        if info.session_key:
            by_session[info.session_key].append(info)
        elif info.starts_at and info.ends_at:
            entries.append(
                Entry(
                    "interpreter",
                    info.starts_at.astimezone(zone),
                    format_time_range(
                        info.starts_at.astimezone(zone), info.ends_at.astimezone(zone), lang
                    ),
                    messages(lang).gettext("Interpreter"),
                    [("", _interpreter_line(info))],
                )
            )

    for move in (itinerary.arrival, itinerary.departure):
        if move is not None:
            entries.append(
                Entry(
                    move.kind,
                    move.local_at,
                    format_time(move.local_at, lang),
                    _movement_title(move, lang),
                    [("", _movement_text(move, lang))],
                )
            )

    for t in itinerary.transfers:
        origin = places.get(t.from_place, t.from_place)
        # the arrow points the way the place names read, whatever the page's direction
        names = strong_direction(origin) or text_direction(lang)
        route = f"{origin} {'←' if names == 'rtl' else '→'} {places.get(t.to_place, t.to_place)}"
        text = messages(lang)
        details = [(text.gettext("Vehicle"), t.vehicle_name)] if t.vehicle_name else []
        if t.driver:
            details.append(
                (
                    text.gettext("Driver"),
                    t.driver + (f", {t.driver_phone}" if t.driver_phone else ""),
                )
            )
        entries.append(
            Entry(
                "transfer",
                t.local_start,
                format_time(t.local_start, lang),
                text.gettext("%(label)s: %(value)s", label=text.gettext("Transfer"), value=route),
                details,
                note=text.gettext("Pick-up %(time)s", time=format_time(t.local_start, lang)),
            )
        )

    for s in itinerary.sessions:
        text = messages(lang)
        marks = []
        if not s.public:
            marks.append(text.pgettext("an event not open to the public", "Private"))
        if s.status == "tentative":
            marks.append(status_label("tentative", lang))
        if s.cancelled:
            marks.append(status_label("cancelled", lang))
        details = [("", f"{kind_label(s.kind, lang)} · {venue_name(s.venue)}")]
        if s.venue.address:
            details.append(("", s.venue.address))
        for info in by_session.get(s.key, []):
            details.append((text.gettext("Interpreter"), _interpreter_line(info)))
        entries.append(
            Entry(
                "session",
                s.local_start,
                format_time_range(s.local_start, s.local_end, lang),
                s.title,
                details,
                marks,
                s.cancelled,
                shorten(s.description, 200),
            )
        )

    grouped: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[festival_day(entry.at)].append(entry)
    days = []
    for day in itinerary.days():
        day_entries = sorted(grouped.get(day, []), key=lambda e: (e.at, _ORDER[e.kind]))
        days.append(
            ItineraryDay(
                day,
                f"day-{day.isoformat()}",
                format_day_heading(day, lang),
                format_gregorian_aside(day, lang),
                day_entries,
            )
        )

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
