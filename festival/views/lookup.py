"""Finding what a public URL names, or a 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from festival.extensions import db
from festival.models import Delegation, Festival


def can_see_unpublished() -> bool:
    return bool(getattr(current_user, "is_authenticated", False))


def festival_version(slug: str) -> tuple[int, int] | None:
    """(id, version) of a festival the visitor may see, in one small query; None if not."""
    row = db.session.execute(
        select(Festival.id, Festival.version, Festival.published).where(Festival.slug == slug)
    ).first()
    if row is None or (not row.published and not can_see_unpublished()):
        return None
    return row.id, row.version


def public_festival_or_404(slug: str) -> tuple[int, int]:
    """(id, version) of the festival, or 404 for an unknown or (to the public) unpublished one."""
    found = festival_version(slug)
    if found is None:
        abort(404)
    return found


def delegation_or_404(token: str) -> Delegation:
    """The delegation a token names; unknown or rotated tokens answer 404."""
    if not token or len(token) > 64:
        abort(404)
    delegation = db.session.scalar(select(Delegation).where(Delegation.token == token))
    if delegation is None:
        abort(404)
    return delegation
