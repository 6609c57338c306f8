"""A delegation's itinerary read model: its week as one list of lines, built once and only
formatted by every output (the page at ``/d/TOKEN/``, the private feed, the printed itinerary).

A line is a session of an event that lists the delegation (public or not; confirmed, tentative
and cancelled ones, marked), its arrival or departure, a transfer that carries it, or an
interpreter booked for it for hours of their own. Lines are in time order; at the same minute
a delegation arrives first, rides before the appointment it rides to, and leaves last.

Places are resolved here: a transfer's or a movement's place may be a venue or hotel key
(``abbasi`` is the Abbasi Hotel), else it is free text (``IFN``) kept as it is. Times are aware;
``local_*`` are in the festival's zone and ``day`` is the festival day (04:00 to 04:00).

The itinerary holds no personal data of members (no diets, health needs, rooms, phones or
e-mail addresses): the token URL gets forwarded.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import func, select

from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    Interpreter,
    InterpreterAssignment,
    Member,
    PartnerCity,
    Session,
    Transfer,
    Vehicle,
    event_delegation,
)
from festival.models.logistics import transfer_delegation
from festival.queries.places import CityInfo, Place
from festival.queries.programme import (
    ORGANISER,
    Programme,
    ProgrammeSession,
    festival_day,
    festival_programme,
)

# Lines starting at the same minute: arrive first, ride before the appointment, leave last.
_RANK = {"arrival": 0, "transfer": 1, "interpreting": 2, "session": 3, "departure": 4}


@dataclass(frozen=True)
class InterpreterInfo:
    """An interpreter as the delegation meets them (one per assignment)."""

    key: str
    assignment_key: str
    name: str
    languages: tuple[str, ...]
    phone: str


@dataclass(frozen=True)
class SessionLine:
    """A session of an event that lists the delegation, with its interpreters for it.

    ``linked``: the session is on the public programme (a published festival, a public event,
    confirmed or cancelled), so outputs link to its public page; else to the line itself.
    """

    session: ProgrammeSession
    interpreters: tuple[InterpreterInfo, ...]
    linked: bool
    kind: ClassVar[str] = "session"

    @property
    def key(self) -> str:
        return self.session.key

    @property
    def anchor(self) -> str:
        return f"session-{self.session.key}"

    @property
    def starts_at(self) -> datetime:
        return self.session.starts_at

    @property
    def ends_at(self) -> datetime | None:
        return self.session.ends_at

    @property
    def local_start(self) -> datetime:
        return self.session.local_start

    @property
    def local_end(self) -> datetime | None:
        return self.session.local_end

    @property
    def day(self) -> date:
        return self.session.day


@dataclass(frozen=True)
class Movement:
    """The delegation's arrival or departure (an instant: it has no end)."""

    kind: str  # "arrival" or "departure"
    at: datetime
    local_at: datetime
    transport: str
    reference: str
    place: Place

    @property
    def anchor(self) -> str:
        return self.kind

    @property
    def starts_at(self) -> datetime:
        return self.at

    @property
    def ends_at(self) -> datetime | None:
        return None

    @property
    def local_start(self) -> datetime:
        return self.local_at

    @property
    def local_end(self) -> datetime | None:
        return None

    @property
    def day(self) -> date:
        return festival_day(self.local_at)


@dataclass(frozen=True)
class TransferLine:
    """A ride that carries the delegation, from ``origin`` to ``destination``."""

    key: str
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    local_end: datetime
    origin: Place
    destination: Place
    vehicle_key: str
    vehicle_name: str
    driver: str
    driver_phone: str
    kind: ClassVar[str] = "transfer"

    @property
    def anchor(self) -> str:
        return f"transfer-{self.key}"

    @property
    def day(self) -> date:
        return festival_day(self.local_start)


@dataclass(frozen=True)
class InterpretingLine:
    """An interpreter booked for the delegation for hours of their own (not a session's)."""

    interpreter: InterpreterInfo
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    local_end: datetime
    kind: ClassVar[str] = "interpreting"

    @property
    def key(self) -> str:
        return self.interpreter.assignment_key

    @property
    def anchor(self) -> str:
        return f"interpreting-{self.interpreter.assignment_key}"

    @property
    def day(self) -> date:
        return festival_day(self.local_start)


