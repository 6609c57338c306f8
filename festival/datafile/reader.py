"""Read a festival data file into a clean document, naming every invalid member by its path.

Plain Python: no Flask, no SQLAlchemy. The clean ``Document`` has the file's shape with every
default filled in, times as aware datetimes, and every item that could not be read (or that
names something unknown) left out, so the rules only ever see well-formed data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from festival.scheduling.findings import Finding, error
from festival.scheduling.spec import EVENT_KINDS as KINDS
from festival.scheduling.spec import SESSION_STATUSES as STATUSES
from festival.scheduling.spec import WEEKDAYS

FORMAT = "festival-data/1"
# What a translation may carry: an event's texts, and the festival's own.
EVENT_TEXTS = ("title", "description")
FESTIVAL_TEXTS = ("name", "host_city", "description")
MAX_BYTES = 64 * 1024 * 1024
MAX_INT = 2**31 - 1  # what an integer column holds on every database
MAX_BUFFER = 7 * 24 * 60  # setup or teardown: at most a week, in minutes
MIN_YEAR, MAX_YEAR = 1900, 2999  # keeps time arithmetic (buffers, zones) far from overflow

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HOURS_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")

TOP_LEVEL = (
    "format",
    "festival",
    "partner_cities",
    "venues",
    "hotels",
    "delegations",
    "events",
    "venue_holds",
    "vehicles",
    "interpreters",
    "transfers",
    "interpreter_assignments",
)

Item = dict[str, Any]
_LIST_MEMBERS = {"languages", "equipment", "requires", "partner_cities", "delegations"}


class Unreadable(Exception):
    """The bytes are not a text file we can read (not UTF-8, too big): a usage error."""


@dataclass
class Document:
    """A clean festival: the data file's shape, defaults filled in, times aware."""

    festival: Item
    partner_cities: list[Item] = field(default_factory=list)
    venues: list[Item] = field(default_factory=list)
    hotels: list[Item] = field(default_factory=list)
    delegations: list[Item] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)
    venue_holds: list[Item] = field(default_factory=list)
    vehicles: list[Item] = field(default_factory=list)
    interpreters: list[Item] = field(default_factory=list)
    transfers: list[Item] = field(default_factory=list)
    interpreter_assignments: list[Item] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.festival["slug"]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.festival["timezone"])

    def sessions(self) -> list[tuple[Item, Item]]:
        """Every (event, session) pair, in file order."""
        return [(ev, s) for ev in self.events for s in ev["sessions"]]


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


