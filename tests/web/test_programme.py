"""The public pages as a visitor reads them: festivals, the programme day by day with its
filters, a session, a venue, a partner city, in English and Persian; and never a private or
tentative session anywhere."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.views import public
from tests.factories import demo_data
from tests.icalcheck import CHINESE_TITLE, PERSIAN_TITLE, dst_festival, parse_feed, store
from tests.pagecheck import Page, check_accessible, read

PROGRAMME = "/f/isfahan-2026/"


@pytest.fixture
def demo(app: Flask) -> dict:
    data = demo_data()
    store(data)
    return data


def _get(client: FlaskClient, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = read(response.data)
    check_accessible(page)
    return page


def _session_titles(page: Page) -> list[str]:
    return [
        " ".join(h.split())
        for h in page.headings("h3")
        if h not in ("Kind", "Venue", "Partner city")
    ]


def _listed_keys(page: Page) -> list[str]:
    """Sessions linked from the page (not the language switcher's links to itself)."""
    return [
        link.path.rsplit("/", 1)[1]
        for link in page.links
        if "/sessions/" in link.path
        and not link.path.endswith(".ics")
        and "hreflang" not in link.attrs
    ]


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Asia/Tehran"))


def _public_day(data: dict, day: date) -> list[tuple[datetime, str, dict, dict]]:
    """(start, key, event, session) of the public confirmed sessions of one festival day, in
    time order (then venue name, then key)."""
    venues = {v["key"]: v["name"] for v in data["venues"]}
    found = []
    for ev in data["events"]:
        for s in ev["sessions"]:
            start = _local(s["starts_at"])
            if (
                ev.get("public", True)
                and s.get("status", "confirmed") == "confirmed"
                and (
                    start.hour >= 4
                    and start.date() == day
                    or start.hour < 4
                    and start.date().toordinal() == day.toordinal() + 1
                )
            ):
                found.append((start, s["key"], ev, s))
    return sorted(found, key=lambda item: (item[0], venues[item[3]["venue"]], item[1]))


def test_index_lists_published_festivals_only(app: Flask, client: FlaskClient) -> None:
    store(demo_data())
    hidden = dst_festival()
    hidden["festival"]["published"] = False
    store(hidden)
    page = _get(client, "/")
    assert page.link("Isfahan Sister Cities Week 2026").href == PROGRAMME
    assert "Isfahan · 18 – 24 October 2026" in page.text
    assert "Amsterdam" not in page.text


def test_programme_opens_on_today_during_the_festival_else_its_first_day(
    demo: dict, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public, "_today", lambda zone: date(2026, 5, 1))
    assert _get(client, PROGRAMME).one("h2", id="day-heading").text == "Sunday, 18 October 2026"
    monkeypatch.setattr(public, "_today", lambda zone: date(2026, 10, 21))
    page = _get(client, PROGRAMME)
    assert page.one("h2", id="day-heading").text == "Wednesday, 21 October 2026"
    current = [link for link in page.links if link.attrs.get("aria-current") == "page"]
    count = len(_public_day(demo, date(2026, 10, 21)))
    assert [link.text for link in current] == [f"Wednesday 21 October ({count} sessions)"]


def test_a_day_lists_its_sessions_in_time_order_with_what_and_where(
    demo: dict, client: FlaskClient
) -> None:
    page = _get(client, PROGRAMME + "?day=2026-10-20")
    expected = _public_day(demo, date(2026, 10, 20))
    assert _listed_keys(page) == [key for _, key, _, _ in expected]
    assert _session_titles(page) == [ev["title"] for _, _, ev, _ in expected]
    assert "All times are local time in Isfahan (Asia/Tehran)." in page.text
    # the late screening stays on its evening, with its end marked as the next day
    assert (
        "Silk Road Nights: Late Films from Xi'an and Isfahan 22:30–00:15 (next day) "
        "UTC+03:30 Isfahan City Center Cinema, Hall 3 · Screening Partner cities: Xi'an"
    ) in page.text
    calligraphy = page.link("Two Brushes: Nastaliq and Chinese Calligraphy")
    assert calligraphy.href == "/f/isfahan-2026/sessions/two-brushes-calligraphy-1"
    assert page.all("time", datetime="2026-10-20T10:00:00+03:30")
    assert [link.href for link in page.links if link.text == "Ali Qapu Palace, Music Hall"] == [
        "/f/isfahan-2026/?day=2026-10-20&venue=ali-qapu",  # the filter
        "/f/isfahan-2026/venues/ali-qapu",
    ]  # the session's venue
    page.one("nav", aria_label="Festival days")
    day_links = [link for link in page.links if link.text.endswith((" sessions)", " session)"))]
    assert [link.query["day"][0] for link in day_links] == [f"2026-10-{d}" for d in range(18, 25)]


def test_late_night_sessions_belong_to_the_evening_before(app: Flask, client: FlaskClient) -> None:
    store(dst_festival())
    page = _get(client, "/f/amsterdam-2026/?day=2026-10-24")
    assert _listed_keys(page) == ["before-1", "night-1", "first-1", "ambiguous-1", "repeat-1"]
    assert _session_titles(page)[:2] == [CHINESE_TITLE, PERSIAN_TITLE]
    assert "23:30–04:00 (next day) CEST–CET" in page.text
    # after midnight, the date says so
    assert "Sunday 25 October, 02:15–02:45 CET" in page.text
    assert "Sunday 25 October, 02:20–02:50 CEST" in page.text
    assert _listed_keys(_get(client, "/f/amsterdam-2026/?day=2026-10-25")) == ["after-1"]


def test_filters_are_plain_links_that_toggle_and_match_the_feed(
    demo: dict, client: FlaskClient
) -> None:
    page = _get(client, PROGRAMME + "?day=2026-10-20&kind=workshop")
    assert set(_session_titles(page)) == {
        "Conservation Workshop: Safavid Wall Paintings",
        "Two Brushes: Nastaliq and Chinese Calligraphy",
        "Documentary Workshop with Polish Film-makers",
        "Joint Workshop: Acupuncture and Persian Traditional Medicine",
    }
    active = page.link("✓ Workshop (selected; follow to remove)")
    assert active.attrs["aria-current"] == "true"
    assert active.query == {"day": ["2026-10-20"]}
    assert page.link("Talk").query == {"day": ["2026-10-20"], "kind": ["talk", "workshop"]}
    krakow, in_list = page.links_named("Kraków")  # the filter, then a session's city
    assert krakow.query == {"day": ["2026-10-20"], "kind": ["workshop"], "city": ["krakow"]}
    assert in_list.href == "/f/isfahan-2026/cities/krakow"
    narrowed = _get(client, krakow.href)
    assert _session_titles(narrowed) == ["Documentary Workshop with Polish Film-makers"]
    assert page.link("Remove all filters").href == "/f/isfahan-2026/?day=2026-10-20"

    feed_url = "http://localhost/f/isfahan-2026/calendar.ics?kind=workshop"
    assert page.one("input", id="feed-url").attrs["value"] == feed_url
    assert (
        page.link("Subscribe in your calendar app (Apple Calendar, Outlook on a computer)").href
        == "webcal://localhost/f/isfahan-2026/calendar.ics?kind=workshop"
    )
    google = page.link("Add to Google Calendar")
    assert parse_qs(urlsplit(google.href).query)["cid"] == [
        "webcal://localhost/f/isfahan-2026/calendar.ics?kind=workshop"
    ]
    outlook = page.link("Add to Outlook.com")
    assert outlook.href.startswith("https://outlook.live.com/calendar/0/addfromweb?")
    assert parse_qs(urlsplit(outlook.href).query)["url"] == [feed_url]
    qr = page.one("svg", role="img")
    assert qr.text == "QR code of the calendar address"
    assert "Google Calendar may take up to a day to show a change" in page.text


@pytest.mark.parametrize(
    "query",
    [
        "kind=workshop",
        "kind=screening&kind=talk",
        "venue=hasht-behesht&venue=contemporary-art",
        "city=xian&kind=talk",
        "city=krakow&city=yerevan",
        "",
    ],
    ids=["kind", "kinds", "venues", "city-and-kind", "cities", "none"],
)
def test_each_filter_shows_on_the_pages_what_its_feed_carries(
    demo: dict, client: FlaskClient, query: str
) -> None:
    first = _get(client, f"{PROGRAMME}?{query}&day=2026-10-18")
    feed_url = first.one("input", id="feed-url").attrs["value"]
    on_pages: set[str] = set()
    for day in range(18, 25):
        on_pages.update(_listed_keys(_get(client, f"{PROGRAMME}?{query}&day=2026-10-{day}")))
    feed = parse_feed(client.get(feed_url.removeprefix("http://localhost")).data)
    assert on_pages == {uid.split("@")[0] for uid in feed.by_status("CONFIRMED")}
    assert on_pages


def test_session_page_has_what_a_visitor_needs(demo: dict, client: FlaskClient) -> None:
    page = _get(client, "/f/isfahan-2026/sessions/conservation-workshop-2")
    assert page.one("h1").text == "Conservation Workshop: Safavid Wall Paintings"
    event = next(e for e in demo["events"] if e["key"] == "conservation-workshop")
    assert " ".join(event["description"].split()) in page.text
    assert "When Tuesday, 20 October 2026, 09:30–12:30 UTC+03:30" in page.text
    assert "Kind Workshop" in page.text
    assert page.links_named("Saint Petersburg")[0].href == (
        "/f/isfahan-2026/cities/saint-petersburg"
    )
    session = next(s for s in event["sessions"] if s["key"] == "conservation-workshop-2")
    venue = next(v for v in demo["venues"] if v["key"] == session["venue"])
    assert f"Address {venue['address']}" in page.text
    osm = page.link(f"{venue['latitude']:.5f}, {venue['longitude']:.5f}")
    assert osm.query["mlat"] == [str(venue["latitude"])]
    assert page.link("Open in your map app").href == (
        f"geo:{venue['latitude']},{venue['longitude']}"
    )
    assert "Accessibility Step-free access." in page.text
    assert page.headings("h2") == ["Where", "Add to calendar", "Other sessions of this event"]
    assert _listed_keys(page) == ["conservation-workshop-1"]
    ics = page.link("Download for your calendar app (.ics)")
    assert ics.href == "/f/isfahan-2026/sessions/conservation-workshop-2.ics"
    assert set(parse_feed(client.get(ics.href).data).events) == {
        "conservation-workshop-2@isfahan-2026.festival"
    }
    google = parse_qs(urlsplit(page.link("Add to Google Calendar").href).query)
    assert google["dates"] == ["20261020T060000Z/20261020T090000Z"]
    assert google["ctz"] == ["Asia/Tehran"]


def test_cancelled_session_page_says_so_and_offers_no_calendar(
    demo: dict, client: FlaskClient
) -> None:
    page = _get(client, "/f/isfahan-2026/sessions/silk-road-nights-3")
    assert "This session has been cancelled." in page.text
    assert "Add to calendar" not in page.headings("h2")
    assert "silk-road-nights-3" not in _listed_keys(_get(client, PROGRAMME + "?day=2026-10-23"))


def test_venue_and_city_pages_list_their_public_sessions(demo: dict, client: FlaskClient) -> None:
    venue = _get(client, "/f/isfahan-2026/venues/city-center-cinema")
    assert venue.one("h1").text == "Isfahan City Center Cinema, Hall 3"
    expected = sorted(
        (_local(s["starts_at"]), s["key"])
        for e in demo["events"]
        if e.get("public", True)
        for s in e["sessions"]
        if s["venue"] == "city-center-cinema" and s.get("status", "confirmed") == "confirmed"
    )
    assert _listed_keys(venue) == [key for _, key in expected]
    assert venue.link("Programme and calendar feed of this venue").query == {
        "venue": ["city-center-cinema"]
    }

    city = _get(client, "/f/isfahan-2026/cities/yerevan")
    assert city.one("h1").text == "Yerevan (Երևան)"
    assert set(_listed_keys(city)) == {
        s["key"]
        for e in demo["events"]
        if e.get("public", True) and "yerevan" in e["partner_cities"]
        for s in e["sessions"]
        if s.get("status", "confirmed") == "confirmed"
    }
    assert client.get("/f/isfahan-2026/cities/atlantis").status_code == 404
    assert client.get("/f/isfahan-2026/venues/nowhere").status_code == 404


def test_persian_pages_read_right_to_left(demo: dict, client: FlaskClient) -> None:
    page = _get(client, PROGRAMME + "?day=2026-10-18&lang=fa")
    html = page.one("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("fa", "rtl")
    opening = next(e for e in demo["events"] if e["key"] == "opening-ceremony")
    assert opening["translations"]["fa"]["title"] in _session_titles(page)
    # dated as the Persian booklet dates its days: Solar Hijri, the civil date beside it
    assert page.one("h2", id="day-heading").text == "یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)"
    assert page.link("یکشنبه ۲۶ مهر (۴ برنامه)").query["day"] == ["2026-10-18"]
    # the festival named as its Persian translation names it
    assert "اصفهان · ۲۶ مهر – ۲ آبان ۱۴۰۵" in page.text
    assert "همهٔ ساعت‌ها به وقت محلی اصفهان (Asia/Tehran) است." in page.text
    assert "۱۷:۰۰–۱۸:۳۰" in page.text
    assert page.link("رفتن به محتوا").href == "#main"
    assert all(
        link.query.get("lang") == ["fa"]
        for link in page.links
        if link.path.startswith("/f/isfahan-2026/") and "/sessions/" in link.path
    )
    assert parse_qs(urlsplit(page.one("input", id="feed-url").attrs["value"]).query) == {
        "lang": ["fa"]
    }
    english = page.link("English")
    assert "lang" not in english.query
    session = _get(client, "/f/isfahan-2026/sessions/opening-ceremony-1?lang=fa")
    assert session.one("html").attrs["dir"] == "rtl"
    assert opening["translations"]["fa"]["description"] in session.text
    assert "زمان" in session.text
    assert "یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)، ۱۷:۰۰–۱۸:۳۰" in session.text
    # a language with neither a catalog nor the festival's is ignored
    ignored = _get(client, PROGRAMME + "?day=2026-10-18&lang=sv")
    assert (ignored.one("html").attrs["lang"], ignored.one("html").attrs["dir"]) == ("en", "ltr")


def _crawl(client: FlaskClient, start: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = list(start)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = response.get_data(as_text=True)
        if url.endswith(".ics") or ".ics?" in url:
            continue
        for link in read(response.data).links:
            href = link.href.removeprefix("webcal://localhost")
            # filtered pages only narrow what the unfiltered ones show (tested above)
            if href.startswith("/") and not {"kind", "venue", "city"} & set(link.query):
                queue.append(href)
    return seen


def test_private_and_tentative_sessions_never_appear_on_a_public_page(
    demo: dict, client: FlaskClient
) -> None:
    hidden = [
        (e, s)
        for e in demo["events"]
        for s in e["sessions"]
        if not e.get("public", True) or s.get("status") == "tentative"
    ]
    private_titles = {e["title"] for e, _ in hidden if not e.get("public", True)}
    start = [PROGRAMME + f"?day=2026-10-{d}" for d in range(18, 25)]
    start += [u + "&lang=fa" for u in start]
    pages = _crawl(client, ["/", *start])
    assert len(pages) > 60
    for url, body in pages.items():
        text = unquote(body)
        for _, session in hidden:
            assert f"/sessions/{session['key']}" not in text, (url, session["key"])
            assert f"{session['key']}@" not in text, (url, session["key"])
        for title in private_titles:
            assert title not in text and title.replace("'", "&#39;") not in text, (url, title)
    for _, session in hidden:
        assert client.get(f"/f/isfahan-2026/sessions/{session['key']}").status_code == 404
    assert client.get("/f/isfahan-2026/venues/city-hall").status_code == 404


def test_unpublished_festival_is_404_to_the_public(app: Flask, client: FlaskClient) -> None:
    data = demo_data()
    data["festival"]["published"] = False
    store(data)
    for url in (
        PROGRAMME,
        "/f/isfahan-2026/sessions/opening-ceremony-1",
        "/f/isfahan-2026/venues/chehel-sotoun",
        "/f/isfahan-2026/cities/xian",
    ):
        assert client.get(url).status_code == 404
    assert "Isfahan" not in read(client.get("/").data).text


@pytest.mark.parametrize(
    "url,status",
    [
        (PROGRAMME + "?day=2026-13-01", 404),
        (PROGRAMME + "?day=2025-10-18", 404),
        (PROGRAMME + "?kind=Workshops!", 400),
        ("/f/no-such-festival/", 404),
        ("/f/isfahan-2026/sessions/no-such-session", 404),
    ],
    ids=["bad-date", "not-a-festival-day", "bad-filter", "unknown-festival", "unknown-session"],
)
def test_bad_addresses_say_so(demo: dict, client: FlaskClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_a_signed_in_organiser_sees_an_unpublished_festival_marked_and_uncached(
    app: Flask, client: FlaskClient
) -> None:
    import re
    from datetime import UTC, datetime

    from festival.extensions import db
    from festival.models import User

    data = demo_data()
    data["festival"]["published"] = False
    store(data)
    user = User(email="org@example.org", role="organiser", created_at=datetime.now(UTC))
    user.set_password("a long passphrase")
    db.session.add(user)
    db.session.commit()
    login = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login)
    assert csrf
    client.post(
        "/login",
        data={
            "email": "org@example.org",
            "password": "a long passphrase",
            "csrf_token": csrf.group(1),
        },
    )

    page = _get(client, PROGRAMME + "?day=2026-10-18")
    assert "Not published: only signed-in organisers see this page." in page.text
    assert "Not published" in _get(client, "/").text
    feed = client.get("/f/isfahan-2026/calendar.ics")
    assert feed.status_code == 200
    assert feed.headers["Cache-Control"] == "private, no-store"
