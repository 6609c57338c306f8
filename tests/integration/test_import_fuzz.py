"""Whatever text a data file holds, ``import --dry-run`` and ``import`` agree: the same
findings, and the import refuses (exit 1, nothing written) exactly when the dry run finds an
error, else succeeds. Text no database holds (NUL, lone surrogates, more than a column's
length) is refused by both, never a crash."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskCliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from festival.extensions import db
from festival.models import Festival
from tests.factories import demo_data

DEMO = demo_data()


def string_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every string in the file (members, list items, texts of translations), up to three
    items of each list."""
    if isinstance(node, str):
        return [prefix]
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in string_paths(value, (*prefix, key))]
    if isinstance(node, list):
        return [p for i, value in enumerate(node[:3]) for p in string_paths(value, (*prefix, i))]
    return []


PATHS = string_paths(DEMO)
# Line breaks, a tab, letters of several scripts; then what no database stores.
STORABLE = "\r\n\t a-éش中😀"
UNSTORABLE = "\x00\ud800\udfff"
texts = st.one_of(
    st.text(alphabet=STORABLE, min_size=1, max_size=12),
    st.text(alphabet=STORABLE + UNSTORABLE, min_size=1, max_size=12),
    st.builds(lambda char, n: char * n, st.sampled_from(["x", "ش", "中"]), st.integers(30, 700)),
    st.builds(
        lambda value, extra: value + extra,
        st.sampled_from(["opening", "en", "Asia/Tehran", "2026-10-18T10:00", "09:00-21:00"]),
        st.sampled_from(["\n", "\x00", "\ud800", " ", "x" * 300]),
    ),
)


def findings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("ERROR ", "WARNING "))]


def stored_festivals() -> int:
    count = db.session.scalar(select(func.count(Festival.id)))
    db.session.rollback()
    return count or 0


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), texts), min_size=1, max_size=3))
def test_dry_run_and_import_agree_on_any_text(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path, changes: list[tuple[tuple, str]]
) -> None:
    data = copy.deepcopy(DEMO)
    for path, text in changes:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = text
    file = tmp_path / "fuzzed.json"
    # ensure_ascii: a lone surrogate is written as its \u escape, as any JSON encoder would.
    file.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")

    dry = runner.invoke(args=["import", str(file), "--dry-run"])
    real = runner.invoke(args=["import", str(file)])

    assert "Traceback" not in dry.output + real.output
    assert findings_of(dry.stderr) == findings_of(real.stderr)
    event("refused" if dry.exit_code == 1 else "imported")
    if dry.exit_code == 1:
        assert real.exit_code == 1, real.output
        assert real.stderr.splitlines()[-1].endswith("nothing was written")
        assert stored_festivals() == 0
    else:
        assert (dry.exit_code, real.exit_code) == (0, 0), real.output
        assert stored_festivals() == 1
        festival = db.session.scalar(select(Festival))
        db.session.delete(festival)
        db.session.commit()
