"""Finding what a public URL names, or a 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from festival.queries.editions import DelegationRef, Edition, delegation_ref, festival_edition


def can_see_unpublished() -> bool:
    return bool(getattr(current_user, "is_authenticated", False))


def public_festival_or_404(slug: str) -> Edition:
    """The festival at its current version, or 404 for an unknown or (to the public)
    unpublished one. One small query."""
    found = festival_edition(slug)
    if found is None or (not found.published and not can_see_unpublished()):
        abort(404)
    return found


def delegation_or_404(token: str) -> DelegationRef:
    """The delegation a token names; unknown or rotated tokens answer 404. One small query."""
    found = delegation_ref(token)
    if found is None:
        abort(404)
    return found
