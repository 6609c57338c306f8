"""A delegation's page at its token URL: its itinerary day by day, its subscribe box, and
nothing personal or of other delegations (the URL gets forwarded)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.models import Delegation, Festival
from festival.services.tokens import rotate_token
from tests.factories import demo_data
from tests.icalcheck import CHANGED_AT, parse_feed, store
from tests.pagecheck import Page, check_accessible, read


@pytest.fixture
def demo(app: Flask) -> dict:
    data = demo_data()
    store(data)
    return data


def _token(key: str) -> str:
    token = db.session.scalar(select(Delegation.token).where(Delegation.key == key))
    assert token
    return token


def _page(client: FlaskClient, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.headers["X-Robots-Tag"] == "noindex"
    page = read(response.data)
    check_accessible(page)
    assert page.one("meta", name="robots").attrs["content"] == "noindex, nofollow"
    return page


def _day(page: Page, day: str) -> str:
    """The text of one day's section, from its heading to the next day's."""
    text = page.text
    start = text.index(day)
    ends = [
        text.find(f"{name}, ", start + len(day))
        for name in (
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Subscribe to your itinerary",
        )
    ]
    return text[start : min(e for e in ends if e > 0)]


def test_itinerary_shows_the_week_day_by_day(demo: dict, client: FlaskClient) -> None:
    page = _page(client, f"/d/{_token('xian')}/")
    assert page.one("h1").text == "Xi'an Municipal Delegation"
    assert page.headings("h3") == [
        "Saturday, 17 October 2026",
        "Sunday, 18 October 2026",
        "Monday, 19 October 2026",
        "Tuesday, 20 October 2026",
        "Wednesday, 21 October 2026",
        "Thursday, 22 October 2026",
        "Friday, 23 October 2026",
        "Saturday, 24 October 2026",
    ]
    assert "Arrival Saturday 17 October, 22:40 UTC+03:30 · Flight CZ6025 · IFN" in page.text
    assert "Hotel Abbasi Hotel, Amadegah Street, Isfahan" in page.text
    assert "Members 6" in page.text
    # an interpreter's languages as the page's reader names them
    assert "Your interpreters Sara Ahmadi (Persian, Chinese and English) Leila Tavakoli" in (
        page.text
    )

    arrival_day = _day(page, "Saturday, 17 October 2026")
    assert arrival_day == (
        "Saturday, 17 October 2026 22:40 UTC+03:30 Arrival IFN Flight CZ6025 "
        "23:10–23:50 UTC+03:30 Transfer: IFN → Abbasi Hotel Pick-up: IFN "
        "Vehicle: Minibus 1 "
    )
    first_day = _day(page, "Sunday, 18 October 2026")
    assert (
        "10:00–11:00 UTC+03:30 Closed Meeting: the Mayor of Isfahan and the Xi'an "
        "Delegation By invitation"
    ) in first_day
    assert "Interpreter: Sara Ahmadi" in first_day
    assert "Opening Ceremony of Sister Cities Week" in first_day
    assert page.link("Opening Ceremony of Sister Cities Week").href == (
        "/f/isfahan-2026/sessions/opening-ceremony-1"
    )
    tentative = _day(page, "Thursday, 22 October 2026")
    assert "Joint Workshop: Acupuncture and Persian Traditional Medicine Tentative" in tentative
    assert "Interpreter Leila Tavakoli Languages: Persian and English" in tentative
    assert "Silk Road Nights: Late Films from Xi'an and Isfahan Cancelled" in _day(
        page, "Friday, 23 October 2026"
    )
    assert page.one("li", id="session-mayor-meeting-xian-1")
    assert page.one("li", id="transfer-arr-xian")


def test_itinerary_subscribe_box_points_at_the_private_feed(
    demo: dict, client: FlaskClient
) -> None:
    token = _token("xian")
    page = _page(client, f"/d/{token}/")
    feed_url = f"http://localhost/d/{token}/calendar.ics"
    assert page.one("input", id="feed-url").attrs["value"] == feed_url
    assert (
        page.link("Subscribe in your calendar app (Apple Calendar, Outlook on a computer)").href
        == f"webcal://localhost/d/{token}/calendar.ics"
    )
    google = parse_qs(urlsplit(page.link("Add to Google Calendar").href).query)
    assert google["cid"] == [f"webcal://localhost/d/{token}/calendar.ics"]
    assert "This address is private" in page.text
    assert page.one("svg", role="img").text == "QR code of the calendar address"
    feed = parse_feed(client.get(f"/d/{token}/calendar.ics").data)
    entries = {
        e.attrs["id"]
        for e in page.all("li")
        if e.attrs.get("id", "").startswith(("session-", "transfer-", "interpreting-"))
    }
    assert {
        uid.split("@")[0].replace(".transfer", "").replace(".interpreting", "")
        for uid in feed.events
        if ".arrival" not in uid and ".departure" not in uid
    } == {entry.split("-", 1)[1] for entry in entries}


def test_itinerary_holds_no_personal_data_and_nothing_of_other_delegations(
    demo: dict, client: FlaskClient
) -> None:
    body = client.get(f"/d/{_token('xian')}/").get_data(as_text=True)
    public_text = str(demo["events"]).lower()
    for delegation in demo["delegations"]:
        assert delegation["contact_email"] not in body
        for member in delegation["members"]:
            for value in (
                member.get("email"),
                member.get("phone"),
                member.get("accessibility"),
                member["name"],
            ):
                assert not value or value not in body, value
            diet = member.get("dietary")
            if diet and diet.lower() not in public_text:
                assert diet not in body
    for phone in [v["phone"] for v in demo["vehicles"]] + [
        i["phone"] for i in demo["interpreters"]
    ]:
        assert phone not in body
    others = [
        e for e in demo["events"] if not e.get("public", True) and "xian" not in e["delegations"]
    ]
    assert others
    for event in others:
        assert event["title"].replace("'", "&#39;") not in body
    assert "Kraków Delegation" not in body and "krakow" not in body
    for token in (_token("krakow"), _token("yerevan")):
        assert token not in body


def test_itinerary_in_the_delegations_languages(demo: dict, client: FlaskClient) -> None:
    token = _token("xian")
    persian = _page(client, f"/d/{token}/?lang=fa")
    assert (persian.one("html").attrs["lang"], persian.one("html").attrs["dir"]) == ("fa", "rtl")
    assert persian.headings("h2")[:2] == ["در یک نگاه", "مترجمان شما"]
    assert "آیین افتتاحیهٔ هفتهٔ شهرهای خواهرخوانده" in persian.text
    # days dated as the printed itinerary dates them: Solar Hijri, the civil date beside it
    assert persian.headings("h3")[:2] == [
        "شنبه ۲۵ مهر (۱۷ اکتبر ۲۰۲۶)",
        "یکشنبه ۲۶ مهر (۱۸ اکتبر ۲۰۲۶)",
    ]
    # the festival as its Persian translation names it
    assert "هفتهٔ شهرهای خواهرخواندهٔ اصفهان ۱۴۰۵ · ۲۶ مهر – ۲ آبان ۱۴۰۵" in persian.text
    assert persian.link("شنبه ۲۵ مهر، ۲۲:۴۰ UTC+03:30").href == "#arrival"
    assert persian.one("input", id="feed-url").attrs["value"].endswith("calendar.ics?lang=fa")
    transfer = persian.one("li", id="transfer-arr-xian")
    assert " ".join(transfer.text.split()).startswith(
        "۲۳:۱۰–۲۳:۵۰ UTC+03:30 جابه‌جایی: IFN ← Abbasi Hotel"
    )
    chinese = _page(client, f"/d/{token}/?lang=zh")
    assert chinese.one("html").attrs["dir"] == "ltr"
    assert "友好城市周开幕式" in chinese.text
    switcher = {link.text: link.href for link in chinese.links if "hreflang" in link.attrs}
    assert switcher == {
        "English": f"/d/{token}/",
        "فارسی": f"/d/{token}/?lang=fa",
        "Русский": f"/d/{token}/?lang=ru",
        "中文": f"/d/{token}/?lang=zh",
    }


def test_unknown_or_rotated_tokens_answer_404(demo: dict, client: FlaskClient) -> None:
    old = _token("xian")
    assert client.get(f"/d/{old}/").status_code == 200
    festival = db.session.scalar(select(Festival))
    assert festival is not None
    new = rotate_token(festival, "xian", CHANGED_AT, actor="tests")
    db.session.commit()
    assert new != old
    assert client.get(f"/d/{old}/").status_code == 404
    assert client.get(f"/d/{old}/calendar.ics").status_code == 404
    assert client.get(f"/d/{new}/").status_code == 200
    for token in ("nope", "a" * 65):
        assert client.get(f"/d/{token}/").status_code == 404
