"""Organisers, admins and viewers who sign in; their API tokens and their pending uploads."""

from __future__ import annotations

import secrets
from contextlib import suppress
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.models.base import Model
from festival.models.types import UTCDateTime

ROLES = ("admin", "organiser", "viewer")
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    # Made once per process with the same parameters as every user's hash, so checking a
    # password against it costs exactly what checking a real one does.
    return _hasher.hash(secrets.token_urlsafe(32))


def verify_nobody(password: str) -> bool:
    """Check ``password`` against a hash no one has: as slow as a real check, always False."""
    with suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash(), password)
    return False


class User(UserMixin, Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'organiser', 'viewer')", name="known_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    # Raised on logout, password reset and deactivation: a copied session cookie then stops
    # working.
    session_version: Mapped[int] = mapped_column(default=1)
    # A deactivated user cannot sign in, and their sessions and API tokens stop working.
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ApiToken.id"
    )

    def set_password(self, password: str) -> None:
        """Hash with argon2id (ASVS 5.0 parameters are argon2-cffi's defaults)."""
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        """The password is right and the account is active. The hash is verified either way,
        so the time taken does not tell whether an account is deactivated."""
        try:
            right = _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        return right and self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "organiser")

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class ApiToken(Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored: a leaked database does
    not leak working tokens."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the token is for, as its owner named it ("laptop", "sync script").
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Recorded at most once a minute, so busy scripts do not write on every call.
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")


class PendingImport(Model):
    """An uploaded data file kept between its preview and its apply, for the user who
    uploaded it: the apply imports these bytes (validated again), never a second upload."""

    __tablename__ = "pending_import"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
