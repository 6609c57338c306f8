"""Times in finding text: the festival's wall clock with its UTC offset, to the minute."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo


def format_offset(offset: timedelta | None) -> str:
    """``+03:30`` / ``-05:00`` / ``+00:00`` (never ``Z``, so every line reads alike)."""
    if offset is None:
        raise ValueError("a naive datetime has no UTC offset")
    sign = "-" if offset < timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    # Only historical local mean times have second offsets; show them rather than lie.
    return f"{text}:{seconds:02d}" if seconds else text


def _clock(local: datetime) -> str:
    text = f"{local.hour:02d}:{local.minute:02d}"
    if local.second or local.microsecond:
        text += f":{local.second:02d}"
    return text + format_offset(local.utcoffset())


def format_instant(moment: datetime, zone: tzinfo) -> str:
    """``2026-10-18T10:00+03:30``: ``moment`` (aware) on the wall clock of ``zone``."""
    local = moment.astimezone(zone)
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{_clock(local)}"


def format_clock(moment: datetime, zone: tzinfo) -> str:
    """``10:30+03:30``: the time of day of ``moment`` in ``zone``, with its offset."""
    return _clock(moment.astimezone(zone))


def format_range(start: datetime, end: datetime, zone: tzinfo) -> str:
    """``2026-10-18T10:00+03:30..10:30+03:30``; the end keeps its date on another local day."""
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)
    if local_end.date() == local_start.date():
        return f"{format_instant(start, zone)}..{_clock(local_end)}"
    return f"{format_instant(start, zone)}..{format_instant(end, zone)}"
