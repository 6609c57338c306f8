"""Print commands (export-pdf): the programme booklet as a file for the print shop."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask.cli import with_appcontext

from festival.cli.errors import command
from festival.errors import InvalidOption, NotFound
from festival.exports.booklet import (
    IMPOSITIONS,
    PAPERS,
    booklet_filename,
    printable_languages,
    render_booklet,
    valid_language,
)
from festival.queries.programme import PUBLIC, festival_programme, load_programme_festival


@command("export-pdf")
@click.argument("slug")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    help="File to write ('-' for stdout); default SLUG-programme-PAPER-LANG.pdf.",
)
@click.option(
    "--paper",
    type=click.Choice(PAPERS, case_sensitive=False),
    default="a5",
    show_default=True,
    help="Page size of the booklet.",
)
@click.option(
    "--lang", default=None, help="Print in this language (default: the festival's first)."
)
@click.option(
    "--imposition",
    type=click.Choice(IMPOSITIONS, case_sensitive=False),
    default=None,
    help="saddle: A5 pages two-up on A4 sheets in saddle-stitch order.",
)
@with_appcontext
def export_pdf_command(
    slug: str, output: str | None, paper: str, lang: str | None, imposition: str | None
) -> None:
    """Write the printable programme booklet (public, confirmed sessions) as PDF."""
    festival = load_programme_festival(slug)
    if festival is None:
        raise NotFound(f"no festival with slug {slug!r}")
    allowed = printable_languages(festival)
    if lang is not None and not valid_language(lang, festival):
        raise InvalidOption(f"--lang must be one of {', '.join(allowed)} (got {lang!r})")
    lang = lang or allowed[0]
    paper, imposition = paper.lower(), imposition.lower() if imposition else None
    started = time.perf_counter()
    programme = festival_programme(festival, audience=PUBLIC, lang=lang)
    pdf = render_booklet(programme, paper=paper, lang=lang, imposition=imposition)
    target = output or booklet_filename(slug, paper=paper, lang=lang, imposition=imposition)
    if target == "-":
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
        return
    try:
        Path(target).write_bytes(pdf)
    except OSError as exc:
        raise InvalidOption(f"cannot write {target}: {exc.strerror}") from None
    click.echo(
        f"wrote {target}: {len(programme.sessions)} sessions, {len(pdf) // 1024} KB "
        f"in {time.perf_counter() - started:.1f} s",
        err=True,
    )


COMMANDS: list[click.Command] = [export_pdf_command]
