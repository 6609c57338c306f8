"""The feed writer's text rules: escaping, 75-octet folding on character boundaries, the
VTIMEZONE and the UIDs (festival.exports.ical), judged by icalendar and libical."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from festival.exports.ical import escape_text, fold, logistics_uid, session_uid, vtimezone
from tests import libical
from tests.icalcheck import check_bytes

PERSIAN = "شب‌های موسیقی زندهٔ شهرهای خواهرخوانده در میدان نقش جهان، با گروه‌های اصفهان و ایروان"
CHINESE = "西安与伊斯法罕友好城市电影之夜：丝绸之路上的故事、回忆与未来；欢迎所有观众参加"


def _event(summary: str, description: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:x@test.festival",
        "DTSTAMP:20260501T000000Z",
        "DTSTART:20261018T063000Z",
        "DTEND:20261018T073000Z",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return b"\r\n".join(fold(line) for line in lines) + b"\r\n"


@pytest.mark.parametrize(
    "text",
    [
        PERSIAN,
        CHINESE,
        "Commas, semicolons; back\\slashes and\nnew lines",
        "a" * 300,
        "\\" * 200,
        "é" * 100,
        "🎻" * 40,
        PERSIAN + "\\;" * 30 + CHINESE,
    ],
    ids=[
        "persian",
        "chinese",
        "escapes",
        "ascii-long",
        "backslashes",
        "two-byte",
        "four-byte",
        "mixed",
    ],
)
def test_text_survives_folding_in_both_parsers(text: str) -> None:
    body = _event(text, text + "\n\n" + text)
    check_bytes(body)
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == text
    assert str(event["DESCRIPTION"]) == text + "\n\n" + text
    parsed = libical.parse(body)
    assert parsed.errors == []
    assert parsed.events[0].summary == text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_round_trips_without_control_characters(text: str) -> None:
    body = _event(text or "x", text)
    check_bytes(body)
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = "".join(
        c for c in expected if c in "\t\n" or not (ord(c) < 32 or 127 <= ord(c) < 160)
    )
    assert str(event.get("DESCRIPTION", "")) == expected


def test_fold_never_splits_a_character_or_an_escape() -> None:
    for prefix in range(0, 8):
        line = "SUMMARY:" + "x" * prefix + escape_text("\\;" * 40 + "西" * 40)
        folded = fold(line)
        for part in folded.split(b"\r\n"):
            assert len(part) <= 75
            part.decode("utf-8")
            body = part.lstrip(b" ")
            run = len(body) - len(body.rstrip(b"\\"))
            assert run % 2 == 0 or part.startswith(b" ") and part[1:2] == b"\\"


def test_escape_drops_control_characters_and_keeps_line_breaks() -> None:
    assert escape_text("a\x00b\x1bc\r\nd\re,f;g\\h") == "abc\\nd\\ne\\,f\\;g\\\\h"


def test_vtimezone_is_bounded_and_current() -> None:
    tehran = vtimezone("Asia/Tehran", 2026, 2026).decode()
    assert "TZID:Asia/Tehran" in tehran
    assert "DAYLIGHT" not in tehran  # Iran abolished DST in 2022
    assert "TZOFFSETTO:+0330" in tehran
    amsterdam = vtimezone("Europe/Amsterdam", 2026, 2026).decode()
    assert "DTSTART:20261025T030000\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in (
        amsterdam
    )
    assert "TZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200" in amsterdam
    assert "2025" not in amsterdam and "2027" not in amsterdam.replace("2027-01-01", "")


def test_vtimezone_gives_libical_the_right_instants() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    tz = vtimezone("Europe/Amsterdam", 2026, 2026).rstrip(b"\r\n").decode()
    moments = [
        datetime(2026, 10, 24, 23, 30, tzinfo=zone),
        datetime(2026, 10, 25, 10, tzinfo=zone),
        datetime(2026, 3, 29, 1, 30, tzinfo=zone),
        datetime(2026, 3, 29, 3, 30, tzinfo=zone),
    ]
    events = []
    for n, moment in enumerate(moments):
        end = moment + timedelta(hours=1)
        events += [
            "BEGIN:VEVENT",
            f"UID:{n}@test.festival",
            "DTSTAMP:20260501T000000Z",
            f"DTSTART;TZID=Europe/Amsterdam:{moment:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Amsterdam:{end.astimezone(zone):%Y%m%dT%H%M%S}",
            "SUMMARY:x",
            "END:VEVENT",
        ]
    body = (
        "\r\n".join(
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", tz, *events, "END:VCALENDAR"]
        )
        + "\r\n"
    ).encode()
    parsed = libical.parse(body)
    assert parsed.errors == []
    assert [e.starts_at for e in parsed.events] == [m.astimezone(UTC) for m in moments]


def test_uids_are_per_festival_and_logistics_never_collide_with_sessions() -> None:
    assert session_uid("isfahan-2026", "opening-1") == "opening-1@isfahan-2026.festival"
    assert session_uid("amsterdam-2026", "opening-1") != session_uid("isfahan-2026", "opening-1")
    # keys cannot hold dots: a session keyed "xian-arrival" differs from the arrival's UID
    assert logistics_uid("isfahan-2026", "xian", "arrival") == "xian.arrival@isfahan-2026.festival"
    assert logistics_uid("s", "xian", "arrival") != session_uid("s", "xian-arrival")
