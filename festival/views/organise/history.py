"""The change history pages: every change to a festival, and one entity's changes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _  # type: ignore[import-untyped]
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from festival.i18n.formatting import (
    digits,
    format_date,
    format_number,
    format_time,
    status_label,
    zone_label,
)
from festival.models import Change, Festival
from festival.queries.history import PAGE_SIZE, history_choices, history_page
from festival.services.history import ENTITY_KINDS, IMPORT
from festival.views.organise import bp, festival_or_404, organise_url, workspace_language

KIND_LABELS: dict[str, Any] = {
    "festival": _l("Festival"),
    "partner_city": _l("Partner city"),
    "venue": _l("Venue"),
    "hotel": _l("Hotel"),
    "delegation": _l("Delegation"),
    "member": _l("Member"),
    "event": _l("Event"),
    "session": _l("Session"),
    "venue_hold": _l("Venue hold"),
    "vehicle": _l("Vehicle"),
    "interpreter": _l("Interpreter"),
    "transfer": _l("Transfer"),
    "interpreter_assignment": _l("Interpreter assignment"),
    "import": _l("Import"),
}
FIELD_LABELS: dict[str, Any] = {
    "event": _l("Event"),
    "venue": _l("Venue"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "status": _l("Status"),
    "reason": _l("Reason"),
    "token": _l("Feed token"),
    "name": _l("Name"),
    "title": _l("Title"),
    "capacity": _l("Capacity"),
    "published": _l("Published"),
    "host_city": _l("Host city"),
    "timezone": _l("Time zone"),
    "starts_on": _l("First day"),
    "ends_on": _l("Last day"),
    "languages": _l("Languages"),
}
# "3 venues": each kind counted in its own words (the catalogs need whole phrases).
KIND_COUNTS: dict[str, Callable[[int], str]] = {
    "festival": lambda n: ngettext("%(num)d festival", "%(num)d festivals", n),
    "partner_city": lambda n: ngettext("%(num)d partner city", "%(num)d partner cities", n),
    "venue": lambda n: ngettext("%(num)d venue", "%(num)d venues", n),
    "hotel": lambda n: ngettext("%(num)d hotel", "%(num)d hotels", n),
    "delegation": lambda n: ngettext("%(num)d delegation", "%(num)d delegations", n),
    "member": lambda n: ngettext("%(num)d member", "%(num)d members", n),
    "event": lambda n: ngettext("%(num)d event", "%(num)d events", n),
    "session": lambda n: ngettext("%(num)d session", "%(num)d sessions", n),
    "venue_hold": lambda n: ngettext("%(num)d venue hold", "%(num)d venue holds", n),
    "vehicle": lambda n: ngettext("%(num)d vehicle", "%(num)d vehicles", n),
    "interpreter": lambda n: ngettext("%(num)d interpreter", "%(num)d interpreters", n),
    "transfer": lambda n: ngettext("%(num)d transfer", "%(num)d transfers", n),
    "interpreter_assignment": lambda n: ngettext(
        "%(num)d interpreter assignment", "%(num)d interpreter assignments", n
    ),
}
ACTION_LABELS: dict[str, Any] = {
    "created": _l("Created"),
    "updated": _l("Changed"),
    "deleted": _l("Deleted"),
}
# An import may touch thousands of sessions: the page names the first few of each kind.
IMPORT_KEYS_SHOWN = 30
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UTC_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?\+00:00$")


@dataclass(frozen=True)
class Ref:
    """An entity named on the page: its kind, key and, where they exist, its edit page and
    its own history."""

    kind: str
    key: str
    label: str
    url: str | None
    history_url: str | None


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: str
    after: str
    # Both sides are times: each is kept on one line.
    timed: bool = False


@dataclass(frozen=True)
class Touched:
    """What an import created, changed or deleted of one kind: how many, and the first keys."""

    action: str
    ref_kind: str
    label: str
    count: str
    refs: list[Ref]
    more: int


@dataclass
class EntryView:
    id: int
    at: datetime
    when: str
    zone: str
    who: str
    by_command: bool
    what: Ref
    action: str
    fields: list[FieldChange] = field(default_factory=list)
    touched: list[Touched] = field(default_factory=list)
    # On an entity's own page: what the import did to that entity.
    touched_entity: str | None = None
    replace: bool = False
    summary: str = ""


def kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ")


def kind_count(kind: str, count: int, lang: str) -> str:
    """``3 venues`` in the page's language and digits."""
    words = KIND_COUNTS.get(kind)
    text = words(count) if words else f"{count} {kind_label(kind)}"
    return digits(text, lang)


def entity_url(festival: Festival, kind: str, key: str) -> str | None:
    """The entity's page, ``organise.<kind>_edit``, or None while none exists.

    A member (key ``DELEGATION/MEMBER``) is tried as ``delegation=…, key=…`` and as the
    whole key; the festival itself as ``organise.festival_edit`` of its slug.
    """
    endpoint = f"organise.{kind}_edit"
    if kind == "festival":
        return organise_url(endpoint, slug=festival.slug)
    if kind == "member" and "/" in key:
        delegation, member = key.split("/", 1)
        url = organise_url(endpoint, slug=festival.slug, delegation=delegation, key=member)
        if url:
            return url
    return organise_url(endpoint, slug=festival.slug, key=key)


