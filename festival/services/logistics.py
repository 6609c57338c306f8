"""Create, change and delete vehicles, interpreters, transfers and interpreter assignments.

A transfer is checked against its vehicle's other transfers (``vehicle-double-booking``)
and seats (``vehicle-over-capacity``); an assignment against its interpreter's other
assignments (``interpreter-double-booking``) and languages. Those errors refuse the save;
warnings (``no-arrival-transfer``, ``interpreter-language``) are returned. Every write
raises the festival's version and is recorded in the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update

from festival.datafile import document as file
from festival.errors import ValidationFailed
from festival.exports.festival_data import (
    assignment_entity,
    interpreter_entity,
    transfer_entity,
    vehicle_entity,
)
from festival.extensions import db
from festival.models import (
    Delegation,
    Festival,
    Interpreter,
    InterpreterAssignment,
    Session,
    Transfer,
    Vehicle,
    transfer_delegation,
)
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding, error
from festival.scheduling.spec import AssignmentSpec, InterpreterSpec, TransferSpec, VehicleSpec
from festival.services.editing import (
    Item,
    KeysOf,
    Outcome,
    as_item,
    by_key,
    delete_recorded,
    get_row,
    item_path,
    judge,
    mentions,
    next_position,
    read_change,
    refuse_if_used,
    taken_key,
)
from festival.services.history import Actor, record_change
from festival.services.neighbourhood import (
    Neighbourhood,
    assignments_where,
    transfers_carrying,
    transfers_of_vehicle,
)
from festival.services.specs import festival_spec


def _invalid_at(finding: Finding, path: str) -> bool:
    return finding.code == "invalid-interval" and (finding.get("at") or "").startswith(path + ".")


# -- vehicles ---------------------------------------------------------------------------------


def get_vehicle(festival: Festival, key: str) -> Vehicle:
    return get_row(Vehicle, festival, key, "vehicle")


def _apply_vehicle(row: Vehicle, item: file.Vehicle) -> None:
    for name in ("name", "seats", "driver", "phone"):
        setattr(row, name, getattr(item, name))


def vehicle_findings(
    festival: Festival, vehicle: Vehicle, item: file.Vehicle | None = None
) -> list[Finding]:
    """What the rules say about the vehicle's transfers (``item``: the vehicle as it would
    be after a change): double bookings and seats."""
    nb = Neighbourhood(festival)
    seats = item.seats if item else vehicle.seats
    nb.vehicles[vehicle.key] = VehicleSpec(vehicle.key, seats)
    for t in transfers_of_vehicle(vehicle):
        nb.add_transfer(t)
    return [f for f in check_festival(nb.spec()) if f.get("vehicle") == vehicle.key]


def create_vehicle(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Vehicle]:
    key = values.get("key")
    taken = taken_key(Vehicle, festival, key, item_path("vehicles", key))
    item = read_change("vehicles", festival, values, findings=taken)
    row = Vehicle(festival_id=festival.id, key=item.key, position=next_position(Vehicle, festival))
    _apply_vehicle(row, item)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    after = as_item(vehicle_entity(row), festival)
    record_change(festival, actor, kind="vehicle", key=row.key, before=None, after=after, now=now)
    return Outcome(row, [])


def update_vehicle(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Vehicle]:
    """Change a vehicle; fewer seats than a transfer carries raises ``SchedulingConflict``."""
    row = get_vehicle(festival, key)
    before = as_item(vehicle_entity(row), festival)
    item = read_change("vehicles", festival, changes, current=before)
    warnings = judge(vehicle_findings(festival, row, item))
    _apply_vehicle(row, item)
    festival.touch(now)
    db.session.flush()
    after = as_item(vehicle_entity(row), festival)
    record_change(festival, actor, kind="vehicle", key=key, before=before, after=after, now=now)
    return Outcome(row, warnings)


def delete_vehicle(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a vehicle; ``InUse`` while transfers use it."""
    row = get_vehicle(festival, key)
    refuse_if_used(
        "vehicle",
        key,
        {"transfer": db.session.scalars(select(Transfer.key).where(Transfer.vehicle_id == row.id))},
    )
    before = as_item(vehicle_entity(row), festival)
    delete_recorded(festival, row, kind="vehicle", key=key, before=before, actor=actor, now=now)