def read_bytes(raw: bytes) -> tuple[Document | None, list[Finding]]:
    """Decode and parse a data file.

    Raises ``Unreadable`` for bytes that are not UTF-8 text or are too big; malformed JSON is
    a ``malformed-json`` finding with its line and column.
    """
    if len(raw) > MAX_BYTES:
        raise Unreadable(
            f"the file is {len(raw) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MiB"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        return None, [error("malformed-json", ("at", "1:1"), text="the file is empty")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [error("malformed-json", ("at", f"{exc.lineno}:{exc.colno}"), text=exc.msg)]
    except RecursionError:
        return None, [error("malformed-json", ("at", "1:1"), text="nested too deeply")]
    return read_data(data)


def read_data(data: Any) -> tuple[Document | None, list[Finding]]:
    """Validate parsed JSON; returns the clean document (None if unusable) and findings."""
    return _Reader().read(data)


class _Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.zone: tzinfo = UTC

    # -- findings ---------------------------------------------------------------------------

    def invalid(self, path: str, text: str) -> None:
        self.findings.append(error("invalid-value", ("at", path), text=text))

    def unknown(self, path: str, ref: str) -> None:
        self.findings.append(
            error("unknown-reference", ("at", path), ("ref", ref), text="names nothing")
        )

    # -- scalar members ---------------------------------------------------------------------

    def member(self, obj: dict, name: str, path: str, required: bool) -> Any:
        if name in obj and obj[name] is not None:
            return obj[name]
        if required:
            self.invalid(f"{path}.{name}", "missing required member")
        return MISSING

    def string(
        self, obj: dict, name: str, path: str, *, required: bool = False, default: str = ""
    ) -> Any:
        value = self.member(obj, name, path, required)
        if value is MISSING:
            return MISSING if required else default
        if not isinstance(value, str):
            self.invalid(f"{path}.{name}", f"expected a string, got {_json_type(value)}")
            return MISSING if required else default
        if required and not value.strip():
            self.invalid(f"{path}.{name}", "must not be empty")
            return MISSING
        return value

    def key(self, obj: dict, name: str, path: str, *, required: bool = True) -> Any:
        value = self.member(obj, name, path, required)
        if value is MISSING:
            return MISSING if required else None
        if not isinstance(value, str) or not KEY_RE.match(value):
            self.invalid(
                f"{path}.{name}",
                f"bad key {json.dumps(value, ensure_ascii=False)[:80]}: "
                "lower-case letters, digits and '-', at most 64",
            )
            return MISSING
        return value

    def integer(
        self,
        obj: dict,
        name: str,
        path: str,
        *,
        default: int | None = None,
        minimum: int | None = 0,
        maximum: int = MAX_INT,
    ) -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.invalid(f"{path}.{name}", f"expected a whole number, got {_short(value)}")
                return MISSING
        if value > maximum:
            self.invalid(f"{path}.{name}", f"must not be above {maximum}, got {value}")
            return MISSING
        if minimum is not None and value < minimum:
            self.invalid(f"{path}.{name}", f"must not be below {minimum}, got {value}")
            return MISSING
        return value

    def number(self, obj: dict, name: str, path: str, low: float, high: float) -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.invalid(f"{path}.{name}", f"expected a number, got {_short(value)}")
            return MISSING
        if not low <= value <= high:
            self.invalid(f"{path}.{name}", f"must lie between {low} and {high}, got {value}")
            return MISSING
        return float(value)

    def boolean(self, obj: dict, name: str, path: str, default: bool) -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.invalid(f"{path}.{name}", f"expected true or false, got {_short(value)}")
            return MISSING
        return value

    def strings(self, obj: dict, name: str, path: str, *, check: Any = None, what: str = "") -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.invalid(f"{path}.{name}", f"expected a list, got {_json_type(value)}")
            return MISSING
        out: list[str] = []
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str) or (check is not None and not check(item)):
                self.invalid(f"{path}.{name}[{i}]", f"bad {what or 'value'} {_short(item)}")
                ok = False
            else:
                out.append(item)
        return out if ok else MISSING

    def language(self, obj: dict, name: str, path: str) -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING or value == "":
            return None
        if not isinstance(value, str) or not LANGUAGE_RE.match(value):
            self.invalid(
                f"{path}.{name}", f"bad language code {_short(value)} (BCP 47: fa, zh, uz-Cyrl)"
            )
            return MISSING
        return value

    def timezone(self, obj: dict, name: str, path: str, *, required: bool) -> Any:
        value = self.member(obj, name, path, required)
        if value is MISSING:
            return MISSING if required else None
        if not isinstance(value, str):
            self.invalid(f"{path}.{name}", f"expected an IANA time zone, got {_short(value)}")
            return MISSING
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.invalid(f"{path}.{name}", f"unknown time zone {_short(value)}")
            return MISSING
        return value

    def date(self, obj: dict, name: str, path: str, *, required: bool) -> Any:
        value = self.member(obj, name, path, required)
        if value is MISSING:
            return MISSING
        if isinstance(value, str) and DATE_RE.match(value):
            try:
                parsed = date.fromisoformat(value)
                if MIN_YEAR <= parsed.year <= MAX_YEAR:
                    return parsed
            except ValueError:
                pass
        self.invalid(f"{path}.{name}", f"bad date {_short(value)} (YYYY-MM-DD)")
        return MISSING

    def datetime(self, obj: dict, name: str, path: str, *, required: bool) -> Any:
        """An aware datetime; wall time (no offset) is in the festival's zone."""
        value = self.member(obj, name, path, required)
        if value is MISSING:
            return MISSING
        try:
            return parse_datetime(value, self.zone)
        except ValueError as exc:
            self.invalid(f"{path}.{name}", str(exc))
            return MISSING

    # -- lists ------------------------------------------------------------------------------

    def items(self, data: dict, name: str, path_prefix: str = "") -> list[tuple[str, dict]]:
        """(path, object) for every item of a list member, with duplicate keys reported."""
        value = data.get(name, MISSING)
        where = f"{path_prefix}{name}"
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.invalid(where, f"expected a list, got {_json_type(value)}")
            return []
        out: list[tuple[str, dict]] = []
        for index, obj in enumerate(value):
            if not isinstance(obj, dict):
                self.invalid(f"{where}[{index}]", f"expected an object, got {_json_type(obj)}")
                continue
            key = obj.get("key")
            label = key if isinstance(key, str) and KEY_RE.match(key) else str(index)
            out.append((f"{where}[{label}]", obj))
        return out

    def unique(
        self,
        entries: list[tuple[str, Item]],
        seen: dict[str, str] | None = None,
        list_path: str = "",
    ) -> list[Item]:
        """Drop items whose key is already taken, reporting each duplicate."""
        seen = {} if seen is None else seen
        kept = []
        for path, item in entries:
            key = item["key"]
            if key in seen:
                self.findings.append(
                    error(
                        "duplicate-key",
                        ("at", f"{path}.key"),
                        text=f"key {key} already used at {seen[key]}",
                    )
                )
                continue
            seen[key] = path
            kept.append(item)
        return kept

    def keep(
        self,
        entries: list[tuple[str, Item]],
        path: str,
        item: Item,
        required: tuple[str, ...] = ("key",),
    ) -> None:
        """Keep an item unless a required member is unusable; bad optional members get
        their default, so one bad value is reported once and does not cascade."""
        if any(item.get(name) is MISSING for name in required):
            return
        for name, value in item.items():
            if value is MISSING:
                item[name] = [] if name in _LIST_MEMBERS else {} if name == "translations" else None
        entries.append((path, item))

    # -- the document -----------------------------------------------------------------------

    def read(self, data: Any) -> tuple[Document | None, list[Finding]]:
        if not isinstance(data, dict):
            self.invalid("$", f"the file must hold a JSON object, not {_json_type(data)}")
            return None, self.findings
        for name in data:
            if name not in TOP_LEVEL:
                self.invalid(name, "unknown top-level member")
        fmt = data.get("format", MISSING)
        if fmt is MISSING:
            self.invalid("format", f"missing required member (expected {FORMAT!r})")
        elif fmt != FORMAT:
            self.invalid("format", f"unsupported format {_short(fmt)} (expected {FORMAT!r})")

        festival = self.festival(data.get("festival", MISSING))
        if festival is None:
            return None, self.findings

        refs: dict[str, set[str]] = {}
        doc = Document(festival=festival)
        doc.partner_cities = self.partner_cities(data)
        refs["partner_city"] = {c["key"] for c in doc.partner_cities}
        doc.venues = self.venues(data)
        refs["venue"] = {v["key"] for v in doc.venues}
        doc.hotels = self.hotels(data)
        refs["hotel"] = {h["key"] for h in doc.hotels}
        doc.delegations = self.delegations(data, refs)
        refs["delegation"] = {d["key"] for d in doc.delegations}
        doc.events = self.events(data, refs)
        refs["session"] = {s["key"] for _, s in doc.sessions()}
        doc.venue_holds = self.venue_holds(data, refs)
        doc.vehicles = self.vehicles(data)
        refs["vehicle"] = {v["key"] for v in doc.vehicles}
        doc.interpreters = self.interpreters(data)
        refs["interpreter"] = {i["key"] for i in doc.interpreters}
        doc.transfers = self.transfers(data, refs)
        doc.interpreter_assignments = self.assignments(data, refs)
        return doc, self.findings

    def festival(self, obj: Any) -> Item | None:
        path = "festival"
        if obj is MISSING or obj is None:
            self.invalid(path, "missing required member")
            return None
        if not isinstance(obj, dict):
            self.invalid(path, f"expected an object, got {_json_type(obj)}")
            return None
        before = len(self.findings)
        out = {
            "slug": self.key(obj, "slug", path),
            "name": self.string(obj, "name", path, required=True),
            "host_city": self.string(obj, "host_city", path, required=True),
            "country": self.string(obj, "country", path),
            "timezone": self.timezone(obj, "timezone", path, required=True),
            "starts_on": self.date(obj, "starts_on", path, required=True),
            "ends_on": self.date(obj, "ends_on", path, required=True),
            "languages": self.strings(
                obj, "languages", path, check=LANGUAGE_RE.match, what="language code"
            ),
            "description": self.string(obj, "description", path),
            "translations": self.translations(obj, path, FESTIVAL_TEXTS),
            "published": self.boolean(obj, "published", path, True),
        }
        if out["timezone"] is not MISSING:
            self.zone = ZoneInfo(out["timezone"])
        if (
            out["starts_on"] is not MISSING
            and out["ends_on"] is not MISSING
            and out["ends_on"] < out["starts_on"]
        ):
            self.invalid(f"{path}.ends_on", "the festival ends before it starts")
        if len(self.findings) > before:
            return None
        return out

    def partner_cities(self, data: dict) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "partner_cities"):
            item = {
                "key": self.key(obj, "key", path),
                "name": self.string(obj, "name", path),
                "local_name": self.string(obj, "local_name", path),
                "country": self.string(obj, "country", path),
                "timezone": self.timezone(obj, "timezone", path, required=False),
                "twinned_since": self.integer(obj, "twinned_since", path),
            }
            self.keep(entries, path, item)
        return self.unique(entries)

    def venues(self, data: dict) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "venues"):
            item = {
                "key": self.key(obj, "key", path),
                "name": self.string(obj, "name", path),
                "local_name": self.string(obj, "local_name", path),
                "address": self.string(obj, "address", path),
                "latitude": self.number(obj, "latitude", path, -90, 90),
                "longitude": self.number(obj, "longitude", path, -180, 180),
                "capacity": self.integer(obj, "capacity", path),
                "equipment": self.strings(obj, "equipment", path, what="equipment"),
                "setup_minutes": self.integer(
                    obj, "setup_minutes", path, default=0, maximum=MAX_BUFFER
                ),
                "teardown_minutes": self.integer(
                    obj, "teardown_minutes", path, default=0, maximum=MAX_BUFFER
                ),
                "shared": self.boolean(obj, "shared", path, False),
                "opening_hours": self.opening_hours(obj, path),
                "accessibility": self.string(obj, "accessibility", path),
            }
            self.keep(entries, path, item)
        return self.unique(entries)

    def opening_hours(self, obj: dict, path: str) -> Any:
        value = self.member(obj, "opening_hours", path, False)
        if value is MISSING:
            return None
        where = f"{path}.opening_hours"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object of days, got {_json_type(value)}")
            return MISSING
        out: dict[str, str] = {}
        for day, hours in value.items():
            if day not in WEEKDAYS:
                self.invalid(f"{where}.{day}", "unknown day (mon, tue, wed, thu, fri, sat, sun)")
                continue
            if not isinstance(hours, str) or parse_hours(hours) is None:
                self.invalid(f"{where}.{day}", f"bad hours {_short(hours)} (09:00-21:00)")
                continue
            out[day] = hours
        return out if len(out) == len(value) else MISSING

    def hotels(self, data: dict) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "hotels"):
            item = {
                "key": self.key(obj, "key", path),
                "name": self.string(obj, "name", path),
                "address": self.string(obj, "address", path),
                "latitude": self.number(obj, "latitude", path, -90, 90),
                "longitude": self.number(obj, "longitude", path, -180, 180),
            }
            self.keep(entries, path, item)
        return self.unique(entries)

    def ref(
        self, obj: dict, name: str, path: str, known: set[str], *, required: bool = False
    ) -> Any:
        """A key naming another entity; ``MISSING`` when bad or unknown (reported)."""
        value = self.key(obj, name, path, required=required)
        if value is MISSING or value is None:
            return value
        if value not in known:
            self.unknown(f"{path}.{name}", value)
            return MISSING
        return value

    def refs(self, obj: dict, name: str, path: str, known: set[str]) -> Any:
        values = self.strings(obj, name, path, check=KEY_RE.match, what="key")
        if values is MISSING:
            return MISSING
        ok = True
        for i, value in enumerate(values):
            if value not in known:
                self.unknown(f"{path}.{name}[{i}]", value)
                ok = False
        return list(dict.fromkeys(values)) if ok else MISSING

    def movement(self, obj: dict, name: str, path: str) -> Any:
        value = self.member(obj, name, path, False)
        if value is MISSING:
            return None
        where = f"{path}.{name}"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object, got {_json_type(value)}")
            return MISSING
        movement = {
            "at": self.datetime(value, "at", where, required=True),
            "transport": self.string(value, "transport", where),
            "reference": self.string(value, "reference", where),
            "place": self.string(value, "place", where),
        }
        # Without a usable time the movement is unusable (the finding names the member).
        return MISSING if movement["at"] is MISSING else movement

    def delegations(self, data: dict, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "delegations"):
            liaison = obj.get("liaison") if isinstance(obj.get("liaison"), dict) else {}
            item = {
                "key": self.key(obj, "key", path),
                "partner_city": self.ref(
                    obj, "partner_city", path, refs["partner_city"], required=True
                ),
                "name": self.string(obj, "name", path),
                "contact_email": self.string(obj, "contact_email", path),
                "language": self.language(obj, "language", path),
                "hotel": self.ref(obj, "hotel", path, refs["hotel"]),
                "arrival": self.movement(obj, "arrival", path),
                "departure": self.movement(obj, "departure", path),
                "liaison": {
                    "name": self.string(liaison, "name", f"{path}.liaison"),
                    "phone": self.string(liaison, "phone", f"{path}.liaison"),
                    "email": self.string(liaison, "email", f"{path}.liaison"),
                },
                "members": self.members(obj, path, refs),
            }
            self.keep(entries, path, item, ("key", "partner_city"))
        return self.unique(entries)

    def members(self, delegation: dict, path: str, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        for mpath, obj in self.items(delegation, "members", f"{path}."):
            item = {
                "key": self.key(obj, "key", mpath),
                "name": self.string(obj, "name", mpath, required=True),
                "role": self.string(obj, "role", mpath),
                "languages": self.strings(
                    obj, "languages", mpath, check=LANGUAGE_RE.match, what="language code"
                ),
                "dietary": self.string(obj, "dietary", mpath),
                "accessibility": self.string(obj, "accessibility", mpath),
                "email": self.string(obj, "email", mpath),
                "phone": self.string(obj, "phone", mpath),
                "room": self.string(obj, "room", mpath),
                "hotel": self.ref(obj, "hotel", mpath, refs["hotel"]),
            }
            self.keep(entries, mpath, item, ("key", "name"))
        return self.unique(entries)

    def events(self, data: dict, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        session_keys: dict[str, str] = {}
        for path, obj in self.items(data, "events"):
            kind = self.string(obj, "kind", path, required=True)
            if kind is not MISSING and kind not in KINDS:
                self.invalid(f"{path}.kind", f"unknown kind {_short(kind)} ({', '.join(KINDS)})")
            item = {
                "key": self.key(obj, "key", path),
                "kind": kind,
                "title": self.string(obj, "title", path, required=True),
                "description": self.string(obj, "description", path),
                "language": self.language(obj, "language", path),
                "public": self.boolean(obj, "public", path, True),
                "partner_cities": self.refs(obj, "partner_cities", path, refs["partner_city"]),
                "delegations": self.refs(obj, "delegations", path, refs["delegation"]),
                "expected_attendance": self.integer(obj, "expected_attendance", path),
                "requires": self.strings(obj, "requires", path, what="equipment"),
                "translations": self.translations(obj, path, EVENT_TEXTS),
            }
            sessions = []
            for spath, sobj in self.items(obj, "sessions", f"{path}."):
                status = self.string(sobj, "status", spath, default="confirmed")
                if status not in STATUSES:
                    self.invalid(
                        f"{spath}.status",
                        f"unknown status {_short(status)} (confirmed, tentative, cancelled)",
                    )
                session = {
                    "key": self.key(sobj, "key", spath),
                    "starts_at": self.datetime(sobj, "starts_at", spath, required=True),
                    "ends_at": self.datetime(sobj, "ends_at", spath, required=True),
                    "venue": self.ref(sobj, "venue", spath, refs["venue"], required=True),
                    "status": status,
                    "path": spath,
                }
                self.keep(sessions, spath, session, ("key", "starts_at", "ends_at", "venue"))
            item["sessions"] = self.unique(sessions, session_keys)
            self.keep(entries, path, item, ("key", "kind", "title"))
        return self.unique(entries)

    def translations(self, obj: dict, path: str, texts_allowed: tuple[str, ...]) -> Any:
        value = self.member(obj, "translations", path, False)
        if value is MISSING:
            return {}
        where = f"{path}.translations"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object of languages, got {_json_type(value)}")
            return MISSING
        out: dict[str, dict[str, str]] = {}
        for lang, texts in value.items():
            if not LANGUAGE_RE.match(lang):
                self.invalid(f"{where}.{lang}", "bad language code (BCP 47: fa, zh, uz-Cyrl)")
                continue
            if not isinstance(texts, dict) or not all(
                k in texts_allowed and isinstance(v, str) for k, v in texts.items()
            ):
                self.invalid(
                    f"{where}.{lang}", f"expected an object of texts ({', '.join(texts_allowed)})"
                )
                continue
            out[lang] = dict(texts)
        return out if len(out) == len(value) else MISSING

    def venue_holds(self, data: dict, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "venue_holds"):
            item = {
                "key": self.key(obj, "key", path),
                "venue": self.ref(obj, "venue", path, refs["venue"], required=True),
                "starts_at": self.datetime(obj, "starts_at", path, required=True),
                "ends_at": self.datetime(obj, "ends_at", path, required=True),
                "reason": self.string(obj, "reason", path),
                "path": path,
            }
            self.keep(entries, path, item, ("key", "venue", "starts_at", "ends_at"))
        return self.unique(entries)

    def vehicles(self, data: dict) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "vehicles"):
            item = {
                "key": self.key(obj, "key", path),
                "name": self.string(obj, "name", path),
                "seats": self.integer(obj, "seats", path),
                "driver": self.string(obj, "driver", path),
                "phone": self.string(obj, "phone", path),
            }
            self.keep(entries, path, item)
        return self.unique(entries)

    def interpreters(self, data: dict) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "interpreters"):
            item = {
                "key": self.key(obj, "key", path),
                "name": self.string(obj, "name", path),
                "languages": self.strings(
                    obj, "languages", path, check=LANGUAGE_RE.match, what="language code"
                ),
                "phone": self.string(obj, "phone", path),
            }
            self.keep(entries, path, item)
        return self.unique(entries)

    def transfers(self, data: dict, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "transfers"):
            item = {
                "key": self.key(obj, "key", path),
                "vehicle": self.ref(obj, "vehicle", path, refs["vehicle"]),
                "delegations": self.refs(obj, "delegations", path, refs["delegation"]),
                "from": self.string(obj, "from", path),
                "to": self.string(obj, "to", path),
                "starts_at": self.datetime(obj, "starts_at", path, required=True),
                "ends_at": self.datetime(obj, "ends_at", path, required=True),
                "path": path,
            }
            self.keep(entries, path, item, ("key", "starts_at", "ends_at"))
        return self.unique(entries)

    def assignments(self, data: dict, refs: dict[str, set[str]]) -> list[Item]:
        entries = []
        for path, obj in self.items(data, "interpreter_assignments"):
            session = self.ref(obj, "session", path, refs["session"])
            has_session = session is not None
            item = {
                "key": self.key(obj, "key", path),
                "interpreter": self.ref(
                    obj, "interpreter", path, refs["interpreter"], required=True
                ),
                "delegation": self.ref(obj, "delegation", path, refs["delegation"]),
                "session": session,
                "starts_at": self.datetime(obj, "starts_at", path, required=not has_session),
                "ends_at": self.datetime(obj, "ends_at", path, required=not has_session),
                "path": path,
            }
            required = ("key", "interpreter") + (() if has_session else ("starts_at", "ends_at"))
            self.keep(entries, path, item, required)
        return self.unique(entries)


