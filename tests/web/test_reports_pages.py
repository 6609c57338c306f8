"""The workspace's reports page, report downloads and the arrivals board: signed-in users
only (organisers, admins, viewers), attachments with sensible names, unserved movements
said in words."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from openpyxl import load_workbook

from festival.models import Festival
from tests.conftest import require_fonts
from tests.integration.test_report_formats import KOREAN, PERSIAN, load
from tests.web.workspace import sign_in

BASE = "/organise/test-2026"


@pytest.fixture
def festival(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> Festival:
    return load(runner, tmp_path)


def test_anonymous_callers_are_sent_to_sign_in(client: FlaskClient, festival: Festival) -> None:
    for url in (
        f"{BASE}/reports/",
        f"{BASE}/reports/rooming.csv",
        f"{BASE}/reports/rooming.xlsx",
        f"{BASE}/reports/rooming.pdf",
        f"{BASE}/arrivals?day=2026-10-18",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login?next="), url
        assert KOREAN not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["viewer", "organiser", "admin"])
def test_every_signed_in_role_reads_the_reports(
    client: FlaskClient, festival: Festival, role: str
) -> None:
    sign_in(client, role)
    page = client.get(f"{BASE}/reports/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for name in ("rooming", "transfers", "dietary", "interpreters", "arrivals"):
        for fmt in ("csv", "xlsx", "pdf"):
            assert f"{BASE}/reports/{name}.{fmt}" in html
    assert f'href="{BASE}/reports/"' in html  # the festival's navigation links it
    assert f'href="{BASE}/arrivals"' in html
    csv = client.get(f"{BASE}/reports/rooming.csv")
    assert csv.status_code == 200
    assert csv.mimetype == "text/csv"
    assert csv.headers["Content-Disposition"] == 'attachment; filename="test-2026-rooming.csv"'
    assert csv.headers["Cache-Control"] == "private, no-store"
    assert csv.get_data(as_text=True).startswith("hotel,room,delegation,member")
    assert KOREAN in csv.get_data(as_text=True)


def test_xlsx_and_pdf_downloads(client: FlaskClient, festival: Festival) -> None:
    sign_in(client, "organiser")
    xlsx = client.get(f"{BASE}/reports/transfers.xlsx")
    assert xlsx.status_code == 200
    assert xlsx.headers["Content-Disposition"].endswith('filename="test-2026-transfers.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet is not None
    assert [r[7] for r in sheet.iter_rows(min_row=2, values_only=True)][-1] == PERSIAN
    require_fonts()
    pdf = client.get(f"{BASE}/reports/dietary.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].endswith('filename="test-2026-dietary.pdf"')


def test_unknown_reports_formats_and_festivals_are_404(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "viewer")
    for url in (
        f"{BASE}/reports/menu.csv",
        f"{BASE}/reports/rooming.doc",
        f"{BASE}/reports/rooming.CSV",
        "/organise/nope/reports/rooming.csv",
        "/organise/nope/reports/",
        "/organise/nope/arrivals",
    ):
        assert client.get(url).status_code == 404, url


def test_arrivals_board_shows_each_day_and_what_is_unserved(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "viewer")
    first = client.get(f"{BASE}/arrivals")  # the first day with a movement
    html = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "KE951" in html and "arr-1" in html and "van" in html
    assert "23:10" in html  # the pick-up
    assert "Seoul delegation" in html
    assert "Unserved: no transfer" not in html.split("<tbody>")[1]
    assert "2 arrivals or departures are still unserved." in html
    # the day switcher lists the three days with movements
    for day in ("2026-10-17", "2026-10-18", "2026-10-24"):
        assert f"{BASE}/arrivals?day={day}" in html
    second = client.get(f"{BASE}/arrivals?day=2026-10-18").get_data(as_text=True)
    assert "Tehran delegation" in second
    assert "Unserved: no transfer" in second
    assert 'class="is-unserved"' in second
    assert "station" in second
    empty = client.get(f"{BASE}/arrivals?day=2026-10-20").get_data(as_text=True)
    assert "No arrivals or departures on this day." in empty
    for hostile in ("2026-13-45", "x" * 500, "2026-10-18T00:00", "%00", "1900-01-01"):
        assert client.get(f"{BASE}/arrivals", query_string={"day": hostile}).status_code == 200


def test_arrivals_board_in_persian(client: FlaskClient, festival: Festival) -> None:
    sign_in(client, "organiser")
    html = client.get(f"{BASE}/arrivals?day=2026-10-18&lang=fa").get_data(as_text=True)
    assert 'dir="rtl"' in html
    assert "Asia/Tehran" in html
