"""What every feed test checks first: the bytes' shape (CRLF, 75-octet lines that never split a
UTF-8 character), then two independent parsers (icalendar, libical) that must agree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import icalendar

from tests import libical


@dataclass(frozen=True)
class ParsedEvent:
    uid: str
    summary: str
    description: str
    location: str
    status: str
    sequence: int
    starts_at: datetime  # UTC
    ends_at: datetime | None  # UTC
    stamp: datetime
    last_modified: datetime
    url: str
    categories: tuple[str, ...]
    geo: tuple[float, float] | None
    transparent: bool


@dataclass(frozen=True)
class ParsedFeed:
    calendar: icalendar.Calendar
    events: dict[str, ParsedEvent]
    tzids: list[str]

    def prop(self, name: str) -> str:
        """A calendar property's text (icalendar leaves NAME and X- properties escaped)."""
        value = self.calendar.get(name)
        if value is None:
            return ""
        if isinstance(value, icalendar.vText):
            return str(value)
        raw = value.to_ical().decode() if hasattr(value, "to_ical") else str(value)
        return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)

    def by_status(self, status: str) -> set[str]:
        return {uid for uid, e in self.events.items() if e.status == status}


def check_bytes(body: bytes) -> None:
    """CRLF line ends only; every physical line at most 75 octets and valid UTF-8 on its own
    (so no fold split a character)."""
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert b"\r" not in body.replace(b"\r\n", b"")
    for line in body[:-2].split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")


def _utc(value: Any) -> datetime:
    assert isinstance(value, datetime), value
    assert value.tzinfo is not None, f"floating time {value}"
    return value.astimezone(UTC)


def _raw_lines(body: bytes) -> list[str]:
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")


def parse_feed(body: bytes) -> ParsedFeed:
    """Parse with both parsers, assert they agree, and return what icalendar read."""
    check_bytes(body)
    lines = _raw_lines(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert not any(
        line.startswith(("METHOD", "X-WR-TIMEZONE", "ATTENDEE", "BEGIN:VALARM")) for line in lines
    )
    in_timezone = False  # a VTIMEZONE's own DTSTARTs are local by definition
    for line in lines:  # no floating times: a zone or UTC on every event's DTSTART/DTEND
        in_timezone = (in_timezone or line == "BEGIN:VTIMEZONE") and line != "END:VTIMEZONE"
        if not in_timezone and line.startswith(("DTSTART", "DTEND")):
            assert ";TZID=" in line.split(":")[0] or line.endswith("Z"), line

    calendar = icalendar.Calendar.from_ical(body)
    tzids = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert tzids == sorted(set(tzids))
    events: dict[str, ParsedEvent] = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component["UID"])
        assert uid not in events, f"two events with UID {uid}"
        start = _utc(component.decoded("DTSTART"))
        end = _utc(component.decoded("DTEND")) if "DTEND" in component else None
        assert end is None or end > start
        for name in ("DTSTART", "DTEND"):
            if name in component and "TZID" in component[name].params:
                assert component[name].params["TZID"] in tzids
        geo = component.get("GEO")
        events[uid] = ParsedEvent(
            uid=uid,
            summary=str(component["SUMMARY"]),
            description=str(component.get("DESCRIPTION", "")),
            location=str(component.get("LOCATION", "")),
            status=str(component.get("STATUS", "")),
            sequence=int(component["SEQUENCE"]),
            starts_at=start,
            ends_at=end,
            stamp=_utc(component.decoded("DTSTAMP")),
            last_modified=_utc(component.decoded("LAST-MODIFIED")),
            url=str(component.get("URL", "")),
            categories=tuple(str(c) for c in component.categories),
            geo=(geo.latitude, geo.longitude) if geo is not None else None,
            transparent=str(component.get("TRANSP", "")) == "TRANSPARENT",
        )

    judge = libical.parse(body)
    assert judge.errors == []
    assert judge.tzids == tzids
    assert len(judge.events) == len(events)
    for other in judge.events:
        mine = events[other.uid]
        assert (other.starts_at, other.ends_at) == (mine.starts_at, mine.ends_at), other.uid
        assert (other.summary, other.description, other.location) == (
            mine.summary,
            mine.description,
            mine.location,
        )
        assert (other.status, other.sequence, other.stamp) == (
            mine.status,
            mine.sequence,
            mine.stamp,
        )
    return ParsedFeed(calendar, events, tzids)


