"""The account rules on a database: tokens' last use is written at most once a minute, a
deactivated user's tokens stop, sessions end on deactivation and password reset, and the
last active admin stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from festival.errors import NotFound, ValidationFailed
from festival.extensions import db
from festival.services import accounts

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def make(email: str, role: str) -> accounts.User:
    user = accounts.create_user(email, role, "long enough", actor="test", now=NOW)
    db.session.commit()
    return user


def test_last_use_is_written_at_most_once_a_minute(app: Flask) -> None:
    user = make("org@example.org", "organiser")
    row, token = accounts.issue_token(user, label="script", now=NOW)
    db.session.commit()
    assert accounts.user_for_api_token(token, now=NOW + timedelta(seconds=5)) is user
    assert row.last_used_at == NOW + timedelta(seconds=5)
    accounts.user_for_api_token(token, now=NOW + timedelta(seconds=50))
    assert row.last_used_at == NOW + timedelta(seconds=5)
    accounts.user_for_api_token(token, now=NOW + timedelta(seconds=65))
    assert row.last_used_at == NOW + timedelta(seconds=65)
    # Without ``now`` (a lookup only) nothing is written.
    accounts.user_for_api_token(token)
    assert row.last_used_at == NOW + timedelta(seconds=65)
    assert accounts.user_for_api_token("x" * 129) is None
    assert accounts.user_for_api_token("") is None


def test_deactivation_stops_tokens_and_sessions_reactivation_restores_tokens(app: Flask) -> None:
    make("admin@example.org", "admin")
    user = make("org@example.org", "organiser")
    _row, token = accounts.issue_token(user, label="", now=NOW)
    version = user.session_version
    accounts.set_active(user, False, actor="test")
    assert (user.active, user.session_version) == (False, version + 1)
    assert accounts.user_for_api_token(token) is None
    assert user.check_password("long enough") is False
    accounts.set_active(user, False, actor="test")
    assert user.session_version == version + 1
    accounts.set_active(user, True, actor="test")
    assert accounts.user_for_api_token(token) is user
    assert user.check_password("long enough") is True
    accounts.reset_password(user, "another long one", actor="test")
    assert user.session_version == version + 2
    assert user.check_password("another long one") and not user.check_password("long enough")


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(app: Flask) -> None:
    admin = make("admin@example.org", "admin")
    with pytest.raises(ValidationFailed) as demoted:
        accounts.change_role(admin, "organiser", actor="test")
    assert [f.line() for f in demoted.value.findings] == [
        "ERROR invalid-value at=role admin@example.org is the last active admin."
    ]
    with pytest.raises(ValidationFailed):
        accounts.set_active(admin, False, actor="test")
    other = make("other@example.org", "admin")
    accounts.set_active(other, False, actor="test")
    # A deactivated admin does not count: the first is still the last active one.
    with pytest.raises(ValidationFailed):
        accounts.change_role(admin, "viewer", actor="test")
    accounts.change_role(admin, "admin", actor="test")
    assert admin.role == "admin"


def test_a_token_is_revoked_by_its_owner_or_an_admin_only(app: Flask) -> None:
    owner = make("org@example.org", "organiser")
    viewer = make("viewer@example.org", "viewer")
    admin = make("admin@example.org", "admin")
    row, token = accounts.issue_token(owner, label="a", now=NOW)
    with pytest.raises(NotFound):
        accounts.revoke_token(row.id, by=viewer)
    second, _ = accounts.issue_token(owner, label="b", now=NOW)
    assert [t.label for t in accounts.tokens_of(owner)] == ["a", "b"]
    accounts.revoke_token(row.id, by=owner)
    accounts.revoke_token(second.id, by=admin)
    assert accounts.tokens_of(None) == []
    assert accounts.user_for_api_token(token) is None
    with pytest.raises(NotFound):
        accounts.revoke_token(row.id, by=admin)
