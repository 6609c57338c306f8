"""The history pages: newest first, in the festival's zone, filtered by who and kind, paged,
per entity; readable by every signed-in role, no query per entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Festival, User
from festival.services import sessions as svc
from festival.services.history import record_change
from festival.services.importer import import_document
from festival.services.unit import run_write
from tests.factories import event as make_event
from tests.factories import festival_data, session, venue
from tests.web.workspace import add_user, sign_in

TEHRAN = ZoneInfo("Asia/Tehran")
IMPORTED = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
URL = "/organise/test-2026/history"


@pytest.fixture
def festival(app: Flask) -> Festival:
    data = festival_data(
        venues=[venue("hall"), venue("court")],
        events=[
            make_event("talks", session("talk-1", "2026-10-19T10:00", "2026-10-19T11:00")),
            make_event("film", session("film-1", "2026-10-20T18:00", "2026-10-20T20:00")),
        ],
    )
    doc, findings = validate_data(data)
    return run_write(
        lambda: import_document(doc, findings, replace=False, now=IMPORTED, actor="festival import")
    )


def change_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-change="(\d+)"', html)]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def fields_of(row: str) -> list[tuple[str, ...]]:
    """An entry's fields as read: (name, before, after) for a change, else (name, value)."""
    found = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", row, re.S)
    return [(name, *(part.strip() for part in text(value).split(" → "))) for name, value in found]


def counts_of(row: str) -> list[tuple[str, str]]:
    """An import entry's counts: (action, "2 venues, 1 event")."""
    found = re.findall(r'<li><span class="badge (\w+)">\w+</span> (.*?)</li>', row)
    return [(action, text(line)) for action, line in found]


def keys_of(row: str) -> dict[tuple[str, str], str]:
    """An import entry's key lists: (action, kind) -> the keys as the page reads."""
    found = re.findall(
        r'<dt><span class="badge \w+">(\w+)</span> (.*?)</dt>\s*<dd>(.*?)</dd>', row, re.S
    )
    return {(a, k): " ".join(re.sub(r"<[^>]+>", "", v).split()) for a, k, v in found}


def page(client: FlaskClient, url: str = URL, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def move_talk(festival: Festival, user: User, when: datetime) -> None:
    run_write(
        lambda: svc.move_session(
            festival,
            "talk-1",
            starts_at=datetime(2026, 10, 19, 12, 0, tzinfo=TEHRAN),
            ends_at=datetime(2026, 10, 19, 13, 0, tzinfo=TEHRAN),
            venue="court",
            now=when,
            actor=user,
        )
    )


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, festival: Festival) -> None:
    response = client.get(f"{URL}?who=x")
    assert response.status_code == 302
    assert response.location == "/login?next=/organise/test-2026/history?who%3Dx"


def test_a_viewer_reads_who_changed_what_when_before_and_after(
    client: FlaskClient, festival: Festival
) -> None:
    ana = add_user("ana@example.org", "organiser")
    move_talk(festival, ana, datetime(2026, 9, 2, 6, 15, tzinfo=UTC))
    sign_in(client, "viewer")
    html = page(client)
    rows = html.split('<tr id="change-')[1:]
    assert len(rows) == 2
    moved, imported = rows
    # 06:15 UTC is 09:45 in Tehran (UTC+03:30), labelled with the zone.
    assert '<time datetime="2026-09-02T09:45:00+03:30">2 September 2026 09:45</time>' in moved
    assert '<abbr class="tz" title="Asia/Tehran">UTC+03:30</abbr>' in moved
    assert "<bdi>ana@example.org</bdi>" in moved
    # The session's own page exists (organise-entities): its key links to it.
    assert (
        '<span class="kind">Session</span> <a href="/organise/test-2026/sessions/talk-1">'
        '<bdi class="key">talk-1</bdi></a>'
    ) in moved
    assert 'href="/organise/test-2026/history/session/talk-1"' in moved
    assert fields_of(moved) == [
        ("Venue", "hall", "court"),
        ("Starts", "19 October 2026 10:00 UTC+03:30", "19 October 2026 12:00 UTC+03:30"),
        ("Ends", "19 October 2026 11:00 UTC+03:30", "19 October 2026 13:00 UTC+03:30"),
    ]
    assert '<bdi class="command">festival import</bdi>' in imported
    assert "Imported from a data file" in imported
    assert counts_of(imported) == [
        ("created", "1 festival, 1 partner city, 2 venues, 2 events, 2 sessions")
    ]
    assert keys_of(imported) == {
        ("Created", "Festival"): "test-2026",
        ("Created", "Partner city"): "xian",
        ("Created", "Venue"): "court, hall",
        ("Created", "Event"): "film, talks",
        ("Created", "Session"): "film-1, talk-1",
    }


