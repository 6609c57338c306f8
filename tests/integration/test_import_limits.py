"""Texts as long as their columns allow, in any script, import on every database and come back
unchanged; the database never sees one longer (the reader refuses it first)."""

from __future__ import annotations

import json
from pathlib import Path

from flask.testing import FlaskCliRunner

from festival.datafile import document as file
from tests.factories import demo_data, to_bytes
from tests.unit.test_datafile_limits import LIMITED, at_limit, place

LONGEST_LANGUAGE = "zh-abcdefgh-abcdefgh-abcdefgh-abcde"


def test_every_text_at_its_column_length_imports_and_exports_unchanged(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    assert len(LONGEST_LANGUAGE) == file.LANGUAGE_LENGTH
    data = demo_data()
    for entity, member in LIMITED:
        assert isinstance(member.kind, file.Text) and member.kind.max_length is not None
        place(data, entity)[member.name] = at_limit(member.kind.max_length)
    data["events"][0]["language"] = LONGEST_LANGUAGE
    data["delegations"][0]["language"] = LONGEST_LANGUAGE
    path = tmp_path / "long.json"
    path.write_bytes(to_bytes(data))

    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    exported = json.loads(runner.invoke(args=["export", data["festival"]["slug"]]).stdout)
    for entity, member in LIMITED:
        assert place(exported, entity)[member.name] == place(data, entity)[member.name]
    assert exported["events"][0]["language"] == LONGEST_LANGUAGE
    assert exported["delegations"][0]["language"] == LONGEST_LANGUAGE
