"""What the printed booklet shows, arranged from the programme read model (no database)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from festival.exports.print_text import shorten
from festival.i18n import messages
from festival.i18n.formatting import (
    format_day_heading,
    format_day_short,
    format_gregorian_aside,
    format_time_range,
    kind_labels,
)
from festival.queries.places import CityInfo, VenueInfo
from festival.queries.programme import Programme, ProgrammeSession

# Kinds that run for hours in one place, day after day: listed once in full and then
# compactly on each day, instead of repeating their block every day.
LONG_RUNNING_KINDS = frozenset({"exhibition", "handicraft_showcase"})


@dataclass
class OpenToday:
    """A long-running event's line on one day: where and when it is open."""

    event_key: str
    title: str
    venue: VenueInfo
    hours: str


@dataclass
class BookletDay:
    day: date
    number: int
    anchor: str
    heading: str
    aside: str
    running: str
    sessions: list[ProgrammeSession]
    open_today: list[OpenToday]


@dataclass
class LongRunning:
    """An exhibition open on (nearly) every day: printed in full once."""

    event_key: str
    anchor: str
    kind: str
    title: str
    description: str
    venues: list[VenueInfo]
    partner_cities: tuple[CityInfo, ...]
    days: list[str]
    hours: str


@dataclass
class VenueEntry:
    venue: VenueInfo
    days: list[str]


@dataclass
class CityEntry:
    city: CityInfo
    events: list[str]


@dataclass
class Booklet:
    programme: Programme
    lang: str
    days: list[BookletDay]
    long_running: list[LongRunning]
    venues: list[VenueEntry]
    cities: list[CityEntry]
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def session_count(self) -> int:
        return len(self.programme.sessions)


def long_running_keys(programme: Programme) -> set[str]:
    """Events of a long-running kind with public sessions on all festival days but one
    (at least three days): the exhibitions open all week."""
    festival_days = (programme.ends_on - programme.starts_on).days + 1
    needed = max(3, festival_days - 1)
    days: dict[str, set[date]] = defaultdict(set)
    for s in programme.sessions:
        if s.kind in LONG_RUNNING_KINDS:
            days[s.event_key].add(s.day)
    return {key for key, used in days.items() if len(used) >= needed}


def _hours(sessions: list[ProgrammeSession], lang: str) -> str:
    return ", ".join(format_time_range(s.local_start, s.local_end, lang) for s in sessions)


def _common_hours(sessions: list[ProgrammeSession], lang: str) -> str:
    """The opening hours most days share (the hours of the first day with the most common)."""
    by_day: dict[date, list[ProgrammeSession]] = defaultdict(list)
    for s in sessions:
        by_day[s.day].append(s)
    counts: dict[str, int] = defaultdict(int)
    for day_sessions in by_day.values():
        counts[_hours(day_sessions, lang)] += 1
    return max(counts, key=lambda h: counts[h]) if counts else ""


def build_booklet(programme: Programme, lang: str) -> Booklet:
    """Arrange a (public) programme into the booklet's sections, in ``lang``."""
    long_keys = long_running_keys(programme)
    days: list[BookletDay] = []
    venue_days: dict[str, list[date]] = defaultdict(list)
    city_events: dict[str, list[str]] = defaultdict(list)
    long_sessions: dict[str, list[ProgrammeSession]] = defaultdict(list)

    for s in programme.sessions:
        if s.day not in venue_days[s.venue.key]:
            venue_days[s.venue.key].append(s.day)
        for city in s.partner_cities:
            if s.title not in city_events[city.key]:
                city_events[city.key].append(s.title)
        if s.event_key in long_keys:
            long_sessions[s.event_key].append(s)

    for number, day in enumerate(programme.days(), start=1):
        on_day = programme.on_day(day)
        open_today: dict[tuple[str, str], list[ProgrammeSession]] = defaultdict(list)
        for s in on_day:
            if s.event_key in long_keys:
                open_today[(s.event_key, s.venue.key)].append(s)
        heading = format_day_heading(day, lang)
        day_label = messages(lang).gettext("Day %(number)s", number=number)
        days.append(
            BookletDay(
                day=day,
                number=number,
                anchor=f"day-{day.isoformat()}",
                heading=heading,
                aside=format_gregorian_aside(day, lang),
                running=f"{day_label} · {heading}",
                sessions=[s for s in on_day if s.event_key not in long_keys],
                open_today=[
                    OpenToday(
                        group[0].event_key, group[0].title, group[0].venue, _hours(group, lang)
                    )
                    for group in open_today.values()
                ],
            )
        )

    long_running = []
    for key, sessions in long_sessions.items():
        first = sessions[0]
        venues: list[VenueInfo] = []
        for s in sessions:
            if s.venue not in venues:
                venues.append(s.venue)
        used = sorted({s.day for s in sessions})
        long_running.append(
            LongRunning(
                event_key=key,
                anchor=f"exhibition-{key}",
                kind=first.kind,
                title=first.title,
                description=first.description,
                venues=venues,
                partner_cities=first.partner_cities,
                days=[format_day_short(d, lang) for d in used],
                hours=_common_hours(sessions, lang),
            )
        )

    used_venues = [v for v in programme.venues if v.key in venue_days]
    used_venues.sort(key=lambda v: v.name.casefold())
    return Booklet(
        programme=programme,
        lang=lang,
        days=days,
        long_running=long_running,
        venues=[
            VenueEntry(v, [format_day_short(d, lang) for d in sorted(venue_days[v.key])])
            for v in used_venues
        ],
        cities=[CityEntry(c, city_events.get(c.key, [])) for c in programme.partner_cities],
        kinds=dict(kind_labels(lang)),
    )


def short_description(text: str) -> str:
    return shorten(text, 240)
