"""iCalendar feeds (RFC 5545, with RFC 7986 calendar properties) built from the read models.

Bytes out, no request object: the caller passes the links to write (:class:`FeedLinks`,
built from the router by ``festival.urls.ExternalLinks``); no URL is written here by hand.
The same read model and links always give the same bytes, in every process, so a hash of the
bytes is a stable ETag.

What a subscriber relies on:

- Every time carries a zone: ``DTSTART;TZID=<festival zone>`` with one ``VTIMEZONE`` per zone
  used, generated from the running tz data (Iran's abolished DST is right) and bounded to the
  years the feed covers. The one exception is an instant in the hour the autumn DST change
  repeats: its wall time is ambiguous, and clients disagree on it (RFC 5545 and icalendar
  read the first pass, libical the second), so it is written in UTC. Never a floating time.
- UIDs are stable and unique per festival: ``{session_key}@{slug}.festival`` for a session,
  and, for a delegation's logistics (keys cannot contain dots, so these never collide with a
  session's), ``{delegation}.arrival@…``, ``{delegation}.departure@…``,
  ``{transfer}.transfer@…`` and ``{assignment}.interpreting@…``.
- ``DTSTAMP`` and ``LAST-MODIFIED`` are the session's last change (``updated_at``), never
  "now"; ``SEQUENCE`` is the session's ``sequence``, which the services raise on every change
  a subscriber sees. Logistics rows keep no history of their own: they take the festival's
  ``updated_at`` and ``version``, which rise on any change to the festival.
- Cancelled sessions stay in the feed with ``STATUS:CANCELLED`` (and "Cancelled:" before
  the title, for Outlook, which ignores the status), so subscribed calendars drop them.
- No ``METHOD`` (a subscribed feed is a snapshot), no ``ATTENDEE``, no ``VALARM``.

The content lines are written here rather than through icalendar's component classes: that
is five times faster on a 3,000-session festival and keeps every byte's order in our hands.
Text is escaped per RFC 5545 3.3.11 (control characters dropped), and lines are folded at
75 octets, never inside a UTF-8 character or between a backslash and what it escapes. The
VTIMEZONEs come from icalendar (``Timezone.from_tzid``). Tests parse every feed with
icalendar and with libical.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from typing import Protocol

from icalendar import Timezone

from festival.i18n import messages
from festival.i18n.formatting import (
    format_list,
    format_time,
    kind_label,
    language_list,
    travel_label,
    zone_label,
)
from festival.queries.filters import ProgrammeFilter
from festival.queries.itinerary import (
    InterpretingLine,
    Itinerary,
    Movement,
    SessionLine,
    TransferLine,
)
from festival.queries.places import VenueInfo, with_local_name
from festival.queries.programme import Programme, ProgrammeSession

PRODID = "-//Festival//Sister Cities Week//EN"
REFRESH = "PT1H"
UID_DOMAIN = "festival"
_STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
# All-day showcases should not mark a subscriber busy all day.
_TRANSPARENT_KINDS = frozenset({"exhibition", "handicraft_showcase"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FOLD_AT = 75


@dataclass(frozen=True)
class Feed:
    """A generated calendar: its bytes, their strong ETag and the time they last changed."""

    body: bytes
    etag: str
    last_modified: datetime

    @classmethod
    def of(cls, body: bytes, last_modified: datetime) -> Feed:
        return cls(body, hashlib.sha256(body).hexdigest()[:32], last_modified)


# -- UIDs and links ------------------------------------------------------------------------


def session_uid(slug: str, session_key: str) -> str:
    """The UID of a session, the same in every feed and every re-import."""
    return f"{session_key}@{slug}.{UID_DOMAIN}"


def logistics_uid(slug: str, key: str, what: str) -> str:
    """``arrival``/``departure`` (of a delegation), ``transfer``, ``interpreting``."""
    return f"{key}.{what}@{slug}.{UID_DOMAIN}"


class FeedLinks(Protocol):
    """The absolute URLs a feed links to, each in the feed's link language."""

    def programme(self, slug: str) -> str: ...

    def session(self, slug: str, key: str) -> str: ...

    def public_feed(self, slug: str, filters: ProgrammeFilter) -> str: ...

    def delegation_page(self, token: str, anchor: str | None = None) -> str: ...

    def delegation_feed(self, token: str) -> str: ...


