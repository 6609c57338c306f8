"""Venues and holds: created, changed and deleted through the services, which check what a
change touches with the importer's rules and refuse before anything is written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from festival.errors import InUse, NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Festival, Occupation, Session, Venue, VenueHold
from festival.services import venues as svc
from tests.integration.entities import ACTOR, NOW, at, changes, lines, load, snapshot, write


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


def occupied(key: str) -> tuple[datetime, datetime, bool]:
    occ = db.session.scalar(
        select(Occupation)
        .outerjoin(Session, Occupation.session_id == Session.id)
        .outerjoin(VenueHold, Occupation.hold_id == VenueHold.id)
        .where((Session.key == key) | (VenueHold.key == key))
    )
    assert occ is not None
    return occ.starts_at, occ.ends_at, occ.exclusive


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=UTC)


def test_create_venue_stores_the_data_file_item_and_records_it(festival: Festival) -> None:
    version = festival.version
    outcome = write(
        lambda: svc.create_venue(
            festival,
            {
                "key": "garden",
                "name": "Garden",
                "capacity": 300,
                "equipment": ["sound"],
                "opening_hours": {"fri": "16:00-22:00"},
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    assert outcome.warnings == []
    row = db.session.scalar(select(Venue).where(Venue.key == "garden"))
    assert row is not None
    assert (row.name, row.capacity, row.equipment, row.setup_minutes, row.shared) == (
        "Garden",
        300,
        ["sound"],
        0,
        False,
    )
    assert row.opening_hours == {"fri": "16:00-22:00"}
    assert row.position == 3
    assert festival.version == version + 1
    kind, key, before, after = changes()[-1]
    assert (kind, key, before) == ("venue", "garden", None)
    assert after is not None and after["capacity"] == 300


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"key": "hall"}, ["ERROR duplicate-key at=venues[hall].key hall exists already"]),
        (
            {"key": "Bad Key"},
            [
                'ERROR invalid-value at=venues[0].key bad key "Bad Key": lower-case letters, '
                "digits and '-', at most 64"
            ],
        ),
        (
            {"key": "garden", "capacity": -5, "opening_hours": {"mon": "9-5"}},
            [
                "ERROR invalid-value at=venues[garden].capacity must not be below 0, got -5",
                'ERROR invalid-value at=venues[garden].opening_hours.mon bad hours "9-5" '
                "(09:00-21:00)",
            ],
        ),
        (
            {"key": "garden", "setup_minutes": "half an hour"},
            [
                "ERROR invalid-value at=venues[garden].setup_minutes expected a whole number, "
                'got "half an hour"'
            ],
        ),
    ],
    ids=["taken-key", "bad-key", "negative-capacity-and-bad-hours", "words-for-minutes"],
)
def test_create_venue_refuses_what_the_reader_refuses_and_writes_nothing(
    festival: Festival, values: dict, expected: list[str]
) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.create_venue(festival, values, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == expected
    assert snapshot() == before


def test_longer_setup_that_reaches_a_hold_is_refused_naming_the_pair(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.update_venue(festival, "hall", {"setup_minutes": 90}, actor=ACTOR, now=NOW)
        )
    assert lines(refused.value.errors) == [
        "ERROR venue-double-booking venue=hall sessions=build-up,talk-1 "
        "overlap 2026-10-18T08:30+03:30..08:45+03:30"
    ]
    assert snapshot() == before


def test_new_buffers_rewrite_every_occupation_of_the_venue(festival: Festival) -> None:
    write(
        lambda: svc.update_venue(
            festival, "hall", {"setup_minutes": 60, "teardown_minutes": 0}, actor=ACTOR, now=NOW
        )
    )
    # talk-1 10:00-11:00 Tehran (06:30-07:30 UTC); the hold 07:00-08:30 (03:30-05:00 UTC).
    assert occupied("talk-1") == (utc(18, 5, 30), utc(18, 7, 30), True)
    assert occupied("build-up") == (utc(18, 2, 30), utc(18, 5, 0), True)


def test_a_longer_setup_and_a_shorter_teardown_pass_each_other(app: Flask) -> None:
    from tests.factories import event, festival_data, session, venue

    # a ends 11:00 (+30 teardown = 11:30); b starts 12:00 (-30 setup = 11:30): back to back.
    # Moving 30 minutes from teardown to setup keeps them back to back, but rewritten one by
    # one b's new start (11:00) would overlap a's old end (11:30).
    festival = load(
        festival_data(
            venues=[venue("hall", setup_minutes=30, teardown_minutes=30)],
            events=[
                event(
                    "talks",
                    session("a", "2026-10-18T09:00", "2026-10-18T11:00"),
                    session("b", "2026-10-18T12:00", "2026-10-18T13:00"),
                )
            ],
        )
    )
    write(
        lambda: svc.update_venue(
            festival, "hall", {"setup_minutes": 60, "teardown_minutes": 0}, actor=ACTOR, now=NOW
        )
    )
    assert occupied("a") == (utc(18, 4, 30), utc(18, 7, 30), True)
    assert occupied("b") == (utc(18, 7, 30), utc(18, 9, 30), True)


def test_a_shared_venue_made_exclusive_is_refused_while_sessions_overlap(app: Flask) -> None:
    from tests.factories import event, festival_data, session, venue

    festival = load(
        festival_data(
            venues=[venue("square", shared=True)],
            events=[
                event(
                    "fair",
                    session("fair-1", "2026-10-18T09:00", "2026-10-18T12:00", venue="square"),
                    session("fair-2", "2026-10-18T11:00", "2026-10-18T13:00", venue="square"),
                )
            ],
        )
    )
    assert occupied("fair-1")[2] is False
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(lambda: svc.update_venue(festival, "square", {"shared": False}, actor=ACTOR, now=NOW))
    assert refused.value.conflicts == ["fair-1", "fair-2"]
    assert snapshot() == before


def test_capacity_and_equipment_changes_are_saved_with_their_warnings(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_venue(
            festival, "cinema", {"equipment": [], "capacity": 10}, actor=ACTOR, now=NOW
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING missing-equipment session=film-1 venue=cinema equipment=projector"
    ]
    assert db.session.get(Venue, outcome.item.id).equipment == []
    outcome = write(
        lambda: svc.update_venue(festival, "hall", {"capacity": 30}, actor=ACTOR, now=NOW)
    )
    assert lines(outcome.warnings) == [
        "WARNING over-capacity session=talk-1 venue=hall expected 40, capacity 30",
        "WARNING over-capacity session=talk-2 venue=hall expected 40, capacity 30",
    ]


def test_opening_hours_read_in_festival_time(festival: Festival) -> None:
    # 18 October 2026 is a Sunday; talk-1 runs 10:00-11:00.
    outcome = write(
        lambda: svc.update_venue(
            festival, "hall", {"opening_hours": {"sun": "10:30-20:00"}}, actor=ACTOR, now=NOW
        )
    )
    assert [f.get("session") for f in outcome.warnings] == ["talk-1", "talk-2"]
    assert {f.code for f in outcome.warnings} == {"outside-opening-hours"}


def test_a_renamed_venue_raises_its_sessions_sequence_only(festival: Festival) -> None:
    def sequences() -> dict[str, int]:
        db.session.expire_all()
        return {s.key: s.sequence for s in db.session.scalars(select(Session))}

    first = sequences()
    write(lambda: svc.update_venue(festival, "hall", {"capacity": 45}, actor=ACTOR, now=NOW))
    assert sequences() == first
    write(lambda: svc.update_venue(festival, "hall", {"name": "Great Hall"}, actor=ACTOR, now=NOW))
    raised = {k: v - first[k] for k, v in sequences().items()}
    assert raised == {"talk-1": 1, "talk-2": 1, "film-1": 0, "market-1": 0}
    assert changes()[-1] == ("venue", "hall", {"name": "Hall"}, {"name": "Great Hall"})


def test_a_key_cannot_change(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.update_venue(festival, "hall", {"key": "aula"}, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=venues[hall].key a key cannot change"
    ]
    assert snapshot() == before


def test_delete_venue_refuses_while_sessions_and_holds_use_it(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_venue(festival, "hall", actor=ACTOR, now=NOW))
    assert refused.value.references == {
        "session": ["talk-1", "talk-2"],
        "venue_hold": ["build-up"],
    }
    assert str(refused.value) == (
        "venue hall is still used by session talk-1, talk-2; venue_hold build-up"
    )
    assert snapshot() == before


def test_delete_an_unused_venue(festival: Festival) -> None:
    write(lambda: svc.create_venue(festival, {"key": "spare"}, actor=ACTOR, now=NOW))
    write(lambda: svc.delete_venue(festival, "spare", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Venue).where(Venue.key == "spare")) is None
    kind, key, before, after = changes()[-1]
    assert (kind, key, after) == ("venue", "spare", None)
    assert before is not None and before["key"] == "spare"
    with pytest.raises(NotFound):
        write(lambda: svc.delete_venue(festival, "spare", actor=ACTOR, now=NOW))


# -- holds ----------------------------------------------------------------------------------


def test_create_hold_reads_wall_time_and_refuses_a_double_booking(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_hold(
            festival,
            {
                "key": "private",
                "venue": "hall",
                "starts_at": "2026-10-19T14:00",
                "ends_at": "2026-10-19T16:00",
                "reason": "private dinner",
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    assert occupied("private") == (utc(19, 10, 0), utc(19, 12, 45), True)
    assert outcome.item.reason == "private dinner"
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_hold(
                festival,
                {
                    "key": "clash",
                    "venue": "hall",
                    "starts_at": at(18, 10, 30),
                    "ends_at": at(18, 12),
                },
                actor=ACTOR,
                now=NOW,
            )
        )
    assert refused.value.conflicts == ["talk-1", "clash"]
    assert snapshot() == before


def test_create_hold_names_every_bad_member(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_hold(
                festival,
                {
                    "key": "h",
                    "venue": "nowhere",
                    "starts_at": "2026-10-19T25:00",
                    "ends_at": "2026-10-19T16:00",
                },
                actor=ACTOR,
                now=NOW,
            )
        )
    assert lines(refused.value.findings) == [
        "ERROR unknown-reference at=venue_holds[h].venue ref=nowhere names nothing",
        'ERROR invalid-value at=venue_holds[h].starts_at bad time "2026-10-19T25:00"',
    ]
    assert snapshot() == before


def test_update_hold_moves_it_and_its_occupation(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_hold(
            festival,
            "build-up",
            {"venue": "cinema", "ends_at": "2026-10-18T13:00"},
            actor=ACTOR,
            now=NOW,
        )
    )
    assert outcome.warnings == []
    assert occupied("build-up") == (utc(18, 3, 30), utc(18, 9, 30), True)
    kind, key, before, after = changes()[-1]
    assert (kind, key) == ("venue_hold", "build-up")
    assert before == {"venue": "hall", "ends_at": "2026-10-18T05:00:00+00:00"}
    assert after == {"venue": "cinema", "ends_at": "2026-10-18T09:30:00+00:00"}


def test_update_hold_into_a_session_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.update_hold(
                festival, "build-up", {"ends_at": "2026-10-18T10:00"}, actor=ACTOR, now=NOW
            )
        )
    assert refused.value.conflicts == ["build-up", "talk-1"]
    assert snapshot() == before


def test_an_interval_that_ends_before_it_starts_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.update_hold(
                festival, "build-up", {"ends_at": "2026-10-18T06:00"}, actor=ACTOR, now=NOW
            )
        )
    assert [(f.code, f.get("at")) for f in refused.value.errors] == [
        ("invalid-interval", "venue_holds[build-up].ends_at")
    ]
    assert snapshot() == before


def test_delete_hold_frees_the_venue(festival: Festival) -> None:
    write(lambda: svc.delete_hold(festival, "build-up", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(VenueHold)) is None
    assert db.session.scalar(select(Occupation).where(Occupation.hold_id.is_not(None))) is None
    with pytest.raises(NotFound):
        write(lambda: svc.delete_hold(festival, "build-up", actor=ACTOR, now=NOW))
