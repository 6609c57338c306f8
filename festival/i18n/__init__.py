"""Translated page text for the festival's languages; unknown text falls back to English."""

from __future__ import annotations

from festival.i18n.catalog_common import COMMON
from festival.i18n.catalog_print import PRINT
from festival.i18n.catalog_web import WEB

_CATALOGS: dict[str, dict[str, str]] = {}
for _catalog in (COMMON, WEB, PRINT):
    for _lang, _messages in _catalog.items():
        _CATALOGS.setdefault(_lang, {}).update(_messages)


def translate(lang: str | None, text: str) -> str:
    """``text`` (the English message) in ``lang``, by full tag then primary subtag."""
    if not lang:
        return text
    for tag in (lang, lang.split("-")[0]):
        found = _CATALOGS.get(tag, {}).get(text)
        if found:
            return found
    return text


def languages() -> list[str]:
    return sorted(_CATALOGS)
