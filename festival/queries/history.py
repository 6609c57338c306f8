"""The change history as pages: newest first, filtered by who and by kind, per entity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select, union

from festival.extensions import db
from festival.models import Change, ChangeItem, Festival

PAGE_SIZE = 50


@dataclass(frozen=True)
class HistoryPage:
    """One page of entries, newest first, and the cursors of its neighbours.

    ``older`` is the id to pass as ``before`` for the next (older) page, ``newer`` the id to
    pass as ``after`` for the previous (newer) one; None when there is no such page.
    """

    entries: list[Change]
    older: int | None
    newer: int | None


@dataclass(frozen=True)
class HistoryChoices:
    """What the filters offer: every actor and every kind the festival's history has."""

    actors: list[str]
    kinds: list[str]


def _filtered(
    festival: Festival,
    *,
    who: str | None,
    kind: str | None,
    entity: tuple[str, str] | None,
) -> Select[Any]:
    query = select(Change).where(Change.festival_id == festival.id)
    if who:
        query = query.where(Change.actor_label == who)
    if kind:
        # An import that touched an entity of this kind counts as a change of this kind.
        touched = select(ChangeItem.change_id).where(
            ChangeItem.festival_id == festival.id, ChangeItem.kind == kind
        )
        query = query.where(or_(Change.kind == kind, Change.id.in_(touched)))
    if entity:
        entity_kind, entity_key = entity
        own = select(Change.id).where(
            Change.festival_id == festival.id,
            Change.kind == entity_kind,
            Change.key == entity_key,
        )
        via_import = select(ChangeItem.change_id).where(
            ChangeItem.festival_id == festival.id,
            ChangeItem.kind == entity_kind,
            ChangeItem.key == entity_key,
        )
        query = query.where(Change.id.in_(union(own, via_import)))
    return query


def history_page(
    festival: Festival,
    *,
    who: str | None = None,
    kind: str | None = None,
    entity: tuple[str, str] | None = None,
    before: int | None = None,
    after: int | None = None,
    limit: int = PAGE_SIZE,
) -> HistoryPage:
    """Entries of ``festival``, newest first (by time, then by id), at most ``limit``.

    ``who`` keeps one actor's (an e-mail or a command, as shown), ``kind`` one entity kind
    (imports that touched one count), ``entity`` one ``(kind, key)``. Keyset pages: ``before``
    (an entry's id) gives the entries older than it, ``after`` those newer than it; an id
    that is not this festival's gives the first page. Two queries at most, none per entry.
    """
    query = _filtered(festival, who=who, kind=kind, entity=entity)
    cursor_id = before if before is not None else after
    cursor = None
    if cursor_id is not None:
        cursor = db.session.execute(
            select(Change.at, Change.id).where(
                Change.id == cursor_id, Change.festival_id == festival.id
            )
        ).first()
    newest_first = (Change.at.desc(), Change.id.desc())
    if cursor is not None and before is not None:
        at, ident = cursor
        query = query.where(or_(Change.at < at, and_(Change.at == at, Change.id < ident))).order_by(
            *newest_first
        )
    elif cursor is not None:
        at, ident = cursor
        query = query.where(or_(Change.at > at, and_(Change.at == at, Change.id > ident))).order_by(
            Change.at, Change.id
        )
    else:
        query = query.order_by(*newest_first)
    rows: list[Change] = list(db.session.scalars(query.limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    going_newer = cursor is not None and before is None
    if going_newer:
        rows.reverse()
    if not rows:
        return HistoryPage([], None, None)
    has_older = more if not going_newer else True
    has_newer = cursor is not None if not going_newer else more
    return HistoryPage(
        rows,
        older=rows[-1].id if has_older else None,
        newer=rows[0].id if has_newer else None,
    )


def history_choices(festival: Festival) -> HistoryChoices:
    """Every actor and every entity kind in the festival's history, sorted."""
    actors = db.session.scalars(
        select(Change.actor_label).where(Change.festival_id == festival.id).distinct()
    )
    kinds = db.session.scalars(
        union(
            select(Change.kind).where(Change.festival_id == festival.id),
            select(ChangeItem.kind).where(ChangeItem.festival_id == festival.id),
        )
    )
    return HistoryChoices(sorted(actors), sorted(kinds))
