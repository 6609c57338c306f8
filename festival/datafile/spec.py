"""Turn a clean data-file document into the scheduling rules' input."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from festival.datafile import document as file
from festival.datafile.reader import parse_hours
from festival.scheduling.spec import (
    WEEKDAYS,
    AssignmentSpec,
    DelegationSpec,
    EventSpec,
    FestivalSpec,
    HoldSpec,
    InterpreterSpec,
    MemberSpec,
    Movement,
    OpeningInterval,
    SessionSpec,
    TransferSpec,
    VehicleSpec,
    VenueSpec,
)


def opening_hours_spec(
    hours: Mapping[str, str] | None,
) -> dict[int, tuple[OpeningInterval, ...]] | None:
    """``{"mon": "09:00-21:00"}`` as weekday number -> intervals; None stays always-open."""
    if hours is None:
        return None
    out: dict[int, tuple[OpeningInterval, ...]] = {}
    for day, text in hours.items():
        intervals = parse_hours(text) or []
        out[WEEKDAYS.index(day)] = tuple(OpeningInterval(a, b) for a, b in intervals)
    return out


def venue_spec(venue: file.Venue) -> VenueSpec:
    return VenueSpec(
        key=venue.key,
        capacity=venue.capacity,
        equipment=frozenset(venue.equipment),
        setup=timedelta(minutes=venue.setup_minutes),
        teardown=timedelta(minutes=venue.teardown_minutes),
        shared=venue.shared,
        opening_hours=opening_hours_spec(venue.opening_hours),
    )


def _movement(move: file.Movement | None) -> Movement | None:
    return None if move is None else Movement(at=move.at, place=move.place or None)


def spec_from_document(doc: file.Document) -> FestivalSpec:
    """The rules' view of a document: every entity by key, times aware."""
    festival = doc.festival
    return FestivalSpec(
        timezone=doc.zone,
        starts_on=festival.starts_on,
        ends_on=festival.ends_on,
        languages=festival.languages,
        has_hotels=bool(doc.hotels),
        venues={v.key: venue_spec(v) for v in doc.venues},
        events={
            e.key: EventSpec(
                key=e.key,
                language=e.language,
                expected_attendance=e.expected_attendance,
                requires=e.requires,
                delegations=e.delegations,
                public=e.public,
            )
            for e in doc.events
        },
        sessions=tuple(
            SessionSpec(
                key=s.key,
                event=e.key,
                venue=s.venue,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                status=s.status,
                path=s.path,
            )
            for e, s in doc.sessions()
        ),
        holds=tuple(
            HoldSpec(h.key, h.venue, h.starts_at, h.ends_at, path=h.path) for h in doc.venue_holds
        ),
        delegations={
            d.key: DelegationSpec(
                key=d.key,
                hotel=d.hotel,
                arrival=_movement(d.arrival),
                departure=_movement(d.departure),
                members=tuple(MemberSpec(m.key, m.languages, m.hotel, m.needs) for m in d.members),
            )
            for d in doc.delegations
        },
        vehicles={v.key: VehicleSpec(v.key, v.seats) for v in doc.vehicles},
        interpreters={i.key: InterpreterSpec(i.key, i.languages) for i in doc.interpreters},
        transfers=tuple(
            TransferSpec(
                key=t.key,
                vehicle=t.vehicle,
                delegations=t.delegations,
                from_place=t.from_place or None,
                to_place=t.to_place or None,
                starts_at=t.starts_at,
                ends_at=t.ends_at,
                path=t.path,
            )
            for t in doc.transfers
        ),
        assignments=tuple(
            AssignmentSpec(
                key=a.key,
                interpreter=a.interpreter,
                delegation=a.delegation,
                session=a.session,
                starts_at=a.starts_at,
                ends_at=a.ends_at,
                path=a.path,
            )
            for a in doc.interpreter_assignments
        ),
    )
