"""Read a festival data file into a typed ``Document``, naming every invalid member by its path.

Plain Python: no Flask, no SQLAlchemy. What each member may hold, whether it is required and
its default are declared once, on the dataclasses of ``festival.datafile.document``; this
module walks those declarations (``_plan``) and knows how to read each kind of value.

The clean ``Document`` has every default filled in, times as aware UTC datetimes, and every
item that could not be read (or that names something unknown) left out, so the rules only
ever see well-formed data. A bad optional member is reported and takes its default, so one
bad value is reported once and does not cascade; an unknown kind or status is reported and
kept as written (a document with errors is only ever reported on, never stored). Text that a
database cannot hold (a NUL character, a lone surrogate, more characters than its column) is
an ``invalid-value`` here, so ``import --dry-run`` and ``import`` always agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Container, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from festival.datafile.document import (
    FORMAT,
    LANGUAGE_LENGTH,
    TIMEZONE_LENGTH,
    Boolean,
    Choice,
    Date,
    Document,
    Festival,
    Integer,
    Items,
    Key,
    Kind,
    Language,
    Languages,
    Nested,
    Number,
    OpeningHours,
    Ref,
    Refs,
    Strings,
    Text,
    Time,
    Timezone,
    Translations,
    located,
    members,
)
from festival.errors import Unreadable
from festival.keys import KEY_RE, LANGUAGE_RE
from festival.scheduling.findings import Finding, error
from festival.scheduling.spec import WEEKDAYS

__all__ = [
    "FORMAT",
    "KEY_RE",
    "LANGUAGE_RE",
    "MAX_BYTES",
    "Document",
    "Unreadable",
    "parse_datetime",
    "parse_hours",
    "read_bytes",
    "read_data",
    "read_festival",
    "read_item",
]

MAX_BYTES = 64 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 1900, 2999  # keeps time arithmetic (buffers, zones) far from overflow

TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HOURS_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$", re.ASCII)
TIMEZONE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")

TOP_LEVEL = ("format", *(m.name for m in members(Document)))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


# A member that is absent, or present but unusable (and already reported).
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


# -- the plan: each entity's members with the function that reads each -----------------------

# (reader, kind, value, item path, member name, required) -> value or MISSING (reported)
_Read = Callable[["_Reader", Any, Any, str, str, bool], Any]


# (field, member name, kind, required, required unless this member is present, reader)
_Slot = tuple[str, str, Kind, bool, str | None, _Read]


def _plan(entity: type) -> tuple[tuple[_Slot, ...], bool]:
    """The members of ``entity`` in reading order, and whether its items record their path."""
    plan = _PLANS.get(entity)
    if plan is None:
        slots = tuple(
            (m.attr, m.name, m.kind, m.required, m.unless, _READERS[type(m.kind)])
            for m in members(entity)
        )
        plan = _PLANS[entity] = (slots, located(entity))
    return plan


_PLANS: dict[type, tuple[tuple[_Slot, ...], bool]] = {}


class _Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.zone: tzinfo = UTC
        # Keys of every list read so far, by the list's name: what a reference may name.
        self.known: dict[str, set[str]] = {}
        # Keys already used in lists that are unique festival-wide (sessions), with the path.
        self.seen: dict[str, dict[str, str]] = {}

    # -- findings ---------------------------------------------------------------------------

    def invalid(self, path: str, text: str) -> None:
        self.findings.append(error("invalid-value", ("at", path), text=text))

    def unknown(self, path: str, ref: str) -> None:
        self.findings.append(
            error("unknown-reference", ("at", path), ("ref", ref), text="names nothing")
        )

    # -- the document -----------------------------------------------------------------------

    def read(self, data: Any) -> tuple[Document | None, list[Finding]]:
        if not isinstance(data, dict):
            self.invalid("$", f"the file must hold a JSON object, not {_json_type(data)}")
            return None, self.findings
        for name in data:
            if name not in TOP_LEVEL:
                self.invalid(_label(name), "unknown top-level member")
        fmt = data.get("format", MISSING)
        if fmt is MISSING:
            self.invalid("format", f"missing required member (expected {FORMAT!r})")
        elif fmt != FORMAT:
            self.invalid("format", f"unsupported format {_short(fmt)} (expected {FORMAT!r})")

        festival = self.festival(data.get("festival"))
        if festival is None:
            return None, self.findings
        self.zone = festival.zone
        lists: dict[str, Any] = {}
        for m in members(Document):
            if not isinstance(m.kind, Items):
                continue
            value = data.get(m.name)
            items = () if value is None else self.items(m.kind, value, "", m.name, False)
            lists[m.attr] = () if items is MISSING else items
            self.register(m.name, m.kind.entity, lists[m.attr])
        return Document(festival=festival, **lists), self.findings

    def festival(self, obj: Any) -> Festival | None:
        """The festival, or None (the document is unusable) if any of its members is bad."""
        path = "festival"
        if obj is None:
            self.invalid(path, "missing required member")
            return None
        if not isinstance(obj, dict):
            self.invalid(path, f"expected an object, got {_json_type(obj)}")
            return None
        before = len(self.findings)
        values, usable = self.values(Festival, obj, path)
        starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
        if starts_on is not None and ends_on is not None and ends_on < starts_on:
            self.invalid(f"{path}.ends_on", "the festival ends before it starts")
        if not usable or len(self.findings) > before:
            return None
        return Festival(**values)

    def register(self, name: str, entity: type, items: tuple[Any, ...]) -> None:
        """Make a list's keys (and those of lists nested in it festival-wide) referable."""
        self.known[name] = {item.key for item in items}
        for m in members(entity):
            if isinstance(m.kind, Items) and m.kind.festival_wide:
                self.known[m.name] = {c.key for item in items for c in getattr(item, m.attr)}

    # -- entities ---------------------------------------------------------------------------

    def values(self, entity: type, obj: dict[str, Any], path: str) -> tuple[dict[str, Any], bool]:
        """The usable members of one object (absent or bad optional ones left to their
        default), and whether every required member was usable."""
        out: dict[str, Any] = {}
        usable = True
        get = obj.get
        for attr, name, kind, required, unless, read in _plan(entity)[0]:
            if unless is not None and get(unless) is None:
                required = True
            value = get(name)
            if value is None:
                if required:
                    self.invalid(f"{path}.{name}", "missing required member")
                    usable = False
                continue
            value = read(self, kind, value, path, name, required)
            if value is MISSING:
                usable = usable and not required
                continue
            out[attr] = value
        return out, usable

    def entity(self, entity: type, obj: dict[str, Any], path: str) -> Any:
        """One item, or None when a required member is unusable (reported)."""
        values, usable = self.values(entity, obj, path)
        if not usable:
            return None
        if _plan(entity)[1]:
            values["path"] = path
        return entity(**values)

    def items(self, kind: Items, value: Any, path: str, name: str, required: bool) -> Any:
        """A list of objects, each labelled by its key (else its index); items whose key is
        already taken are dropped, each duplicate reported after the list is read."""
        where = f"{path}.{name}" if path else name
        if not isinstance(value, list):
            self.invalid(where, f"expected a list, got {_json_type(value)}")
            return MISSING
        read: list[tuple[str, Any]] = []
        for index, obj in enumerate(value):
            if not isinstance(obj, dict):
                self.invalid(f"{where}[{index}]", f"expected an object, got {_json_type(obj)}")
                continue
            key = obj.get("key")
            label = key if isinstance(key, str) and KEY_RE.fullmatch(key) else str(index)
            item_path = f"{where}[{label}]"
            item = self.entity(kind.entity, obj, item_path)
            if item is not None:
                read.append((item_path, item))
        seen = self.seen.setdefault(name, {}) if kind.festival_wide else {}
        kept = []
        for item_path, item in read:
            if item.key in seen:
                self.findings.append(
                    error(
                        "duplicate-key",
                        ("at", f"{item_path}.key"),
                        text=f"key {item.key} already used at {seen[item.key]}",
                    )
                )
                continue
            seen[item.key] = item_path
            kept.append(item)
        return tuple(kept)

    def nested(self, kind: Nested, value: Any, path: str, name: str, required: bool) -> Any:
        where = f"{path}.{name}"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object, got {_json_type(value)}")
            return MISSING
        item = self.entity(kind.entity, value, where)
        # Without a required member (an arrival's time) the whole object is unusable.
        return MISSING if item is None else item

    # -- values -----------------------------------------------------------------------------

    def text(self, kind: Text, value: Any, path: str, name: str, required: bool) -> Any:
        if not isinstance(value, str):
            self.invalid(f"{path}.{name}", f"expected a string, got {_json_type(value)}")
            return MISSING
        problem = unstorable(value, kind.max_length)
        if problem is not None:
            self.invalid(f"{path}.{name}", problem)
            return MISSING
        if required and not value.strip():
            self.invalid(f"{path}.{name}", "must not be empty")
            return MISSING
        return value

    def choice(self, kind: Choice, value: Any, path: str, name: str, required: bool) -> Any:
        text = self.text(_ANY_TEXT, value, path, name, required)
        if text is not MISSING and text not in kind.values:
            self.invalid(
                f"{path}.{name}",
                f"unknown {kind.what} {_short(text)} ({', '.join(kind.values)})",
            )
        return text

    def key(self, kind: Kind, value: Any, path: str, name: str, required: bool) -> Any:
        if not isinstance(value, str) or not KEY_RE.fullmatch(value):
            self.invalid(
                f"{path}.{name}",
                f"bad key {_shown(value)[:80]}: lower-case letters, digits and '-', at most 64",
            )
            return MISSING
        return value

    def ref(self, kind: Ref, value: Any, path: str, name: str, required: bool) -> Any:
        """A key naming an item of an earlier list; ``MISSING`` when bad or unknown."""
        key = self.key(kind, value, path, name, required)
        if key is MISSING:
            return MISSING
        if key not in self.known[kind.target]:
            self.unknown(f"{path}.{name}", key)
            return MISSING
        return key

    def refs(self, kind: Refs, value: Any, path: str, name: str, required: bool) -> Any:
        keys = self.strings_of(value, path, name, _is_key, "key")
        if keys is MISSING:
            return MISSING
        known = self.known[kind.target]
        ok = True
        for i, key in enumerate(keys):
            if key not in known:
                self.unknown(f"{path}.{name}[{i}]", key)
                ok = False
        return tuple(dict.fromkeys(keys)) if ok else MISSING

    def strings(self, kind: Strings, value: Any, path: str, name: str, required: bool) -> Any:
        found = self.strings_of(value, path, name, None, kind.what)
        return found if found is MISSING else tuple(found)

    def languages(self, kind: Languages, value: Any, path: str, name: str, required: bool) -> Any:
        found = self.strings_of(value, path, name, _is_language, "language code")
        return found if found is MISSING else tuple(found)

    def strings_of(
        self, value: Any, path: str, name: str, check: Callable[[str], bool] | None, what: str
    ) -> Any:
        where = f"{path}.{name}"
        if not isinstance(value, list):
            self.invalid(where, f"expected a list, got {_json_type(value)}")
            return MISSING
        out: list[str] = []
        ok = True
        for i, item in enumerate(value):
            if not isinstance(item, str) or (check is not None and not check(item)):
                self.invalid(f"{where}[{i}]", f"bad {what} {_short(item)}")
                ok = False
            elif (problem := unstorable(item)) is not None:
                self.invalid(f"{where}[{i}]", problem)
                ok = False
            else:
                out.append(item)
        return out if ok else MISSING

    def integer(self, kind: Integer, value: Any, path: str, name: str, required: bool) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.invalid(f"{path}.{name}", f"expected a whole number, got {_short(value)}")
                return MISSING
        if value > kind.maximum:
            self.invalid(f"{path}.{name}", f"must not be above {kind.maximum}, got {value}")
            return MISSING
        if value < kind.minimum:
            self.invalid(f"{path}.{name}", f"must not be below {kind.minimum}, got {value}")
            return MISSING
        return value

    def number(self, kind: Number, value: Any, path: str, name: str, required: bool) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.invalid(f"{path}.{name}", f"expected a number, got {_short(value)}")
            return MISSING
        if not kind.minimum <= value <= kind.maximum:
            self.invalid(
                f"{path}.{name}",
                f"must lie between {kind.minimum} and {kind.maximum}, got {value}",
            )
            return MISSING
        return float(value)

    def boolean(self, kind: Boolean, value: Any, path: str, name: str, required: bool) -> Any:
        if not isinstance(value, bool):
            self.invalid(f"{path}.{name}", f"expected true or false, got {_short(value)}")
            return MISSING
        return value

    def language(self, kind: Language, value: Any, path: str, name: str, required: bool) -> Any:
        if value == "":
            return None
        if not isinstance(value, str) or not _is_language(value):
            self.invalid(
                f"{path}.{name}", f"bad language code {_short(value)} (BCP 47: fa, zh, uz-Cyrl)"
            )
            return MISSING
        return value

    def timezone(self, kind: Timezone, value: Any, path: str, name: str, required: bool) -> Any:
        if not isinstance(value, str):
            self.invalid(f"{path}.{name}", f"expected an IANA time zone, got {_short(value)}")
            return MISSING
        if not _is_zone(value):
            self.invalid(f"{path}.{name}", f"unknown time zone {_short(value)}")
            return MISSING
        return value

    def date(self, kind: Date, value: Any, path: str, name: str, required: bool) -> Any:
        if isinstance(value, str) and DATE_RE.fullmatch(value):
            try:
                parsed = date.fromisoformat(value)
                if MIN_YEAR <= parsed.year <= MAX_YEAR:
                    return parsed
            except ValueError:
                pass
        self.invalid(f"{path}.{name}", f"bad date {_short(value)} (YYYY-MM-DD)")
        return MISSING

    def time(self, kind: Time, value: Any, path: str, name: str, required: bool) -> Any:
        """An aware datetime; wall time (no offset) is in the festival's zone."""
        try:
            return parse_datetime(value, self.zone)
        except ValueError as exc:
            self.invalid(f"{path}.{name}", str(exc))
            return MISSING

    def opening_hours(
        self, kind: OpeningHours, value: Any, path: str, name: str, required: bool
    ) -> Any:
        where = f"{path}.{name}"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object of days, got {_json_type(value)}")
            return MISSING
        out: dict[str, str] = {}
        for day, hours in value.items():
            if day not in WEEKDAYS:
                self.invalid(
                    f"{where}.{_label(day)}", "unknown day (mon, tue, wed, thu, fri, sat, sun)"
                )
                continue
            if not isinstance(hours, str) or parse_hours(hours) is None:
                self.invalid(f"{where}.{day}", f"bad hours {_short(hours)} (09:00-21:00)")
                continue
            out[day] = hours
        return out if len(out) == len(value) else MISSING

    def translations(
        self, kind: Translations, value: Any, path: str, name: str, required: bool
    ) -> Any:
        where = f"{path}.{name}"
        if not isinstance(value, dict):
            self.invalid(where, f"expected an object of languages, got {_json_type(value)}")
            return MISSING
        out: dict[str, dict[str, str]] = {}
        for lang, texts in value.items():
            at = f"{where}.{_label(lang)}"
            if not _is_language(lang):
                self.invalid(at, "bad language code (BCP 47: fa, zh, uz-Cyrl)")
                continue
            if not isinstance(texts, dict) or not all(
                k in kind.texts and isinstance(v, str) for k, v in texts.items()
            ):
                self.invalid(at, f"expected an object of texts ({', '.join(kind.texts)})")
                continue
            problems = [(k, p) for k, v in texts.items() if (p := unstorable(v)) is not None]
            for k, problem in problems:
                self.invalid(f"{at}.{k}", problem)
            if not problems:
                out[lang] = dict(texts)
        return out if len(out) == len(value) else MISSING


