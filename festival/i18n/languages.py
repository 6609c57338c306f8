"""Languages: which catalogs ship, which one a reader of a BCP 47 tag gets, and what CLDR
(through Babel) says of a language: its direction, its own name and its names in others.

Pure Python (Babel only).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# The catalogs' source language: their msgids are British English.
SOURCE_LANGUAGE = "en"
# English is written as in Britain (the source text says "programme"): its dates too.
_ENGLISH = "en_GB"
CATALOG_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")


def primary(lang: str | None) -> str:
    """The primary subtag of a language tag (``en`` when none): ``fa-IR`` -> ``fa``."""
    return (lang or SOURCE_LANGUAGE).replace("_", "-").split("-")[0].lower()


def valid_tag(tag: str | None) -> bool:
    """Whether ``tag`` looks like a BCP 47 language tag (``fa``, ``zh-Hans``, ``uz-Cyrl``)."""
    return bool(tag and LANGUAGE_TAG.match(tag))


@lru_cache(maxsize=512)
def shipped_languages() -> tuple[str, ...]:
    """English, then every language the package ships a catalog for (sorted)."""
    found = sorted(
        path.parent.parent.name for path in CATALOG_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return (SOURCE_LANGUAGE, *found)


@lru_cache(maxsize=512)
def parse(tag: str) -> Locale | None:
    """The CLDR locale of a tag; a tag CLDR does not know by its full form is tried by its
    language alone (``de-CH-1996`` -> ``de``). None for a language CLDR does not know."""
    for candidate in (tag.replace("-", "_"), primary(tag)):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return None


def _script(locale: Locale) -> str:
    """The script a locale is written in: its own subtag, else CLDR's likely one
    (``uz`` -> Latn, ``zh-TW`` -> Hant, ``sr`` -> Cyrl)."""
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        found = likely.get(key)
        if found:
            script = Locale.parse(found).script
            if script:
                return script
    return ""


@lru_cache(maxsize=512)
def catalog_for(tag: str | None) -> str:
    """The shipped catalog a reader of ``tag`` gets: the same language in the same script
    (``fa-IR`` -> ``fa``, ``zh-CN`` -> ``zh``), else English. A reader of another script of
    a language gets English, not the wrong script (``uz-Cyrl``, ``zh-TW``)."""
    if not tag or not valid_tag(tag):
        return SOURCE_LANGUAGE
    wanted = parse(tag)
    if wanted is None:
        return SOURCE_LANGUAGE
    for code in shipped_languages():
        have = parse(code)
        same_language = have is not None and have.language == wanted.language
        if same_language and have is not None and _script(have) == _script(wanted):
            return code
    return SOURCE_LANGUAGE


def is_shipped(tag: str | None) -> bool:
    """Whether ``tag`` has a catalog of its own language and script."""
    return catalog_for(tag) != SOURCE_LANGUAGE or primary(tag) == SOURCE_LANGUAGE


def preferred_catalog(tags: Iterable[str]) -> str | None:
    """The first of a reader's languages (best first, as Accept-Language lists them) that a
    shipped catalog serves; None when none does."""
    for tag in tags:
        if valid_tag(tag) and is_shipped(tag):
            return catalog_for(tag)
    return None


@lru_cache(maxsize=512)
def format_locale(tag: str | None) -> Locale:
    """The CLDR locale dates, numbers and lists are written in for ``tag``."""
    if not tag or (primary(tag) == SOURCE_LANGUAGE and "-" not in tag.replace("_", "-")):
        return Locale.parse(_ENGLISH)
    return parse(tag) or Locale.parse(_ENGLISH)


@lru_cache(maxsize=512)
def text_direction(tag: str | None) -> str:
    """``rtl`` for a language written right to left (CLDR's character order), else ``ltr``."""
    if not tag:
        return "ltr"
    locale = parse(tag)
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"


@lru_cache(maxsize=512)
def language_name(code: str, in_lang: str | None = None) -> str:
    """A language's name: its own (``Русский``, the form a language menu lists), or, with
    ``in_lang``, as a reader of that language calls it (``Russian``, ``روسی``). The tag
    itself when CLDR does not know the language."""
    locale = parse(code)
    if locale is None:
        return code
    if in_lang is None:
        name = locale.get_display_name(locale) or code
        return name[:1].upper() + name[1:]
    return locale.get_display_name(format_locale(in_lang)) or code


def strong_direction(text: str) -> str | None:
    """``ltr``/``rtl`` from the first strongly directional character, ``None`` if none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def choose_language(
    requested: str | None,
    default: str | None,
    offered: Iterable[str],
    *,
    any_tag: bool = False,
) -> str | None:
    """The language a page or feed is in: ``requested`` (a ``?lang=``) when it is one of
    the ``offered`` languages (the festival's), when a catalog ships for it (as that
    catalog's code: ``ru-RU`` reads ``ru``), or, with ``any_tag``, when it is any valid tag
    (translations may be in any language); else ``default``."""
    if not requested or not valid_tag(requested):
        return default
    by_case = {code.lower(): code for code in offered}
    if requested.lower() in by_case:
        return by_case[requested.lower()]
    if default and requested.lower() == default.lower():
        return default
    if is_shipped(requested):
        code = catalog_for(requested)
        return by_case.get(code, code)
    return requested if any_tag else default


def formatting_language(lang: str | None) -> str:
    """The language dates and digits are written in on a page for a reader of ``lang``: the
    tag itself when its catalog is of its language (``ar-EG``: Arabic-Indic digits), else
    the catalog's (an English page of Armenian titles writes English dates)."""
    code = catalog_for(lang)
    return lang if lang and primary(lang) == primary(code) else code
