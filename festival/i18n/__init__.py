"""Interface text in the reader's language, from the gettext catalogs the package ships.

The catalogs are ``festival/translations/<lang>/LC_MESSAGES/messages.po`` (English is the
source language: its messages are the ``msgid``s); the build compiles each into the
``messages.mo`` read here (``hatch_build.py``). ``messages(lang)`` is one language's text,
usable anywhere (the calendar feeds and the printed booklet have no request); the web pages
reach the same catalogs through Flask-Babel (``festival.i18n.web``).

Pure Python (Babel only): no Flask.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from babel.support import NullTranslations, Translations

from festival.i18n.languages import (
    CATALOG_DIR,
    DOMAIN,
    SOURCE_LANGUAGE,
    catalog_for,
    shipped_languages,
)

__all__ = [
    "CATALOG_DIR",
    "SOURCE_LANGUAGE",
    "LocalText",
    "Messages",
    "MissingCatalog",
    "messages",
    "shipped_languages",
    "text_lang",
    "translated",
]


class MissingCatalog(RuntimeError):
    """A catalog's ``.po`` ships without its compiled ``.mo`` (a checkout whose build never
    ran, or was not run again after a catalog changed)."""


class LocalText(str):
    """A text in a known language: an event's title is its translation in the reader's
    language, or else the original, which then says which language it is in (``lang``)."""

    lang: str

    def __new__(cls, value: str, lang: str) -> LocalText:
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalText, (str(self), self.lang))


def translated(
    translations: dict[str, dict[str, str]] | None,
    original: str | None,
    member: str,
    lang: str | None,
    source: str,
) -> LocalText:
    """``member`` (``title``, ``name``...) in ``lang`` when ``translations`` has it, else the
    ``original``, written in ``source`` (the festival's first language)."""
    if lang:
        value = (translations or {}).get(lang, {}).get(member)
        if value:
            return LocalText(value, lang)
    return LocalText(original or "", source)


def text_lang(text: str, default: str) -> str:
    """The language ``text`` is in: a :class:`LocalText`'s own, else ``default``."""
    return getattr(text, "lang", "") or default


# A whole-number placeholder, ``%(num)d``: filled as text once the number is localized.
_WHOLE_NUMBER = re.compile(r"%\((\w+)\)d")


class Messages:
    """One language's interface text: ``gettext``, ``ngettext``, ``pgettext``, ``npgettext``.

    Placeholders are named (``%(city)s``); values that are numbers are written in the
    language's digits (Persian pages count in Persian digits). ``ngettext`` picks the plural
    form by the language's rules and offers the count as ``%(num)s``.
    """

    def __init__(self, code: str, translations: NullTranslations) -> None:
        self.code = code
        self.translations = translations

    def __repr__(self) -> str:
        return f"Messages({self.code!r})"

    def localized(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` with their numbers in the language's digits."""
        from festival.i18n.formatting import format_number

        return {
            k: format_number(v, self.code) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in values.items()
        }

    def fill(self, text: str, values: dict[str, Any]) -> str:
        """``text`` with its placeholders filled by ``values``, numbers in the language's
        digits. A number is text once localized ("1,970", "۱٬۹۷۰"), so a ``%(num)d`` is
        filled as ``%(num)s``: the same number, never a ValueError."""
        if not values:
            return text
        # type(text): a Markup stays Markup, so % still escapes each value.
        return type(text)(_WHOLE_NUMBER.sub(r"%(\1)s", text)) % self.localized(values)

    def gettext(self, message: str, **values: Any) -> str:
        return self.fill(self.translations.ugettext(message), values)

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return self.fill(self.translations.ungettext(singular, plural, num), values)

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        return self.fill(self.translations.upgettext(context, message), values)

    def npgettext(self, context: str, singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return self.fill(self.translations.unpgettext(context, singular, plural, num), values)


def load_translations(code: str) -> NullTranslations:
    """The compiled catalog of ``code`` (a shipped language); English has none."""
    if code == SOURCE_LANGUAGE:
        return NullTranslations()
    folder = CATALOG_DIR / code / "LC_MESSAGES"
    if not (folder / f"{DOMAIN}.mo").is_file():
        raise MissingCatalog(
            f"{folder / (DOMAIN + '.po')} is not compiled: reinstall the package "
            f"(pip install -e .) or run pybabel compile -d {CATALOG_DIR}"
        )
    with (folder / f"{DOMAIN}.mo").open("rb") as file:
        return Translations(file, domain=DOMAIN)


@cache
def _messages(code: str) -> Messages:
    return Messages(code, load_translations(code))


def messages(lang: str | None) -> Messages:
    """The interface text for a reader of ``lang`` (any BCP 47 tag): its shipped catalog
    (``fa-IR`` reads ``fa``; ``uz-Cyrl`` does not read the Latin ``uz``), else English."""
    return _messages(catalog_for(lang))


def check_compiled() -> None:
    """Raise :class:`MissingCatalog` unless every shipped catalog is compiled."""
    for code in shipped_languages():
        load_translations(code)
