"""gunicorn access logs that never contain a delegation's token.

The token in ``/d/TOKEN/...`` is the only secret guarding a delegation's itinerary; an access
log is read by more people than the itinerary should be. Serve with
``gunicorn -c python:festival.gunicorn_conf 'festival:create_app()'``.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

_TOKEN_PATH = re.compile(r"(/d/)[^/?#\s\"]+")


def mask_tokens(text: str) -> str:
    """``/d/<token>/calendar.ics`` becomes ``/d/…/calendar.ics``."""
    return _TOKEN_PATH.sub(r"\1…", text)


class TokenMaskingLogger(Logger):
    """gunicorn's logger, with every path-bearing value of a log line masked."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_tokens(v) if isinstance(v, str) else v for k, v in atoms.items()}
