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

from datetime import date, timedelta
from typing import Any

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from festival.exports.festival_data import session_entity
from festival.forms.base import EntityForm, choices
from festival.forms.events import SessionForm, status_choices, statuses
from festival.i18n.formatting import kind_label, status_label
from festival.models import Event, Festival, Venue
from festival.queries import listings
from festival.queries.listings import keyed_names, session_filters
from festival.services import events as event_service
from festival.services import sessions as session_service
from festival.services.editing import as_item
from festival.views.organise import bp, festival_or_404
from festival.views.organise import workspace_language as page_language
from festival.views.organise.entities import (
    Column,
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
        form.event.data = request.args.get("event", "")
    return form


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
