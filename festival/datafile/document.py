"""The festival data file's shape: one frozen dataclass per entity, the single source of truth.

Every field of an entity is a member of the file, declared with ``member(KIND)`` in its
``metadata``: the kind of value it holds (a key, a reference to another list's keys, a text of
at most N characters, a time, ...). A field without a default is required; a field with one is
optional and takes that default when absent, ``null`` or invalid. ``json=`` names a member whose
name in the file differs from the field's (``from`` is ``Transfer.from_place``).

- The reader (``festival.datafile.reader``) walks these declarations to read a file, so what
  it accepts, requires and defaults is what this module says.
- The exporter writes a ``Document`` back through the same declarations
  (``festival.datafile.writer``), so export writes every member import reads.
- The shipped JSON Schema (``festival/data/festival-data-1.schema.json``) states the same shape
  for other tools; ``tests/unit/test_datafile_schema.py`` proves it agrees with these classes
  member by member (names, required, types, lengths, defaults).
- The models declare their ``String`` columns with the lengths below, so a text the reader
  accepts always fits its column, on every database.

Plain Python: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from festival.vocabulary import EventKind, SessionStatus

FORMAT = "festival-data/1"

# -- column lengths (characters) -------------------------------------------------------------
# The models' String columns use these; the reader refuses a longer text with invalid-value.
KEY_LENGTH = 64
NAME_LENGTH = 200  # names of cities, venues, hotels, people, vehicles; places
LONG_NAME_LENGTH = 300  # a festival's or a delegation's name
TITLE_LENGTH = 500
EMAIL_LENGTH = 320
PHONE_LENGTH = 64
LANGUAGE_LENGTH = 35  # a BCP 47 tag (RFC 5646 recommends supporting 35)
TIMEZONE_LENGTH = 64
COUNTRY_LENGTH = 2
ROLE_LENGTH = 100
DIETARY_LENGTH = 200
ROOM_LENGTH = 32
TRANSPORT_LENGTH = 32
REFERENCE_LENGTH = 64
KIND_LENGTH = 32
STATUS_LENGTH = 16

MAX_INT = 2**31 - 1  # what an integer column holds on every database
MAX_BUFFER = 7 * 24 * 60  # setup or teardown: at most a week, in minutes

# What a translation may carry: an event's texts, and the festival's own.
EVENT_TEXTS = ("title", "description")
FESTIVAL_TEXTS = ("name", "host_city", "description")


# -- kinds of value --------------------------------------------------------------------------


class Kind:
    """What a member holds; the reader knows how to read each kind."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Text(Kind):
    """A string of at most ``max_length`` characters (None: any length). Never NUL or a lone
    surrogate, which no database column holds; a required text must not be blank."""

    max_length: int | None = None


@dataclass(frozen=True, slots=True)
class Choice(Kind):
    """A string from a vocabulary (``what`` names it in findings: kind, status)."""

    values: tuple[str, ...]
    what: str


@dataclass(frozen=True, slots=True)
class Key(Kind):
    """This item's key: ``[a-z0-9][a-z0-9-]{0,63}``, unique within its list."""


@dataclass(frozen=True, slots=True)
class Ref(Kind):
    """The key of an item of the list ``target`` (``"venues"``), which must exist."""

    target: str


@dataclass(frozen=True, slots=True)
class Refs(Kind):
    """A list of keys of the list ``target``; repeats are dropped, the order is kept."""

    target: str


@dataclass(frozen=True, slots=True)
class Integer(Kind):
    """A whole number (``3.0`` reads as 3) within ``[minimum, maximum]``."""

    minimum: int = 0
    maximum: int = MAX_INT


@dataclass(frozen=True, slots=True)
class Number(Kind):
    """A number within ``[minimum, maximum]``, read as a float."""

    minimum: float
    maximum: float


@dataclass(frozen=True, slots=True)
class Boolean(Kind):
    pass


@dataclass(frozen=True, slots=True)
class Date(Kind):
    """``YYYY-MM-DD``."""


@dataclass(frozen=True, slots=True)
class Time(Kind):
    """``2026-10-18T10:00`` (wall time in the festival's zone) or with an offset; read as an
    aware UTC datetime."""


@dataclass(frozen=True, slots=True)
class Timezone(Kind):
    """An IANA time zone name."""


@dataclass(frozen=True, slots=True)
class Language(Kind):
    """A BCP 47 language tag; an empty string reads as absent."""


@dataclass(frozen=True, slots=True)
class Languages(Kind):
    """A list of BCP 47 language tags."""


@dataclass(frozen=True, slots=True)
class Strings(Kind):
    """A list of strings (equipment tags); ``what`` names an item in findings."""

    what: str


