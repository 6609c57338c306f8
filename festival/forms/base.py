"""The fields and the form base every entity form shares.

A field turns what was typed into a data-file value and nothing more: a number that is not
one, a key in capitals or a time the zone skips is passed on as typed, so the reader names
the problem exactly as it names it in a file (one rule, one place).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (  # type: ignore[import-untyped]
    BooleanField,
    Field,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice  # type: ignore[import-untyped]
from wtforms.widgets import (  # type: ignore[import-untyped]
    CheckboxInput,
    DateTimeLocalInput,
    ListWidget,
    NumberInput,
)

from festival.scheduling.findings import Finding

_WHOLE = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class TextField(StringField):
    """Free text; empty is ``""``."""

    def value(self) -> Any:
        return (self.data or "").strip()


class CodeField(TextField):
    """A code or a clock (``CN``, ``Asia/Shanghai``, ``zh``, ``09:00-21:00``): free text that
    reads left to right in every language."""


class LongTextField(TextAreaField):
    def value(self) -> Any:
        return (self.data or "").strip()


class KeyField(StringField):
    """A key as typed (the reader checks it); empty is None."""

    def value(self) -> Any:
        text = (self.data or "").strip()
        return text or None


class WholeNumberField(StringField):
    """A whole number, or empty (None); anything else goes to the reader as typed."""

    widget = NumberInput(step="1")

    def value(self) -> Any:
        text = (self.data or "").strip()
        if not text:
            return None
        return int(text) if _WHOLE.match(text) else text


class DecimalField(StringField):
    """A number with decimals (a latitude), or empty (None)."""

    widget = NumberInput(step="any")

    def value(self) -> Any:
        text = (self.data or "").strip()
        if not text:
            return None
        return float(text) if _DECIMAL.match(text) else text


class ListField(StringField):
    """A comma-separated list (languages, equipment): its items, blanks dropped."""

    def value(self) -> Any:
        return [part.strip() for part in (self.data or "").split(",") if part.strip()]

    def show(self, items: Iterable[str] | None) -> None:
        self.data = ", ".join(items or ())


class WallTimeField(StringField):
    """A wall time in the festival's zone, ``YYYY-MM-DDTHH:MM`` (what ``datetime-local``
    sends); empty is None."""

    widget = DateTimeLocalInput()

    def value(self) -> Any:
        text = (self.data or "").strip()
        return text or None

    def show(self, moment: str | datetime | None, zone: ZoneInfo) -> None:
        if moment is None:
            self.data = ""
            return
        instant = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        self.data = instant.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


class ChoiceField(SelectField):
    """One of a list (a reference by key, a kind, a status); the empty choice is None.
    A posted value that is not among the choices goes to the reader as posted."""

    def pre_validate(self, form: Any) -> None:
        return None

    def value(self) -> Any:
        return self.data or None


class KeysField(SelectMultipleField):
    """Several keys (the delegations an event lists), as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        return None

    def value(self) -> Any:
        return list(self.data or [])


class FlagField(BooleanField):
    def value(self) -> Any:
        return bool(self.data)


@dataclass(frozen=True)
class Section:
    """A fieldset of the form: its legend and its fields, in order."""

    legend: Any
    fields: tuple[str, ...]
    hint: Any = None


# A link to the entity a finding names: (finding name, key) -> URL or None.
Linker = Callable[[str, str], str | None]


