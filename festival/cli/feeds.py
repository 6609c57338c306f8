"""Feed commands: ``festival rotate-token SLUG DELEGATION``."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from festival.cli.errors import command
from festival.errors import NotFound
from festival.services.specs import load_festival
from festival.services.tokens import rotate_token
from festival.services.unit import run_write


@command("rotate-token")
@click.argument("slug")
@click.argument("delegation")
@with_appcontext
def rotate_token_command(slug: str, delegation: str) -> None:
    """Issue a new private feed token for DELEGATION; its old page and feed URLs answer 404.

    Prints the new feed path like ``festival links``: DELEGATION<TAB>/d/TOKEN/calendar.ics.
    """

    def rotate() -> str:
        festival = load_festival(slug)
        if festival is None:
            raise NotFound(f"no festival with slug {slug!r}")
        return rotate_token(festival, delegation, datetime.now(UTC), actor="festival rotate-token")

    token = run_write(rotate)
    click.echo(f"{delegation}\t/d/{token}/calendar.ics")


COMMANDS: list[click.Command] = [rotate_token_command]
