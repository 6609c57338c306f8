"""Erasing a member's personal data: blanked on the member (who stays, counted, as "erased
member"), gone from every stored history entry down to the rows of the change table, and
the erasure itself recorded (who, when, nothing personal)."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select, text

from festival.exports.festival_data import export_json
from festival.extensions import db
from festival.models import Change, Member
from festival.services import delegations as delegation_service
from festival.services.specs import load_festival
from tests.integration.entities import ACTOR, NOW, load, write

PERSONAL = {
    "name": "Wang Fangmei",
    "email": "wang.fang@example.org",
    "phone": "+86 29 5550 0199",
    "dietary": "vegetarian, no pork",
    "accessibility": "uses a wheelchair; needs a ramp",
    "room": "214",
    "needs": ["step_free", "hearing_loop"],
}
TRACES = (
    "Wang Fangmei",
    "wang.fang@example.org",
    "+86 29 5550 0199",
    "vegetarian, no pork",
    "uses a wheelchair",
    "hearing_loop",
)


def history_text() -> str:
    """Every stored history row as the database holds it, one text blob (SQL, not the ORM)."""
    rows = db.session.execute(
        text(
            "SELECT kind, key, actor_label, summary, CAST(before AS TEXT), CAST(after AS TEXT) "
            "FROM change ORDER BY id"
        )
    ).all()
    items = db.session.execute(text("SELECT kind, key FROM change_item")).all()
    return "\n".join(" | ".join(str(v) for v in row) for row in [*rows, *items])


def seed() -> None:
    festival = load()
    # The member's data as a form would have entered it, twice (two history entries), and a
    # new delegation created with a member (an entry whose ``after`` lists its members).
    write(
        lambda: delegation_service.update_member(
            festival, "xian", "wang", {"email": "old@example.org"}, actor=ACTOR, now=NOW
        )
    )
    write(
        lambda: delegation_service.update_member(
            festival, "xian", "wang", PERSONAL, actor=ACTOR, now=NOW
        )
    )
    write(
        lambda: delegation_service.create_delegation(
            festival,
            {
                "key": "krakow",
                "partner_city": "krakow",
                "members": [
                    {"key": "ola", "name": "Ola Kowalska", "email": "ola@example.org"},
                    {"key": "jan", "name": "Jan Nowak", "email": "jan@example.org"},
                ],
            },
            actor=ACTOR,
            now=NOW,
        )
    )


def member(delegation: str, key: str) -> Member:
    db.session.expire_all()
    row = db.session.scalar(
        select(Member).where(Member.key == key, Member.delegation.has(key=delegation))
    )
    assert row is not None
    return row


def test_erase_member_blanks_the_member_and_every_history_entry(
    app: Flask, runner: FlaskCliRunner
) -> None:
    seed()
    before = history_text()
    for trace in TRACES:
        assert trace in before, trace
    result = runner.invoke(args=["erase-member", "test-2026", "xian", "wang"])
    assert (result.exit_code, result.output) == (0, "erased xian/wang\n")
    row = member("xian", "wang")
    assert (row.name, row.email, row.phone, row.dietary, row.accessibility, row.room) == (
        "erased member",
        "",
        "",
        "",
        "",
        "",
    )
    assert row.needs == [] and row.erased_at is not None
    # Kept: what is not personal, so transfers, interpreters and counts still add up.
    assert row.languages == ["zh", "en"]
    after = history_text()
    for trace in (*TRACES, "old@example.org"):
        assert trace not in after, trace
    # The erasure is recorded: by whom, when, and nothing personal.
    last = db.session.scalars(select(Change).order_by(Change.id.desc())).first()
    assert last is not None
    assert (last.kind, last.key, last.actor_label, last.summary) == (
        "member",
        "xian/wang",
        "festival erase-member",
        "erased",
    )
    assert last.before == {"erased_at": None}
    assert set(last.after or {}) == {"erased_at"}
    # The member stays, counted, in the data file.
    festival = load_festival("test-2026")
    assert festival is not None
    exported = json.loads(export_json(festival))
    xian = next(d for d in exported["delegations"] if d["key"] == "xian")
    assert [m["key"] for m in xian["members"]] == ["li", "wang"]
    assert xian["members"][1]["name"] == "erased member"
    # And in the reports, counted as "erased member".
    rooming = runner.invoke(args=["report", "rooming", "test-2026"])
    assert rooming.exit_code == 0
    assert "erased member" in rooming.output and "Wang Fangmei" not in rooming.output
    assert "214" not in rooming.output


def test_erasing_a_member_listed_in_a_delegation_entry_keeps_the_others(
    app: Flask, runner: FlaskCliRunner
) -> None:
    seed()
    result = runner.invoke(args=["erase-member", "test-2026", "krakow", "ola"])
    assert result.exit_code == 0, result.output
    after = history_text()
    assert "Ola Kowalska" not in after and "ola@example.org" not in after
    # The other member of the same entry is untouched.
    assert "Jan Nowak" in after and "jan@example.org" in after
    created = db.session.scalar(
        select(Change).where(Change.kind == "delegation", Change.key == "krakow")
    )
    assert created is not None and created.after is not None
    names = [(m["key"], m["name"], m["email"]) for m in created.after["members"]]
    assert names == [("ola", "erased member", ""), ("jan", "Jan Nowak", "jan@example.org")]


def test_erase_member_answers_1_for_unknown_names(app: Flask, runner: FlaskCliRunner) -> None:
    load()
    for args, message in (
        (["nowhere", "xian", "wang"], "error: no festival with slug 'nowhere'\n"),
        (["test-2026", "lisbon", "wang"], None),
        (["test-2026", "xian", "nobody"], "error: no member 'nobody' in delegation xian\n"),
    ):
        result = runner.invoke(args=["erase-member", *args])
        assert result.exit_code == 1, args
        assert result.output.startswith("error: "), result.output
        if message is not None:
            assert result.output == message
    assert member("xian", "wang").name == "Wang Fang"
    assert member("xian", "wang").erased_at is None
