"""Create, change and delete partner cities, hotels, delegations and their members.

A delegation's arrival and departure, its hotel and its members' languages feed warnings
(``before-arrival``, ``no-arrival-transfer``, ``member-without-hotel``,
``interpreter-language``); a new member can overfill a transfer's vehicle, an error that
refuses the save. Every write raises the festival's version and is recorded in the
history; nothing is written when a check refuses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from festival.datafile import document as file
from festival.errors import NotFound
from festival.exports.festival_data import (
    delegation_entity,
    hotel_entity,
    member_entity,
    partner_city_entity,
)
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    InterpreterAssignment,
    Member,
    PartnerCity,
    Session,
    Transfer,
    event_delegation,
    event_partner_city,
    transfer_delegation,
)
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding, error
from festival.scheduling.spec import MemberSpec, Movement
from festival.services import specs
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
    next_position,
    read_change,
    refuse_if_used,
    taken_key,
)
from festival.services.history import Actor, member_key, record_change
from festival.services.neighbourhood import (
    Neighbourhood,
    any_other_transfer,
    assignments_where,
    festival_has_hotels,
    sessions_of_delegation,
    transfers_carrying,
)

DELEGATION_CODES = frozenset(
    {
        "delegation-overlap",
        "before-arrival",
        "after-departure",
        "no-arrival-transfer",
        "no-departure-transfer",
        "member-without-hotel",
        "unmet-need",
    }
)


# -- partner cities ---------------------------------------------------------------------------


def get_partner_city(festival: Festival, key: str) -> PartnerCity:
    return get_row(PartnerCity, festival, key, "partner city")


def _city_item(row: PartnerCity, festival: Festival) -> Item:
    return as_item(partner_city_entity(row), festival)


def _apply_city(row: PartnerCity, item: file.PartnerCity) -> None:
    row.name, row.local_name = item.name, item.local_name
    row.country = item.country or None
    row.timezone = item.timezone
    row.twinned_since = item.twinned_since


def create_partner_city(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[PartnerCity]:
    """Add a partner city (``values``: a data file's ``partner_cities`` item)."""
    key = values.get("key")
    taken = taken_key(PartnerCity, festival, key, item_path("partner_cities", key))
    item = read_change("partner_cities", festival, values, findings=taken)
    row = PartnerCity(
        festival_id=festival.id, key=item.key, position=next_position(PartnerCity, festival)
    )
    _apply_city(row, item)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    after = _city_item(row, festival)
    record_change(
        festival, actor, kind="partner_city", key=row.key, before=None, after=after, now=now
    )
    return Outcome(row, [])


def update_partner_city(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[PartnerCity]:
    """Change a partner city; a new name raises the ``sequence`` of the sessions of every
    event that lists the city (calendars show it)."""
    row = get_partner_city(festival, key)
    before = _city_item(row, festival)
    item = read_change("partner_cities", festival, changes, current=before)
    _apply_city(row, item)
    if (before["name"], before["local_name"]) != (item.name, item.local_name):
        listing = select(event_partner_city.c.event_id).where(
            event_partner_city.c.partner_city_id == row.id
        )
        for s in db.session.scalars(select(Session).where(Session.event_id.in_(listing))):
            s.sequence += 1
            s.updated_at = now
    festival.touch(now)
    db.session.flush()
    after = _city_item(row, festival)
    record_change(
        festival, actor, kind="partner_city", key=key, before=before, after=after, now=now
    )
    return Outcome(row, [])


def delete_partner_city(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a partner city; ``InUse`` while a delegation comes from it or an event lists it."""
    row = get_partner_city(festival, key)
    listing = select(event_partner_city.c.event_id).where(
        event_partner_city.c.partner_city_id == row.id
    )
    refuse_if_used(
        "partner_city",
        key,
        {
            "delegation": db.session.scalars(
                select(Delegation.key).where(Delegation.partner_city_id == row.id)
            ),
            "event": db.session.scalars(select(Event.key).where(Event.id.in_(listing))),
        },
    )
    before = _city_item(row, festival)
    delete_recorded(
        festival, row, kind="partner_city", key=key, before=before, actor=actor, now=now
    )


# -- hotels -----------------------------------------------------------------------------------


def get_hotel(festival: Festival, key: str) -> Hotel:
    return get_row(Hotel, festival, key, "hotel")


def _hotel_item(row: Hotel, festival: Festival) -> Item:
    return as_item(hotel_entity(row), festival)


def _apply_hotel(row: Hotel, item: file.Hotel) -> None:
    for name in ("name", "address", "latitude", "longitude"):
        setattr(row, name, getattr(item, name))


def create_hotel(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Hotel]:
    """Add a hotel. The festival's first hotel makes every member without one a
    ``member-without-hotel`` warning, returned."""
    key = values.get("key")
    first = not festival_has_hotels(festival)
    taken = taken_key(Hotel, festival, key, item_path("hotels", key))
    item = read_change("hotels", festival, values, findings=taken)
    row = Hotel(festival_id=festival.id, key=item.key, position=next_position(Hotel, festival))
    _apply_hotel(row, item)
    db.session.add(row)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="hotel",
        key=row.key,
        before=None,
        after=_hotel_item(row, festival),
        now=now,
    )
    warnings: list[Finding] = []
    if first:
        nb = Neighbourhood(festival, has_hotels=True)
        for d in db.session.scalars(
            select(Delegation).where(Delegation.festival_id == festival.id)
        ):
            nb.add_delegation(d)
        warnings = check_festival(nb.spec())
    return Outcome(row, [f for f in warnings if f.code == "member-without-hotel"])


def update_hotel(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Hotel]:
    row = get_hotel(festival, key)
    before = _hotel_item(row, festival)
    item = read_change("hotels", festival, changes, current=before)
    _apply_hotel(row, item)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="hotel",
        key=key,
        before=before,
        after=_hotel_item(row, festival),
        now=now,
    )
    return Outcome(row, [])


def delete_hotel(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a hotel; ``InUse`` while a delegation or a member stays there."""
    row = get_hotel(festival, key)
    members = db.session.execute(
        select(Delegation.key, Member.key)
        .join(Member.delegation)
        .where(Member.hotel_id == row.id)
        .order_by(Delegation.key, Member.key)
    )
    refuse_if_used(
        "hotel",
        key,
        {
            "delegation": db.session.scalars(
                select(Delegation.key).where(Delegation.hotel_id == row.id)
            ),
            "member": [member_key(d, m) for d, m in members],
        },
    )
    before = _hotel_item(row, festival)
    delete_recorded(festival, row, kind="hotel", key=key, before=before, actor=actor, now=now)


# -- delegations ------------------------------------------------------------------------------


def get_delegation(festival: Festival, key: str) -> Delegation:
    return get_row(Delegation, festival, key, "delegation")


def _known(festival: Festival) -> dict[str, KeysOf]:
    return {"partner_cities": KeysOf(PartnerCity, festival), "hotels": KeysOf(Hotel, festival)}


def _delegation_item(row: Delegation, festival: Festival, *, members: bool = True) -> Item:
    return as_item(delegation_entity(row, members=members), festival)


def _movement(move: file.Movement | None) -> Movement | None:
    return None if move is None else Movement(move.at, move.place or None)


def _apply_delegation(row: Delegation, item: file.Delegation, festival: Festival) -> None:
    city = by_key(PartnerCity, festival, item.partner_city)
    assert city is not None
    row.partner_city = city
    row.name, row.contact_email = item.name, item.contact_email
    row.language = item.language or ""
    row.hotel = by_key(Hotel, festival, item.hotel)
    for side in ("arrival", "departure"):
        move: file.Movement | None = getattr(item, side)
        setattr(row, f"{side}_at", move.at if move else None)
        for part in ("transport", "reference", "place"):
            setattr(row, f"{side}_{part}", getattr(move, part) if move else "")
    row.liaison_name = item.liaison.name
    row.liaison_phone = item.liaison.phone
    row.liaison_email = item.liaison.email


def delegation_findings(
    festival: Festival, delegation: Delegation, item: file.Delegation | None = None
) -> list[Finding]:
    """What the rules say about the delegation (``item``: as it would be after a change):
    its sessions against its arrival and departure and against each other, its transfers,
    its members' hotels."""
    stored = specs.delegation_spec(delegation)
    candidate = stored
    if item is not None:
        candidate = dataclasses.replace(
            stored,
            hotel=item.hotel,
            arrival=_movement(item.arrival),
            departure=_movement(item.departure),
        )
    nb = Neighbourhood(festival, has_hotels=festival_has_hotels(festival))
    nb.delegations[delegation.key] = candidate
    for s in sessions_of_delegation(delegation):
        nb.add_session(s)
    carrying = transfers_carrying([delegation.id]) if delegation.id is not None else []
    if not carrying:
        other = any_other_transfer(festival, ())
        carrying = [other] if other is not None else []
    for t in carrying:
        nb.add_transfer(t)
    return [
        f
        for f in check_festival(nb.spec())
        if f.code in DELEGATION_CODES and f.get("delegation") == delegation.key
    ]


def create_delegation(
    festival: Festival, values: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Delegation]:
    """Add a delegation (``values``: a data file's delegation item, members included; it
    gets its private feed's token). Raises ``ValidationFailed``."""
    key = values.get("key")
    taken = taken_key(Delegation, festival, key, item_path("delegations", key))
    item = read_change("delegations", festival, values, known=_known(festival), findings=taken)
    row = Delegation(
        festival_id=festival.id, key=item.key, position=next_position(Delegation, festival)
    )
    _apply_delegation(row, item, festival)
    db.session.add(row)
    for position, mi in enumerate(item.members):
        member = Member(key=mi.key, position=position)
        _apply_member(member, mi, festival)
        row.members.append(member)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="delegation",
        key=row.key,
        before=None,
        after=_delegation_item(row, festival),
        now=now,
    )
    return Outcome(row, delegation_findings(festival, row))


def update_delegation(
    festival: Festival, key: str, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Delegation]:
    """Change a delegation's own members (partner city, hotel, arrival, departure,
    liaison...); members are changed one at a time (``update_member``)."""
    row = get_delegation(festival, key)
    before = _delegation_item(row, festival, members=False)
    misplaced = []
    if "members" in changes:
        at = f"{item_path('delegations', key)}.members"
        misplaced.append(error("invalid-value", ("at", at), text="members change one at a time"))
    item = read_change(
        "delegations",
        festival,
        {k: v for k, v in changes.items() if k != "members"},
        current=before,
        known=_known(festival),
        findings=misplaced,
        parts=("arrival", "departure", "liaison"),
    )
    warnings = delegation_findings(festival, row, item)
    _apply_delegation(row, item, festival)
    festival.touch(now)
    db.session.flush()
    after = _delegation_item(row, festival, members=False)
    record_change(festival, actor, kind="delegation", key=key, before=before, after=after, now=now)
    return Outcome(row, warnings)


def delete_delegation(festival: Festival, key: str, *, actor: Actor, now: datetime) -> None:
    """Remove a delegation with its members; ``InUse`` while an event lists it, a transfer
    carries it or an interpreter is assigned to it."""
    row = get_delegation(festival, key)
    listing = select(event_delegation.c.event_id).where(event_delegation.c.delegation_id == row.id)
    carrying = select(transfer_delegation.c.transfer_id).where(
        transfer_delegation.c.delegation_id == row.id
    )
    refuse_if_used(
        "delegation",
        key,
        {
            "event": db.session.scalars(select(Event.key).where(Event.id.in_(listing))),
            "transfer": db.session.scalars(select(Transfer.key).where(Transfer.id.in_(carrying))),
            "interpreter_assignment": db.session.scalars(
                select(InterpreterAssignment.key).where(
                    InterpreterAssignment.delegation_id == row.id
                )
            ),
        },
    )
    before = _delegation_item(row, festival)
    delete_recorded(festival, row, kind="delegation", key=key, before=before, actor=actor, now=now)


# -- members ----------------------------------------------------------------------------------


def get_member(festival: Festival, delegation: str, key: str) -> Member:
    d = get_delegation(festival, delegation)
    member = db.session.scalar(
        select(Member).where(Member.delegation_id == d.id, Member.key == key)
    )
    if member is None:
        raise NotFound(f"no member {key!r} in delegation {delegation}")
    return member


def _member_item(row: Member, festival: Festival) -> Item:
    return as_item(member_entity(row), festival)


def _apply_member(row: Member, item: file.Member, festival: Festival) -> None:
    for name in ("name", "role", "dietary", "accessibility", "email", "phone", "room"):
        setattr(row, name, getattr(item, name))
    row.languages = list(item.languages)
    row.needs = list(item.needs)
    row.hotel = by_key(Hotel, festival, item.hotel)


def _member_spec(item: file.Member) -> MemberSpec:
    return MemberSpec(item.key, tuple(item.languages), item.hotel, tuple(item.needs))


def member_findings(
    festival: Festival,
    delegation: Delegation,
    member: str,
    members: tuple[MemberSpec, ...] | None = None,
) -> list[Finding]:
    """What the rules say about ``member`` and what its delegation's members change:
    the transfers carrying the delegation (seats), its interpreters' languages, the
    member's hotel, the venues of the delegation's sessions against its members' needs.
    ``members``: the delegation's members as they would be after a change."""
    candidate = specs.delegation_spec(delegation)
    if members is not None:
        candidate = dataclasses.replace(candidate, members=members)
    nb = Neighbourhood(festival, has_hotels=festival_has_hotels(festival))
    nb.delegations[delegation.key] = candidate
    carrying = transfers_carrying([delegation.id])
    for t in carrying:
        nb.add_transfer(t)
    assigned = assignments_where(InterpreterAssignment.delegation_id == delegation.id)
    for a in assigned:
        nb.add_assignment(a)
    wants = any(m.needs for m in candidate.members)
    for s in sessions_of_delegation(delegation) if wants and delegation.id is not None else ():
        nb.add_session(s)
    transfers = {t.key for t in carrying}
    assignments = {a.key for a in assigned}

    def concerns(f: Finding) -> bool:
        if f.code == "vehicle-over-capacity":
            return f.get("transfer") in transfers
        if f.code == "interpreter-language":
            return f.get("assignment") in assignments
        if f.code == "member-without-hotel":
            return f.get("delegation") == delegation.key and f.get("member") == member
        if f.code == "unmet-need":
            return f.get("delegation") == delegation.key
        return False

    return [f for f in check_festival(nb.spec()) if concerns(f)]


def _read_member(
    festival: Festival,
    delegation: Delegation,
    changes: Mapping[str, Any],
    current: Item | None = None,
) -> file.Member:
    parent = item_path("delegations", delegation.key)
    key = (current or changes).get("key")
    taken: list[Finding] = []
    if current is None and isinstance(key, str):
        exists = db.session.scalar(
            select(func.count(Member.id)).where(
                Member.delegation_id == delegation.id, Member.key == key
            )
        )
        if exists:
            at = f"{item_path('members', key, parent)}.key"
            taken.append(error("duplicate-key", ("at", at), text=f"{key} exists already"))
    return read_change(
        "members",
        festival,
        changes,
        current=current,
        known={"hotels": KeysOf(Hotel, festival)},
        parent=parent,
        findings=taken,
    )


def create_member(
    festival: Festival,
    delegation: str,
    values: Mapping[str, Any],
    *,
    actor: Actor,
    now: datetime,
) -> Outcome[Member]:
    """Add a member to a delegation. ``SchedulingConflict`` when a transfer carrying the
    delegation would then carry more people than its vehicle seats."""
    d = get_delegation(festival, delegation)
    item = _read_member(festival, d, values)
    stored = specs.delegation_spec(d).members
    warnings = judge(member_findings(festival, d, item.key, (*stored, _member_spec(item))))
    last = db.session.scalar(select(func.max(Member.position)).where(Member.delegation_id == d.id))
    row = Member(key=item.key, position=0 if last is None else last + 1)
    _apply_member(row, item, festival)
    d.members.append(row)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="member",
        key=member_key(d.key, row.key),
        before=None,
        after=_member_item(row, festival),
        now=now,
    )
    return Outcome(row, warnings)


def update_member(
    festival: Festival,
    delegation: str,
    key: str,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    now: datetime,
) -> Outcome[Member]:
    row = get_member(festival, delegation, key)
    d = row.delegation
    before = _member_item(row, festival)
    item = _read_member(festival, d, changes, current=before)
    members = tuple(
        _member_spec(item) if m.key == key else spec
        for m, spec in zip(d.members, specs.delegation_spec(d).members, strict=True)
    )
    warnings = judge(member_findings(festival, d, key, members))
    _apply_member(row, item, festival)
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="member",
        key=member_key(d.key, key),
        before=before,
        after=_member_item(row, festival),
        now=now,
    )
    return Outcome(row, warnings)


def delete_member(
    festival: Festival, delegation: str, key: str, *, actor: Actor, now: datetime
) -> None:
    row = get_member(festival, delegation, key)
    before = _member_item(row, festival)
    delete_recorded(
        festival,
        row,
        kind="member",
        key=member_key(delegation, key),
        before=before,
        actor=actor,
        now=now,
    )


__all__ = [
    "create_delegation",
    "create_hotel",
    "create_member",
    "create_partner_city",
    "delegation_findings",
    "delete_delegation",
    "delete_hotel",
    "delete_member",
    "delete_partner_city",
    "get_delegation",
    "get_hotel",
    "get_member",
    "get_partner_city",
    "member_findings",
    "update_delegation",
    "update_hotel",
    "update_member",
    "update_partner_city",
]
