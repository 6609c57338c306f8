"""Migration 0007 on a database with members: each keeps its row and its personal data, needs
nothing and was never erased; going back down drops only the two columns."""

from __future__ import annotations

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from festival.extensions import db
from tests.conftest import make_app
from tests.factories import demo_data, to_bytes


def members(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT delegation_id, key, name, dietary, accessibility, email, phone, room "
                "FROM member ORDER BY id"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def columns(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = list(conn.execute(text("SELECT * FROM member LIMIT 0")).keys())
    engine.dispose()
    return found


@pytest.mark.parametrize("scratch_database", ["sqlite", "postgresql"], indirect=True)
def test_members_come_through_0007_needing_nothing(scratch_database: str, tmp_path) -> None:
    app = make_app(scratch_database)
    path = tmp_path / "demo.json"
    path.write_bytes(to_bytes(demo_data()))
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        assert runner.invoke(args=["import", str(path)]).exit_code == 0
        # The demo festival as a version of the app without needs or erasure had stored it.
        downgrade(revision="0006")
        db.session.remove()
        db.engine.dispose()
    assert "needs" not in columns(scratch_database)
    assert "erased_at" not in columns(scratch_database)
    before = members(scratch_database)
    assert len(before) > 5 and any(row[5] for row in before)
    with app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    assert members(scratch_database) == before
    engine = create_engine(scratch_database)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT needs, erased_at FROM member")).all()
    engine.dispose()
    assert {(json.dumps(n if isinstance(n, list) else json.loads(n)), e) for n, e in rows} == {
        ("[]", None)
    }
    # And a member's needs now go through the data file and back.
    data = demo_data()
    data["delegations"][0]["members"][0]["needs"] = ["step_free", "hearing_loop"]
    path.write_bytes(to_bytes(data))
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["import", str(path), "--replace"]).exit_code == 0
        out = runner.invoke(args=["export", data["festival"]["slug"]])
        db.session.remove()
        db.engine.dispose()
    exported = json.loads(out.output)
    assert exported["delegations"][0]["members"][0]["needs"] == ["step_free", "hearing_loop"]
