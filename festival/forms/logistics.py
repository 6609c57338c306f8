"""Forms for vehicles, interpreters, transfers and interpreter assignments."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from festival.forms.base import (
    ChoiceField,
    EntityForm,
    KeyField,
    KeysField,
    ListField,
    Section,
    TextField,
    WallTimeField,
    WholeNumberField,
)


class VehicleForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    seats = WholeNumberField(_l("Seats (passengers)"))
    driver = TextField(_l("Driver"))
    phone = TextField(_l("Driver's phone"))

    SECTIONS = (Section(_l("Vehicle"), ("key", "name", "seats", "driver", "phone")),)
    CONFLICTS = {"vehicle-over-capacity": "seats"}

    def fill(self, item: dict[str, Any]) -> None:
        for name in ("key", "name", "driver", "phone"):
            self[name].data = item.get(name) or ""
        self.seats.data = "" if item.get("seats") is None else str(item["seats"])


class InterpreterForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    languages = ListField(_l("Languages"))
    phone = TextField(_l("Phone"))

    SECTIONS = (
        Section(
            _l("Interpreter"),
            ("key", "name", "languages", "phone"),
            hint=_l("Languages: comma-separated codes, e.g. fa, zh, en."),
        ),
    )
    CONFLICTS = {"interpreter-double-booking": "languages"}

    def fill(self, item: dict[str, Any]) -> None:
        for name in ("key", "name", "phone"):
            self[name].data = item.get(name) or ""
        self.languages.show(item.get("languages"))


class TransferForm(EntityForm):
    key = KeyField(_l("Key"))
    vehicle = ChoiceField(_l("Vehicle"))
    delegations = KeysField(_l("Delegations carried"))
    from_place = TextField(_l("From (airport code, hotel or venue key)"))
    to_place = TextField(_l("To (airport code, hotel or venue key)"))
    starts_at = WallTimeField(_l("Leaves"))
    ends_at = WallTimeField(_l("Arrives"))

    SECTIONS = (
        Section(_l("Transfer"), ("key", "vehicle", "delegations")),
        Section(_l("Trip"), ("from_place", "to_place", "starts_at", "ends_at")),
    )
    PATHS = {"from": "from_place", "to": "to_place"}
    CONFLICTS = {"vehicle-double-booking": "starts_at", "vehicle-over-capacity": "vehicle"}

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        for field, member in (("from_place", "from"), ("to_place", "to")):
            if field in flat:
                flat[member] = flat.pop(field)
        return flat

    def fill(self, item: dict[str, Any], zone: ZoneInfo) -> None:
        self.key.data = item["key"]
        self.vehicle.data = item.get("vehicle") or ""
        self.delegations.data = list(item.get("delegations") or [])
        self.from_place.data = item.get("from") or ""
        self.to_place.data = item.get("to") or ""
        self.starts_at.show(item["starts_at"], zone)
        self.ends_at.show(item["ends_at"], zone)


class AssignmentForm(EntityForm):
    key = KeyField(_l("Key"))
    interpreter = ChoiceField(_l("Interpreter"))
    delegation = ChoiceField(_l("For delegation"))
    session = KeyField(_l("For session (its key)"))
    starts_at = WallTimeField(_l("Or from"))
    ends_at = WallTimeField(_l("Until"))

    SECTIONS = (
        Section(
            _l("Assignment"),
            ("key", "interpreter", "delegation", "session", "starts_at", "ends_at"),
            hint=_l("Name a session (its times are the interpreter's), or give times of its own."),
        ),
    )
    CONFLICTS = {"interpreter-double-booking": "interpreter"}

    def fill(self, item: dict[str, Any], zone: ZoneInfo) -> None:
        self.key.data = item["key"]
        self.interpreter.data = item["interpreter"]
        self.delegation.data = item.get("delegation") or ""
        self.session.data = item.get("session") or ""
        self.starts_at.show(item.get("starts_at"), zone)
        self.ends_at.show(item.get("ends_at"), zone)


__all__ = ["AssignmentForm", "InterpreterForm", "TransferForm", "VehicleForm"]
