"""What ``festival check`` finds in stored festivals: every finding of one festival (cached
per festival version), and the organiser home's overview with error and warning counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select

from festival.cache import outputs
from festival.extensions import db
from festival.models import Delegation, Festival, FestivalCheck, Session, Venue, VenueHold
from festival.queries.programme import festival_day
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding
from festival.services.specs import festival_spec, load_festival
from festival.vocabulary import SessionStatus


@dataclass(frozen=True)
class FestivalRow:
    """One festival on the organiser home. ``errors``/``warnings`` are None when no count
    is stored for the festival's current version (``festival_findings`` then makes one)."""

    id: int
    slug: str
    name: str
    published: bool
    starts_on: date
    ends_on: date
    timezone: str
    version: int
    errors: int | None
    warnings: int | None


def festival_overview() -> list[FestivalRow]:
    """Every festival, draft or published, newest first, with its stored counts, in one query."""
    rows = db.session.execute(
        select(
            Festival.id,
            Festival.slug,
            Festival.name,
            Festival.published,
            Festival.starts_on,
            Festival.ends_on,
            Festival.timezone,
            Festival.version,
            FestivalCheck.version.label("checked_version"),
            FestivalCheck.errors,
            FestivalCheck.warnings,
        )
        .outerjoin(FestivalCheck, FestivalCheck.festival_id == Festival.id)
        .order_by(Festival.starts_on.desc(), Festival.slug)
    )
    out = []
    for r in rows:
        fresh = r.checked_version == r.version
        out.append(
            FestivalRow(
                id=r.id,
                slug=r.slug,
                name=r.name,
                published=r.published,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
                timezone=r.timezone,
                version=r.version,
                errors=r.errors if fresh else None,
                warnings=r.warnings if fresh else None,
            )
        )
    return out


def festival_findings(festival_id: int, version: int, slug: str) -> list[Finding]:
    """Every finding of ``festival check`` for the stored festival at ``version``, errors
    first, exactly as the command prints them. Computed once per (festival id, version) in
    this process; an unknown slug has none."""

    def build() -> list[Finding]:
        festival = load_festival(slug)
        return check_festival(festival_spec(festival)) if festival is not None else []

    return outputs.get_or_build(
        ("festival-findings", festival_id, version),
        build,
        lambda findings: 512 + 256 * len(findings),
    )


def counts(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


@dataclass(frozen=True)
class SessionCounts:
    """Sessions of a festival by festival day (local, days starting at 04:00) and by venue.
    ``cancelled`` are counted apart: they occupy nothing."""

    by_day: list[tuple[date, int, int]]
    by_venue: list[tuple[str, str, int, int]]
    total: int
    cancelled: int


def session_counts(festival: Festival) -> SessionCounts:
    """(day, sessions, cancelled) per day in order, and (venue key, name, sessions,
    cancelled) per venue in the festival's venue order, venues without sessions included."""
    zone = ZoneInfo(festival.timezone)
    days: Counter[date] = Counter()
    cancelled_days: Counter[date] = Counter()
    for starts_at, status in db.session.execute(
        select(Session.starts_at, Session.status).where(Session.festival_id == festival.id)
    ):
        day = festival_day(starts_at.astimezone(zone))
        (cancelled_days if status == SessionStatus.CANCELLED else days)[day] += 1
    cancelled_expr = func.sum(case((Session.status == SessionStatus.CANCELLED.value, 1), else_=0))
    venue_rows = db.session.execute(
        select(Venue.key, Venue.name, func.count(Session.id), cancelled_expr)
        .outerjoin(Session, Session.venue_id == Venue.id)
        .where(Venue.festival_id == festival.id)
        .group_by(Venue.id, Venue.key, Venue.name, Venue.position)
        .order_by(Venue.position, Venue.key)
    )
    by_venue = [
        (key, name, total - int(cancelled or 0), int(cancelled or 0))
        for key, name, total, cancelled in venue_rows
    ]
    all_days = sorted(days.keys() | cancelled_days.keys())
    return SessionCounts(
        by_day=[(d, days[d], cancelled_days[d]) for d in all_days],
        by_venue=by_venue,
        total=sum(days.values()),
        cancelled=sum(cancelled_days.values()),
    )


def hold_keys(festival_id: int) -> frozenset[str]:
    """The keys of the festival's venue holds (a finding's ``sessions=`` may name a hold)."""
    return frozenset(
        db.session.scalars(select(VenueHold.key).where(VenueHold.festival_id == festival_id))
    )


@dataclass(frozen=True)
class DelegationLink:
    key: str
    name: str
    token: str


def delegation_links(festival_id: int) -> list[DelegationLink]:
    """Each delegation's key, name and private token, in the festival's order."""
    rows = db.session.execute(
        select(Delegation.key, Delegation.name, Delegation.token)
        .where(Delegation.festival_id == festival_id)
        .order_by(Delegation.position, Delegation.key)
    )
    return [DelegationLink(*row) for row in rows]
