"""A festival's dashboard: every finding of ``festival check`` grouped by code and linked to
the entities it names, session counts by day and venue, the links organisers hand out (with
QR codes and token rotation), publishing, and the data file to download."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _  # type: ignore[import-untyped]
from markupsafe import Markup

from festival.errors import NotFound
from festival.exports.festival_data import export_json
from festival.models import Festival
from festival.queries.checks import (
    counts,
    delegation_links,
    festival_findings,
    hold_keys,
    session_counts,
)
from festival.queries.filters import ProgrammeFilter
from festival.scheduling.findings import Finding
from festival.services import festivals as svc
from festival.services.specs import load_festival
from festival.services.tokens import rotate_token
from festival.services.unit import run_write
from festival.subscribe import qr_svg
from festival.urls import ExternalLinks
from festival.views.organise import actor, bp, festival_or_404, organise_url, utcnow

# A finding's name -> the kind of entity its keys name (edit pages: organise.<kind>_edit).
ENTITY_NAMES = {
    "session": "session",
    "sessions": "session",
    "venue": "venue",
    "delegation": "delegation",
    "vehicle": "vehicle",
    "transfer": "transfer",
    "transfers": "transfer",
    "interpreter": "interpreter",
    "assignment": "interpreter_assignment",
    "assignments": "interpreter_assignment",
    "member": "member",
}


@dataclass(frozen=True)
class KeyRef:
    """One key a finding names, with the page of its entity when that page exists."""

    key: str
    url: str | None


@dataclass(frozen=True)
class NamedKeys:
    name: str
    keys: tuple[KeyRef, ...]


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    names: tuple[NamedKeys, ...]


@dataclass(frozen=True)
class FindingGroup:
    code: str
    is_error: bool
    items: tuple[FindingView, ...]


def entity_url(slug: str, kind: str, key: str, *, delegation: str | None = None) -> str | None:
    """The edit page of entity ``kind`` ``key``; None while no such page exists (plain text
    then). Members are named within their delegation."""
    if kind == "member":
        if delegation is None:
            return None
        return organise_url("organise.member_edit", slug=slug, delegation=delegation, key=key)
    return organise_url(f"organise.{kind}_edit", slug=slug, key=key)


def _finding_view(slug: str, finding: Finding, holds: frozenset[str]) -> FindingView:
    named = []
    for name, value in finding.names:
        kind = ENTITY_NAMES.get(name)
        refs = []
        for key in value.split(",") if kind else [value]:
            url = None
            if kind is not None:
                own_kind = "venue_hold" if kind == "session" and key in holds else kind
                url = entity_url(slug, own_kind, key, delegation=finding.get("delegation"))
            refs.append(KeyRef(key, url))
        named.append(NamedKeys(name, tuple(refs)))
    return FindingView(finding, tuple(named))


def group_findings(slug: str, findings: list[Finding], holds: frozenset[str]) -> list[FindingGroup]:
    """Findings grouped by code: errors' codes first, then in order of first appearance."""
    groups: dict[tuple[bool, str], list[FindingView]] = {}
    for finding in findings:
        groups.setdefault((finding.is_error, finding.code), []).append(
            _finding_view(slug, finding, holds)
        )
    ordered = sorted(groups.items(), key=lambda item: not item[0][0])
    return [FindingGroup(code, is_error, tuple(items)) for (is_error, code), items in ordered]


@dataclass(frozen=True)
class HandOut:
    """A link organisers hand out, with its QR code."""

    label: str
    url: str
    qr: Markup


def _hand_out(label: str, url: str) -> HandOut:
    return HandOut(label, url, qr_svg(url, _("QR code of %(address)s", address=url)))


@bp.get("/<slug>/")
def dashboard(slug: str) -> str:
    festival = festival_or_404(slug)
    findings = festival_findings(festival.id, festival.version, festival.slug)
    errors, warnings = counts(findings)
    links = ExternalLinks()
    public = [
        _hand_out(_("Public programme"), links.programme(slug)),
        _hand_out(_("Public calendar feed"), links.public_feed(slug, ProgrammeFilter())),
    ]
    delegations = [
        (
            d,
            _hand_out(_("Itinerary page"), links.delegation_page(d.token)),
            _hand_out(_("Private calendar feed"), links.delegation_feed(d.token)),
        )
        for d in delegation_links(festival.id)
    ]
    return render_template(
        "organise/dashboard.html",
        festival=festival,
        groups=group_findings(slug, findings, hold_keys(festival.id)),
        errors=errors,
        warnings=warnings,
        sessions=session_counts(festival),
        public=public,
        delegations=delegations,
    )


def _publish_step(slug: str, change: str) -> ResponseReturnValue:
    def work() -> tuple[Festival, bool]:
        festival = festival_or_404(slug)
        step = svc.publish if change == "publish" else svc.unpublish
        return festival, step(festival, actor=actor(), now=utcnow())

    festival, changed = run_write(work)
    if change == "publish":
        message = _("The festival is published.") if changed else _("It was published already.")
    else:
        message = (
            _("The festival is a draft again: its public pages answer 404.")
            if changed
            else _("It was a draft already.")
        )
    flash(message, "notice")
    return redirect(url_for("organise.dashboard", slug=festival.slug), 303)


@bp.post("/<slug>/publish")
def publish(slug: str) -> ResponseReturnValue:
    return _publish_step(slug, "publish")


@bp.post("/<slug>/unpublish")
def unpublish(slug: str) -> ResponseReturnValue:
    return _publish_step(slug, "unpublish")


@bp.post("/<slug>/delegations/<key>/token")
def rotate_delegation_token(slug: str, key: str) -> ResponseReturnValue:
    """A new private token for the delegation: its old page and feed answer 404 at once."""

    def work() -> None:
        festival = festival_or_404(slug)
        rotate_token(festival, key, utcnow(), actor=actor())

    try:
        run_write(work)
    except NotFound:
        abort(404)
    flash(
        _("Delegation %(key)s has new private links; the old ones no longer work.", key=key),
        "notice",
    )
    return redirect(url_for("organise.dashboard", slug=slug, _anchor=f"delegation-{key}"), 303)


@bp.get("/<slug>/export")
def export(slug: str) -> Response:
    """The festival data file, as ``festival export`` writes it."""
    festival = load_festival(slug)
    if festival is None:
        abort(404)
    response = Response(export_json(festival), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{festival.slug}.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
