"""The festival data file through the CLI: import, --replace, --dry-run, export, check, links."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Delegation, Festival, Occupation, Session, User
from tests.factories import demo_data, event, festival_data, session, to_bytes


def write(tmp_path: Path, data: dict[str, Any] | bytes, name: str = "festival.json") -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else to_bytes(data))
    return str(path)


def table_counts() -> dict[str, int]:
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    db.session.rollback()
    return counts


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """A data file's meaning: read it and drop what only locates items in the file."""
    doc, findings = validate_data(data)
    assert doc is not None, findings
    out = asdict(doc)

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "path"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(out)


def test_import_demo_then_check_reports_the_same_warnings(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path, demo_data())
    dry = runner.invoke(args=["import", path, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert table_counts()["festival"] == 0
    result = runner.invoke(args=["import", path])
    assert result.exit_code == 0, result.output
    assert "imported isfahan-2026:" in result.stdout
    check = runner.invoke(args=["check", "isfahan-2026"])
    assert check.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert check.stdout.splitlines() == warnings
    assert [line for line in dry.stderr.splitlines() if line.startswith("WARNING")] == warnings
    assert "ERROR" not in check.stdout


def test_refused_import_prints_every_error_and_writes_nothing(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    runner.invoke(args=["import", write(tmp_path, demo_data(), "demo.json")])
    before = table_counts()
    data = festival_data(
        events=[
            event(
                "carpets",
                session("carpets-1", "2026-10-18T10:00", "2026-10-18T12:00"),
                session("carpets-2", "2026-10-18T11:00", "2026-10-18T13:00"),
                session("carpets-3", "2026-10-18T14:00", "2026-10-18T13:00"),
            )
        ]
    )
    result = runner.invoke(args=["import", write(tmp_path, data)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ERROR invalid-interval at=events[carpets].sessions[carpets-3].ends_at "
        "ends 2026-10-18T13:00+03:30, not after start 2026-10-18T14:00+03:30",
        "ERROR venue-double-booking venue=hall sessions=carpets-1,carpets-2 overlap "
        "2026-10-18T11:00+03:30..12:00+03:30",
        "refused: 2 errors, nothing was written",
    ]
    assert table_counts() == before


def test_refused_replace_leaves_the_stored_festival_exactly_as_it_was(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    data = demo_data()
    runner.invoke(args=["import", write(tmp_path, data, "demo.json")])
    before = runner.invoke(args=["export", "isfahan-2026"]).stdout
    counts = table_counts()
    first = data["events"][0]["sessions"][0]
    data["events"][0]["title"] = "Changed title"
    data["events"][1]["sessions"][0].update(
        venue=first["venue"],
        starts_at=first["starts_at"],
        ends_at=first["ends_at"],
        status="confirmed",
    )
    data["events"][0]["sessions"][0]["status"] = "confirmed"
    result = runner.invoke(args=["import", write(tmp_path, data), "--replace"])
    assert result.exit_code == 1, result.output
    assert "ERROR venue-double-booking" in result.stderr
    assert runner.invoke(args=["export", "isfahan-2026"]).stdout == before
    assert table_counts() == counts


def test_import_refuses_an_existing_slug_without_replace(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path, festival_data())
    assert runner.invoke(args=["import", path]).exit_code == 0
    result = runner.invoke(args=["import", path])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "ERROR duplicate-key at=festival.slug festival test-2026 exists: import with "
        "--replace to replace it"
    )


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"\xff\xfe{}", 2, "is not UTF-8 text"),
        (b"", 1, "ERROR malformed-json at=1:1 the file is empty"),
        (b"[]", 1, "ERROR invalid-value at=$ the file must hold a JSON object, not a list"),
        (b'{"format": "festival-data/1",', 1, "ERROR malformed-json at=1:30"),
    ],
    ids=["not-utf8", "empty", "not-object", "truncated"],
)
def test_unusable_files_get_a_clear_message_and_no_traceback(
    runner: FlaskCliRunner, tmp_path: Path, content: bytes, code: int, message: str
) -> None:
    result = runner.invoke(args=["import", write(tmp_path, content)])
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert table_counts()["festival"] == 0


def test_missing_file_is_a_usage_error(runner: FlaskCliRunner, tmp_path: Path) -> None:
    result = runner.invoke(args=["import", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_export_gives_back_what_was_imported(runner: FlaskCliRunner, tmp_path: Path) -> None:
    data = demo_data()
    runner.invoke(args=["import", write(tmp_path, data)])
    exported = json.loads(runner.invoke(args=["export", "isfahan-2026"]).stdout)
    assert clean(exported) == clean(data)
    out = tmp_path / "out.json"
    assert runner.invoke(args=["export", "isfahan-2026", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text("utf-8")) == exported
    assert runner.invoke(args=["export", "nope"]).exit_code == 1


def test_export_is_stable_through_a_second_round_trip(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    runner.invoke(args=["import", write(tmp_path, demo_data())])
    first = runner.invoke(args=["export", "isfahan-2026"]).stdout
    again = json.loads(first)
    again["festival"]["slug"] = "copy-2026"
    assert runner.invoke(args=["import", write(tmp_path, again, "copy.json")]).exit_code == 0
    second = runner.invoke(args=["export", "copy-2026"]).stdout
    assert second == first.replace('"slug": "isfahan-2026"', '"slug": "copy-2026"')


def test_replace_keeps_identity_and_raises_sequence_of_changed_sessions(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    data = demo_data()
    runner.invoke(args=["import", write(tmp_path, data)])
    ids = dict(db.session.execute(select(Session.key, Session.id)).all())
    tokens = dict(db.session.execute(select(Delegation.key, Delegation.token)).all())
    version = db.session.scalar(select(Festival.version))
    db.session.rollback()

    assigned = {a.get("session") for a in data["interpreter_assignments"]}
    removable = next(
        e
        for e in data["events"]
        if len(e["sessions"]) > 1 and e["sessions"][-1]["key"] not in assigned
    )
    removed = removable["sessions"].pop()
    moved, cancelled = data["events"][0]["sessions"][0], data["events"][2]["sessions"][0]
    moved["starts_at"] = moved["starts_at"][:11] + "07:00"
    cancelled["status"] = "cancelled"
    result = runner.invoke(args=["import", write(tmp_path, data, "v2.json"), "--replace"])
    assert result.exit_code == 0, result.output

    after = dict(db.session.execute(select(Session.key, Session.id)).all())
    sequences = dict(db.session.execute(select(Session.key, Session.sequence)).all())
    assert after == {k: v for k, v in ids.items() if k != removed["key"]}
    assert dict(db.session.execute(select(Delegation.key, Delegation.token)).all()) == tokens
    assert sequences[moved["key"]] == 1
    assert sequences[cancelled["key"]] == 1
    assert {k for k, v in sequences.items() if v} == {moved["key"], cancelled["key"]}
    assert db.session.scalar(select(Festival.version)) > version
    cancelled_row = db.session.scalar(select(Session).where(Session.key == cancelled["key"]))
    assert cancelled_row.status == "cancelled"
    assert cancelled_row.occupation.exclusive is False
    assert db.session.scalar(select(func.count(Occupation.id))) == len(after) + len(
        data.get("venue_holds", [])
    )


def test_links_lists_the_public_feed_then_each_delegation(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    data = demo_data()
    runner.invoke(args=["import", write(tmp_path, data)])
    lines = runner.invoke(args=["links", "isfahan-2026"]).stdout.splitlines()
    assert lines[0] == "public\t/f/isfahan-2026/calendar.ics"
    assert [line.split("\t")[0] for line in lines[1:]] == [d["key"] for d in data["delegations"]]
    for line in lines[1:]:
        token = line.split("\t")[1].removeprefix("/d/").removesuffix("/calendar.ics")
        assert len(token) >= 22 and token.replace("-", "").replace("_", "").isalnum()
    assert runner.invoke(args=["links", "nope"]).exit_code == 1


def test_create_user_reads_the_password_from_stdin(runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=["create-user", "Org@Example.org", "--role", "organiser"],
        input="correct horse battery\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role) == ("org@example.org", "organiser")
    assert user.password_hash.startswith("$argon2id$")
    assert user.check_password("correct horse battery")
    assert not user.check_password("wrong")
    again = runner.invoke(
        args=["create-user", "org@example.org", "--role", "admin"], input="another password\n"
    )
    assert again.exit_code == 1
    assert (
        runner.invoke(
            args=["create-user", "x@example.org", "--role", "boss"], input="long enough pw\n"
        ).exit_code
        == 1
    )
    assert (
        runner.invoke(
            args=["create-user", "not-an-email", "--role", "viewer"], input="long enough pw\n"
        ).exit_code
        == 1
    )
    assert (
        runner.invoke(
            args=["create-user", "y@example.org", "--role", "viewer"], input="short\n"
        ).exit_code
        == 1
    )


def test_a_festival_imported_again_after_a_delete_gets_a_new_id(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    """Caches key on (festival id, version): an id must never come back."""
    path = write(tmp_path, festival_data())
    runner.invoke(args=["import", path])
    first = db.session.scalar(select(Festival.id))
    db.session.delete(db.session.get(Festival, first))
    db.session.commit()
    runner.invoke(args=["import", path])
    assert db.session.scalar(select(Festival.id)) > first
    assert db.session.scalar(select(Festival.version)) == 1


def test_replace_raises_sequence_when_a_description_or_a_venue_address_changes(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    data = festival_data(
        events=[
            event("a", session("a-1", "2026-10-18T10:00", "2026-10-18T11:00")),
            event("b", session("b-1", "2026-10-19T10:00", "2026-10-19T11:00"), venue_note="x"),
        ]
    )
    data["events"][1].pop("venue_note")
    runner.invoke(args=["import", write(tmp_path, data)])
    data["events"][0]["description"] = "Now with a description"
    runner.invoke(args=["import", write(tmp_path, data, "v2.json"), "--replace"])
    assert dict(db.session.execute(select(Session.key, Session.sequence)).all()) == {
        "a-1": 1,
        "b-1": 0,
    }
    data["venues"][0]["address"] = "Chahar Bagh Street"
    runner.invoke(args=["import", write(tmp_path, data, "v3.json"), "--replace"])
    assert dict(db.session.execute(select(Session.key, Session.sequence)).all()) == {
        "a-1": 2,
        "b-1": 1,
    }
