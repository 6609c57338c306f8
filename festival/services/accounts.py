"""Users, signing in (with failed attempts throttled), and API tokens: who may sign in, with
which role, and with which tokens.

Rules: e-mail addresses are kept lower-case and unique; a password has at least
``MIN_PASSWORD`` characters; the last active admin can be neither demoted nor deactivated
(someone must be able to manage users). Deactivating a user or resetting their password
raises their session version, so every signed-in copy of their session stops working;
a deactivated user's API tokens stop working too. Every function flushes; the caller commits.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _  # type: ignore[import-untyped]
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import STRATEGIES, RateLimiter
from sqlalchemy import func, select

from festival.errors import NotFound, ValidationFailed
from festival.extensions import db
from festival.models import ApiToken, User
from festival.models.user import verify_nobody
from festival.scheduling.findings import error
from festival.services.history import Actor, actor_label
from festival.vocabulary import Role

# Account changes are not festival changes (the history is per festival): they are logged.
audit = logging.getLogger("festival.accounts")

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
MAX_LABEL = 100
# A token's last use is written at most this often: busy scripts do not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


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


def create_api_token(email: str, *, now: datetime, label: str = "") -> str:
    """A new bearer token (256 random bits) for the user; only its hash is stored.

    Raises ``NotFound`` for an unknown e-mail address. Flushes; the caller commits.
    """
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFound(f"no user {email}")
    return issue_token(user, label=label, now=now)[1]


def user_for_api_token(token: str, *, now: datetime | None = None) -> User | None:
    """The active user a bearer token belongs to, or None (unknown, revoked, malformed, or
    its user deactivated). With ``now``, records the token's use (flushes; the caller
    commits) when the last one is older than ``LAST_USED_RESOLUTION``."""
    if not token or len(token) > 128:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is None or not row.user.active:
        return None
    if now is not None and (
        row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION
    ):
        row.last_used_at = now
        db.session.flush()
    return row.user


def _invalid(field: str, text: str) -> ValidationFailed:
    return ValidationFailed([error("invalid-value", ("at", field), text=text)])


def _checked_email(email: str) -> str:
    email = normalise_email(email)
    if not EMAIL_RE.match(email) or len(email) > 320:
        raise _invalid("email", _("Enter an e-mail address, like name@example.org."))
    return email


def _checked_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise _invalid("role", _("Choose admin, organiser or viewer.")) from None


def _checked_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise _invalid(
            "password",
            _("The password needs at least %(n)d characters.", n=MIN_PASSWORD),
        )
    return password


def create_user(email: str, role: str, password: str, *, actor: Actor, now: datetime) -> User:
    """A new active user. Raises ``ValidationFailed`` naming the field (``at=email``,
    ``role`` or ``password``); an address in use is a ``duplicate-key`` at ``email``.
    ``actor`` is who adds the user (an admin, or ``"festival create-user"``)."""
    email = _checked_email(email)
    checked_role = _checked_role(role)
    _checked_password(password)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ValidationFailed(
            [
                error(
                    "duplicate-key",
                    ("at", "email"),
                    text=_("A user %(email)s exists already.", email=email),
                )
            ]
        )
    user = User(email=email, role=checked_role.value, created_at=now, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.info("%s created %s %s", actor_label(actor), checked_role.value, email)
    return user


def user_or_404(user_id: int) -> User:
    """The user with this id; raises ``NotFound``."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    return user


def _other_active_admins(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(User.id)).where(
                User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id
            )
        )
        or 0
    )


def _keep_an_admin(user: User, field: str) -> None:
    if user.role == Role.ADMIN and user.active and _other_active_admins(user) == 0:
        raise _invalid(field, _("%(email)s is the last active admin.", email=user.email))


def change_role(user: User, role: str, *, actor: Actor) -> None:
    """Give ``user`` another role (takes effect on their next request). Raises
    ``ValidationFailed`` for an unknown role or for demoting the last active admin."""
    new = _checked_role(role)
    if new != Role.ADMIN:
        _keep_an_admin(user, "role")
    if user.role != new.value:
        audit.info("%s made %s %s (was %s)", actor_label(actor), user.email, new.value, user.role)
    user.role = new.value
    db.session.flush()


def set_active(user: User, active: bool, *, actor: Actor) -> None:
    """Deactivate (or reactivate) ``user``. Deactivation signs them out everywhere and stops
    their API tokens; the tokens work again if they are reactivated. Raises
    ``ValidationFailed`` for deactivating the last active admin."""
    if user.active == active:
        return
    if not active:
        _keep_an_admin(user, "active")
        user.session_version += 1
    user.active = active
    db.session.flush()
    audit.info(
        "%s %s %s", actor_label(actor), "reactivated" if active else "deactivated", user.email
    )


def reset_password(user: User, password: str, *, actor: Actor) -> None:
    """Set a new password for ``user`` and sign them out everywhere. Raises
    ``ValidationFailed`` (``at=password``) for a password that is too short or too long."""
    user.set_password(_checked_password(password))
    user.session_version += 1
    db.session.flush()
    audit.info("%s reset the password of %s", actor_label(actor), user.email)


def issue_token(user: User, *, label: str, now: datetime) -> tuple[ApiToken, str]:
    """A new API token for ``user``: the stored row and the token itself, which is shown
    once and never again (only its SHA-256 is kept). Raises ``ValidationFailed``
    (``at=label``) for a label longer than ``MAX_LABEL``."""
    label = label.strip()
    if len(label) > MAX_LABEL:
        raise _invalid("label", _("At most %(n)d characters.", n=MAX_LABEL))
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_digest(token), label=label, created_at=now)
    db.session.add(row)
    db.session.flush()
    return row, token


def tokens_of(user: User | None) -> list[ApiToken]:
    """``user``'s tokens, oldest first; with None, every user's (ordered by user, then age)."""
    query = select(ApiToken).join(ApiToken.user).order_by(User.email, ApiToken.id)
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query))


def revoke_token(token_id: int, *, by: User) -> ApiToken:
    """Delete the token ``token_id``: its owner's own, or anyone's for an admin. It stops
    working at once. Raises ``NotFound`` for an unknown token or someone else's (a
    non-admin learns nothing about other users' tokens)."""
    row = db.session.get(ApiToken, token_id)
    if row is None or (row.user_id != by.id and by.role != Role.ADMIN):
        raise NotFound(f"no token {token_id}")
    audit.info("%s revoked API token %d of %s", by.email, token_id, row.user.email)
    db.session.delete(row)
    db.session.flush()
    return row


def all_users() -> list[User]:
    """Every user, by e-mail address."""
    return list(db.session.scalars(select(User).order_by(User.email)))
