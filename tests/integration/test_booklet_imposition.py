"""Saddle-stitch imposition: which booklet page lands where on which sheet."""

from __future__ import annotations

from io import BytesIO

import pytest
from flask import Flask
from pypdf import PdfWriter

from festival.exports.booklet import html_to_pdf, render_booklet
from festival.exports.imposition import impose_saddle, padded_pages, sheet_sides
from tests.factories import demo_data
from tests.pdf import MM, page_sizes, page_texts, pdf_info, region_text, squash

A4_LANDSCAPE = (297 * MM, 210 * MM)


def one_based(count: int, *, rtl: bool = False) -> list[tuple[int, int]]:
    return [(a + 1, b + 1) for a, b in sheet_sides(count, rtl=rtl)]


def test_sixteen_pages_fold_in_saddle_stitch_order() -> None:
    assert one_based(16) == [(16, 1), (2, 15), (14, 3), (4, 13), (12, 5), (6, 11), (10, 7), (8, 9)]


def test_a_right_to_left_booklet_is_bound_on_the_right() -> None:
    assert one_based(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (4, [0, 1, 2, 3]),
        (5, [0, 1, 2, 3, None, None, None, 4]),
        (6, [0, 1, 2, 3, 4, None, None, 5]),
        (1, [0, None, None, None]),
    ],
    ids=["exact", "three-blanks", "two-blanks", "single-page"],
)
def test_blank_pages_pad_to_four_before_the_back_cover(
    count: int, expected: list[int | None]
) -> None:
    assert padded_pages(count) == expected


def test_sides_need_a_multiple_of_four() -> None:
    with pytest.raises(ValueError, match="multiple of four"):
        sheet_sides(10)


def numbered_booklet(count: int) -> bytes:
    """An A5 PDF whose pages say PAGE-1, PAGE-2, ..."""
    pages = "".join(f'<p style="break-after: page">PAGE-{n}</p>' for n in range(1, count + 1))
    html = (
        '<html><head><link rel="stylesheet" href="print/paper-a5.css"></head>'
        f"<body>{pages}</body></html>"
    )
    return html_to_pdf(html, identifier="numbered")


def halves(sheet_pdf: bytes, sheet: int) -> tuple[str, str]:
    width, height = A4_LANDSCAPE
    left = region_text(sheet_pdf, sheet, 0, 0, width / 2, height).strip()
    right = region_text(sheet_pdf, sheet, width / 2, 0, width / 2, height).strip()
    return left, right


@pytest.mark.parametrize("rtl", [False, True], ids=["left-to-right", "right-to-left"])
def test_imposed_sheets_carry_the_pages_where_the_fold_needs_them(rtl: bool) -> None:
    original = numbered_booklet(10)  # 10 pages: two blanks go before the last page
    imposed = impose_saddle(original, rtl=rtl)
    assert len(page_sizes(imposed)) == 6  # 12 pages, 4 a sheet, 2 sides each
    assert all(
        abs(w - A4_LANDSCAPE[0]) < 1 and abs(h - A4_LANDSCAPE[1]) < 1
        for w, h in page_sizes(imposed)
    )
    padded = [
        "PAGE-1",
        "PAGE-2",
        "PAGE-3",
        "PAGE-4",
        "PAGE-5",
        "PAGE-6",
        "PAGE-7",
        "PAGE-8",
        "PAGE-9",
        "",
        "",
        "PAGE-10",
    ]
    for side, (left, right) in enumerate(sheet_sides(12, rtl=rtl), start=1):
        assert halves(imposed, side) == (padded[left], padded[right]), side
    first_left, first_right = halves(imposed, 1)
    # the outside of the first sheet: back cover | front cover (mirrored when bound right)
    assert (first_left, first_right) == (("PAGE-1", "PAGE-10") if rtl else ("PAGE-10", "PAGE-1"))


def test_imposition_keeps_the_title_and_language() -> None:
    html = (
        '<html lang="fa"><head><meta charset="utf-8"><title>برنامه</title></head>'
        "<body><p>۱</p></body></html>"
    )
    imposed = impose_saddle(html_to_pdf(html, identifier="meta"))
    info = pdf_info(imposed)
    assert info["Title"] == "برنامه"
    assert int(info["Pages"]) == 2


def test_other_page_sizes_go_on_a_sheet_twice_as_wide() -> None:
    writer = PdfWriter()
    for _ in range(4):
        writer.add_blank_page(300, 400)
    out = BytesIO()
    writer.write(out)
    assert page_sizes(impose_saddle(out.getvalue())) == [(600.0, 400.0), (600.0, 400.0)]


@pytest.mark.slow
def test_a_real_booklet_imposes_page_by_page(sqlite_app: Flask) -> None:
    """Each half of each imposed side shows exactly the text of the A5 page it came from."""
    from festival.queries.programme import festival_programme, load_programme_festival
    from tests.integration.test_booklet import load

    load(demo_data())
    festival = load_programme_festival("isfahan-2026")
    assert festival is not None
    original = render_booklet(festival_programme(festival), paper="a5", lang="en")
    pages = page_texts(original)
    imposed = impose_saddle(original)
    order = padded_pages(len(pages))
    assert len(page_sizes(imposed)) == len(order) // 2
    for side, (left, right) in enumerate(sheet_sides(len(order)), start=1):
        want = tuple("" if order[i] is None else squash(pages[order[i]]) for i in (left, right))
        assert tuple(squash(text) for text in halves(imposed, side)) == want, side
