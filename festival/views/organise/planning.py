"""The transfer planner in the workspace: the proposal of ``festival plan-transfers``, shown
first (``GET``), then written all or nothing (``POST``, organisers and admins)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from festival.errors import Overtaken, ValidationFailed
from festival.models import Festival
from festival.scheduling.transfer_plan import (
    ARRIVAL,
    BUSY,
    NO_HOTEL,
    NO_VEHICLES,
    TOO_SMALL,
    TransferPlan,
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
from festival.views.organise import actor, bp, utcnow
from festival.views.organise.entities import Spans, finding_views, usual_zone, when

KIND_LABELS = {ARRIVAL: _l("Arrival"), "departure": _l("Departure")}
REASON_LABELS = {
    NO_HOTEL: _l("The delegation has no hotel."),
    NO_VEHICLES: _l("The festival has no vehicles."),
    TOO_SMALL: _l("No vehicle has enough seats for the whole delegation."),
    BUSY: _l("Every vehicle big enough is busy within the window."),
}


@dataclass
class Options:
    """The planner's two numbers as the form sent them, and what is wrong with them."""

    window: int = DEFAULT_WINDOW_MINUTES
    trip_minutes: int = DEFAULT_TRIP_MINUTES
    raw: dict[str, str] | None = None
    errors: dict[str, str] | None = None


def _read_options(source: Any) -> Options:
    options = Options(raw={}, errors={})
    assert options.raw is not None and options.errors is not None
    for name, low, label in (
        ("window", 0, _("Window (minutes)")),
        ("trip_minutes", 1, _("Trip (minutes)")),
    ):
        text = source.get(name)
        if text is None or text.strip() == "":
            continue
        options.raw[name] = text
        digits = text.strip()
        value = int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 9 else None
        if value is None or not low <= value <= MAX_MINUTES:
            options.errors[name] = _(
                "%(field)s: a whole number of minutes from %(low)d to %(high)d.",
                field=label,
                low=low,
                high=MAX_MINUTES,
            )
            continue
        setattr(options, name, value)
    return options


def _version(text: str) -> int | None:
    """The festival version the form was shown for; None for anything but a plain count."""
    if not (text.isascii() and text.isdigit() and len(text) < 19):
        return None
    return int(text)


def _festival(slug: str) -> Festival:
    festival = load_festival(slug)
    if festival is None:
        abort(404)
    return festival


def _plan_view(festival: Festival, plan: TransferPlan) -> dict[str, Any]:
    """The plan as the page shows it: times in the festival's zone, names beside keys."""
    spans = Spans(festival)
    delegations = {d.key: d for d in festival.delegations}
    hotels = {h.key: h.name for h in festival.hotels}
    vehicles = {v.key: v.name for v in festival.vehicles}

    def named(key: str) -> dict[str, str]:
        d = delegations.get(key)
        return {"key": key, "name": (d.name if d else "") or key}

    rows = [
        {
            "key": t.key,
            "kind": KIND_LABELS[t.kind],
            "when": spans(t.starts_at, t.ends_at),
            "from": {"key": t.from_place, "name": hotels.get(t.from_place, "")},
            "to": {"key": t.to_place, "name": hotels.get(t.to_place, "")},
            "vehicle": {"key": t.vehicle, "name": vehicles.get(t.vehicle, "")},
            "people": t.people,
            "seats": t.seats,
            "delegations": [named(k) for k in t.delegations],
        }
        for t in plan.transfers
    ]
    unserved = [
        {
            "delegation": named(u.delegation),
            "kind": KIND_LABELS[u.kind],
            "place": u.place,
            "at": when(u.at, festival),
            "people": u.people,
            "reason": REASON_LABELS[u.reason],
        }
        for u in plan.unserved
    ]
    return {"rows": rows, "unserved": unserved}


def _render(
    festival: Festival,
    options: Options,
    *,
    status: int = 200,
    message: str | None = None,
    refused: ValidationFailed | None = None,
) -> ResponseReturnValue:
    plan = None
    if not options.errors:
        plan = propose_transfers(
            festival, window_minutes=options.window, trip_minutes=options.trip_minutes
        )
    return (
        render_template(
            "organise/transfer_plan.html",
            festival=festival,
            options=options,
            plan=plan,
            shown=_plan_view(festival, plan) if plan is not None else None,
            zone=usual_zone(festival),
            message=message,
            refused=finding_views(festival, refused.errors) if refused else [],
        ),
        status if not options.errors else 422,
    )


@bp.get("/<slug>/transfer-plan")
def transfer_plan(slug: str) -> ResponseReturnValue:
    """The transfers the festival is missing, for a window and a trip length (GET form)."""
    festival = _festival(slug)
    return _render(festival, _read_options(request.args))


@bp.post("/<slug>/transfer-plan")
def transfer_plan_apply(slug: str) -> ResponseReturnValue:
    """Plan again with the parameters the page showed and write it, all or nothing; a
    festival changed since then is refused (409) with the new plan shown."""
    festival = _festival(slug)
    options = _read_options(request.form)
    version = _version(request.form.get("version", ""))
    if options.errors:
        return _render(festival, options)
    if version is None:
        message = _("The form did not say which version of the festival it planned for.")
        return _render(festival, options, status=422, message=message)

    def apply() -> TransferPlan:
        return apply_transfer_plan(
            _festival(slug),
            window_minutes=options.window,
            trip_minutes=options.trip_minutes,
            actor=actor(),
            now=utcnow(),
            version=version,
        )

    try:
        plan = run_write(apply)
    except Overtaken:
        message = _(
            "The festival changed since this plan was shown, so nothing was written. "
            "Here is the plan for the festival as it is now."
        )
        return _render(_festival(slug), options, status=409, message=message)
    except PlanIncomplete:
        message = _("Some delegations cannot be served, so nothing was written.")
        return _render(_festival(slug), options, status=422, message=message)
    except ValidationFailed as refused:
        message = _("The rules refused a planned transfer, so nothing was written.")
        return _render(_festival(slug), options, status=422, message=message, refused=refused)
    count = len(plan.transfers)
    if count:
        flash(ngettext("Wrote %(num)d transfer.", "Wrote %(num)d transfers.", count), "notice")
    else:
        flash(_("Nothing to plan: every arrival and departure has its transfer."), "notice")
    return redirect(url_for("organise.transfer_list", slug=slug), 303)