# -- content lines ----------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): ``\\ ; ,`` and line breaks escaped, controls dropped."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets.

    A fold never splits a multi-byte character, nor a backslash from the character it
    escapes (some clients mis-read such escapes). Continuation lines start with a space,
    which counts towards their 75 octets.
    """
    data = line.encode("utf-8")
    if len(data) <= _FOLD_AT:
        return data
    parts = []
    start, room = 0, _FOLD_AT
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the lead byte
            cut -= 1
        slashes = 0
        while cut - 1 - slashes > start and data[cut - 1 - slashes] == 0x5C:
            slashes += 1
        if slashes % 2:
            cut -= 1
        parts.append(data[start:cut])
        start, room = cut, _FOLD_AT - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _zoned(name: str, moment: datetime, zone: tzinfo, tzid: str) -> str:
    local = moment.astimezone(zone)
    if local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset():
        return f"{name}:{_utc(moment)}"  # a wall time the zone repeats: see the docstring
    return f"{name};TZID={tzid}:{local.strftime('%Y%m%dT%H%M%S')}"


@lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of ``tzid`` for ``first_year``..``last_year``, from the tz database."""
    component = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    body = component.to_ical()
    return body if body.endswith(b"\r\n") else body + b"\r\n"


@dataclass(frozen=True)
class _VEvent:
    """One VEVENT, as plain values."""

    uid: str
    stamp: datetime
    sequence: int
    start: datetime
    end: datetime | None
    summary: str
    description: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    category: str = ""
    status: str = "confirmed"
    transparent: bool = False
    created: datetime | None = None


@dataclass(frozen=True)
class _Head:
    """The calendar's own properties (RFC 7986 and the X-WR names Google and Apple read)."""

    name: str
    description: str
    url: str
    source: str
    last_modified: datetime
    subscribed: bool = True


def _event_lines(item: _VEvent, zone: tzinfo, tzid: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.uid}",
        f"DTSTAMP:{_utc(item.stamp)}",
    ]
    if item.created is not None:
        lines.append(f"CREATED:{_utc(item.created)}")
    lines += [
        f"LAST-MODIFIED:{_utc(item.stamp)}",
        f"SEQUENCE:{item.sequence}",
        _zoned("DTSTART", item.start, zone, tzid),
    ]
    if item.end is not None:
        lines.append(_zoned("DTEND", item.end, zone, tzid))
    lines.append(f"SUMMARY:{escape_text(item.summary)}")
    if item.description:
        lines.append(f"DESCRIPTION:{escape_text(item.description)}")
    if item.location:
        lines.append(f"LOCATION:{escape_text(item.location)}")
    if item.geo is not None:
        lines.append(f"GEO:{item.geo[0]:.6f};{item.geo[1]:.6f}")
    if item.url:
        lines.append(f"URL:{item.url}")
    if item.category:
        lines.append(f"CATEGORIES:{escape_text(item.category)}")
    lines += [
        f"STATUS:{_STATUS[item.status]}",
        f"TRANSP:{'TRANSPARENT' if item.transparent else 'OPAQUE'}",
        "END:VEVENT",
    ]
    return lines


def _calendar(
    head: _Head, items: Iterable[_VEvent], *, tzid: str, zone: tzinfo, years: Iterable[int]
) -> Feed:
    items = list(items)
    head_lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    if head.subscribed:
        head_lines += [
            f"NAME:{escape_text(head.name)}",
            f"X-WR-CALNAME:{escape_text(head.name)}",
        ]
        if head.description:
            head_lines += [
                f"DESCRIPTION:{escape_text(head.description)}",
                f"X-WR-CALDESC:{escape_text(head.description)}",
            ]
        head_lines += [
            f"URL:{head.url}",
            f"SOURCE;VALUE=URI:{head.source}",
            f"LAST-MODIFIED:{_utc(head.last_modified)}",
            f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}",
            f"X-PUBLISHED-TTL:{REFRESH}",
        ]
    year_set = set(years)
    for item in items:
        for moment in (item.start, item.end):
            if moment is not None:
                year_set.add(moment.astimezone(zone).year)
    out = [fold(line) for line in head_lines]
    out.append(vtimezone(tzid, min(year_set), max(year_set)).rstrip(b"\r\n"))
    for item in items:
        out.extend(fold(line) for line in _event_lines(item, zone, tzid))
    out.append(b"END:VCALENDAR")
    return Feed.of(b"\r\n".join(out) + b"\r\n", head.last_modified)


