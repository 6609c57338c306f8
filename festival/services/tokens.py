"""Delegation feed tokens: issue a new one, so the old private URLs answer 404."""

from __future__ import annotations

from datetime import datetime

from festival.errors import NotFound
from festival.extensions import db
from festival.models import Festival, new_token
from festival.services.history import Actor, record_change, token_fingerprint


def rotate_token(festival: Festival, delegation_key: str, now: datetime, *, actor: Actor) -> str:
    """Give the delegation ``delegation_key`` a new token (192 random bits) and return it.

    The old token stops working at once (its page and feed answer 404). Touches the festival
    (``now``, aware), so every cached output of it expires, and records the rotation as
    ``actor``'s (the history keeps fingerprints, never a token). Raises ``NotFound`` for an
    unknown delegation. Flushes; the caller commits.
    """
    delegation = next((d for d in festival.delegations if d.key == delegation_key), None)
    if delegation is None:
        raise NotFound(f"no delegation {delegation_key!r} in festival {festival.slug}")
    old = delegation.token
    delegation.token = new_token()
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="delegation",
        key=delegation.key,
        before={"token": token_fingerprint(old)},
        after={"token": token_fingerprint(delegation.token)},
        now=now,
    )
    return delegation.token