_ANY_TEXT = Text()

_READERS: dict[type, _Read] = {
    Text: _Reader.text,
    Choice: _Reader.choice,
    Key: _Reader.key,
    Ref: _Reader.ref,
    Refs: _Reader.refs,
    Strings: _Reader.strings,
    Languages: _Reader.languages,
    Integer: _Reader.integer,
    Number: _Reader.number,
    Boolean: _Reader.boolean,
    Language: _Reader.language,
    Timezone: _Reader.timezone,
    Date: _Reader.date,
    Time: _Reader.time,
    OpeningHours: _Reader.opening_hours,
    Translations: _Reader.translations,
    Nested: _Reader.nested,
    Items: _Reader.items,
}


def unstorable(text: str, max_length: int | None = None) -> str | None:
    """Why no database column can hold ``text`` (None: it can): a NUL character, a lone
    surrogate (not Unicode text at all), or more than ``max_length`` characters."""
    if "\x00" in text:
        return "contains a NUL character (U+0000), which cannot be stored"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"contains a lone surrogate (U+{ord(text[exc.start]):04X}), which is not "
                "Unicode text"
            )
    if max_length is not None and len(text) > max_length:
        return f"too long: at most {max_length} characters, got {len(text)}"
    return None


def parse_datetime(value: Any, zone: tzinfo) -> datetime:
    """An aware UTC datetime from ``2026-10-18T10:00`` (wall time in ``zone``) or a time with
    an offset. A wall time the zone skips (a DST gap) is refused; a repeated one means the
    first. Raises ``ValueError`` with a message naming the problem."""
    if not isinstance(value, str) or not TIME_RE.fullmatch(value):
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
        match = HOURS_RE.fullmatch(part.strip())
        if not match:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2 != 0):
            return None
        out.append((time(h1, m1), time(0, 0) if h2 == 24 else time(h2, m2)))
    return out


