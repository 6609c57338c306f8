"""Forms for venues and venue holds."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from festival.forms.base import (
    ChoiceField,
    CodeField,
    DecimalField,
    EntityForm,
    FlagField,
    KeyField,
    ListField,
    LongTextField,
    Section,
    TextField,
    WallTimeField,
    WholeNumberField,
)
from festival.scheduling.spec import WEEKDAYS

DAY_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
    "sat": _l("Saturday"),
    "sun": _l("Sunday"),
}


class VenueForm(EntityForm):
    key = KeyField(_l("Key"))
    name = TextField(_l("Name"))
    local_name = TextField(_l("Local name"))
    address = LongTextField(_l("Address"))
    latitude = DecimalField(_l("Latitude"))
    longitude = DecimalField(_l("Longitude"))
    capacity = WholeNumberField(_l("Capacity (people)"))
    equipment = ListField(_l("Equipment"))
    setup_minutes = WholeNumberField(_l("Setup before each session (minutes)"))
    teardown_minutes = WholeNumberField(_l("Teardown after each session (minutes)"))
    shared = FlagField(_l("Shared: several sessions may use it at once"))
    accessibility = LongTextField(_l("Accessibility"))
    hours_mon = CodeField(DAY_LABELS["mon"])
    hours_tue = CodeField(DAY_LABELS["tue"])
    hours_wed = CodeField(DAY_LABELS["wed"])
    hours_thu = CodeField(DAY_LABELS["thu"])
    hours_fri = CodeField(DAY_LABELS["fri"])
    hours_sat = CodeField(DAY_LABELS["sat"])
    hours_sun = CodeField(DAY_LABELS["sun"])

    SECTIONS = (
        Section(_l("Venue"), ("key", "name", "local_name", "address", "latitude", "longitude")),
        Section(
            _l("Use"),
            (
                "capacity",
                "equipment",
                "setup_minutes",
                "teardown_minutes",
                "shared",
                "accessibility",
            ),
            hint=_l("Equipment: comma-separated, e.g. projector, screen, sound, step_free."),
        ),
        Section(
            _l("Opening hours"),
            tuple(f"hours_{day}" for day in WEEKDAYS),
            hint=_l(
                "In the festival's time, e.g. 09:00-21:00 or 09:00-12:00,14:00-18:00. "
                "Leave every day empty if the venue is always open; once one day has hours, "
                "an empty day is a closed day."
            ),
        ),
    )
    PATHS = {f"opening_hours_{day}": f"hours_{day}" for day in WEEKDAYS} | {
        "opening_hours": "hours_mon"
    }
    CONFLICTS = {"venue-double-booking": "setup_minutes"}

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        days = {day: flat.pop(f"hours_{day}", None) for day in WEEKDAYS}
        if posted is None or any(f"hours_{day}" in posted for day in WEEKDAYS):
            hours = {day: text for day, text in days.items() if text}
            flat["opening_hours"] = hours or None
        return flat

    def fill(self, item: dict[str, Any]) -> None:
        for name in ("key", "name", "local_name", "address", "accessibility"):
            self[name].data = item.get(name) or ""
        for name in ("latitude", "longitude", "capacity", "setup_minutes", "teardown_minutes"):
            value = item.get(name)
            self[name].data = "" if value is None else str(value)
        self.equipment.show(item.get("equipment"))
        self.shared.data = bool(item.get("shared"))
        hours = item.get("opening_hours") or {}
        for day in WEEKDAYS:
            self[f"hours_{day}"].data = hours.get(day, "")


class HoldForm(EntityForm):
    key = KeyField(_l("Key"))
    venue = ChoiceField(_l("Venue"))
    starts_at = WallTimeField(_l("Starts"))
    ends_at = WallTimeField(_l("Ends"))
    reason = TextField(_l("Reason"))

    SECTIONS = (Section(_l("Hold"), ("key", "venue", "starts_at", "ends_at", "reason")),)
    CONFLICTS = {"venue-double-booking": "starts_at"}

    def fill(self, item: dict[str, Any], zone: ZoneInfo) -> None:
        self.key.data = item["key"]
        self.venue.data = item["venue"]
        self.starts_at.show(item["starts_at"], zone)
        self.ends_at.show(item["ends_at"], zone)
        self.reason.data = item.get("reason") or ""
