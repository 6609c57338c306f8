"""Blueprints: one per area; each parses, calls a service or a query, commits, responds."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from festival.views.api import bp as api
    from festival.views.auth import bp as auth
    from festival.views.booklet import bp as booklet
    from festival.views.delegation import bp as delegation
    from festival.views.feeds import bp as feeds
    from festival.views.health import bp as health
    from festival.views.organise import bp as organise
    from festival.views.public import bp as public

    for blueprint in (health, auth, api, public, feeds, delegation, booklet, organise):
        app.register_blueprint(blueprint)
