"""What only a printed page needs of a language: the CSS counter style of its page numbers,
the language and direction of a place's own name, and texts shortened to fit a column.

Dates, times, digits and labels are festival.i18n.formatting's, shared with the web pages.
"""

from __future__ import annotations

from festival.i18n.formatting import numbering_system
from festival.i18n.languages import strong_direction

__all__ = ["counter_style", "shorten", "strong_direction"]

# What the CSS counters call CLDR's numbering systems (page numbers, contents).
COUNTER_STYLES = {"arabext": "persian", "arab": "arabic-indic"}


def counter_style(lang: str | None) -> str:
    """The CSS counter style of the digits ``lang`` writes (``decimal`` for ASCII digits)."""
    return COUNTER_STYLES.get(numbering_system(lang), "decimal")


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
