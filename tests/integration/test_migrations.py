"""Migrations build the schema on empty SQLite and PostgreSQL, and agree with the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from festival.extensions import db
from tests.conftest import make_app
from tests.factories import demo_data, to_bytes


@pytest.mark.parametrize("scratch_database", ["sqlite", "postgresql"], indirect=True)
def test_upgrade_builds_a_schema_equal_to_the_models(scratch_database: str) -> None:
    app = make_app(scratch_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": False}
            )
            diff = compare_metadata(context, db.metadata)
        db.session.remove()
        db.engine.dispose()
    assert diff == []


@pytest.mark.parametrize("scratch_database", ["sqlite", "postgresql"], indirect=True)
def test_migrated_database_guards_venue_exclusivity(scratch_database: str, tmp_path) -> None:
    app = make_app(scratch_database)
    runner = app.test_cli_runner()
    with app.app_context():
        upgrade()
        path = tmp_path / "demo.json"
        path.write_bytes(to_bytes(demo_data()))
        assert runner.invoke(args=["import", str(path)]).exit_code == 0
        db.session.remove()
        db.engine.dispose()
    engine = create_engine(scratch_database)
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT festival_id, venue_id, starts_at, ends_at FROM occupation WHERE exclusive "
                "ORDER BY id LIMIT 1"
            )
        ).one()
        with pytest.raises(Exception, match="occupation_no_overlap"):
            conn.execute(
                text(
                    "INSERT INTO occupation (festival_id, venue_id, hold_id, starts_at, ends_at, "
                    "exclusive) VALUES (:f, :v, (SELECT min(id) FROM venue_hold), :s, :e, true)"
                ),
                {"f": row[0], "v": row[1], "s": row[2], "e": row[3]},
            )
    engine.dispose()


def test_demo_command_creates_the_schema_and_is_idempotent(tmp_path) -> None:
    app = make_app(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "imported isfahan-2026" in first.stdout
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert "already loaded" in second.stdout
    check = runner.invoke(args=["check", "isfahan-2026"])
    assert check.exit_code == 0
    assert "ERROR" not in check.stdout
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
