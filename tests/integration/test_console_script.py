"""The ``festival`` console script is Flask's CLI group: Flask's commands and ours."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from festival.cli import main


def test_console_script_runs_flask_and_festival_commands(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "SECRET_KEY": "cli-test",
        "FLASK_DEBUG": "0",
    }
    runner = CliRunner()
    upgrade = runner.invoke(main, ["db", "upgrade"], env=env)
    assert upgrade.exit_code == 0, upgrade.output
    routes = runner.invoke(main, ["routes"], env=env)
    assert routes.exit_code == 0
    assert "/healthz" in routes.output
    demo = files("festival") / "data" / "demo-isfahan-2026.json"
    imported = runner.invoke(main, ["import", str(demo)], env=env)
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(main, ["export", "isfahan-2026"], env=env)
    schema = json.loads((files("festival") / "data" / "festival-data-1.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(exported.stdout))
    help_text = runner.invoke(main, ["--help"], env=env).output
    for command in (
        "demo",
        "import",
        "export",
        "check",
        "links",
        "create-user",
        "db",
        "run",
        "shell",
    ):
        assert f"  {command} " in help_text, command
