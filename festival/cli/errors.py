"""How every festival command answers a ``FestivalError``: in one place, on stderr, with the
exit code the error class states (CONTRACT section 2), never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from flask.cli import FlaskGroup, ScriptInfo

from festival.errors import FestivalError, ValidationFailed


def report(exc: FestivalError) -> None:
    """Print ``exc`` for a person at a terminal: a refusal lists every finding (errors first,
    then warnings) and says nothing was written; anything else is one ``error:`` line."""
    if isinstance(exc, ValidationFailed) and exc.findings:
        for finding in exc.findings:
            click.echo(finding.line(), err=True)
        count = len(exc.errors)
        errors = "1 error" if count == 1 else f"{count} errors"
        click.echo(f"refused: {errors}, nothing was written", err=True)
    else:
        click.echo(f"error: {exc}", err=True)


class FestivalCommand(click.Command):
    """A command whose ``FestivalError`` (raised by it or while loading the app) is reported
    and turned into its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FestivalError as exc:
            report(exc)
            ctx.exit(exc.exit_code)


def command(name: str, **attrs: Any) -> Callable[[Callable[..., Any]], click.Command]:
    """``click.command`` for the festival commands: errors answered by ``FestivalCommand``."""
    return click.command(name, cls=FestivalCommand, **attrs)


class FestivalGroup(FlaskGroup):
    """The ``festival`` group: an app that cannot load for a reason the user can fix (no
    ``SECRET_KEY``) is reported like any command's error, not with a traceback."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        try:
            return super().get_command(ctx, name)
        except FestivalError as exc:
            report(exc)
            ctx.exit(exc.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except FestivalError as exc:
            report(exc)
            self._load_plugin_commands()
            return sorted(click.Group.list_commands(self, ctx))
        return super().list_commands(ctx)
