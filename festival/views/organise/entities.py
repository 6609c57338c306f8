"""Lists, forms and edit pages for every entity of a festival: partner cities, venues, holds,
hotels, delegations and their members, events, vehicles, interpreters, transfers,
interpreter assignments, and the festival's own settings. Sessions: ``sessions.py``.

Each kind has the same pages, named ``organise.<kind>_list``, ``_new``, ``_create``,
``_edit``, ``_update`` and ``_delete``: a list (``?q=`` search, ``?sort=``/``?dir=``,
``?page=``), a form to create, an edit page showing what the rules say about the entity,
and a delete page. Views are thin: parse the form, call the service (which checks what the
change touches, exactly as the importer would), commit once, answer. A refused change is
the form again (422) with every finding next to its field; a delete that others still
depend on is the delete page again (409), naming them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from festival.errors import InUse, NotFound, Overtaken, ValidationFailed
from festival.exports import festival_data as items
from festival.extensions import db
from festival.forms.base import EntityForm, Linker, WallTimeField, choices, plain_choices
from festival.forms.delegations import DelegationForm, HotelForm, MemberForm, PartnerCityForm
from festival.forms.events import EventForm, event_form_class, kind_choices
from festival.forms.logistics import AssignmentForm, InterpreterForm, TransferForm, VehicleForm
from festival.forms.settings import SettingsForm, settings_form_class
from festival.forms.venues import HoldForm, VenueForm
from festival.i18n.formatting import (
    digits,
    format_day,
    format_time,
    kind_label,
    status_label,
    zone_label,
)
from festival.models import (
    Delegation,
    Event,
    Festival,
    Hotel,
    Interpreter,
    PartnerCity,
    Session,
    Vehicle,
    Venue,
    VenueHold,
)
from festival.queries import listings
from festival.queries.listings import Listing, Page, keyed_names, page_of
from festival.scheduling.findings import Finding
from festival.services import delegations as delegation_service
from festival.services import events as event_service
from festival.services import logistics as logistics_service
from festival.services import settings as settings_service
from festival.services import venues as venue_service
from festival.services.editing import as_item, item_path
from festival.services.unit import run_write
from festival.views.organise import actor, bp, festival_or_404, organise_url, utcnow
from festival.views.organise import workspace_language as page_language
from festival.views.organise.dashboard import FindingView, KeyRef, NamedKeys

# -- links: every key a finding names, to its entity's page -----------------------------------

# A finding's name -> the endpoint kind of the keys it names.
NAMED_KINDS = {
    "session": "session",
    "sessions": "session",
    "venue": "venue",
    "delegation": "delegation",
    "member": "member",
    "vehicle": "vehicle",
    "transfer": "transfer",
    "transfers": "transfer",
    "interpreter": "interpreter",
    "assignment": "assignment",
    "assignments": "assignment",
}


def entity_linker(
    festival: Festival, findings: Iterable[Finding] = (), *, own: str | None = None
) -> Linker:
    """``(name, key) -> URL`` of the entity a finding names; ``sessions=`` may name a hold
    (a hold counts as a session for double bookings), found in one query. ``own``: the key
    of the entity being written, which needs no link to itself."""
    findings = list(findings)
    named = {k for f in findings for n, v in f.names if n == "sessions" for k in v.split(",")}
    holds: set[str] = set()
    if named:
        holds = set(
            db.session.scalars(
                select(VenueHold.key).where(
                    VenueHold.festival_id == festival.id, VenueHold.key.in_(named)
                )
            )
        )
    member_of = {f.get("member"): f.get("delegation") for f in findings if f.get("member")}

    def link(name: str, key: str) -> str | None:
        kind = NAMED_KINDS.get(name)
        if kind is None or key == own:
            return None
        if kind == "session" and key in holds:
            kind = "hold"
        if kind == "member":
            delegation = member_of.get(key)
            if delegation is None:
                return None
            return organise_url(
                "organise.member_edit", slug=festival.slug, delegation=delegation, key=key
            )
        return organise_url(f"organise.{kind}_edit", slug=festival.slug, key=key)

    return link


def finding_views(festival: Festival, findings: list[Finding]) -> list[FindingView]:
    """Findings as the dashboard's finding macro shows them, each key linked."""
    link = entity_linker(festival, findings)
    return [
        FindingView(
            f,
            tuple(
                NamedKeys(
                    name,
                    tuple(
                        KeyRef(key, link(name, key) if name != "at" else None)
                        for key in (value.split(",") if name in NAMED_KINDS else [value])
                    ),
                )
                for name, value in f.names
            ),
        )
        for f in findings
    ]


# -- showing values -----------------------------------------------------------------------------


