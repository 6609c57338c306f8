"""Whatever a file holds, the reader answers with findings, never an exception."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from festival.datafile import read_bytes, validate_data
from tests.factories import demo_data

DEMO = demo_data()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:3]):
            out += paths(value, (*prefix, index))
    return out


PATHS = [p for p in paths(DEMO) if p]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=4))
def test_any_member_replaced_by_anything_gives_findings_not_exceptions(
    changes: list[tuple[tuple, Any]],
) -> None:
    data = copy.deepcopy(DEMO)
    for path, value in changes:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    doc, findings = validate_data(data)
    assert doc is not None or any(f.is_error for f in findings)
    for finding in findings:
        assert finding.line().split()[0] in ("ERROR", "WARNING")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_findings_or_a_clear_unreadable_error(raw: bytes) -> None:
    from festival.datafile import Unreadable

    try:
        doc, findings = read_bytes(raw)
    except Unreadable as exc:
        assert "not UTF-8" in str(exc)
        return
    assert doc is not None or findings


def test_the_demo_survives_a_json_round_trip_unchanged() -> None:
    doc, findings = validate_data(json.loads(json.dumps(DEMO)))
    assert doc is not None and not [f for f in findings if f.is_error]
