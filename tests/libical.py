"""libical (Debian ``libical3``, the C parser behind Evolution) through ctypes: a second,
independent judge of our feeds, usable from any virtualenv."""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass
from datetime import UTC, datetime


class IcalTime(ctypes.Structure):
    """``struct icaltimetype`` of libical 3 (``is_utc`` was dropped in 3.0)."""

    _fields_ = [
        ("year", ctypes.c_int),
        ("month", ctypes.c_int),
        ("day", ctypes.c_int),
        ("hour", ctypes.c_int),
        ("minute", ctypes.c_int),
        ("second", ctypes.c_int),
        ("is_date", ctypes.c_int),
        ("is_daylight", ctypes.c_int),
        ("zone", ctypes.c_void_p),
    ]


def _load() -> ctypes.CDLL:
    from tests.conftest import require

    name = ctypes.util.find_library("ical")
    require(name is not None, "libical3 (the libical C library)")
    lib = ctypes.CDLL(name)
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures = {
        "icalparser_parse_string": ([s], p),
        "icalcomponent_free": ([p], None),
        "icalcomponent_isa": ([p], i),
        "icalcomponent_string_to_kind": ([s], i),
        "icalproperty_string_to_kind": ([s], i),
        "icalcomponent_get_first_component": ([p, i], p),
        "icalcomponent_get_next_component": ([p, i], p),
        "icalcomponent_get_first_property": ([p, i], p),
        "icalcomponent_get_next_property": ([p, i], p),
        "icalcomponent_count_errors": ([p], i),
        "icalcomponent_get_uid": ([p], s),
        "icalcomponent_get_summary": ([p], s),
        "icalcomponent_get_description": ([p], s),
        "icalcomponent_get_location": ([p], s),
        "icalcomponent_get_sequence": ([p], i),
        "icalcomponent_get_status": ([p], i),
        "icalcomponent_get_dtstart": ([p], IcalTime),
        "icalcomponent_get_dtend": ([p], IcalTime),
        "icalcomponent_get_dtstamp": ([p], IcalTime),
        "icalcomponent_get_timezone": ([p, s], p),
        "icalproperty_get_parameter_as_string": ([p, s], s),
        "icalproperty_get_value_as_string": ([p], s),
        "icalproperty_get_property_name": ([p], s),
        "icaltime_convert_to_zone": ([IcalTime, p], IcalTime),
        "icaltime_is_null_time": ([IcalTime], i),
        "icaltimezone_get_utc_timezone": ([], p),
        "icalproperty_status_to_string": ([i], s),
        "icalrestriction_check": ([p], i),
    }
    for fn, (args, result) in signatures.items():
        getattr(lib, fn).argtypes = args
        getattr(lib, fn).restype = result
    return lib


_lib = _load()
_VEVENT = _lib.icalcomponent_string_to_kind(b"VEVENT")
_VTIMEZONE = _lib.icalcomponent_string_to_kind(b"VTIMEZONE")
_ANY_COMPONENT = _lib.icalcomponent_string_to_kind(b"ANY")
_DTSTART = _lib.icalproperty_string_to_kind(b"DTSTART")
_DTEND = _lib.icalproperty_string_to_kind(b"DTEND")
_ERROR = _lib.icalproperty_string_to_kind(b"X-LIC-ERROR")


@dataclass(frozen=True)
class LibicalEvent:
    uid: str
    summary: str
    description: str
    location: str
    status: str
    sequence: int
    starts_at: datetime  # UTC, as libical computes it from the feed's own VTIMEZONE
    ends_at: datetime | None
    stamp: datetime
    tzids: tuple[str, ...]  # TZID parameters on DTSTART/DTEND


@dataclass(frozen=True)
class LibicalCalendar:
    events: list[LibicalEvent]
    tzids: list[str]  # the VTIMEZONEs the feed defines, in order
    errors: list[str]  # X-LIC-ERROR texts anywhere in the parsed tree


def _text(value: bytes | None) -> str:
    return value.decode("utf-8") if value else ""


def _utc(t: IcalTime) -> datetime | None:
    if _lib.icaltime_is_null_time(t):
        return None
    u = _lib.icaltime_convert_to_zone(t, _lib.icaltimezone_get_utc_timezone())
    return datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, tzinfo=UTC)


def _errors(component: int) -> list[str]:
    found = []
    prop = _lib.icalcomponent_get_first_property(component, _ERROR)
    while prop:
        found.append(_text(_lib.icalproperty_get_value_as_string(prop)))
        prop = _lib.icalcomponent_get_next_property(component, _ERROR)
    child = _lib.icalcomponent_get_first_component(component, _ANY_COMPONENT)
    while child:
        found.extend(_errors(child))
        child = _lib.icalcomponent_get_next_component(component, _ANY_COMPONENT)
    return found


def _tzids(calendar: int, event: int) -> tuple[str, ...]:
    ids = []
    for kind in (_DTSTART, _DTEND):
        prop = _lib.icalcomponent_get_first_property(event, kind)
        if prop:
            tzid = _text(_lib.icalproperty_get_parameter_as_string(prop, b"TZID"))
            if tzid:
                # Resolve against the feed's own VTIMEZONE, never libical's built-in zones.
                if not _lib.icalcomponent_get_timezone(calendar, tzid.encode()):
                    raise AssertionError(f"TZID {tzid} has no VTIMEZONE in the feed")
                ids.append(tzid)
    return tuple(ids)


def parse(body: bytes) -> LibicalCalendar:
    """Parse a VCALENDAR; raise ``ValueError`` if libical cannot read it at all."""
    calendar = _lib.icalparser_parse_string(body)
    if not calendar:
        raise ValueError("libical could not parse the calendar")
    try:
        errors = _errors(calendar)
        tzids = []
        tz = _lib.icalcomponent_get_first_component(calendar, _VTIMEZONE)
        while tz:
            line = _lib.icalcomponent_get_first_property(
                tz, _lib.icalproperty_string_to_kind(b"TZID")
            )
            tzids.append(_text(_lib.icalproperty_get_value_as_string(line)))
            tz = _lib.icalcomponent_get_next_component(calendar, _VTIMEZONE)
        events = []
        event = _lib.icalcomponent_get_first_component(calendar, _VEVENT)
        while event:
            start = _utc(_lib.icalcomponent_get_dtstart(event))
            stamp = _utc(_lib.icalcomponent_get_dtstamp(event))
            assert start is not None and stamp is not None
            events.append(
                LibicalEvent(
                    uid=_text(_lib.icalcomponent_get_uid(event)),
                    summary=_text(_lib.icalcomponent_get_summary(event)),
                    description=_text(_lib.icalcomponent_get_description(event)),
                    location=_text(_lib.icalcomponent_get_location(event)),
                    status=_text(
                        _lib.icalproperty_status_to_string(_lib.icalcomponent_get_status(event))
                    ),
                    sequence=_lib.icalcomponent_get_sequence(event),
                    starts_at=start,
                    ends_at=(
                        _utc(_lib.icalcomponent_get_dtend(event))
                        if _lib.icalcomponent_get_first_property(event, _DTEND)
                        else None
                    ),
                    stamp=stamp,
                    tzids=_tzids(calendar, event),
                )
            )
            event = _lib.icalcomponent_get_next_component(calendar, _VEVENT)
        return LibicalCalendar(events, tzids, errors)
    finally:
        _lib.icalcomponent_free(calendar)
