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

from flask import Blueprint, Response, abort, request, url_for

from festival.exports.ical import city_name, session_url
from festival.i18n.formatting import format_list, kind_label, language_list, travel_label
from festival.i18n.web import accepted_catalog, gettext, use_language
from festival.queries.programme import Itinerary, festival_day
from festival.subscribe import subscribe_links
from festival.views import published
from festival.views.feeds import base_url
from festival.views.rendering import render_page

bp = Blueprint("delegation", __name__)


@dataclass(frozen=True)
class Entry:
    """One line of the itinerary: a session, an arrival or departure, a transfer, or an
    interpreter's booking of its own. Times are local to the festival. ``details`` are
    (label, value) pairs; values and names are shown isolated, so a Latin name reads right in
    a Persian page and the other way round."""

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


def _entries(
    itinerary: Itinerary, places: dict[str, str], lang: str | None, link_lang: str | None
) -> list[Entry]:
    zone = itinerary.programme.zone
    slug = itinerary.programme.slug
    interpreters: dict[str, list[str]] = {}
    for booking in itinerary.interpreters:
        if booking.session_key:
            interpreters.setdefault(booking.session_key, []).append(booking.name)

    entries = []
    for s in itinerary.sessions:
        details = [("", kind_label(s.kind, lang))]
        if s.partner_cities:
            cities = format_list([city_name(c) for c in s.partner_cities], lang)
            details.append((gettext("Partner cities"), cities))
        details += [(gettext("Interpreter"), name) for name in interpreters.get(s.key, [])]
        public = itinerary.programme.published and s.public and s.status != "tentative"
        local = s.venue.local_name if s.venue.local_name != s.venue.name else ""
        entries.append(
            Entry(
                f"session-{s.key}",
                "session",
                s.local_start,
                s.local_end,
                s.title,
                place=s.venue.name,
                place_local=local,
                details=tuple(details),
                status=s.status,
                private=not s.public,
                url=session_url("", slug, s.key, link_lang) if public else "",
            )
        )
    for move in (itinerary.arrival, itinerary.departure):
        if move is not None:
            travel = travel_label(move.transport, move.reference, lang)
            entries.append(
                Entry(
                    move.kind,
                    move.kind,
                    move.local_at,
                    None,
                    gettext("Arrival") if move.kind == "arrival" else gettext("Departure"),
                    place=places.get(move.place, move.place),
                    details=(("", travel),) if travel else (),
                )
            )
    for tr in itinerary.transfers:
        origin = places.get(tr.from_place, tr.from_place)
        details = [(gettext("Pick-up"), origin)]
        if tr.vehicle_name:
            details.append((gettext("Vehicle"), tr.vehicle_name))
        entries.append(
            Entry(
                f"transfer-{tr.key}",
                "transfer",
                tr.local_start,
                tr.local_end,
                gettext("Transfer"),
                place=origin,
                details=tuple(details),
                origin=origin,
                destination=places.get(tr.to_place, tr.to_place),
            )
        )
    for booking in itinerary.interpreters:
        if booking.session_key or booking.starts_at is None or booking.ends_at is None:
            continue
        entries.append(
            Entry(
                f"interpreting-{booking.assignment_key}",
                "interpreting",
                booking.starts_at.astimezone(zone),
                booking.ends_at.astimezone(zone),
                gettext("Interpreter"),
                details=(
                    ("", booking.name),
                    (gettext("Languages"), language_list(booking.languages, lang)),
                ),
            )
        )
    entries.sort(key=lambda e: (e.start, e.anchor))
    return entries


def _days(itinerary: Itinerary, entries: list[Entry]) -> list[tuple[date, list[Entry]]]:
    by_day: dict[date, list[Entry]] = {day: [] for day in itinerary.days()}
    for entry in entries:
        by_day.setdefault(festival_day(entry.start), []).append(entry)
    return sorted(by_day.items())


@bp.get("/d/<token>/")
def itinerary(token: str) -> Response:
    ref = published.delegation_ref(token)
    if ref is None:
        abort(404)
    language = published.delegation_language(ref, request.args.get("lang"), accepted_catalog())
    use_language(language.lang)
    view = published.delegation_view(ref, language.lang)
    it = view.itinerary
    entries = _entries(it, view.places, language.lang, language.link)
    lang_args = {"lang": language.link} if language.link else {}
    feed = base_url() + url_for("feeds.delegation_feed", token=token, **lang_args)
    default = ref.language or (ref.festival_languages[0] if ref.festival_languages else None)
    switch = [
        (
            code,
            url_for(
                "delegation.itinerary", token=token, **({} if code == default else {"lang": code})
            ),
        )
        for code in dict.fromkeys([*view.languages, *language.available])
    ]
    interpreters = list({i.key: i for i in it.interpreters}.values())
    html = render_page(
        "delegation/itinerary.html",
        language,
        it=it,
        prog=it.programme,
        days=_days(it, entries),
        interpreters=interpreters,
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
