"""Migrations on a database with data: 0004 keeps every user active and every token working
(with no label and no last use yet), no table rebuild loses the rows that refer to it, and
0004 goes back down cleanly."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from festival.extensions import db
from tests.conftest import make_app


@pytest.mark.parametrize("scratch_database", ["sqlite", "postgresql"], indirect=True)
def test_existing_rows_come_through_every_migration(scratch_database: str) -> None:
    app = make_app(scratch_database)
    with app.app_context():
        upgrade(revision="0002")
        db.session.remove()
        db.engine.dispose()
    engine = create_engine(scratch_database)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO user_account (email, password_hash, role, session_version, "
                "created_at) VALUES ('org@example.org', 'x', 'organiser', 1, "
                "'2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO api_token (user_id, token_hash, created_at) VALUES "
                "((SELECT id FROM user_account), 'abc', '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO festival (slug, name, host_city, timezone, starts_on, ends_on, "
                "languages, description, published, version, updated_at) VALUES ('f', 'F', "
                "'C', 'UTC', '2026-10-18', '2026-10-24', '[]', '', true, 1, "
                "'2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO partner_city (festival_id, key, position, name, local_name) "
                "VALUES ((SELECT id FROM festival), 'xian', 0, 'Xi''an', '')"
            )
        )
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT email, active FROM user_account")).one() == (
            "org@example.org",
            True,
        )
        assert conn.execute(text("SELECT label, last_used_at FROM api_token")).one() == ("", None)
        assert conn.execute(text("SELECT count(*) FROM pending_import")).scalar() == 0
        assert conn.execute(text("SELECT key FROM partner_city")).scalar() == "xian"
        assert conn.execute(text("SELECT translations FROM festival")).scalar() in ("{}", {})
    with app.app_context():
        downgrade(revision="0003")
        db.session.remove()
        db.engine.dispose()
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM api_token")).keys()
        assert list(columns) == ["id", "user_id", "token_hash", "created_at"]
    engine.dispose()
