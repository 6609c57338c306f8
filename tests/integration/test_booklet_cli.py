"""``festival export-pdf``: the booklet as a file for the print shop."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from tests.factories import festival_data
from tests.integration.test_booklet import load
from tests.pdf import MM, page_sizes, page_texts, pdf_language, squash

pytestmark = pytest.mark.slow


def sizes_mm(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(w / MM), round(h / MM)) for w, h in page_sizes(pdf)}


def test_export_pdf_writes_the_booklet(sqlite_app: Flask, tmp_path: Path) -> None:
    load(festival_data())
    runner = sqlite_app.test_cli_runner()
    target = tmp_path / "programme.pdf"
    result = runner.invoke(args=["export-pdf", "test-2026", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    pdf = target.read_bytes()
    assert sizes_mm(pdf) == {(148, 210)}
    assert "Opening" in squash(" ".join(page_texts(pdf)))


def test_export_pdf_options(sqlite_app: Flask, tmp_path: Path) -> None:
    load(festival_data())
    runner = sqlite_app.test_cli_runner()
    a4 = tmp_path / "a4.pdf"
    assert (
        runner.invoke(
            args=["export-pdf", "test-2026", "-o", str(a4), "--paper", "a4", "--lang", "fa"]
        ).exit_code
        == 0
    )
    assert sizes_mm(a4.read_bytes()) == {(210, 297)}
    assert pdf_language(a4.read_bytes()) == "fa"
    saddle = tmp_path / "saddle.pdf"
    assert (
        runner.invoke(
            args=["export-pdf", "test-2026", "-o", str(saddle), "--imposition", "saddle"]
        ).exit_code
        == 0
    )
    assert sizes_mm(saddle.read_bytes()) == {(297, 210)}
    assert len(page_sizes(saddle.read_bytes())) % 2 == 0


def test_export_pdf_prints_in_any_shipped_catalog_language(
    sqlite_app: Flask, tmp_path: Path
) -> None:
    """The festival speaks English and Persian; the print shop may still print it in Korean."""
    load(festival_data())
    target = tmp_path / "ko.pdf"
    result = sqlite_app.test_cli_runner().invoke(
        args=["export-pdf", "test-2026", "-o", str(target), "--lang", "ko"]
    )
    assert result.exit_code == 0, result.output
    pdf = target.read_bytes()
    assert pdf_language(pdf) == "ko"
    text = squash(" ".join(page_texts(pdf)))
    assert "차례" in text and "1일차" in text and "기념식" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export-pdf", "nope", "-o", "x.pdf"], 1, "no festival with slug 'nope'"),
        (["export-pdf", "test-2026", "--paper", "letter"], 2, "Invalid value for '--paper'"),
        (["export-pdf", "test-2026", "--imposition", "perfect"], 2, "'--imposition'"),
        (
            ["export-pdf", "test-2026", "--lang", "xx"],
            2,
            "--lang must be one of en, fa, ar, de, he, it, ko, nl, pl, ru, uz, zh (got 'xx')",
        ),
    ],
    ids=["unknown-slug", "bad-paper", "bad-imposition", "bad-language"],
)
def test_export_pdf_refuses(
    sqlite_app: Flask, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    load(festival_data())
    result = sqlite_app.test_cli_runner().invoke(args=args)
    assert result.exit_code == code
    assert message in result.output
    assert not (tmp_path / "x.pdf").exists()
