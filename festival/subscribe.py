"""Subscribe links for a calendar feed (webcal, Google, Outlook) and its QR code as SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, urlencode

import segno
from markupsafe import Markup


@dataclass(frozen=True)
class SubscribeLinks:
    """Every way to subscribe to one feed URL.

    ``https`` is the plain address to copy (the new Outlook for Windows mishandles webcal);
    ``webcal`` opens Apple Calendar and Outlook desktop; Google and Outlook on the web get
    their own "add by URL" pages.
    """

    https: str
    webcal: str
    google: str
    outlook: str
    office365: str
    qr_svg: Markup


def webcal_url(url: str) -> str:
    """``webcal://host/path`` for an ``http(s)://`` URL."""
    return "webcal://" + url.split("://", 1)[1]


@lru_cache(maxsize=512)
def qr_svg(url: str, title: str) -> Markup:
    """The QR code of ``url`` as inline SVG (no style attributes, so a strict CSP holds)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def subscribe_links(url: str, name: str, *, qr_title: str = "QR code") -> SubscribeLinks:
    """The links for the feed at ``url`` (absolute ``http(s)``), shown as ``name``."""
    webcal = webcal_url(url)
    return SubscribeLinks(
        https=url,
        webcal=webcal,
        google="https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
        outlook="https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": url, "name": name}, quote_via=quote),
        office365="https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": url, "name": name}, quote_via=quote),
        qr_svg=qr_svg(url, qr_title),
    )


@dataclass(frozen=True)
class AddEventLinks:
    """ "Add to calendar" for one event: the .ics to import, Google's and Outlook's forms."""

    ics: str
    google: str
    outlook: str


def _utc_compact(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def add_event_links(
    *,
    ics_url: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    details: str,
    tzid: str,
) -> AddEventLinks:
    """Links that open a pre-filled new event (times as UTC instants, aware in)."""
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{_utc_compact(starts_at)}/{_utc_compact(ends_at)}",
            "details": details,
            "location": location,
            "ctz": tzid,
        },
        quote_via=quote,
    )
    outlook = "https://outlook.live.com/calendar/0/action/compose?" + urlencode(
        {
            "subject": title,
            "startdt": starts_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "enddt": ends_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "location": location,
            "body": details,
            "path": "/calendar/action/compose",
            "rru": "addevent",
        },
        quote_via=quote,
    )
    return AddEventLinks(ics=ics_url, google=google, outlook=outlook)
