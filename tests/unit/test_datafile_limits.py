"""Every text with a column length is refused, at its path, one character past that length.

The lengths are the document's constants, which the models' columns use too; the integration
test ``tests/integration/test_import_limits.py`` proves texts at the limit fit those columns
on every database.
"""

from __future__ import annotations

from typing import Any

import pytest

from festival.datafile import document as file
from festival.datafile import validate_data
from tests.factories import demo_data

# Where the demo holds an item of each entity: (path to the object, its path in findings).
PLACES: dict[type, tuple[tuple[Any, ...], str]] = {
    file.Festival: (("festival",), "festival"),
    file.PartnerCity: (("partner_cities", 0), "partner_cities[xian]"),
    file.Venue: (("venues", 0), "venues[hasht-behesht]"),
    file.Hotel: (("hotels", 0), "hotels[abbasi]"),
    file.Delegation: (("delegations", 0), "delegations[xian]"),
    file.Movement: (("delegations", 0, "arrival"), "delegations[xian].arrival"),
    file.Liaison: (("delegations", 0, "liaison"), "delegations[xian].liaison"),
    file.Member: (("delegations", 0, "members", 0), "delegations[xian].members[li-wei]"),
    file.Event: (("events", 0), "events[polish-children-photos]"),
    file.Session: (
        ("events", 0, "sessions", 0),
        "events[polish-children-photos].sessions[polish-children-photos-1]",
    ),
    file.VenueHold: (("venue_holds", 0), "venue_holds[hold-handicrafts-build-up]"),
    file.Vehicle: (("vehicles", 0), "vehicles[coach-1]"),
    file.Interpreter: (("interpreters", 0), "interpreters[sara]"),
    file.Transfer: (("transfers", 0), "transfers[arr-xian]"),
    file.InterpreterAssignment: (
        ("interpreter_assignments", 0),
        "interpreter_assignments[ia-sara-mayor-meeting-xian-1]",
    ),
}

LIMITED = [
    (entity, m)
    for entity in file.ENTITIES
    for m in file.members(entity)
    if isinstance(m.kind, file.Text) and m.kind.max_length is not None
]


def place(data: dict[str, Any], entity: type) -> dict[str, Any]:
    """The demo's object for ``entity`` (a delegation's liaison is made if absent)."""
    node: Any = data
    for step in PLACES[entity][0]:
        if isinstance(node, dict) and step not in node:
            node[step] = {}
        node = node[step]
    return node


def at_limit(length: int) -> str:
    """Non-ASCII text of exactly ``length`` characters (more bytes than characters)."""
    return ("تالار " * length)[:length]


def test_every_entity_with_a_limited_text_has_a_place_in_the_demo() -> None:
    assert {entity for entity, _ in LIMITED} <= set(PLACES)


@pytest.mark.parametrize(
    ("entity", "member"), LIMITED, ids=[f"{e.__name__}.{m.name}" for e, m in LIMITED]
)
def test_one_character_more_than_the_column_holds_is_invalid(
    entity: type, member: file.MemberField
) -> None:
    assert isinstance(member.kind, file.Text) and member.kind.max_length is not None
    length = member.kind.max_length
    data = demo_data()
    place(data, entity)[member.name] = at_limit(length)
    assert [f.line() for f in validate_data(data)[1] if f.is_error] == []
    place(data, entity)[member.name] = at_limit(length + 1)
    _, findings = validate_data(data)
    assert [f.line() for f in findings if f.is_error] == [
        f"ERROR invalid-value at={PLACES[entity][1]}.{member.name} too long: at most "
        f"{length} characters, got {length + 1}"
    ]
