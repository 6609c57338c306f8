"""Sessions in the workspace: the list (by day, venue, event, status; searched, sorted,
paged) and the contract's writes (CONTRACT section 7):

- ``POST /organise/SLUG/sessions`` creates one from ``key``, ``event``, ``venue``,
  ``starts_at``, ``ends_at``, ``status`` (wall times in the festival's zone): 303 to its
  page; an error of section 5 is the form again (422) naming the finding's code and every
  key it names, nothing written; warnings are saved and shown on its page.
- ``POST /organise/SLUG/sessions/KEY`` changes one: a field left out keeps its value; the
  same answers; with ``version`` (what the edit form showed), a change someone else's save
  has overtaken answers 409 with a reload link.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from festival.errors import Overtaken, ValidationFailed
from festival.exports.festival_data import session_entity
from festival.extensions import db
from festival.forms.base import EntityForm, choices
from festival.forms.events import SessionForm, status_choices, statuses
from festival.i18n.formatting import kind_label, status_label
from festival.models import Event, Festival, Session, Venue, VenueHold
from festival.queries import listings
from festival.queries.listings import keyed_names, session_filters
from festival.scheduling.findings import Finding
from festival.services import events as event_service
from festival.services import sessions as session_service
from festival.services.editing import as_item
from festival.views.organise import bp, festival_or_404
from festival.views.organise import workspace_language as page_language
from festival.views.organise.entities import (
    Column,
    JsonAnswers,
    Kind,
    Spans,
    list_page,
    register,
    span,
    usual_zone,
)


def _session_form(festival: Festival, row: Any = None) -> EntityForm:
    form = SessionForm()

    def choose() -> None:
        form.status.choices = status_choices(page_language())
        form.event.choices = choices(
            keyed_names(Event, festival, Event.title), blank=_("Choose an event")
        )
        form.venue.choices = choices(
            keyed_names(Venue, festival, Venue.name), blank=_("Choose a venue")
        )

    form.later(choose)
    if row is None and request.method == "GET":
        # Prefills: from an event's page (``event=``), or a free slot the grid found
        # (``venue=``, ``starts_at=``, ``ends_at=``: wall times, or times with an offset).
        form.event.data = request.args.get("event", "")[:64]
        form.venue.data = request.args.get("venue", "")[:64]
        for name in ("starts_at", "ends_at"):
            moment = _prefill_time(request.args.get(name, ""), festival)
            if moment is not None:
                form[name].data = moment
    return form


def _prefill_time(text: str, festival: Festival) -> str | None:
    """``text`` as the form's wall time (``YYYY-MM-DDTHH:MM`` in the festival's zone), or
    None when it is no time."""
    if not 16 <= len(text) <= 32:
        return None
    try:
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is not None:
            moment = moment.astimezone(festival.zone)
    except (ValueError, OverflowError):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M")


def _session_item(festival: Festival, row: Any) -> dict[str, Any]:
    item = as_item(session_entity(row, row.event.key), festival)
    return {**item, "event": row.event.key, "version": row.version}


def _fill(form: EntityForm, item: dict[str, Any], festival: Festival) -> None:
    assert isinstance(form, SessionForm)
    form.fill(item, festival.zone)


def _create(festival: Festival, values: dict[str, Any], **kw: Any) -> Any:
    values.pop("version", None)
    return event_service.create_session(festival, values, **kw)


def _update(festival: Festival, key: str, values: dict[str, Any], **kw: Any) -> Any:
    version = values.pop("version", None)
    return event_service.change_session(festival, key, values, version=version, **kw)


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "names": dict(finding.names),
        "line": finding.line(),
    }


def _others(festival: Festival, key: str, findings: list[Finding]) -> list[dict[str, str]]:
    """The other sessions and holds the findings name, each with its title (or reason)."""
    keys: list[str] = []
    for finding in findings:
        for name, value in finding.names:
            if name in ("session", "sessions"):
                keys.extend(k for k in value.split(",") if k != key and k not in keys)
    if not keys:
        return []
    titles: dict[str, str] = {
        key: title
        for key, title in db.session.execute(
            db.select(Session.key, Event.title)
            .join(Event, Event.id == Session.event_id)
            .where(Session.festival_id == festival.id, Session.key.in_(keys))
        )
    }
    holds = set(
        db.session.scalars(
            db.select(VenueHold.key).where(
                VenueHold.festival_id == festival.id, VenueHold.key.in_(keys)
            )
        )
    )
    return [
        {"key": k, "kind": "hold" if k in holds else "session", "title": titles.get(k, "")}
        for k in keys
    ]


def _json_saved(festival: Festival, key: str, outcome: Any) -> ResponseReturnValue:
    row = outcome.item
    zone = festival.zone
    return jsonify(
        key=row.key,
        version=row.version,
        venue=row.venue.key,
        starts_at=row.starts_at.astimezone(zone).isoformat(),
        ends_at=row.ends_at.astimezone(zone).isoformat(),
        status=row.status,
        warnings=[finding_json(f) for f in outcome.warnings],
        message=_("Saved: %(key)s.", key=key),
    )


def _json_refused(festival: Festival, key: str, refused: ValidationFailed) -> ResponseReturnValue:
    others = _others(festival, key, refused.errors)
    named = ", ".join(f"{o['key']} ({o['title']})" if o["title"] else o["key"] for o in others)
    codes = ", ".join(dict.fromkeys(f.code for f in refused.errors))
    message = (
        _("%(key)s was not moved: %(codes)s with %(others)s.", key=key, codes=codes, others=named)
        if others
        else _("%(key)s was not moved: %(codes)s.", key=key, codes=codes)
    )
    return (
        jsonify(
            error=refused.errors[0].code if refused.errors else "invalid",
            message=message,
            others=others,
            errors=[finding_json(f) for f in refused.errors],
            warnings=[finding_json(f) for f in refused.warnings],
        ),
        422,
    )


def _json_overtaken(festival: Festival, key: str, overtaken: Overtaken) -> ResponseReturnValue:
    return (
        jsonify(
            error="overtaken",
            message=_(
                "Someone else changed %(key)s in the meantime; nothing was saved. Reload to "
                "see their change.",
                key=key,
            ),
            sent=overtaken.sent,
            current=overtaken.current,
            reload=url_for("organise.session_edit", slug=festival.slug, key=key),
        ),
        409,
    )


def _when(row: dict[str, Any], festival: Festival) -> str:
    return span(row.get("starts_at"), row.get("ends_at"), festival)


SESSION = Kind(
    name="session",
    path="sessions",
    list_name="sessions",
    plural=_l("Sessions"),
    one=_l("Session"),
    listing=listings.SESSIONS,
    columns=(
        Column("when", _l("When"), sort="starts_at", show=_when),
        Column("title", _l("Session"), sort="title"),
        Column("venue_name", _l("Venue"), sort="venue"),
        Column("status", _l("Status"), sort="status"),
    ),
    make_form=_session_form,
    get=session_service.get_session,
    item=_session_item,
    fill=_fill,
    create=_create,
    update=_update,
    delete=event_service.delete_session,
    findings=event_service.session_findings,
    heading=lambda row: f"{row.event.title} · {row.key}",
    own_list=True,
    json=JsonAnswers(saved=_json_saved, refused=_json_refused, overtaken=_json_overtaken),
)
register(SESSION)


def _day(text: str, festival: Festival) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return (
        day
        if festival.starts_on - timedelta(days=31) <= day <= festival.ends_on + timedelta(days=31)
        else None
    )


@bp.get("/<slug>/sessions")
def session_list(slug: str) -> ResponseReturnValue:
    """Every session, ``?day=`` (festival-local), ``?venue=``, ``?event=``, ``?status=``,
    ``?delegation=`` narrowing it, ``?q=`` searching key, title and venue."""
    festival = festival_or_404(slug)
    args = request.args
    filters = {
        name: args.get(name, "")[:64] for name in ("day", "venue", "event", "status", "delegation")
    }
    day = _day(filters["day"], festival)
    page = list_page(
        listings.SESSIONS,
        festival,
        where=session_filters(
            festival,
            day=day,
            venue=filters["venue"],
            event=filters["event"],
            status=filters["status"],
            delegation=filters["delegation"],
        ),
    )
    lang = page_language()
    usual = usual_zone(festival)
    spans = Spans(festival, usual=usual, lang=lang)
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    # Keys are URL-safe by the reader's rule: one URL built, the rows' added to it.
    base = url_for("organise.session_list", slug=festival.slug)
    rows = []
    for r in page.rows:
        kind, status = r["kind"], r["status"]
        if kind not in kinds:
            kinds[kind] = kind_label(kind, lang)
        if status not in labels:
            labels[status] = status_label(status, lang)
        rows.append(
            (
                f"{base}/{r['key']}",
                r["key"],
                spans(r["starts_at"], r["ends_at"]),
                r["title"],
                kinds[kind],
                r["venue_name"] or r["venue"],
                status,
                labels[status],
            )
        )
    days = [
        festival.starts_on + timedelta(days=n)
        for n in range((festival.ends_on - festival.starts_on).days + 1)
    ]
    return render_template(
        "organise/session_list.html",
        festival=festival,
        kind=SESSION,
        page=page,
        rows=rows,
        filters=filters,
        days=days,
        venues=keyed_names(Venue, festival, Venue.name),
        statuses=statuses(lang),
        usual_zone=usual,
    )
