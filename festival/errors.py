"""The one error hierarchy for what users can cause: every way in (CLI, pages, API) turns a
``FestivalError`` into a clear answer, never a traceback.

Each class states how it is answered: ``status`` (HTTP), ``code`` (the ``error`` member of an
API problem), ``exit_code`` (CLI). Views and commands raise or let these propagate; the
handlers in ``festival.views.errors`` and ``festival.cli.errors`` answer them in one place.

Plain Python (it imports only ``festival.scheduling.findings``), so the pure layers (the
data-file reader, the rules' callers) raise these too.

Not here, on purpose: ``festival.exports.print_fetcher.RefusedURL``. WeasyPrint raises it from
inside a render when a stylesheet or image points outside ``static/``, catches it itself and
leaves the resource out; it never reaches a view or a command, and nothing a user sends can
fix or cause it (it guards our own templates), so it is no answer to a user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from festival.scheduling.findings import Finding

EXIT_REFUSED = 1  # docs/cli.md: refused, unknown slug, invalid
EXIT_USAGE = 2  # docs/cli.md: usage error, unreadable file, bad option


class FestivalError(Exception):
    """Something a user caused and can fix; the message is safe to show."""

    status: int = 400
    code: str = "bad-request"
    title: str = "Bad request"
    exit_code: int = EXIT_REFUSED


class BadRequest(FestivalError):
    """Input not of the form it must have (a request body that is no JSON object)."""

    exit_code = EXIT_USAGE


class Unreadable(BadRequest):
    """The bytes are not a text file we can read (not UTF-8, too big): a usage error."""

    code = "unreadable"
    title = "Unreadable input"


class InvalidOption(BadRequest):
    """An option outside what it accepts (a paper size, a filter value): a usage error."""

    title = "Invalid option"


class ConfigurationError(FestivalError):
    """The app cannot start: the message says what to set."""

    status = 500
    code = "configuration-error"
    title = "Not configured"
    exit_code = EXIT_USAGE


class NotFound(FestivalError):
    """An unknown slug, key, token or user."""

    status = 404
    code = "not-found"
    title = "Not found"


class NotAuthenticated(FestivalError):
    """No credentials, or credentials that name nobody."""

    status = 401
    code = "unauthorized"
    title = "Not authenticated"


class NotPermitted(FestivalError):
    """The user is known but may not do this (a viewer writing)."""

    status = 403
    code = "forbidden"
    title = "Not permitted"


class ValidationFailed(FestivalError):
    """The input was refused; ``findings`` holds every error and warning, one per problem.

    An error's ``at`` names the invalid member (``ends_at``, ``events[e].title``).
    """

    status = 422
    code = "invalid"
    title = "Invalid input"

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

    status = 409
    title = "Scheduling conflict"

    @property
    def code(self) -> str:  # type: ignore[override]
        return self.errors[0].code if self.errors else "conflict"

    @property
    def conflicts(self) -> list[str]:
        """Keys of the sessions, holds, transfers or assignments involved, first seen first."""
        return self.conflicts_besides(())

    def conflicts_besides(self, own: Iterable[str]) -> list[str]:
        """``conflicts`` without ``own`` (the keys the refused write was about)."""
        skip = set(own)
        keys: list[str] = []
        for finding in self.errors:
            for name, value in finding.names:
                if name in ("sessions", "transfers", "assignments"):
                    keys.extend(k for k in value.split(",") if k not in keys and k not in skip)
        return keys


class InUse(FestivalError):
    """A delete refused: other entities still refer to this one; nothing was written.

    ``references`` maps each referring kind (``session``, ``delegation``...) to its keys.
    """

    status = 409
    code = "in-use"
    title = "Still in use"

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

    status = 409
    code = "overtaken"
    title = "Changed in the meantime"

    def __init__(self, kind: str, key: str, *, sent: int | None, current: int | None) -> None:
        self.kind = kind
        self.key = key
        self.sent = sent
        self.current = current
        super().__init__(f"{kind} {key} was changed by someone else in the meantime")
