"""The feeds built from the read models on a database (SQLite and PostgreSQL): every instant
against the data, both parsers, privacy, updates, and the same bytes in every process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from sqlalchemy import select

from festival.exports import ical
from festival.extensions import db
from festival.models import Delegation
from festival.queries.filters import ProgrammeFilter
from festival.queries.itinerary import delegation_itinerary
from festival.queries.programme import PUBLIC_FEED, festival_programme, load_programme_festival
from festival.urls import ExternalLinks
from tests.factories import demo_data
from tests.icalcheck import (
    CHANGED_AT,
    CHINESE_TITLE,
    DST_INSTANTS,
    IMPORTED_AT,
    PERSIAN_TITLE,
    dst_festival,
    parse_feed,
    store,
)

BASE = "https://festival.example"
TEHRAN = ZoneInfo("Asia/Tehran")
ROOT = Path(__file__).resolve().parents[2]


def _instant(text: str, zone: ZoneInfo = TEHRAN) -> datetime:
    moment = datetime.fromisoformat(text)
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def public_bytes(
    slug: str, *, lang: str | None = None, filters: ProgrammeFilter | None = None
) -> bytes:
    festival = load_programme_festival(slug)
    assert festival is not None
    programme = festival_programme(festival, audience=PUBLIC_FEED, lang=lang)
    with current_app.test_request_context(base_url=BASE):
        return ical.programme_feed(programme, links=ExternalLinks(), filters=filters).body


def delegation_bytes(slug: str, key: str, *, lang: str | None = None) -> bytes:
    delegation = db.session.scalar(select(Delegation).where(Delegation.key == key))
    assert delegation is not None and delegation.festival.slug == slug
    itinerary = delegation_itinerary(delegation.festival, key, lang=lang)
    assert itinerary is not None
    with current_app.test_request_context(base_url=BASE):
        return ical.delegation_feed(itinerary, links=ExternalLinks(), token=delegation.token).body


def _uid(key: str, slug: str = "isfahan-2026") -> str:
    return f"{key}@{slug}.festival"


def _public_sessions(data: dict[str, Any]) -> dict[str, tuple[dict, dict]]:
    return {
        s["key"]: (e, s)
        for e in data["events"]
        if e.get("public", True)
        for s in e["sessions"]
        if s.get("status", "confirmed") in ("confirmed", "cancelled")
    }


def test_public_feed_carries_every_public_session_at_its_instant(app: Flask) -> None:
    data = demo_data()
    store(data)
    feed = parse_feed(public_bytes("isfahan-2026"))

    expected = _public_sessions(data)
    assert set(feed.events) == {_uid(k) for k in expected}
    venues = {v["key"]: v for v in data["venues"]}
    cities = {c["key"]: c for c in data["partner_cities"]}
    for key, (event, session) in expected.items():
        got = feed.events[_uid(key)]
        venue = venues[session["venue"]]
        assert (got.starts_at, got.ends_at) == (
            _instant(session["starts_at"]),
            _instant(session["ends_at"]),
        )
        cancelled = session.get("status") == "cancelled"
        assert got.summary == ("Cancelled: " if cancelled else "") + event["title"]
        assert got.status == ("CANCELLED" if cancelled else "CONFIRMED")
        assert (got.sequence, got.stamp, got.last_modified) == (0, IMPORTED_AT, IMPORTED_AT)
        assert got.location == f"{venue['name']}, {venue['address']}"
        assert got.geo == (venue["latitude"], venue["longitude"])
        assert got.url == f"{BASE}/f/isfahan-2026/sessions/{key}"
        assert got.description.startswith(event["description"])
        assert got.description.endswith("\n\n" + got.url)
        for city in event["partner_cities"]:
            assert cities[city]["name"] in got.description
        assert got.categories == (
            {
                "handicraft_showcase": "Handicraft showcase",
                "delegation_visit": "Delegation visit",
            }.get(event["kind"], event["kind"].capitalize()),
        )

    assert feed.tzids == ["Asia/Tehran"]
    assert feed.prop("NAME") == feed.prop("X-WR-CALNAME") == data["festival"]["name"]
    assert feed.prop("X-WR-CALDESC") == feed.prop("DESCRIPTION") == data["festival"]["description"]
    assert feed.calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert feed.calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert feed.calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert feed.prop("URL") == f"{BASE}/f/isfahan-2026/"
    assert feed.prop("SOURCE") == f"{BASE}/f/isfahan-2026/calendar.ics"


def test_public_feed_never_carries_private_or_tentative_sessions(app: Flask) -> None:
    data = demo_data()
    store(data)
    body = public_bytes("isfahan-2026")
    text = body.decode().replace("\r\n ", "")
    hidden = [
        (e, s)
        for e in data["events"]
        for s in e["sessions"]
        if not e.get("public", True) or s.get("status") == "tentative"
    ]
    assert hidden
    for event, session in hidden:
        assert _uid(session["key"]) not in text
        if not event.get("public", True):
            assert event["title"] not in text


def test_feed_in_another_language_translates_titles_and_labels(app: Flask) -> None:
    data = demo_data()
    store(data)
    feed = parse_feed(public_bytes("isfahan-2026", lang="fa"))
    opening = next(e for e in data["events"] if e["key"] == "opening-ceremony")
    got = feed.events[_uid("opening-ceremony-1")]
    assert got.summary == opening["translations"]["fa"]["title"]
    assert got.description.startswith(opening["translations"]["fa"]["description"])
    assert "شهرهای خواهرخوانده" in got.description
    assert got.categories == ("مراسم",)
    assert feed.events[_uid("silk-road-nights-3")].summary.startswith("لغو شد: ")


def test_feed_across_the_dst_change_gives_every_instant_right(app: Flask) -> None:
    store(dst_festival())
    body = public_bytes("amsterdam-2026")
    feed = parse_feed(body)

    assert {uid: (e.starts_at, e.ends_at) for uid, e in feed.events.items()} == {
        _uid(key, "amsterdam-2026"): instants for key, instants in DST_INSTANTS.items()
    }
    assert feed.tzids == ["Europe/Amsterdam"]
    lines = body.decode().replace("\r\n ", "").split("\r\n")
    # a wall time the zone repeats (02:00-03:00) is ambiguous between clients: UTC it is
    assert "DTSTART:20261025T011500Z" in lines  # second pass
    assert "DTSTART:20261025T002000Z" in lines  # first pass
    assert "DTSTART;TZID=Europe/Amsterdam:20261025T010000" in lines  # before the change
    assert "DTEND;TZID=Europe/Amsterdam:20261025T040000" in lines  # night-1 ends in CET
    assert feed.events[_uid("night-1", "amsterdam-2026")].summary == PERSIAN_TITLE
    assert feed.events[_uid("before-1", "amsterdam-2026")].summary == CHINESE_TITLE
    assert feed.events[_uid("night-1", "amsterdam-2026")].description.startswith(
        "Late; very late, until 04:00 winter time.\nBring a coat."
    )


def test_filters_combine_kind_venue_and_city(app: Flask) -> None:
    store(dst_festival())
    by_kind = parse_feed(
        public_bytes("amsterdam-2026", filters=ProgrammeFilter(kinds=("screening", "performance")))
    )
    assert set(by_kind.events) == {
        _uid("before-1", "amsterdam-2026"),
        _uid("night-1", "amsterdam-2026"),
    }
    assert by_kind.prop("NAME") == "Amsterdam Zusterstedenweek 2026 (Screening, Performance)"
    both = parse_feed(
        public_bytes(
            "amsterdam-2026",
            filters=ProgrammeFilter(kinds=("screening", "performance"), venues=("club",)),
        )
    )
    assert set(both.events) == {_uid("night-1", "amsterdam-2026")}
    city = parse_feed(public_bytes("amsterdam-2026", filters=ProgrammeFilter(cities=("xian",))))
    assert set(city.events) == {_uid("before-1", "amsterdam-2026")}
    assert city.prop("SOURCE") == f"{BASE}/f/amsterdam-2026/calendar.ics?city=xian"


def _personal_data(data: dict[str, Any]) -> list[str]:
    public_text = json.dumps(data["events"], ensure_ascii=False).lower()
    values = []
    for delegation in data["delegations"]:
        values.append(delegation.get("contact_email", ""))
        for member in delegation["members"]:
            values += [
                member.get("email", ""),
                member.get("phone", ""),
                member["name"],
                member.get("accessibility", ""),
            ]
            diet = member.get("dietary", "")
            if diet.lower() not in public_text:  # "halal" is also in a public description
                values.append(diet)
    return [v for v in values if v]


def test_delegation_feed_has_its_sessions_arrival_departure_and_transfers(app: Flask) -> None:
    data = demo_data()
    store(data)
    body = delegation_bytes("isfahan-2026", "xian")
    feed = parse_feed(body)

    mine = {
        s["key"]: (e, s)
        for e in data["events"]
        if "xian" in e.get("delegations", [])
        for s in e["sessions"]
    }
    transfers = [t for t in data["transfers"] if "xian" in t["delegations"]]
    own_bookings = [
        a
        for a in data["interpreter_assignments"]
        if a["delegation"] == "xian" and not a.get("session")
    ]
    assert set(feed.events) == (
        {_uid(k) for k in mine}
        | {"xian.arrival@isfahan-2026.festival", "xian.departure@isfahan-2026.festival"}
        | {f"{t['key']}.transfer@isfahan-2026.festival" for t in transfers}
        | {f"{a['key']}.interpreting@isfahan-2026.festival" for a in own_bookings}
    )
    for key, (_, session) in mine.items():
        got = feed.events[_uid(key)]
        assert (got.starts_at, got.ends_at) == (
            _instant(session["starts_at"]),
            _instant(session["ends_at"]),
        )
        assert got.status == session.get("status", "confirmed").upper()
    assert feed.events[_uid("acupuncture-workshop-2")].status == "TENTATIVE"
    assert feed.events[_uid("mayor-meeting-xian-1")].summary.startswith("Closed Meeting")
    assert "Interpreter: Sara Ahmadi" in feed.events[_uid("mayor-meeting-xian-1")].description

    xian = next(d for d in data["delegations"] if d["key"] == "xian")
    arrival = feed.events["xian.arrival@isfahan-2026.festival"]
    assert (arrival.starts_at, arrival.ends_at) == (_instant(xian["arrival"]["at"]), None)
    assert arrival.summary == "Arrival: Flight CZ6025, IFN"
    assert (arrival.stamp, arrival.sequence) == (IMPORTED_AT, 1)
    for transfer in transfers:
        got = feed.events[f"{transfer['key']}.transfer@isfahan-2026.festival"]
        assert (got.starts_at, got.ends_at) == (
            _instant(transfer["starts_at"]),
            _instant(transfer["ends_at"]),
        )
    pick_up = feed.events["arr-xian.transfer@isfahan-2026.festival"]
    assert pick_up.summary == "Transfer: IFN → Abbasi Hotel"
    assert "Pick-up: 23:10 (UTC+03:30), IFN\nVehicle: Minibus 1" in pick_up.description

    text = body.decode().replace("\r\n ", "")
    for value in _personal_data(data):
        assert value not in text, value
    others = {
        s["key"]
        for e in data["events"]
        if not e.get("public", True) and "xian" not in e.get("delegations", [])
        for s in e["sessions"]
    }
    assert others and not any(_uid(k) in feed.events for k in others)


def test_one_delegations_private_visits_never_reach_another(app: Flask) -> None:
    data = demo_data()
    store(data)
    xian = set(parse_feed(delegation_bytes("isfahan-2026", "xian")).events)
    krakow = set(parse_feed(delegation_bytes("isfahan-2026", "krakow")).events)
    assert _uid("mayor-meeting-xian-1") in xian and _uid("mayor-meeting-xian-1") not in krakow
    assert _uid("mayor-meeting-krakow-1") in krakow and _uid("mayor-meeting-krakow-1") not in xian
    assert "xian.arrival@isfahan-2026.festival" not in krakow


def test_reimport_keeps_uids_raises_sequence_and_keeps_the_cancelled(app: Flask) -> None:
    data = demo_data()
    store(data)
    before = parse_feed(public_bytes("isfahan-2026"))
    moved_from = before.events[_uid("two-brushes-calligraphy-1")]

    changed = demo_data()
    for event in changed["events"]:
        for session in event["sessions"]:
            if session["key"] == "two-brushes-calligraphy-1":
                session["starts_at"], session["ends_at"] = "2026-10-20T11:00", "2026-10-20T13:30"
            if session["key"] == "hermitage-talk-1":
                session["status"] = "cancelled"
    store(changed, replace=True, now=CHANGED_AT)
    after = parse_feed(public_bytes("isfahan-2026"))

    assert set(after.events) == set(before.events)
    moved = after.events[_uid("two-brushes-calligraphy-1")]
    assert moved.starts_at == moved_from.starts_at + timedelta(hours=1)
    assert (moved.sequence, moved.stamp, moved.last_modified) == (1, CHANGED_AT, CHANGED_AT)
    cancelled = after.events[_uid("hermitage-talk-1")]
    assert (cancelled.status, cancelled.sequence, cancelled.stamp) == ("CANCELLED", 1, CHANGED_AT)
    assert cancelled.summary.startswith("Cancelled: ")
    untouched = after.events[_uid("vank-choir-1")]
    assert (untouched.sequence, untouched.stamp) == (0, IMPORTED_AT)
    assert after.prop("LAST-MODIFIED") == before.prop("LAST-MODIFIED").replace(
        "20260501T093000Z", "20260901T120000Z"
    )


_SCRIPT = """
import hashlib, sys
from festival import create_app
from festival.extensions import db
from tests.integration.test_ical_export import public_bytes, delegation_bytes
app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": sys.argv[1]})
with app.app_context():
    for body in (public_bytes("isfahan-2026"), public_bytes("isfahan-2026", lang="fa"),
                 delegation_bytes("isfahan-2026", "xian")):
        print(hashlib.sha256(body).hexdigest())
    db.engine.dispose()
"""


def test_the_same_data_gives_the_same_bytes_in_another_process(
    app: Flask, database_url: str
) -> None:
    store(demo_data())
    mine = [
        hashlib.sha256(b).hexdigest()
        for b in (
            public_bytes("isfahan-2026"),
            public_bytes("isfahan-2026", lang="fa"),
            delegation_bytes("isfahan-2026", "xian"),
        )
    ]
    db.session.remove()
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT, database_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == mine