def usual_zone(festival: Festival) -> str:
    """The zone's label on the festival's first day (``UTC+03:30``, ``CEST``): lists say it
    once, and times in another offset (after a daylight-saving change) say their own."""
    noon = datetime.combine(festival.starts_on, time(12), tzinfo=festival.zone)
    return zone_label(noon)


def when(moment: datetime | None, festival: Festival) -> str:
    """A time in the festival's zone with the zone: ``Sunday 18 October 10:00 UTC+03:30``."""
    if moment is None:
        return ""
    local = moment.astimezone(festival.zone)
    lang = page_language()
    return f"{format_day(local.date(), lang)} {format_time(local, lang)} {zone_label(local)}"


class Spans:
    """Writes many time spans in one festival's zone and one language (a list's rows): the
    day names and zone labels are worked out once per day and offset, not once per row."""

    def __init__(self, festival: Festival, *, usual: str = "", lang: str | None = None) -> None:
        self.zone = festival.zone
        self.usual = usual
        self.lang = lang if lang is not None else page_language()
        self.days: dict[Any, str] = {}
        self.zones: dict[Any, str] = {}

    def _day(self, local: datetime) -> str:
        day = local.date()
        text = self.days.get(day)
        if text is None:
            text = self.days[day] = format_day(day, self.lang)
        return text

    def _zone(self, local: datetime) -> str:
        offset = local.utcoffset()
        text = self.zones.get(offset)
        if text is None:
            text = self.zones[offset] = zone_label(local)
        return text

    def _clock(self, local: datetime) -> str:
        return digits(f"{local.hour:02d}:{local.minute:02d}", self.lang)

    def __call__(self, start: datetime | None, end: datetime | None) -> str:
        """``Sunday 18 October 10:00–11:00 UTC+03:30`` (the end's day too when it differs);
        the zone is left out when it is the ``usual`` one (the list says it once)."""
        if start is None or end is None:
            return ""
        a, b = start.astimezone(self.zone), end.astimezone(self.zone)
        zone_a, zone_b = self._zone(a), self._zone(b)
        zone = "" if zone_a == self.usual and zone_b == self.usual else f" {zone_a}"
        first = f"{self._day(a)} {self._clock(a)}"
        if a.date() == b.date():
            return f"{first}–{self._clock(b)}{zone}"
        return f"{first} – {self._day(b)} {self._clock(b)}{zone}"


def span(
    start: datetime | None, end: datetime | None, festival: Festival, *, usual: str = ""
) -> str:
    """One span as ``Spans`` writes it."""
    return Spans(festival, usual=usual)(start, end)


@dataclass(frozen=True)
class Column:
    """A list column: the row's value ``name``, shown by ``show`` (default: as it is)."""

    name: str
    label: Any
    sort: str | None = None
    show: Callable[[dict[str, Any], Festival], Any] | None = None
    numeric: bool = False
    code: bool = False

    def value(self, row: dict[str, Any], festival: Festival) -> Any:
        if self.show is not None:
            return self.show(row, festival)
        value = row.get(self.name)
        return "" if value is None else value


def _joined(name: str) -> Callable[[dict[str, Any], Festival], str]:
    return lambda row, festival: ", ".join(row.get(name) or [])


def _member_name(row: dict[str, Any], festival: Festival) -> Any:
    """A member's name, or "erased member" (translated) once their data was erased."""
    return _("erased member") if row.get("erased_at") else row.get("name") or ""


def _yes(name: str) -> Callable[[dict[str, Any], Festival], str]:
    return lambda row, festival: _("yes") if row.get(name) else _("no")


def _time(name: str) -> Callable[[dict[str, Any], Festival], str]:
    return lambda row, festival: when(row.get(name), festival)


def _span(row: dict[str, Any], festival: Festival) -> str:
    return span(row.get("starts_at"), row.get("ends_at"), festival)


# -- the kinds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of entity and how its pages read and write it."""

    name: str
    path: str
    list_name: str
    plural: Any
    one: Any
    listing: Listing
    columns: tuple[Column, ...]
    # The form, its choices filled in (``row``: the entity being edited, None for a new one).
    make_form: Callable[[Festival, Any], EntityForm]
    get: Callable[..., Any]
    item: Callable[[Festival, Any], dict[str, Any]]
    fill: Callable[[EntityForm, dict[str, Any], Festival], None]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., None]
    findings: Callable[[Festival, Any], list[Finding]]
    heading: Callable[[Any], str]
    new_path: str = ""
    # Members live in a delegation: their pages carry ``delegation=`` too.
    nested: bool = False
    # The list page is the kind's own (sessions: filters by day, venue, status).
    own_list: bool = False
    related: Callable[[Festival, Any], list[Related]] | None = field(default=None)
    # Answers in JSON for a request that asks for it (the grid's script), else None.
    json: JsonAnswers | None = None

    def ids(self, values: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in values.items() if k != "slug"}

    def prefix(self, key: Any, ids: dict[str, str]) -> str:
        parent = item_path("delegations", ids["delegation"]) if self.nested else ""
        return item_path(self.list_name, key, parent)