@dataclass(frozen=True, slots=True)
class OpeningHours(Kind):
    """``{"mon": "09:00-21:00", "fri": "09:00-12:00,16:00-22:00"}``."""


@dataclass(frozen=True, slots=True)
class Translations(Kind):
    """``{language: {text: string}}`` with only the ``texts`` allowed."""

    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Nested(Kind):
    """One object of the entity ``entity`` (a delegation's arrival)."""

    entity: type


@dataclass(frozen=True, slots=True)
class Items(Kind):
    """A list of objects of the entity ``entity``, unique by key within the list, or within
    the festival when ``festival_wide`` (session keys)."""

    entity: type
    festival_wide: bool = False


@dataclass(frozen=True, slots=True)
class Declared:
    """A field's declaration: its kind, its name in the file, and, for a member required only
    when another is absent, that other member's name."""

    kind: Kind
    json: str | None = None
    unless: str | None = None


def member(kind: Kind, *, json: str | None = None, unless: str | None = None) -> dict[str, Any]:
    """A field's ``metadata``: ``field(default="", metadata=member(Text(NAME_LENGTH)))``."""
    return {"member": Declared(kind, json, unless)}


_MEMBERS: dict[type, tuple[MemberField, ...]] = {}


@dataclass(frozen=True, slots=True)
class MemberField:
    """One member of an entity as the reader and the writer walk it."""

    attr: str  # the dataclass field
    name: str  # the member's name in the file
    kind: Kind
    required: bool
    unless: str | None
    default: Any  # ``dataclasses.MISSING`` when required


def members(entity: type) -> tuple[MemberField, ...]:
    """The declared members of an entity class, in declaration (and file) order."""
    found = _MEMBERS.get(entity)
    if found is None:
        found = _MEMBERS[entity] = _declared(entity)
    return found


def _declared(entity: type) -> tuple[MemberField, ...]:
    out = []
    for f in fields(entity):
        declared = f.metadata.get("member")
        if declared is None:
            continue
        if f.default is not MISSING:
            default: Any = f.default
        elif f.default_factory is not MISSING:
            default = f.default_factory()
        else:
            default = MISSING
        out.append(
            MemberField(
                f.name,
                declared.json or f.name,
                declared.kind,
                default is MISSING,
                declared.unless,
                default,
            )
        )
    return tuple(out)


def located(entity: type) -> bool:
    """Whether items of this entity record their place in the file (``path``)."""
    return any(f.metadata.get("location") for f in fields(entity))


# Not a member of the file: where the item sits in it (``events[e].sessions[s]``), for findings.
LOCATION: dict[str, Any] = {"location": True}

KEY = Key()
TIME = Time()
TEXT = Text()
BOOLEAN = Boolean()
COUNT = Integer()
NAME = Text(NAME_LENGTH)
EMAIL = Text(EMAIL_LENGTH)
PHONE = Text(PHONE_LENGTH)
LATITUDE = Number(-90, 90)
LONGITUDE = Number(-180, 180)


# -- entities --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Festival:
    """The festival itself: dates are local to its time zone."""

    slug: str = field(metadata=member(KEY))
    name: str = field(metadata=member(Text(LONG_NAME_LENGTH)))
    host_city: str = field(metadata=member(NAME))
    country: str = field(default="", metadata=member(Text(COUNTRY_LENGTH)))
    timezone: str = field(metadata=member(Timezone()))
    starts_on: date = field(metadata=member(Date()))
    ends_on: date = field(metadata=member(Date()))
    languages: tuple[str, ...] = field(default=(), metadata=member(Languages()))
    description: str = field(default="", metadata=member(TEXT))
    translations: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict, metadata=member(Translations(FESTIVAL_TEXTS))
    )
    published: bool = field(default=True, metadata=member(BOOLEAN))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerCity:
    key: str = field(metadata=member(KEY))
    name: str = field(default="", metadata=member(NAME))
    local_name: str = field(default="", metadata=member(NAME))
    country: str = field(default="", metadata=member(Text(COUNTRY_LENGTH)))
    timezone: str | None = field(default=None, metadata=member(Timezone()))
    twinned_since: int | None = field(default=None, metadata=member(COUNT))


