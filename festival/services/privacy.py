"""Members' personal data: erase one member's, everywhere it is stored (docs/privacy.md).

A member's ``email``, ``phone``, ``dietary``, ``accessibility``, ``needs`` and ``room`` are
personal data, and so is the name. ``erase_member`` blanks them on the member (which stays,
counted, as "erased member": rooming lists, transfers and catering counts keep adding up),
removes them from every stored history entry of the festival (the member's own entries, the
delegation's entries that list its members, and any other entry that holds one of the old
values), and records that an erasure happened: by whom and when, with no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from festival.extensions import db
from festival.models import Festival, Member
from festival.models.history import Change
from festival.services.delegations import get_member
from festival.services.history import Actor, member_key, plain, record_change

# What an erased member is called wherever members are listed or counted. Stored as the
# name (the data file requires one), shown translated in the workspace.
ERASED_NAME = "erased member"
# The member's personal fields and what each becomes.
BLANK: Mapping[str, Any] = {
    "name": ERASED_NAME,
    "email": "",
    "phone": "",
    "dietary": "",
    "accessibility": "",
    "needs": [],
    "room": "",
}
# Shorter strings are not looked for across other entries (a one-letter name would match
# too much that is not this member's).
_MIN_TRACE = 3


def erase_member(
    festival: Festival, delegation: str, key: str, *, actor: Actor, now: datetime
) -> Member:
    """Erase the personal data of member ``key`` of ``delegation``. ``NotFound`` for an
    unknown delegation or member. Erasing an erased member again is harmless (and recorded
    again). Flushes; the caller commits."""
    row = get_member(festival, delegation, key)
    old = {name: getattr(row, name) for name in BLANK}
    for name, blank in BLANK.items():
        setattr(row, name, list(blank) if isinstance(blank, list) else blank)
    previously = row.erased_at
    row.erased_at = now
    festival.touch(now)
    db.session.flush()
    _scrub_history(festival, delegation, key, old)
    record_change(
        festival,
        actor,
        kind="member",
        key=member_key(delegation, key),
        before={"erased_at": previously},
        after={"erased_at": now},
        now=now,
        summary="erased",
    )
    return row


def _scrub_history(festival: Festival, delegation: str, key: str, old: Mapping[str, Any]) -> None:
    """Every history entry of the festival, without the member's old personal values."""
    own = member_key(delegation, key)
    traces = {
        value
        for name in ("name", "email", "phone")
        if isinstance(value := old.get(name), str) and len(value.strip()) >= _MIN_TRACE
    } - {ERASED_NAME}
    entries = db.session.scalars(select(Change).where(Change.festival_id == festival.id))
    for change in entries:
        for side in ("before", "after"):
            value = getattr(change, side)
            if value is None:
                continue
            if change.kind == "member" and change.key == own:
                cleaned = _blank_fields(value)
            elif change.kind == "delegation" and change.key == delegation:
                cleaned = _blank_listed(value, key)
            else:
                cleaned = value
            cleaned = _without(cleaned, traces)
            if cleaned != value:
                # A new object: the JSON column sees the change.
                setattr(change, side, plain(cleaned))
        if traces and any(t in change.summary for t in traces):
            for t in traces:
                change.summary = change.summary.replace(t, "")
    db.session.flush()


def _blank_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A member's recorded fields with each personal one blanked (others as they were)."""
    return {n: BLANK.get(n, v) for n, v in fields.items()}


def _blank_listed(fields: Mapping[str, Any], key: str) -> dict[str, Any]:
    """A delegation's recorded fields whose ``members`` list has member ``key`` blanked."""
    members = fields.get("members")
    if not isinstance(members, list):
        return dict(fields)
    listed = [
        _blank_fields(m) if isinstance(m, Mapping) and m.get("key") == key else m for m in members
    ]
    return {**fields, "members": listed}


def _without(value: Any, traces: set[str]) -> Any:
    """``value`` (JSON) with every string equal to one of ``traces`` blanked."""
    if not traces:
        return value
    if isinstance(value, str):
        return "" if value in traces else value
    if isinstance(value, Mapping):
        return {k: _without(v, traces) for k, v in value.items()}
    if isinstance(value, list):
        return [_without(v, traces) for v in value]
    return value


__all__ = ["BLANK", "ERASED_NAME", "erase_member"]
