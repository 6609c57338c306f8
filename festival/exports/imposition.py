"""Saddle-stitch imposition: booklet pages two-up on sheets, in the order a print shop folds."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject

MM = 72 / 25.4
# (page width, page height) in points -> the standard sheet two of them fit on, landscape.
_SHEETS = {
    (148, 210): (297 * MM, 210 * MM),  # A5 on A4
    (210, 297): (420 * MM, 297 * MM),  # A4 on A3
}


def padded_pages(count: int, *, keep_last: bool = True) -> list[int | None]:
    """The booklet's pages (0-based) padded with blanks (``None``) to a multiple of four.

    With ``keep_last`` the blanks go before the last page, so a back cover stays on the back.
    """
    blanks = -count % 4
    pages: list[int | None] = list(range(count))
    if keep_last and count > 1:
        return pages[:-1] + [None] * blanks + pages[-1:]
    return pages + [None] * blanks


def sheet_sides(count: int, *, rtl: bool = False) -> list[tuple[int, int]]:
    """(left, right) positions in the padded sequence for each printed side, in print order.

    ``count`` is a multiple of four. For 16 pages (1-based): 16|1, 2|15, 14|3, 4|13, ... 8|9;
    sheet one is sides one and two, and so on. A right-to-left booklet is bound on the right:
    every side is mirrored (1|16, 15|2, ...).
    """
    if count % 4:
        raise ValueError("a saddle-stitched booklet has a multiple of four pages")
    sides = []
    for k in range(count // 2):
        outer, inner = count - 1 - k, k
        side = (outer, inner) if k % 2 == 0 else (inner, outer)
        sides.append((side[1], side[0]) if rtl else side)
    return sides


def _sheet_size(width: float, height: float) -> tuple[float, float]:
    for (w_mm, h_mm), sheet in _SHEETS.items():
        if abs(width - w_mm * MM) < 2 and abs(height - h_mm * MM) < 2:
            return sheet
    return 2 * width, height


def impose_saddle(pdf: bytes, *, rtl: bool = False, keep_last: bool = True) -> bytes:
    """Impose a PDF of equal pages for saddle stitching: two pages side by side on each side
    of a sheet (A5 pages on A4 landscape, A4 on A3), blank pages added to reach a multiple of
    four, centred so the fold is the sheet's middle. Links are dropped (paper has none)."""
    reader = PdfReader(BytesIO(pdf))
    first = reader.pages[0].mediabox
    width, height = float(first.width), float(first.height)
    sheet_width, sheet_height = _sheet_size(width, height)
    x0 = (sheet_width - 2 * width) / 2
    y0 = (sheet_height - height) / 2
    order = padded_pages(len(reader.pages), keep_last=keep_last)

    writer = PdfWriter()
    for left, right in sheet_sides(len(order), rtl=rtl):
        sheet = writer.add_blank_page(sheet_width, sheet_height)
        for slot, position in enumerate((left, right)):
            index = order[position]
            if index is not None:
                sheet.merge_transformed_page(
                    reader.pages[index], Transformation().translate(x0 + slot * width, y0)
                )
        if NameObject("/Annots") in sheet:
            del sheet[NameObject("/Annots")]
        sheet.compress_content_streams()
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(v, str)})
    lang = reader.root_object.get("/Lang")
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = lang
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