@dataclass(frozen=True, slots=True, kw_only=True)
class Venue:
    """A venue; ``opening_hours`` None means always open, a day it does not list is closed."""

    key: str = field(metadata=member(KEY))
    name: str = field(default="", metadata=member(NAME))
    local_name: str = field(default="", metadata=member(NAME))
    address: str = field(default="", metadata=member(TEXT))
    latitude: float | None = field(default=None, metadata=member(LATITUDE))
    longitude: float | None = field(default=None, metadata=member(LONGITUDE))
    capacity: int | None = field(default=None, metadata=member(COUNT))
    equipment: tuple[str, ...] = field(default=(), metadata=member(Strings("equipment")))
    setup_minutes: int = field(default=0, metadata=member(Integer(maximum=MAX_BUFFER)))
    teardown_minutes: int = field(default=0, metadata=member(Integer(maximum=MAX_BUFFER)))
    shared: bool = field(default=False, metadata=member(BOOLEAN))
    opening_hours: Mapping[str, str] | None = field(default=None, metadata=member(OpeningHours()))
    accessibility: str = field(default="", metadata=member(TEXT))


@dataclass(frozen=True, slots=True, kw_only=True)
class Hotel:
    key: str = field(metadata=member(KEY))
    name: str = field(default="", metadata=member(NAME))
    address: str = field(default="", metadata=member(TEXT))
    latitude: float | None = field(default=None, metadata=member(LATITUDE))
    longitude: float | None = field(default=None, metadata=member(LONGITUDE))


@dataclass(frozen=True, slots=True, kw_only=True)
class Movement:
    """A delegation's arrival in or departure from the host city."""

    at: datetime = field(metadata=member(TIME))
    transport: str = field(default="", metadata=member(Text(TRANSPORT_LENGTH)))
    reference: str = field(default="", metadata=member(Text(REFERENCE_LENGTH)))
    place: str = field(default="", metadata=member(NAME))