@dataclass(frozen=True)
class JsonAnswers:
    """How a change answers a request that accepts JSON rather than HTML: saved (200),
    refused (422), overtaken (409). Each takes the festival, the key and what happened."""

    saved: Callable[[Festival, str, Any], ResponseReturnValue]
    refused: Callable[[Festival, str, ValidationFailed], ResponseReturnValue]
    overtaken: Callable[[Festival, str, Overtaken], ResponseReturnValue]


def wants_json() -> bool:
    """Whether the request prefers JSON to HTML (``Accept: application/json``)."""
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


@dataclass(frozen=True)
class Related:
    """A table on an edit page of what belongs to the entity (an event's sessions)."""

    caption: Any
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]
    kind: str
    new_url: str | None = None
    new_label: Any = None


def _reference_choices(festival: Festival, model: Any, label: Any, blank: Any = None) -> list[Any]:
    return choices(keyed_names(model, festival, label), blank=blank)


def _venue_form(festival: Festival, row: Any = None) -> EntityForm:
    return VenueForm()


def _hold_form(festival: Festival, row: Any = None) -> EntityForm:
    form = HoldForm()

    def choose() -> None:
        form.venue.choices = _reference_choices(festival, Venue, Venue.name, _("Choose a venue"))

    form.later(choose)
    return form


def _city_form(festival: Festival, row: Any = None) -> EntityForm:
    return PartnerCityForm()


def _hotel_form(festival: Festival, row: Any = None) -> EntityForm:
    return HotelForm()


def _delegation_form(festival: Festival, row: Any = None) -> EntityForm:
    form = DelegationForm()

    def choose() -> None:
        form.partner_city.choices = _reference_choices(
            festival, PartnerCity, PartnerCity.name, _("Choose a partner city")
        )
        form.hotel.choices = _reference_choices(festival, Hotel, Hotel.name, _("No hotel"))

    form.later(choose)
    return form


def _member_form(festival: Festival, row: Any = None) -> EntityForm:
    form = MemberForm()

    def choose() -> None:
        form.hotel.choices = _reference_choices(festival, Hotel, Hotel.name, _("The delegation's"))
        # The member's own ticks stay on the page (a refused save shows what was posted).
        own = form.needs.data or []
        form.needs.choices = plain_choices(
            (tag, tag) for tag in listings.need_vocabulary(festival, own)
        )

    form.later(choose)
    return form


def _event_form(festival: Festival, row: Any = None) -> EventForm:
    """The event form with a title and description for every language but the festival's
    first, every language the event has a translation in, and any posted."""
    stored = list((row.translations or {}).keys()) if row is not None else []
    posted = {name.split("_")[1] for name in request.form if name.startswith("tr_")}
    posted -= {"new"}
    languages = [*(festival.languages or [])[1:], *stored, *sorted(posted)]
    form = event_form_class(languages)()

    def choose() -> None:
        form.kind.choices = kind_choices(page_language())
        form.partner_cities.choices = choices(keyed_names(PartnerCity, festival, PartnerCity.name))
        form.delegations.choices = choices(keyed_names(Delegation, festival, Delegation.name))

    form.later(choose)
    return form


def _vehicle_form(festival: Festival, row: Any = None) -> EntityForm:
    return VehicleForm()


def _interpreter_form(festival: Festival, row: Any = None) -> EntityForm:
    return InterpreterForm()


def _transfer_form(festival: Festival, row: Any = None) -> EntityForm:
    form = TransferForm()

    def choose() -> None:
        form.vehicle.choices = _reference_choices(festival, Vehicle, Vehicle.name, _("No vehicle"))
        form.delegations.choices = choices(keyed_names(Delegation, festival, Delegation.name))

    form.later(choose)
    return form


def _assignment_form(festival: Festival, row: Any = None) -> EntityForm:
    form = AssignmentForm()

    def choose() -> None:
        form.interpreter.choices = _reference_choices(
            festival, Interpreter, Interpreter.name, _("Choose an interpreter")
        )
        form.delegation.choices = _reference_choices(
            festival, Delegation, Delegation.name, _("No delegation")
        )

    form.later(choose)
    return form


def _fill(form: EntityForm, item: dict[str, Any], festival: Festival) -> None:
    form.fill(item)


