"""The part of a stored festival one change can touch, as the scheduling rules' input.

A service puts its candidate (the entity as it would be after the change) in first, then
adds the stored rows the change could clash with, found through indexes; a stored row
never replaces a candidate with the same key. The rules then run on this small festival
exactly as they run on a whole one (``festival.scheduling.check_festival``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import joinedload, selectinload

from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    Interpreter,
    InterpreterAssignment,
    Session,
    Transfer,
    Vehicle,
    Venue,
    VenueHold,
    event_delegation,
    transfer_delegation,
)
from festival.scheduling.spec import (
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    HoldSpec,
    InterpreterSpec,
    SessionSpec,
    TransferSpec,
    VehicleSpec,
    VenueSpec,
)
from festival.services import specs
from festival.vocabulary import SessionStatus


@dataclass
class Neighbourhood:
    """Rule input collected by key; ``put_*`` a candidate, ``add_*`` stored rows."""

    festival: Festival
    venues: dict[str, VenueSpec] = field(default_factory=dict)
    events: dict[str, EventSpec] = field(default_factory=dict)
    sessions: dict[str, SessionSpec] = field(default_factory=dict)
    holds: dict[str, HoldSpec] = field(default_factory=dict)
    delegations: dict[str, DelegationSpec] = field(default_factory=dict)
    vehicles: dict[str, VehicleSpec] = field(default_factory=dict)
    interpreters: dict[str, InterpreterSpec] = field(default_factory=dict)
    transfers: dict[str, TransferSpec] = field(default_factory=dict)
    assignments: dict[str, AssignmentSpec] = field(default_factory=dict)
    has_hotels: bool = False

    def add_venue(self, row: Venue) -> None:
        self.venues.setdefault(row.key, specs.venue_spec(row))

    def add_event(self, row: Event) -> None:
        self.events.setdefault(row.key, specs.event_spec(row))

    def add_session(self, row: Session) -> None:
        self.sessions.setdefault(row.key, specs.session_spec(row))
        self.add_venue(row.venue)
        self.add_event(row.event)

    def add_hold(self, row: VenueHold) -> None:
        self.holds.setdefault(row.key, specs.hold_spec(row))
        self.add_venue(row.venue)

    def add_delegation(self, row: Delegation) -> None:
        self.delegations.setdefault(row.key, specs.delegation_spec(row))

    def add_vehicle(self, row: Vehicle) -> None:
        self.vehicles.setdefault(row.key, VehicleSpec(row.key, row.seats))

    def add_interpreter(self, row: Interpreter) -> None:
        self.interpreters.setdefault(row.key, InterpreterSpec(row.key, tuple(row.languages or ())))

    def add_transfer(self, row: Transfer) -> None:
        """The transfer, its vehicle and the delegations it carries (their members count)."""
        self.transfers.setdefault(row.key, specs.transfer_spec(row))
        if row.vehicle is not None:
            self.add_vehicle(row.vehicle)
        for d in row.delegations:
            self.add_delegation(d)

    def add_assignment(self, row: InterpreterAssignment) -> None:
        """The assignment, its interpreter, its session (whose times it is busy for) and its
        delegation (whose members' languages the interpreter must speak one of)."""
        self.assignments.setdefault(row.key, specs.assignment_spec(row))
        self.add_interpreter(row.interpreter)
        if row.session is not None:
            self.add_session(row.session)
        if row.delegation is not None:
            self.add_delegation(row.delegation)

    def spec(self) -> FestivalSpec:
        f = self.festival
        return FestivalSpec(
            timezone=f.zone,
            starts_on=f.starts_on,
            ends_on=f.ends_on,
            languages=tuple(f.languages or ()),
            has_hotels=self.has_hotels,
            venues=self.venues,
            events=self.events,
            sessions=tuple(self.sessions.values()),
            holds=tuple(self.holds.values()),
            delegations=self.delegations,
            vehicles=self.vehicles,
            interpreters=self.interpreters,
            transfers=tuple(self.transfers.values()),
            assignments=tuple(self.assignments.values()),
        )


def _sessions() -> Select[Session]:
    return select(Session).options(
        joinedload(Session.event).selectinload(Event.delegations).selectinload(Delegation.members),
        joinedload(Session.venue),
    )


def sessions_at_venue(venue: Venue) -> list[Session]:
    """Every live (not cancelled) session at the venue, with its event and venue."""
    query = _sessions().where(
        Session.venue_id == venue.id, Session.status != SessionStatus.CANCELLED
    )
    return list(db.session.scalars(query).unique())


def holds_at_venue(venue: Venue) -> list[VenueHold]:
    query = select(VenueHold).where(VenueHold.venue_id == venue.id)
    return list(db.session.scalars(query.options(joinedload(VenueHold.venue))))


def sessions_of_events(event_ids: Iterable[int]) -> list[Session]:
    ids = list(event_ids)
    if not ids:
        return []
    query = _sessions().where(Session.event_id.in_(ids), Session.status != SessionStatus.CANCELLED)
    return list(db.session.scalars(query).unique())


def sessions_of_delegation(delegation: Delegation) -> list[Session]:
    """Every live session of the events that list the delegation."""
    listed = select(event_delegation.c.event_id).where(
        event_delegation.c.delegation_id == delegation.id
    )
    query = _sessions().where(
        Session.event_id.in_(listed), Session.status != SessionStatus.CANCELLED
    )
    return list(db.session.scalars(query).unique())


def transfers_carrying(delegation_ids: Iterable[int]) -> list[Transfer]:
    ids = list(delegation_ids)
    if not ids:
        return []
    carried = select(transfer_delegation.c.transfer_id).where(
        transfer_delegation.c.delegation_id.in_(ids)
    )
    query = select(Transfer).where(Transfer.id.in_(carried))
    return list(db.session.scalars(query.options(selectinload(Transfer.delegations))))


def transfers_of_vehicle(vehicle: Vehicle) -> list[Transfer]:
    query = select(Transfer).where(Transfer.vehicle_id == vehicle.id)
    return list(db.session.scalars(query.options(selectinload(Transfer.delegations))))


def any_other_transfer(festival: Festival, keys: Iterable[str]) -> Transfer | None:
    """One transfer of the festival not among ``keys``: the arrival and departure rules run
    only when "the festival has transfers"."""
    query = select(Transfer).where(Transfer.festival_id == festival.id)
    taken = list(keys)
    if taken:
        query = query.where(Transfer.key.not_in(taken))
    return db.session.scalars(query.limit(1)).first()


def assignments_where(*conditions: object) -> list[InterpreterAssignment]:
    query = select(InterpreterAssignment).where(*conditions)  # type: ignore[arg-type]
    return list(db.session.scalars(query))


def festival_has_hotels(festival: Festival) -> bool:
    return bool(db.session.scalar(select(exists().where(Hotel.festival_id == festival.id))))


__all__ = [
    "Neighbourhood",
    "any_other_transfer",
    "assignments_where",
    "festival_has_hotels",
    "holds_at_venue",
    "sessions_at_venue",
    "sessions_of_delegation",
    "sessions_of_events",
    "transfers_carrying",
    "transfers_of_vehicle",
]