def parse_datetime(value: Any, zone: tzinfo) -> datetime:
    """An aware UTC datetime from ``2026-10-18T10:00`` (wall time in ``zone``) or a time with
    an offset. A wall time the zone skips (a DST gap) is refused; a repeated one means the
    first. Raises ``ValueError`` with a message naming the problem."""
    if not isinstance(value, str) or not TIME_RE.match(value):
        raise ValueError(f"bad time {_short(value)} (2026-10-18T10:00, offset optional)")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"bad time {_short(value)}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"{value} is out of range (years {MIN_YEAR} to {MAX_YEAR})")
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    local = parsed.replace(tzinfo=zone, fold=0)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != parsed:
        raise ValueError(f"{value} does not exist in {zone}: the clocks skip it")
    return local.astimezone(UTC)


def parse_hours(text: str) -> list[tuple[time, time]] | None:
    """``"09:00-21:00"`` or ``"09:00-12:00,14:00-18:00"``; ``24:00`` closes at midnight."""
    out = []
    for part in text.split(","):
        match = HOURS_RE.match(part.strip())
        if not match:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
            return None
        out.append((time(h1, m1), time(0, 0) if h2 == 24 else time(h2, m2)))
    return out


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def read_festival(obj: Any) -> tuple[Item | None, list[Finding]]:
    """The ``festival`` member alone, read as the file's reader reads it (paths ``festival.*``)."""
    reader = _Reader()
    return reader.festival(obj), reader.findings