def _ref(festival: Festival, kind: str, key: str) -> Ref:
    own_history = None
    if kind in ENTITY_KINDS:
        own_history = url_for("organise.entity_history", slug=festival.slug, kind=kind, key=key)
    return Ref(kind, key, kind_label(kind), entity_url(festival, kind, key), own_history)


def show_value(value: Any, name: str, festival: Festival, lang: str) -> str:
    """A stored value as the page shows it: times in the festival's zone, with the zone."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, str):
        if _UTC_TIME.match(value):
            local = datetime.fromisoformat(value).astimezone(festival.zone)
            return (
                f"{format_date(local.date(), lang)} {format_time(local, lang)} {zone_label(local)}"
            )
        if _DATE.match(value):
            try:
                return format_date(date.fromisoformat(value), lang)
            except ValueError:
                return value
        if name == "status":
            return status_label(value, lang)
        return value
    if isinstance(value, list):
        return ", ".join(show_value(v, name, festival, lang) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {show_value(v, name, festival, lang)}" for k, v in value.items())
    return str(value)


def present(
    change: Change, festival: Festival, lang: str, entity: tuple[str, str] | None = None
) -> EntryView:
    """One entry as the page shows it (no query: everything is on the row). On an entity's
    own page (``entity``) an import says only what it did to that entity."""
    local = change.at.astimezone(festival.zone)
    view = EntryView(
        id=change.id,
        at=local,
        when=f"{format_date(local.date(), lang)} {format_time(local, lang)}",
        zone=zone_label(local),
        who=change.actor_label,
        by_command=change.actor_user_id is None,
        what=_ref(festival, change.kind, change.key),
        action="updated",
        summary=change.summary,
    )
    if change.kind == IMPORT:
        listing = change.after or {}
        view.action = "import"
        view.replace = bool(listing.get("replace"))
        for action in ACTION_LABELS:
            for kind, keys in (listing.get(action) or {}).items():
                if entity is not None:
                    if kind == entity[0] and entity[1] in keys:
                        view.touched_entity = action
                    continue
                shown = [_ref(festival, kind, k) for k in keys[:IMPORT_KEYS_SHOWN]]
                view.touched.append(
                    Touched(
                        action,
                        kind,
                        kind_label(kind),
                        kind_count(kind, len(keys), lang),
                        shown,
                        len(keys) - len(shown),
                    )
                )
        return view
    before, after = change.before, change.after
    view.action = "created" if before is None else "deleted" if after is None else "updated"
    names = list(dict.fromkeys([*(before or {}), *(after or {})]))
    for name in names:
        label = FIELD_LABELS.get(name)
        old, new = (before or {}).get(name), (after or {}).get(name)
        view.fields.append(
            FieldChange(
                str(label) if label is not None else name.replace("_", " "),
                show_value(old, name, festival, lang),
                show_value(new, name, festival, lang),
                timed=all(
                    v is None or (isinstance(v, str) and _UTC_TIME.match(v)) for v in (old, new)
                ),
            )
        )
    return view


def _cursor(name: str) -> int | None:
    return request.args.get(name, type=int)


def _render(festival: Festival, entity: tuple[str, str] | None) -> str:
    lang = workspace_language()
    who = request.args.get("who", "").strip() or None
    kind = None if entity else (request.args.get("kind", "").strip() or None)
    page = history_page(
        festival,
        who=who,
        kind=kind,
        entity=entity,
        before=_cursor("before"),
        after=_cursor("after") if _cursor("before") is None else None,
    )
    filters = {k: v for k, v in (("who", who), ("kind", kind)) if v}
    base = request.path

    def page_url(**cursor: int) -> str:
        query = {**filters, **cursor}
        if lang != "en":
            query["lang"] = lang
        return f"{base}?{urlencode(query)}" if query else base

    choices = history_choices(festival)
    return render_template(
        "organise/history.html",
        festival=festival,
        entries=[present(c, festival, lang, entity) for c in page.entries],
        entity=_ref(festival, *entity) if entity else None,
        who=who,
        kind=kind,
        actors=choices.actors,
        kinds=[(k, kind_label(k)) for k in choices.kinds],
        action_labels=ACTION_LABELS,
        kind_label=kind_label,
        older_url=page_url(before=page.older) if page.older else None,
        newer_url=page_url(after=page.newer) if page.newer else None,
        newest_url=page_url() if page.newer else None,
        page_size=digits(str(PAGE_SIZE), lang),
        zone_name=festival.timezone,
    )


@bp.get("/<slug>/history")
def history(slug: str) -> str:
    """Every change, newest first, 50 a page; ``who=`` and ``kind=`` filter it,
    ``before=``/``after=`` (an entry's id) page through it."""
    return _render(festival_or_404(slug), None)


@bp.get("/<slug>/history/<kind>/<path:key>")
def entity_history(slug: str, kind: str, key: str) -> str:
    """One entity's changes, the imports that touched it included."""
    festival = festival_or_404(slug)
    if kind not in ENTITY_KINDS:
        abort(404)
    return _render(festival, (kind, key))
