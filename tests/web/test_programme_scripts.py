"""Names and texts in their own script and direction on the programme pages."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import demo_data
from tests.icalcheck import store


def test_a_persian_page_names_isfahan_venues_in_persian(app: Flask, client: FlaskClient) -> None:
    data = demo_data()
    store(data)
    venue = next(v for v in data["venues"] if v["key"] == "hasht-behesht")
    english = client.get("/f/isfahan-2026/venues/hasht-behesht").get_data(as_text=True)
    persian = client.get("/f/isfahan-2026/venues/hasht-behesht?lang=fa").get_data(as_text=True)
    assert f"<h1><bdi>{venue['name']}</bdi></h1>" in english
    assert f"<h1><bdi>{venue['local_name']}</bdi></h1>" in persian


def test_untranslated_text_keeps_its_own_direction_on_a_persian_page(
    app: Flask, client: FlaskClient
) -> None:
    store(demo_data())
    page = client.get("/f/isfahan-2026/?lang=fa").get_data(as_text=True)
    assert 'dir="rtl"' in page
    # The festival description has no Persian translation: its paragraph runs left to right.
    assert '<p class="festival-description" dir="auto">Seven days' in page