# -- what the items say -------------------------------------------------------------------


def _location(venue: VenueInfo) -> str:
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def _geo(venue: VenueInfo) -> tuple[float, float] | None:
    if venue.latitude is None or venue.longitude is None:
        return None
    return (venue.latitude, venue.longitude)


def _summary(session: ProgrammeSession, lang: str | None) -> str:
    if session.status == "cancelled":
        return messages(lang).pgettext(
            "a cancelled session's title", "Cancelled: %(title)s", title=session.title
        )
    if session.status == "tentative":
        return messages(lang).pgettext(
            "a tentative session's title", "Tentative: %(title)s", title=session.title
        )
    return session.title


def _labelled(lang: str | None, label: str, value: str) -> str:
    return messages(lang).gettext("%(label)s: %(value)s", label=label, value=value)


def _session_item(
    session: ProgrammeSession, *, slug: str, lang: str | None, url: str, extra: Sequence[str] = ()
) -> _VEvent:
    text = messages(lang)
    facts = []
    if session.partner_cities:
        cities = format_list(
            [with_local_name(c.name, c.local_name) for c in session.partner_cities], lang
        )
        facts.append(_labelled(lang, text.gettext("Partner cities"), cities))
    venue = with_local_name(session.venue.name, session.venue.local_name)
    facts.append(_labelled(lang, text.gettext("Venue"), venue))
    if session.venue.step_free:
        facts.append(text.gettext("Step-free access"))
    if session.venue.accessibility:
        facts.append(_labelled(lang, text.gettext("Accessibility"), session.venue.accessibility))
    facts.extend(extra)
    parts = [session.description] if session.description else []
    parts += ["\n".join(facts), url]
    return _VEvent(
        uid=session_uid(slug, session.key),
        stamp=session.updated_at,
        created=session.created_at,
        sequence=session.sequence,
        start=session.starts_at,
        end=session.ends_at,
        summary=_summary(session, lang),
        description="\n\n".join(parts),
        location=_location(session.venue),
        geo=_geo(session.venue),
        url=url,
        category=kind_label(session.kind, lang),
        status=session.status,
        transparent=session.cancelled or session.kind in _TRANSPARENT_KINDS,
    )


def _years(programme: Programme) -> list[int]:
    return [programme.starts_on.year, programme.ends_on.year]


def _filter_label(programme: Programme, filters: ProgrammeFilter) -> str:
    lang = programme.lang
    venues = {v.key: v.name for v in programme.venues}
    cities = {c.key: c.name for c in programme.partner_cities}
    labels = [kind_label(k, lang) for k in filters.kinds]
    labels += [venues.get(k, k) for k in filters.venues]
    labels += [cities.get(k, k) for k in filters.cities]
    return ", ".join(labels)


# -- the feeds ------------------------------------------------------------------------------


def programme_feed(
    programme: Programme, *, links: FeedLinks, filters: ProgrammeFilter | None = None
) -> Feed:
    """The public feed: ``programme`` (built for the ``PUBLIC_FEED`` audience: confirmed and
    cancelled sessions of public events) narrowed by ``filters``.

    Titles and text are in ``programme.lang``; ``links`` carry the link language. Last-Modified
    is the festival's last change, which also covers a session that left the feed.
    """
    filters = filters or ProgrammeFilter()
    lang = programme.lang
    sessions = filters.apply(programme.sessions)
    name = programme.name
    if filters:
        name = f"{name} ({_filter_label(programme, filters)})"
    head = _Head(
        name=name,
        description=programme.description,
        url=links.programme(programme.slug),
        source=links.public_feed(programme.slug, filters),
        last_modified=programme.updated_at,
    )
    items = [
        _session_item(s, slug=programme.slug, lang=lang, url=links.session(programme.slug, s.key))
        for s in sessions
    ]
    return _calendar(
        head, items, tzid=programme.timezone, zone=programme.zone, years=_years(programme)
    )


def session_feed(programme: Programme, session: ProgrammeSession, *, links: FeedLinks) -> Feed:
    """One session as a calendar to import ("add to calendar"): the same VEVENT as in the
    public feed, without the subscription properties."""
    url = links.session(programme.slug, session.key)
    head = _Head(
        name=session.title,
        description="",
        url=url,
        source=url,
        last_modified=programme.updated_at,
        subscribed=False,
    )
    item = _session_item(session, slug=programme.slug, lang=programme.lang, url=url)
    return _calendar(
        head, [item], tzid=programme.timezone, zone=programme.zone, years=_years(programme)
    )


