"""The programme read model: built once per festival (and audience, and language), shared by
the HTML pages, the calendar feeds and the booklet.

All times in the read model are aware; ``local_*`` are in the festival's zone. A festival day
runs from 04:00 to 04:00 local, so a late screening stays on its evening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from festival.extensions import db
from festival.i18n import translated
from festival.i18n.languages import text_direction as text_direction
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    InterpreterAssignment,
    PartnerCity,
    Session,
    Transfer,
    Venue,
    event_delegation,
    event_partner_city,
)

DAY_STARTS = time(4, 0)


def festival_day(local: datetime) -> date:
    """The festival day a local time belongs to: before 04:00 counts as the evening before."""
    return (local - timedelta(hours=DAY_STARTS.hour, minutes=DAY_STARTS.minute)).date()


@dataclass(frozen=True)
class CityInfo:
    key: str
    name: str
    local_name: str
    country: str
    twinned_since: int | None = None


@dataclass(frozen=True)
class VenueInfo:
    key: str
    name: str
    local_name: str
    address: str
    latitude: float | None
    longitude: float | None
    capacity: int | None
    accessibility: str
    equipment: tuple[str, ...]

    @property
    def step_free(self) -> bool:
        return "step_free" in self.equipment


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


def _city(c: Any) -> CityInfo:
    return CityInfo(c.key, c.name, c.local_name or "", c.country or "", c.twinned_since)


def _venue(v: Any) -> VenueInfo:
    return VenueInfo(
        v.key,
        v.name,
        v.local_name or "",
        v.address or "",
        v.latitude,
        v.longitude,
        v.capacity,
        v.accessibility or "",
        tuple(v.equipment or ()),
    )


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
    venues = {row.id: _venue(row) for row in venue_rows}
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
    cities = {row.id: _city(row) for row in city_rows}
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


# -- a delegation's itinerary ---------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    kind: str  # "arrival" or "departure"
    at: datetime
    local_at: datetime
    transport: str
    reference: str
    place: str


@dataclass(frozen=True)
class TransferInfo:
    key: str
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    local_end: datetime
    from_place: str
    to_place: str
    vehicle_name: str
    vehicle_key: str
    driver: str
    driver_phone: str


@dataclass(frozen=True)
class InterpreterInfo:
    key: str
    assignment_key: str
    name: str
    languages: tuple[str, ...]
    phone: str
    session_key: str | None
    starts_at: datetime | None
    ends_at: datetime | None


@dataclass
class Itinerary:
    """One delegation's week. Holds no personal data of members (no diets, health needs,
    phones or e-mail addresses): the token URL gets forwarded."""

    programme: Programme
    key: str
    name: str
    city: CityInfo
    language: str
    hotel_name: str
    hotel_address: str
    hotel_key: str
    liaison_name: str
    liaison_phone: str
    liaison_email: str
    member_count: int
    arrival: Movement | None
    departure: Movement | None
    sessions: list[ProgrammeSession]
    transfers: list[TransferInfo]
    interpreters: list[InterpreterInfo]
    # Venue and hotel keys -> names: a transfer's places are often keys ("abbasi" -> the hotel).
    place_names: dict[str, str] = field(default_factory=dict)

    def days(self) -> list[date]:
        days = {s.day for s in self.sessions}
        days.update(festival_day(t.local_start) for t in self.transfers)
        for move in (self.arrival, self.departure):
            if move is not None:
                days.add(festival_day(move.local_at))
        days.update(self.programme.days())
        return sorted(days)


def delegation_itinerary(delegation: Delegation, *, lang: str | None = None) -> Itinerary:
    """The sessions of events that list the delegation (public or not, confirmed and tentative,
    cancelled ones too, marked), its arrival and departure, transfers and interpreters."""
    festival = load_programme_festival(delegation.festival.slug)
    assert festival is not None
    lang = lang or delegation.language or None
    everything = festival_programme(festival, audience=ORGANISER, lang=lang)
    mine = [s for s in everything.sessions if delegation.key in s.delegation_keys]
    zone = festival.zone

    def movement(kind: str) -> Movement | None:
        at = getattr(delegation, f"{kind}_at")
        if at is None:
            return None
        return Movement(
            kind,
            at,
            at.astimezone(zone),
            getattr(delegation, f"{kind}_transport"),
            getattr(delegation, f"{kind}_reference"),
            getattr(delegation, f"{kind}_place"),
        )

    transfers = db.session.scalars(
        select(Transfer)
        .where(
            Transfer.festival_id == festival.id,
            Transfer.delegations.any(Delegation.id == delegation.id),
        )
        .options(selectinload(Transfer.vehicle))
        .order_by(Transfer.starts_at)
    )
    assignments = db.session.scalars(
        select(InterpreterAssignment)
        .where(InterpreterAssignment.delegation_id == delegation.id)
        .options(
            selectinload(InterpreterAssignment.interpreter),
            selectinload(InterpreterAssignment.session),
        )
        .order_by(InterpreterAssignment.position)
    )
    hotel = delegation.hotel
    place_names = {v.key: v.name for v in everything.venues}
    hotels = select(Hotel.key, Hotel.name).where(Hotel.festival_id == festival.id)
    place_names.update((key, name) for key, name in db.session.execute(hotels))
    return Itinerary(
        place_names=place_names,
        programme=everything,
        key=delegation.key,
        name=delegation.name,
        city=_city(delegation.partner_city),
        language=lang or "",
        hotel_name=hotel.name if hotel else "",
        hotel_address=hotel.address if hotel else "",
        hotel_key=hotel.key if hotel else "",
        liaison_name=delegation.liaison_name,
        liaison_phone=delegation.liaison_phone,
        liaison_email=delegation.liaison_email,
        member_count=len(delegation.members),
        arrival=movement("arrival"),
        departure=movement("departure"),
        sessions=mine,
        transfers=[
            TransferInfo(
                t.key,
                t.starts_at,
                t.ends_at,
                t.starts_at.astimezone(zone),
                t.ends_at.astimezone(zone),
                t.from_place,
                t.to_place,
                t.vehicle.name if t.vehicle else "",
                t.vehicle.key if t.vehicle else "",
                t.vehicle.driver if t.vehicle else "",
                t.vehicle.phone if t.vehicle else "",
            )
            for t in transfers
        ],
        interpreters=[
            InterpreterInfo(
                a.interpreter.key,
                a.key,
                a.interpreter.name,
                tuple(a.interpreter.languages or ()),
                a.interpreter.phone,
                a.session.key if a.session else None,
                a.session.starts_at if a.session else a.starts_at,
                a.session.ends_at if a.session else a.ends_at,
            )
            for a in assignments
        ],
    )
