"""Keys, slugs and language tags: the one definition every way in checks against.

Each compiled pattern matches a whole string (``\\A...\\Z``), so ``KEY_RE.match`` is as strict
as ``fullmatch``: a trailing newline is not part of a key (``$`` would accept ``"x\\n"``).
"""

from __future__ import annotations

import re

KEY_MAX_LENGTH = 64
LANGUAGE_MAX_LENGTH = 35  # RFC 5646's recommended buffer; the language columns' length

# For JSON Schema and OpenAPI (ECMA-262 regular expressions: ``$`` is the end of the input).
KEY_PATTERN = f"^[a-z0-9][a-z0-9-]{{0,{KEY_MAX_LENGTH - 1}}}$"
# A tag's shape; with ``maxLength`` (the data file's schema) or the look-ahead below it is whole.
LANGUAGE_SHAPE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
LANGUAGE_PATTERN = f"^(?=[A-Za-z0-9-]{{2,{LANGUAGE_MAX_LENGTH}}}$)" + LANGUAGE_SHAPE[1:]


def _whole(pattern: str) -> re.Pattern[str]:
    """The ECMA-262 pattern above as a Python one that only matches whole strings."""
    return re.compile(r"\A(?:" + pattern.removeprefix("^").removesuffix("$") + r")\Z")


# Keys of every entity, and festival slugs (which are keys).
KEY_RE = _whole(KEY_PATTERN)
SLUG_RE = KEY_RE
# BCP 47 tags as the festival uses them (``fa``, ``zh-Hant``, ``uz-Cyrl``), at most 35 characters.
LANGUAGE_RE = _whole(LANGUAGE_PATTERN)
# Programme filter values: keys, and event kinds (``handicraft_showcase`` has an underscore).
FILTER_VALUE_RE = re.compile(rf"\A[a-z0-9][a-z0-9_-]{{0,{KEY_MAX_LENGTH - 1}}}\Z")


def is_key(value: object) -> bool:
    """A well-formed key or slug: lower-case letters, digits and '-', at most 64, no '-' first."""
    return isinstance(value, str) and KEY_RE.match(value) is not None


def is_language_tag(value: object) -> bool:
    """A well-formed language tag (``fa``, ``uz-Cyrl``), at most 35 characters."""
    return isinstance(value, str) and LANGUAGE_RE.match(value) is not None
