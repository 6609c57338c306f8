"""The documentation against the running app: every command and URL is described, and every
``console`` transcript in docs/ prints what the page shows when run against the demo festival
(commands through the CLI runner, ``curl`` through the test client)."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from festival.cli import main
from festival.datafile import validate_data
from festival.datafile.writer import document_json
from festival.exports.reports import REPORTS
from festival.models import ROLES
from festival.views.api_spec import openapi_document
from tests.conftest import make_app
from tests.docsite import (
    PAGES,
    Step,
    describe_mismatch,
    example_files,
    lines_match,
    page,
    transcript,
)

BASE_URL = "http://127.0.0.1:5000"
HIDDEN_ENDPOINTS = {"static"}


@pytest.fixture
def docs_app(tmp_path: Path) -> Iterator[Flask]:
    """The app on an empty SQLite database, as a new installation has it."""
    from festival.extensions import db

    app = make_app(f"sqlite:///{tmp_path / 'docs.sqlite3'}")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


# -- every command and URL is described ------------------------------------------------------


def _command_sections() -> dict[str, str]:
    """``festival NAME`` headings of cli.md -> their section's text."""
    out = {}
    for section in page("cli.md").sections:
        match = re.match(r"^`festival ([a-z-]+)", section.title)
        if match:
            out[match.group(1)] = section.text
    return out


def _commands(app: Flask) -> dict[str, click.Command]:
    """Flask's own commands (``run``, ``routes``, ``shell``) and those the app registers."""
    return {**main.commands, **app.cli.commands}


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_every_command_is_documented_with_its_arguments_and_options(docs_app: Flask) -> None:
    sections = _command_sections()
    missing = []
    for name, command in sorted(_commands(docs_app).items()):
        if name not in sections:
            missing.append(name)
            continue
        text = sections[name]
        if name not in docs_app.cli.commands or isinstance(command, click.Group):
            continue  # Flask's and Flask-Migrate's commands document their own options
        for param in command.params:
            if isinstance(param, click.Argument):
                words = [param.human_readable_name.upper()]
            else:
                words = [*param.opts, *param.secondary_opts]
            if isinstance(param.type, click.Choice):
                words += [str(c) for c in param.type.choices]
            missing += [f"{name} {w}" for w in words if not _mentions(text, w)]
    assert missing == []


def test_the_documented_choices_are_the_codes(docs_app: Flask) -> None:
    sections = _command_sections()
    assert [r for r in REPORTS if f"`{r}`" not in sections["report"]] == []
    assert [r for r in ROLES if f"`{r}`" not in sections["create-user"]] == []
    assert set(_command_sections()) <= set(_commands(docs_app))


def _documented_form(rule: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: m.group(1).upper(), rule)


def _routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (method, _documented_form(rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in HIDDEN_ENDPOINTS
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    }


def test_every_route_is_documented(docs_app: Flask) -> None:
    text = page("http.md").text
    assert sorted(r for r in _routes(docs_app) if f"{r[0]} {r[1]}" not in text) == []


def test_every_documented_route_exists(docs_app: Flask) -> None:
    routes = _routes(docs_app)
    shown = set()
    for name in ("README.md", *PAGES):
        for method, path in re.findall(
            r"\b(GET|POST|PUT|PATCH|DELETE) (/[^\s`|,)?]*)", page(name).text
        ):
            shown.add((method, path))
    assert sorted(shown - routes) == []


def test_the_openapi_document_covers_the_api_and_the_pages_cover_it(docs_app: Flask) -> None:
    spec = openapi_document()
    operations = {
        (method.upper(), re.sub(r"\{([^}]+)\}", lambda m: m.group(1).upper(), path))
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "patch", "put", "delete")
    }
    api = {r for r in _routes(docs_app) if r[1].startswith("/api/") and "openapi" not in r[1]}
    assert operations == api
    text = page("http.md").text
    assert sorted(op for op in operations if f"{op[0]} {op[1]}" not in text) == []


# -- the examples run -------------------------------------------------------------------------