class EntityForm(FlaskForm):
    """An entity's form: fields named after the data file's members.

    ``SECTIONS`` lays the fields out; ``PATHS`` maps a finding's path (after the item's own
    path) to the field it belongs next to, when the names differ; ``CONFLICTS`` maps an
    error code without a path (a double booking) to its field.
    """

    SECTIONS: tuple[Section, ...] = ()
    PATHS: Mapping[str, str] = {}
    CONFLICTS: Mapping[str, str] = {}
    # Checkboxes on the page: a checkbox (or a group of them) not posted is unchecked (empty)
    # only when the page had it.
    booleans = HiddenField()
    # Checkbox groups listed in ``booleans`` (the others keep their value when none is ticked).
    CLEARABLE: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.booleans.data = " ".join(
            name
            for name, f in self._fields.items()
            if isinstance(f, FlagField) or name in self.CLEARABLE
        )
        self._choosers: list[Callable[[], None]] = []

    def later(self, chooser: Callable[[], None]) -> None:
        """Fill the choices of a field (a query) only when the form is shown: a save that
        succeeds never needs them."""
        self._choosers.append(chooser)

    def choose(self) -> None:
        for chooser in self._choosers:
            chooser()
        self._choosers.clear()

    def values(self, posted: Iterable[str] | None = None) -> dict[str, Any]:
        """The change: every field's value, or with ``posted`` (the names the request
        carried) only the fields that were posted; a field left out keeps its value."""
        names = set(posted) if posted is not None else None
        raw = self.booleans.raw_data or [""]
        shown = set(raw[0].split())
        out: dict[str, Any] = {}
        for name, f in self._fields.items():
            if not hasattr(f, "value"):
                continue
            left_out = names is not None and name not in names
            clearable = isinstance(f, FlagField) or name in self.CLEARABLE
            if left_out and not (clearable and name in shown):
                continue
            out[name] = f.value()
        return self.shape(out, names)

    def shape(self, flat: dict[str, Any], posted: set[str] | None) -> dict[str, Any]:
        """Flat field values into the data file's shape (nested members); ``posted``: the
        names the request carried (None: all). Override where the shapes differ."""
        return flat

    def field_for(self, path: str) -> Field | None:
        """The field a finding's path names (``capacity``, ``opening_hours.mon``)."""
        name = self.PATHS.get(path)
        if name is None:
            name = re.sub(r"\[[^\]]*\]", "", path).replace(".", "_")
            name = self.PATHS.get(name, name)
        f = self._fields.get(name)
        return f if f is not None and hasattr(f, "value") else None

    def put_findings(self, findings: Iterable[Finding], prefix: str, link: Linker) -> None:
        """Every error next to the field it names (``prefix``: the item's own path, e.g.
        ``venues[hall]``), each saying its code and linking every entity it names; errors
        without a field go to the form's own errors."""
        for finding in findings:
            if not finding.is_error:
                continue
            message = finding_message(finding, link)
            target = None
            at = finding.get("at")
            if at is not None:
                # The member after the item's own path: ``venues[hall].capacity`` ->
                # ``capacity``, ``festival.timezone`` -> ``timezone``, ``event`` -> ``event``.
                if "]." in at:
                    rest = at.rsplit("].", 1)[1]
                elif prefix and at.startswith(prefix + "."):
                    rest = at[len(prefix) + 1 :]
                else:
                    rest = at
                target = self.field_for(rest)
            elif finding.code in self.CONFLICTS:
                target = self._fields.get(self.CONFLICTS[finding.code])
            if target is not None:
                target.errors = [*target.errors, message]
            else:
                self.form_errors.append(message)

    def sections(self) -> list[tuple[Section, list[Field]]]:
        fields = self._fields
        laid = [(s, [fields[n] for n in s.fields if n in fields]) for s in self.SECTIONS]
        return [(s, fields) for s, fields in laid if fields]


def finding_message(finding: Finding, link: Linker) -> Markup:
    """``venue-double-booking: venue=hall sessions=talk-1,new overlap …`` with each key a
    link to its entity (when it has a page)."""
    parts = [Markup("<code>{}</code>").format(finding.code)]
    for name, value in finding.names:
        if name == "at":
            continue
        keys = []
        for key in value.split(","):
            url = link(name, key)
            keys.append(
                Markup('<a href="{}">{}</a>').format(url, key) if url else Markup("{}").format(key)
            )
        parts.append(Markup('<span class="named">{}=</span>').format(name) + Markup(",").join(keys))
    if finding.text:
        parts.append(Markup("<bdi>{}</bdi>").format(finding.text))
    return Markup(" ").join(parts)


def choices(rows: Iterable[tuple[str, Any]], *, blank: Any = None) -> list[SelectChoice]:
    """The choices of a field from ``(key, label)`` rows (labels show their key too), with an
    empty first choice when ``blank`` names it."""
    out = [SelectChoice("", str(blank))] if blank is not None else []
    out += [
        SelectChoice(key, f"{label} ({key})" if label and label != key else key)
        for key, label in rows
    ]
    return out


def plain_choices(rows: Iterable[tuple[str, Any]]) -> list[SelectChoice]:
    """Choices whose labels are the labels alone (kinds, statuses)."""
    return [SelectChoice(value, label) for value, label in rows]


__all__ = [
    "ChoiceField",
    "CodeField",
    "DecimalField",
    "EntityForm",
    "FlagField",
    "KeyField",
    "KeysField",
    "Linker",
    "ListField",
    "LongTextField",
    "Section",
    "TextField",
    "WallTimeField",
    "WholeNumberField",
    "choices",
    "finding_message",
    "plain_choices",
]
