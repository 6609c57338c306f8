"""The itinerary read model on a database (SQLite and PostgreSQL): one list of lines every
output formats, places resolved, a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import event, select

from festival.extensions import db
from festival.models import Festival
from festival.queries.itinerary import (
    InterpretingLine,
    Itinerary,
    Movement,
    SessionLine,
    TransferLine,
    delegation_itinerary,
)
from festival.queries.places import Place
from tests.factories import demo_data, festival_data, session, venue
from tests.factories import event as make_event
from tests.icalcheck import store


def _festival(slug: str = "isfahan-2026") -> Festival:
    festival = db.session.scalar(select(Festival).where(Festival.slug == slug))
    assert festival is not None
    return festival


def _itinerary(key: str, slug: str = "isfahan-2026", lang: str | None = None) -> Itinerary:
    found = delegation_itinerary(_festival(slug), key, lang=lang)
    assert found is not None
    return found


@contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_lines_are_the_delegations_week_in_time_order(app: Flask) -> None:
    store(demo_data())
    it = _itinerary("xian")
    assert [line.starts_at for line in it.lines] == sorted(line.starts_at for line in it.lines)
    arrival_day, first_day = it.by_day()[0], it.by_day()[1]
    assert arrival_day[0] == date(2026, 10, 17)
    assert [line.anchor for line in arrival_day[1]] == ["arrival", "transfer-arr-xian"]
    assert first_day[0] == date(2026, 10, 18)
    assert [line.anchor for line in first_day[1]] == [
        "session-mayor-meeting-xian-1",
        "transfer-opening-abbasi",
        "session-opening-ceremony-1",
        "session-welcome-reception-1",
    ]
    assert it.lines[-1] == it.departure
    assert [d for d, _ in it.by_day()] == it.days() == [date(2026, 10, d) for d in range(17, 25)]
    # a late screening stays on the evening it starts
    late = next(line for line in it.lines if line.anchor == "session-silk-road-nights-1")
    assert (late.local_start.day, late.local_end and late.local_end.day, late.day.day) == (
        20,
        21,
        20,
    )


def test_places_are_resolved_from_venue_and_hotel_keys(app: Flask) -> None:
    store(demo_data())
    it = _itinerary("xian")
    transfers = {line.key: line for line in it.lines if isinstance(line, TransferLine)}
    assert set(transfers) == {"arr-xian", "opening-abbasi", "xian-to-iums", "dep-xian"}
    ride = transfers["opening-abbasi"]
    assert ride.origin == Place("Abbasi Hotel")
    assert ride.destination == Place(
        "Chehel Sotoun Palace and Garden", "کاخ و باغ چهل\u200cستون", "IR"
    )
    assert (ride.destination.known_name("fa"), ride.destination.known_name("en")) == (
        "کاخ و باغ چهل\u200cستون",
        "Chehel Sotoun Palace and Garden",
    )
    assert transfers["arr-xian"].origin == Place("IFN")  # free text stays as it is
    assert (ride.vehicle_key, ride.vehicle_name) == ("coach-1", "Coach 1 (Scania Marco Polo)")
    tehran = ZoneInfo("Asia/Tehran")
    assert it.arrival == Movement(
        "arrival",
        datetime(2026, 10, 17, 19, 10, tzinfo=UTC),
        datetime(2026, 10, 17, 22, 40, tzinfo=tehran),
        "flight",
        "CZ6025",
        Place("IFN"),
    )
    assert (it.hotel_name, it.member_count, it.city.local_name) == ("Abbasi Hotel", 6, "西安")


def test_interpreters_join_their_sessions_and_own_bookings_are_lines(app: Flask) -> None:
    store(demo_data())
    it = _itinerary("xian")
    sessions = {line.key: line for line in it.lines if isinstance(line, SessionLine)}
    assert [i.name for i in sessions["mayor-meeting-xian-1"].interpreters] == ["Sara Ahmadi"]
    assert sessions["farewell-gala-1"].interpreters == ()
    bookings = [line for line in it.lines if isinstance(line, InterpretingLine)]
    assert [(b.anchor, b.interpreter.name, b.interpreter.languages) for b in bookings] == [
        ("interpreting-ia-leila-xian-city-walk", "Leila Tavakoli", ("fa", "en"))
    ]
    assert [i.name for i in it.interpreters] == ["Sara Ahmadi", "Leila Tavakoli"]


def test_only_sessions_on_the_public_programme_are_linked(app: Flask) -> None:
    data = demo_data()
    store(data)
    linked = {
        line.key: line.linked for line in _itinerary("xian").lines if isinstance(line, SessionLine)
    }
    assert linked["opening-ceremony-1"] is True
    assert linked["silk-road-nights-3"] is True  # cancelled: its public page says so
    assert linked["mayor-meeting-xian-1"] is False  # a private visit
    assert linked["acupuncture-workshop-2"] is False  # tentative

    _festival().published = False
    db.session.commit()
    unpublished = _itinerary("xian")
    assert not any(line.linked for line in unpublished.lines if isinstance(line, SessionLine))


def test_lines_at_the_same_minute_arrive_first_ride_then_meet_and_leave_last(app: Flask) -> None:
    data = festival_data(
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}],
        venues=[venue("hall", name="Great Hall", local_name="تالار بزرگ")],
        vehicles=[{"key": "van", "name": "Van", "seats": 8}],
        interpreters=[{"key": "sara", "name": "Sara", "languages": ["fa", "zh", "en"]}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "name": "Xi'an Delegation",
                "hotel": "abbasi",
                "arrival": {"at": "2026-10-18T10:00", "transport": "flight", "place": "IFN"},
                "departure": {"at": "2026-10-18T10:00", "transport": "train"},
                "members": [{"key": "li", "name": "Li"}],
            }
        ],
        events=[
            make_event(
                "talk",
                session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                delegations=["xian"],
            )
        ],
        transfers=[
            {
                "key": "ride",
                "vehicle": "van",
                "delegations": ["xian"],
                "from": "abbasi",
                "to": "hall",
                "starts_at": "2026-10-18T10:00",
                "ends_at": "2026-10-18T10:30",
            }
        ],
        interpreter_assignments=[
            {
                "key": "walk",
                "interpreter": "sara",
                "delegation": "xian",
                "starts_at": "2026-10-18T10:00",
                "ends_at": "2026-10-18T12:00",
            }
        ],
    )
    store(data)
    it = _itinerary("xian", "test-2026")
    assert [line.anchor for line in it.lines] == [
        "arrival",
        "transfer-ride",
        "interpreting-walk",
        "session-talk-1",
        "departure",
    ]
    ride = next(line for line in it.lines if isinstance(line, TransferLine))
    assert ride.destination == Place("Great Hall", "تالار بزرگ", "IR")
    assert it.departure is not None and it.departure.place == Place("")


def test_an_unknown_delegation_has_no_itinerary(app: Flask) -> None:
    store(demo_data())
    assert delegation_itinerary(_festival(), "atlantis") is None


def test_an_itinerary_takes_the_same_few_queries_however_big_the_week(app: Flask) -> None:
    data = demo_data()
    store(data)
    festival = _festival()
    counts = {}
    for delegation in data["delegations"]:
        with _statements() as seen:
            it = delegation_itinerary(festival, delegation["key"], lang="fa")
        assert it is not None and it.lines
        counts[delegation["key"], len(it.lines)] = len(seen)
    # eleven for the week (its row, hotels, transfers, interpreters, translations, and the
    # programme's six), however many lines a delegation has
    assert set(counts.values()) == {11}, counts
    assert len({lines for _, lines in counts}) > 1


def test_the_printed_itinerary_names_venues_alike_in_sessions_and_transfers(app: Flask) -> None:
    from festival.exports.print_itinerary import build_itinerary

    store(demo_data())
    view = build_itinerary(_itinerary("xian", lang="fa"), "fa")
    entries = [e for d in view.days for e in d.entries]
    ride = next(e for e in entries if e.kind == "transfer" and "چهل" in e.title)
    assert ride.title == "جابه‌جایی: Abbasi Hotel → کاخ و باغ چهل\u200cستون"
    opening = next(e for e in entries if e.kind == "session" and "افتتاحیه" in e.title)
    assert opening.details[0] == ("", "مراسم · کاخ و باغ چهل\u200cستون")
    english = build_itinerary(_itinerary("xian", lang="en"), "en")
    rides = [e.title for d in english.days for e in d.entries if e.kind == "transfer"]
    assert "Transfer: Abbasi Hotel → Chehel Sotoun Palace and Garden" in rides
