"""Reading PDFs back the way a reader sees them: poppler's pdftotext, pdffonts, pdfinfo."""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

# pdftotext wraps right-to-left runs in these (LRE, RLE, PDF, LRO, RLO, and the isolates).
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MM = 72 / 25.4


def strip_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def squash(text: str) -> str:
    """Bidi controls and joiners gone (pdftotext drops the ZWNJ of Persian words), all
    whitespace (line breaks too) a single space."""
    return " ".join(strip_bidi(text).replace("\u200c", "").replace("\u200d", "").split())


def _run(args: list[str], pdf: bytes) -> str:
    from tests.conftest import require_executable

    require_executable(args[0], "poppler-utils")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run(
            [*args, file.name, "-"] if args[0] == "pdftotext" else [*args, file.name],
            check=True,
            capture_output=True,
        )
    return done.stdout.decode("utf-8")


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (reading order, bidi controls stripped), 0-based."""
    text = strip_bidi(_run(["pdftotext", "-enc", "UTF-8"], pdf))
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def region_text(pdf: bytes, page: int, x: float, y: float, width: float, height: float) -> str:
    """Text inside a rectangle (points from the top left) of a 1-based page."""
    return strip_bidi(
        _run(
            [
                "pdftotext",
                "-enc",
                "UTF-8",
                "-f",
                str(page),
                "-l",
                str(page),
                "-r",
                "72",
                "-x",
                str(int(x)),
                "-y",
                str(int(y)),
                "-W",
                str(int(width)),
                "-H",
                str(int(height)),
            ],
            pdf,
        )
    )


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words(pdf: bytes) -> list[Word]:
    """Every word with its box in points (``pdftotext -bbox``), pages 1-based."""
    html = _run(["pdftotext", "-enc", "UTF-8", "-bbox"], pdf)
    found = []
    for page_no, page in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            found.append(
                Word(page_no, strip_bidi(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            )
    return found


def pdf_info(pdf: bytes) -> dict[str, str]:
    out = _run(["pdfinfo", "-enc", "UTF-8"], pdf)
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def pdf_fonts(pdf: bytes) -> list[FontRow]:
    """``pdffonts``: one row per font (name, type, embedded, subset, ToUnicode)."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    rows = []
    for line in lines:
        # name and type columns may hold spaces; the flags are the 3 yes/no before the ids
        flags = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert flags, line
        head = line[: flags.start()].split()
        rows.append(
            FontRow(
                head[0],
                " ".join(head[1:-1]),
                flags[1] == "yes",
                flags[2] == "yes",
                flags[3] == "yes",
            )
        )
    return rows


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def outline_titles(pdf: bytes) -> list[tuple[str, int]]:
    """Top-level bookmarks: (title, 1-based page)."""
    reader = PdfReader(BytesIO(pdf))
    found = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        found.append((str(item.title), reader.get_destination_page_number(item) + 1))
    return found


def pdf_language(pdf: bytes) -> str | None:
    lang = PdfReader(BytesIO(pdf)).root_object.get("/Lang")
    return str(lang) if lang is not None else None


@contextmanager
def weasyprint_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect what WeasyPrint logs at WARNING or above (a missing glyph, a refused URL)."""
    from tests.conftest import require_fonts

    require_fonts()
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    old_level = logger.level
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def write(pdf: bytes, path: Path) -> Path:
    path.write_bytes(pdf)
    return path