ItineraryLine = SessionLine | Movement | TransferLine | InterpretingLine


@dataclass
class Itinerary:
    """One delegation's week: its facts and its lines, in time order.

    ``programme`` is the festival (name, zone, dates, version) with only this delegation's
    sessions; ``interpreters`` are the people interpreting for it, each once;
    ``translations`` the languages its events are translated into.
    """

    programme: Programme
    key: str
    name: str
    city: CityInfo
    language: str
    hotel_name: str
    hotel_address: str
    liaison_name: str
    liaison_phone: str
    liaison_email: str
    member_count: int
    arrival: Movement | None
    departure: Movement | None
    lines: list[ItineraryLine]
    interpreters: list[InterpreterInfo] = field(default_factory=list)
    translations: tuple[str, ...] = ()

    @property
    def sessions(self) -> list[ProgrammeSession]:
        return [line.session for line in self.lines if isinstance(line, SessionLine)]

    def days(self) -> list[date]:
        """Every festival day, and any day a line falls on."""
        days = {line.day for line in self.lines}
        days.update(self.programme.days())
        return sorted(days)

    def by_day(self) -> list[tuple[date, list[ItineraryLine]]]:
        """Each of :meth:`days` with its lines (an empty list for a day with none)."""
        grouped: dict[date, list[ItineraryLine]] = {day: [] for day in self.days()}
        for line in self.lines:
            grouped[line.day].append(line)
        return list(grouped.items())


def _places(festival: Festival, programme: Programme) -> dict[str, Place]:
    """Venue and hotel keys -> places (a hotel wins a key both use)."""
    country = festival.country or ""
    places = {v.key: Place(v.name, v.local_name, country) for v in programme.venues}
    hotels = select(Hotel.key, Hotel.name).where(Hotel.festival_id == festival.id)
    places.update((key, Place(name)) for key, name in db.session.execute(hotels))
    return places


