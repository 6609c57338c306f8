"""A delegation's printed itinerary read back: its whole week, and nobody's personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from festival.exports.booklet import render_itinerary
from tests.conftest import make_app
from tests.factories import demo_data
from tests.integration.test_booklet import load
from tests.pdf import page_sizes, page_texts, pdf_fonts, pdf_info, squash, weasyprint_warnings

pytestmark = pytest.mark.slow
LIAISON = {
    "name": "Maryam Karimi",
    "phone": "+98 913 555 0400",
    "email": "liaison@isfahan.example.org",
}


def itinerary_data() -> dict[str, Any]:
    data = demo_data()
    for delegation in data["delegations"]:
        delegation["liaison"] = dict(LIAISON)
        delegation["language"] = {"xian": "zh", "saint-petersburg": "ru"}.get(
            delegation["key"], "en"
        )
    return data


@pytest.fixture(scope="module")
def itinerary_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from festival.extensions import db

    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('itinerary') / 'festival.sqlite3'}")
    with app.app_context():
        db.create_all()
        load(itinerary_data())
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def itinerary(itinerary_app: Flask) -> Callable[..., str]:
    """The text of a delegation's itinerary PDF (rendered once per key and language)."""
    from sqlalchemy import select

    from festival.extensions import db
    from festival.models import Delegation
    from festival.queries.itinerary import delegation_itinerary

    rendered: dict[tuple[str, str | None], bytes] = {}

    def get(key: str, lang: str | None = None, *, pdf: bool = False) -> Any:
        if (key, lang) not in rendered:
            with itinerary_app.app_context():
                delegation = db.session.scalar(select(Delegation).where(Delegation.key == key))
                assert delegation is not None
                it = delegation_itinerary(delegation.festival, key, lang=lang)
                assert it is not None
                with weasyprint_warnings() as warnings:
                    rendered[key, lang] = render_itinerary(it)
                assert [w.getMessage() for w in warnings] == []
        data = rendered[key, lang]
        return data if pdf else squash(" ".join(page_texts(data)))

    return get


def test_itinerary_shows_arrival_departure_hotel_and_liaison(
    itinerary: Callable[..., str],
) -> None:
    text = itinerary("xian", "en")
    assert "Xi'an Municipal Delegation" in text
    assert "Arrival 17 October 2026, 22:40 Flight CZ6025 · IFN" in text
    assert "Departure 24 October 2026, 21:40 Flight CZ6026 · IFN" in text
    assert "Hotel Abbasi Hotel Amadegah Street, Isfahan" in text
    assert (
        "Host liaison Maryam Karimi Phone: +98 913 555 0400 E-mail: liaison@isfahan.example.org"
    ) in text
    assert "6 members" in text


def test_itinerary_lists_private_visits_transfers_and_interpreters_by_day(
    itinerary: Callable[..., str],
) -> None:
    text = itinerary("xian", "en")
    assert (
        "Sunday 18 October 10:00–11:00 Closed Meeting: the Mayor of Isfahan and the "
        "Xi'an Delegation Private"
    ) in text
    assert "Interpreter: Sara Ahmadi (FA · ZH · EN), +98 913 555 0301" in text
    assert (
        "16:15 Transfer: Abbasi Hotel → Chehel Sotoun Palace and Garden Vehicle: "
        "Coach 1 (Scania Marco Polo) Driver: Hossein Karimi, +98 913 555 0201"
    ) in text
    assert "Saturday 17 October 22:40 Arrival" in text
    assert "23:10 Transfer: IFN → Abbasi Hotel" in text
    assert "Welcome Reception for the Delegations Private" in text
    # an interpreter booked for hours, not for a session
    assert "14:00–18:00 Interpreter Leila" in text


def test_itinerary_marks_tentative_and_cancelled_sessions(itinerary: Callable[..., str]) -> None:
    text = itinerary("xian", "en")
    assert (
        "09:00–12:00 Joint Workshop: Acupuncture and Persian Traditional Medicine Tentative" in text
    )
    assert "22:30–00:15 Silk Road Nights: Late Films from Xi'an and Isfahan Cancelled" in text


def test_a_late_screening_stays_on_its_evening(itinerary: Callable[..., str]) -> None:
    text = itinerary("xian", "en")
    tuesday = text.index("Tuesday 20 October")
    wednesday = text.index("Wednesday 21 October")
    assert tuesday < text.index("22:30–00:15 Silk Road Nights") < wednesday


def test_itinerary_carries_no_personal_data_of_members(itinerary: Callable[..., str]) -> None:
    text = itinerary("xian", "en")
    for member in demo_data()["delegations"][0]["members"]:
        for field in ("email", "phone"):
            if member.get(field):
                assert member[field] not in text
        assert member["name"] not in text
        assert f" {member['room']} " not in f" {text} "
    for word in ("halal", "vegetarian", "gluten"):
        assert word not in text


def test_itinerary_prints_in_the_delegations_language(itinerary: Callable[..., str]) -> None:
    zh = itinerary("xian")
    assert "行程单" in zh
    assert "抵达 2026年10月17日 22:40 航班 CZ6025 · IFN" in zh
    assert "10月18日星期日" in zh
    assert "内部活动" in zh  # private
    assert "已取消" in zh
    ru = itinerary("saint-petersburg")
    assert "программа пребывания" in ru.casefold()
    assert "Прибытие" in ru


def test_right_to_left_itinerary(itinerary: Callable[..., Any]) -> None:
    pdf = itinerary("xian", "fa", pdf=True)
    text = squash(" ".join(page_texts(pdf))).replace(" ", "")
    assert "برنامهٔسفر".replace("ٔ", "") in text.replace("ٔ", "")
    assert "هتل" in text
    assert pdf_info(pdf)["Pages"] == str(len(page_sizes(pdf)))
    assert all(f.embedded for f in pdf_fonts(pdf))


def test_itinerary_is_a4_with_every_font_embedded(itinerary: Callable[..., Any]) -> None:
    pdf = itinerary("xian", pdf=True)
    assert {(round(w), round(h)) for w, h in page_sizes(pdf)} == {(595, 842)}
    fonts = pdf_fonts(pdf)
    assert all(f.embedded for f in fonts)
    assert any("CJK-SC" in f.name for f in fonts)
    assert pdf_info(pdf)["Title"] == "Xi'an Municipal Delegation — 行程单"
