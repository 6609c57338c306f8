"""A delegation's page at its token URL: its itinerary day by day and its subscribe box.

The token URL gets forwarded, so the page shows no member's personal data (the itinerary read
model has none: no diets, health needs, phones or e-mail addresses) and nothing of other
delegations. Unknown or rotated tokens answer 404. The page works for an unpublished festival
too: a delegation needs its itinerary before the public programme goes out. Keep ``/d/``
paths out of access logs (see ``festival.views.feeds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, Response, request

from festival.i18n.formatting import format_list, kind_label, language_list, travel_label
from festival.i18n.web import accepted_catalog, gettext, use_language
from festival.queries.itinerary import (
    Itinerary,
    ItineraryLine,
    Movement,
    SessionLine,
    TransferLine,
)
from festival.queries.places import with_local_name
from festival.subscribe import subscribe_links
from festival.urls import ExternalLinks, page_url
from festival.views import published
from festival.views.lookup import delegation_or_404
from festival.views.rendering import render_page

bp = Blueprint("delegation", __name__)


@dataclass(frozen=True)
class PageEntry:
    """One line of the itinerary as the page shows it. Times are local to the festival.
    ``details`` are (label, value) pairs; values and names are shown isolated, so a Latin name
    reads right in a Persian page and the other way round."""

    anchor: str
    kind: str
    start: datetime
    end: datetime | None
    title: str
    place: str = ""
    place_local: str = ""
    details: tuple[tuple[str, str], ...] = ()
    status: str = "confirmed"
    private: bool = False
    url: str = ""
    origin: str = ""  # a transfer's ends
    destination: str = ""


def _entry(line: ItineraryLine, slug: str, lang: str | None, link_lang: str | None) -> PageEntry:
    if isinstance(line, SessionLine):
        s = line.session
        details = [("", kind_label(s.kind, lang))]
        if s.partner_cities:
            cities = format_list(
                [with_local_name(c.name, c.local_name) for c in s.partner_cities], lang
            )
            details.append((gettext("Partner cities"), cities))
        details += [(gettext("Interpreter"), i.name) for i in line.interpreters]
        url = page_url("public.session", slug=slug, key=s.key, lang=link_lang)
        return PageEntry(
            line.anchor,
            line.kind,
            line.local_start,
            line.local_end,
            s.title,
            place=s.venue.name,
            place_local=s.venue.local_name if s.venue.local_name != s.venue.name else "",
            details=tuple(details),
            status=s.status,
            private=not s.public,
            url=url if line.linked else "",
        )
    if isinstance(line, Movement):
        travel = travel_label(line.transport, line.reference, lang)
        return PageEntry(
            line.anchor,
            line.kind,
            line.local_at,
            None,
            gettext("Arrival") if line.kind == "arrival" else gettext("Departure"),
            place=line.place.name,
            details=(("", travel),) if travel else (),
        )
    if isinstance(line, TransferLine):
        details = [(gettext("Pick-up"), line.origin.name)]
        if line.vehicle_name:
            details.append((gettext("Vehicle"), line.vehicle_name))
        return PageEntry(
            line.anchor,
            line.kind,
            line.local_start,
            line.local_end,
            gettext("Transfer"),
            place=line.origin.name,
            details=tuple(details),
            origin=line.origin.name,
            destination=line.destination.name,
        )
    who = line.interpreter
    return PageEntry(
        line.anchor,
        line.kind,
        line.local_start,
        line.local_end,
        gettext("Interpreter"),
        details=(("", who.name), (gettext("Languages"), language_list(who.languages, lang))),
    )


def _days(
    itinerary: Itinerary, lang: str | None, link_lang: str | None
) -> list[tuple[date, list[PageEntry]]]:
    slug = itinerary.programme.slug
    return [
        (day, [_entry(line, slug, lang, link_lang) for line in lines])
        for day, lines in itinerary.by_day()
    ]


@bp.get("/d/<token>/")
def itinerary(token: str) -> Response:
    ref = delegation_or_404(token)
    language = published.delegation_language(ref, request.args.get("lang"), accepted_catalog())
    use_language(language.lang)
    it = published.itinerary(ref, language.lang)
    feed = ExternalLinks(language.link).delegation_feed(token)
    default = ref.language or (ref.festival_languages[0] if ref.festival_languages else None)
    offered = dict.fromkeys(
        [*ref.festival_languages, *([ref.language] if ref.language else []), *it.translations]
    )
    switch = [
        (
            code,
            page_url("delegation.itinerary", token=token, lang=None if code == default else code),
        )
        for code in offered
    ]
    html = render_page(
        "delegation/itinerary.html",
        language,
        it=it,
        prog=it.programme,
        days=_days(it, language.lang, language.link),
        interpreters=it.interpreters,
        switch=switch,
        subscribe=subscribe_links(
            feed,
            f"{it.name} · {it.programme.name}",
            qr_title=gettext("QR code of the calendar address"),
        ),
    )
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