def delegation_itinerary(
    festival: Festival, delegation_key: str, *, lang: str | None = None
) -> Itinerary | None:
    """The itinerary of the delegation ``delegation_key`` of ``festival`` (None if none),
    with titles in ``lang`` (default: the delegation's own language, else the originals).

    Eleven column queries (the six of the programme among them), however
    many sessions, transfers and interpreters the delegation has.
    """
    member_count = (
        select(func.count(Member.id))
        .where(Member.delegation_id == Delegation.id)
        .scalar_subquery()
        .label("member_count")
    )
    row = db.session.execute(
        select(
            Delegation.id,
            Delegation.key,
            Delegation.name,
            Delegation.language,
            Delegation.liaison_name,
            Delegation.liaison_phone,
            Delegation.liaison_email,
            Delegation.arrival_at,
            Delegation.arrival_transport,
            Delegation.arrival_reference,
            Delegation.arrival_place,
            Delegation.departure_at,
            Delegation.departure_transport,
            Delegation.departure_reference,
            Delegation.departure_place,
            PartnerCity.key.label("city_key"),
            PartnerCity.name.label("city_name"),
            PartnerCity.local_name.label("city_local_name"),
            PartnerCity.country.label("city_country"),
            PartnerCity.twinned_since.label("city_twinned_since"),
            Hotel.name.label("hotel_name"),
            Hotel.address.label("hotel_address"),
            member_count,
        )
        .join(PartnerCity, PartnerCity.id == Delegation.partner_city_id)
        .outerjoin(Hotel, Hotel.id == Delegation.hotel_id)
        .where(Delegation.festival_id == festival.id, Delegation.key == delegation_key)
    ).first()
    if row is None:
        return None
    lang = lang or row.language or None
    everything = festival_programme(festival, audience=ORGANISER, lang=lang)
    zone = festival.zone
    places = _places(festival, everything)

    def place(text: str) -> Place:
        return places.get(text) or Place(text)

    def movement(kind: str) -> Movement | None:
        at: datetime | None = getattr(row, f"{kind}_at")
        if at is None:
            return None
        return Movement(
            kind,
            at,
            at.astimezone(zone),
            getattr(row, f"{kind}_transport"),
            getattr(row, f"{kind}_reference"),
            place(getattr(row, f"{kind}_place")),
        )

    transfers = [
        TransferLine(
            t.key,
            t.starts_at,
            t.ends_at,
            t.starts_at.astimezone(zone),
            t.ends_at.astimezone(zone),
            place(t.from_place),
            place(t.to_place),
            t.vehicle_key or "",
            t.vehicle_name or "",
            t.driver or "",
            t.phone or "",
        )
        for t in db.session.execute(
            select(
                Transfer.key,
                Transfer.starts_at,
                Transfer.ends_at,
                Transfer.from_place,
                Transfer.to_place,
                Vehicle.key.label("vehicle_key"),
                Vehicle.name.label("vehicle_name"),
                Vehicle.driver,
                Vehicle.phone,
            )
            .join(transfer_delegation, transfer_delegation.c.transfer_id == Transfer.id)
            .outerjoin(Vehicle, Vehicle.id == Transfer.vehicle_id)
            .where(transfer_delegation.c.delegation_id == row.id)
            .order_by(Transfer.starts_at, Transfer.key)
        )
    ]

    by_session: dict[str, list[InterpreterInfo]] = {}
    bookings: list[InterpretingLine] = []
    people: dict[str, InterpreterInfo] = {}
    for a in db.session.execute(
        select(
            InterpreterAssignment.key,
            InterpreterAssignment.starts_at,
            InterpreterAssignment.ends_at,
            Interpreter.key.label("interpreter_key"),
            Interpreter.name,
            Interpreter.languages,
            Interpreter.phone,
            Session.key.label("session_key"),
        )
        .join(Interpreter, Interpreter.id == InterpreterAssignment.interpreter_id)
        .outerjoin(Session, Session.id == InterpreterAssignment.session_id)
        .where(InterpreterAssignment.delegation_id == row.id)
        .order_by(InterpreterAssignment.position, InterpreterAssignment.key)
    ):
        info = InterpreterInfo(
            a.interpreter_key, a.key, a.name, tuple(a.languages or ()), a.phone or ""
        )
        people.setdefault(info.key, info)
        if a.session_key is not None:
            by_session.setdefault(a.session_key, []).append(info)
        elif a.starts_at is not None and a.ends_at is not None:
            bookings.append(
                InterpretingLine(
                    info,
                    a.starts_at,
                    a.ends_at,
                    a.starts_at.astimezone(zone),
                    a.ends_at.astimezone(zone),
                )
            )

    mine = [s for s in everything.sessions if delegation_key in s.delegation_keys]
    sessions = [
        SessionLine(
            s,
            tuple(by_session.get(s.key, ())),
            everything.published and s.public and s.status in ("confirmed", "cancelled"),
        )
        for s in mine
    ]
    arrival, departure = movement("arrival"), movement("departure")
    lines: list[ItineraryLine] = [*bookings]
    lines += [m for m in (arrival, departure) if m is not None]
    lines += transfers
    lines += sessions
    lines.sort(key=lambda line: (line.starts_at, _RANK[line.kind]))

    translations = sorted(
        {
            code
            for (found,) in db.session.execute(
                select(Event.translations)
                .join(event_delegation, event_delegation.c.event_id == Event.id)
                .where(event_delegation.c.delegation_id == row.id)
            )
            for code in (found or {})
        }
    )
    return Itinerary(
        programme=replace(everything, sessions=mine, kinds=sorted({s.kind for s in mine})),
        key=row.key,
        name=row.name,
        city=CityInfo(
            row.city_key,
            row.city_name,
            row.city_local_name or "",
            row.city_country or "",
            row.city_twinned_since,
        ),
        language=lang or "",
        hotel_name=row.hotel_name or "",
        hotel_address=row.hotel_address or "",
        liaison_name=row.liaison_name or "",
        liaison_phone=row.liaison_phone or "",
        liaison_email=row.liaison_email or "",
        member_count=row.member_count,
        arrival=arrival,
        departure=departure,
        lines=lines,
        interpreters=list(people.values()),
        translations=tuple(translations),
    )
