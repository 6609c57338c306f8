"""The data-file reader: every invalid member named by its path, nothing half-read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from festival.datafile import Unreadable, document, read_bytes, validate_bytes, validate_data
from tests.factories import demo_data, event, festival_data, session, to_bytes, venue


def lines(findings: list) -> list[str]:
    return [f.line() for f in findings]


def codes_at(findings: list) -> list[tuple[str, str | None]]:
    return [(f.code, f.get("at")) for f in findings]


def test_small_valid_file_has_no_findings() -> None:
    doc, findings = validate_data(festival_data())
    assert findings == []
    assert doc is not None
    assert doc.slug == "test-2026"
    ((_, s),) = doc.sessions()
    assert s.starts_at == datetime(2026, 10, 18, 6, 30, tzinfo=UTC)  # 10:00 +03:30


def test_demo_file_reads_without_errors() -> None:
    doc, findings = validate_data(demo_data())
    assert doc is not None
    assert [f.line() for f in findings if f.is_error] == []


def test_malformed_json_names_line_and_column() -> None:
    raw = b'{\n  "format": "festival-data/1",\n  "festival": {,}\n}'
    doc, findings = read_bytes(raw)
    assert doc is None
    assert codes_at(findings) == [("malformed-json", "3:16")]
    assert findings[0].line().startswith("ERROR malformed-json at=3:16 ")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "ERROR malformed-json at=1:1 the file is empty"),
        (b"   \n", "ERROR malformed-json at=1:1 the file is empty"),
        (b"[1, 2]", "ERROR invalid-value at=$ the file must hold a JSON object, not a list"),
        (b'"text"', "ERROR invalid-value at=$ the file must hold a JSON object, not a string"),
    ],
    ids=["empty", "blank", "list", "string"],
)
def test_files_that_are_not_an_object(raw: bytes, expected: str) -> None:
    doc, findings = read_bytes(raw)
    assert doc is None
    assert lines(findings) == [expected]


def test_not_utf8_is_unreadable_with_the_offset() -> None:
    with pytest.raises(Unreadable, match=r"not UTF-8 text \(byte 0xff at offset 12\)"):
        read_bytes(b'{"format": "\xff"}')


def test_large_garbage_is_a_clear_finding_quickly() -> None:
    raw = b"\x7b" + b"garbage " * (6 * 1024 * 1024)  # about 50 MB, valid UTF-8, not JSON
    doc, findings = read_bytes(raw)
    assert doc is None
    assert codes_at(findings) == [("malformed-json", "1:2")]


def test_deeply_nested_json_is_refused_not_crashing() -> None:
    doc, findings = read_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert doc is None
    assert [f.code for f in findings] in (["malformed-json"], ["invalid-value"])


def test_unknown_top_level_member_and_missing_required() -> None:
    data = festival_data()
    data["speakers"] = []
    del data["festival"]["timezone"]
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR invalid-value at=speakers unknown top-level member",
        "ERROR invalid-value at=festival.timezone missing required member",
    ]


def test_every_invalid_member_is_named_by_its_path() -> None:
    data = festival_data(
        events=[
            event(
                "carpets",
                session("carpets-1", "2026-10-18T10:00", "2026-10-18T25:00"),
                session("Bad Key", "2026-10-18T12:00", "2026-10-18T13:00"),
                session(
                    "carpets-3",
                    "2026-10-18T14:00",
                    "2026-10-18T15:00",
                    venue="nowhere",
                    status="maybe",
                ),
                kind="bazaar",
                language="english!",
                expected_attendance=-3,
            ),
        ]
    )
    data["venues"][0]["capacity"] = "many"
    _, findings = validate_data(data)
    assert lines(findings) == [
        'ERROR invalid-value at=venues[hall].capacity expected a whole number, got "many"',
        'ERROR invalid-value at=events[carpets].kind unknown kind "bazaar" (exhibition, '
        "handicraft_showcase, screening, delegation_visit, workshop, performance, ceremony, "
        "reception, talk, other)",
        'ERROR invalid-value at=events[carpets].language bad language code "english!" '
        "(BCP 47: fa, zh, uz-Cyrl)",
        "ERROR invalid-value at=events[carpets].expected_attendance must not be below 0, got -3",
        "ERROR invalid-value at=events[carpets].sessions[carpets-1].ends_at bad time "
        '"2026-10-18T25:00"',
        'ERROR invalid-value at=events[carpets].sessions[1].key bad key "Bad Key": lower-case '
        "letters, digits and '-', at most 64",
        "ERROR invalid-value at=events[carpets].sessions[carpets-3].status unknown status "
        '"maybe" (confirmed, tentative, cancelled)',
        "ERROR unknown-reference at=events[carpets].sessions[carpets-3].venue ref=nowhere "
        "names nothing",
    ]


def test_duplicate_keys_are_reported_with_the_first_use() -> None:
    data = festival_data(
        events=[
            event("a", session("s-1", "2026-10-18T10:00", "2026-10-18T11:00")),
            event("a", session("s-2", "2026-10-19T10:00", "2026-10-19T11:00")),
            event("b", session("s-1", "2026-10-20T10:00", "2026-10-20T11:00")),
        ]
    )
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR duplicate-key at=events[b].sessions[s-1].key key s-1 already used at "
        "events[a].sessions[s-1]",
        "ERROR duplicate-key at=events[a].key key a already used at events[a]",
    ]


def test_wall_time_in_a_dst_gap_is_invalid_and_a_repeated_one_means_the_first() -> None:
    data = festival_data(
        festival={
            "timezone": "Europe/Amsterdam",
            "starts_on": "2026-03-28",
            "ends_on": "2026-10-31",
        },
        events=[
            event(
                "night",
                session("gap", "2026-03-29T02:30", "2026-03-29T04:00"),
                session("fold", "2026-10-25T02:30", "2026-10-25T04:00"),
            )
        ],
    )
    doc, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR invalid-value at=events[night].sessions[gap].starts_at 2026-03-29T02:30 does not "
        "exist in Europe/Amsterdam: the clocks skip it"
    ]
    assert doc is not None
    ((_, fold),) = doc.sessions()
    assert fold.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # first 02:30 (CEST)


def test_times_with_an_offset_are_taken_as_written() -> None:
    data = festival_data(
        events=[event("e", session("s", "2026-10-18T10:00:00+03:30", "2026-10-18T08:00:00Z"))]
    )
    doc, findings = validate_data(data)
    assert findings == []
    ((_, s),) = doc.sessions()
    assert (s.starts_at, s.ends_at) == (
        datetime(2026, 10, 18, 6, 30, tzinfo=UTC),
        datetime(2026, 10, 18, 8, 0, tzinfo=UTC),
    )


def test_invalid_interval_is_an_error_at_its_ends_at() -> None:
    data = festival_data(events=[event("e", session("s", "2026-10-18T10:00", "2026-10-18T10:00"))])
    _, findings = validate_data(data)
    assert codes_at(findings) == [("invalid-interval", "events[e].sessions[s].ends_at")]


def test_a_refused_file_still_reports_its_warnings() -> None:
    data = festival_data(
        venues=[venue("hall", capacity=10)],
        events=[
            event(
                "e",
                session("s-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                session("s-2", "2026-10-18T10:30", "2026-10-18T11:30"),
                expected_attendance=50,
            )
        ],
    )
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR venue-double-booking venue=hall sessions=s-1,s-2 overlap "
        "2026-10-18T10:30+03:30..11:00+03:30",
        "WARNING over-capacity session=s-1 venue=hall expected 50, capacity 10",
        "WARNING over-capacity session=s-2 venue=hall expected 50, capacity 10",
    ]


def test_logistics_references_are_checked() -> None:
    data = festival_data(
        vehicles=[{"key": "van", "seats": 1}],
        interpreters=[{"key": "sara", "name": "Sara", "languages": ["fa", "zh"]}],
        transfers=[
            {
                "key": "t1",
                "vehicle": "bus",
                "delegations": ["ghost"],
                "from": "IFN",
                "to": "hotel",
                "starts_at": "2026-10-18T08:00",
                "ends_at": "2026-10-18T09:00",
            }
        ],
        interpreter_assignments=[
            {"key": "a1", "interpreter": "sara", "session": "nope"},
            {"key": "a2", "interpreter": "sara"},
        ],
    )
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR unknown-reference at=transfers[t1].vehicle ref=bus names nothing",
        "ERROR unknown-reference at=transfers[t1].delegations[0] ref=ghost names nothing",
        "ERROR unknown-reference at=interpreter_assignments[a1].session ref=nope names nothing",
        "ERROR invalid-value at=interpreter_assignments[a2].starts_at missing required member",
        "ERROR invalid-value at=interpreter_assignments[a2].ends_at missing required member",
    ]


def test_opening_hours_are_validated() -> None:
    data = festival_data(
        venues=[
            venue("hall", opening_hours={"mon": "09:00-21:00", "fry": "10:00-12:00", "sat": "9-5"})
        ]
    )
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR invalid-value at=venues[hall].opening_hours.fry unknown day (mon, tue, wed, thu, "
        "fri, sat, sun)",
        'ERROR invalid-value at=venues[hall].opening_hours.sat bad hours "9-5" (09:00-21:00)',
    ]


def test_bytes_and_data_give_the_same_findings() -> None:
    data = demo_data()
    data["events"][0]["sessions"][0]["ends_at"] = data["events"][0]["sessions"][0]["starts_at"]
    assert lines(validate_bytes(to_bytes(data))[1]) == lines(validate_data(data)[1])
    assert lines(validate_bytes(json.dumps(data).encode())[1]) == lines(validate_data(data)[1])


def test_numbers_and_years_a_database_or_a_clock_cannot_hold_are_invalid() -> None:
    data = festival_data(
        venues=[venue("hall", setup_minutes=20_000, capacity=2**40)],
        events=[event("e", session("s", "0001-01-01T10:00", "2026-10-18T11:00"))],
    )
    data["festival"]["ends_on"] = "9999-12-31"
    _, findings = validate_data(data)
    assert lines(findings) == [
        'ERROR invalid-value at=festival.ends_on bad date "9999-12-31" (YYYY-MM-DD)',
    ]
    data["festival"]["ends_on"] = "2026-10-24"
    _, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR invalid-value at=venues[hall].capacity must not be above 2147483647, "
        "got 1099511627776",
        "ERROR invalid-value at=venues[hall].setup_minutes must not be above 10080, got 20000",
        "ERROR invalid-value at=events[e].sessions[s].starts_at 0001-01-01T10:00 is out of "
        "range (years 1900 to 2999)",
    ]


def test_festival_translations_are_read_per_language() -> None:
    data = festival_data()
    data["festival"]["translations"] = {
        "fa": {"name": "هفتهٔ شهرهای خواهرخوانده", "host_city": "اصفهان"},
        "uz-Cyrl": {"description": "Фестивал"},
    }
    doc, findings = validate_data(data)
    assert findings == []
    assert doc is not None
    assert doc.festival.translations == data["festival"]["translations"]


@pytest.mark.parametrize(
    ("translations", "expected"),
    [
        (
            {"fa": {"title": "x"}},
            "ERROR invalid-value at=festival.translations.fa "
            "expected an object of texts (name, host_city, description)",
        ),
        (
            {"fa": {"name": 7}},
            "ERROR invalid-value at=festival.translations.fa "
            "expected an object of texts (name, host_city, description)",
        ),
        (
            {"f a": {"name": "x"}},
            "ERROR invalid-value at=festival.translations.f a "
            "bad language code (BCP 47: fa, zh, uz-Cyrl)",
        ),
        (
            ["fa"],
            "ERROR invalid-value at=festival.translations "
            "expected an object of languages, got a list",
        ),
    ],
    ids=["event-member", "not-text", "bad-language", "not-object"],
)
def test_festival_translations_refuse_what_is_not_a_festival_text(
    translations: object, expected: str
) -> None:
    data = festival_data()
    data["festival"]["translations"] = translations
    doc, findings = validate_data(data)
    assert doc is None
    assert lines(findings) == [expected]


def test_event_translations_refuse_a_festival_member() -> None:
    data = festival_data()
    data["events"][0]["translations"] = {"fa": {"name": "x"}}
    _, findings = validate_data(data)
    assert [f.line() for f in findings if f.is_error] == [
        f"ERROR invalid-value at=events[{data['events'][0]['key']}].translations.fa "
        "expected an object of texts (title, description)"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"name": "Hall\x00"},
            "ERROR invalid-value at=venues[hall].name contains a NUL character (U+0000), "
            "which cannot be stored",
        ),
        (
            {"address": "Chahar Bagh \udc80"},
            "ERROR invalid-value at=venues[hall].address contains a lone surrogate (U+DC80), "
            "which is not Unicode text",
        ),
        (
            {"name": "ش" * 201},
            "ERROR invalid-value at=venues[hall].name too long: at most 200 characters, got 201",
        ),
        (
            {"equipment": ["projector", "scr\x00een"]},
            "ERROR invalid-value at=venues[hall].equipment[1] contains a NUL character "
            "(U+0000), which cannot be stored",
        ),
        (
            {"opening_hours": {"mon": "09:00-21:00", "tue\n": "09:00-21:00"}},
            'ERROR invalid-value at=venues[hall].opening_hours."tue\\n" unknown day '
            "(mon, tue, wed, thu, fri, sat, sun)",
        ),
        (
            {"opening_hours": {"mon": "٠٩:٠٠-٢١:٠٠"}},
            'ERROR invalid-value at=venues[hall].opening_hours.mon bad hours "٠٩:٠٠-٢١:٠٠" '
            "(09:00-21:00)",
        ),
    ],
    ids=["nul", "lone-surrogate", "too-long", "nul-in-a-list", "newline-in-a-name", "digits"],
)
def test_text_no_database_column_holds_is_invalid_at_its_path(change: dict, expected: str) -> None:
    data = festival_data(venues=[venue("hall", **change)])
    _, findings = validate_data(data)
    assert lines(findings) == [expected]


def test_line_breaks_and_any_script_are_text_like_any_other() -> None:
    name = "Hall\r\nof Mirrors — تالار آینه 鏡の間 Зеркальный"
    doc, findings = validate_data(festival_data(venues=[venue("hall", name=name)]))
    assert findings == []
    assert doc is not None and doc.venues[0].name == name


def test_escaped_nul_and_surrogates_in_the_bytes_are_refused_the_same_way() -> None:
    raw = to_bytes(festival_data()).replace(b'"Opening"', b'"Op\\u0000ening"', 1)
    raw = raw.replace(b'"Isfahan"', b'"Isfahan\\ud800"', 1)
    doc, findings = read_bytes(raw)
    assert doc is None
    assert lines(findings) == [
        "ERROR invalid-value at=festival.host_city contains a lone surrogate (U+D800), "
        "which is not Unicode text"
    ]
    raw = to_bytes(festival_data()).replace(b'"Opening"', b'"Op\\u0000ening"', 1)
    _, findings = read_bytes(raw)
    assert lines(findings) == [
        "ERROR invalid-value at=events[opening].title contains a NUL character (U+0000), "
        "which cannot be stored"
    ]


@pytest.mark.parametrize(
    ("member", "value", "expected"),
    [
        (
            "key",
            "opening\n",
            'ERROR invalid-value at=events[0].key bad key "opening\\n": lower-case letters, '
            "digits and '-', at most 64",
        ),
        (
            "language",
            "en\n",
            'ERROR invalid-value at=events[opening].language bad language code "en\\n" '
            "(BCP 47: fa, zh, uz-Cyrl)",
        ),
        (
            "language",
            "en-" + "-".join(["abcdefgh"] * 4),
            "ERROR invalid-value at=events[opening].language bad language code "
            '"en-abcdefgh-abcdefgh-abcdefgh-abcdefgh" (BCP 47: fa, zh, uz-Cyrl)',
        ),
        (
            "partner_cities",
            ["xian\n"],
            'ERROR invalid-value at=events[opening].partner_cities[0] bad key "xian\\n"',
        ),
    ],
    ids=["key-newline", "language-newline", "language-too-long", "reference-newline"],
)
def test_keys_and_languages_must_match_whole(member: str, value: object, expected: str) -> None:
    data = festival_data()
    data["events"][0][member] = value
    _, findings = validate_data(data)
    assert lines(findings) == [expected]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia", 'unknown time zone "Asia"'),
        ("a" * 300, 'unknown time zone "' + "a" * 56 + "..."),
        ("Asia/Tehran\n", 'unknown time zone "Asia/Tehran\\n"'),
        ("../../etc/passwd", 'unknown time zone "../../etc/passwd"'),
    ],
    ids=["a-folder", "too-long", "newline", "a-path"],
)
def test_a_time_zone_that_names_no_zone_is_invalid_not_a_crash(zone: str, expected: str) -> None:
    data = festival_data()
    data["festival"]["timezone"] = zone
    doc, findings = validate_data(data)
    assert doc is None
    assert lines(findings) == [f"ERROR invalid-value at=festival.timezone {expected}"]


def test_a_key_of_64_characters_is_a_key() -> None:
    data = festival_data(venues=[venue("v" * 64)])
    data["events"][0]["sessions"][0]["venue"] = "v" * 64
    assert validate_data(data)[1] == []
    data["venues"][0]["key"] = "v" * 65
    assert [f.code for f in validate_data(data)[1]] == ["invalid-value", "unknown-reference"]


def test_a_bad_liaison_is_reported_not_ignored() -> None:
    data = festival_data(
        partner_cities=[{"key": "xian"}], delegations=[{"key": "xian", "partner_city": "xian"}]
    )
    data["delegations"][0]["liaison"] = "Mr Wang"
    doc, findings = validate_data(data)
    assert lines(findings) == [
        "ERROR invalid-value at=delegations[xian].liaison expected an object, got a string"
    ]
    assert doc is not None and doc.delegations[0].liaison == document.Liaison()


def _with_member_needs(needs: object) -> dict:
    return festival_data(
        partner_cities=[{"key": "xian", "name": "Xi'an"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "members": [{"key": "li", "name": "Li", "needs": needs}],
            }
        ],
    )


def test_member_needs_read_as_a_list_of_tags() -> None:
    doc, findings = validate_data(_with_member_needs(["step_free", "hearing_loop"]))
    assert doc is not None and lines(findings) == []
    assert doc.delegations[0].members[0].needs == ("step_free", "hearing_loop")


@pytest.mark.parametrize(
    ("needs", "expected"),
    [
        ("step_free", "ERROR invalid-value at=delegations[xian].members[li].needs expected a list"),
        ([1], "ERROR invalid-value at=delegations[xian].members[li].needs[0] bad need 1"),
    ],
    ids=["not-a-list", "not-a-string"],
)
def test_member_needs_that_are_no_list_of_tags_are_invalid(needs: object, expected: str) -> None:
    _, findings = validate_data(_with_member_needs(needs))
    assert [line for line in lines(findings) if line.startswith(expected)] != [], lines(findings)
