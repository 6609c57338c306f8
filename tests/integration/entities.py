"""A small festival with one of every entity, and a snapshot of the whole database to show
that a refused write left it exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from festival.datafile import validate_data
from festival.exports.festival_data import export_json
from festival.extensions import db
from festival.models import Change, Festival
from festival.services.importer import import_document
from festival.services.specs import load_festival
from festival.services.unit import run_write
from tests.factories import event, festival_data, session, venue

T = TypeVar("T")
TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
ACTOR = "festival test"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=TEHRAN)


def data() -> dict[str, Any]:
    """Hall (30 min setup, 15 teardown, 50 seats), a shared square, a cinema; two delegations
    (Xi'an with two members, Bukhara with one) at one hotel; a coach of 2 seats carrying
    Xi'an; Sara the interpreter assigned to Xi'an for talk-1."""
    return festival_data(
        partner_cities=[
            {"key": "xian", "name": "Xi'an", "local_name": "西安", "country": "CN"},
            {"key": "bukhara", "name": "Bukhara", "country": "UZ"},
            {"key": "krakow", "name": "Kraków", "country": "PL"},
        ],
        venues=[
            venue("hall", setup_minutes=30, teardown_minutes=15, capacity=50),
            venue("square", shared=True, capacity=None, equipment=[]),
            venue("cinema", equipment=["projector"]),
        ],
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "name": "Xi'an Municipal Delegation",
                "hotel": "abbasi",
                "arrival": {"at": "2026-10-17T22:40", "transport": "flight", "place": "IFN"},
                "members": [
                    {"key": "li", "name": "Li Wei", "languages": ["zh"]},
                    {"key": "wang", "name": "Wang Fang", "languages": ["zh", "en"]},
                ],
            },
            {
                "key": "bukhara",
                "partner_city": "bukhara",
                "hotel": "abbasi",
                "members": [{"key": "aziz", "name": "Aziz", "languages": ["uz"]}],
            },
        ],
        vehicles=[
            {"key": "coach", "name": "Coach", "seats": 2},
            {"key": "van", "name": "Van", "seats": 8},
        ],
        interpreters=[
            {"key": "sara", "name": "Sara", "languages": ["en", "zh", "fa"]},
            {"key": "omid", "name": "Omid", "languages": ["fa", "uz"]},
        ],
        transfers=[
            {
                "key": "arr-xian",
                "vehicle": "coach",
                "delegations": ["xian"],
                "from": "IFN",
                "to": "abbasi",
                "starts_at": "2026-10-17T23:10",
                "ends_at": "2026-10-17T23:50",
            }
        ],
        events=[
            event(
                "talks",
                session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                session("talk-2", "2026-10-19T10:00", "2026-10-19T11:00"),
                delegations=["xian"],
                partner_cities=["xian"],
                language="en",
                expected_attendance=40,
            ),
            event(
                "film",
                session("film-1", "2026-10-18T14:00", "2026-10-18T16:00", venue="cinema"),
                kind="screening",
                requires=["projector"],
            ),
            event(
                "market",
                session("market-1", "2026-10-18T09:00", "2026-10-18T18:00", venue="square"),
                kind="other",
            ),
            event("empty", kind="workshop"),
        ],
        venue_holds=[
            {
                "key": "build-up",
                "venue": "hall",
                "starts_at": "2026-10-18T07:00",
                "ends_at": "2026-10-18T08:30",
                "reason": "build-up",
            }
        ],
        interpreter_assignments=[
            {"key": "ia-1", "interpreter": "sara", "delegation": "xian", "session": "talk-1"}
        ],
    )


def load(festival_data_: dict[str, Any] | None = None) -> Festival:
    doc, findings = validate_data(festival_data_ or data())
    assert doc is not None and not [f for f in findings if f.is_error], findings
    festival = run_write(
        lambda: import_document(doc, findings, replace=False, now=NOW, actor=ACTOR)
    )
    return festival


def write(work: Callable[[], T]) -> T:
    """One write as a request makes it: committed, or rolled back whole."""
    return run_write(work)


def snapshot(slug: str = "test-2026") -> tuple[str, dict[str, int], int]:
    """The festival's data file, the row count of every table, and the festival's version."""
    db.session.expire_all()
    festival = load_festival(slug)
    assert festival is not None
    counts = {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in db.metadata.sorted_tables
    }
    return export_json(festival), counts, festival.version


def changes() -> list[tuple[str, str, Any, Any]]:
    """Every recorded change, oldest first: (kind, key, before, after)."""
    rows = db.session.scalars(select(Change).order_by(Change.id))
    return [(c.kind, c.key, c.before, c.after) for c in rows]


def lines(findings: list[Any]) -> list[str]:
    return [f.line() for f in findings]