# -- data -------------------------------------------------------------------------------------

IMPORTED_AT = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
CHANGED_AT = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
PERSIAN_TITLE = "شب‌های موسیقی زندهٔ شهرهای خواهرخوانده در میدان لایدسه، با گروه‌های آمستردام و اصفهان"
CHINESE_TITLE = "阿姆斯特丹与西安友好城市电影之夜：跨越时区的故事、回忆与未来；欢迎所有观众"


def store(data: dict[str, Any], *, now: datetime = IMPORTED_AT, replace: bool = False) -> Any:
    """Import a festival data dict through the service, and commit."""
    from festival.datafile import validate_data
    from festival.extensions import db
    from festival.services.importer import import_document

    doc, findings = validate_data(data)
    assert doc is not None and not [f for f in findings if f.is_error], findings
    festival = import_document(doc, findings, replace=replace, now=now, actor="tests")
    db.session.commit()
    return festival


def dst_festival() -> dict[str, Any]:
    """A festival in Europe/Amsterdam across the October 2026 DST change (25 October, 03:00
    CEST becomes 02:00 CET): each session's expected UTC instants are in ``DST_INSTANTS``."""
    from tests.factories import event, festival_data, session, venue

    return festival_data(
        festival={
            "slug": "amsterdam-2026",
            "name": "Amsterdam Zusterstedenweek 2026",
            "host_city": "Amsterdam",
            "country": "NL",
            "timezone": "Europe/Amsterdam",
            "starts_on": "2026-10-23",
            "ends_on": "2026-10-26",
            "languages": ["en", "nl"],
        },
        venues=[
            venue(
                "hall",
                address="Museumplein 1, Amsterdam",
                latitude=52.3579,
                longitude=4.8814,
                accessibility="Lift to every floor",
            ),
            venue("club", address="Leidseplein 26, Amsterdam"),
        ],
        events=[
            event(
                "before",
                session("before-1", "2026-10-24T20:00", "2026-10-24T22:00"),
                kind="screening",
                title=CHINESE_TITLE,
                partner_cities=["xian"],
                translations={"nl": {"title": "Filmavond; Xi'an, Amsterdam"}},
            ),
            event(
                "night",
                session("night-1", "2026-10-24T23:30", "2026-10-25T04:00", venue="club"),
                kind="performance",
                title=PERSIAN_TITLE,
                description="Late; very late, until 04:00 winter time.\nBring a coat.",
            ),
            event("first-pass", session("first-1", "2026-10-25T01:00", "2026-10-25T02:10")),
            # a wall time the zone repeats means its first pass (CEST)
            event("ambiguous", session("ambiguous-1", "2026-10-25T02:20", "2026-10-25T02:50")),
            # the second pass through 02:xx, given with its offset
            event(
                "repeat", session("repeat-1", "2026-10-25T02:15+01:00", "2026-10-25T02:45+01:00")
            ),
            event("after", session("after-1", "2026-10-25T10:00", "2026-10-25T11:00")),
            event(
                "private",
                session("private-1", "2026-10-25T12:00", "2026-10-25T13:00"),
                public=False,
                title="Closed board meeting",
            ),
            event(
                "maybe",
                session("maybe-1", "2026-10-25T14:00", "2026-10-25T15:00", status="tentative"),
                title="Perhaps a picnic",
            ),
        ],
    )


def _z(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


DST_INSTANTS = {
    "before-1": (_z("2026-10-24T18:00"), _z("2026-10-24T20:00")),
    "night-1": (_z("2026-10-24T21:30"), _z("2026-10-25T03:00")),
    "first-1": (_z("2026-10-24T23:00"), _z("2026-10-25T00:10")),
    "ambiguous-1": (_z("2026-10-25T00:20"), _z("2026-10-25T00:50")),
    "repeat-1": (_z("2026-10-25T01:15"), _z("2026-10-25T01:45")),
    "after-1": (_z("2026-10-25T09:00"), _z("2026-10-25T10:00")),
}
