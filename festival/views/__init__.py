"""Blueprints: one per area; each parses, calls a service or a query, commits, responds."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from festival.views.health import bp as health

    app.register_blueprint(health)
