"""Forms for partner cities, hotels, delegations and their members."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from festival.forms.base import (
    ChoiceField,
    CodeField,
    DecimalField,
    EntityForm,
    KeyField,
    KeysField,
    ListField,
    LongTextField,
    Section,
    TextField,
    WallTimeField,
    WholeNumberField,
    plain_choices,
)

MOVES = ("arrival", "departure")
MOVE_PARTS = ("at", "transport", "reference", "place")
TRANSPORTS = plain_choices(
    [
        ("", _l("—")),
        ("flight", _l("Flight")),
        ("train", _l("Train")),
        ("bus", _l("Bus")),
        ("car", _l("Car")),
        ("other", _l("Other")),
    ]
)


def _text(form: EntityForm, item: dict[str, Any], *names: str) -> None:
    for name in names:
        value = item.get(name)
        form[name].data = "" if value is None else str(value)


class PartnerCityForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    local_name = TextField(_l("Local name"))
    country = CodeField(_l("Country (ISO code, e.g. CN)"))
    timezone = CodeField(_l("Time zone (IANA, e.g. Asia/Shanghai)"))
    twinned_since = WholeNumberField(_l("Twinned since (year)"))

    SECTIONS = (
        Section(
            _l("Partner city"),
            ("key", "name", "local_name", "country", "timezone", "twinned_since"),
        ),
    )

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        if "timezone" in flat:
            flat["timezone"] = flat["timezone"] or None
        return flat

    def fill(self, item: dict[str, Any]) -> None:
        _text(self, item, "key", "name", "local_name", "country", "timezone", "twinned_since")


class HotelForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    address = LongTextField(_l("Address"))
    latitude = DecimalField(_l("Latitude"))
    longitude = DecimalField(_l("Longitude"))

    SECTIONS = (Section(_l("Hotel"), ("key", "name", "address", "latitude", "longitude")),)

    def fill(self, item: dict[str, Any]) -> None:
        _text(self, item, "key", "name", "address", "latitude", "longitude")


class DelegationForm(EntityForm):
    key = KeyField(_l("Key"))
    partner_city = ChoiceField(_l("Partner city"))
    name = TextField(_l("Name"))
    contact_email = TextField(_l("Contact e-mail"))
    language = CodeField(_l("Itinerary language (e.g. zh)"))
    hotel = ChoiceField(_l("Hotel"))
    arrival_at = WallTimeField(_l("Arrives"))
    arrival_transport = ChoiceField(_l("By"), choices=TRANSPORTS)
    arrival_reference = TextField(_l("Flight or train number"))
    arrival_place = TextField(_l("At (airport or station code)"))
    departure_at = WallTimeField(_l("Departs"))
    departure_transport = ChoiceField(_l("By"), choices=TRANSPORTS)
    departure_reference = TextField(_l("Flight or train number"))
    departure_place = TextField(_l("From (airport or station code)"))
    liaison_name = TextField(_l("Liaison officer"))
    liaison_phone = TextField(_l("Liaison's phone"))
    liaison_email = TextField(_l("Liaison's e-mail"))

    SECTIONS = (
        Section(
            _l("Delegation"),
            ("key", "partner_city", "name", "contact_email", "language", "hotel"),
        ),
        Section(
            _l("Arrival"),
            ("arrival_at", "arrival_transport", "arrival_reference", "arrival_place"),
        ),
        Section(
            _l("Departure"),
            ("departure_at", "departure_transport", "departure_reference", "departure_place"),
        ),
        Section(_l("Liaison"), ("liaison_name", "liaison_phone", "liaison_email")),
    )
    PATHS = {"arrival": "arrival_at", "departure": "departure_at"}

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        for move in MOVES:
            sent = {p: flat.pop(f"{move}_{p}") for p in MOVE_PARTS if f"{move}_{p}" in flat}
            if not sent:
                continue
            if len(sent) == len(MOVE_PARTS) and not any(sent.values()):
                flat[move] = None  # every part emptied: no arrival (departure)
            else:
                # The parts sent; a part left out keeps its value (the service merges them).
                flat[move] = {p: v if p == "at" else v or "" for p, v in sent.items()}
        liaison = {
            p: flat.pop(f"liaison_{p}")
            for p in ("name", "phone", "email")
            if f"liaison_{p}" in flat
        }
        if liaison:
            flat["liaison"] = {p: v or "" for p, v in liaison.items()}
        if "language" in flat:
            flat["language"] = flat["language"] or None
        return flat

    def fill(self, item: dict[str, Any], zone: ZoneInfo) -> None:
        _text(self, item, "key", "name", "contact_email", "language")
        self.partner_city.data = item.get("partner_city") or ""
        self.hotel.data = item.get("hotel") or ""
        for move in MOVES:
            movement = item.get(move) or {}
            self[f"{move}_at"].show(movement.get("at"), zone)
            for part in ("transport", "reference", "place"):
                self[f"{move}_{part}"].data = movement.get(part) or ""
        liaison = item.get("liaison") or {}
        for part in ("name", "phone", "email"):
            self[f"liaison_{part}"].data = liaison.get(part) or ""


class MemberForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    role = TextField(_l("Role (e.g. head, deputy)"))
    languages = ListField(_l("Languages"))
    hotel = ChoiceField(_l("Hotel (when not the delegation's)"))
    room = TextField(_l("Room"))
    dietary = TextField(_l("Dietary needs"))
    accessibility = LongTextField(_l("Accessibility"))
    email = TextField(_l("E-mail"))
    phone = TextField(_l("Phone"))
    needs = KeysField(_l("Needs (what a venue must offer)"))

    CLEARABLE = ("needs",)
    SECTIONS = (
        Section(
            _l("Member"),
            ("key", "name", "role", "languages"),
            hint=_l("Languages: comma-separated codes, e.g. zh, en."),
        ),
        Section(
            _l("Stay and care"),
            ("hotel", "room", "dietary", "accessibility", "needs"),
            hint=_l("Personal data: seen only by signed-in users and the delegation itself."),
        ),
        Section(_l("Contact"), ("email", "phone")),
    )

    def fill(self, item: dict[str, Any]) -> None:
        _text(self, item, "key", "name", "role", "room", "dietary", "accessibility", "email")
        _text(self, item, "phone")
        self.languages.show(item.get("languages"))
        self.hotel.data = item.get("hotel") or ""
        self.needs.data = list(item.get("needs") or [])
