"""The workspace's entity pages through the test client: the contract's session routes
(303, 422 naming the code and every key, warnings saved and shown, a left-out field kept,
a stale version 409), a create, a refusal and a delete for every kind, lists that search,
sort and page in a fixed number of queries, and what each role may do."""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Delegation, Event, Festival, Member, Session, Venue
from festival.services.importer import import_document
from festival.services.unit import run_write
from tests.factories import event as event_item
from tests.factories import festival_data, session, venue
from tests.integration.entities import ACTOR, NOW, load, snapshot
from tests.web.workspace import sign_in

SLUG = "test-2026"
BASE = f"/organise/{SLUG}"


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load()


@pytest.fixture
def csrf(client: FlaskClient, festival: Festival) -> str:
    return sign_in(client, "organiser")


def post(client: FlaskClient, url: str, csrf: str, **data: Any) -> Any:
    return client.post(url, data={"csrf_token": csrf, **data})


def text(response: Any) -> str:
    return response.get_data(as_text=True)


def field_error(html: str, field: str) -> str:
    """The error shown next to ``field`` (its ``aria-describedby`` paragraph), tags removed."""
    match = re.search(rf'<p class="field-error" id="{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no error next to {field}"
    return html_text.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def stored(key: str) -> Session:
    db.session.expire_all()
    row = db.session.scalar(select(Session).where(Session.key == key))
    assert row is not None
    return row


NEW_SESSION = {
    "key": "talk-3",
    "event": "talks",
    "venue": "hall",
    "starts_at": "2026-10-20T10:00",
    "ends_at": "2026-10-20T11:00",
    "status": "confirmed",
}


# -- the contract's session routes --------------------------------------------------------------


def test_create_session_answers_303_to_its_page(client: FlaskClient, csrf: str) -> None:
    response = post(client, f"{BASE}/sessions", csrf, **NEW_SESSION)
    assert (response.status_code, response.location) == (303, f"{BASE}/sessions/talk-3")
    row = stored("talk-3")
    assert (row.event.key, row.venue.key, row.status) == ("talks", "hall", "confirmed")
    assert row.starts_at.isoformat() == "2026-10-20T06:30:00+00:00"
    page = text(client.get(response.location))
    assert 'value="2026-10-20T10:00"' in page
    assert "Saved." in page


def test_a_double_booking_answers_422_naming_the_code_and_every_key(
    client: FlaskClient, csrf: str
) -> None:
    before = snapshot()
    clash = {**NEW_SESSION, "key": "clash", "event": "film", "starts_at": "2026-10-18T11:00"}
    clash["ends_at"] = "2026-10-18T12:00"
    response = post(client, f"{BASE}/sessions", csrf, **clash)
    assert response.status_code == 422
    html = text(response)
    assert field_error(html, "starts_at") == (
        "venue-double-booking venue=hall sessions=talk-1,clash "
        "overlap 2026-10-18T10:30+03:30..11:15+03:30"
    )
    # The other session and the venue are links; what the user typed is kept.
    assert f'<a href="{BASE}/sessions/talk-1">talk-1</a>' in html
    assert f'<a href="{BASE}/venues/hall">hall</a>' in html
    assert 'value="clash"' in html and 'value="2026-10-18T11:00"' in html
    assert 'role="alert"' in html
    assert snapshot() == before


def test_bad_values_answer_422_next_to_each_field(client: FlaskClient, csrf: str) -> None:
    before = snapshot()
    bad = {**NEW_SESSION, "key": "Talk 3", "starts_at": "2026-10-20T25:00", "venue": "attic"}
    html = text(post(client, f"{BASE}/sessions", csrf, **bad))
    assert field_error(html, "key").startswith('invalid-value bad key "Talk 3"')
    assert field_error(html, "starts_at") == 'invalid-value bad time "2026-10-20T25:00"'
    assert field_error(html, "venue") == "unknown-reference ref=attic names nothing"
    assert snapshot() == before


def test_warnings_are_saved_and_shown(client: FlaskClient, csrf: str) -> None:
    # The square has no projector; the film requires one.
    data = {**NEW_SESSION, "key": "film-2", "event": "film", "venue": "square"}
    response = post(client, f"{BASE}/sessions", csrf, **data)
    assert response.status_code == 303
    page = text(client.get(response.location))
    assert "Saved, with 1 warning" in page
    assert "missing-equipment" in page
    assert f'<a href="{BASE}/venues/square">square</a>' in page


def test_change_session_keeps_what_it_leaves_out(client: FlaskClient, csrf: str) -> None:
    before = stored("talk-2")
    starts, venue_key = before.starts_at, before.venue.key
    response = post(client, f"{BASE}/sessions/talk-2", csrf, status="tentative")
    assert (response.status_code, response.location) == (303, f"{BASE}/sessions/talk-2")
    after = stored("talk-2")
    assert (after.status, after.starts_at, after.venue.key) == ("tentative", starts, venue_key)
    assert after.version == 2


def test_a_stale_version_answers_409_with_a_reload_link(client: FlaskClient, csrf: str) -> None:
    page = text(client.get(f"{BASE}/sessions/talk-2"))
    assert 'name="version" type="hidden" value="1"' in page
    assert (
        post(client, f"{BASE}/sessions/talk-2", csrf, status="tentative", version="1").status_code
        == 303
    )
    before = snapshot()
    response = post(
        client, f"{BASE}/sessions/talk-2", csrf, ends_at="2026-10-19T12:00", version="1"
    )
    assert response.status_code == 409
    html = text(response)
    assert "Someone else changed it after this form was opened" in html
    assert f'<a href="{BASE}/sessions/talk-2">Reload it to see their change</a>' in html
    assert snapshot() == before
    assert (
        post(
            client, f"{BASE}/sessions/talk-2", csrf, ends_at="2026-10-19T12:00", version="2"
        ).status_code
        == 303
    )


def test_session_routes_answer_404_for_unknown_keys(client: FlaskClient, csrf: str) -> None:
    assert post(client, f"{BASE}/sessions/nothing", csrf, status="tentative").status_code == 404
    assert client.get(f"{BASE}/sessions/nothing").status_code == 404
    assert client.get("/organise/no-festival/sessions").status_code == 404


def test_a_write_without_its_csrf_token_answers_400(client: FlaskClient, csrf: str) -> None:
    before = snapshot()
    assert client.post(f"{BASE}/sessions", data=NEW_SESSION).status_code == 400
    assert client.post(f"{BASE}/sessions/talk-1", data={"status": "cancelled"}).status_code == 400
    assert snapshot() == before


def test_viewers_read_but_never_write(client: FlaskClient, festival: Festival) -> None:
    token = sign_in(client, "viewer")
    before = snapshot()
    assert post(client, f"{BASE}/sessions", token, **NEW_SESSION).status_code == 403
    assert post(client, f"{BASE}/venues/hall", token, capacity="1").status_code == 403
    assert post(client, f"{BASE}/venues/hall/delete", token).status_code == 403
    assert snapshot() == before
    page = text(client.get(f"{BASE}/venues/hall"))
    assert '<fieldset class="plain" disabled>' in page
    assert '<button type="submit">Save</button>' not in page


def test_anonymous_callers_are_sent_to_sign_in(client: FlaskClient, festival: Festival) -> None:
    response = client.get(f"{BASE}/venues")
    assert (response.status_code, response.location) == (302, f"/login?next={BASE}/venues")


# -- every kind ---------------------------------------------------------------------------------

KINDS = [
    # (path, new page, good form, bad form, field named by the refusal, its message)
    (
        "venues",
        "venue",
        {"key": "garden", "name": "Garden", "capacity": "300", "equipment": "sound, stage"},
        {"key": "garden", "capacity": "-3"},
        "capacity",
        "invalid-value must not be below 0, got -3",
    ),
    (
        "holds",
        "hold",
        {
            "key": "dinner",
            "venue": "cinema",
            "starts_at": "2026-10-19T19:00",
            "ends_at": "2026-10-19T22:00",
            "reason": "private dinner",
        },
        {
            "key": "dinner",
            "venue": "hall",
            "starts_at": "2026-10-18T10:00",
            "ends_at": "2026-10-18T10:30",
        },
        "starts_at",
        "venue-double-booking venue=hall sessions=dinner,talk-1 "
        "overlap 2026-10-18T09:30+03:30..10:45+03:30",
    ),
    (
        "partner-cities",
        "partner-city",
        {"key": "yerevan", "name": "Yerevan", "country": "AM", "timezone": "Asia/Yerevan"},
        {"key": "yerevan", "timezone": "Mars/Base"},
        "timezone",
        'invalid-value unknown time zone "Mars/Base"',
    ),
    (
        "hotels",
        "hotel",
        {"key": "kowsar", "name": "Kowsar", "latitude": "32.64"},
        {"key": "kowsar", "latitude": "north"},
        "latitude",
        'invalid-value expected a number, got "north"',
    ),
    (
        "delegations",
        "delegation",
        {
            "key": "krakow",
            "partner_city": "krakow",
            "name": "Kraków",
            "arrival_at": "2026-10-17T20:00",
            "arrival_transport": "flight",
            "arrival_place": "IFN",
        },
        {"key": "krakow", "partner_city": "krakow", "arrival_place": "IFN"},
        "arrival_at",
        "invalid-value missing required member",
    ),
    (
        "events",
        "event",
        {
            "key": "choir",
            "kind": "performance",
            "title": "Choir",
            "public": "y",
            "delegations": ["xian", "bukhara"],
            "tr_fa_title": "گروه کر",
        },
        {
            "key": "choir",
            "kind": "performance",
            "title": "Choir",
            "tr_new_lang": "Persian!",
            "tr_new_title": "x",
        },
        "tr_new_lang",
        "invalid-value bad language code (BCP 47: fa, zh, uz-Cyrl)",
    ),
    (
        "vehicles",
        "vehicle",
        {"key": "bus", "name": "Bus", "seats": "50"},
        {"key": "bus", "seats": "many"},
        "seats",
        'invalid-value expected a whole number, got "many"',
    ),
    (
        "interpreters",
        "interpreter",
        {"key": "ali", "name": "Ali", "languages": "fa, pl"},
        {"key": "ali", "languages": "fa, Polish"},
        "languages",
        'invalid-value bad language code "Polish"',
    ),
    (
        "transfers",
        "transfer",
        {
            "key": "to-hall",
            "vehicle": "van",
            "delegations": ["bukhara"],
            "from_place": "abbasi",
            "to_place": "hall",
            "starts_at": "2026-10-18T09:00",
            "ends_at": "2026-10-18T09:30",
        },
        {
            "key": "to-hall",
            "vehicle": "coach",
            "delegations": ["xian"],
            "starts_at": "2026-10-17T23:30",
            "ends_at": "2026-10-18T00:30",
        },
        "starts_at",
        "vehicle-double-booking vehicle=coach transfers=arr-xian,to-hall "
        "overlap 2026-10-17T23:30+03:30..23:50+03:30",
    ),
    (
        "assignments",
        "assignment",
        {
            "key": "ia-2",
            "interpreter": "omid",
            "delegation": "bukhara",
            "starts_at": "2026-10-20T09:00",
            "ends_at": "2026-10-20T12:00",
        },
        {
            "key": "ia-2",
            "interpreter": "sara",
            "delegation": "bukhara",
            "starts_at": "2026-10-18T10:30",
            "ends_at": "2026-10-18T12:00",
        },
        "interpreter",
        "interpreter-double-booking interpreter=sara assignments=ia-1,ia-2 "
        "overlap 2026-10-18T10:30+03:30..11:00+03:30",
    ),
]


@pytest.mark.parametrize(
    ("path", "new", "good", "bad", "field", "message"), KINDS, ids=[k[0] for k in KINDS]
)
def test_every_kind_creates_refuses_and_deletes(
    client: FlaskClient,
    csrf: str,
    path: str,
    new: str,
    good: dict[str, Any],
    bad: dict[str, Any],
    field: str,
    message: str,
) -> None:
    assert client.get(f"{BASE}/new/{new}").status_code == 200
    before = snapshot()
    refused = post(client, f"{BASE}/{path}", csrf, **bad)
    assert refused.status_code == 422, text(refused)
    assert field_error(text(refused), field) == message
    assert snapshot() == before
    created = post(client, f"{BASE}/{path}", csrf, **good)
    assert (created.status_code, created.location) == (303, f"{BASE}/{path}/{good['key']}")
    page = client.get(created.location)
    assert page.status_code == 200
    assert f'value="{good["key"]}"' in text(page)
    assert f"{path}/{good['key']}" in text(client.get(f"{BASE}/{path}"))
    deleted = post(client, f"{BASE}/{path}/{good['key']}/delete", csrf)
    assert (deleted.status_code, deleted.location) == (303, f"{BASE}/{path}")
    assert client.get(created.location).status_code == 404


def test_an_event_keeps_its_translations_and_lists(client: FlaskClient, csrf: str) -> None:
    post(
        client,
        f"{BASE}/events",
        csrf,
        key="choir",
        kind="performance",
        title="Choir",
        delegations=["xian", "bukhara"],
        tr_fa_title="گروه کر",
        tr_new_lang="zh",
        tr_new_title="合唱",
        booleans="public",  # the page had the box, and it was left unticked
    )
    db.session.expire_all()
    row = db.session.scalar(select(Event).where(Event.key == "choir"))
    assert row is not None
    assert row.translations == {
        "fa": {"title": "گروه کر", "description": ""},
        "zh": {"title": "合唱", "description": ""},
    }
    assert [d.key for d in row.delegations] == ["xian", "bukhara"]
    assert row.public is False  # the box was not ticked
    page = text(client.get(f"{BASE}/events/choir"))
    assert 'name="tr_zh_title" type="text" value="合唱"' in page


def test_a_delete_others_depend_on_answers_409_naming_them(client: FlaskClient, csrf: str) -> None:
    before = snapshot()
    response = post(client, f"{BASE}/venues/hall/delete", csrf)
    assert response.status_code == 409
    html = text(response)
    assert f'<a href="{BASE}/sessions/talk-1" class="key">talk-1</a>' in html
    assert f'<a href="{BASE}/holds/build-up" class="key">build-up</a>' in html
    assert snapshot() == before


def test_edit_a_delegations_member(client: FlaskClient, csrf: str) -> None:
    page = text(client.get(f"{BASE}/delegations/xian"))
    assert f'href="{BASE}/delegations/xian/members/wang"' in page
    response = post(
        client,
        f"{BASE}/delegations/xian/members/wang",
        csrf,
        name="Wang Fang",
        role="deputy",
        languages="zh, en, fa",
        dietary="vegetarian",
    )
    assert (response.status_code, response.location) == (
        303,
        f"{BASE}/delegations/xian/members/wang",
    )
    db.session.expire_all()
    member = db.session.scalar(select(Member).where(Member.key == "wang"))
    assert member is not None
    assert (member.role, member.languages, member.dietary) == (
        "deputy",
        ["zh", "en", "fa"],
        "vegetarian",
    )


def test_a_member_who_overfills_a_transfer_is_refused(client: FlaskClient, csrf: str) -> None:
    response = post(client, f"{BASE}/delegations/xian/members", csrf, key="zhao", name="Zhao")
    assert response.status_code == 422
    html = text(response)
    assert "vehicle-over-capacity" in html
    assert f'<a href="{BASE}/transfers/arr-xian">arr-xian</a>' in html
    assert db.session.scalar(select(Member).where(Member.key == "zhao")) is None


def test_a_delegation_change_is_saved_with_its_warnings(client: FlaskClient, csrf: str) -> None:
    response = post(client, f"{BASE}/delegations/xian", csrf, arrival_at="2026-10-18T12:00")
    assert response.status_code == 303
    page = text(client.get(response.location))
    assert "before-arrival" in page
    db.session.expire_all()
    row = db.session.scalar(select(Delegation).where(Delegation.key == "xian"))
    # The arrival's other parts were posted neither: the time is all that changed.
    assert row is not None and row.arrival_at is not None
    assert row.arrival_place == "IFN"


def test_settings_change_the_zone_and_refuse_an_unknown_one(client: FlaskClient, csrf: str) -> None:
    page = text(client.get(f"{BASE}/settings"))
    assert '<option selected value="Asia/Tehran">Tehran</option>' in page
    refused = post(client, f"{BASE}/settings", csrf, timezone="Mars/Base")
    assert refused.status_code == 422
    assert field_error(text(refused), "timezone") == 'invalid-value unknown time zone "Mars/Base"'
    saved = post(client, f"{BASE}/settings", csrf, timezone="Asia/Tashkent", tr_fa_name="هفته")
    assert saved.status_code == 303
    db.session.expire_all()
    festival = db.session.scalar(select(Festival))
    assert festival is not None
    assert (festival.timezone, festival.translations) == ("Asia/Tashkent", {"fa": {"name": "هفته"}})


# -- lists ----------------------------------------------------------------------------------------


def test_lists_search_and_sort(client: FlaskClient, csrf: str) -> None:
    found = text(client.get(f"{BASE}/venues?q=CIN"))
    assert f"{BASE}/venues/cinema" in found and f"{BASE}/venues/hall" not in found
    ordered = text(client.get(f"{BASE}/venues?sort=capacity&dir=desc"))
    keys = re.findall(rf'<th scope="row"><a href="{BASE}/venues/([a-z-]+)"', ordered)
    assert keys == ["cinema", "hall", "square"]  # 100, 50, no capacity last
    assert 'aria-sort="descending"' in ordered


def test_the_session_list_filters_by_day_venue_and_status(client: FlaskClient, csrf: str) -> None:
    def keys(query: str) -> list[str]:
        html = text(client.get(f"{BASE}/sessions?{query}"))
        return re.findall(rf'<a href="{BASE}/sessions/([a-z0-9-]+)"', html)

    assert keys("") == ["market-1", "talk-1", "film-1", "talk-2"]
    assert keys("day=2026-10-19") == ["talk-2"]
    assert keys("venue=hall") == ["talk-1", "talk-2"]
    assert keys("q=film") == ["film-1"]
    assert keys("sort=key&dir=desc") == ["talk-2", "talk-1", "market-1", "film-1"]
    post(client, f"{BASE}/sessions/talk-1", csrf, status="cancelled")
    assert keys("status=cancelled") == ["talk-1"]


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _many(n: int) -> dict[str, Any]:
    """``n`` half-hour sessions over 40 venues, each venue's a slot apart."""

    def at(minutes: int) -> str:
        return f"2026-10-18T{8 + minutes // 60:02d}:{minutes % 60:02d}"

    sessions = [
        session(f"s-{i}", at(35 * (i // 40)), at(35 * (i // 40) + 30), venue=f"v-{i % 40}")
        for i in range(n)
    ]
    return festival_data(
        venues=[venue(f"v-{i}") for i in range(40)],
        events=[event_item(f"e-{i}", *sessions[i::10]) for i in range(10)],
    )


@pytest.mark.parametrize("path", ["sessions", "venues", "events"])
def test_lists_take_the_same_queries_however_long(
    app: Flask, client: FlaskClient, path: str
) -> None:
    load(_many(40))
    sign_in(client, "organiser")
    db.session.remove()  # each request starts from an empty session, as in production
    with counted() as few:
        assert client.get(f"{BASE}/{path}?per_page=5000").status_code == 200
    doc, findings = validate_data(_many(200))
    run_write(lambda: import_document(doc, findings, replace=True, now=NOW, actor=ACTOR))
    db.session.remove()
    with counted() as many:
        page = text(client.get(f"{BASE}/{path}?per_page=5000"))
    assert len(many) == len(few)
    if path == "sessions":
        assert page.count('<tr class="status-') == 200


def test_venue_page_names_what_the_rules_say(client: FlaskClient, csrf: str) -> None:
    post(client, f"{BASE}/venues/cinema", csrf, capacity="10")
    db.session.expire_all()
    assert db.session.scalar(select(Venue.capacity).where(Venue.key == "cinema")) == 10
    page = text(client.get(f"{BASE}/venues/cinema"))
    # The film expects no audience: no warning; a stored venue with no problem says nothing.
    assert "What the rules say" not in page