def _fill_zoned(form: EntityForm, item: dict[str, Any], festival: Festival) -> None:
    form.fill(item, festival.zone)


def _no_findings(festival: Festival, row: Any) -> list[Finding]:
    return []


def _event_sessions(festival: Festival, event: Event) -> list[Related]:
    lang = page_language()
    spans = Spans(festival, usual=usual_zone(festival), lang=lang)
    rows = [
        {
            "key": s.key,
            "when": spans(s.starts_at, s.ends_at),
            "venue": s.venue.name or s.venue.key,
            "status": status_label(s.status, lang),
        }
        for s in db.session.scalars(
            select(Session)
            .where(Session.event_id == event.id)
            .options(joinedload(Session.venue))
            .order_by(Session.starts_at, Session.key)
        )
    ]
    columns = (
        Column("key", _l("Key"), code=True),
        Column("when", _l("When")),
        Column("venue", _l("Venue")),
        Column("status", _l("Status")),
    )
    new_url = url_for("organise.session_new", slug=festival.slug, event=event.key)
    caption = _l("Sessions (times in %(zone)s)", zone=festival.timezone)
    return [Related(caption, columns, rows, "session", new_url, _l("New session"))]


def _delegation_members(festival: Festival, delegation: Delegation) -> list[Related]:
    rows = [
        {
            "key": m.key,
            "name": m.name,
            "erased_at": m.erased_at,
            "role": m.role,
            "languages": m.languages,
            "delegation": delegation.key,
        }
        for m in delegation.members
    ]
    columns = (
        Column("key", _l("Key"), code=True),
        Column("name", _l("Name"), show=_member_name),
        Column("role", _l("Role")),
        Column("languages", _l("Languages"), show=_joined("languages")),
    )
    new_url = url_for("organise.member_new", slug=festival.slug, delegation=delegation.key)
    return [Related(_l("Members"), columns, rows, "member", new_url, _l("New member"))]