def _is_key(text: str) -> bool:
    return KEY_RE.fullmatch(text) is not None


def _is_language(text: str) -> bool:
    return len(text) <= LANGUAGE_LENGTH and LANGUAGE_RE.fullmatch(text) is not None


def _is_zone(name: str) -> bool:
    if len(name) > TIMEZONE_LENGTH or not TIMEZONE_RE.fullmatch(name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder (Asia)
        return False
    return True


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


def _shown(value: Any) -> str:
    """``value`` as JSON, every character printable on any terminal (surrogates escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _short(value: Any) -> str:
    text = _shown(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _label(name: str) -> str:
    """A member name from the file as a path segment: as written when it is short and
    printable, else quoted with its control characters escaped (a finding stays one line)."""
    return name if len(name) <= 64 and name.isprintable() else _short(name)


# -- one item at a time (the workspace's forms, the API) -------------------------------------


class _Known(dict[str, Container[str]]):
    """The keys each list may be referred to by; a list not given has none."""

    def __missing__(self, name: str) -> Container[str]:
        return frozenset()


def _list_entities() -> dict[str, type]:
    """Every list of the file by its member name (``venues``), nested ones too (``members``,
    ``sessions``), with its entity."""
    out: dict[str, type] = {}
    pending: list[type] = [Document]
    while pending:
        entity = pending.pop()
        for m in members(entity):
            if isinstance(m.kind, Items):
                out.setdefault(m.name, m.kind.entity)
                pending.append(m.kind.entity)
    return out


_LISTS = _list_entities()


def read_festival(obj: Any) -> tuple[Festival | None, list[Finding]]:
    """The ``festival`` member alone, read as in a whole file (paths ``festival.*``)."""
    reader = _Reader()
    return reader.festival(obj), reader.findings


def read_item(
    list_name: str,
    obj: Any,
    *,
    zone: tzinfo,
    known: Mapping[str, Container[str]] | None = None,
    parent: str = "",
) -> tuple[Any, list[Finding]]:
    """One item of the list ``list_name`` (``venues``, ``events``, ``members``...), read with
    the very checks, defaults and paths (``venues[hall].capacity``) of a whole file.

    Wall times are read in ``zone``. ``known`` holds, per list (``venues``, ``hotels``,
    ``sessions``...), the keys a reference may name; ``parent`` is the path of the item a
    nested list belongs to (``delegations[xian]`` for ``members``). Returns the typed item
    (None when a required member is unusable) and every finding; whether its key is already
    taken is the caller's to check.
    """
    entity = _LISTS.get(list_name)
    if entity is None:
        raise ValueError(f"no list {list_name!r} in a festival data file")
    reader = _Reader()
    reader.zone = zone
    reader.known = cast(dict[str, set[str]], _Known(known or {}))
    where = f"{parent}.{list_name}" if parent else list_name
    if not isinstance(obj, dict):
        reader.invalid(where, f"expected an object, got {_json_type(obj)}")
        return None, reader.findings
    key = obj.get("key")
    label = key if isinstance(key, str) and KEY_RE.fullmatch(key) else "0"
    return reader.entity(entity, obj, f"{where}[{label}]"), reader.findings
