"""The schedule grid's read model: one festival day, venues against time.

A day is the festival-local calendar day ``[00:00, 24:00)`` in the festival's IANA zone (23
or 25 hours long on a daylight-saving change). The grid shows the part of it that anything
happens in: from the first hour a venue opens or a session (with its setup buffer) or a hold
starts, to the last hour one ends. Everything is read in a fixed number of queries, whatever
the size of the festival; the findings come from the cached ``festival check``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from festival.datafile.spec import opening_hours_spec
from festival.extensions import db
from festival.models import (
    Delegation,
    Event,
    Festival,
    PartnerCity,
    Session,
    Venue,
    VenueHold,
    event_delegation,
    event_partner_city,
)
from festival.queries.checks import festival_findings
from festival.scheduling.findings import Finding
from festival.scheduling.spec import OpeningInterval

SLOT = timedelta(minutes=5)
# Names under which a finding lists the sessions (or holds) it is about.
SESSION_NAMES = ("session", "sessions")


@dataclass(frozen=True)
class GridVenue:
    key: str
    name: str
    capacity: int | None
    setup_minutes: int
    teardown_minutes: int
    shared: bool
    # Opening intervals (UTC) that overlap the day; None: always open.
    open: tuple[tuple[datetime, datetime], ...] | None
    # The complement of ``open`` within the day (UTC): the closed hours to shade.
    closed: tuple[tuple[datetime, datetime], ...]


@dataclass(frozen=True)
class GridSession:
    key: str
    version: int
    event: str
    title: str
    kind: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    # Occupation of the venue: the session with its setup and teardown buffers.
    occupied_from: datetime
    occupied_until: datetime
    status: str
    partner_cities: tuple[str, ...]
    delegations: tuple[str, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


@dataclass(frozen=True)
class GridHold:
    key: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    reason: str
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class GridDay:
    """One day of the grid. ``starts_at``/``ends_at`` are the day's bounds (UTC);
    ``shown_from``/``shown_until`` the hours the grid shows, whole local hours."""

    day: date
    zone: ZoneInfo
    starts_at: datetime
    ends_at: datetime
    shown_from: datetime
    shown_until: datetime
    venues: list[GridVenue]
    sessions: list[GridSession]
    holds: list[GridHold]
    # Keys of sessions of the day left out by the filters.
    hidden: int = 0
    kinds: list[str] = field(default_factory=list)

    def slot(self, moment: datetime) -> int:
        """Five-minute slots from ``shown_from`` to ``moment`` (rounded down), clipped."""
        moment = min(max(moment, self.shown_from), self.shown_until)
        return int((moment - self.shown_from) // SLOT)

    def end_slot(self, moment: datetime) -> int:
        """Five-minute slots from ``shown_from`` to ``moment`` (rounded up), clipped."""
        moment = min(max(moment, self.shown_from), self.shown_until)
        return -int(-(moment - self.shown_from) // SLOT)

    @property
    def slots(self) -> int:
        return self.end_slot(self.shown_until)

    def hours(self) -> list[datetime]:
        """Each whole hour (UTC instants) the grid shows, the first included."""
        out, at = [], self.shown_from
        while at < self.shown_until:
            out.append(at)
            at += timedelta(hours=1)
        return out


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The local calendar day ``day`` in ``zone`` as UTC ``[start, end)``."""
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def _wall(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=zone).astimezone(UTC)


def opening_intervals(
    hours: dict[int, tuple[OpeningInterval, ...]] | None,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
) -> tuple[tuple[datetime, datetime], ...] | None:
    """The opening intervals (UTC, merged, clipped to ``[start, end)``) of a venue whose
    hours are ``hours`` (None: always open). An interval opened the day before and running
    past midnight counts."""
    if hours is None:
        return None
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    spans: list[tuple[datetime, datetime]] = []
    day = first
    while day <= last:
        for opening in hours.get(day.weekday(), ()):
            closes_on = day if opening.closes > opening.opens else day + timedelta(days=1)
            a, b = _wall(day, opening.opens, zone), _wall(closes_on, opening.closes, zone)
            a, b = max(a, start), min(b, end)
            if a < b:
                spans.append((a, b))
        day += timedelta(days=1)
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def _closed(
    opened: tuple[tuple[datetime, datetime], ...] | None, start: datetime, end: datetime
) -> tuple[tuple[datetime, datetime], ...]:
    if opened is None:
        return ()
    out, at = [], start
    for a, b in opened:
        if at < a:
            out.append((at, a))
        at = max(at, b)
    if at < end:
        out.append((at, end))
    return tuple(out)


