"""Write a ``Document`` as a festival data file, through the same member declarations the
reader walks: every member it reads is written, in declaration order, times with their offset
in the festival's zone (``2026-10-18T10:00:00+03:30``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from festival.datafile.document import (
    FORMAT,
    Date,
    Document,
    Items,
    Kind,
    Nested,
    Time,
    Translations,
    members,
)


def document_json(doc: Document) -> dict[str, Any]:
    """The data file as JSON-ready data (``format`` first)."""
    return {"format": FORMAT, **_entity(doc, doc.zone)}


def entity_json(item: Any, zone: tzinfo) -> dict[str, Any]:
    """One entity (a ``Venue``, a ``Delegation`` with its members) as its item in the file,
    times in ``zone``."""
    return _entity(item, zone)


def _entity(item: Any, zone: tzinfo) -> dict[str, Any]:
    return {m.name: _value(m.kind, getattr(item, m.attr), zone) for m in members(type(item))}


def _value(kind: Kind, value: Any, zone: tzinfo) -> Any:
    if value is None:
        return None
    if isinstance(kind, Time):
        return value.astimezone(zone).isoformat()
    if isinstance(kind, Date):
        return value.isoformat()
    if isinstance(kind, Items):
        return [_entity(item, zone) for item in value]
    if isinstance(kind, Nested):
        return _entity(value, zone)
    if isinstance(kind, Translations):
        return {lang: dict(texts) for lang, texts in value.items()}
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value
