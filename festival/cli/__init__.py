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
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import select

from festival.datafile import Unreadable, validate_bytes
from festival.errors import ValidationFailed
from festival.extensions import db
from festival.models import ROLES, Festival, User
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding
from festival.services.importer import import_document
from festival.services.specs import festival_spec, load_festival
from festival.services.unit import run_write

DEMO_FILE = "demo-isfahan-2026.json"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _now() -> datetime:
    return datetime.now(UTC)


def _print_findings(findings: list[Finding], *, err: bool) -> None:
    for finding in findings:
        click.echo(finding.line(), err=err)


def _festival_or_exit(slug: str) -> Festival:
    festival = load_festival(slug)
    if festival is None:
        click.echo(f"error: no festival with slug {slug!r}", err=True)
        sys.exit(1)
    return festival


def _load(raw: bytes, *, replace: bool, dry_run: bool, source: str, actor: str) -> int:
    """Validate and (unless ``dry_run``) store a data file, recorded in the history as the
    command ``actor``'s; returns the exit code."""
    try:
        doc, findings = validate_bytes(raw)
    except Unreadable as exc:
        click.echo(f"error: {source}: {exc}", err=True)
        return 2
    errors = [f for f in findings if f.is_error]
    if errors or doc is None:
        _print_findings(findings, err=True)
        click.echo(f"refused: {len(errors)} error(s), nothing was written", err=True)
        return 1
    if dry_run:
        _print_findings(findings, err=True)
        click.echo(f"{doc.slug}: valid ({len(findings)} warning(s)); dry run, nothing written")
        return 0
    try:
        festival = run_write(
            lambda: import_document(doc, findings, replace=replace, now=_now(), actor=actor)
        )
    except ValidationFailed as exc:
        _print_findings(exc.findings, err=True)
        click.echo("refused: nothing was written", err=True)
        return 1
    _print_findings(findings, err=True)
    sessions = sum(len(e["sessions"]) for e in doc.events)
    click.echo(
        f"{'replaced' if replace else 'imported'} {festival.slug}: {len(doc.events)} events, "
        f"{sessions} sessions, {len(doc.venues)} venues, {len(doc.delegations)} delegations"
        f" ({len(findings)} warning(s))"
    )
    return 0


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=str))
@click.option("--replace", is_flag=True, help="Replace the festival with the same slug.")
@click.option("--dry-run", is_flag=True, help="Validate and report; write nothing.")
@with_appcontext
def import_command(file: str, replace: bool, dry_run: bool) -> None:
    """Load a festival data file, all or nothing."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        click.echo(f"error: cannot read {file}: {exc.strerror}", err=True)
        sys.exit(2)
    sys.exit(_load(raw, replace=replace, dry_run=dry_run, source=file, actor="festival import"))


@click.command("export")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default="-")
@with_appcontext
def export_command(slug: str, output: str) -> None:
    """Write the festival data file (stdout by default)."""
    from festival.exports.festival_data import export_json

    text = export_json(_festival_or_exit(slug))
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")


@click.command("check")
@click.argument("slug")
@with_appcontext
def check_command(slug: str) -> None:
    """Re-validate a stored festival: one line per finding."""
    findings = check_festival(festival_spec(_festival_or_exit(slug)))
    _print_findings(findings, err=False)
    sys.exit(1 if any(f.is_error for f in findings) else 0)


@click.command("links")
@click.argument("slug")
@with_appcontext
def links_command(slug: str) -> None:
    """One line per feed: the public one, then each delegation's private one."""
    festival = _festival_or_exit(slug)
    click.echo(f"public\t/f/{festival.slug}/calendar.ics")
    for delegation in festival.delegations:
        click.echo(f"{delegation.key}\t/d/{delegation.token}/calendar.ics")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Create the schema if needed and load the demo festival (idempotent)."""
    from flask_migrate import upgrade

    upgrade()
    raw = (files("festival") / "data" / DEMO_FILE).read_bytes()
    doc, _ = validate_bytes(raw)
    assert doc is not None
    if db.session.scalar(select(Festival.id).where(Festival.slug == doc.slug)) is not None:
        click.echo(f"{doc.slug}: already loaded; see /f/{doc.slug}/")
        return
    code = _load(raw, replace=False, dry_run=False, source=DEMO_FILE, actor="festival demo")
    if code == 0:
        click.echo(f"open /f/{doc.slug}/ (festival run, then http://127.0.0.1:5000/f/{doc.slug}/)")
    sys.exit(code)


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, organiser or viewer")
@with_appcontext
def create_user_command(email: str, role: str) -> None:
    """Add a user; the password comes from a prompt (or stdin when not a terminal)."""
    email = email.strip().lower()
    if role not in ROLES:
        click.echo(f"error: unknown role {role!r}: use {', '.join(ROLES)}", err=True)
        sys.exit(1)
    if not EMAIL_RE.match(email):
        click.echo(f"error: {email!r} is not an e-mail address", err=True)
        sys.exit(1)
    password = _read_password()
    if len(password) < 8:
        click.echo("error: the password needs at least 8 characters", err=True)
        sys.exit(1)

    def create() -> User:
        if db.session.scalar(select(User.id).where(User.email == email)) is not None:
            raise ValidationFailed([], f"a user {email} exists already")
        user = User(email=email, role=role, created_at=_now())
        user.set_password(password)
        db.session.add(user)
        db.session.flush()
        return user

    try:
        run_write(create)
    except ValidationFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created {role} {email}")


@click.command("report")
@click.argument("report")
@click.argument("slug")
@with_appcontext
def report_command(report: str, slug: str) -> None:
    """CSV on stdout: rooming, transfers, dietary or interpreters."""
    from festival.exports.reports import REPORTS

    if report not in REPORTS:
        click.echo(f"error: unknown report {report!r}: use {', '.join(REPORTS)}", err=True)
        sys.exit(2)
    click.echo(REPORTS[report](_festival_or_exit(slug)), nl=False)


@click.command("create-token")
@click.argument("email")
@with_appcontext
def create_token_command(email: str) -> None:
    """Print a new API token for the user (the token is the last word of the output)."""
    from festival.errors import NotFound
    from festival.services.accounts import create_api_token

    try:
        token = run_write(lambda: create_api_token(email, now=_now()))
    except NotFound as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
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
    from festival.cli import booklet, feeds

    for command in [*COMMANDS, *feeds.COMMANDS, *booklet.COMMANDS]:
        app.cli.add_command(command)


def _create_app() -> Flask:
    from festival import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=True)
def main() -> None:
    """Festival: plan, publish and print a Sister Cities Week."""