# -- interpreters -----------------------------------------------------------------------------


def get_interpreter(festival: Festival, key: str) -> Interpreter:
    return get_row(Interpreter, festival, key, "interpreter")


def _apply_interpreter(row: Interpreter, item: file.Interpreter) -> None:
    row.name, row.phone = item.name, item.phone
    row.languages = list(item.languages)


def interpreter_findings(
    festival: Festival, interpreter: Interpreter, item: file.Interpreter | None = None
) -> list[Finding]:
    """What the rules say about the interpreter's assignments (``item``: the interpreter as
    it would be after a change): double bookings and languages."""
    nb = Neighbourhood(festival)
    languages = item.languages if item else interpreter.languages or []
    nb.interpreters[interpreter.key] = InterpreterSpec(interpreter.key, tuple(languages))
    assigned = assignments_where(InterpreterAssignment.interpreter_id == interpreter.id)
    for a in assigned:
        nb.add_assignment(a)
    keys = {a.key for a in assigned}
    return [
        f
        for f in check_festival(nb.spec())
        if f.get("interpreter") == interpreter.key or mentions(f, "assignment", keys)
    ]


def create_interpreter(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Interpreter]:
    key = values.get("key")
    taken = taken_key(Interpreter, festival, key, item_path("interpreters", key))
    item = read_change("interpreters", festival, values, findings=taken)
    row = Interpreter(
        festival_id=festival.id, key=item.key, position=next_position(Interpreter, festival)
    )
    _apply_interpreter(row, item)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    after = as_item(interpreter_entity(row), festival)
    record_change(
        festival, actor, kind="interpreter", key=row.key, before=None, after=after, now=now
    )
    return Outcome(row, [])


def update_interpreter(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Interpreter]:
    row = get_interpreter(festival, key)
    before = as_item(interpreter_entity(row), festival)
    item = read_change("interpreters", festival, changes, current=before)
    warnings = judge(interpreter_findings(festival, row, item))
    _apply_interpreter(row, item)
    festival.touch(now)
    db.session.flush()
    after = as_item(interpreter_entity(row), festival)
    record_change(festival, actor, kind="interpreter", key=key, before=before, after=after, now=now)
    return Outcome(row, warnings)


