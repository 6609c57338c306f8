"""The unmet-need warning everywhere the rules run: import, festival check, a venue's or an
event's change, and a member's."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner

from festival.datafile import validate_data
from festival.services import delegations as delegation_service
from festival.services import events as event_service
from festival.services import venues as venue_service
from tests.integration.entities import ACTOR, NOW, data, lines, load, write

HALL = "WARNING unmet-need session={} venue=hall delegation=xian needs=step_free"


def needing() -> dict:
    """The small festival, Li Wei needing step-free access; only the square has it."""
    festival = data()
    festival["delegations"][0]["members"][0]["needs"] = ["step_free"]
    for venue in festival["venues"]:
        if venue["key"] == "square":
            venue["equipment"] = ["step_free"]
    return festival


def test_import_and_check_report_the_warning(app: Flask, runner: FlaskCliRunner) -> None:
    _doc, findings = validate_data(needing())
    assert [x for x in lines(findings) if "unmet-need" in x] == [
        HALL.format("talk-1"),
        HALL.format("talk-2"),
    ]
    load(needing())
    result = runner.invoke(args=["check", "test-2026"])
    assert result.exit_code == 0
    assert [x for x in result.output.splitlines() if "unmet-need" in x] == [
        HALL.format("talk-1"),
        HALL.format("talk-2"),
    ]


def test_a_venue_change_an_event_change_and_a_member_change_warn(app: Flask) -> None:
    festival = load(needing())
    outcome = write(
        lambda: venue_service.update_venue(
            festival, "hall", {"equipment": ["projector", "step_free"]}, actor=ACTOR, now=NOW
        )
    )
    assert [f for f in lines(outcome.warnings) if "unmet-need" in f] == []
    outcome = write(
        lambda: venue_service.update_venue(
            festival, "hall", {"equipment": ["projector"]}, actor=ACTOR, now=NOW
        )
    )
    assert [f for f in lines(outcome.warnings) if "unmet-need" in f] == [
        HALL.format("talk-1"),
        HALL.format("talk-2"),
    ]
    # The film at the cinema now lists Xi'an too.
    outcome = write(
        lambda: event_service.update_event(
            festival, "film", {"delegations": ["xian"]}, actor=ACTOR, now=NOW
        )
    )
    assert [f for f in lines(outcome.warnings) if "unmet-need" in f] == [
        "WARNING unmet-need session=film-1 venue=cinema delegation=xian needs=step_free"
    ]
    # Wang needs a hearing loop as well: every session of the delegation says both.
    outcome = write(
        lambda: delegation_service.update_member(
            festival, "xian", "wang", {"needs": ["hearing_loop"]}, actor=ACTOR, now=NOW
        )
    )
    both = "delegation=xian needs=step_free,hearing_loop"
    assert [f for f in lines(outcome.warnings) if "unmet-need" in f] == [
        f"WARNING unmet-need session=talk-1 venue=hall {both}",
        f"WARNING unmet-need session=film-1 venue=cinema {both}",
        f"WARNING unmet-need session=talk-2 venue=hall {both}",
    ]
