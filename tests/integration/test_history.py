"""The change history: every way in records exactly who changed what, before and after; a
refused write records nothing; an import is one entry listing what it changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import delete, func, select

from festival.datafile import validate_data
from festival.errors import NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Change, ChangeItem, Delegation, Festival, User
from festival.services import sessions as svc
from festival.services.accounts import create_api_token
from festival.services.history import record_change, token_fingerprint
from festival.services.importer import import_document
from festival.services.unit import run_write
from tests.factories import event, festival_data, session, to_bytes, venue

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 9, 2, 8, 30, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=TEHRAN)


def small(**overrides: Any) -> dict[str, Any]:
    data = festival_data(
        venues=[venue("hall", setup_minutes=30), venue("court")],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "members": [{"key": "li-wei", "name": "Li Wei", "dietary": "halal"}],
            }
        ],
        events=[
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
            ),
            event("talks", session("talk-1", "2026-10-19T10:00", "2026-10-19T11:00")),
        ],
    )
    data.update(overrides)
    return data


def entries() -> list[tuple[Any, ...]]:
    """Every entry, oldest first: (who, user id, kind, key, before, after)."""
    rows = db.session.scalars(select(Change).order_by(Change.id)).all()
    out = [(c.actor_label, c.actor_user_id, c.kind, c.key, c.before, c.after) for c in rows]
    db.session.rollback()
    return out


def user(email: str = "ana@example.org", role: str = "organiser") -> User:
    row = User(email=email, role=role, created_at=NOW)
    row.set_password("a long passphrase")
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def festival(app: Flask) -> Festival:
    doc, findings = validate_data(small())
    festival = run_write(
        lambda: import_document(doc, findings, replace=False, now=NOW, actor="tests")
    )
    db.session.execute(delete(ChangeItem))
    db.session.execute(delete(Change))
    db.session.commit()
    return festival


# -- the session and hold services ------------------------------------------------------------


def test_place_session_records_the_user_and_the_new_session(festival: Festival) -> None:
    ana = user()
    run_write(
        lambda: svc.place_session(
            festival,
            key="talk-2",
            event="talks",
            venue="court",
            starts_at=at(20, 10),
            ends_at=at(20, 11, 30),
            status="tentative",
            now=LATER,
            actor=ana,
        )
    )
    assert entries() == [
        (
            "ana@example.org",
            ana.id,
            "session",
            "talk-2",
            None,
            {
                "event": "talks",
                "venue": "court",
                "starts_at": "2026-10-20T06:30:00+00:00",
                "ends_at": "2026-10-20T08:00:00+00:00",
                "status": "tentative",
            },
        )
    ]
    change = db.session.scalars(select(Change)).one()
    assert change.at == LATER and change.festival_id == festival.id


def test_move_records_only_the_changed_fields(festival: Festival) -> None:
    ana = user()
    run_write(
        lambda: svc.move_session(
            festival,
            "talk-1",
            starts_at=at(19, 12),
            ends_at=at(19, 13),
            venue="court",
            now=LATER,
            actor=ana,
        )
    )
    assert entries() == [
        (
            "ana@example.org",
            ana.id,
            "session",
            "talk-1",
            {
                "venue": "hall",
                "starts_at": "2026-10-19T06:30:00+00:00",
                "ends_at": "2026-10-19T07:30:00+00:00",
            },
            {
                "venue": "court",
                "starts_at": "2026-10-19T08:30:00+00:00",
                "ends_at": "2026-10-19T09:30:00+00:00",
            },
        )
    ]


def test_a_change_that_changes_nothing_records_nothing(festival: Festival) -> None:
    run_write(
        lambda: svc.update_session(festival, "talk-1", status="confirmed", now=LATER, actor="x")
    )
    assert entries() == []


def test_cancel_then_delete_records_the_status_then_the_whole_session(festival: Festival) -> None:
    run_write(lambda: svc.cancel_session(festival, "talk-1", now=LATER, actor="festival shell"))
    run_write(lambda: svc.delete_session(festival, "talk-1", now=LATER, actor="festival shell"))
    assert entries() == [
        (
            "festival shell",
            None,
            "session",
            "talk-1",
            {"status": "confirmed"},
            {"status": "cancelled"},
        ),
        (
            "festival shell",
            None,
            "session",
            "talk-1",
            {
                "event": "talks",
                "venue": "hall",
                "starts_at": "2026-10-19T06:30:00+00:00",
                "ends_at": "2026-10-19T07:30:00+00:00",
                "status": "cancelled",
            },
            None,
        ),
    ]


def test_holds_record_their_adding_and_removal(festival: Festival) -> None:
    ana = user()
    run_write(
        lambda: svc.add_hold(
            festival,
            key="build-up",
            venue="court",
            starts_at=at(17, 8),
            ends_at=at(17, 18),
            reason="stage build",
            now=LATER,
            actor=ana,
        )
    )
    run_write(lambda: svc.remove_hold(festival, "build-up", now=LATER, actor=ana))
    hold = {
        "venue": "court",
        "starts_at": "2026-10-17T04:30:00+00:00",
        "ends_at": "2026-10-17T14:30:00+00:00",
        "reason": "stage build",
    }
    assert entries() == [
        ("ana@example.org", ana.id, "venue_hold", "build-up", None, hold),
        ("ana@example.org", ana.id, "venue_hold", "build-up", hold, None),
    ]


def test_refused_writes_record_nothing(festival: Festival) -> None:
    with pytest.raises(SchedulingConflict):
        run_write(
            lambda: svc.place_session(
                festival,
                key="clash",
                event="talks",
                venue="hall",
                starts_at=at(18, 10, 30),
                ends_at=at(18, 12),
                now=LATER,
                actor="x",
            )
        )
    with pytest.raises(ValidationFailed):
        run_write(
            lambda: svc.update_session(festival, "talk-1", venue="nowhere", now=LATER, actor="x")
        )
    with pytest.raises(NotFound):
        run_write(lambda: svc.delete_session(festival, "ghost", now=LATER, actor="x"))
    assert entries() == []


def test_an_entry_rolls_back_with_its_write(festival: Festival) -> None:
    def write_then_fail() -> None:
        svc.cancel_session(festival, "talk-1", now=LATER, actor="x")
        raise NotFound("changed my mind")

    with pytest.raises(NotFound):
        run_write(write_then_fail)
    assert entries() == []


def test_record_change_refuses_what_cannot_be_an_entry(festival: Festival) -> None:
    with pytest.raises(ValueError, match="before or an after"):
        record_change(festival, "x", kind="session", key="a", before=None, after=None, now=NOW)
    with pytest.raises(ValueError, match="aware"):
        record_change(
            festival,
            "x",
            kind="session",
            key="a",
            before=None,
            after={},
            now=NOW.replace(tzinfo=None),
        )
    with pytest.raises(ValueError, match="needs a name"):
        record_change(festival, " ", kind="session", key="a", before=None, after={}, now=NOW)
    with pytest.raises(TypeError, match="object"):
        record_change(
            festival, "x", kind="session", key="a", before=None, after={"x": object()}, now=NOW
        )
    db.session.rollback()
    assert entries() == []


def test_a_deleted_user_keeps_their_entries_by_e_mail(festival: Festival) -> None:
    ana = user()
    run_write(lambda: svc.cancel_session(festival, "talk-1", now=LATER, actor=ana))
    db.session.delete(db.session.get(User, ana.id))
    db.session.commit()
    assert [e[:2] for e in entries()] == [("ana@example.org", None)]


def test_deleting_the_festival_deletes_its_history(festival: Festival) -> None:
    run_write(lambda: svc.cancel_session(festival, "talk-1", now=LATER, actor="x"))
    db.session.execute(delete(Festival))
    db.session.commit()
    assert db.session.scalar(select(func.count(Change.id))) == 0


# -- the API ----------------------------------------------------------------------------------


def test_api_writes_are_recorded_as_the_token_user(festival: Festival, client: FlaskClient) -> None:
    ana = user()
    ana_id = ana.id
    token = create_api_token(ana.email, now=NOW)
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = "/api/v1/festivals/test-2026/sessions"
    created = client.post(
        url,
        json={
            "key": "talk-2",
            "event": "talks",
            "venue": "court",
            "starts_at": "2026-10-20T10:00",
            "ends_at": "2026-10-20T11:00",
        },
        headers=headers,
    )
    assert created.status_code == 201
    anonymous = client.patch(f"{url}/talk-2", json={"status": "cancelled"})
    assert anonymous.status_code == 401
    refused = client.patch(
        f"{url}/talk-2",
        json={"venue": "hall", "starts_at": "2026-10-19T10:30", "ends_at": "2026-10-19T11:30"},
        headers=headers,
    )
    assert refused.status_code == 409
    changed = client.patch(f"{url}/talk-2", json={"status": "tentative"}, headers=headers)
    assert changed.status_code == 200
    assert client.delete(f"{url}/talk-2", headers=headers).status_code == 204
    session_after = {
        "event": "talks",
        "venue": "court",
        "starts_at": "2026-10-20T06:30:00+00:00",
        "ends_at": "2026-10-20T07:30:00+00:00",
        "status": "confirmed",
    }
    assert entries() == [
        ("ana@example.org", ana_id, "session", "talk-2", None, session_after),
        (
            "ana@example.org",
            ana_id,
            "session",
            "talk-2",
            {"status": "confirmed"},
            {"status": "tentative"},
        ),
        (
            "ana@example.org",
            ana_id,
            "session",
            "talk-2",
            {**session_after, "status": "tentative"},
            None,
        ),
    ]


# -- the CLI ----------------------------------------------------------------------------------


def write(tmp_path: Path, data: dict[str, Any], name: str = "festival.json") -> str:
    path = tmp_path / name
    path.write_bytes(to_bytes(data))
    return str(path)


def test_import_is_one_entry_listing_what_it_created(
    runner: FlaskCliRunner, tmp_path: Path, app: Flask
) -> None:
    result = runner.invoke(args=["import", write(tmp_path, small())])
    assert result.exit_code == 0, result.output
    assert entries() == [
        (
            "festival import",
            None,
            "import",
            "test-2026",
            None,
            {
                "replace": False,
                "created": {
                    "festival": ["test-2026"],
                    "partner_city": ["xian"],
                    "venue": ["court", "hall"],
                    "delegation": ["xian"],
                    "member": ["xian/li-wei"],
                    "event": ["opening", "talks"],
                    "session": ["opening-1", "talk-1"],
                },
            },
        )
    ]
    items = db.session.execute(
        select(ChangeItem.action, ChangeItem.kind, ChangeItem.key).order_by(ChangeItem.id)
    ).all()
    assert len(items) == 10
    assert ("created", "member", "xian/li-wei") in items


def test_import_replace_lists_what_it_created_updated_and_deleted(
    runner: FlaskCliRunner, tmp_path: Path, app: Flask
) -> None:
    assert runner.invoke(args=["import", write(tmp_path, small())]).exit_code == 0
    changed = small()
    changed["venues"][1]["capacity"] = 30
    changed["delegations"][0]["members"][0]["dietary"] = "vegetarian"
    changed["events"][0]["sessions"][0]["ends_at"] = "2026-10-18T11:30"
    changed["events"][1]["sessions"] = [
        session("talk-2", "2026-10-19T14:00", "2026-10-19T15:00", venue="court")
    ]
    replaced = runner.invoke(args=["import", write(tmp_path, changed, "b.json"), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert entries()[1] == (
        "festival import",
        None,
        "import",
        "test-2026",
        None,
        {
            "replace": True,
            "created": {"session": ["talk-2"]},
            "updated": {"venue": ["court"], "member": ["xian/li-wei"], "session": ["opening-1"]},
            "deleted": {"session": ["talk-1"]},
        },
    )


def test_import_replace_of_the_same_file_records_that_nothing_changed(
    runner: FlaskCliRunner, tmp_path: Path, app: Flask
) -> None:
    path = write(tmp_path, small())
    assert runner.invoke(args=["import", path]).exit_code == 0
    assert runner.invoke(args=["import", path, "--replace"]).exit_code == 0
    assert entries()[1] == (
        "festival import",
        None,
        "import",
        "test-2026",
        None,
        {"replace": True},
    )


def test_a_refused_import_records_nothing(
    runner: FlaskCliRunner, tmp_path: Path, app: Flask
) -> None:
    path = write(tmp_path, small())
    assert runner.invoke(args=["import", path]).exit_code == 0
    clash = small()
    clash["events"][1]["sessions"][0].update(
        starts_at="2026-10-18T10:30", ends_at="2026-10-18T11:30"
    )
    refused = runner.invoke(args=["import", write(tmp_path, clash, "b.json"), "--replace"])
    assert refused.exit_code == 1
    again = runner.invoke(args=["import", path])
    assert again.exit_code == 1
    assert [e[2] for e in entries()] == ["import"]


def test_rotate_token_records_fingerprints_never_tokens(
    runner: FlaskCliRunner, festival: Festival
) -> None:
    old = db.session.scalar(select(Delegation.token).where(Delegation.key == "xian"))
    db.session.rollback()
    result = runner.invoke(args=["rotate-token", "test-2026", "xian"])
    assert result.exit_code == 0, result.output
    new = result.stdout.split("/d/")[1].split("/")[0]
    assert entries() == [
        (
            "festival rotate-token",
            None,
            "delegation",
            "xian",
            {"token": token_fingerprint(old)},
            {"token": token_fingerprint(new)},
        )
    ]
    assert token_fingerprint(old) != token_fingerprint(new)
    assert runner.invoke(args=["rotate-token", "test-2026", "atlantis"]).exit_code == 1
    assert len(entries()) == 1
