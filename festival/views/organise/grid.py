"""The schedule grid (CONTRACT section 7): ``GET /organise/SLUG/grid?day=YYYY-MM-DD``.

One festival-local day, venues as columns and time running down; each session a block
(``data-session="KEY"``) linking to its edit form, its buffers, the holds and the venues'
closed hours shown. ``?kind=``, ``?city=`` (partner city) and ``?delegation=`` narrow the
sessions. Without ``day``: the festival's first day, or today when the festival is on. A
malformed day answers 422 with the page saying so; a day outside the festival is shown with
a notice. ``static/grid.js`` moves and resizes blocks through the session change route.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from festival.extensions import db
from festival.i18n.formatting import digits, format_day, kind_label, status_label, zone_label
from festival.models import Delegation, Festival, PartnerCity, Venue
from festival.queries.free_slots import delegation_needs
from festival.queries.grid import GridDay, GridSession, grid_day
from festival.queries.listings import keyed_names
from festival.scheduling.findings import Finding
from festival.views.organise import bp, festival_or_404, utcnow
from festival.views.organise import workspace_language as page_language
from festival.views.organise.entities import usual_zone
from festival.vocabulary import EventKind

DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# How far from the festival a day may be asked for (sessions outside its dates are findings).
REACH = timedelta(days=366)
LANES = 4


@dataclass(frozen=True)
class Placed:
    """Where an item sits: column, first slot, end slot (exclusive), lane in its column."""

    column: int
    start: int
    end: int
    lane: int = 0

    @property
    def classes(self) -> str:
        return f"gc-{self.column} s-{self.start} e-{self.end} lane-{self.lane}"


@dataclass(frozen=True)
class Block:
    session: GridSession
    place: Placed
    setup: Placed | None
    teardown: Placed | None
    when: str
    kind_label: str
    status_label: str
    url: str
    classes: str
    # (is an error, text) of each finding, errors first.
    findings: list[tuple[bool, str]]
    setup_minutes: int
    teardown_minutes: int


def _clock(moment: datetime, grid: GridDay, lang: str) -> str:
    local = moment.astimezone(grid.zone)
    return digits(f"{local.hour:02d}:{local.minute:02d}", lang)


def finding_text(finding: Finding) -> str:
    """A finding as one short line: its code and the keys it names."""
    names = " ".join(f"{k}={v}" for k, v in finding.names)
    return f"{finding.code} {names}".strip()


def _lanes(items: list[tuple[int, int, Any]]) -> dict[int, int]:
    """Greedy interval partitioning per column: ``id(item) -> lane``."""
    out: dict[int, int] = {}
    ends: list[int] = []
    for start, end, item in sorted(items, key=lambda t: (t[0], t[1])):
        for lane, busy_until in enumerate(ends):
            if busy_until <= start:
                ends[lane] = end
                out[id(item)] = min(lane, LANES - 1)
                break
        else:
            ends.append(end)
            out[id(item)] = min(len(ends) - 1, LANES - 1)
    return out


def _wanted(name: str) -> frozenset[str]:
    return frozenset(v[:64] for v in request.args.getlist(name) if v)


def _default_day(festival: Festival) -> date:
    today = utcnow().astimezone(festival.zone).date()
    return today if festival.starts_on <= today <= festival.ends_on else festival.starts_on


@bp.get("/<slug>/grid")
def grid(slug: str) -> ResponseReturnValue:
    """The grid of one day; see the module's docstring."""
    festival = festival_or_404(slug)
    lang = page_language()
    text = request.args.get("day", "")
    problem = ""
    day = _default_day(festival)
    if text:
        try:
            if not DAY_PATTERN.fullmatch(text):
                raise ValueError(text)
            asked = date.fromisoformat(text)
        except ValueError:
            problem = _("The day %(day)s is not a date: write it as YYYY-MM-DD.", day=text[:20])
        else:
            if festival.starts_on - REACH <= asked <= festival.ends_on + REACH:
                day = asked
            else:
                problem = _(
                    "The day %(day)s is too far from the festival (%(first)s to %(last)s).",
                    day=text,
                    first=festival.starts_on.isoformat(),
                    last=festival.ends_on.isoformat(),
                )
    kinds, cities, delegations = _wanted("kind"), _wanted("city"), _wanted("delegation")
    view = grid_day(festival, day, kinds=kinds, partner_cities=cities, delegations=delegations)
    outside = not (festival.starts_on <= day <= festival.ends_on)

    columns = {v.key: n for n, v in enumerate(view.venues)}
    base = url_for("organise.session_list", slug=festival.slug)
    occupied: dict[int, list[tuple[int, int, Any]]] = {}
    for s in view.sessions:
        col = columns[s.venue]
        occupied.setdefault(col, []).append(
            (view.slot(s.occupied_from), max(view.end_slot(s.occupied_until), 1), s)
        )
    for h in view.holds:
        col = columns[h.venue]
        occupied.setdefault(col, []).append((view.slot(h.starts_at), view.end_slot(h.ends_at), h))
    lanes: dict[int, int] = {}
    for items in occupied.values():
        lanes.update(_lanes(items))

    def place(col: int, a: datetime, b: datetime, lane: int) -> Placed | None:
        start, end = view.slot(a), view.end_slot(b)
        if end <= start:
            if b <= view.shown_from or a >= view.shown_until:
                return None
            end = start + 1
        return Placed(col, start, end, lane)

    blocks = []
    kind_names: dict[str, str] = {}
    status_names: dict[str, str] = {}
    for s in view.sessions:
        col, lane = columns[s.venue], lanes.get(id(s), 0)
        spot = place(col, s.starts_at, s.ends_at, lane)
        if spot is None:
            spot = Placed(col, view.slot(s.starts_at), view.slot(s.starts_at) + 1, lane)
        if s.kind not in kind_names:
            kind_names[s.kind] = kind_label(s.kind, lang)
        if s.status not in status_names:
            status_names[s.status] = status_label(s.status, lang)
        blocks.append(
            Block(
                session=s,
                place=spot,
                setup=place(col, s.occupied_from, s.starts_at, lane)
                if s.occupied_from < s.starts_at
                else None,
                teardown=place(col, s.ends_at, s.occupied_until, lane)
                if s.ends_at < s.occupied_until
                else None,
                when=f"{_clock(s.starts_at, view, lang)}–{_clock(s.ends_at, view, lang)}",
                kind_label=kind_names[s.kind],
                status_label=status_names[s.status],
                url=f"{base}/{s.key}",
                classes=" ".join(
                    (
                        f"kind-{s.kind} status-{s.status} {spot.classes}",
                        *(["has-errors"] if s.errors else ["has-warnings"] if s.warnings else []),
                    )
                ),
                findings=[(True, finding_text(f)) for f in s.errors]
                + [(False, finding_text(f)) for f in s.warnings],
                setup_minutes=int((s.starts_at - s.occupied_from).total_seconds() // 60),
                teardown_minutes=int((s.occupied_until - s.ends_at).total_seconds() // 60),
            )
        )
    holds = []
    for h in view.holds:
        spot = place(columns[h.venue], h.starts_at, h.ends_at, lanes.get(id(h), 0))
        if spot is not None:
            holds.append(
                (h, spot, f"{_clock(h.starts_at, view, lang)}–{_clock(h.ends_at, view, lang)}")
            )
    closed = []
    for n, v in enumerate(view.venues):
        for a, b in v.closed:
            spot = place(n, a, b, 0)
            if spot is not None:
                closed.append((v, spot, f"{_clock(a, view, lang)}–{_clock(b, view, lang)}"))
    hours = [
        (
            Placed(0, view.slot(at), view.end_slot(min(at + timedelta(hours=1), view.shown_until))),
            _clock(at, view, lang),
            zone_label(at.astimezone(view.zone)),
        )
        for at in view.hours()
    ]
    days = [
        festival.starts_on + timedelta(days=n)
        for n in range((festival.ends_on - festival.starts_on).days + 1)
    ]
    noon = datetime.combine(day, datetime.min.time(), tzinfo=view.zone) + timedelta(hours=12)
    return (
        render_template(
            "organise/grid.html",
            festival=festival,
            view=view,
            day=day,
            day_label=format_day(day, lang, year=True),
            problem=problem,
            outside=outside,
            blocks=blocks,
            holds=holds,
            closed=closed,
            hours=hours,
            days=[(d, format_day(d, lang)) for d in days],
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            kinds=[(k.value, kind_label(k.value, lang)) for k in EventKind],
            cities=keyed_names(PartnerCity, festival, PartnerCity.name),
            delegations=keyed_names(Delegation, festival, Delegation.name),
            needs=delegation_needs(festival),
            chosen={"kind": kinds, "city": cities, "delegation": delegations},
            zone_text=zone_label(noon),
            usual_zone=usual_zone(festival),
            labels={
                "closed": _("Closed"),
                "hold": _("Hold"),
                "setup": _("Setup"),
                "teardown": _("Teardown"),
                "error": _("Error"),
                "warning": _("Warning"),
            },
            equipment=sorted(
                {
                    tag
                    for tags in db.session.scalars(
                        select(Venue.equipment).where(Venue.festival_id == festival.id)
                    )
                    for tag in tags or ()
                }
            ),
        ),
        422 if problem else 200,
    )
