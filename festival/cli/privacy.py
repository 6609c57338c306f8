"""Personal data commands: ``festival erase-member SLUG DELEGATION MEMBER``."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import with_appcontext

from festival.cli.errors import command
from festival.errors import NotFound
from festival.services.privacy import erase_member
from festival.services.specs import load_festival
from festival.services.unit import run_write


@command("erase-member")
@click.argument("slug")
@click.argument("delegation")
@click.argument("member")
@with_appcontext
def erase_member_command(slug: str, delegation: str, member: str) -> None:
    """Erase MEMBER's personal data (name, e-mail, phone, diet, accessibility, needs, room)
    everywhere, the history included; the member stays, counted, as "erased member"."""

    def erase() -> None:
        festival = load_festival(slug)
        if festival is None:
            raise NotFound(f"no festival with slug {slug!r}")
        erase_member(
            festival, delegation, member, actor="festival erase-member", now=datetime.now(UTC)
        )

    run_write(erase)
    click.echo(f"erased {delegation}/{member}")


COMMANDS: list[click.Command] = [erase_member_command]
