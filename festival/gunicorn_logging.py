"""gunicorn logs that never contain a delegation's token.

The token in ``/d/TOKEN/...`` is the only secret guarding a delegation's itinerary; a log is
read by more people than the itinerary should be. Every path after a ``d`` segment is masked,
however the client spelled it: ``/D/``, ``/d//`` (the redirect's path), percent-encoded
(``%2Fd%2F``, ``/%64/``, double-encoded ``%252F``), inside a query string (``?next=/d/...``)
or a header (``Referer``, the redirect's ``Location``). Serve with
``gunicorn -c python:festival.gunicorn_conf 'festival:create_app()'``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

# A path separator and the letter d, each as sent or percent-encoded (any number of times).
_SEP = r"(?:/|\\|%(?:25)*(?:2f|5c))"
_D = r"(?:d|%(?:25)*(?:44|64))"
# A ``d`` segment, then the rest of that path: up to its query, fragment, a space or a quote.
_TOKEN_PATH = re.compile(rf"({_SEP}{_D}{_SEP}+)([^?#&\s\"'<>]+)", re.IGNORECASE)
# What may stay visible at the end of a masked path: which output was asked for.
_TAIL = re.compile(rf"{_SEP}(?:calendar\.ics|itinerary\.pdf)?\Z", re.IGNORECASE)


def _masked(match: re.Match[str]) -> str:
    tail = _TAIL.search(match.group(2))
    return match.group(1) + "…" + (tail.group() if tail else "")


def mask_tokens(text: str) -> str:
    """``/d/<token>/calendar.ics`` becomes ``/d/…/calendar.ics``, in every spelling."""
    return _TOKEN_PATH.sub(_masked, text)


class _MaskingFilter(logging.Filter):
    """Masks the error log's messages too (gunicorn names a failed request's path there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class TokenMaskingLogger(Logger):
    """gunicorn's logger, with every value of an access-log line and every error-log message
    masked."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(_MaskingFilter())

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_tokens(v) if isinstance(v, str) else v for k, v in atoms.items()}
