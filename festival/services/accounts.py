"""Users and their API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select

from festival.errors import NotFound
from festival.extensions import db
from festival.models import ApiToken, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_api_token(email: str, *, now: datetime) -> str:
    """A new bearer token (256 random bits) for the user; only its hash is stored.

    Raises ``NotFound`` for an unknown e-mail address. Flushes; the caller commits.
    """
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"no user {email}")
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_hash=_digest(token), created_at=now))
    db.session.flush()
    return token


def user_for_api_token(token: str) -> User | None:
    """The user a bearer token belongs to, or None (unknown, revoked or malformed)."""
    if not token or len(token) > 128:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    return row.user if row is not None else None