def test_created_and_deleted_entries_show_the_whole_entity(
    client: FlaskClient, festival: Festival
) -> None:
    run_write(lambda: svc.cancel_session(festival, "film-1", now=IMPORTED, actor="x"))
    run_write(
        lambda: svc.delete_session(
            festival, "film-1", now=IMPORTED + timedelta(minutes=1), actor="festival shell"
        )
    )
    sign_in(client, "organiser")
    deleted = page(client).split('<tr id="change-')[1]
    assert '<span class="badge deleted">Deleted</span>' in deleted
    assert '<bdi class="before">film</bdi>' in deleted
    assert fields_of(deleted) == [
        ("Event", "film"),
        ("Venue", "hall"),
        ("Starts", "20 October 2026 18:00 UTC+03:30"),
        ("Ends", "20 October 2026 20:00 UTC+03:30"),
        ("Status", "Cancelled"),
    ]


def test_filters_by_who_and_by_kind(client: FlaskClient, festival: Festival) -> None:
    ana = add_user("ana@example.org", "organiser")
    move_talk(festival, ana, IMPORTED + timedelta(hours=1))
    run_write(
        lambda: svc.add_hold(
            festival,
            key="build",
            venue="hall",
            starts_at=datetime(2026, 10, 17, 8, tzinfo=TEHRAN),
            ends_at=datetime(2026, 10, 17, 9, tzinfo=TEHRAN),
            now=IMPORTED + timedelta(hours=2),
            actor="festival shell",
        )
    )
    sign_in(client, "viewer")
    everything = change_ids(page(client))
    assert len(everything) == 3
    hold, moved, imported = everything
    assert change_ids(page(client, f"{URL}?who=ana@example.org")) == [moved]
    assert change_ids(page(client, f"{URL}?who=festival+import")) == [imported]
    # An import that touched sessions counts as a change of sessions.
    assert change_ids(page(client, f"{URL}?kind=session")) == [moved, imported]
    assert change_ids(page(client, f"{URL}?kind=venue_hold")) == [hold]
    assert change_ids(page(client, f"{URL}?kind=session&who=festival+shell")) == []
    assert "No change matches these filters." in page(client, f"{URL}?who=nobody")
    html = page(client)
    assert '<option value="ana@example.org">ana@example.org</option>' in html
    assert '<option value="venue_hold">Venue hold</option>' in html


def test_pages_of_fifty_newest_first_there_and_back(
    client: FlaskClient, festival: Festival
) -> None:
    for minute in range(119):
        record_change(
            festival,
            "festival shell",
            kind="session",
            key=f"s-{minute}",
            before={"status": "confirmed"},
            after={"status": "tentative"},
            now=IMPORTED + timedelta(minutes=minute + 1),
        )
    db.session.commit()
    sign_in(client, "viewer")
    first = page(client)
    ids = change_ids(first)
    assert len(ids) == 50 and ids == sorted(ids, reverse=True)
    assert 'rel="prev"' not in first
    older = re.search(r'<a href="([^"]+)" rel="next">Older</a>', first).group(1)
    assert older == f"{URL}?before={ids[-1]}"
    second = page(client, older)
    second_ids = change_ids(second)
    assert len(second_ids) == 50 and second_ids[0] == ids[-1] - 1
    third = page(client, re.search(r'<a href="([^"]+)" rel="next">Older</a>', second).group(1))
    third_ids = change_ids(third)
    # 119 changes and the import: 20 on the last page, the import last.
    assert len(third_ids) == 20 and 'rel="next"' not in third
    assert "Imported from a data file" in third.split('<tr id="change-')[-1]
    back = page(client, re.search(r'<a href="([^"]+)" rel="prev">Newer</a>', third).group(1))
    assert change_ids(back) == second_ids
    back_again = page(client, re.search(r'<a href="([^"]+)" rel="prev">Newer</a>', back).group(1))
    assert change_ids(back_again) == ids
    assert 'rel="prev"' not in back_again
    # A cursor that is no entry of this festival, or not a number, gives the first page.
    assert change_ids(page(client, f"{URL}?before=999999")) == ids
    assert change_ids(page(client, f"{URL}?before=abc")) == ids


def test_same_instant_entries_page_by_id(client: FlaskClient, festival: Festival) -> None:
    for n in range(60):
        record_change(
            festival, "x", kind="venue", key=f"v-{n}", before=None, after={"n": n}, now=IMPORTED
        )
    db.session.commit()
    sign_in(client, "viewer")
    first = change_ids(page(client))
    second = change_ids(page(client, f"{URL}?before={first[-1]}"))
    assert len(first) == 50 and len(second) == 11
    assert set(first).isdisjoint(second)


