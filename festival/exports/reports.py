"""Organisers' CSV reports: rooming list, transfer manifests, dietary counts, interpreters.

These carry personal data (names, rooms, diets): organisers only, never public.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from festival.models import Festival


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).isoformat(timespec="minutes") if value else ""


def _csv(header: list[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def rooming(festival: Festival) -> str:
    """One row per member: hotel (the member's own, else the delegation's), room, check-in
    and check-out (the delegation's arrival and departure dates, festival time)."""
    zone = festival.zone
    rows = []
    for d in festival.delegations:
        for m in d.members:
            hotel = m.hotel or d.hotel
            rows.append(
                [
                    hotel.key if hotel else "",
                    m.room,
                    d.key,
                    m.name,
                    d.arrival_at.astimezone(zone).date().isoformat() if d.arrival_at else "",
                    d.departure_at.astimezone(zone).date().isoformat() if d.departure_at else "",
                ]
            )
    rows.sort(key=lambda r: (r[0] == "", r[0], r[1], r[2], r[3]))
    return _csv(["hotel", "room", "delegation", "member", "check_in", "check_out"], rows)


def transfers(festival: Festival) -> str:
    """One row per passenger per transfer, in pick-up order."""
    zone = festival.zone
    rows = []
    for t in sorted(festival.transfers, key=lambda t: (t.starts_at, t.key)):
        for d in t.delegations:
            for m in d.members:
                rows.append(
                    [
                        t.key,
                        _local(t.starts_at, zone),
                        _local(t.ends_at, zone),
                        t.from_place,
                        t.to_place,
                        t.vehicle.key if t.vehicle else "",
                        d.key,
                        m.name,
                    ]
                )
    return _csv(
        ["transfer", "starts_at", "ends_at", "from", "to", "vehicle", "delegation", "member"], rows
    )


def dietary(festival: Festival) -> str:
    """Per session (not cancelled): how many attending delegates (members of the delegations
    its event lists) have each dietary need; members without one count as ``none``."""
    zone = festival.zone
    rows = []
    sessions = sorted(
        ((s, e) for e in festival.events for s in e.sessions),
        key=lambda pair: (pair[0].starts_at, pair[0].key),
    )
    for s, e in sessions:
        if s.status == "cancelled" or not e.delegations:
            continue
        counts = Counter(
            (m.dietary or "none").strip().lower() or "none"
            for d in e.delegations
            for m in d.members
        )
        for need, count in sorted(counts.items()):
            rows.append([s.key, _local(s.starts_at, zone), e.title, need, count])
    return _csv(["session", "starts_at", "event", "dietary", "count"], rows)


def interpreters(festival: Festival) -> str:
    """One row per interpreter assignment, with the times it covers."""
    zone = festival.zone
    rows = []
    for a in festival.interpreter_assignments:
        starts = a.session.starts_at if a.session else a.starts_at
        ends = a.session.ends_at if a.session else a.ends_at
        rows.append(
            [
                a.key,
                a.interpreter.key,
                a.interpreter.name,
                " ".join(a.interpreter.languages or ()),
                a.delegation.key if a.delegation else "",
                a.session.key if a.session else "",
                _local(starts, zone),
                _local(ends, zone),
            ]
        )
    rows.sort(key=lambda r: (r[6], r[0]))
    return _csv(
        [
            "assignment",
            "interpreter",
            "name",
            "languages",
            "delegation",
            "session",
            "starts_at",
            "ends_at",
        ],
        rows,
    )


REPORTS: dict[str, Callable[[Festival], str]] = {
    "rooming": rooming,
    "transfers": transfers,
    "dietary": dietary,
    "interpreters": interpreters,
}
