"""The ``festival`` command: Flask's CLI group plus the festival commands (thin: parse,
call a service, print)."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import select

from festival.cli.errors import FestivalGroup, command
from festival.datafile import Unreadable, validate_bytes
from festival.datafile.document import Document
from festival.errors import InvalidOption, NotFound, ValidationFailed
from festival.extensions import db
from festival.models import Festival, User
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding
from festival.services.importer import import_document
from festival.services.specs import festival_spec, load_festival
from festival.services.unit import run_write
from festival.vocabulary import Role

DEMO_FILE = "demo-isfahan-2026.json"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _now() -> datetime:
    return datetime.now(UTC)


def _print_findings(findings: list[Finding], *, err: bool) -> None:
    for finding in findings:
        click.echo(finding.line(), err=err)


def _festival(slug: str) -> Festival:
    """The stored festival; ``NotFound`` for an unknown slug."""
    festival = load_festival(slug)
    if festival is None:
        raise NotFound(f"no festival with slug {slug!r}")
    return festival


def _validated(raw: bytes, source: str) -> tuple[Document, list[Finding]]:
    """The document and its findings; ``ValidationFailed`` (every finding) when it has an
    error, ``Unreadable`` (naming ``source``) for bytes that are no text."""
    try:
        doc, findings = validate_bytes(raw)
    except Unreadable as exc:
        raise Unreadable(f"{source}: {exc}") from None
    if doc is None or any(f.is_error for f in findings):
        raise ValidationFailed(findings)
    return doc, findings


def _load(raw: bytes, *, replace: bool, dry_run: bool, source: str, actor: str) -> None:
    """Validate and (unless ``dry_run``) store a data file, all or nothing, recorded in the
    history as the command ``actor``'s. The same findings either way: a dry run refuses
    exactly what the import refuses."""
    doc, findings = _validated(raw, source)
    if dry_run:
        _print_findings(findings, err=True)
        click.echo(f"{doc.slug}: valid ({len(findings)} warning(s)); dry run, nothing written")
        return
    festival = run_write(
        lambda: import_document(doc, findings, replace=replace, now=_now(), actor=actor)
    )
    _print_findings(findings, err=True)
    sessions = sum(len(e.sessions) for e in doc.events)
    click.echo(
        f"{'replaced' if replace else 'imported'} {festival.slug}: {len(doc.events)} events, "
        f"{sessions} sessions, {len(doc.venues)} venues, {len(doc.delegations)} delegations"
        f" ({len(findings)} warning(s))"
    )


@command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--replace", is_flag=True, help="Replace the festival with the same slug.")
@click.option("--dry-run", is_flag=True, help="Validate and report; write nothing.")
@with_appcontext
def import_command(file: str, replace: bool, dry_run: bool) -> None:
    """Load a festival data file, all or nothing."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read {file}: {exc.strerror}") from None
    _load(raw, replace=replace, dry_run=dry_run, source=file, actor="festival import")


@command("export")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default="-")
@with_appcontext
def export_command(slug: str, output: str) -> None:
    """Write the festival data file (stdout by default)."""
    from festival.exports.festival_data import export_json

    text = export_json(_festival(slug))
    if output == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidOption(f"cannot write {output}: {exc.strerror}") from None


@command("check")
@click.argument("slug")
@with_appcontext
def check_command(slug: str) -> None:
    """Re-validate a stored festival: one line per finding."""
    findings = check_festival(festival_spec(_festival(slug)))
    _print_findings(findings, err=False)
    sys.exit(1 if any(f.is_error for f in findings) else 0)


@command("links")
@click.argument("slug")
@with_appcontext
def links_command(slug: str) -> None:
    """One line per feed: the public one, then each delegation's private one."""
    festival = _festival(slug)
    click.echo(f"public\t/f/{festival.slug}/calendar.ics")
    for delegation in festival.delegations:
        click.echo(f"{delegation.key}\t/d/{delegation.token}/calendar.ics")


