"""Every festival command answers what a user caused on stderr, with the documented exit
code, in one line and without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskCliRunner

from festival.cli import main

REPORT_NAMES = "rooming, transfers, dietary, interpreters, arrivals"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "nope"], 1, "error: no festival with slug 'nope'"),
        (["check", "nope"], 1, "error: no festival with slug 'nope'"),
        (["links", "nope"], 1, "error: no festival with slug 'nope'"),
        (["report", "rooming", "nope"], 1, "error: no festival with slug 'nope'"),
        (["rotate-token", "nope", "xian"], 1, "error: no festival with slug 'nope'"),
        (["create-token", "nobody@example.org"], 1, "error: no user nobody@example.org"),
        (
            ["report", "seating", "nope"],
            2,
            f"error: unknown report 'seating': use {REPORT_NAMES}",
        ),
        (
            ["create-user", "x@example.org", "--role", "boss"],
            1,
            "error: unknown role 'boss': use admin, organiser, viewer",
        ),
    ],
    ids=[
        "export",
        "check",
        "links",
        "report",
        "rotate-token",
        "create-token",
        "unknown-report",
        "unknown-role",
    ],
)
def test_a_users_mistake_is_one_line_and_its_exit_code(
    runner: FlaskCliRunner, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(args=args, input="a long password\n")
    assert (result.exit_code, result.stderr.splitlines()) == (code, [message])
    assert result.stdout == ""


def test_a_file_that_cannot_be_read_or_written_is_a_usage_error(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(args=["import", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"
    )


def test_an_app_that_cannot_start_says_what_to_set(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SECRET_KEY": None,
        "FLASK_DEBUG": "0",
    }
    result = CliRunner().invoke(main, ["check", "isfahan-2026"], env=env)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: SECRET_KEY is not set. Set the SECRET_KEY")
    assert "Traceback" not in result.output
