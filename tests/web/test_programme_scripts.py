"""Names and texts in their own script and direction on the programme pages."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import demo_data
from tests.icalcheck import store
from tests.pagecheck import read


def test_a_persian_page_names_isfahan_venues_in_persian(app: Flask, client: FlaskClient) -> None:
    data = demo_data()
    store(data)
    venue = next(v for v in data["venues"] if v["key"] == "hasht-behesht")
    english = client.get("/f/isfahan-2026/venues/hasht-behesht").get_data(as_text=True)
    persian = client.get("/f/isfahan-2026/venues/hasht-behesht?lang=fa").get_data(as_text=True)
    assert f"<h1><bdi>{venue['name']}</bdi></h1>" in english
    assert f"<h1><bdi>{venue['local_name']}</bdi></h1>" in persian


def test_untranslated_text_keeps_its_own_language_and_direction_on_a_persian_page(
    app: Flask, client: FlaskClient
) -> None:
    data = demo_data()
    del data["festival"]["translations"]["fa"]["description"]
    store(data)
    page = client.get("/f/isfahan-2026/?lang=fa").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    # The festival description has no Persian translation: its paragraph is the English
    # original, marked as English and running left to right.
    assert '<p class="festival-description" lang="en" dir="ltr">Seven days' in page
    # the name has one: it is the page's own language, isolated
    assert f"<h1><bdi>{data['festival']['translations']['fa']['name']}</bdi></h1>" in page


def test_untranslated_titles_say_their_language_on_a_page_in_another(
    app: Flask, client: FlaskClient
) -> None:
    """A Korean reader of the Isfahan programme: Korean page text, English originals."""
    store(demo_data())
    page = read(client.get("/f/isfahan-2026/?day=2026-10-18&lang=ko").data)
    assert (page.one("html").attrs["lang"], page.one("html").attrs["dir"]) == ("ko", "ltr")
    titles = [e for e in page.all("bdi") if e.attrs.get("lang")]
    assert titles and all(e.attrs == {"lang": "en", "dir": "ltr"} for e in titles)
    assert "Opening Ceremony of Sister Cities Week" in {e.text for e in titles}
    assert page.one("h2", id="day-heading").text == "2026년 10월 18일 일요일"
