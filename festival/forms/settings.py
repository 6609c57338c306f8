"""The festival's settings form: names, time zone (an IANA zone picker), dates, languages and
the festival's own texts per language."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import DateField  # type: ignore[import-untyped]
from wtforms.fields.choices import SelectChoice  # type: ignore[import-untyped]

from festival.forms.base import (
    ChoiceField,
    CodeField,
    EntityForm,
    ListField,
    LongTextField,
    Section,
    TextField,
)
from festival.i18n.languages import language_name

TEXTS = ("name", "host_city", "description")


@cache
def zone_choices() -> list[SelectChoice]:
    """Every IANA zone, grouped by region (the picker's option groups), then UTC."""
    out = []
    for zone in sorted(available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        region, _, place = zone.partition("/")
        out.append(SelectChoice(zone, place.replace("_", " "), optgroup=region))
    out.append(SelectChoice("UTC", "UTC", optgroup="UTC"))
    return out


class DayField(TextField):
    """A date ``YYYY-MM-DD`` as typed (the reader checks it)."""

    widget = DateField.widget


class SettingsForm(EntityForm):
    name = TextField(_l("Name"))
    host_city = TextField(_l("Host city"))
    country = CodeField(_l("Country (ISO code, e.g. IR)"))
    timezone = ChoiceField(_l("Time zone"))
    starts_on = DayField(_l("First day"))
    ends_on = DayField(_l("Last day"))
    languages = ListField(_l("Languages"))
    description = LongTextField(_l("Description"))

    languages_shown: tuple[str, ...] = ()

    @property
    def SECTIONS(self) -> tuple[Section, ...]:  # type: ignore[override]  # noqa: N802
        base = (
            Section(_l("Festival"), ("name", "host_city", "country", "description")),
            Section(
                _l("When and where"),
                ("timezone", "starts_on", "ends_on"),
                hint=_l(
                    "Every time in the workspace is wall time in this zone. Changing it keeps "
                    "each session at the same moment, shown in the new zone's time."
                ),
            ),
            Section(
                _l("Languages"),
                ("languages",),
                hint=_l("Comma-separated codes, the first the main one, e.g. en, fa."),
            ),
        )
        return base + tuple(
            Section(
                _l("In %(language)s", language=f"{language_name(lang)} ({lang})"),
                tuple(f"tr_{lang}_{text}" for text in TEXTS),
            )
            for lang in self.languages_shown
        )

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        texts: dict[str, dict[str, str]] = {}
        for lang in self.languages_shown:
            values = {t: flat.pop(f"tr_{lang}_{t}", "") for t in TEXTS}
            if any(values.values()):
                texts[lang] = {t: v for t, v in values.items() if v}
        if posted is None or any(name.startswith("tr_") for name in posted):
            flat["translations"] = texts
        return flat

    def fill(self, item: dict[str, Any]) -> None:
        for name in ("name", "host_city", "country", "description", "timezone"):
            self[name].data = item.get(name) or ""
        self.starts_on.data = item["starts_on"]
        self.ends_on.data = item["ends_on"]
        self.languages.show(item.get("languages"))
        for lang, texts in (item.get("translations") or {}).items():
            for text in TEXTS:
                if f"tr_{lang}_{text}" in self._fields:
                    self[f"tr_{lang}_{text}"].data = texts.get(text, "")


def settings_form_class(languages: Iterable[str]) -> type[SettingsForm]:
    """``SettingsForm`` with the festival's texts in each language but the first (and in any
    it already has texts in)."""
    wanted = tuple(dict.fromkeys(lang for lang in languages if lang))
    fields: dict[str, Any] = {"languages_shown": wanted}
    labels = {"name": _l("Name"), "host_city": _l("Host city"), "description": _l("Description")}
    for lang in wanted:
        for text in TEXTS:
            field_class = LongTextField if text == "description" else TextField
            fields[f"tr_{lang}_{text}"] = field_class(labels[text])
    form_class: type[SettingsForm] = type("SettingsFormFor", (SettingsForm,), fields)
    form_class.timezone.kwargs["choices"] = zone_choices()
    return form_class
