"""Findings: what the scheduling rules and the data-file reader report, one line each."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# What could end a line or hide text on a terminal: C0 and C1 controls, DEL, the Unicode line
# and paragraph separators, and lone surrogates (which cannot even be written as UTF-8).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line: every control character escaped visibly (``\\n``, ``\\x1b``)."""
    return _UNPRINTABLE.sub(_visible, text)


class Severity(StrEnum):
    ERROR = "ERROR"
    WARNING = "WARNING"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, named by the keys of every entity involved.

    ``names`` keeps the order in which the ``name=value`` pairs are printed; a value
    that lists several keys is already comma-joined (in order of start time).
    """

    severity: Severity
    code: str
    names: tuple[tuple[str, str], ...]
    text: str = ""
    sort_key: tuple = field(default=(), compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def get(self, name: str) -> str | None:
        for key, value in self.names:
            if key == name:
                return value
        return None

    def line(self) -> str:
        """The CONTRACT's one-line form: ``SEVERITY CODE name=value ... free text``.

        Values and text can carry user text (an arrival place, a bad key): control characters
        in them are escaped, so no user text can start a line of its own.
        """
        parts = [self.severity.value, self.code]
        parts.extend(f"{key}={value}" for key, value in self.names)
        if self.text:
            parts.append(self.text)
        return printable(" ".join(parts))

    def __str__(self) -> str:
        return self.line()


def error(code: str, *names: tuple[str, str], text: str = "") -> Finding:
    return Finding(Severity.ERROR, code, tuple(names), text)


def warning(code: str, *names: tuple[str, str], text: str = "") -> Finding:
    return Finding(Severity.WARNING, code, tuple(names), text)


def has_errors(findings: list[Finding] | tuple[Finding, ...]) -> bool:
    return any(f.is_error for f in findings)
