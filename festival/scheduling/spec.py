"""The plain data the scheduling rules read: frozen dataclasses, standard library only.

Every datetime is time-zone aware (any zone; rules compare instants). Local dates and
opening hours are read in ``FestivalSpec.timezone``. Keys are unique within their kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from festival.vocabulary import SessionStatus

# Monday is 0, as in ``date.weekday()``.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class OpeningInterval:
    """Wall-clock opening on one weekday; ``closes <= opens`` runs past midnight."""

    opens: time
    closes: time


@dataclass(frozen=True, slots=True)
class VenueSpec:
    key: str
    capacity: int | None = None
    equipment: frozenset[str] = frozenset()
    setup: timedelta = timedelta(0)
    teardown: timedelta = timedelta(0)
    shared: bool = False
    # None: always open. Otherwise weekday -> intervals; a weekday not present is closed.
    opening_hours: Mapping[int, tuple[OpeningInterval, ...]] | None = None


@dataclass(frozen=True, slots=True)
class EventSpec:
    key: str
    language: str | None = None
    expected_attendance: int | None = None
    requires: tuple[str, ...] = ()
    delegations: tuple[str, ...] = ()
    public: bool = True


@dataclass(frozen=True, slots=True)
class SessionSpec:
    key: str
    event: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    status: SessionStatus = SessionStatus.CONFIRMED
    # Where the item sits in the data file, without the member: events[e].sessions[s]
    path: str = ""

    @property
    def cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


@dataclass(frozen=True, slots=True)
class HoldSpec:
    key: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    path: str = ""


@dataclass(frozen=True, slots=True)
class Movement:
    """An arrival or a departure: when and at which place (an airport code, a station)."""

    at: datetime
    place: str | None = None


@dataclass(frozen=True, slots=True)
class MemberSpec:
    key: str
    languages: tuple[str, ...] = ()
    hotel: str | None = None
    # What a venue must offer for this member, in the vocabulary of venue equipment.
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DelegationSpec:
    key: str
    hotel: str | None = None
    arrival: Movement | None = None
    departure: Movement | None = None
    members: tuple[MemberSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class VehicleSpec:
    key: str
    seats: int | None = None


@dataclass(frozen=True, slots=True)
class InterpreterSpec:
    key: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TransferSpec:
    key: str
    vehicle: str | None
    delegations: tuple[str, ...]
    from_place: str | None
    to_place: str | None
    starts_at: datetime
    ends_at: datetime
    path: str = ""


@dataclass(frozen=True, slots=True)
class AssignmentSpec:
    """An interpreter for a delegation: for a session's times, or for its own times."""

    key: str
    interpreter: str
    delegation: str | None
    session: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    path: str = ""


@dataclass(frozen=True, slots=True)
class FestivalSpec:
    timezone: ZoneInfo
    starts_on: date
    ends_on: date
    languages: tuple[str, ...] = ()
    has_hotels: bool = False
    venues: Mapping[str, VenueSpec] = field(default_factory=dict)
    events: Mapping[str, EventSpec] = field(default_factory=dict)
    sessions: tuple[SessionSpec, ...] = ()
    holds: tuple[HoldSpec, ...] = ()
    delegations: Mapping[str, DelegationSpec] = field(default_factory=dict)
    vehicles: Mapping[str, VehicleSpec] = field(default_factory=dict)
    interpreters: Mapping[str, InterpreterSpec] = field(default_factory=dict)
    transfers: tuple[TransferSpec, ...] = ()
    assignments: tuple[AssignmentSpec, ...] = ()
