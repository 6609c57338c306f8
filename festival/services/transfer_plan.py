"""Plan the missing arrival and departure transfers of a festival, and write the plan.

``propose_transfers`` reads the stored festival (``load_festival``: a fixed number of
queries) and asks the pure planner (``festival.scheduling.transfer_plan``).
``apply_transfer_plan`` plans again and writes every planned transfer through
``create_transfers`` (the transfer service that checks a batch against the rules of
section 5 in one run), each recorded in the history as a created transfer; all or nothing
(the caller commits or rolls back).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from festival.errors import FestivalError, Overtaken
from festival.models import Festival
from festival.scheduling.transfer_plan import (
    DEFAULT_TRIP,
    DEFAULT_WINDOW,
    TransferPlan,
    plan_transfers,
)
from festival.services.history import Actor
from festival.services.logistics import create_transfers
from festival.services.specs import festival_spec

DEFAULT_WINDOW_MINUTES = int(DEFAULT_WINDOW.total_seconds() // 60)
DEFAULT_TRIP_MINUTES = int(DEFAULT_TRIP.total_seconds() // 60)
# A week: a wider window or a longer trip is a typing mistake, not a plan.
MAX_MINUTES = 7 * 24 * 60
# What the history says made a planned transfer.
PLAN_SUMMARY = "transfer plan"


class PlanIncomplete(FestivalError):
    """Some delegation cannot be served: the plan is not written (``plan.unserved`` says
    who and why)."""

    status = 422
    code = "plan-incomplete"
    title = "Some delegations cannot be served"

    def __init__(self, plan: TransferPlan) -> None:
        self.plan = plan
        names = ", ".join(f"{u.delegation} ({u.kind}: {u.reason})" for u in plan.unserved)
        super().__init__(f"cannot serve {names}; nothing was written")


def propose_transfers(
    festival: Festival,
    *,
    window_minutes: int = DEFAULT_WINDOW_MINUTES,
    trip_minutes: int = DEFAULT_TRIP_MINUTES,
) -> TransferPlan:
    """The transfers ``festival`` is missing (load it with ``load_festival`` first).

    ``window_minutes`` (at least 0) and ``trip_minutes`` (at least 1), both at most a
    week, are the caller's to check; outside them the planner raises ``ValueError``.
    """
    return plan_transfers(
        festival_spec(festival),
        window=timedelta(minutes=window_minutes),
        trip=timedelta(minutes=trip_minutes),
    )


def apply_transfer_plan(
    festival: Festival,
    *,
    window_minutes: int = DEFAULT_WINDOW_MINUTES,
    trip_minutes: int = DEFAULT_TRIP_MINUTES,
    actor: Actor,
    now: datetime,
    version: int | None = None,
) -> TransferPlan:
    """Plan again and write every planned transfer; returns the plan written.

    ``version``: the festival's version when the plan was shown; another one raises
    ``Overtaken`` (the festival changed, so the plan may have). A plan that cannot serve
    every delegation raises ``PlanIncomplete``; a transfer the rules refuse raises
    ``SchedulingConflict``. Either way nothing must be committed: the caller rolls back
    (``run_write`` does). Flushes; the caller commits.
    """
    if version is not None and version != festival.version:
        raise Overtaken("festival", festival.slug, sent=version, current=festival.version)
    plan = propose_transfers(festival, window_minutes=window_minutes, trip_minutes=trip_minutes)
    if plan.unserved:
        raise PlanIncomplete(plan)
    if plan.transfers:
        create_transfers(
            festival,
            [
                {
                    "key": t.key,
                    "vehicle": t.vehicle,
                    "delegations": list(t.delegations),
                    "from": t.from_place,
                    "to": t.to_place,
                    "starts_at": t.starts_at.astimezone(festival.zone),
                    "ends_at": t.ends_at.astimezone(festival.zone),
                }
                for t in plan.transfers
            ],
            actor=actor,
            now=now,
            summary=PLAN_SUMMARY,
        )
    return plan


__all__ = [
    "DEFAULT_TRIP_MINUTES",
    "DEFAULT_WINDOW_MINUTES",
    "MAX_MINUTES",
    "PLAN_SUMMARY",
    "PlanIncomplete",
    "apply_transfer_plan",
    "propose_transfers",
]