class Transcripts:
    """Runs the steps of ``console`` blocks the way a shell would show them."""

    def __init__(self, app: Flask, folder: Path) -> None:
        self.runner: FlaskCliRunner = app.test_cli_runner()
        self.client: FlaskClient = app.test_client()
        self.folder = folder
        self.variables: dict[str, str] = {}
        self.status = 0

    def run(self, command: str) -> list[str]:
        for name in sorted(self.variables, key=len, reverse=True):
            command = command.replace(f"${name}", self.variables[name])
        if command == "echo $?":
            return [str(self.status)]
        assign = re.fullmatch(r"([A-Z_]+)=\$\((festival .+) \| awk '\{print \$NF\}'\)", command)
        if assign:
            words = self.festival(assign.group(2)).split()
            self.variables[assign.group(1)] = words[-1] if words else ""
            return []
        piped = re.fullmatch(r"echo '([^']*)' \| (festival .+)", command)
        if piped:
            return _lines(self.festival(piped.group(2), piped.group(1) + "\n"))
        if command.startswith("festival "):
            return _lines(self.festival(command))
        if command.startswith("curl "):
            return _lines(self.curl(command))
        raise AssertionError(f"a console block runs {command!r}, which the docs test cannot run")

    def festival(self, command: str, stdin: str | None = None) -> str:
        args = shlex.split(command)[1:]
        result = self.runner.invoke(args=args, input=stdin)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        self.status = result.exit_code
        return result.output

    def curl(self, command: str) -> str:
        words = shlex.split(command)[1:]
        method, headers, data, url = None, {}, None, None
        show_headers = head_only = discard = False
        write_out = ""
        while words:
            word = words.pop(0)
            if re.fullmatch(r"-[siI]+", word):
                show_headers |= "i" in word or "I" in word
                head_only |= "I" in word
            elif word == "-X":
                method = words.pop(0)
            elif word == "-H":
                name, _, value = words.pop(0).partition(":")
                headers[name.strip()] = value.strip()
            elif word == "-d":
                data = words.pop(0)
            elif word == "-o":
                assert words.pop(0) == "/dev/null", "only -o /dev/null is supported"
                discard = True
            elif word == "-w":
                write_out = words.pop(0)
            elif word.startswith(BASE_URL):
                url = word
            else:
                raise AssertionError(f"curl option {word!r} is not supported by the docs test")
        assert url is not None, command
        method = method or ("HEAD" if head_only else "POST" if data is not None else "GET")
        response = self.client.open(url, method=method, headers=headers, data=data)
        self.status = 0
        out = ""
        if show_headers:
            out += f"HTTP/1.1 {response.status}\n"
            out += "".join(f"{k}: {v}\n" for k, v in response.headers.items()) + "\n"
        if not discard and not head_only:
            body = response.get_data(as_text=True)
            if response.is_json and body:
                body = json.dumps(json.loads(body), indent=2, ensure_ascii=False) + "\n"
            out += body
        out += write_out.replace("%{http_code}", str(response.status_code)).replace("\\n", "\n")
        return out


def _lines(output: str) -> list[str]:
    return output.rstrip("\n").split("\n") if output.strip("\n") else []


def _check(step: Step, actual: list[str], name: str) -> None:
    if " -si " in f" {step.command} " or " -sI " in f" {step.command} ":
        _check_with_headers(step, actual, name)
        return
    assert lines_match(step.expected, actual), describe_mismatch(step, actual, name)


def _check_with_headers(step: Step, actual: list[str], name: str) -> None:
    """The status line, then only the headers the page shows (any others may follow), then the
    body."""
    blank = actual.index("") if "" in actual else len(actual)
    head, body = actual[:blank], actual[blank + 1 :]
    shown = step.expected
    shown_blank = shown.index("") if "" in shown else len(shown)
    shown_head, shown_body = shown[:shown_blank], shown[shown_blank + 1 :]
    problem = describe_mismatch(step, actual, name)
    assert lines_match(shown_head[:1], head[:1]), problem
    for line in shown_head[1:]:
        assert any(lines_match([line], [h]) for h in head[1:]), problem
    assert lines_match(shown_body, body), problem


def _console_pages() -> list[str]:
    return [n for n in PAGES if any(b.info == "console" for b in page(n).blocks)]


def test_the_pages_with_transcripts_are_those_expected() -> None:
    assert _console_pages() == ["data-file.md", "rules.md", "cli.md", "http.md"]


@pytest.mark.slow
@pytest.mark.parametrize("name", _console_pages())
def test_console_transcripts_print_what_the_page_shows(
    name: str, docs_app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    for file_name, text in example_files().items():
        (folder / file_name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    shell = Transcripts(docs_app, folder)
    loaded = shell.festival("festival demo")
    assert shell.status == 0, loaded
    steps = [s for b in page(name).blocks if b.info == "console" for s in transcript(b)]
    assert steps
    for step in steps:
        _check(step, shell.run(step.command), name)


def test_the_transcript_checker_sees_a_difference(docs_app: Flask, tmp_path: Path) -> None:
    shell = Transcripts(docs_app, tmp_path)
    shell.festival("festival demo")
    step = Step("festival check isfahan-2026", ["WARNING over-capacity ..."], 1)
    with pytest.raises(AssertionError, match="prints something else"):
        _check(step, shell.run(step.command), "test")
    assert lines_match(["a", "...", "d"], ["a", "b", "c", "d"])
    assert not lines_match(["a", "...", "d"], ["a", "b", "c"])
    assert lines_match(["x/.../y"], ["x/token/y"])


# -- the data file comes back as it went in ----------------------------------------------------


def _meaning(data: Any) -> dict[str, Any]:
    doc, findings = validate_data(data)
    assert doc is not None, [f.line() for f in findings]

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "path"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(document_json(doc))


def test_the_complete_small_example_survives_import_and_export(
    docs_app: Flask, tmp_path: Path
) -> None:
    from festival.extensions import db

    db.create_all()
    source = tmp_path / "khiva-2027.json"
    source.write_text(example_files()["khiva-2027.json"], encoding="utf-8")
    runner = docs_app.test_cli_runner()
    imported = runner.invoke(args=["import", str(source)])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(args=["export", "khiva-2027"])
    assert exported.exit_code == 0, exported.output
    back = json.loads(exported.stdout)
    assert _meaning(back) == _meaning(json.loads(source.read_text("utf-8")))
