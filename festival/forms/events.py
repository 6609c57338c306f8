"""Forms for events (with a title and description per language) and sessions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField  # type: ignore[import-untyped]

from festival.forms.base import (
    ChoiceField,
    CodeField,
    EntityForm,
    FlagField,
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
from festival.i18n.formatting import kind_labels, status_label
from festival.i18n.languages import language_name
from festival.vocabulary import SessionStatus


def kind_choices(lang: str | None) -> list[Any]:
    """Every event kind, labelled in ``lang``."""
    return plain_choices(kind_labels(lang).items())


def statuses(lang: str | None) -> list[tuple[str, str]]:
    """Every session status with its label in ``lang``."""
    return [(status, status_label(status, lang)) for status in SessionStatus]


def status_choices(lang: str | None) -> list[Any]:
    return plain_choices(statuses(lang))


NEW = "new"


class EventForm(EntityForm):
    key = KeyField(_l("Key"))
    kind = ChoiceField(_l("Kind"))
    title = TextField(_l("Title"))
    description = LongTextField(_l("Description"))
    language = CodeField(_l("Language it is held in (e.g. en)"))
    public = FlagField(_l("Public: shown in the programme and the public feed"))
    expected_attendance = WholeNumberField(_l("Expected attendance"))
    requires = ListField(_l("Requires (equipment)"))
    partner_cities = KeysField(_l("Partner cities"))
    delegations = KeysField(_l("Delegations attending"))
    tr_new_lang = CodeField(_l("Language code"))
    tr_new_title = TextField(_l("Title"))
    tr_new_description = LongTextField(_l("Description"))

    BASE_SECTIONS = (
        Section(_l("Event"), ("key", "kind", "title", "description", "language", "public")),
        Section(
            _l("Needs"),
            ("expected_attendance", "requires"),
            hint=_l("Requires: comma-separated equipment the venue must have, e.g. projector."),
        ),
        Section(_l("Who takes part"), ("partner_cities", "delegations")),
    )
    languages: tuple[str, ...] = ()

    @property
    def SECTIONS(self) -> tuple[Section, ...]:  # type: ignore[override]  # noqa: N802
        per_language = tuple(
            Section(
                _l("Translation: %(language)s", language=f"{language_name(lang)} ({lang})"),
                (f"tr_{lang}_title", f"tr_{lang}_description"),
            )
            for lang in self.languages
        )
        new = Section(
            _l("Another language"),
            ("tr_new_lang", "tr_new_title", "tr_new_description"),
            hint=_l("A translation in a language not listed above (BCP 47, e.g. uz-Cyrl)."),
        )
        return self.BASE_SECTIONS + per_language + (new,)

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        texts: dict[str, dict[str, str]] = {}
        for lang in self.languages:
            title = flat.pop(f"tr_{lang}_title", "")
            description = flat.pop(f"tr_{lang}_description", "")
            if title or description:
                texts[lang] = {"title": title, "description": description}
        lang = flat.pop("tr_new_lang", "")
        title = flat.pop("tr_new_title", "")
        description = flat.pop("tr_new_description", "")
        if lang or title or description:
            texts[lang or "?"] = {"title": title, "description": description}
        if posted is None or any(name.startswith("tr_") for name in posted):
            flat["translations"] = texts
        if "language" in flat:
            flat["language"] = flat["language"] or None
        return flat

    def field_for(self, path: str) -> Field | None:
        if path.startswith("translations."):
            lang = path.split(".", 2)[1]
            name = f"tr_{lang}_title" if lang in self.languages else "tr_new_lang"
            return self._fields.get(name)
        return super().field_for(path)

    def fill(self, item: dict[str, Any]) -> None:
        self.key.data = item["key"]
        self.kind.data = item["kind"]
        self.title.data = item["title"]
        self.description.data = item.get("description") or ""
        self.language.data = item.get("language") or ""
        self.public.data = bool(item.get("public", True))
        attendance = item.get("expected_attendance")
        self.expected_attendance.data = "" if attendance is None else str(attendance)
        self.requires.show(item.get("requires"))
        self.partner_cities.data = list(item.get("partner_cities") or [])
        self.delegations.data = list(item.get("delegations") or [])
        for lang, texts in (item.get("translations") or {}).items():
            if f"tr_{lang}_title" in self._fields:
                self[f"tr_{lang}_title"].data = texts.get("title", "")
                self[f"tr_{lang}_description"].data = texts.get("description", "")


def event_form_class(languages: Iterable[str]) -> type[EventForm]:
    """``EventForm`` with a title and a description for each language (the festival's and
    those the event already has translations in)."""
    wanted = tuple(dict.fromkeys(lang for lang in languages if lang))
    fields: dict[str, Any] = {"languages": wanted}
    for lang in wanted:
        fields[f"tr_{lang}_title"] = TextField(_l("Title"))
        fields[f"tr_{lang}_description"] = LongTextField(_l("Description"))
    return type("EventFormFor", (EventForm,), fields)


class SessionForm(EntityForm):
    key = KeyField(_l("Key"))
    event = ChoiceField(_l("Event"))
    venue = ChoiceField(_l("Venue"))
    starts_at = WallTimeField(_l("Starts"))
    ends_at = WallTimeField(_l("Ends"))
    status = ChoiceField(_l("Status"), default=SessionStatus.CONFIRMED)
    version = HiddenField()

    SECTIONS = (
        Section(_l("Session"), ("key", "event", "venue", "starts_at", "ends_at", "status")),
    )
    CONFLICTS = {"venue-double-booking": "starts_at", "interpreter-double-booking": "starts_at"}
    PATHS = {"event": "event"}

    def fill(self, item: dict[str, Any], zone: ZoneInfo) -> None:
        """From the session's data-file item with its ``event`` and ``version`` added."""
        self.key.data = item["key"]
        self.event.data = item["event"]
        self.venue.data = item["venue"]
        self.starts_at.show(item["starts_at"], zone)
        self.ends_at.show(item["ends_at"], zone)
        self.status.data = item["status"]
        self.version.data = str(item["version"])

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        if posted is None or "version" in posted:
            flat["version"] = self.sent_version()
        return flat

    def sent_version(self) -> int | None:
        """The version the edit form showed; None when none was sent (or not a number)."""
        text = (self.version.data or "").strip()
        return int(text) if text.isdigit() else None
