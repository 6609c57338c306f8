"""Migration 0006 on a database with sessions: each keeps its row, its occupation and its
interpreter assignment, and starts at version 1; going back down drops only the column."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from festival.extensions import db
from tests.conftest import make_app
from tests.factories import demo_data, to_bytes


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("session", "occupation", "interpreter_assignment")
        }
    engine.dispose()
    return out


@pytest.mark.parametrize("scratch_database", ["sqlite", "postgresql"], indirect=True)
def test_sessions_come_through_0006_at_version_1(scratch_database: str, tmp_path) -> None:
    app = make_app(scratch_database)
    path = tmp_path / "demo.json"
    path.write_bytes(to_bytes(demo_data()))
    with app.app_context():
        upgrade()
        downgrade(revision="0005")
        # The demo festival imported by a version of the app that had no session version.
        db.session.remove()
        db.engine.dispose()
    engine = create_engine(scratch_database)
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM session LIMIT 0")).keys()
    engine.dispose()
    assert "version" not in columns
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["import", str(path)]).exit_code == 0
        downgrade(revision="0005")
        db.session.remove()
        db.engine.dispose()
    before = counts(scratch_database)
    assert before["session"] > 50 and before["occupation"] > 50
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    assert counts(scratch_database) == before
    engine = create_engine(scratch_database)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT DISTINCT version FROM session")).scalars().all() == [1]
    engine.dispose()
