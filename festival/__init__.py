"""Festival: plan, publish and print a Sister Cities Week.

The Flask app is imported lazily, so the pure core (``festival.scheduling``,
``festival.datafile``) loads without Flask or SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the WSGI app (``gunicorn 'festival:create_app()'``); see ``festival.app``."""
    from festival.app import create_app as _create_app

    return _create_app(config)
