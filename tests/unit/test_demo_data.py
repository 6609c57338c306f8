"""The demo festival (festival/data/demo-isfahan-2026.json) and the data-file schema."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from importlib.resources import files

import pytest
from jsonschema import Draft202012Validator

from festival.vocabulary import EventKind

DEMO = "demo-isfahan-2026.json"
SCHEMA = "festival-data-1.schema.json"


PERSIAN = re.compile(r"[\u0600-\u06ff]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
POLISH = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def _load(name: str) -> dict:
    resource = files("festival") / "data" / name
    return json.loads(resource.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo() -> dict:
    return _load(DEMO)


@pytest.fixture(scope="module")
def schema() -> dict:
    return _load(SCHEMA)


def _sessions(demo: dict) -> list[tuple[dict, dict]]:
    return [(event, session) for event in demo["events"] for session in event["sessions"]]


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    assert schema["additionalProperties"] is False


def test_demo_validates_against_the_schema(demo: dict, schema: dict) -> None:
    errors = sorted(
        Draft202012Validator(schema).iter_errors(demo), key=lambda e: list(e.absolute_path)
    )
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors)


def test_schema_refuses_an_unknown_top_level_member(demo: dict, schema: dict) -> None:
    validator = Draft202012Validator(schema)
    assert not validator.is_valid({**demo, "surprise": 1})
    # elsewhere extra members are allowed
    venue = {**demo["venues"][0], "note": "extra"}
    assert validator.is_valid({**demo, "venues": [venue, *demo["venues"][1:]]})


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("festival", "slug"), "Isfahan 2026"),
        (("events", 0, "kind"), "party"),
        (("events", 0, "sessions", 0, "status"), "maybe"),
        (("events", 0, "sessions", 0, "starts_at"), "2026-10-18 10:00"),
        (("festival", "starts_on"), "18.10.2026"),
        (("venues", 0, "opening_hours"), {"mon": "9-21"}),
        (("venues", 0, "opening_hours"), {"monday": "09:00-21:00"}),
        (("venues", 0, "capacity"), -1),
    ],
)
def test_schema_refuses_bad_values(demo: dict, schema: dict, path: tuple, value: object) -> None:
    data = json.loads(json.dumps(demo))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert not Draft202012Validator(schema).is_valid(data)


def test_schema_accepts_times_with_offsets_and_split_opening_hours(
    demo: dict, schema: dict
) -> None:
    data = json.loads(json.dumps(demo))
    session = data["events"][0]["sessions"][0]
    session["starts_at"] = "2026-10-18T10:00:00+03:30"
    session["ends_at"] = "2026-10-18T14:30:00Z"
    data["venues"][0]["opening_hours"] = {"mon": "09:00-12:00,14:00-18:00", "sat": "20:00-02:00"}
    assert Draft202012Validator(schema).is_valid(data)


def test_festival(demo: dict) -> None:
    festival = demo["festival"]
    assert demo["format"] == "festival-data/1"
    assert festival["slug"] == "isfahan-2026"
    assert festival["timezone"] == "Asia/Tehran"
    assert festival["languages"] == ["en", "fa"]
    assert festival["published"] is True
    starts = date.fromisoformat(festival["starts_on"])
    ends = date.fromisoformat(festival["ends_on"])
    assert (ends - starts).days + 1 == 7


def test_sizes(demo: dict) -> None:
    assert len(demo["partner_cities"]) >= 5
    assert len(demo["venues"]) >= 8
    assert len(demo["delegations"]) >= 5
    assert len(_sessions(demo)) >= 40
    assert all(delegation["members"] for delegation in demo["delegations"])
    for member in ("hotels", "vehicles", "interpreters", "transfers", "interpreter_assignments"):
        assert demo[member], member


def test_sessions_on_every_festival_day(demo: dict) -> None:
    starts = date.fromisoformat(demo["festival"]["starts_on"])
    days = {datetime.fromisoformat(s["starts_at"]).date() for _, s in _sessions(demo)}
    assert days == {starts + timedelta(days=i) for i in range(7)}


def test_every_event_kind_is_present(demo: dict) -> None:
    assert {event["kind"] for event in demo["events"]} == set(EventKind)


def test_every_event_has_a_persian_translation(demo: dict) -> None:
    for event in demo["events"]:
        fa = event.get("translations", {}).get("fa", {})
        assert PERSIAN.search(fa.get("title", "")), event["key"]
        assert PERSIAN.search(fa.get("description", "")), event["key"]


def test_some_events_are_translated_into_chinese_and_russian(demo: dict) -> None:
    languages = {lang for event in demo["events"] for lang in event.get("translations", {})}
    assert {"fa", "zh", "ru"} <= languages


def test_local_names_in_their_own_scripts(demo: dict) -> None:
    city_names = " ".join(city.get("local_name", "") for city in demo["partner_cities"])
    venue_names = [venue.get("local_name", "") for venue in demo["venues"]]
    assert CHINESE.search(city_names)
    assert CYRILLIC.search(city_names)
    assert POLISH.search(city_names)
    assert all(PERSIAN.search(name) for name in venue_names)


def test_keys_are_unique(demo: dict) -> None:
    for member in (
        "partner_cities",
        "venues",
        "hotels",
        "delegations",
        "events",
        "venue_holds",
        "vehicles",
        "interpreters",
        "transfers",
        "interpreter_assignments",
    ):
        keys = [item["key"] for item in demo.get(member, [])]
        assert len(keys) == len(set(keys)), member
    session_keys = [session["key"] for _, session in _sessions(demo)]
    assert len(session_keys) == len(set(session_keys))


def test_programme_features(demo: dict) -> None:
    sessions = _sessions(demo)
    statuses = [session.get("status", "confirmed") for _, session in sessions]
    assert statuses.count("tentative") >= 2
    assert statuses.count("cancelled") >= 1
    assert any(not event.get("public", True) for event in demo["events"])
    assert any(venue.get("shared") for venue in demo["venues"])
    assert demo["venue_holds"]
    # a multi-day exhibition, once per day
    exhibitions = [e for e in demo["events"] if e["kind"] == "exhibition"]
    assert any(
        len(e["sessions"]) == 7 and len({s["starts_at"][:10] for s in e["sessions"]}) == 7
        for e in exhibitions
    )
    # a late screening running past midnight
    assert any(
        event["kind"] == "screening" and session["ends_at"][:10] > session["starts_at"][:10]
        for event, session in sessions
    )


def test_times_are_wall_times_without_offsets(demo: dict) -> None:
    for _, session in _sessions(demo):
        for member in ("starts_at", "ends_at"):
            assert datetime.fromisoformat(session[member]).tzinfo is None