def delegation_feed(itinerary: Itinerary, *, links: FeedLinks, token: str) -> Feed:
    """A delegation's private feed: one VEVENT per line of its itinerary (every session of an
    event that lists it, public or not; confirmed, tentative, and cancelled ones as
    cancelled; its arrival and departure, its transfers and its interpreters' own bookings).

    ``token`` is the delegation's (its page and feed URLs hold it). Holds no member's personal
    data: ``itinerary`` has none. Logistics lines take the festival's change time and version.
    """
    programme = itinerary.programme
    slug, lang, zone = programme.slug, itinerary.language or programme.lang, programme.zone
    page_url = links.delegation_page(token)
    stamp, version = programme.updated_at, programme.version
    text = messages(lang)

    def local(moment: datetime) -> str:
        at = moment.astimezone(zone)
        return f"{format_time(at, lang)} ({zone_label(at)})"

    def session_event(line: SessionLine) -> _VEvent:
        s = line.session
        if line.linked:
            url = links.session(slug, s.key)
        else:
            url = links.delegation_page(token, anchor=line.anchor)
        extra = [_labelled(lang, text.gettext("Interpreter"), i.name) for i in line.interpreters]
        return _session_item(s, slug=slug, lang=lang, url=url, extra=extra)

    def movement_event(move: Movement) -> _VEvent:
        title = text.gettext("Arrival") if move.kind == "arrival" else text.gettext("Departure")
        travel = travel_label(move.transport, move.reference, lang)
        summary = _labelled(lang, title, travel) if travel else title
        where = move.place.name
        lines = [itinerary.name, summary] + ([where] if where else [])
        return _VEvent(
            uid=logistics_uid(slug, itinerary.key, move.kind),
            stamp=stamp,
            sequence=version,
            start=move.at,
            end=None,
            summary=f"{summary}, {where}" if where else summary,
            description="\n".join(lines) + f"\n\n{page_url}",
            location=where,
            url=links.delegation_page(token, anchor=move.anchor),
        )

    def transfer_event(t: TransferLine) -> _VEvent:
        origin, destination = t.origin.name, t.destination.name
        lines = [_labelled(lang, text.gettext("Pick-up"), f"{local(t.starts_at)}, {origin}")]
        if t.vehicle_name:
            lines.append(_labelled(lang, text.gettext("Vehicle"), t.vehicle_name))
        return _VEvent(
            uid=logistics_uid(slug, t.key, "transfer"),
            stamp=stamp,
            sequence=version,
            start=t.starts_at,
            end=t.ends_at,
            summary=_labelled(lang, text.gettext("Transfer"), f"{origin} → {destination}"),
            description="\n".join(lines) + f"\n\n{page_url}",
            location=origin,
            url=links.delegation_page(token, anchor=t.anchor),
        )

    def interpreting_event(booking: InterpretingLine) -> _VEvent:
        who = booking.interpreter
        languages = language_list(who.languages, lang)
        return _VEvent(
            uid=logistics_uid(slug, who.assignment_key, "interpreting"),
            stamp=stamp,
            sequence=version,
            start=booking.starts_at,
            end=booking.ends_at,
            summary=_labelled(lang, text.gettext("Interpreter"), who.name),
            description=_labelled(lang, text.gettext("Languages"), languages) + f"\n\n{page_url}",
            url=links.delegation_page(token, anchor="interpreters"),
            transparent=True,
        )

    items: list[_VEvent] = []
    for line in itinerary.lines:
        if isinstance(line, SessionLine):
            items.append(session_event(line))
        elif isinstance(line, Movement):
            items.append(movement_event(line))
        elif isinstance(line, TransferLine):
            items.append(transfer_event(line))
        else:
            items.append(interpreting_event(line))
    # VEVENTs in time order, then by UID: the same itinerary gives the same bytes.
    items.sort(key=lambda i: (i.start, i.uid))
    head = _Head(
        name=f"{itinerary.name} · {programme.name}",
        description=messages(lang).gettext("Private itinerary: do not share this address."),
        url=page_url,
        source=links.delegation_feed(token),
        last_modified=stamp,
    )
    return _calendar(head, items, tzid=programme.timezone, zone=zone, years=_years(programme))
