"""Planning commands: ``festival plan-transfers SLUG``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, tzinfo

import click
from flask.cli import with_appcontext

from festival.cli.errors import command
from festival.errors import NotFound
from festival.models import Festival
from festival.scheduling.timefmt import format_instant, format_range
from festival.scheduling.transfer_plan import (
    BUSY,
    NO_HOTEL,
    NO_VEHICLES,
    TOO_SMALL,
    PlannedTransfer,
    TransferPlan,
    Unserved,
)
from festival.services.specs import load_festival
from festival.services.transfer_plan import (
    DEFAULT_TRIP_MINUTES,
    DEFAULT_WINDOW_MINUTES,
    MAX_MINUTES,
    PlanIncomplete,
    apply_transfer_plan,
    propose_transfers,
)
from festival.services.unit import run_write

ACTOR = "festival plan-transfers"

REASON_TEXT = {
    NO_HOTEL: "the delegation has no hotel",
    NO_VEHICLES: "the festival has no vehicles",
    TOO_SMALL: "no vehicle has {people} seats",
    BUSY: "every vehicle big enough is busy within the window",
}


def _festival(slug: str) -> Festival:
    festival = load_festival(slug)
    if festival is None:
        raise NotFound(f"no festival with slug {slug!r}")
    return festival


def transfer_line(t: PlannedTransfer, zone: tzinfo) -> str:
    """One planned transfer: key, direction, times, route, vehicle, seats, delegations."""
    seats = "?" if t.seats is None else str(t.seats)
    return (
        f"{t.key}\t{t.kind}\t{format_range(t.starts_at, t.ends_at, zone)}\t"
        f"{t.from_place} -> {t.to_place}\t{t.vehicle}\t{t.people}/{seats} seats\t"
        f"{','.join(t.delegations)}"
    )


def unserved_line(u: Unserved, zone: tzinfo) -> str:
    """Who cannot be served, and why."""
    reason = REASON_TEXT[u.reason].format(people=u.people)
    return (
        f"cannot serve delegation={u.delegation} {u.kind} {u.place} "
        f"{format_instant(u.at, zone)} ({u.people} people): {reason}"
    )


def _print_plan(plan: TransferPlan, zone: tzinfo) -> None:
    for t in plan.transfers:
        click.echo(transfer_line(t, zone))


@command("plan-transfers")
@click.argument("slug")
@click.option(
    "--window",
    type=click.IntRange(0, MAX_MINUTES),
    default=DEFAULT_WINDOW_MINUTES,
    show_default=True,
    metavar="MINUTES",
    help="How long after an arrival (before a departure) its transfer may start (end).",
)
@click.option(
    "--trip-minutes",
    type=click.IntRange(1, MAX_MINUTES),
    default=DEFAULT_TRIP_MINUTES,
    show_default=True,
    metavar="MINUTES",
    help="How long each transfer lasts.",
)
@click.option("--apply", "apply_", is_flag=True, help="Write the planned transfers.")
@with_appcontext
def plan_transfers_command(slug: str, window: int, trip_minutes: int, apply_: bool) -> None:
    """Propose the missing arrival and departure transfers; --apply writes them, all or
    nothing. Exit 1 when some delegation cannot be served (nothing is written)."""
    festival = _festival(slug)
    zone = festival.zone
    click.echo(
        f"{festival.slug}: window {window} min, trip {trip_minutes} min, "
        f"times in {festival.timezone}"
    )
    if not apply_:
        plan = propose_transfers(festival, window_minutes=window, trip_minutes=trip_minutes)
    else:

        def write() -> TransferPlan:
            return apply_transfer_plan(
                _festival(slug),
                window_minutes=window,
                trip_minutes=trip_minutes,
                actor=ACTOR,
                now=datetime.now(UTC),
            )

        try:
            plan = run_write(write)
        except PlanIncomplete as exc:
            plan = exc.plan
    if plan.unserved:
        for u in plan.unserved:
            click.echo(unserved_line(u, zone), err=True)
        count = len(plan.unserved)
        click.echo(
            f"refused: {count} arrival(s) or departure(s) cannot be served, nothing was written",
            err=True,
        )
        sys.exit(1)
    if not plan.transfers:
        click.echo("nothing to plan: every arrival and departure with a place has a transfer")
        return
    _print_plan(plan, zone)
    served = sum(len(t.delegations) for t in plan.transfers)
    summary = f"{len(plan.transfers)} transfer(s) for {served} arrival(s) and departure(s)"
    if apply_:
        click.echo(f"wrote {summary}")
    else:
        click.echo(f"planned {summary}; nothing written (use --apply to write them)")


COMMANDS: list[click.Command] = [plan_transfers_command]