@command("demo")
@with_appcontext
def demo_command() -> None:
    """Create the schema if needed and load the demo festival (idempotent)."""
    from flask_migrate import upgrade

    upgrade()
    raw = (files("festival") / "data" / DEMO_FILE).read_bytes()
    doc, _ = _validated(raw, DEMO_FILE)
    if db.session.scalar(select(Festival.id).where(Festival.slug == doc.slug)) is not None:
        click.echo(f"{doc.slug}: already loaded; see /f/{doc.slug}/")
        return
    _load(raw, replace=False, dry_run=False, source=DEMO_FILE, actor="festival demo")
    click.echo(f"open /f/{doc.slug}/ (festival run, then http://127.0.0.1:5000/f/{doc.slug}/)")


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, organiser or viewer")
@with_appcontext
def create_user_command(email: str, role: str) -> None:
    """Add a user; the password comes from a prompt (or stdin when not a terminal)."""
    email = email.strip().lower()
    if role not in set(Role):
        raise ValidationFailed([], f"unknown role {role!r}: use {', '.join(Role)}")
    if not EMAIL_RE.fullmatch(email):
        raise ValidationFailed([], f"{email!r} is not an e-mail address")
    password = _read_password()
    if len(password) < 8:
        raise ValidationFailed([], "the password needs at least 8 characters")

    def create() -> User:
        if db.session.scalar(select(User.id).where(User.email == email)) is not None:
            raise ValidationFailed([], f"a user {email} exists already")
        user = User(email=email, role=role, created_at=_now())
        user.set_password(password)
        db.session.add(user)
        db.session.flush()
        return user

    run_write(create)
    click.echo(f"created {role} {email}")


@command("report")
@click.argument("report")
@click.argument("slug")
@click.option(
    "--format",
    "fmt",
    default="csv",
    help="csv (default, to stdout), xlsx or pdf (both need -o).",
)
@click.option("-o", "--output", default=None, help="File to write ('-' for stdout).")
@click.option(
    "--lang", default=None, help="Language of XLSX/PDF headings (default: the festival's first)."
)
@with_appcontext
def report_command(report: str, slug: str, fmt: str, output: str | None, lang: str | None) -> None:
    """A report: rooming, transfers, dietary, interpreters or arrivals, as CSV (stdout by
    default), XLSX or PDF."""
    from festival.exports.reports import FORMATS, REPORTS, render

    if report not in REPORTS:
        raise InvalidOption(f"unknown report {report!r}: use {', '.join(REPORTS)}")
    if fmt not in FORMATS:
        raise InvalidOption(f"--format must be one of {', '.join(FORMATS)} (got {fmt[:20]!r})")
    if fmt != "csv" and output is None:
        raise InvalidOption(f"--format {fmt} writes a file: give -o FILE")
    if lang is not None and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        raise InvalidOption(f"--lang is no language tag (got {lang[:20]!r})")
    festival = _festival(slug)
    if fmt == "csv" and output is None:
        click.echo(REPORTS[report](festival), nl=False)
        return
    data = render(festival, report, fmt, lang=lang)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert output is not None
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise InvalidOption(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}: {report} report, {fmt}, {len(data) // 1024} KB", err=True)


@command("create-token")
@click.argument("email")
@with_appcontext
def create_token_command(email: str) -> None:
    """Print a new API token for the user (the token is the last word of the output)."""
    from festival.services.accounts import create_api_token

    token = run_write(lambda: create_api_token(email, now=_now()))
    click.echo(f"API token for {email.strip().lower()} (shown once, keep it secret): {token}")


COMMANDS = [
    report_command,
    create_token_command,
    import_command,
    export_command,
    check_command,
    links_command,
    demo_command,
    create_user_command,
]


def register_commands(app: Flask) -> None:
    from festival.cli import booklet, feeds, planning, privacy

    for cmd in [
        *COMMANDS,
        *feeds.COMMANDS,
        *booklet.COMMANDS,
        *planning.COMMANDS,
        *privacy.COMMANDS,
    ]:
        app.cli.add_command(cmd)


def _create_app() -> Flask:
    from festival import create_app

    return create_app()


@click.group(cls=FestivalGroup, create_app=_create_app, add_version_option=True)
def main() -> None:
    """Festival: plan, publish and print a Sister Cities Week."""
