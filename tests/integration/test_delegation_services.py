"""Partner cities, hotels, delegations and members through the services: the reader's checks,
the rules on what a change touches, refusals that write nothing, deletes that name who
still depends on an entity."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from festival.errors import InUse, NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.models import Delegation, Festival, Hotel, Member, PartnerCity, Session
from festival.services import delegations as svc
from tests.factories import festival_data
from tests.integration.entities import ACTOR, NOW, changes, lines, load, snapshot, write


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


def sequences() -> dict[str, int]:
    db.session.expire_all()
    return {s.key: s.sequence for s in db.session.scalars(select(Session))}


# -- partner cities ---------------------------------------------------------------------------


def test_partner_city_create_update_delete(festival: Festival) -> None:
    write(
        lambda: svc.create_partner_city(
            festival,
            {"key": "yerevan", "name": "Yerevan", "country": "AM", "timezone": "Asia/Yerevan"},
            actor=ACTOR,
            now=NOW,
        )
    )
    row = db.session.scalar(select(PartnerCity).where(PartnerCity.key == "yerevan"))
    assert row is not None and (row.name, row.country, row.timezone) == (
        "Yerevan",
        "AM",
        "Asia/Yerevan",
    )
    write(
        lambda: svc.update_partner_city(
            festival, "yerevan", {"twinned_since": 1995}, actor=ACTOR, now=NOW
        )
    )
    assert changes()[-1] == (
        "partner_city",
        "yerevan",
        {"twinned_since": None},
        {"twinned_since": 1995},
    )
    write(lambda: svc.delete_partner_city(festival, "yerevan", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(PartnerCity).where(PartnerCity.key == "yerevan")) is None


def test_partner_city_refuses_an_unknown_time_zone(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_partner_city(
                festival, {"key": "mars", "timezone": "Mars/Olympus"}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.findings) == [
        'ERROR invalid-value at=partner_cities[mars].timezone unknown time zone "Mars/Olympus"'
    ]
    assert snapshot() == before


def test_a_renamed_partner_city_raises_its_events_sessions_sequence(festival: Festival) -> None:
    first = sequences()
    write(lambda: svc.update_partner_city(festival, "xian", {"name": "Xian"}, actor=ACTOR, now=NOW))
    raised = {k: v - first[k] for k, v in sequences().items()}
    assert raised == {"talk-1": 1, "talk-2": 1, "film-1": 0, "market-1": 0}


def test_a_partner_city_in_use_is_not_deleted(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_partner_city(festival, "xian", actor=ACTOR, now=NOW))
    assert refused.value.references == {"delegation": ["xian"], "event": ["talks"]}
    assert snapshot() == before


# -- hotels -----------------------------------------------------------------------------------


def test_the_first_hotel_warns_of_every_member_without_one(app: Flask) -> None:
    festival = load(
        festival_data(
            delegations=[
                {
                    "key": "xian",
                    "partner_city": "xian",
                    "members": [{"key": "li", "name": "Li"}, {"key": "wang", "name": "Wang"}],
                }
            ]
        )
    )
    outcome = write(
        lambda: svc.create_hotel(
            festival, {"key": "abbasi", "name": "Abbasi"}, actor=ACTOR, now=NOW
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING member-without-hotel delegation=xian member=li",
        "WARNING member-without-hotel delegation=xian member=wang",
    ]
    outcome = write(
        lambda: svc.create_hotel(
            festival, {"key": "kowsar", "name": "Kowsar"}, actor=ACTOR, now=NOW
        )
    )
    assert outcome.warnings == []


def test_a_hotel_in_use_is_not_deleted_and_names_members_by_delegation(festival: Festival) -> None:
    write(
        lambda: svc.create_hotel(
            festival, {"key": "kowsar", "name": "Kowsar"}, actor=ACTOR, now=NOW
        )
    )
    write(
        lambda: svc.update_member(
            festival, "xian", "wang", {"hotel": "kowsar"}, actor=ACTOR, now=NOW
        )
    )
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_hotel(festival, "kowsar", actor=ACTOR, now=NOW))
    assert refused.value.references == {"member": ["xian/wang"]}
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_hotel(festival, "abbasi", actor=ACTOR, now=NOW))
    assert refused.value.references == {"delegation": ["bukhara", "xian"]}
    assert snapshot() == before


def test_update_and_delete_a_hotel(festival: Festival) -> None:
    write(
        lambda: svc.create_hotel(
            festival, {"key": "kowsar", "name": "Kowsar"}, actor=ACTOR, now=NOW
        )
    )
    write(
        lambda: svc.update_hotel(
            festival, "kowsar", {"latitude": 32.65, "longitude": 51.67}, actor=ACTOR, now=NOW
        )
    )
    row = db.session.scalar(select(Hotel).where(Hotel.key == "kowsar"))
    assert row is not None and (row.latitude, row.longitude) == (32.65, 51.67)
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(lambda: svc.update_hotel(festival, "kowsar", {"latitude": 95}, actor=ACTOR, now=NOW))
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=hotels[kowsar].latitude must lie between -90 and 90, got 95"
    ]
    assert snapshot() == before
    write(lambda: svc.delete_hotel(festival, "kowsar", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Hotel).where(Hotel.key == "kowsar")) is None


# -- delegations ------------------------------------------------------------------------------


def test_create_delegation_with_members_and_its_own_feed_token(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_delegation(
            festival,
            {
                "key": "krakow",
                "partner_city": "krakow",
                "name": "Kraków",
                "arrival": {"at": "2026-10-18T12:00", "transport": "train", "place": "Isfahan"},
                "members": [{"key": "anna", "name": "Anna", "languages": ["pl", "en"]}],
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    row = db.session.scalar(select(Delegation).where(Delegation.key == "krakow"))
    assert row is not None
    assert len(row.token) >= 32
    assert [(m.key, m.name, m.languages) for m in row.members] == [("anna", "Anna", ["pl", "en"])]
    assert row.arrival_transport == "train"
    # The festival has transfers and none carries Kraków from its arrival place; Anna has no
    # hotel while the festival has one.
    assert lines(outcome.warnings) == [
        "WARNING no-arrival-transfer delegation=krakow arrives Isfahan 2026-10-18T12:00+03:30",
        "WARNING member-without-hotel delegation=krakow member=anna",
    ]
    kind, key, before, after = changes()[-1]
    assert (kind, key, before) == ("delegation", "krakow", None)
    assert after is not None and after["members"][0]["key"] == "anna"


def test_create_delegation_names_every_problem(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_delegation(
                festival,
                {
                    "key": "xian",
                    "partner_city": "atlantis",
                    "hotel": "ritz",
                    "members": [{"key": "nobody"}],
                },
                actor=ACTOR,
                now=NOW,
            )
        )
    assert lines(refused.value.findings) == [
        "ERROR duplicate-key at=delegations[xian].key xian exists already",
        "ERROR unknown-reference at=delegations[xian].partner_city ref=atlantis names nothing",
        "ERROR unknown-reference at=delegations[xian].hotel ref=ritz names nothing",
        "ERROR invalid-value at=delegations[xian].members[nobody].name missing required member",
    ]
    assert snapshot() == before


def test_an_earlier_arrival_is_saved_and_a_later_one_warns(festival: Festival) -> None:
    outcome = write(
        lambda: svc.update_delegation(
            festival,
            "xian",
            {"arrival": {"at": "2026-10-18T12:00", "transport": "flight", "place": "IFN"}},
            actor=ACTOR,
            now=NOW,
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING before-arrival delegation=xian session=talk-1 "
        "starts 2026-10-18T10:00+03:30, arrives 2026-10-18T12:00+03:30"
    ]
    row = db.session.scalar(select(Delegation).where(Delegation.key == "xian"))
    assert row is not None and row.arrival_at is not None
    assert [m.key for m in row.members] == ["li", "wang"]
    kind, key, before, after = changes()[-1]
    assert (kind, key) == ("delegation", "xian")
    assert before == {
        "arrival": {
            "at": "2026-10-17T22:40:00+03:30",
            "transport": "flight",
            "reference": "",
            "place": "IFN",
        }
    }


def test_members_are_not_changed_through_their_delegation(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.update_delegation(festival, "xian", {"members": []}, actor=ACTOR, now=NOW)
        )
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=delegations[xian].members members change one at a time"
    ]
    assert snapshot() == before


def test_a_delegation_in_use_is_not_deleted(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(InUse) as refused:
        write(lambda: svc.delete_delegation(festival, "xian", actor=ACTOR, now=NOW))
    assert refused.value.references == {
        "event": ["talks"],
        "transfer": ["arr-xian"],
        "interpreter_assignment": ["ia-1"],
    }
    assert snapshot() == before


def test_delete_a_delegation_with_its_members(festival: Festival) -> None:
    write(lambda: svc.delete_delegation(festival, "bukhara", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Delegation).where(Delegation.key == "bukhara")) is None
    assert [m.key for m in db.session.scalars(select(Member).order_by(Member.key))] == [
        "li",
        "wang",
    ]
    kind, key, before, after = changes()[-1]
    assert (kind, key, after) == ("delegation", "bukhara", None)
    assert before is not None and [m["key"] for m in before["members"]] == ["aziz"]


# -- members ----------------------------------------------------------------------------------


def test_a_member_who_overfills_a_transfer_is_refused(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(SchedulingConflict) as refused:
        write(
            lambda: svc.create_member(
                festival, "xian", {"key": "zhao", "name": "Zhao"}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.errors) == [
        "ERROR vehicle-over-capacity transfer=arr-xian vehicle=coach carries 3, seats 2"
    ]
    assert snapshot() == before


def test_create_update_delete_a_member(festival: Festival) -> None:
    outcome = write(
        lambda: svc.create_member(
            festival,
            "bukhara",
            {"key": "dilnoza", "name": "Dilnoza", "role": "interpreter", "dietary": "vegetarian"},
            actor=ACTOR,
            now=NOW,
        )
    )
    assert outcome.warnings == []
    member = db.session.scalar(select(Member).where(Member.key == "dilnoza"))
    assert member is not None and (member.position, member.role, member.dietary) == (
        1,
        "interpreter",
        "vegetarian",
    )
    assert changes()[-1][:3] == ("member", "bukhara/dilnoza", None)
    write(
        lambda: svc.update_member(
            festival, "bukhara", "dilnoza", {"room": "214"}, actor=ACTOR, now=NOW
        )
    )
    assert changes()[-1] == ("member", "bukhara/dilnoza", {"room": ""}, {"room": "214"})
    write(lambda: svc.delete_member(festival, "bukhara", "dilnoza", actor=ACTOR, now=NOW))
    assert db.session.scalar(select(Member).where(Member.key == "dilnoza")) is None
    with pytest.raises(NotFound):
        write(lambda: svc.delete_member(festival, "bukhara", "dilnoza", actor=ACTOR, now=NOW))


def test_a_member_key_is_unique_within_the_delegation_only(festival: Festival) -> None:
    write(
        lambda: svc.create_member(
            festival, "bukhara", {"key": "li", "name": "Li"}, actor=ACTOR, now=NOW
        )
    )
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.create_member(
                festival, "bukhara", {"key": "li", "name": "Li"}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.findings) == [
        "ERROR duplicate-key at=delegations[bukhara].members[li].key li exists already"
    ]
    assert snapshot() == before


def test_member_languages_feed_the_interpreter_warning(festival: Festival) -> None:
    # Sara speaks en, zh, fa: once Xi'an's members speak only Russian she cannot serve them.
    write(
        lambda: svc.update_member(
            festival, "xian", "li", {"languages": ["ru"]}, actor=ACTOR, now=NOW
        )
    )
    outcome = write(
        lambda: svc.update_member(
            festival, "xian", "wang", {"languages": ["ru"]}, actor=ACTOR, now=NOW
        )
    )
    assert lines(outcome.warnings) == [
        "WARNING interpreter-language assignment=ia-1 sara speaks en,zh,fa; "
        "lacks one of the delegation's ru"
    ]


def test_a_member_refuses_a_bad_language_code(festival: Festival) -> None:
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        write(
            lambda: svc.update_member(
                festival, "xian", "li", {"languages": ["zh", "Chinese!"]}, actor=ACTOR, now=NOW
            )
        )
    assert lines(refused.value.findings) == [
        "ERROR invalid-value at=delegations[xian].members[li].languages[1] "
        'bad language code "Chinese!"'
    ]
    assert snapshot() == before
