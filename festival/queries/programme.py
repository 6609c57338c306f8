"""The programme read model: built once per festival (and audience, and language), shared by
the HTML pages, the calendar feeds and the booklet (a delegation's itinerary builds on it:
``festival.queries.itinerary``).

All times in the read model are aware; ``local_*`` are in the festival's zone. A festival day
runs from 04:00 to 04:00 local, so a late screening stays on its evening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from festival.extensions import db
from festival.i18n import translated
from festival.i18n.languages import text_direction as text_direction
from festival.models import (
    Delegation,
    Event,
    Festival,
    PartnerCity,
    Session,
    Venue,
    event_delegation,
    event_partner_city,
)
from festival.queries.places import CityInfo, VenueInfo, city_info, venue_info

DAY_STARTS = time(4, 0)


def festival_day(local: datetime) -> date:
    """The festival day a local time belongs to: before 04:00 counts as the evening before."""
    return (local - timedelta(hours=DAY_STARTS.hour, minutes=DAY_STARTS.minute)).date()


@dataclass(frozen=True)
class ProgrammeSession:
    """One session as every output shows it (title and description already translated)."""

    key: str
    event_key: str
    kind: str
    title: str
    description: str
    language: str | None
    public: bool
    status: str
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    local_end: datetime
    day: date
    venue: VenueInfo
    partner_cities: tuple[CityInfo, ...]
    delegation_keys: tuple[str, ...]
    sequence: int
    updated_at: datetime
    created_at: datetime

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass
class Programme:
    """A festival's sessions for one audience, in time order, with what pages need besides."""

    slug: str
    name: str
    host_city: str
    country: str
    timezone: str
    zone: ZoneInfo
    starts_on: date
    ends_on: date
    languages: tuple[str, ...]
    description: str
    published: bool
    version: int
    updated_at: datetime
    lang: str | None
    sessions: list[ProgrammeSession]
    venues: list[VenueInfo]
    partner_cities: list[CityInfo]
    kinds: list[str] = field(default_factory=list)

    @property
    def direction(self) -> str:
        return text_direction(self.lang or (self.languages[0] if self.languages else None))

    def days(self) -> list[date]:
        """Every festival day, from ``starts_on`` to ``ends_on`` and any day a session uses."""
        days = {
            self.starts_on + timedelta(n) for n in range((self.ends_on - self.starts_on).days + 1)
        }
        days.update(s.day for s in self.sessions)
        return sorted(days)

    def on_day(self, day: date) -> list[ProgrammeSession]:
        return [s for s in self.sessions if s.day == day]

    def by_key(self, key: str) -> ProgrammeSession | None:
        return next((s for s in self.sessions if s.key == key), None)


def _translated(
    translations: dict[str, dict[str, str]] | None,
    original: str | None,
    name: str,
    lang: str | None,
) -> str:
    """The member in ``lang`` when a translation exists, else the original."""
    if lang:
        value = (translations or {}).get(lang, {}).get(name)
        if value:
            return value
    return original or ""


PUBLIC = "public"  # public events, confirmed sessions
PUBLIC_FEED = "public-feed"  # public events, confirmed and cancelled sessions
ORGANISER = "organiser"  # everything

_STATUSES = {
    PUBLIC: ("confirmed",),
    PUBLIC_FEED: ("confirmed", "cancelled"),
    ORGANISER: ("confirmed", "tentative", "cancelled"),
}


def load_programme_festival(slug: str) -> Festival | None:
    """The festival row; ``festival_programme`` reads the rest in a fixed number of queries."""
    return db.session.scalar(select(Festival).where(Festival.slug == slug))


