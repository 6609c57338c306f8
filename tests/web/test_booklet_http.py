"""The booklet and itinerary PDFs over HTTP: options, errors, validators, cache, background."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.jobs import jobs
from festival.models import Delegation, Event, Festival
from festival.views import booklet as booklet_view
from tests.factories import event, festival_data, session, to_bytes, venue
from tests.pdf import MM, page_sizes, page_texts, pdf_language, squash

pytestmark = pytest.mark.slow
PDF = "/f/test-2026/programme.pdf"


@pytest.fixture(autouse=True)
def _background_renders_finish() -> Iterator[None]:
    yield
    jobs.wait(timeout=60)


def small_festival(**festival: Any) -> dict[str, Any]:
    return festival_data(
        festival=festival,
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "name": "Xi'an Delegation",
                "hotel": "abbasi",
                "language": "zh",
                "arrival": {
                    "at": "2026-10-17T22:40",
                    "transport": "flight",
                    "reference": "CZ6025",
                    "place": "IFN",
                },
            }
        ],
        venues=[
            venue("hall", name="Great Hall", local_name="تالار بزرگ"),
            venue("garden", name="Rose Garden"),
        ],
        events=[
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
                title="Opening Ceremony",
                partner_cities=["xian"],
                delegations=["xian"],
                translations={"fa": {"title": "آیین گشایش"}, "zh": {"title": "开幕式"}},
            ),
            event(
                "carpets",
                session("carpets-1", "2026-10-19T10:00", "2026-10-19T12:00", "garden"),
                session(
                    "carpets-2",
                    "2026-10-20T10:00",
                    "2026-10-20T12:00",
                    "garden",
                    status="tentative",
                ),
                title="Carpet Talk",
            ),
            event(
                "mayor",
                session("mayor-1", "2026-10-18T14:00", "2026-10-18T15:00"),
                kind="delegation_visit",
                title="Meeting with the Mayor",
                public=False,
                delegations=["xian"],
            ),
        ],
    )


def store(data: dict[str, Any]) -> None:
    from festival.datafile import validate_bytes
    from festival.services.importer import import_document

    doc, findings = validate_bytes(to_bytes(data))
    assert doc is not None, [f.line() for f in findings if f.is_error]
    import_document(
        doc, findings, replace=False, now=datetime(2026, 10, 1, 12, tzinfo=UTC), actor="tests"
    )
    db.session.commit()


def text_of(pdf: bytes) -> str:
    return squash(" ".join(page_texts(pdf)))


def test_booklet_is_an_inline_a5_pdf_of_the_public_programme(
    app: Flask, client: FlaskClient
) -> None:
    store(small_festival())
    response = client.get(PDF)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="test-2026-programme-a5-en.pdf"'
    )
    assert response.headers["Cache-Control"] == "public, no-cache"
    etag = response.headers["ETag"]
    assert etag.startswith('"') and len(etag) == 34  # strong
    assert response.data.startswith(b"%PDF-")
    assert {(round(w / MM), round(h / MM)) for w, h in page_sizes(response.data)} == {(148, 210)}
    text = text_of(response.data)
    assert "Opening Ceremony" in text and "Carpet Talk" in text
    assert "Meeting with the Mayor" not in text


def test_conditional_and_range_requests(app: Flask, client: FlaskClient) -> None:
    store(small_festival())
    first = client.get(PDF)
    etag = first.headers["ETag"]
    again = client.get(PDF, headers={"If-None-Match": etag})
    assert (again.status_code, again.data) == (304, b"")
    since = client.get(PDF, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    part = client.get(PDF, headers={"Range": "bytes=0-99"})
    assert (part.status_code, part.data) == (206, first.data[:100])


def test_paper_language_and_imposition_options(app: Flask, client: FlaskClient) -> None:
    store(small_festival())
    a4 = client.get(PDF, query_string={"paper": "a4"})
    assert {(round(w / MM), round(h / MM)) for w, h in page_sizes(a4.data)} == {(210, 297)}
    fa = client.get(PDF, query_string={"lang": "fa"})
    assert fa.headers["Content-Disposition"] == 'inline; filename="test-2026-programme-a5-fa.pdf"'
    assert pdf_language(fa.data) == "fa"
    assert "آیین گشایش" in text_of(fa.data)
    assert "تالار بزرگ" in text_of(fa.data)  # the venue by its Persian name
    saddle = client.get(PDF, query_string={"imposition": "saddle"})
    plain = client.get(PDF)
    sheets = page_sizes(saddle.data)
    assert {(round(w / MM), round(h / MM)) for w, h in sheets} == {(297, 210)}
    assert len(sheets) * 2 == len(page_sizes(plain.data)) + (-len(page_sizes(plain.data)) % 4)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"paper": "letter"}, "paper must be one of a5, a4"),
        ({"imposition": "perfect"}, "imposition must be saddle"),
        ({"lang": "xx"}, "lang must be one of en, fa"),
        ({"lang": "<script>"}, "lang must be a language tag"),
        ({"paper": "a4", "imposition": "fold"}, "imposition must be saddle"),
    ],
    ids=["paper", "imposition", "unknown-language", "not-a-language", "bad-imposition-a4"],
)
def test_bad_options_answer_400_with_a_clear_message(
    app: Flask, client: FlaskClient, query: dict[str, str], message: str
) -> None:
    store(small_festival())
    response = client.get(PDF, query_string=query)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "<script>" not in response.get_data(as_text=True)


def test_unknown_unpublished_and_rotated_answer_404(app: Flask, client: FlaskClient) -> None:
    store(small_festival(published=False))
    assert client.get(PDF).status_code == 404
    assert client.get("/f/no-such-festival/programme.pdf").status_code == 404
    assert client.get("/d/not-a-token/itinerary.pdf").status_code == 404
    assert client.get(f"/d/{'x' * 100}/itinerary.pdf").status_code == 404


def test_a_repeat_download_is_not_rendered_again_but_a_change_is(
    app: Flask,
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store(small_festival())
    calls: list[str] = []
    real = booklet_view.render_booklet

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(kwargs.get("paper", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(booklet_view, "render_booklet", counting)
    first = client.get(PDF)
    second = client.get(PDF)
    assert second.data == first.data and len(calls) == 1
    client.get(PDF, query_string={"paper": "a4"})
    assert len(calls) == 2  # options are part of the key

    festival = db.session.scalar(select(Festival).where(Festival.slug == "test-2026"))
    assert festival is not None
    opening = db.session.scalar(select(Event).where(Event.key == "opening"))
    assert opening is not None
    opening.title = "Grand Opening Ceremony"
    festival.touch(datetime(2026, 10, 2, 9, tzinfo=UTC))
    db.session.commit()
    changed = client.get(PDF, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and len(calls) == 3
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert "Grand Opening Ceremony" in text_of(changed.data)


def test_a_big_booklet_is_prepared_in_the_background(app: Flask, client: FlaskClient) -> None:
    store(small_festival())
    app.config["BOOKLET_BACKGROUND_SESSIONS"] = 1  # two public sessions count as big here
    first = client.get(PDF)
    assert first.status_code == 202
    assert int(first.headers["Retry-After"]) >= 2
    assert first.headers["Cache-Control"] == "no-store"
    assert "being prepared" in first.get_data(as_text=True)
    jobs.wait(timeout=60)
    ready = client.get(PDF)
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert "Opening Ceremony" in text_of(ready.data)


def test_itinerary_pdf_is_private_and_in_the_delegations_language(
    app: Flask,
    client: FlaskClient,
) -> None:
    store(small_festival())
    token = db.session.scalar(select(Delegation.token).where(Delegation.key == "xian"))
    url = f"/d/{token}/itinerary.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="test-2026-xian-itinerary.pdf"'
    )
    assert response.headers["Cache-Control"] == "private, no-cache"
    text = text_of(response.data)
    assert "行程单" in text and "开幕式" in text
    assert "Meeting with the Mayor" in text  # its private visit
    assert "CZ6025" in text
    english = text_of(client.get(url, query_string={"lang": "en"}).data)
    assert "Itinerary" in english.title()
    a5 = client.get(url, query_string={"paper": "a5"})
    assert {(round(w / MM), round(h / MM)) for w, h in page_sizes(a5.data)} == {(148, 210)}
    assert client.get(url, query_string={"paper": "b5"}).status_code == 400
    assert client.get(url, query_string={"lang": "qq"}).status_code == 400
    assert client.get(url, headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