KINDS: tuple[Kind, ...] = (
    Kind(
        name="venue",
        path="venues",
        list_name="venues",
        plural=_l("Venues"),
        one=_l("Venue"),
        listing=listings.VENUES,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("capacity", _l("Capacity"), sort="capacity", numeric=True),
            Column("equipment", _l("Equipment"), show=_joined("equipment")),
            Column(
                "buffers",
                _l("Setup / teardown (min)"),
                show=lambda r, f: f"{r['setup_minutes']} / {r['teardown_minutes']}",
            ),
            Column("shared", _l("Shared"), show=_yes("shared")),
            Column("sessions", _l("Sessions"), sort="sessions", numeric=True),
        ),
        make_form=_venue_form,
        get=venue_service.get_venue,
        item=lambda festival, row: as_item(items.venue_entity(row), festival),
        fill=_fill,
        create=venue_service.create_venue,
        update=venue_service.update_venue,
        delete=venue_service.delete_venue,
        findings=venue_service.venue_findings,
        heading=lambda row: row.name or row.key,
    ),
    Kind(
        name="hold",
        path="holds",
        list_name="venue_holds",
        plural=_l("Venue holds"),
        one=_l("Venue hold"),
        listing=listings.HOLDS,
        columns=(
            Column("key", _l("Key"), sort="key", code=True),
            Column("venue", _l("Venue"), sort="venue"),
            Column("when", _l("When"), sort="starts_at", show=_span),
            Column("reason", _l("Reason")),
        ),
        make_form=_hold_form,
        get=venue_service.get_hold,
        item=lambda festival, row: as_item(items.hold_entity(row), festival),
        fill=_fill_zoned,
        create=venue_service.create_hold,
        update=venue_service.update_hold,
        delete=venue_service.delete_hold,
        findings=venue_service.hold_findings,
        heading=lambda row: row.key,
    ),
    Kind(
        name="partner_city",
        path="partner-cities",
        list_name="partner_cities",
        plural=_l("Partner cities"),
        one=_l("Partner city"),
        listing=listings.PARTNER_CITIES,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("local_name", _l("Local name")),
            Column("key", _l("Key"), sort="key", code=True),
            Column("country", _l("Country"), sort="country", code=True),
            Column("twinned_since", _l("Twinned since"), sort="twinned_since", numeric=True),
            Column("delegations", _l("Delegations"), numeric=True),
        ),
        make_form=_city_form,
        get=delegation_service.get_partner_city,
        item=lambda festival, row: as_item(items.partner_city_entity(row), festival),
        fill=_fill,
        create=delegation_service.create_partner_city,
        update=delegation_service.update_partner_city,
        delete=delegation_service.delete_partner_city,
        findings=_no_findings,
        heading=lambda row: row.name or row.key,
    ),
    Kind(
        name="hotel",
        path="hotels",
        list_name="hotels",
        plural=_l("Hotels"),
        one=_l("Hotel"),
        listing=listings.HOTELS,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("address", _l("Address")),
            Column("delegations", _l("Delegations"), numeric=True),
        ),
        make_form=_hotel_form,
        get=delegation_service.get_hotel,
        item=lambda festival, row: as_item(items.hotel_entity(row), festival),
        fill=_fill,
        create=delegation_service.create_hotel,
        update=delegation_service.update_hotel,
        delete=delegation_service.delete_hotel,
        findings=_no_findings,
        heading=lambda row: row.name or row.key,
    ),
    Kind(
        name="delegation",
        path="delegations",
        list_name="delegations",
        plural=_l("Delegations"),
        one=_l("Delegation"),
        listing=listings.DELEGATIONS,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("partner_city", _l("Partner city"), sort="partner_city"),
            Column("hotel", _l("Hotel")),
            Column("arrival_at", _l("Arrives"), sort="arrival_at", show=_time("arrival_at")),
            Column("departure_at", _l("Departs"), sort="departure_at", show=_time("departure_at")),
            Column("members", _l("Members"), numeric=True),
        ),
        make_form=_delegation_form,
        get=delegation_service.get_delegation,
        item=lambda festival, row: as_item(items.delegation_entity(row, members=False), festival),
        fill=_fill_zoned,
        create=delegation_service.create_delegation,
        update=delegation_service.update_delegation,
        delete=delegation_service.delete_delegation,
        findings=delegation_service.delegation_findings,
        heading=lambda row: row.name or row.key,
        related=_delegation_members,
    ),
    Kind(
        name="member",
        path="members",
        list_name="members",
        plural=_l("Members"),
        one=_l("Member"),
        listing=listings.MEMBERS,
        columns=(
            Column("name", _l("Name"), sort="name", show=_member_name),
            Column("key", _l("Key"), sort="key", code=True),
            Column("delegation", _l("Delegation"), sort="delegation", code=True),
            Column("role", _l("Role"), sort="role"),
            Column("languages", _l("Languages"), show=_joined("languages")),
            Column("hotel", _l("Own hotel")),
        ),
        make_form=_member_form,
        get=delegation_service.get_member,
        item=lambda festival, row: as_item(items.member_entity(row), festival),
        fill=_fill,
        create=delegation_service.create_member,
        update=delegation_service.update_member,
        delete=delegation_service.delete_member,
        findings=lambda festival, row: delegation_service.member_findings(
            festival, row.delegation, row.key
        ),
        heading=lambda row: _("erased member") if row.erased_at else row.name or row.key,
        nested=True,
    ),
    Kind(
        name="event",
        path="events",
        list_name="events",
        plural=_l("Events"),
        one=_l("Event"),
        listing=listings.EVENTS,
        columns=(
            Column("title", _l("Title"), sort="title"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("kind", _l("Kind"), sort="kind", show=lambda r, f: kind_label(r["kind"], None)),
            Column("public", _l("Public"), show=_yes("public")),
            Column("expected_attendance", _l("Expected"), numeric=True),
            Column("sessions", _l("Sessions"), sort="sessions", numeric=True),
        ),
        make_form=_event_form,
        get=event_service.get_event,
        item=lambda festival, row: as_item(items.event_entity(row, sessions=False), festival),
        fill=_fill,
        create=event_service.create_event,
        update=event_service.update_event,
        delete=event_service.delete_event,
        findings=event_service.event_findings,
        heading=lambda row: row.title or row.key,
        related=_event_sessions,
    ),
    Kind(
        name="vehicle",
        path="vehicles",
        list_name="vehicles",
        plural=_l("Vehicles"),
        one=_l("Vehicle"),
        listing=listings.VEHICLES,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("seats", _l("Seats"), sort="seats", numeric=True),
            Column("driver", _l("Driver")),
            Column("transfers", _l("Transfers"), numeric=True),
        ),
        make_form=_vehicle_form,
        get=logistics_service.get_vehicle,
        item=lambda festival, row: as_item(items.vehicle_entity(row), festival),
        fill=_fill,
        create=logistics_service.create_vehicle,
        update=logistics_service.update_vehicle,
        delete=logistics_service.delete_vehicle,
        findings=logistics_service.vehicle_findings,
        heading=lambda row: row.name or row.key,
    ),
    Kind(
        name="interpreter",
        path="interpreters",
        list_name="interpreters",
        plural=_l("Interpreters"),
        one=_l("Interpreter"),
        listing=listings.INTERPRETERS,
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("key", _l("Key"), sort="key", code=True),
            Column("languages", _l("Languages"), show=_joined("languages")),
            Column("assignments", _l("Assignments"), numeric=True),
        ),
        make_form=_interpreter_form,
        get=logistics_service.get_interpreter,
        item=lambda festival, row: as_item(items.interpreter_entity(row), festival),
        fill=_fill,
        create=logistics_service.create_interpreter,
        update=logistics_service.update_interpreter,
        delete=logistics_service.delete_interpreter,
        findings=logistics_service.interpreter_findings,
        heading=lambda row: row.name or row.key,
    ),
    Kind(
        name="transfer",
        path="transfers",
        list_name="transfers",
        plural=_l("Transfers"),
        one=_l("Transfer"),
        listing=listings.TRANSFERS,
        columns=(
            Column("key", _l("Key"), sort="key", code=True),
            Column("when", _l("When"), sort="starts_at", show=_span),
            Column("vehicle", _l("Vehicle"), sort="vehicle"),
            Column("delegations", _l("Delegations"), show=_joined("delegations")),
            Column("from_place", _l("From")),
            Column("to_place", _l("To")),
        ),
        make_form=_transfer_form,
        get=logistics_service.get_transfer,
        item=lambda festival, row: as_item(items.transfer_entity(row), festival),
        fill=_fill_zoned,
        create=logistics_service.create_transfer,
        update=logistics_service.update_transfer,
        delete=logistics_service.delete_transfer,
        findings=logistics_service.stored_transfer_findings,
        heading=lambda row: row.key,
    ),
    Kind(
        name="assignment",
        path="assignments",
        list_name="interpreter_assignments",
        plural=_l("Interpreter assignments"),
        one=_l("Interpreter assignment"),
        listing=listings.ASSIGNMENTS,
        columns=(
            Column("key", _l("Key"), sort="key", code=True),
            Column("interpreter", _l("Interpreter"), sort="interpreter"),
            Column("delegation", _l("Delegation"), code=True),
            Column("session", _l("Session"), code=True),
            Column("when", _l("When"), sort="starts_at", show=_span),
        ),
        make_form=_assignment_form,
        get=logistics_service.get_assignment,
        item=lambda festival, row: as_item(items.assignment_entity(row), festival),
        fill=_fill_zoned,
        create=logistics_service.create_assignment,
        update=logistics_service.update_assignment,
        delete=logistics_service.delete_assignment,
        findings=logistics_service.stored_assignment_findings,
        heading=lambda row: row.key,
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}


