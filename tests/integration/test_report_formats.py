"""The five reports from one read model: hand-computed rows and sections on a small
festival, the CSV unchanged, XLSX read back with openpyxl, PDF text read back with poppler
(Korean, Hebrew and Persian names), the CLI's options and exit codes, no N+1 queries."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from openpyxl import load_workbook
from sqlalchemy import event

from festival.exports.report_pdf import report_pdf
from festival.exports.report_xlsx import report_xlsx
from festival.exports.reports import REPORTS, render
from festival.extensions import db
from festival.i18n import messages
from festival.models import Festival
from festival.queries import reports as q
from festival.services.specs import load_festival
from tests.conftest import require_fonts
from tests.factories import demo_data, festival_data, session, to_bytes
from tests.factories import event as make_event
from tests.pdf import page_texts, pdf_fonts, squash

KOREAN, HEBREW, PERSIAN = "김민준", "נועה כהן", "مریم احمدی"


def small_festival(**meta: Any) -> dict[str, Any]:
    """Two delegations, two hotels, two vehicles, two sessions, two interpreters:
    seoul arrives by flight at IFN on the 17th (served by arr-1) and leaves from THR on the
    24th (no transfer: unserved); tehran arrives by train on the 18th (unserved) and has no
    departure."""
    data = festival_data(
        festival=meta,
        partner_cities=[
            {"key": "xian", "name": "Xi'an", "local_name": "西安", "country": "CN"},
            {"key": "seoul", "name": "Seoul", "local_name": "서울", "country": "KR"},
        ],
        hotels=[{"key": "abbasi", "name": "Abbasi"}, {"key": "kowsar", "name": "Kowsar"}],
        delegations=[
            {
                "key": "seoul",
                "name": "Seoul delegation",
                "partner_city": "seoul",
                "hotel": "abbasi",
                "liaison": {"name": "Ali Rezaei", "phone": "+98 913 000 0001"},
                "arrival": {
                    "at": "2026-10-17T22:40",
                    "transport": "flight",
                    "reference": "KE951",
                    "place": "IFN",
                },
                "departure": {"at": "2026-10-24T09:10", "place": "THR"},
                "members": [
                    {"key": "kim", "name": KOREAN, "dietary": "Vegetarian", "room": "12"},
                    {"key": "noa", "name": HEBREW, "dietary": "kosher", "room": "11"},
                ],
            },
            {
                "key": "tehran",
                "name": "Tehran delegation",
                "partner_city": "xian",
                "arrival": {"at": "2026-10-18T08:00", "transport": "train", "place": "station"},
                "members": [
                    {"key": "maryam", "name": PERSIAN, "hotel": "kowsar", "dietary": "vegetarian"},
                ],
            },
        ],
        vehicles=[
            {"key": "van", "name": "Van", "seats": 8, "driver": "Reza", "phone": "+98 1"},
            {"key": "bus", "name": "Bus", "seats": 30},
        ],
        interpreters=[
            {"key": "sara", "name": "Sara", "languages": ["fa", "ko"], "phone": "+98 2"},
            {"key": "dan", "name": "Dan", "languages": ["he"]},
        ],
        events=[
            make_event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
                delegations=["seoul", "tehran"],
            ),
            make_event(
                "dinner",
                session("dinner-1", "2026-10-19T19:00", "2026-10-19T21:00"),
                session("dinner-2", "2026-10-20T19:00", "2026-10-20T21:00", status="cancelled"),
                delegations=["seoul"],
            ),
        ],
        transfers=[
            {
                "key": "arr-1",
                "vehicle": "van",
                "delegations": ["seoul"],
                "from": "IFN",
                "to": "abbasi",
                "starts_at": "2026-10-17T23:10",
                "ends_at": "2026-10-17T23:50",
            },
            {
                "key": "tour",
                "vehicle": "van",
                "delegations": ["seoul", "tehran"],
                "from": "abbasi",
                "to": "hall",
                "starts_at": "2026-10-18T09:20",
                "ends_at": "2026-10-18T09:50",
            },
        ],
        interpreter_assignments=[
            {"key": "ia-2", "interpreter": "sara", "delegation": "seoul", "session": "dinner-1"},
            {"key": "ia-1", "interpreter": "sara", "delegation": "seoul", "session": "opening-1"},
            {
                "key": "ia-3",
                "interpreter": "dan",
                "delegation": "seoul",
                "starts_at": "2026-10-19T09:00",
                "ends_at": "2026-10-19T12:00",
            },
        ],
    )
    return data


def load(runner: FlaskCliRunner, tmp_path: Path, **meta: Any) -> Festival:
    path = tmp_path / "f.json"
    path.write_bytes(to_bytes(small_festival(**meta)))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    festival = load_festival("test-2026")
    assert festival is not None
    return festival


@pytest.fixture
def festival(app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> Festival:
    return load(runner, tmp_path)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- the read model ---------------------------------------------------------------------------


def test_rooming_sections_per_hotel(festival: Festival) -> None:
    report = q.rooming(festival)
    assert [(r.hotel, r.room, r.member) for r in report.rows] == [
        ("abbasi", "11", HEBREW),
        ("abbasi", "12", KOREAN),
        ("kowsar", "", PERSIAN),
    ]
    assert [(s.key, s.heading, len(s.rows)) for s in report.sections] == [
        ("abbasi", "Abbasi", 2),
        ("kowsar", "Kowsar", 1),
    ]
    assert report.rows[0].check_in == date(2026, 10, 17)
    assert report.rows[0].check_out == date(2026, 10, 24)
    assert report.rows[2].check_in == date(2026, 10, 18) and report.rows[2].check_out is None


def test_transfers_a_drivers_sheet_per_vehicle_per_day(festival: Festival) -> None:
    report = q.transfers(festival)
    assert [(r.transfer, r.member) for r in report.rows] == [
        ("arr-1", KOREAN),
        ("arr-1", HEBREW),
        ("tour", KOREAN),
        ("tour", HEBREW),
        ("tour", PERSIAN),
    ]
    assert [s.key for s in report.sections] == ["van/2026-10-17", "van/2026-10-18"]
    assert report.sections[0].facts == (("driver", "Reza"), ("phone", "+98 1"))
    trips = q.trips(report.sections[1])
    assert [(t.transfer, t.passengers) for t in trips] == [("tour", 3)]
    seoul, tehran = trips[0].delegations
    assert (seoul.liaison_name, seoul.liaison_phone, seoul.members) == (
        "Ali Rezaei",
        "+98 913 000 0001",
        (KOREAN, HEBREW),
    )
    assert tehran.members == (PERSIAN,) and tehran.liaison_phone == ""
    assert trips[0].starts_at.isoformat() == "2026-10-18T09:20:00+03:30"


def test_dietary_a_catering_sheet_per_session(festival: Festival) -> None:
    report = q.dietary(festival)
    # opening: seoul (vegetarian, kosher) + tehran (vegetarian); dinner-1: seoul only;
    # dinner-2 is cancelled
    assert [(r.session, r.dietary, r.count) for r in report.rows] == [
        ("opening-1", "kosher", 1),
        ("opening-1", "vegetarian", 2),
        ("dinner-1", "kosher", 1),
        ("dinner-1", "vegetarian", 1),
    ]
    assert [s.key for s in report.sections] == ["opening-1", "dinner-1"]
    assert dict(report.sections[0].facts)["delegates"] == "3"


def test_interpreters_a_schedule_per_interpreter(festival: Festival) -> None:
    report = q.interpreters(festival)
    assert [r.assignment for r in report.rows] == ["ia-1", "ia-3", "ia-2"]
    assert [(s.key, [r.assignment for r in s.rows]) for s in report.sections] == [
        ("sara", ["ia-1", "ia-2"]),
        ("dan", ["ia-3"]),
    ]
    assert report.sections[0].facts == (("languages", "fa ko"), ("phone", "+98 2"))
    assert report.rows[1].starts_at is not None
    assert report.rows[1].starts_at.isoformat() == "2026-10-19T09:00:00+03:30"


def test_arrivals_per_day_with_what_is_unserved(festival: Festival) -> None:
    report = q.arrivals(festival)
    assert [
        (r.kind, r.at.isoformat(), r.delegation, r.people, r.transfers, r.vehicles)
        for r in report.rows
    ] == [
        ("arrival", "2026-10-17T22:40:00+03:30", "seoul", 2, ("arr-1",), ("van",)),
        ("arrival", "2026-10-18T08:00:00+03:30", "tehran", 1, (), ()),
        ("departure", "2026-10-24T09:10:00+03:30", "seoul", 2, (), ()),
    ]
    assert [r.served for r in report.rows] == [True, False, False]
    assert [s.key for s in report.sections] == ["2026-10-17", "2026-10-18", "2026-10-24"]


def test_the_reports_read_the_loaded_festival_without_a_query_each(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "demo.json"
    path.write_bytes(to_bytes(demo_data()))
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    db.session.expunge_all()
    festival = load_festival("isfahan-2026")
    assert festival is not None
    with counted() as statements:
        for build in q.REPORTS.values():
            build(festival)
    assert statements == []


@contextmanager
def counted() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_columns_stay_as_they_were(runner: FlaskCliRunner, festival: Festival) -> None:
    heads = {
        name: runner.invoke(args=["report", name, "test-2026"]).stdout.splitlines()[0]
        for name in REPORTS
    }
    assert heads == {
        "rooming": "hotel,room,delegation,member,check_in,check_out",
        "transfers": "transfer,starts_at,ends_at,from,to,vehicle,delegation,member",
        "dietary": "session,starts_at,event,dietary,count",
        "interpreters": (
            "assignment,interpreter,name,languages,delegation,session,starts_at,ends_at"
        ),
        "arrivals": "kind,at,place,transport,reference,delegation,people,transfer,vehicle",
    }
    arrivals = rows(runner.invoke(args=["report", "arrivals", "test-2026"]).stdout)
    assert arrivals == [
        {
            "kind": "arrival",
            "at": "2026-10-17T22:40+03:30",
            "place": "IFN",
            "transport": "flight",
            "reference": "KE951",
            "delegation": "seoul",
            "people": "2",
            "transfer": "arr-1",
            "vehicle": "van",
        },
        {
            "kind": "arrival",
            "at": "2026-10-18T08:00+03:30",
            "place": "station",
            "transport": "train",
            "reference": "",
            "delegation": "tehran",
            "people": "1",
            "transfer": "",
            "vehicle": "",
        },
        {
            "kind": "departure",
            "at": "2026-10-24T09:10+03:30",
            "place": "THR",
            "transport": "",
            "reference": "",
            "delegation": "seoul",
            "people": "2",
            "transfer": "",
            "vehicle": "",
        },
    ]


# -- XLSX ---------------------------------------------------------------------------------------


def workbook_rows(data: bytes) -> tuple[Any, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    return sheet, list(sheet.iter_rows(values_only=True))


def test_xlsx_reads_back_with_every_script(festival: Festival) -> None:
    sheet, values = workbook_rows(report_xlsx(q.rooming(festival), lang="en"))
    assert values[0] == ("Hotel", "Room", "Delegation", "Member", "Check-in", "Check-out")
    assert [v[3] for v in values[1:]] == [HEBREW, KOREAN, PERSIAN]
    assert values[1][4].date() == date(2026, 10, 17)
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["D"].width >= len(PERSIAN)
    assert sheet.title == "Rooming list"
    assert not sheet.sheet_view.rightToLeft  # the festival's first language is English

    sheet, values = workbook_rows(report_xlsx(q.arrivals(festival), lang="en"))
    assert values[0][1] == "Time (Asia/Tehran)"
    assert values[1][0] == "Arrival"
    assert values[1][1].isoformat() == "2026-10-17T22:40:00"  # festival-local
    assert values[2][7] is None  # unserved: no transfer
    assert values[1][6] == 2


def test_xlsx_keeps_a_text_that_looks_like_a_formula_a_text(festival: Festival) -> None:
    """A member named like a spreadsheet formula reads back as that text, not a formula the
    organiser's spreadsheet would run (CSV keeps the contract's plain values)."""
    member = next(m for d in festival.delegations for m in d.members)
    member.name = '=HYPERLINK("https://evil.example/","open")'
    book = load_workbook(io.BytesIO(report_xlsx(q.rooming(festival), lang="en")))
    sheet = book.active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == member.name]
    assert cells, "the member's name is in the rooming list"
    assert all(c.data_type == "s" for c in cells)


def test_xlsx_right_to_left_when_the_festival_reads_so(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    festival = load(runner, tmp_path, languages=["fa", "en"])
    sheet, values = workbook_rows(report_xlsx(q.transfers(festival)))
    assert sheet.sheet_view.rightToLeft
    # headed in the festival's first language
    assert values[0][0] == messages("fa").gettext("Transfer") != "Transfer"
    assert [v[7] for v in values[1:]] == [KOREAN, HEBREW, KOREAN, HEBREW, PERSIAN]


# -- PDF ----------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return squash(" ".join(page_texts(data)))


@pytest.mark.parametrize("name", list(q.REPORTS))
def test_each_pdf_prints_its_sections_and_the_zone(festival: Festival, name: str) -> None:
    require_fonts()
    data = report_pdf(q.REPORTS[name](festival), lang="en")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Times in Asia/Tehran (UTC+03:30)." in text
    assert "1/1" in text.replace(" ", "")  # page numbers
    assert all(f.embedded for f in pdf_fonts(data))
    expected = {
        "rooming": ["Rooming list", "Abbasi", "Kowsar", HEBREW, KOREAN, PERSIAN],
        "transfers": [
            "Drivers' sheets",
            "Van",
            "Saturday 17 October",
            "Sunday 18 October",
            "Reza",
            "Ali Rezaei, +98 913 000 0001",
            "23:10–23:50",
            KOREAN,
            PERSIAN,
        ],
        "dietary": ["Catering sheets", "Opening", "Dinner", "kosher", "vegetarian", "Delegates: 3"],
        "interpreters": ["Interpreters' schedules", "Sara", "Dan", "fa ko", "+98 2", "09:00–12:00"],
        "arrivals": [
            "Arrivals and departures",
            "Saturday 17 October",
            "KE951",
            "arr-1 23:10",
            "Unserved: no transfer",
            "1 still unserved",
        ],
    }[name]
    for word in expected:
        assert squash(word) in text, (name, word)


def test_pdf_names_extract_back_in_their_scripts(festival: Festival) -> None:
    require_fonts()
    text = pdf_text(report_pdf(q.rooming(festival), lang="en")).replace(" ", "")
    for name in (KOREAN, HEBREW, PERSIAN):
        assert squash(name).replace(" ", "") in text, name


def test_pdf_right_to_left_in_persian(festival: Festival) -> None:
    require_fonts()
    data = report_pdf(q.arrivals(festival), lang="fa")
    text = pdf_text(data)
    assert "Asia/Tehran" in text
    assert "KE951" in text


def test_pdf_fetches_nothing_outside_the_static_files(
    festival: Festival, monkeypatch: pytest.MonkeyPatch
) -> None:
    from festival.exports import booklet

    seen = []
    original = booklet.StaticOnlyFetcher

    class Watching(original):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            seen.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(booklet, "StaticOnlyFetcher", Watching)
    report_pdf(q.dietary(festival), lang="en")
    assert seen and all(u.startswith(("file:", "data:")) for u in seen)
    assert all("/static/" in u or u.startswith("data:") for u in seen)


# -- the command ------------------------------------------------------------------------------


def test_cli_formats_and_exit_codes(
    runner: FlaskCliRunner, festival: Festival, tmp_path: Path
) -> None:
    require_fonts()
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    done = runner.invoke(args=["report", "rooming", "test-2026", "--format", "pdf", "-o", str(pdf)])
    assert done.exit_code == 0, done.output
    assert pdf.read_bytes().startswith(b"%PDF")
    assert KOREAN in pdf_text(pdf.read_bytes()).replace(" ", "")
    done = runner.invoke(
        args=["report", "arrivals", "test-2026", "--format", "xlsx", "--output", str(xlsx)]
    )
    assert done.exit_code == 0, done.output
    assert workbook_rows(xlsx.read_bytes())[1][1][5] == "seoul"
    csv_file = tmp_path / "r.csv"
    done = runner.invoke(args=["report", "dietary", "test-2026", "-o", str(csv_file)])
    assert done.exit_code == 0
    assert csv_file.read_text("utf-8").startswith("session,starts_at,event,dietary,count\n")
    assert csv_file.read_bytes() == render(festival, "dietary", "csv")
    # exit codes: 1 unknown slug, 2 bad options
    assert (
        runner.invoke(
            args=["report", "rooming", "nope", "--format", "pdf", "-o", str(pdf)]
        ).exit_code
        == 1
    )
    bad = runner.invoke(args=["report", "rooming", "test-2026", "--format", "pdf"])
    assert bad.exit_code == 2 and "-o FILE" in bad.stderr
    assert (
        runner.invoke(
            args=["report", "rooming", "test-2026", "--format", "doc", "-o", str(pdf)]
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(
            args=["report", "menu", "test-2026", "--format", "pdf", "-o", str(pdf)]
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(
            args=[
                "report",
                "rooming",
                "test-2026",
                "--format",
                "xlsx",
                "-o",
                str(tmp_path / "no" / "x.xlsx"),
            ]
        ).exit_code
        == 2
    )
    assert (
        runner.invoke(
            args=[
                "report",
                "rooming",
                "test-2026",
                "--lang",
                "<x>",
                "--format",
                "pdf",
                "-o",
                str(pdf),
            ]
        ).exit_code
        == 2
    )
