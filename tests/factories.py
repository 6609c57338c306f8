"""Plain builders for festival data with keyword overrides (no opaque factories)."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from typing import Any


def demo_data() -> dict[str, Any]:
    """The demo festival's data file (a fresh copy to modify)."""
    return json.loads((files("festival") / "data" / "demo-isfahan-2026.json").read_text("utf-8"))


def festival_meta(**overrides: Any) -> dict[str, Any]:
    meta = {
        "slug": "test-2026",
        "name": "Test Sister Cities Week",
        "host_city": "Isfahan",
        "country": "IR",
        "timezone": "Asia/Tehran",
        "starts_on": "2026-10-18",
        "ends_on": "2026-10-24",
        "languages": ["en", "fa"],
        "published": True,
    }
    meta.update(overrides)
    return meta


def venue(key: str = "hall", **overrides: Any) -> dict[str, Any]:
    item = {
        "key": key,
        "name": key.replace("-", " ").title(),
        "capacity": 100,
        "equipment": ["projector", "screen", "sound"],
    }
    item.update(overrides)
    return item


def session(
    key: str, starts_at: str, ends_at: str, venue: str = "hall", **overrides: Any
) -> dict[str, Any]:
    item = {"key": key, "starts_at": starts_at, "ends_at": ends_at, "venue": venue}
    item.update(overrides)
    return item


def event(
    key: str, *sessions: dict[str, Any], kind: str = "talk", **overrides: Any
) -> dict[str, Any]:
    item = {
        "key": key,
        "kind": kind,
        "title": key.replace("-", " ").title(),
        "sessions": list(sessions),
    }
    item.update(overrides)
    return item


def festival_data(*, events: list[dict[str, Any]] | None = None, **members: Any) -> dict[str, Any]:
    """A small valid festival: one partner city, one venue, the given events."""
    data: dict[str, Any] = {
        "format": "festival-data/1",
        "festival": festival_meta(),
        "partner_cities": [{"key": "xian", "name": "Xi'an", "local_name": "西安", "country": "CN"}],
        "venues": [venue("hall")],
        "events": events
        if events is not None
        else [
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
            ),
        ],
    }
    for name, value in members.items():
        if name == "festival":
            data["festival"] = festival_meta(**value)
        else:
            data[name] = value
    return copy.deepcopy(data)


def to_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
