"""What only a printed page needs of a language: the CSS counter style of its page numbers,
the language and direction of a place's own name, and texts shortened to fit a column.

Dates, times, digits and labels are festival.i18n.formatting's, shared with the web pages.
"""

from __future__ import annotations

import unicodedata

from festival.i18n.formatting import primary

# What the CSS counters call the same digits (page numbers, contents).
COUNTER_STYLES = {"fa": "persian", "ar": "arabic-indic"}


def counter_style(lang: str | None) -> str:
    return COUNTER_STYLES.get(primary(lang), "decimal")


def shorten(text: str, limit: int = 260) -> str:
    """At most about ``limit`` characters, cut at a word (or anywhere in scripts without
    spaces), with an ellipsis when something was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.–-،") + "…"


def strong_direction(text: str) -> str | None:
    """``ltr``/``rtl`` from the first strongly directional character, ``None`` if none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