def delete_interpreter(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove an interpreter; ``InUse`` while assignments name them."""
    row = get_interpreter(festival, key)
    refuse_if_used(
        "interpreter",
        key,
        {
            "interpreter_assignment": db.session.scalars(
                select(InterpreterAssignment.key).where(
                    InterpreterAssignment.interpreter_id == row.id
                )
            )
        },
    )
    before = as_item(interpreter_entity(row), festival)
    delete_recorded(festival, row, kind="interpreter", key=key, before=before, actor=actor, now=now)


# -- transfers --------------------------------------------------------------------------------


def get_transfer(festival: Festival, key: str) -> Transfer:
    return get_row(Transfer, festival, key, "transfer")


def _read_transfer(
    festival: Festival, changes: Mapping[str, Any], current: Item | None = None
) -> file.Transfer:
    key = (current or changes).get("key")
    taken = [] if current else taken_key(Transfer, festival, key, item_path("transfers", key))
    return read_change(
        "transfers",
        festival,
        changes,
        current=current,
        known={
            "vehicles": KeysOf(Vehicle, festival),
            "delegations": KeysOf(Delegation, festival),
        },
        findings=taken,
    )


def transfer_findings(festival: Festival, key: str, item: file.Transfer) -> list[Finding]:
    """What the rules say about transfer ``item`` (as stored, or as it would be): its
    vehicle's other transfers and seats, and whether its delegations' arrivals and
    departures are served."""
    candidate = TransferSpec(
        key=key,
        vehicle=item.vehicle,
        delegations=tuple(item.delegations),
        from_place=item.from_place or None,
        to_place=item.to_place or None,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        path=item_path("transfers", key),
    )
    nb = Neighbourhood(festival)
    nb.transfers[key] = candidate
    vehicle = by_key(Vehicle, festival, item.vehicle)
    if vehicle is not None:
        nb.add_vehicle(vehicle)
        for t in transfers_of_vehicle(vehicle):
            nb.add_transfer(t)
    carried = [by_key(Delegation, festival, k) for k in item.delegations]
    delegations = [d for d in carried if d is not None]
    for d in delegations:
        nb.add_delegation(d)
    for t in transfers_carrying([d.id for d in delegations]):
        nb.add_transfer(t)
    served = {d.key for d in delegations}

    def concerns(f: Finding) -> bool:
        if f.code in ("no-arrival-transfer", "no-departure-transfer"):
            return f.get("delegation") in served
        return (
            f.get("transfer") == key
            or mentions(f, "transfers", [key])
            or _invalid_at(f, candidate.path)
        )

    return [f for f in check_festival(nb.spec()) if concerns(f)]


def _apply_transfer(row: Transfer, item: file.Transfer, festival: Festival) -> None:
    row.vehicle = by_key(Vehicle, festival, item.vehicle)
    delegations = [by_key(Delegation, festival, k) for k in item.delegations]
    row.delegations = [d for d in delegations if d is not None]
    row.from_place, row.to_place = item.from_place or "", item.to_place or ""
    row.starts_at, row.ends_at = item.starts_at, item.ends_at


def _order_delegations(row: Transfer) -> None:
    for position, d in enumerate(row.delegations):
        db.session.execute(
            update(transfer_delegation)
            .where(
                transfer_delegation.c.transfer_id == row.id,
                transfer_delegation.c.delegation_id == d.id,
            )
            .values(position=position)
        )


def create_transfer(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Transfer]:
    """Add a transfer (``values``: a data file's transfer item). Raises
    ``SchedulingConflict`` when its vehicle is taken then or has too few seats."""
    item = _read_transfer(festival, values)
    warnings = judge(transfer_findings(festival, item.key, item))
    row = Transfer(
        festival_id=festival.id, key=item.key, position=next_position(Transfer, festival)
    )
    _apply_transfer(row, item, festival)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    _order_delegations(row)
    after = as_item(transfer_entity(row), festival)
    record_change(festival, actor, kind="transfer", key=row.key, before=None, after=after, now=now)
    return Outcome(row, warnings)


def create_transfers(
    festival: Festival,
    values: Sequence[Mapping[str, Any]],
    *,
    actor: Actor,
    now: datetime,
    summary: str = "",
) -> Outcome[list[Transfer]]:
    """Add several transfers at once, all or nothing (``values``: data file transfer items;
    ``festival`` loaded with ``load_festival``). They are checked together, against every
    stored transfer and each other, by the same rules as ``create_transfer``: one run of the
    rules over the festival, not one neighbourhood per transfer. Raises ``ValidationFailed``
    for a bad item or a key taken (stored or earlier in ``values``), ``SchedulingConflict``
    for an error of the rules about any of them; returns the warnings about them. Each is
    recorded in the history as created (with ``summary``: what made them)."""
    vehicles = {v.key: v for v in festival.vehicles}
    delegations = {d.key: d for d in festival.delegations}
    taken = {t.key for t in festival.transfers}
    known = {"vehicles": set(vehicles), "delegations": set(delegations)}
    items: list[file.Transfer] = []
    problems: list[Finding] = []
    for change in values:
        key = change.get("key")
        path = item_path("transfers", key)
        duplicate = (
            [error("duplicate-key", ("at", f"{path}.key"), text=f"{key} exists already")]
            if key in taken
            else []
        )
        try:
            item = read_change("transfers", festival, change, known=known, findings=duplicate)
        except ValidationFailed as refused:
            problems += refused.findings
            continue
        taken.add(item.key)
        items.append(item)
    if problems:
        raise ValidationFailed(problems)
    candidates = tuple(
        TransferSpec(
            key=item.key,
            vehicle=item.vehicle,
            delegations=tuple(item.delegations),
            from_place=item.from_place or None,
            to_place=item.to_place or None,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            path=item_path("transfers", item.key),
        )
        for item in items
    )
    spec = festival_spec(festival)
    keys = {item.key for item in items}
    served = {d for item in items for d in item.delegations}
    paths = [c.path for c in candidates]

    def concerns(f: Finding) -> bool:
        if f.code in ("no-arrival-transfer", "no-departure-transfer"):
            return f.get("delegation") in served
        return (
            f.get("transfer") in keys
            or mentions(f, "transfers", keys)
            or any(_invalid_at(f, path) for path in paths)
        )

    checked = replace(spec, transfers=spec.transfers + candidates)
    warnings = judge([f for f in check_festival(checked) if concerns(f)])
    position = next_position(Transfer, festival)
    rows = []
    for n, item in enumerate(items):
        row = Transfer(festival_id=festival.id, key=item.key, position=position + n)
        row.vehicle = vehicles.get(item.vehicle) if item.vehicle else None
        row.from_place, row.to_place = item.from_place or "", item.to_place or ""
        row.starts_at, row.ends_at = item.starts_at, item.ends_at
        rows.append(row)
    db.session.add_all(rows)
    festival.touch(now)
    db.session.flush()
    links = [
        {"transfer_id": row.id, "delegation_id": delegations[key].id, "position": n}
        for row, item in zip(rows, items, strict=True)
        for n, key in enumerate(item.delegations)
    ]
    if links:
        db.session.execute(insert(transfer_delegation), links)
    for item in items:
        after = as_item(item, festival)
        record_change(
            festival,
            actor,
            kind="transfer",
            key=item.key,
            before=None,
            after=after,
            now=now,
            summary=summary,
        )
    return Outcome(rows, warnings)


def update_transfer(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Transfer]:
    row = get_transfer(festival, key)
    before = as_item(transfer_entity(row), festival)
    item = _read_transfer(festival, changes, current=before)
    warnings = judge(transfer_findings(festival, key, item))
    _apply_transfer(row, item, festival)
    festival.touch(now)
    db.session.flush()
    _order_delegations(row)
    after = as_item(transfer_entity(row), festival)
    record_change(festival, actor, kind="transfer", key=key, before=before, after=after, now=now)
    return Outcome(row, warnings)


def delete_transfer(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    row = get_transfer(festival, key)
    before = as_item(transfer_entity(row), festival)
    delete_recorded(festival, row, kind="transfer", key=key, before=before, actor=actor, now=now)


# -- interpreter assignments ------------------------------------------------------------------


def get_assignment(festival: Festival, key: str) -> InterpreterAssignment:
    return get_row(InterpreterAssignment, festival, key, "interpreter assignment")


def _read_assignment(
    festival: Festival, changes: Mapping[str, Any], current: Item | None = None
) -> file.InterpreterAssignment:
    key = (current or changes).get("key")
    taken = (
        []
        if current
        else taken_key(
            InterpreterAssignment, festival, key, item_path("interpreter_assignments", key)
        )
    )
    return read_change(
        "interpreter_assignments",
        festival,
        changes,
        current=current,
        known={
            "interpreters": KeysOf(Interpreter, festival),
            "delegations": KeysOf(Delegation, festival),
            "sessions": KeysOf(Session, festival),
        },
        findings=taken,
    )


def assignment_findings(
    festival: Festival, key: str, item: file.InterpreterAssignment
) -> list[Finding]:
    """What the rules say about assignment ``item`` (as stored, or as it would be): its
    interpreter's other assignments, and the languages the interpreter must speak."""
    candidate = AssignmentSpec(
        key=key,
        interpreter=item.interpreter,
        delegation=item.delegation,
        session=item.session,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        path=item_path("interpreter_assignments", key),
    )
    nb = Neighbourhood(festival)
    nb.assignments[key] = candidate
    interpreter = by_key(Interpreter, festival, item.interpreter)
    assert interpreter is not None
    nb.add_interpreter(interpreter)
    for a in assignments_where(InterpreterAssignment.interpreter_id == interpreter.id):
        nb.add_assignment(a)
    session = by_key(Session, festival, item.session)
    if session is not None:
        nb.add_session(session)
    delegation = by_key(Delegation, festival, item.delegation)
    if delegation is not None:
        nb.add_delegation(delegation)

    def concerns(f: Finding) -> bool:
        return (
            f.get("assignment") == key
            or mentions(f, "assignments", [key])
            or _invalid_at(f, candidate.path)
        )

    return [f for f in check_festival(nb.spec()) if concerns(f)]


def _apply_assignment(
    row: InterpreterAssignment, item: file.InterpreterAssignment, festival: Festival
) -> None:
    interpreter = by_key(Interpreter, festival, item.interpreter)
    assert interpreter is not None
    row.interpreter = interpreter
    row.delegation = by_key(Delegation, festival, item.delegation)
    row.session = by_key(Session, festival, item.session)
    row.starts_at, row.ends_at = item.starts_at, item.ends_at


def create_assignment(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[InterpreterAssignment]:
    """Assign an interpreter to a delegation, for a ``session`` or for ``starts_at`` to
    ``ends_at``. Raises ``SchedulingConflict`` when the interpreter is busy then."""
    item = _read_assignment(festival, values)
    warnings = judge(assignment_findings(festival, item.key, item))
    row = InterpreterAssignment(
        festival_id=festival.id,
        key=item.key,
        position=next_position(InterpreterAssignment, festival),
    )
    _apply_assignment(row, item, festival)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    after = as_item(assignment_entity(row), festival)
    record_change(
        festival,
        actor,
        kind="interpreter_assignment",
        key=row.key,
        before=None,
        after=after,
        now=now,
    )
    return Outcome(row, warnings)


def update_assignment(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[InterpreterAssignment]:
    row = get_assignment(festival, key)
    before = as_item(assignment_entity(row), festival)
    item = _read_assignment(festival, changes, current=before)
    warnings = judge(assignment_findings(festival, key, item))
    _apply_assignment(row, item, festival)
    festival.touch(now)
    db.session.flush()
    after = as_item(assignment_entity(row), festival)
    record_change(
        festival,
        actor,
        kind="interpreter_assignment",
        key=key,
        before=before,
        after=after,
        now=now,
    )
    return Outcome(row, warnings)


def delete_assignment(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    row = get_assignment(festival, key)
    before = as_item(assignment_entity(row), festival)
    delete_recorded(
        festival, row, kind="interpreter_assignment", key=key, before=before, actor=actor, now=now
    )


def stored_transfer_findings(festival: Festival, row: Transfer) -> list[Finding]:
    """``transfer_findings`` for the transfer as stored."""
    return transfer_findings(festival, row.key, transfer_entity(row))


def stored_assignment_findings(festival: Festival, row: InterpreterAssignment) -> list[Finding]:
    """``assignment_findings`` for the assignment as stored."""
    return assignment_findings(festival, row.key, assignment_entity(row))


__all__ = [
    "assignment_findings",
    "create_assignment",
    "create_interpreter",
    "create_transfer",
    "create_transfers",
    "create_vehicle",
    "delete_assignment",
    "delete_interpreter",
    "delete_transfer",
    "delete_vehicle",
    "get_assignment",
    "get_interpreter",
    "get_transfer",
    "get_vehicle",
    "interpreter_findings",
    "stored_assignment_findings",
    "stored_transfer_findings",
    "transfer_findings",
    "update_assignment",
    "update_interpreter",
    "update_transfer",
    "update_vehicle",
    "vehicle_findings",
]
