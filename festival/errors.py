"""The small error hierarchy every way in (CLI, forms, API) turns into a clear answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from festival.scheduling.findings import Finding


class FestivalError(Exception):
    """Something a user can fix; the message is safe to show."""


class NotFound(FestivalError):
    pass


class ValidationFailed(FestivalError):
    """The input was refused; ``findings`` holds every error and warning, one per problem."""

    def __init__(self, findings: Sequence[Finding], message: str = "") -> None:
        self.findings = list(findings)
        errors = [f for f in self.findings if f.is_error]
        super().__init__(message or (errors[0].line() if errors else "invalid input"))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


class SchedulingConflict(ValidationFailed):
    """A write would break a scheduling rule (a double booking): nothing was written."""

    @property
    def code(self) -> str:
        return self.errors[0].code if self.errors else "conflict"

    @property
    def conflicts(self) -> list[str]:
        """Keys of the other sessions, holds, transfers or assignments involved."""
        keys: list[str] = []
        for finding in self.errors:
            for name, value in finding.names:
                if name in ("sessions", "transfers", "assignments"):
                    keys.extend(k for k in value.split(",") if k not in keys)
        return keys


class InUse(FestivalError):
    """A delete refused: other entities still refer to this one; nothing was written.

    ``references`` maps each referring kind (``session``, ``delegation``...) to its keys.
    """

    def __init__(self, kind: str, key: str, references: Mapping[str, Sequence[str]]) -> None:
        self.kind = kind
        self.key = key
        self.references = {k: list(v) for k, v in references.items() if v}
        named = "; ".join(f"{k} {', '.join(v)}" for k, v in self.references.items())
        super().__init__(f"{kind} {key} is still used by {named}")


class Overtaken(FestivalError):
    """A change made to an old version: someone else's save came in between; nothing was
    written. ``sent`` is the version the change was made to, ``current`` the stored one
    (None when the other save landed while this one was under way)."""

    def __init__(self, kind: str, key: str, *, sent: int | None, current: int | None) -> None:
        self.kind = kind
        self.key = key
        self.sent = sent
        self.current = current
        super().__init__(f"{kind} {key} was changed by someone else in the meantime")
