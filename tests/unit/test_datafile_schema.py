"""The shipped JSON Schema states the shape the document dataclasses declare, member by member.

The dataclasses of ``festival.datafile.document`` are the source of truth (the reader walks
them); this test proves ``festival/data/festival-data-1.schema.json`` agrees with them: the
same members in every object, the same required ones, the same kind of value (type, pattern,
length, range, vocabulary) and the same defaults, with every optional member nullable (null
reads as absent).
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from festival.datafile import document as file
from festival.datafile.reader import (
    DATE_RE,
    TIME_RE,
    TIMEZONE_RE,
    TOP_LEVEL,
    parse_hours,
)
from festival.keys import KEY_PATTERN, LANGUAGE_SHAPE
from festival.scheduling.spec import WEEKDAYS

SCHEMA: dict[str, Any] = json.loads(
    (files("festival") / "data" / "festival-data-1.schema.json").read_text("utf-8")
)
DEFS: dict[str, Any] = SCHEMA["$defs"]
ANNOTATIONS = {"description", "examples", "default", "title", "$comment"}
HOURS = "hours"  # stands for the opening-hours pattern, checked against parse_hours below


def def_name(entity: type) -> str:
    name = entity.__name__
    return name[0].lower() + name[1:]


ENTITY_DEFS = {def_name(e): e for e in file.ENTITIES if e is not file.Document}


def core(pattern: str) -> str:
    """A pattern without its anchors: ``^...$`` (JSON Schema) and ``\\A...\\Z`` mean the same
    for a whole-string match."""
    pattern = pattern.removeprefix("^").removeprefix(r"\A")
    return pattern.removesuffix("$").removesuffix(r"\Z").removesuffix(r"\z")


def normal(fragment: Any) -> Any:
    """A schema fragment without annotations, references to value definitions resolved
    (references to entity definitions kept), patterns without anchors."""
    if isinstance(fragment, list):
        return [normal(f) for f in fragment]
    if not isinstance(fragment, dict):
        return fragment
    out: dict[str, Any] = {}
    ref = fragment.get("$ref")
    if ref is not None and ref.removeprefix("#/$defs/") not in ENTITY_DEFS:
        out.update(normal(DEFS[ref.removeprefix("#/$defs/")]))
    elif ref is not None:
        out["$ref"] = ref
    for name, value in fragment.items():
        if name in ANNOTATIONS or name == "$ref":
            continue
        if name == "pattern":
            out[name] = (
                HOURS
                if value == DEFS["openingHours"]["additionalProperties"]["pattern"]
                else core(value)
            )
        elif name == "properties":
            out[name] = {k: normal(v) for k, v in value.items()}
        else:
            out[name] = normal(value)
    return out


def expected(kind: file.Kind) -> dict[str, Any]:
    """What the schema must say for a member of this kind."""
    key = {"type": "string", "pattern": core(KEY_PATTERN)}
    language = {
        "type": "string",
        "pattern": core(LANGUAGE_SHAPE),
        "maxLength": file.LANGUAGE_LENGTH,
    }
    match kind:
        case file.Key() | file.Ref():
            return key
        case file.Refs():
            return {"type": "array", "items": key}
        case file.Text(max_length=None):
            return {"type": "string"}
        case file.Text(max_length=length):
            return {"type": "string", "maxLength": length}
        case file.Choice(values=values):
            return {"enum": list(values)}
        case file.Integer(minimum=low, maximum=high) | file.Number(minimum=low, maximum=high):
            number = "integer" if isinstance(kind, file.Integer) else "number"
            return {"type": number, "minimum": low, "maximum": high}
        case file.Boolean():
            return {"type": "boolean"}
        case file.Date():
            return {"type": "string", "pattern": core(DATE_RE.pattern)}
        case file.Time():
            return {"type": "string", "pattern": core(TIME_RE.pattern)}
        case file.Timezone():
            return {
                "type": "string",
                "pattern": core(TIMEZONE_RE.pattern),
                "maxLength": file.TIMEZONE_LENGTH,
            }
        case file.Language():
            return language
        case file.Languages():
            return {"type": "array", "items": language}
        case file.Strings():
            return {"type": "array", "items": {"type": "string"}}
        case file.OpeningHours():
            return {
                "type": "object",
                "propertyNames": {"enum": list(WEEKDAYS)},
                "additionalProperties": {"type": "string", "pattern": HOURS},
            }
        case file.Translations(texts=texts):
            return {
                "type": "object",
                "propertyNames": language,
                "additionalProperties": {
                    "type": "object",
                    "properties": {t: {"type": "string"} for t in texts},
                    "additionalProperties": False,
                },
            }
        case file.Nested(entity=entity):
            return {"$ref": f"#/$defs/{def_name(entity)}"}
        case file.Items(entity=entity):
            return {"type": "array", "items": {"$ref": f"#/$defs/{def_name(entity)}"}}
    raise AssertionError(f"no schema for {kind!r}")


def unwrap_null(fragment: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """``{"anyOf": [X, {"type": "null"}]}`` is X, nullable."""
    options = fragment.get("anyOf")
    if options and len(options) == 2 and {"type": "null"} in options and len(fragment) == 1:
        (inner,) = [o for o in options if o != {"type": "null"}]
        return inner, True
    return fragment, False


def defaults(fragment: dict[str, Any]) -> list[Any]:
    found = [fragment["default"]] if "default" in fragment else []
    for option in fragment.get("anyOf", []):
        found += defaults(option)
    return found


def object_schemas() -> list[tuple[str, type, dict[str, Any]]]:
    out = [("(top level)", file.Document, SCHEMA)]
    out += [(name, entity, DEFS[name]) for name, entity in ENTITY_DEFS.items()]
    return out


@pytest.mark.parametrize(
    ("name", "entity", "schema"), object_schemas(), ids=[n for n, _, _ in object_schemas()]
)
def test_every_object_has_the_declared_members_and_required_ones(
    name: str, entity: type, schema: dict[str, Any]
) -> None:
    declared = file.members(entity)
    names = [m.name for m in declared]
    required = [m.name for m in declared if m.required]
    if entity is file.Document:
        names, required = ["format", *names], ["format", *required]
        assert tuple(names) == TOP_LEVEL
        assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == names, name
    assert schema.get("required", []) == required, name


@pytest.mark.parametrize(
    ("entity", "member"),
    [(e, m) for e in file.ENTITIES for m in file.members(e)],
    ids=[f"{e.__name__}.{m.name}" for e in file.ENTITIES for m in file.members(e)],
)
def test_every_member_has_the_declared_kind_and_default(
    entity: type, member: file.MemberField
) -> None:
    objects = SCHEMA if entity is file.Document else DEFS[def_name(entity)]
    fragment, nullable = unwrap_null(objects["properties"][member.name])
    assert normal(fragment) == expected(member.kind)
    assert nullable is not member.required, "optional members are nullable, required ones not"
    stated = defaults(objects["properties"][member.name])
    if stated:
        assert member.default is not MISSING
        assert stated == [member.default]


def test_a_member_required_only_without_another_says_so() -> None:
    assignment = DEFS["interpreterAssignment"]
    unless = {m.unless for m in file.members(file.InterpreterAssignment) if m.unless}
    times = [m.name for m in file.members(file.InterpreterAssignment) if m.unless]
    assert unless == {"session"}
    assert assignment["anyOf"] == [{"required": ["session"]}, {"required": times}]


def test_the_format_is_the_one_the_reader_reads() -> None:
    assert SCHEMA["properties"]["format"]["const"] == file.FORMAT


@pytest.mark.parametrize(
    "hours",
    [
        "09:00-21:00",
        "09:00-12:00,14:00-18:00",
        "09:00-12:00 , 14:00-18:00",
        "20:00-02:00",
        "00:00-24:00",
        "24:00-01:00",
        "09:60-21:00",
        "09:00-24:30",
        "9-5",
        "09:00",
        "",
        "٠٩:٠٠-٢١:٠٠",
    ],
)
def test_the_schema_opening_hours_pattern_accepts_what_the_reader_does(hours: str) -> None:
    pattern = DEFS["openingHours"]["additionalProperties"]["pattern"]
    assert (re.search(pattern, hours) is not None) == (parse_hours(hours) is not None)


def test_the_demo_written_back_validates() -> None:
    from festival.datafile import document_json, validate_data
    from tests.factories import demo_data

    doc, _ = validate_data(demo_data())
    assert doc is not None
    Draft202012Validator(SCHEMA).validate(document_json(doc))