# -- the pages ----------------------------------------------------------------------------------


def _int_arg(name: str, default: int) -> int:
    text = request.args.get(name, "")
    return int(text) if text.isdigit() else default


def list_page(listing: Listing, festival: Festival, **extra: Any) -> Page:
    """The list page the query string asks for: ``q``, ``sort``, ``dir``, ``page``,
    ``per_page``."""
    return page_of(
        listing,
        festival,
        q=request.args.get("q", "")[:200],
        sort=request.args.get("sort", ""),
        descending=request.args.get("dir") == "desc",
        page=_int_arg("page", 1),
        per_page=_int_arg("per_page", listings.PER_PAGE),
        **extra,
    )


def _row(kind: Kind, festival: Festival, ids: dict[str, str]) -> Any:
    try:
        if kind.nested:
            return kind.get(festival, ids["delegation"], ids["key"])
        return kind.get(festival, ids["key"])
    except NotFound:
        abort(404)


def _parent(kind: Kind, festival: Festival, ids: dict[str, str]) -> Delegation | None:
    if not kind.nested:
        return None
    try:
        return delegation_service.get_delegation(festival, ids["delegation"])
    except NotFound:
        abort(404)


def _render_form(
    kind: Kind,
    festival: Festival,
    form: EntityForm,
    ids: dict[str, str],
    *,
    row: Any = None,
    status: int = 200,
    refused: ValidationFailed | None = None,
    findings: list[Finding] | None = None,
    overtaken: Overtaken | None = None,
) -> ResponseReturnValue:
    parent = _parent(kind, festival, ids)
    form.choose()
    zone = _(
        "Wall time in %(zone)s (%(offset)s)", zone=festival.timezone, offset=usual_zone(festival)
    )
    for f in form:
        if isinstance(f, WallTimeField):
            f.description = zone
    if row is not None and "key" in form:
        form.key.render_kw = {"readonly": True}
    shown = findings if findings is not None else (refused.warnings if refused else [])
    related = kind.related(festival, row) if (row is not None and kind.related) else []
    return (
        render_template(
            "organise/entity_edit.html",
            festival=festival,
            kind=kind,
            form=form,
            row=row,
            ids=ids,
            parent=parent,
            heading=kind.heading(row) if row is not None else None,
            refused=refused,
            findings=finding_views(festival, shown),
            related=related,
            errors_count=len(refused.errors) if refused else 0,
            overtaken=overtaken,
        ),
        status,
    )


