"""Users, signing in (with failed attempts throttled), and API tokens."""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import STRATEGIES, RateLimiter
from sqlalchemy import select

from festival.errors import NotFound
from festival.extensions import db
from festival.models import ApiToken, User
from festival.models.user import verify_nobody


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail address and password, or None.

    An unknown address costs one argon2 verification too (against a dummy hash), so the answer
    takes as long as for a known address with a wrong password: timing tells no one which
    addresses have accounts.
    """
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        verify_nobody(password)
        return None
    return user if user.check_password(password) else None


@dataclass(frozen=True)
class SignInThrottle:
    """Failed sign-ins, counted per account (e-mail address, known or not) and per client
    address, each in its own window. Once either count is used up, every attempt for that
    account or from that address is refused, the right password included, until its window
    has passed. Counts live in a ``limits`` store: in memory (one per process) by default, or
    a shared one (Redis, Memcached, MongoDB) that every worker sees.
    """

    limiter: RateLimiter
    per_account: RateLimitItem
    per_address: RateLimitItem

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SignInThrottle:
        """From ``RATELIMIT_STORAGE_URI``, ``RATELIMIT_STRATEGY`` and the two
        ``SIGNIN_FAILURES_PER_*`` limits (``"5 per 5 minutes"``)."""
        storage = storage_from_string(config["RATELIMIT_STORAGE_URI"])
        return cls(
            limiter=STRATEGIES[config["RATELIMIT_STRATEGY"]](storage),
            per_account=parse(config["SIGNIN_FAILURES_PER_ACCOUNT"]),
            per_address=parse(config["SIGNIN_FAILURES_PER_ADDRESS"]),
        )

    def _counters(self, email: str, address: str) -> tuple[tuple[RateLimitItem, str, str], ...]:
        # The store sees a digest, not the address people sign in with.
        account = hashlib.sha256(normalise_email(email).encode("utf-8")).hexdigest()
        return (
            (self.per_account, "signin-account", account),
            (self.per_address, "signin-address", address),
        )

    def retry_after(self, email: str, address: str) -> int:
        """Whole seconds until a sign-in for ``email`` from ``address`` may be tried; 0: now."""
        wait = 0.0
        for item, *ids in self._counters(email, address):
            stats = self.limiter.get_window_stats(item, *ids)
            if stats.remaining <= 0:
                wait = max(wait, stats.reset_time - time.time())
        return max(1, math.ceil(wait)) if wait > 0 else 0

    def failed(self, email: str, address: str) -> None:
        """Count one failed sign-in against the account and the address."""
        for item, *ids in self._counters(email, address):
            self.limiter.hit(item, *ids)


def create_api_token(email: str, *, now: datetime) -> str:
    """A new bearer token (256 random bits) for the user; only its hash is stored.

    Raises ``NotFound`` for an unknown e-mail address. Flushes; the caller commits.
    """
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
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
