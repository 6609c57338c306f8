"""Rotating a delegation's feed token: the service and ``festival rotate-token``."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from festival.errors import NotFound
from festival.extensions import db
from festival.models import Delegation, Festival
from festival.services.tokens import rotate_token
from tests.factories import demo_data
from tests.icalcheck import CHANGED_AT, IMPORTED_AT, store


def _tokens() -> dict[str, str]:
    rows = db.session.execute(select(Delegation.key, Delegation.token))
    return {key: token for key, token in rows}


def test_rotate_token_issues_a_new_unguessable_token_and_touches_the_festival(app: Flask) -> None:
    festival = store(demo_data())
    before = _tokens()
    new = rotate_token(festival, "xian", CHANGED_AT, actor="tests")
    db.session.commit()
    after = _tokens()
    assert after["xian"] == new != before["xian"]
    assert len(new) >= 32  # 192 random bits, URL-safe
    assert {k: v for k, v in after.items() if k != "xian"} == {
        k: v for k, v in before.items() if k != "xian"
    }
    assert (festival.version, festival.updated_at) == (2, CHANGED_AT)
    with pytest.raises(NotFound):
        rotate_token(festival, "atlantis", CHANGED_AT, actor="tests")


def test_rotate_token_command_prints_the_new_feed_and_the_old_one_is_gone(
    app: Flask, runner: FlaskCliRunner
) -> None:
    store(demo_data())
    old = _tokens()["krakow"]
    client = app.test_client()
    assert client.get(f"/d/{old}/calendar.ics").status_code == 200

    result = runner.invoke(args=["rotate-token", "isfahan-2026", "krakow"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    new = _tokens()["krakow"]
    assert result.output == f"krakow\t/d/{new}/calendar.ics\n"
    assert client.get(f"/d/{old}/calendar.ics").status_code == 404
    assert client.get(f"/d/{old}/").status_code == 404
    assert client.get(f"/d/{new}/calendar.ics").status_code == 200
    links = runner.invoke(args=["links", "isfahan-2026"]).output
    assert f"krakow\t/d/{new}/calendar.ics" in links and old not in links


@pytest.mark.parametrize(
    "args,message",
    [
        (["rotate-token", "no-such-festival", "xian"], "no festival with slug 'no-such-festival'"),
        (["rotate-token", "isfahan-2026", "atlantis"], "no delegation 'atlantis'"),
    ],
    ids=["unknown-festival", "unknown-delegation"],
)
def test_rotate_token_command_refuses_unknown_names(
    app: Flask, runner: FlaskCliRunner, args: list[str], message: str
) -> None:
    store(demo_data())
    before = _tokens()
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert message in result.output
    db.session.expire_all()
    assert _tokens() == before
    assert db.session.scalar(select(Festival.updated_at)) == IMPORTED_AT