def _saved(outcome: Any) -> None:
    warnings = len(outcome.warnings)
    if warnings:
        flash(
            ngettext(
                "Saved, with %(num)d warning: see below.",
                "Saved, with %(num)d warnings: see below.",
                warnings,
            ),
            "notice",
        )
    else:
        flash(_("Saved."), "notice")


def _edit_url(kind: Kind, slug: str, key: str, ids: dict[str, str]) -> str:
    # From the request's own values: after the commit the rows would be read again.
    parent: dict[str, Any] = {"delegation": ids["delegation"]} if kind.nested else {}
    return url_for(f"organise.{kind.name}_edit", slug=slug, key=key, **parent)


def view_list(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    page = list_page(kind.listing, festival)
    return render_template(
        "organise/entity_list.html",
        festival=festival,
        kind=kind,
        page=page,
        rows=[
            {"key": r["key"], "cells": [c.value(r, festival) for c in kind.columns], "row": r}
            for r in page.rows
        ],
    )


def view_new(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    form = kind.make_form(festival, None)
    return _render_form(kind, festival, form, ids)


def view_create(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    _parent(kind, festival, ids)
    form = kind.make_form(festival, None)
    values = form.values(posted=request.form.keys())
    scope = (ids["delegation"],) if kind.nested else ()

    def create() -> tuple[Any, str]:
        outcome = kind.create(festival, *scope, values, actor=actor(), now=utcnow())
        return outcome, outcome.item.key

    try:
        outcome, key = run_write(create)
    except ValidationFailed as refused:
        typed = values.get("key")
        own = typed if isinstance(typed, str) else None
        link = entity_linker(festival, refused.findings, own=own)
        form.put_findings(refused.findings, kind.prefix(typed, ids), link)
        return _render_form(kind, festival, form, ids, status=422, refused=refused)
    except NotFound:
        abort(404)
    _saved(outcome)
    return redirect(_edit_url(kind, slug, key, ids), 303)


def view_edit(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    row = _row(kind, festival, ids)
    form = kind.make_form(festival, row)
    kind.fill(form, kind.item(festival, row), festival)
    return _render_form(kind, festival, form, ids, row=row, findings=kind.findings(festival, row))


def view_update(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    # The service finds the row itself (unknown: 404); only an event's form needs it first.
    form = kind.make_form(festival, _row(kind, festival, ids) if kind.name == "event" else None)
    values = form.values(posted=request.form.keys())
    scope = (ids["delegation"],) if kind.nested else ()
    key = ids["key"]
    answers = kind.json if kind.json is not None and wants_json() else None
    try:
        outcome = run_write(
            lambda: kind.update(festival, *scope, key, values, actor=actor(), now=utcnow())
        )
    except ValidationFailed as refused:
        if answers is not None:
            return answers.refused(festival, key, refused)
        link = entity_linker(festival, refused.findings, own=key)
        form.put_findings(refused.findings, kind.prefix(key, ids), link)
        row = _row(kind, festival, ids)
        return _render_form(kind, festival, form, ids, row=row, status=422, refused=refused)
    except Overtaken as overtaken:
        if answers is not None:
            return answers.overtaken(festival, key, overtaken)
        row = _row(kind, festival, ids)
        return _render_form(kind, festival, form, ids, row=row, status=409, overtaken=overtaken)
    except NotFound:
        abort(404)
    if answers is not None:
        return answers.saved(festival, key, outcome)
    _saved(outcome)
    return redirect(_edit_url(kind, slug, key, ids), 303)


def view_delete(kind: Kind, slug: str, **ids: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    row = _row(kind, festival, ids)
    heading = kind.heading(row)
    in_use: InUse | None = None
    if request.method == "POST":
        scope = (ids["delegation"],) if kind.nested else ()
        try:
            run_write(
                lambda: kind.delete(festival, *scope, ids["key"], actor=actor(), now=utcnow())
            )
        except InUse as exc:
            in_use = exc
        except NotFound:
            abort(404)
        else:
            flash(_("%(what)s %(key)s was deleted.", what=kind.one, key=ids["key"]), "notice")
            if kind.nested:
                return redirect(
                    url_for("organise.delegation_edit", slug=slug, key=ids["delegation"]), 303
                )
            return redirect(url_for(f"organise.{kind.name}_list", slug=slug), 303)
    references = []
    if in_use is not None:
        for name, keys in in_use.references.items():
            endpoint = {
                "venue_hold": "hold",
                "interpreter_assignment": "assignment",
            }.get(name, name)
            references.append(
                (
                    name,
                    [(k, _reference_url(festival, endpoint, k)) for k in keys],
                )
            )
    return (
        render_template(
            "organise/entity_delete.html",
            festival=festival,
            kind=kind,
            row=row,
            ids=ids,
            heading=heading,
            in_use=in_use,
            references=references,
        ),
        409 if in_use else 200,
    )


def _reference_url(festival: Festival, kind: str, key: str) -> str | None:
    if kind == "member":
        delegation, _sep, member = key.partition("/")
        return organise_url(
            "organise.member_edit", slug=festival.slug, delegation=delegation, key=member
        )
    return organise_url(f"organise.{kind}_edit", slug=festival.slug, key=key)


def register(kind: Kind) -> dict[str, Callable[..., ResponseReturnValue]]:
    base = "/<slug>/delegations/<delegation>/members" if kind.nested else f"/<slug>/{kind.path}"
    new = (
        "/<slug>/delegations/<delegation>/new-member"
        if kind.nested
        else f"/<slug>/new/{kind.name.replace('_', '-')}"
    )
    pages: list[tuple[str, str, Callable[..., ResponseReturnValue], list[str]]] = [
        *([] if kind.own_list else [(f"/<slug>/{kind.path}", "list", view_list, ["GET"])]),
        (new, "new", view_new, ["GET"]),
        (base, "create", view_create, ["POST"]),
        (f"{base}/<key>", "edit", view_edit, ["GET"]),
        (f"{base}/<key>", "update", view_update, ["POST"]),
        (f"{base}/<key>/delete", "delete", view_delete, ["GET", "POST"]),
    ]
    views: dict[str, Callable[..., ResponseReturnValue]] = {}
    for rule, page, view, methods in pages:
        endpoint = f"{kind.name}_{page}"

        def bound(
            _view: Callable[..., ResponseReturnValue] = view, **values: str
        ) -> ResponseReturnValue:
            return _view(kind, **values)

        bound.__name__ = endpoint
        bp.add_url_rule(rule, endpoint, bound, methods=methods)
        views[page] = bound
    return views


VIEWS = {kind.name: register(kind) for kind in KINDS}

# The dashboard and the history name holds and assignments as the data file does
# (``venue_hold``, ``interpreter_assignment``): the same pages answer to those names too.
ALIASES = {"venue_hold": "hold", "interpreter_assignment": "assignment"}
for _alias, _name in ALIASES.items():
    _path = BY_NAME[_name].path
    bp.add_url_rule(f"/<slug>/{_path}", f"{_alias}_list", VIEWS[_name]["list"], methods=["GET"])
    bp.add_url_rule(
        f"/<slug>/{_path}/<key>", f"{_alias}_edit", VIEWS[_name]["edit"], methods=["GET"]
    )


# -- settings -----------------------------------------------------------------------------------


def _settings_form(festival: Festival) -> SettingsForm:
    languages = list(festival.languages or [])[1:]
    languages += [k for k in (festival.translations or {}) if k not in languages]
    return settings_form_class(languages)()


@bp.get("/<slug>/settings")
def settings_edit(slug: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    form = _settings_form(festival)
    form.fill(as_item(items.festival_entity(festival), festival))
    return _settings_page(festival, form, findings=settings_service.settings_findings(festival))


# The navigation and the history name the settings page as the festival's own edit page.
bp.add_url_rule("/<slug>/settings", "festival_edit", settings_edit, methods=["GET"])


def _settings_page(
    festival: Festival,
    form: SettingsForm,
    *,
    findings: list[Finding],
    refused: ValidationFailed | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "organise/settings_edit.html",
            festival=festival,
            form=form,
            refused=refused,
            findings=finding_views(festival, findings),
        ),
        status,
    )


@bp.post("/<slug>/settings")
def settings_update(slug: str) -> ResponseReturnValue:
    festival = festival_or_404(slug)
    form = _settings_form(festival)
    values = form.values(posted=request.form.keys())
    try:
        outcome = run_write(
            lambda: settings_service.update_settings(festival, values, actor=actor(), now=utcnow())
        )
    except ValidationFailed as refused:
        form.put_findings(refused.findings, "festival", entity_linker(festival))
        return _settings_page(festival, form, findings=[], refused=refused, status=422)
    _saved(outcome)
    return redirect(url_for("organise.settings_edit", slug=slug), 303)


__all__ = [
    "KINDS",
    "Spans",
    "usual_zone",
    "Column",
    "Kind",
    "entity_linker",
    "finding_views",
    "list_page",
    "register",
    "span",
    "when",
]
