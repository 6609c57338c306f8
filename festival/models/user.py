"""Organisers, admins and viewers who sign in."""

from __future__ import annotations

import secrets
from contextlib import suppress
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from festival.models.base import Model
from festival.models.types import StrEnumColumn, UTCDateTime
from festival.vocabulary import Role, sql_in

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
    __table_args__ = (CheckConstraint(sql_in("role", Role), name="known_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(StrEnumColumn(Role, 16))
    # Raised on logout and password change: a copied session cookie then stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def set_password(self, password: str) -> None:
        """Hash with argon2id (ASVS 5.0 parameters are argon2-cffi's defaults)."""
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            return _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.ORGANISER)


class ApiToken(Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored: a leaked database does
    not leak working tokens."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
