"""Record every change to a festival: the one place the history is written.

Every service that writes takes the acting ``Actor`` (a signed-in or API ``User``, or the
command's name, e.g. ``"festival import"``) and calls ``record_change`` in the same
transaction as its write, so a refused or rolled-back write leaves no entry. An import is
one entry (``record_import``) listing what it created, updated and deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeAlias

from sqlalchemy import insert
from sqlalchemy.orm import Mapper, class_mapper

from festival.extensions import db
from festival.models import Festival, Session, User, VenueHold
from festival.models.history import Change, ChangeItem

Actor: TypeAlias = User | str
"""Who made a change: the ``User`` (signed in, or the API token's owner), or a command."""

Fields: TypeAlias = dict[str, Any]

# The entity kinds of the data file, in its order, each named in the singular.
ENTITY_KINDS = (
    "festival",
    "partner_city",
    "venue",
    "hotel",
    "delegation",
    "member",
    "event",
    "session",
    "venue_hold",
    "vehicle",
    "interpreter",
    "transfer",
    "interpreter_assignment",
)
IMPORT = "import"
ACTIONS = ("created", "updated", "deleted")


def actor_label(actor: Actor) -> str:
    """What the history shows as "who": the user's e-mail now, or the command."""
    if isinstance(actor, User):
        return actor.email
    if not actor.strip():
        raise ValueError("a command actor needs a name, e.g. 'festival import'")
    return actor


def member_key(delegation_key: str, member_key: str) -> str:
    """A member's key in the history: ``DELEGATION/MEMBER`` (member keys are unique only
    within their delegation)."""
    return f"{delegation_key}/{member_key}"


def token_fingerprint(token: str) -> str:
    """A secret's stand-in for the history: the first 8 hex digits of its SHA-256.

    Tells two tokens apart without storing either (a leaked history leaks no feed URL).
    """
    return "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:8]


def plain(value: Any) -> Any:
    """A value as JSON: aware times as ISO 8601 in UTC, dates ISO, enums by value, sets
    sorted. Raises ``TypeError`` for anything else (a naive time is ``ValueError``)."""
    if isinstance(value, Enum):
        return plain(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} in a history entry")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    raise TypeError(f"cannot keep {type(value).__name__} in a history entry")


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[Fields, Fields]:
    """The fields whose values differ, as two dicts (a field missing on one side differs
    when the other side's value is not None)."""
    old, new = plain(before), plain(after)
    names = [n for n in old if old.get(n) != new.get(n)]
    names += [n for n in new if n not in old and new[n] is not None]
    return {n: old.get(n) for n in names}, {n: new.get(n) for n in names}


def record_change(
    festival: Festival,
    actor: Actor,
    *,
    kind: str,
    key: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    now: datetime,
    summary: str = "",
) -> None:
    """Add one history entry for a change to ``kind`` ``key`` of ``festival`` at ``now``.

    ``before`` None means the entity was created, ``after`` None that it was deleted;
    otherwise the two may be full snapshots: only the fields that differ are kept, and
    when none differs nothing is recorded. Values are stored as JSON (``plain``). ``now``
    must be aware. Raises ``ValueError`` for a missing kind or key, both sides None, or a
    nameless command. Adds to the session and flushes; the caller commits (a rollback of
    the write drops the entry with it).
    """
    if not kind or not key:
        raise ValueError("a history entry names its entity: kind and key")
    if before is None and after is None:
        raise ValueError("a history entry needs a before or an after")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be aware")
    label = actor_label(actor)
    old: Fields | None
    new: Fields | None
    if before is not None and after is not None:
        old, new = changed_fields(before, after)
        if not old and not new:
            return
    else:
        old = plain(before) if before is not None else None
        new = plain(after) if after is not None else None
    db.session.add(
        Change(
            festival_id=festival.id,
            at=now,
            actor_user_id=actor.id if isinstance(actor, User) else None,
            actor_label=label,
            kind=kind,
            key=key,
            before=old,
            after=new,
            summary=summary,
        )
    )
    db.session.flush()


# -- what the session services record --------------------------------------------------------


def session_fields(session: Session) -> Fields:
    """A session as its history shows it: event and venue by key, times in UTC, status."""
    return {
        "event": session.event.key,
        "venue": session.venue.key,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "status": session.status,
    }


def hold_fields(hold: VenueHold) -> Fields:
    """A venue hold as its history shows it."""
    return {
        "venue": hold.venue.key,
        "starts_at": hold.starts_at,
        "ends_at": hold.ends_at,
        "reason": hold.reason,
    }


# -- imports --------------------------------------------------------------------------------

Snapshot: TypeAlias = dict[tuple[str, str], tuple[Any, ...]]
"""Every entity of a festival, ``(kind, key) -> its stored values``, to compare two states."""

# Bookkeeping, not data: row order in the file, versions, stamps, the feed secret.
_SKIP = {"id", "festival_id", "position", "version", "updated_at", "created_at", "sequence"}
_SKIP_TOKEN = {"token"}


_columns_cache: dict[type, tuple[str, ...]] = {}


def _columns(model: type) -> tuple[str, ...]:
    names = _columns_cache.get(model)
    if names is None:
        mapper: Mapper[Any] = class_mapper(model)
        names = tuple(
            attr.key for attr in mapper.column_attrs if attr.key not in _SKIP | _SKIP_TOKEN
        )
        _columns_cache[model] = names
    return names


def _values(row: Any, *links: Iterable[Any]) -> tuple[Any, ...]:
    own = tuple(plain(getattr(row, name)) for name in _columns(type(row)))
    return own + tuple(tuple(item.key for item in link) for link in links)


def snapshot(festival: Festival) -> Snapshot:
    """The festival's stored entities with their values (load it with
    ``festival.services.specs.load_festival`` first, so this reads no more rows).

    Compares stored columns (references by row id, which an import keeps for every key it
    keeps) and many-to-many lists by key; row order, stamps, versions and tokens are not
    data a change is recorded for. A festival not yet flushed has no entities.
    """
    if festival.id is None:
        return {}
    out: Snapshot = {("festival", festival.slug): _values(festival)}
    simple: list[tuple[str, Iterable[Any]]] = [
        ("partner_city", festival.partner_cities),
        ("venue", festival.venues),
        ("hotel", festival.hotels),
        ("venue_hold", festival.venue_holds),
        ("vehicle", festival.vehicles),
        ("interpreter", festival.interpreters),
        ("interpreter_assignment", festival.interpreter_assignments),
    ]
    for kind, rows in simple:
        for row in rows:
            out[(kind, row.key)] = _values(row)
    for d in festival.delegations:
        out[("delegation", d.key)] = _values(d)
        for m in d.members:
            out[("member", member_key(d.key, m.key))] = _values(m)
    for e in festival.events:
        out[("event", e.key)] = _values(e, e.partner_cities, e.delegations)
        for s in e.sessions:
            out[("session", s.key)] = _values(s)
    for t in festival.transfers:
        out[("transfer", t.key)] = _values(t, t.delegations)
    return out


def import_changes(before: Snapshot, after: Snapshot) -> dict[str, dict[str, list[str]]]:
    """``{"created"|"updated"|"deleted": {kind: [keys, sorted]}}``, only non-empty parts,
    kinds in the data file's order."""
    found: dict[str, dict[str, list[str]]] = {a: {} for a in ACTIONS}
    for ident, values in after.items():
        old = before.get(ident)
        if old is None:
            found["created"].setdefault(ident[0], []).append(ident[1])
        elif old != values:
            found["updated"].setdefault(ident[0], []).append(ident[1])
    for ident in before.keys() - after.keys():
        found["deleted"].setdefault(ident[0], []).append(ident[1])
    order = {k: i for i, k in enumerate(ENTITY_KINDS)}
    return {
        action: {
            kind: sorted(keys)
            for kind, keys in sorted(kinds.items(), key=lambda kv: order.get(kv[0], 99))
        }
        for action, kinds in found.items()
        if kinds
    }


def record_import(
    festival: Festival,
    actor: Actor,
    *,
    before: Snapshot,
    after: Snapshot,
    replace: bool,
    now: datetime,
) -> None:
    """One entry of kind ``import`` for a whole import: ``after`` holds ``replace`` and
    what was created, updated and deleted (``import_changes``); each touched entity gets
    an index row, so its own history shows the import. An import that changed nothing is
    still recorded (someone ran it). Flushes; the caller commits.
    """
    listing = import_changes(before, after)
    change = Change(
        festival_id=festival.id,
        at=now,
        actor_user_id=actor.id if isinstance(actor, User) else None,
        actor_label=actor_label(actor),
        kind=IMPORT,
        key=festival.slug,
        before=None,
        after={"replace": replace, **listing},
        summary="",
    )
    db.session.add(change)
    db.session.flush()
    rows = [
        {
            "change_id": change.id,
            "festival_id": festival.id,
            "kind": kind,
            "key": key,
            "action": action,
        }
        for action, kinds in listing.items()
        for kind, keys in kinds.items()
        for key in keys
    ]
    if rows:
        db.session.execute(insert(ChangeItem), rows)


__all__ = [
    "ACTIONS",
    "ENTITY_KINDS",
    "IMPORT",
    "Actor",
    "Snapshot",
    "actor_label",
    "changed_fields",
    "hold_fields",
    "import_changes",
    "member_key",
    "plain",
    "record_change",
    "record_import",
    "session_fields",
    "snapshot",
    "token_fingerprint",
]