def read_item(
    list_name: str,
    obj: Any,
    *,
    zone: tzinfo,
    known: Mapping[str, Container[str]] | None = None,
    parent: str = "",
) -> tuple[Item | None, list[Finding]]:
    """One item of the list ``list_name`` (``venues``, ``events``, ``members``...), read with
    the very checks, defaults and paths (``venues[hall].capacity``) of a whole file.

    Wall times are read in ``zone``. ``known`` holds, per kind (``venue``, ``hotel``,
    ``partner_city``, ``delegation``, ``session``, ``vehicle``, ``interpreter``), the keys a
    reference may name; ``parent`` is the delegation's path for ``members``. Returns the
    clean item (None when a required member is unusable) and every finding; whether the key
    is already taken is the caller's to check.
    """
    reader = _Reader()
    reader.zone = zone
    refs = cast(dict[str, set[str]], {kind: set() for kind in _REFERENCED} | dict(known or {}))
    data = {list_name: [obj]}
    readers: dict[str, Callable[[], list[Item]]] = {
        "partner_cities": lambda: reader.partner_cities(data),
        "venues": lambda: reader.venues(data),
        "hotels": lambda: reader.hotels(data),
        "delegations": lambda: reader.delegations(data, refs),
        "members": lambda: reader.members(data, parent, refs),
        "events": lambda: reader.events(data, refs),
        "venue_holds": lambda: reader.venue_holds(data, refs),
        "vehicles": lambda: reader.vehicles(data),
        "interpreters": lambda: reader.interpreters(data),
        "transfers": lambda: reader.transfers(data, refs),
        "interpreter_assignments": lambda: reader.assignments(data, refs),
    }
    if list_name not in readers:
        raise ValueError(f"no list {list_name!r} in a festival data file")
    items = readers[list_name]()
    return (items[0] if items else None), reader.findings


_REFERENCED = (
    "partner_city",
    "venue",
    "hotel",
    "delegation",
    "session",
    "vehicle",
    "interpreter",
)
