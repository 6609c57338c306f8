"""Events (with their translations), their sessions and the festival's settings through the
services: a session change read as a data file's session, a stale version refused, the
rules run on what a change touches, refusals that write nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from festival.errors import InUse, Overtaken, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Event, Festival, Session
from festival.services import events as svc
from festival.services import settings
from tests.integration.entities import ACTOR, NOW, at, changes, lines, load, snapshot, write


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


def session_row(key: str) -> Session:
    db.session.expire_all()
    row = db.session.scalar(select(Session).where(Session.key == key))
    assert row is not None
    return row


# -- events -----------------------------------------------------------------------------------


def test_create_event_with_translations_delegations_and_cities(festival: Festival) -> None:
    write(
        lambda: svc.create_event(
            festival,
            {
                "key": "carpets",
                "kind": "handicraft_showcase",
                "title": "Carpets of the Silk Road",
                "language": "en",
                "delegations": ["bukhara", "xian"],
                "partner_cities": ["bukhara"],
                "translations": {"fa": {"title": "فرش‌های جاده ابریشم"}},
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    row = db.session.scalar(select(Event).where(Event.key == "carpets"))
    assert row is not None
    assert [d.key for d in row.delegations] == ["bukhara", "xian"]
    assert [c.key for c in row.partner_cities] == ["bukhara"]
    assert row.translations == {"fa": {"title": "فرش‌های جاده ابریشم"}}
    assert row.position == 4
    db.session.expire_all()
    # The order of the lists survives a reload (the link tables' position).
    row = db.session.scalar(select(Event).where(Event.key == "carpets"))
    assert row is not None and [d.key for d in row.delegations] == ["bukhara", "xian"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"key": "x", "kind": "party", "title": "X"},
            [
                'ERROR invalid-value at=events[x].kind unknown kind "party" (exhibition, '
                "handicraft_showcase, screening, delegation_visit, workshop, performance, "
                "ceremony, reception, talk, other)"
            ],
        ),
        (
            {"key": "x", "kind": "talk"},
            ["ERROR invalid-value at=events[x].title missing required member"],
        ),
        (
            {"key": "x", "kind": "talk", "title": "X", "translations": {"Persian": {"title": "y"}}},
            [
                "ERROR invalid-value at=events[x].translations.Persian bad language code "
                "(BCP 47: fa, zh, uz-Cyrl)"
            ],
        ),
        (
            {"key": "x", "kind": "talk", "title": "X", "delegations": ["atlantis"]},
            ["ERROR unknown-reference at=events[x].delegations[0] ref=atlantis names nothing"],
        ),
        (
            {"key": "x", "kind": "talk", "title": "X", "sessions": []},
            ["ERROR invalid-value at=events[x].sessions sessions are placed one at a time"],
        ),
    ],
    ids=["unknown-kind", "no-title", "bad-translation-language", "unknown-delegation", "sessions"],
)
def test_create_event_refuses_and_writes_nothing(
    festival: Festival, values: dict, expected: list[str]
) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.create_event(festival, values, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == expected
    assert snapshot() == before


def test_an_event_change_is_checked_on_its_sessions(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_event(
            festival,
            "film",
            {"expected_attendance": 500, "requires": ["projector", "stage"]},
            actor=ACTOR,
            now=NOW,
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING over-capacity session=film-1 venue=cinema expected 500, capacity 100",
        "WARNING missing-equipment session=film-1 venue=cinema equipment=stage",
    ]


def test_listing_a_delegation_warns_of_its_overlaps_and_arrival(festival: Festival) -> None:
    # market-1 (09:00-18:00 on the 18th) overlaps talk-1, which Xi'an attends.
    outcome = write(
        lambda: svc.update_event(
            festival, "market", {"delegations": ["xian"]}, actor=ACTOR, now=NOW
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING delegation-overlap delegation=xian sessions=market-1,talk-1 "
        "overlap 2026-10-18T10:00+03:30..11:00+03:30"
    ]


def test_a_visible_event_change_raises_its_sessions_sequence(festival: Festival) -> None:
    first = {s.key: s.sequence for s in db.session.scalars(select(Session))}
    write(
        lambda: svc.update_event(
            festival, "talks", {"expected_attendance": 45}, actor=ACTOR, now=NOW
        )
    )
    write(
        lambda: svc.update_event(
            festival,
            "talks",
            {"translations": {"fa": {"title": "گفتگوها", "description": ""}}},
            actor=ACTOR,
            now=NOW,
        )
    )
    db.session.expire_all()
    raised = {s.key: s.sequence - first[s.key] for s in db.session.scalars(select(Session))}
    assert raised == {"talk-1": 1, "talk-2": 1, "film-1": 0, "market-1": 0}
    assert changes()[-1] == (
        "event",
        "talks",
        {"translations": {}},
        {"translations": {"fa": {"title": "گفتگوها", "description": ""}}},
    )


def test_an_event_with_sessions_is_not_deleted(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_event(festival, "talks", actor=ACTOR, now=NOW))
    assert refused.value.references == {"session": ["talk-1", "talk-2"]}
    assert snapshot() == before
    write(lambda: svc.delete_event(festival, "empty", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Event).where(Event.key == "empty")) is None


# -- sessions ---------------------------------------------------------------------------------


def test_create_session_reads_wall_time_in_the_festival_zone(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_session(
            festival,
            {
                "key": "talk-3",
                "event": "talks",
                "venue": "hall",
                "starts_at": "2026-10-20T10:00",
                "ends_at": "2026-10-20T11:30",
                "status": "tentative",
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    row = session_row("talk-3")
    assert (row.starts_at, row.ends_at, row.status, row.version) == (
        datetime(2026, 10, 20, 6, 30, tzinfo=UTC),
        datetime(2026, 10, 20, 8, 0, tzinfo=UTC),
        "tentative",
        1,
    )
    assert outcome.warnings == []
    assert changes()[-1][:3] == ("session", "talk-3", None)


def test_a_double_booking_is_refused_naming_the_other_session(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_session(
                festival,
                {
                    "key": "clash",
                    "event": "film",
                    "venue": "hall",
                    "starts_at": "2026-10-18T11:00",
                    "ends_at": "2026-10-18T12:00",
                },
                actor=ACTOR,
                now=NOW,
            )
        )
    # talk-1 ends 11:00 plus 15 minutes' teardown; clash starts 11:00 less 30 minutes' setup.
    assert lines(refused.value.errors) == [
        "ERROR venue-double-booking venue=hall sessions=talk-1,clash "
        "overlap 2026-10-18T10:30+03:30..11:15+03:30"
    ]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {
                "key": "s",
                "event": "talks",
                "venue": "hall",
                "starts_at": "2026-03-22T00:30",
                "ends_at": "2026-03-22T01:30",
            },
            [],
        ),
        (
            {
                "key": "s",
                "event": "nothing",
                "venue": "hall",
                "starts_at": "2026-10-20T10:00",
                "ends_at": "2026-10-20T11:00",
            },
            ["ERROR unknown-reference at=event ref=nothing names nothing"],
        ),
        (
            {
                "key": "s",
                "event": "talks",
                "venue": "attic",
                "starts_at": "tomorrow",
                "ends_at": "2026-10-20T11:00",
                "status": "maybe",
            },
            [
                'ERROR invalid-value at=events[talks].sessions[s].starts_at bad time "tomorrow" '
                "(2026-10-18T10:00, offset optional)",
                'ERROR invalid-value at=events[talks].sessions[s].status unknown status "maybe" '
                "(confirmed, tentative, cancelled)",
                "ERROR unknown-reference at=events[talks].sessions[s].venue ref=attic "
                "names nothing",
            ],
        ),
        (
            {
                "key": "talk-1",
                "event": "talks",
                "venue": "hall",
                "starts_at": "2026-10-20T10:00",
                "ends_at": "2026-10-20T11:00",
            },
            ["ERROR duplicate-key at=events[talks].sessions[talk-1].key talk-1 exists already"],
        ),
        (
            {
                "key": "s",
                "event": "talks",
                "venue": "hall",
                "starts_at": "2026-10-20T10:00",
                "ends_at": "2026-10-20T09:00",
            },
            [
                "ERROR invalid-interval at=ends_at ends_at must be after starts_at",
            ],
        ),
    ],
    ids=["far-but-valid", "unknown-event", "bad-members", "taken-key", "ends-before-start"],
)
def test_create_session_refusals(festival: Festival, values: dict, expected: list[str]) -> None:
    if not expected:
        # Tehran keeps no daylight saving: a March night is a plain wall time, accepted
        # (it lies outside the festival's dates and before Xi'an arrives: warnings).
        outcome = write(lambda: svc.create_session(festival, values, actor=ACTOR, now=NOW))
        assert [f.code for f in outcome.warnings] == ["outside-festival-dates", "before-arrival"]
        return
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.create_session(festival, values, actor=ACTOR, now=NOW))
    assert lines(refused.value.errors) == expected
    assert snapshot() == before


def test_change_session_keeps_what_it_leaves_out_and_counts_versions(festival: Festival) -> None:
    row = session_row("talk-2")
    assert (row.version, row.sequence) == (1, 0)
    write(
        lambda: svc.change_session(
            festival, "talk-2", {"ends_at": "2026-10-19T11:30"}, version=1, actor=ACTOR, now=NOW
        )
    )
    row = session_row("talk-2")
    assert (row.venue.key, row.event.key, row.status) == ("hall", "talks", "confirmed")
    assert row.starts_at == at(19, 10)
    assert row.ends_at == at(19, 11, 30)
    assert (row.version, row.sequence) == (2, 1)
    write(
        lambda: svc.change_session(
            festival, "talk-2", {"event": "film"}, version=2, actor=ACTOR, now=NOW
        )
    )
    assert (session_row("talk-2").event.key, session_row("talk-2").version) == ("film", 3)


def test_a_change_someone_else_overtook_is_refused(festival: Festival) -> None:
    write(
        lambda: svc.change_session(
            festival, "talk-2", {"status": "tentative"}, actor=ACTOR, now=NOW
        )
    )
    before = snapshot()
    with pytest.raises(Overtaken) as refused:
        write(
            lambda: svc.change_session(
                festival, "talk-2", {"status": "cancelled"}, version=1, actor=ACTOR, now=NOW
            )
        )
    assert (refused.value.sent, refused.value.current) == (1, 2)
    assert snapshot() == before


def test_change_session_into_a_hold_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.change_session(
                festival,
                "talk-1",
                {"starts_at": "2026-10-18T08:30", "ends_at": "2026-10-18T09:30"},
                actor=ACTOR,
                now=NOW,
            )
        )
    assert refused.value.conflicts == ["build-up", "talk-1"]
    assert snapshot() == before


def test_a_session_key_cannot_change(festival: Festival) -> None:
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.change_session(festival, "talk-1", {"key": "t1"}, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=events[talks].sessions[talk-1].key a key cannot change"
    ]


def test_session_findings_of_a_stored_session(festival: Festival) -> None:
    write(
        lambda: svc.update_event(
            festival, "talks", {"expected_attendance": 80}, actor=ACTOR, now=NOW
        )
    )
    assert lines(svc.session_findings(festival, session_row("talk-1"))) == [
        "WARNING over-capacity session=talk-1 venue=hall expected 80, capacity 50"
    ]
    assert svc.session_findings(festival, session_row("film-1")) == []


def test_delete_session_drops_its_assignments(festival: Festival) -> None:
    from festival.models import InterpreterAssignment

    write(lambda: svc.delete_session(festival, "talk-1", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Session).where(Session.key == "talk-1")) is None
    assert db.session.scalar(select(InterpreterAssignment)) is None


# -- settings ---------------------------------------------------------------------------------


def test_settings_change_zone_languages_and_translations(festival: Festival) -> None:
    talk = session_row("talk-1").starts_at
    outcome = write(
        lambda: settings.update_settings(
            festival,
            {
                "timezone": "Asia/Tashkent",
                "languages": ["en", "fa", "uz-Cyrl"],
                "translations": {"fa": {"name": "هفته شهرهای خواهرخوانده"}},
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    db.session.expire_all()
    assert (festival.timezone, festival.languages) == ("Asia/Tashkent", ["en", "fa", "uz-Cyrl"])
    assert festival.translations == {"fa": {"name": "هفته شهرهای خواهرخوانده"}}
    assert session_row("talk-1").starts_at == talk  # the same instant, shown in a new zone
    assert outcome.warnings == []
    kind, key, before, after = changes()[-1]
    assert (kind, key) == ("festival", "test-2026")
    assert before is not None and before["timezone"] == "Asia/Tehran"


def test_shorter_dates_warn_of_sessions_outside_them(festival: Festival) -> None:
    outcome = write(
        lambda: settings.update_settings(
            festival, {"starts_on": "2026-10-19"}, actor=ACTOR, now=NOW
        )
    )
    assert [(f.code, f.get("session")) for f in outcome.warnings] == [
        ("outside-festival-dates", "market-1"),
        ("outside-festival-dates", "talk-1"),
        ("outside-festival-dates", "film-1"),
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"slug": "other"},
            ["ERROR invalid-value at=festival.slug the slug names the festival in every URL"],
        ),
        ({"timezone": "Iran"}, []),
        (
            {"timezone": "Persia/Isfahan"},
            ['ERROR invalid-value at=festival.timezone unknown time zone "Persia/Isfahan"'],
        ),
        (
            {"ends_on": "2026-10-01"},
            ["ERROR invalid-value at=festival.ends_on the festival ends before it starts"],
        ),
        (
            {"languages": ["en", "farsi language"]},
            ['ERROR invalid-value at=festival.languages[1] bad language code "farsi language"'],
        ),
    ],
    ids=["slug", "legacy-zone-name", "unknown-zone", "ends-before-start", "bad-language"],
)
def test_settings_refusals(festival: Festival, values: dict, expected: list[str]) -> None:
    if not expected:
        write(lambda: settings.update_settings(festival, values, actor=ACTOR, now=NOW))
        assert festival.timezone == "Iran"
        return
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: settings.update_settings(festival, values, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == expected
    assert snapshot() == before
