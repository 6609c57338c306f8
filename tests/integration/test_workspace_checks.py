"""What the workspace reads of ``festival check``: the rules' input from column queries
equals the ORM-built one, so the findings are the command's, line for line; counts are
stored per festival version."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from festival.cache import outputs
from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Festival, FestivalCheck
from festival.queries.checks import festival_findings, rule_input
from festival.services.festivals import store_check_counts
from festival.services.importer import import_document
from festival.services.specs import festival_spec, load_festival
from tests.factories import demo_data

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.generate import generate  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def stored(data: dict[str, Any]) -> Festival:
    doc, findings = validate_data(data)
    festival = import_document(doc, findings, replace=False, now=NOW, actor="test")
    db.session.commit()
    return festival


def with_warnings() -> dict[str, Any]:
    """The demo with findings of many rules: capacity, equipment, dates, arrivals, hotels,
    interpreters' languages."""
    data = demo_data()
    data["events"][1]["expected_attendance"] = 500
    data["events"][2]["requires"] = ["projector", "dcp"]
    data["events"][3]["sessions"][0]["starts_at"] = "2026-10-30T10:00"
    data["events"][3]["sessions"][0]["ends_at"] = "2026-10-30T11:00"
    data["delegations"][0]["members"][0].pop("hotel", None)
    data["delegations"][0].pop("hotel", None)
    data["interpreters"][0]["languages"] = ["de"]
    return data


@pytest.mark.parametrize(
    "make",
    [demo_data, with_warnings, lambda: generate(400, 2)],
    ids=["demo", "warnings", "generated"],
)
def test_rule_input_equals_the_orm_built_one(app: Flask, runner: FlaskCliRunner, make) -> None:
    festival = stored(make())
    slug, ident = festival.slug, festival.id
    db.session.expire_all()
    assert rule_input(ident) == festival_spec(load_festival(slug))
    findings = festival_findings(ident, festival.version, slug)
    printed = runner.invoke(args=["check", slug]).stdout.splitlines()
    assert [f.line() for f in findings] == printed
    if make is with_warnings:
        assert len(printed) > 10


def test_findings_are_cached_per_festival_version(app: Flask) -> None:
    festival = stored(with_warnings())
    first = festival_findings(festival.id, festival.version, festival.slug)
    assert festival_findings(festival.id, festival.version, festival.slug) is first
    outputs.clear()
    assert festival_findings(festival.id, festival.version, festival.slug) == first
    assert festival_findings(festival.id + 1000, 1, "nope") == []


def test_stored_counts_never_go_back_to_an_older_version(app: Flask) -> None:
    festival = stored(demo_data())
    store_check_counts({festival.id: (3, 1, 2)}, now=NOW)
    db.session.commit()
    store_check_counts({festival.id: (2, 9, 9)}, now=NOW)
    db.session.commit()
    row = db.session.scalar(select(FestivalCheck))
    assert (row.version, row.errors, row.warnings) == (3, 1, 2)
    store_check_counts({festival.id: (4, 0, 5)}, now=NOW)
    db.session.commit()
    db.session.expire_all()
    row = db.session.scalar(select(FestivalCheck))
    assert (row.version, row.errors, row.warnings) == (4, 0, 5)