@dataclass(frozen=True, slots=True, kw_only=True)
class Liaison:
    """The host's liaison officer for a delegation."""

    name: str = field(default="", metadata=member(NAME))
    phone: str = field(default="", metadata=member(PHONE))
    email: str = field(default="", metadata=member(EMAIL))


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A member of a delegation; ``hotel`` overrides the delegation's."""

    key: str = field(metadata=member(KEY))
    name: str = field(metadata=member(NAME))
    role: str = field(default="", metadata=member(Text(ROLE_LENGTH)))
    languages: tuple[str, ...] = field(default=(), metadata=member(Languages()))
    dietary: str = field(default="", metadata=member(Text(DIETARY_LENGTH)))
    accessibility: str = field(default="", metadata=member(TEXT))
    email: str = field(default="", metadata=member(EMAIL))
    phone: str = field(default="", metadata=member(PHONE))
    room: str = field(default="", metadata=member(Text(ROOM_LENGTH)))
    hotel: str | None = field(default=None, metadata=member(Ref("hotels")))
    needs: tuple[str, ...] = field(default=(), metadata=member(Strings("need")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Delegation:
    key: str = field(metadata=member(KEY))
    partner_city: str = field(metadata=member(Ref("partner_cities")))
    name: str = field(default="", metadata=member(Text(LONG_NAME_LENGTH)))
    contact_email: str = field(default="", metadata=member(EMAIL))
    language: str | None = field(default=None, metadata=member(Language()))
    hotel: str | None = field(default=None, metadata=member(Ref("hotels")))
    arrival: Movement | None = field(default=None, metadata=member(Nested(Movement)))
    departure: Movement | None = field(default=None, metadata=member(Nested(Movement)))
    liaison: Liaison = field(default=Liaison(), metadata=member(Nested(Liaison)))
    members: tuple[Member, ...] = field(default=(), metadata=member(Items(Member)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """When and where an event happens; ``path`` locates it in the file."""

    key: str = field(metadata=member(KEY))
    starts_at: datetime = field(metadata=member(TIME))
    ends_at: datetime = field(metadata=member(TIME))
    status: SessionStatus = field(
        default=SessionStatus.CONFIRMED, metadata=member(Choice(tuple(SessionStatus), "status"))
    )
    venue: str = field(metadata=member(Ref("venues")))
    path: str = field(default="", metadata=LOCATION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """What happens (an exhibition, a screening), apart from when and where."""

    key: str = field(metadata=member(KEY))
    kind: EventKind = field(metadata=member(Choice(tuple(EventKind), "kind")))
    title: str = field(metadata=member(Text(TITLE_LENGTH)))
    description: str = field(default="", metadata=member(TEXT))
    language: str | None = field(default=None, metadata=member(Language()))
    public: bool = field(default=True, metadata=member(BOOLEAN))
    partner_cities: tuple[str, ...] = field(default=(), metadata=member(Refs("partner_cities")))
    delegations: tuple[str, ...] = field(default=(), metadata=member(Refs("delegations")))
    expected_attendance: int | None = field(default=None, metadata=member(COUNT))
    requires: tuple[str, ...] = field(default=(), metadata=member(Strings("equipment")))
    translations: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict, metadata=member(Translations(EVENT_TEXTS))
    )
    sessions: tuple[Session, ...] = field(
        default=(), metadata=member(Items(Session, festival_wide=True))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class VenueHold:
    """A venue blocked without a session (build-up); it counts as a session for clashes."""

    key: str = field(metadata=member(KEY))
    venue: str = field(metadata=member(Ref("venues")))
    starts_at: datetime = field(metadata=member(TIME))
    ends_at: datetime = field(metadata=member(TIME))
    reason: str = field(default="", metadata=member(TEXT))
    path: str = field(default="", metadata=LOCATION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Vehicle:
    key: str = field(metadata=member(KEY))
    name: str = field(default="", metadata=member(NAME))
    seats: int | None = field(default=None, metadata=member(COUNT))
    driver: str = field(default="", metadata=member(NAME))
    phone: str = field(default="", metadata=member(PHONE))


@dataclass(frozen=True, slots=True, kw_only=True)
class Interpreter:
    key: str = field(metadata=member(KEY))
    name: str = field(default="", metadata=member(NAME))
    languages: tuple[str, ...] = field(default=(), metadata=member(Languages()))
    phone: str = field(default="", metadata=member(PHONE))


@dataclass(frozen=True, slots=True, kw_only=True)
class Transfer:
    """A ride of delegations; a place is free text (an airport code, a hotel key)."""

    key: str = field(metadata=member(KEY))
    vehicle: str | None = field(default=None, metadata=member(Ref("vehicles")))
    delegations: tuple[str, ...] = field(default=(), metadata=member(Refs("delegations")))
    from_place: str = field(default="", metadata=member(NAME, json="from"))
    to_place: str = field(default="", metadata=member(NAME, json="to"))
    starts_at: datetime = field(metadata=member(TIME))
    ends_at: datetime = field(metadata=member(TIME))
    path: str = field(default="", metadata=LOCATION)


@dataclass(frozen=True, slots=True, kw_only=True)
class InterpreterAssignment:
    """An interpreter for a delegation: for a session's times, or for its own ``starts_at`` to
    ``ends_at`` (required when there is no ``session``)."""

    key: str = field(metadata=member(KEY))
    interpreter: str = field(metadata=member(Ref("interpreters")))
    delegation: str | None = field(default=None, metadata=member(Ref("delegations")))
    session: str | None = field(default=None, metadata=member(Ref("sessions")))
    starts_at: datetime | None = field(default=None, metadata=member(TIME, unless="session"))
    ends_at: datetime | None = field(default=None, metadata=member(TIME, unless="session"))
    path: str = field(default="", metadata=LOCATION)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A clean festival: the file's shape, defaults filled in, times aware (UTC), and every
    item that could not be read (or that names something unknown) left out.

    The lists are read in this order, so a reference only ever names a list read before it.
    """

    festival: Festival = field(metadata=member(Nested(Festival)))
    partner_cities: tuple[PartnerCity, ...] = field(default=(), metadata=member(Items(PartnerCity)))
    venues: tuple[Venue, ...] = field(default=(), metadata=member(Items(Venue)))
    hotels: tuple[Hotel, ...] = field(default=(), metadata=member(Items(Hotel)))
    delegations: tuple[Delegation, ...] = field(default=(), metadata=member(Items(Delegation)))
    events: tuple[Event, ...] = field(default=(), metadata=member(Items(Event)))
    venue_holds: tuple[VenueHold, ...] = field(default=(), metadata=member(Items(VenueHold)))
    vehicles: tuple[Vehicle, ...] = field(default=(), metadata=member(Items(Vehicle)))
    interpreters: tuple[Interpreter, ...] = field(default=(), metadata=member(Items(Interpreter)))
    transfers: tuple[Transfer, ...] = field(default=(), metadata=member(Items(Transfer)))
    interpreter_assignments: tuple[InterpreterAssignment, ...] = field(
        default=(), metadata=member(Items(InterpreterAssignment))
    )

    @property
    def slug(self) -> str:
        return self.festival.slug

    @property
    def zone(self) -> ZoneInfo:
        return self.festival.zone

    def sessions(self) -> Iterator[tuple[Event, Session]]:
        """Every (event, session) pair, in file order."""
        return ((e, s) for e in self.events for s in e.sessions)


ENTITIES: tuple[type, ...] = (
    Document,
    Festival,
    PartnerCity,
    Venue,
    Hotel,
    Movement,
    Liaison,
    Member,
    Delegation,
    Session,
    Event,
    VenueHold,
    Vehicle,
    Interpreter,
    Transfer,
    InterpreterAssignment,
)
