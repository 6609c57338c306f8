"""What every entity service shares: a change is read as the data file's reader reads it,
keys are checked, deletes that others still depend on are refused, and the outcome names
the warnings the change was saved with.

A change is a mapping in the data file's shape (``{"capacity": 80, "equipment": [...]}``):
members left out keep their stored value, times are wall times in the festival's zone
(``2026-10-18T10:00``), with an offset, or aware datetimes. It is merged into the stored
item (as the exporter writes it) and read by ``festival.datafile.reader.read_item`` into the
file's typed entity, so a form, the API and a file meet exactly the same checks, and a
finding names the member as a file's would (``venues[hall].capacity``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import func, select

from festival.datafile.reader import KEY_RE, read_item
from festival.datafile.writer import entity_json
from festival.errors import InUse, NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Festival
from festival.scheduling.findings import Finding, error
from festival.services.history import Actor, record_change

T = TypeVar("T")
# An entity as its item in the data file: what changes merge into and the history records.
Item = dict[str, Any]


class Keyed(Protocol):
    """A festival's row with a key (every entity but members and the festival itself)."""

    id: Any
    festival_id: Any
    key: Any
    position: Any


K = TypeVar("K", bound=Keyed)


@dataclass
class Outcome(Generic[T]):
    """What a write did: the row it wrote (None after a delete) and its warnings."""

    item: T
    warnings: list[Finding] = field(default_factory=list)


class KeysOf:
    """The stored keys of one kind in one festival, as the reader's ``known`` references:
    each key asked about costs one indexed lookup (a festival has thousands of sessions,
    a change names one or two)."""

    def __init__(self, model: type[Keyed], festival: Festival) -> None:
        self.model = model
        self.festival_id = festival.id
        self.seen: dict[str, bool] = {}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key not in self.seen:
            model = self.model
            query = select(model.id).where(model.festival_id == self.festival_id, model.key == key)
            self.seen[key] = db.session.scalar(query) is not None
        return self.seen[key]


def plain_change(values: Mapping[str, Any]) -> Item:
    """A change with aware datetimes and dates written as the data file writes them."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"naive datetime {value.isoformat()} in a change")
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Mapping):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return {name: plain(value) for name, value in values.items()}


def as_item(entity: Any, festival: Festival) -> Item:
    """A typed entity (the reader's or the exporter's) as its item in the data file."""
    return entity_json(entity, festival.zone)


def read_change(
    list_name: str,
    festival: Festival,
    changes: Mapping[str, Any],
    *,
    current: Item | None = None,
    known: Mapping[str, Any] | None = None,
    parent: str = "",
    findings: Iterable[Finding] = (),
    parts: Iterable[str] = (),
) -> Any:
    """The typed entity after ``changes`` (merged into ``current``, the stored item, if any).

    Members named in ``parts`` (an arrival, a liaison) are objects whose own members left
    out of a change keep their value too. Raises ``ValidationFailed`` with every error,
    the reader's and ``findings`` (the caller's own, e.g. a taken key), when there is one;
    a stored item's key cannot change.
    """
    merged = plain_change({**(current or {}), **changes})
    for name in parts:
        old, new = (current or {}).get(name), changes.get(name)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            merged[name] = plain_change({**old, **new})
    errors = list(findings)
    if current is not None and merged.get("key") != current["key"]:
        path = f"{parent + '.' if parent else ''}{list_name}[{current['key']}].key"
        errors.append(error("invalid-value", ("at", path), text="a key cannot change"))
        merged["key"] = current["key"]
    item, found = read_item(list_name, merged, zone=festival.zone, known=known, parent=parent)
    errors += found
    if any(f.is_error for f in errors) or item is None:
        raise ValidationFailed(errors)
    return item


def item_path(list_name: str, key: object, parent: str = "") -> str:
    """Where the reader names an item: ``venues[hall]`` (by index 0 when the key is bad)."""
    label = key if isinstance(key, str) and KEY_RE.match(key) else "0"
    return f"{parent + '.' if parent else ''}{list_name}[{label}]"


def taken_key(model: type[Keyed], festival: Festival, key: object, path: str) -> list[Finding]:
    """``duplicate-key`` when a new row's key is already used in the festival."""
    if not isinstance(key, str):
        return []
    query = select(model.id).where(model.festival_id == festival.id, model.key == key)
    if db.session.scalar(query) is None:
        return []
    return [error("duplicate-key", ("at", f"{path}.key"), text=f"{key} exists already")]


def get_row(model: type[K], festival: Festival, key: str, kind: str) -> K:
    """The festival's ``kind`` named ``key``; ``NotFound`` when there is none."""
    row = db.session.scalar(select(model).where(model.festival_id == festival.id, model.key == key))
    if row is None:
        raise NotFound(f"no {kind} {key!r} in festival {festival.slug}")
    return row


def by_key(model: type[K], festival: Festival, key: str | None) -> K | None:
    """The row a checked reference names (the reader has made sure it exists)."""
    if key is None:
        return None
    return get_row(model, festival, key, model.__name__.lower())


def next_position(model: type[Keyed], festival: Festival) -> int:
    """After the festival's last row of ``model``: new rows go to the end of the file."""
    query = select(func.max(model.position)).where(model.festival_id == festival.id)
    last = db.session.scalar(query)
    return 0 if last is None else last + 1


def refuse_if_used(kind: str, key: str, references: Mapping[str, Iterable[str]]) -> None:
    """Raise ``InUse`` naming every entity that still refers to ``kind`` ``key``."""
    found = {name: sorted(set(keys)) for name, keys in references.items()}
    if any(found.values()):
        raise InUse(kind, key, found)


def mentions(finding: Finding, name: str, keys: Iterable[str]) -> bool:
    """Whether the finding's ``name=`` value names one of ``keys`` (lists: any member)."""
    value = finding.get(name)
    if value is None:
        return False
    wanted = set(keys)
    return any(part in wanted for part in value.split(","))


def judge(findings: list[Finding]) -> list[Finding]:
    """Refuse (``SchedulingConflict``, every finding) when one is an error; else the warnings."""
    if any(f.is_error for f in findings):
        raise SchedulingConflict(findings)
    return findings


__all__ = [
    "Item",
    "KeysOf",
    "Outcome",
    "as_item",
    "by_key",
    "get_row",
    "item_path",
    "judge",
    "mentions",
    "next_position",
    "plain_change",
    "read_change",
    "refuse_if_used",
    "taken_key",
]


def delete_recorded(
    festival: Festival,
    row: Any,
    *,
    kind: str,
    key: str,
    before: Item,
    actor: Actor,
    now: datetime,
) -> None:
    """Delete ``row`` of ``festival``: the festival's version rises and the history records
    the entity as it was (``before``). Flushes; the caller commits."""
    db.session.delete(row)
    festival.touch(now)
    db.session.flush()
    record_change(festival, actor, kind=kind, key=key, before=before, after=None, now=now)