def findings_by_key(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Each finding under every session or hold key it names."""
    out: defaultdict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        for name, value in finding.names:
            if name in SESSION_NAMES:
                for key in value.split(","):
                    if finding not in out[key]:
                        out[key].append(finding)
    return out


def _floor_hour(moment: datetime, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    return (moment - timedelta(minutes=local.minute, seconds=local.second)).replace(microsecond=0)


def _ceil_hour(moment: datetime, zone: ZoneInfo) -> datetime:
    floor = _floor_hour(moment, zone)
    return floor if floor == moment else floor + timedelta(hours=1)


def grid_day(
    festival: Festival,
    day: date,
    *,
    kinds: frozenset[str] = frozenset(),
    partner_cities: frozenset[str] = frozenset(),
    delegations: frozenset[str] = frozenset(),
) -> GridDay:
    """The grid of festival-local ``day``: every venue in the festival's order, the sessions
    and holds whose occupation (buffers included) overlaps the day, each with what the
    cached ``festival check`` says about it. ``kinds``, ``partner_cities``,
    ``delegations`` (keys; empty: any) keep only the sessions of events that match each
    given filter. Reads a fixed number of queries."""
    zone = ZoneInfo(festival.timezone)
    start, end = day_bounds(day, zone)
    venue_rows = db.session.execute(
        select(
            Venue.id,
            Venue.key,
            Venue.name,
            Venue.capacity,
            Venue.setup_minutes,
            Venue.teardown_minutes,
            Venue.shared,
            Venue.opening_hours,
        )
        .where(Venue.festival_id == festival.id)
        .order_by(Venue.position, Venue.key)
    ).all()
    venues: list[GridVenue] = []
    by_id: dict[int, GridVenue] = {}
    for v in venue_rows:
        opened = opening_intervals(opening_hours_spec(v.opening_hours), start, end, zone)
        venue = GridVenue(
            key=v.key,
            name=v.name,
            capacity=v.capacity,
            setup_minutes=v.setup_minutes,
            teardown_minutes=v.teardown_minutes,
            shared=v.shared,
            open=opened,
            closed=_closed(opened, start, end),
        )
        venues.append(venue)
        by_id[v.id] = venue
    most_setup = timedelta(minutes=max((v.setup_minutes for v in venues), default=0))
    most_teardown = timedelta(minutes=max((v.teardown_minutes for v in venues), default=0))

    rows = db.session.execute(
        select(
            Session.key,
            Session.version,
            Session.venue_id,
            Session.starts_at,
            Session.ends_at,
            Session.status,
            Session.event_id,
            Event.key.label("event"),
            Event.title,
            Event.kind,
        )
        .join(Event, Event.id == Session.event_id)
        .where(
            Session.festival_id == festival.id,
            Session.starts_at < end + most_setup,
            Session.ends_at > start - most_teardown,
        )
        .order_by(Session.starts_at, Session.key)
    ).all()
    event_ids = {r.event_id for r in rows}
    cities: defaultdict[int, list[str]] = defaultdict(list)
    groups: defaultdict[int, list[str]] = defaultdict(list)
    if event_ids:
        for event_id, key in db.session.execute(
            select(event_partner_city.c.event_id, PartnerCity.key)
            .join(PartnerCity, PartnerCity.id == event_partner_city.c.partner_city_id)
            .where(event_partner_city.c.event_id.in_(event_ids))
            .order_by(event_partner_city.c.event_id, event_partner_city.c.position)
        ):
            cities[event_id].append(key)
        for event_id, key in db.session.execute(
            select(event_delegation.c.event_id, Delegation.key)
            .join(Delegation, Delegation.id == event_delegation.c.delegation_id)
            .where(event_delegation.c.event_id.in_(event_ids))
            .order_by(event_delegation.c.event_id, event_delegation.c.position)
        ):
            groups[event_id].append(key)
    found = findings_by_key(festival_findings(festival.id, festival.version, festival.slug))

    sessions: list[GridSession] = []
    hidden = 0
    seen_kinds: set[str] = set()
    for r in rows:
        venue = by_id[r.venue_id]
        occupied_from = r.starts_at - timedelta(minutes=venue.setup_minutes)
        occupied_until = r.ends_at + timedelta(minutes=venue.teardown_minutes)
        if not (occupied_from < end and start < occupied_until):
            continue
        kind = str(r.kind)
        seen_kinds.add(kind)
        if (
            (kinds and kind not in kinds)
            or (partner_cities and not partner_cities.intersection(cities[r.event_id]))
            or (delegations and not delegations.intersection(groups[r.event_id]))
        ):
            hidden += 1
            continue
        sessions.append(
            GridSession(
                key=r.key,
                version=r.version,
                event=r.event,
                title=r.title,
                kind=kind,
                venue=venue.key,
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                occupied_from=occupied_from,
                occupied_until=occupied_until,
                status=str(r.status),
                partner_cities=tuple(cities[r.event_id]),
                delegations=tuple(groups[r.event_id]),
                findings=tuple(found.get(r.key, ())),
            )
        )
    holds = [
        GridHold(
            key=key,
            venue=by_id[venue_id].key,
            starts_at=a,
            ends_at=b,
            reason=reason,
            findings=tuple(found.get(key, ())),
        )
        for key, venue_id, a, b, reason in db.session.execute(
            select(
                VenueHold.key,
                VenueHold.venue_id,
                VenueHold.starts_at,
                VenueHold.ends_at,
                VenueHold.reason,
            )
            .where(
                VenueHold.festival_id == festival.id,
                VenueHold.starts_at < end,
                VenueHold.ends_at > start,
            )
            .order_by(VenueHold.starts_at, VenueHold.key)
        )
    ]

    # The hours shown: whatever happens, else the venues' opening, else 08:00 to 22:00.
    moments = [m for s in sessions for m in (s.occupied_from, s.occupied_until)]
    moments += [m for h in holds for m in (h.starts_at, h.ends_at)]
    if not moments:
        moments = [m for v in venues for a, b in (v.open or ()) for m in (a, b)]
    if moments:
        shown_from = _floor_hour(max(min(moments), start), zone)
        shown_until = _ceil_hour(min(max(moments), end), zone)
    else:
        shown_from = _wall(day, time(8), zone)
        shown_until = _wall(day, time(22), zone)
    if shown_until <= shown_from:
        shown_until = shown_from + timedelta(hours=1)
    return GridDay(
        day=day,
        zone=zone,
        starts_at=start,
        ends_at=end,
        shown_from=shown_from,
        shown_until=shown_until,
        venues=venues,
        sessions=sessions,
        holds=holds,
        hidden=hidden,
        kinds=sorted(seen_kinds),
    )
