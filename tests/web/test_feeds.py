"""The feed URLs over HTTP: headers, conditional requests, HEAD, the warm path, filters,
languages, 404s, and what a subscriber sees after a re-import."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import event, select

from festival.extensions import db
from festival.models import Delegation, Festival
from tests.factories import demo_data
from tests.icalcheck import IMPORTED_AT, dst_festival, parse_feed, store
from tests.pagecheck import read

FEED = "/f/isfahan-2026/calendar.ics"


def _uid(key: str, slug: str = "isfahan-2026") -> str:
    return f"{key}@{slug}.festival"


def _token(key: str) -> str:
    token = db.session.scalar(select(Delegation.token).where(Delegation.key == key))
    assert token
    return token


def test_public_feed_answers_calendar_with_validators_and_304s(
    app: Flask, client: FlaskClient
) -> None:
    store(demo_data())
    first = client.get(FEED)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34  # strong
    assert parsedate_to_datetime(first.headers["Last-Modified"]) == IMPORTED_AT
    assert first.headers["Cache-Control"] == "public, max-age=900"
    feed = parse_feed(first.data)
    assert _uid("opening-ceremony-1") in feed.events

    again = client.get(FEED)
    assert (again.data, again.headers["ETag"]) == (first.data, etag)

    unchanged = client.get(FEED, headers={"If-None-Match": etag})
    assert (unchanged.status_code, unchanged.data) == (304, b"")
    assert unchanged.headers["ETag"] == etag
    since = client.get(FEED, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert (since.status_code, since.data) == (304, b"")
    other = client.get(FEED, headers={"If-None-Match": '"something-else"'})
    assert (other.status_code, other.data) == (200, first.data)

    head = client.head(FEED)
    assert (head.status_code, head.data) == (200, b"")
    assert head.headers["ETag"] == etag
    assert head.headers["Content-Length"] == str(len(first.data))


def test_a_warm_request_does_one_query(app: Flask, client: FlaskClient) -> None:
    store(demo_data())
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        cold = client.get(FEED)
        assert len(statements) > 1
        for headers in ({}, {"If-None-Match": cold.headers["ETag"]}):
            statements.clear()
            warm = client.get(FEED, headers=headers)
            assert warm.status_code in (200, 304)
            assert len(statements) == 1, statements
        token = _token("xian")
        client.get(f"/d/{token}/calendar.ics")
        statements.clear()
        assert client.get(f"/d/{token}/calendar.ics").status_code == 200
        assert len(statements) == 1, statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_feed_filters_are_repeatable_and_combine(app: Flask, client: FlaskClient) -> None:
    store(dst_festival())
    base = "/f/amsterdam-2026/calendar.ics"
    kinds = parse_feed(client.get(f"{base}?kind=screening&kind=performance").data)
    assert set(kinds.events) == {
        _uid("before-1", "amsterdam-2026"),
        _uid("night-1", "amsterdam-2026"),
    }
    both = parse_feed(client.get(f"{base}?kind=performance&kind=screening&venue=club").data)
    assert set(both.events) == {_uid("night-1", "amsterdam-2026")}
    city = parse_feed(client.get(f"{base}?city=xian").data)
    assert set(city.events) == {_uid("before-1", "amsterdam-2026")}
    nothing = parse_feed(client.get(f"{base}?venue=no-such-venue").data)
    assert nothing.events == {}
    # the same filter in another order is the same feed (and the same ETag)
    assert (
        client.get(f"{base}?kind=screening&kind=performance").headers["ETag"]
        == client.get(f"{base}?kind=performance&kind=screening").headers["ETag"]
    )
    bad = client.get(f"{base}?kind=Not+a+key")
    assert bad.status_code == 400


def test_feed_language_picks_translated_titles(app: Flask, client: FlaskClient) -> None:
    store(dst_festival())
    dutch = parse_feed(client.get("/f/amsterdam-2026/calendar.ics?lang=nl").data)
    assert dutch.events[_uid("before-1", "amsterdam-2026")].summary == (
        "Filmavond; Xi'an, Amsterdam"
    )
    assert dutch.events[_uid("before-1", "amsterdam-2026")].url.endswith(
        "/f/amsterdam-2026/sessions/before-1?lang=nl"
    )
    # German is not the festival's, but a catalog ships for it: German labels, original titles
    german = parse_feed(client.get("/f/amsterdam-2026/calendar.ics?lang=de").data)
    event = german.events[_uid("before-1", "amsterdam-2026")]
    assert "Ort: " in event.description and "Venue: " not in event.description
    unknown = client.get("/f/amsterdam-2026/calendar.ics?lang=sv")
    assert unknown.data == client.get("/f/amsterdam-2026/calendar.ics").data


def test_one_session_as_a_calendar(app: Flask, client: FlaskClient) -> None:
    store(demo_data())
    one = client.get("/f/isfahan-2026/sessions/opening-ceremony-1.ics")
    assert one.headers["Content-Type"] == "text/calendar; charset=utf-8"
    feed = parse_feed(one.data)
    assert list(feed.events) == [_uid("opening-ceremony-1")]
    assert feed.events[_uid("opening-ceremony-1")].starts_at == datetime(
        2026, 10, 18, 13, 30, tzinfo=UTC
    )
    assert feed.prop("REFRESH-INTERVAL") == ""  # something to import, not to subscribe to
    assert (
        client.get(
            "/f/isfahan-2026/sessions/opening-ceremony-1.ics",
            headers={"If-None-Match": one.headers["ETag"]},
        ).status_code
        == 304
    )
    cancelled = parse_feed(client.get("/f/isfahan-2026/sessions/silk-road-nights-3.ics").data)
    assert cancelled.events[_uid("silk-road-nights-3")].status == "CANCELLED"
    for hidden in ("welcome-reception-1", "acupuncture-workshop-2", "no-such-session"):
        assert client.get(f"/f/isfahan-2026/sessions/{hidden}.ics").status_code == 404


def test_delegation_feed_is_private_and_unknown_tokens_are_404(
    app: Flask, client: FlaskClient
) -> None:
    store(demo_data())
    url = f"/d/{_token('xian')}/calendar.ics"
    response = client.get(url)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert response.headers["X-Robots-Tag"] == "noindex"
    feed = parse_feed(response.data)
    assert {_uid("mayor-meeting-xian-1"), "xian.arrival@isfahan-2026.festival"} <= set(feed.events)
    assert feed.prop("X-WR-CALNAME") == (
        "Xi'an Municipal Delegation · Isfahan Sister Cities Week 2026"
    )
    assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    chinese = parse_feed(client.get(url + "?lang=zh").data)
    assert chinese.events[_uid("opening-ceremony-1")].summary == "友好城市周开幕式"
    for token in ("not-a-token", "x" * 65, _token("xian")[:-1]):
        assert client.get(f"/d/{token}/calendar.ics").status_code == 404


def test_unpublished_festival_feeds_are_404_but_delegations_keep_theirs(
    app: Flask, client: FlaskClient
) -> None:
    data = demo_data()
    data["festival"]["published"] = False
    store(data)
    assert client.get(FEED).status_code == 404
    assert client.get("/f/isfahan-2026/sessions/opening-ceremony-1.ics").status_code == 404
    assert client.get("/f/nowhere/calendar.ics").status_code == 404
    token = _token("xian")
    private = client.get(f"/d/{token}/calendar.ics")
    assert private.status_code == 200
    events = parse_feed(private.data).events
    assert _uid("mayor-meeting-xian-1") in events
    # no public page to link to yet: the link goes to the session's line on the private page
    assert events[_uid("opening-ceremony-1")].url == (
        f"http://localhost/d/{token}/#session-opening-ceremony-1"
    )


def test_reimport_changes_the_feed_a_subscriber_polls(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    data = demo_data()
    store(data)
    before = client.get(FEED)
    old = parse_feed(before.data)
    private_before = client.get(f"/d/{_token('xian')}/calendar.ics")

    for ev in data["events"]:
        for session in ev["sessions"]:
            if session["key"] == "two-brushes-calligraphy-1":
                session["starts_at"], session["ends_at"] = "2026-10-20T11:00", "2026-10-20T13:30"
            if session["key"] == "health-tourism-forum-1":
                session["status"] = "cancelled"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--replace"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    changed_at = db.session.scalar(select(Festival.updated_at))

    after = client.get(FEED, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert parsedate_to_datetime(after.headers["Last-Modified"]) == changed_at.replace(
        microsecond=0
    )
    new = parse_feed(after.data)
    assert set(new.events) == set(old.events)
    moved = new.events[_uid("two-brushes-calligraphy-1")]
    assert moved.starts_at == datetime(2026, 10, 20, 7, 30, tzinfo=UTC)
    assert moved.sequence == old.events[_uid("two-brushes-calligraphy-1")].sequence + 1
    assert moved.stamp == changed_at.replace(microsecond=0)
    gone = new.events[_uid("health-tourism-forum-1")]
    assert (gone.status, gone.sequence) == ("CANCELLED", 1)
    assert new.events[_uid("vank-choir-1")] == old.events[_uid("vank-choir-1")]

    private_after = parse_feed(client.get(f"/d/{_token('xian')}/calendar.ics").data)
    assert private_after.events[_uid("health-tourism-forum-1")].status == "CANCELLED"
    arrival = "xian.arrival@isfahan-2026.festival"
    assert (
        private_after.events[arrival].sequence
        > parse_feed(private_before.data).events[arrival].sequence
    )


_URL = re.compile(r"https?://[^\s\\]+")


def _routed(app: Flask, url: str, root: str = "http://localhost") -> tuple[str, dict, dict, str]:
    """(endpoint, path values, query, fragment) of an absolute URL, through the url map."""
    assert url.startswith(root + "/"), url
    parts = urlsplit(url)
    endpoint, values = app.url_map.bind("localhost").match(
        parts.path.removeprefix(urlsplit(root).path), method="GET"
    )
    return endpoint, values, parse_qs(parts.query), parts.fragment


def _feed_urls(body: bytes) -> list[str]:
    return _URL.findall(body.decode().replace("\r\n ", ""))


@pytest.mark.parametrize("mount", ["", "/festival"], ids=["at-the-root", "under-a-prefix"])
def test_every_url_in_a_feed_comes_from_the_url_map(
    app: Flask, client: FlaskClient, mount: str
) -> None:
    store(demo_data())
    root = f"http://localhost{mount}"
    slug = {"slug": "isfahan-2026"}

    public = client.get(f"{FEED}?kind=screening&lang=fa", base_url=root).data
    urls = [_routed(app, url, root) for url in _feed_urls(public)]
    assert urls[:2] == [
        ("public.programme", slug, {"lang": ["fa"]}, ""),
        ("feeds.festival_feed", slug, {"kind": ["screening"], "lang": ["fa"]}, ""),
    ]
    screenings = {uid.split("@")[0] for uid in parse_feed(public).events}
    assert screenings and {
        (endpoint, values["key"], query["lang"][0]) for endpoint, values, query, _ in urls[2:]
    } == {("public.session", key, "fa") for key in screenings}

    one = client.get("/f/isfahan-2026/sessions/opening-ceremony-1.ics", base_url=root).data
    urls = [_routed(app, url, root) for url in _feed_urls(one)]
    assert urls and all(
        found == ("public.session", {**slug, "key": "opening-ceremony-1"}, {}, "") for found in urls
    )

    token = _token("xian")
    private = client.get(f"/d/{token}/calendar.ics?lang=fa", base_url=root).data
    routed = [_routed(app, url, root) for url in _feed_urls(private)]
    assert routed[:2] == [
        ("delegation.itinerary", {"token": token}, {"lang": ["fa"]}, ""),
        ("feeds.delegation_feed", {"token": token}, {"lang": ["fa"]}, ""),
    ]
    assert {endpoint for endpoint, *_ in routed[2:]} == {"delegation.itinerary", "public.session"}
    assert all(query == {"lang": ["fa"]} for _, _, query, _ in routed)
    fragments = {fragment for endpoint, _, _, fragment in routed if fragment}
    assert {
        "arrival",
        "departure",
        "transfer-arr-xian",
        "session-mayor-meeting-xian-1",  # private: its line on the delegation's page
        "interpreters",
    } <= fragments
    page = read(client.get(f"/d/{token}/?lang=fa", base_url=root).data)
    assert page.one("input", id="feed-url").attrs["value"] == (
        f"{root}/d/{token}/calendar.ics?lang=fa"
    )