def test_an_entity_history_has_its_own_changes_and_the_imports_that_touched_it(
    client: FlaskClient, festival: Festival
) -> None:
    ana = add_user("ana@example.org", "organiser")
    move_talk(festival, ana, IMPORTED + timedelta(hours=1))
    run_write(
        lambda: svc.cancel_session(festival, "film-1", now=IMPORTED + timedelta(hours=2), actor=ana)
    )
    sign_in(client, "viewer")
    everything = change_ids(page(client))
    cancelled, moved, imported = everything
    html = page(client, f"{URL}/session/talk-1")
    assert change_ids(html) == [moved, imported]
    # The import says what it did to this session, not everything it did.
    on_import = html.split('<tr id="change-')[-1]
    assert 'Imported from a data file <span class="badge created">Created</span></p>' in on_import
    assert "history-keys" not in on_import
    assert "<h1>History of Session" in html
    assert change_ids(page(client, f"{URL}/session/film-1?who=ana@example.org")) == [cancelled]
    assert change_ids(page(client, f"{URL}/venue/court")) == [imported]
    assert change_ids(page(client, f"{URL}/session/never-was")) == []
    page(client, f"{URL}/spaceship/talk-1", status=404)
    page(client, "/organise/no-such-festival/history", status=404)


def test_member_keys_with_a_slash_have_an_entity_history(
    client: FlaskClient, festival: Festival
) -> None:
    record_change(
        festival,
        "x",
        kind="member",
        key="xian/li-wei",
        before={"dietary": "halal"},
        after={"dietary": "vegetarian"},
        now=IMPORTED,
    )
    db.session.commit()
    sign_in(client, "viewer")
    html = page(client, f"{URL}/member/xian/li-wei")
    assert len(change_ids(html)) == 1
    assert "halal" in html and "vegetarian" in html


def test_a_big_import_names_the_first_thirty_keys_of_each_kind(
    client: FlaskClient, festival: Festival
) -> None:
    data = festival_data(
        venues=[venue("hall"), venue("court")],
        events=[
            make_event(
                "talks",
                *[
                    session(
                        f"t-{n:02d}",
                        f"2026-10-19T{n // 4 + 8:02d}:{n % 4 * 15:02d}",
                        f"2026-10-19T{n // 4 + 8:02d}:{n % 4 * 15 + 10:02d}",
                    )
                    for n in range(40)
                ],
            )
        ],
    )
    doc, findings = validate_data(data)
    run_write(
        lambda: import_document(
            doc, findings, replace=True, now=IMPORTED + timedelta(days=1), actor="festival import"
        )
    )
    sign_in(client, "viewer")
    newest = page(client).split('<tr id="change-')[1]
    assert "Replaced from a data file" in newest
    assert counts_of(newest) == [("created", "40 sessions"), ("deleted", "1 event, 2 sessions")]
    keys = keys_of(newest)
    assert keys[("Created", "Session")] == ", ".join(f"t-{n:02d}" for n in range(30)) + (
        " and 10 more"
    )
    assert keys[("Deleted", "Event")] == "film"
    assert keys[("Deleted", "Session")] == "film-1, talk-1"


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_page_runs_the_same_queries_for_five_entries_and_for_fifty(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "viewer")

    def add(n: int, start: int) -> None:
        for i in range(n):
            record_change(
                festival,
                f"user-{i % 3}@example.org",
                kind="session",
                key=f"s-{start + i}",
                before={"starts_at": IMPORTED},
                after={"starts_at": IMPORTED + timedelta(hours=1)},
                now=IMPORTED + timedelta(minutes=start + i),
            )
        db.session.commit()

    add(5, 0)
    with counted_queries() as few:
        assert len(change_ids(page(client))) == 6
    add(100, 10)
    with counted_queries() as many:
        assert len(change_ids(page(client))) == 50
    assert len(many) == len(few)


def test_the_persian_page_is_right_to_left_with_persian_dates(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "viewer")
    html = page(client, f"{URL}?lang=fa")
    assert '<html lang="fa" dir="rtl">' in html
    # 1 September 2026, 11:30 in Tehran: 10 Shahrivar 1405.
    assert "۱۰ شهریور ۱۴۰۵ ۱۱:۳۰" in html


def test_a_form_write_is_recorded_as_the_signed_in_user(
    client: FlaskClient, festival: Festival
) -> None:
    csrf = sign_in(client, "organiser", email="ana@example.org")
    response = client.post("/organise/test-2026/unpublish", data={"csrf_token": csrf})
    assert response.status_code in (302, 303)
    newest = page(client).split('<tr id="change-')[1]
    assert "<bdi>ana@example.org</bdi>" in newest
    assert '<span class="kind">Festival</span>' in newest
    assert fields_of(newest) == [("Published", "yes", "no")]
    viewer_csrf = sign_in(client, "viewer")
    refused = client.post("/organise/test-2026/publish", data={"csrf_token": viewer_csrf})
    assert refused.status_code == 403
    assert len(change_ids(page(client))) == 2