def festival_programme(
    festival: Festival, *, audience: str = PUBLIC, lang: str | None = None
) -> Programme:
    """The sessions ``audience`` may see, in time order (then venue, then key).

    ``PUBLIC``: sessions of public events that are confirmed (pages, booklet);
    ``PUBLIC_FEED``: also cancelled ones, so subscribed calendars drop them;
    ``ORGANISER``: everything. ``lang`` picks translated titles and descriptions, and the
    festival's name, host city and description; an untranslated text is a ``LocalText``
    in the festival's first language (what the originals are written in).

    Six plain column queries, whatever the festival's size: no ORM objects, which made the
    first view of a 3,000-session programme twice as slow.
    """
    zone = festival.zone
    fid = festival.id
    source = (festival.languages or ["en"])[0]
    venue_rows = db.session.execute(
        select(
            Venue.id,
            Venue.key,
            Venue.name,
            Venue.local_name,
            Venue.address,
            Venue.latitude,
            Venue.longitude,
            Venue.capacity,
            Venue.accessibility,
            Venue.equipment,
        )
        .where(Venue.festival_id == fid)
        .order_by(Venue.position)
    ).all()
    venues = {row.id: venue_info(row) for row in venue_rows}
    city_rows = db.session.execute(
        select(
            PartnerCity.id,
            PartnerCity.key,
            PartnerCity.name,
            PartnerCity.local_name,
            PartnerCity.country,
            PartnerCity.twinned_since,
        )
        .where(PartnerCity.festival_id == fid)
        .order_by(PartnerCity.position)
    ).all()
    cities = {row.id: city_info(row) for row in city_rows}
    event_query = select(
        Event.id,
        Event.key,
        Event.kind,
        Event.title,
        Event.description,
        Event.language,
        Event.public,
        Event.translations,
    ).where(Event.festival_id == fid)
    if audience != ORGANISER:
        event_query = event_query.where(Event.public)
    events = {row.id: row for row in db.session.execute(event_query)}
    event_cities: dict[int, list[CityInfo]] = {}
    for event_id, city_id in db.session.execute(
        select(event_partner_city.c.event_id, event_partner_city.c.partner_city_id)
        .join(Event, Event.id == event_partner_city.c.event_id)
        .where(Event.festival_id == fid)
        .order_by(event_partner_city.c.event_id, event_partner_city.c.position)
    ):
        event_cities.setdefault(event_id, []).append(cities[city_id])
    event_delegations: dict[int, list[str]] = {}
    for event_id, key in db.session.execute(
        select(event_delegation.c.event_id, Delegation.key)
        .join(Delegation, Delegation.id == event_delegation.c.delegation_id)
        .where(Delegation.festival_id == fid)
        .order_by(event_delegation.c.event_id, event_delegation.c.position)
    ):
        event_delegations.setdefault(event_id, []).append(key)

    session_rows = db.session.execute(
        select(
            Session.key,
            Session.event_id,
            Session.venue_id,
            Session.starts_at,
            Session.ends_at,
            Session.status,
            Session.sequence,
            Session.updated_at,
            Session.created_at,
        ).where(Session.festival_id == fid, Session.status.in_(_STATUSES[audience]))
    ).all()
    texts: dict[int, tuple[str, str, tuple[CityInfo, ...], tuple[str, ...]]] = {}
    sessions: list[ProgrammeSession] = []
    for s in session_rows:
        event = events.get(s.event_id)
        if event is None:
            continue
        if s.event_id not in texts:
            texts[s.event_id] = (
                translated(event.translations, event.title, "title", lang, source),
                translated(event.translations, event.description, "description", lang, source),
                tuple(event_cities.get(s.event_id, ())),
                tuple(event_delegations.get(s.event_id, ())),
            )
        title, description, partner_cities, delegation_keys = texts[s.event_id]
        local_start = s.starts_at.astimezone(zone)
        sessions.append(
            ProgrammeSession(
                key=s.key,
                event_key=event.key,
                kind=event.kind,
                title=title,
                description=description,
                language=event.language,
                public=event.public,
                status=s.status,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                local_start=local_start,
                local_end=s.ends_at.astimezone(zone),
                day=festival_day(local_start),
                venue=venues[s.venue_id],
                partner_cities=partner_cities,
                delegation_keys=delegation_keys,
                sequence=s.sequence,
                updated_at=s.updated_at,
                created_at=s.created_at,
            )
        )
    sessions.sort(key=lambda s: (s.starts_at, s.venue.name, s.key))
    return Programme(
        slug=festival.slug,
        name=translated(festival.translations, festival.name, "name", lang, source),
        host_city=translated(festival.translations, festival.host_city, "host_city", lang, source),
        country=festival.country or "",
        timezone=festival.timezone,
        zone=zone,
        starts_on=festival.starts_on,
        ends_on=festival.ends_on,
        languages=tuple(festival.languages or ()),
        description=translated(
            festival.translations, festival.description, "description", lang, source
        ),
        published=festival.published,
        version=festival.version,
        updated_at=festival.updated_at,
        lang=lang,
        sessions=sessions,
        venues=list(venues.values()),
        partner_cities=list(cities.values()),
        kinds=sorted({s.kind for s in sessions}),
    )
