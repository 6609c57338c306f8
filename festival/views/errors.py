"""Error pages: a clear message for anything a user can cause, never a stack trace."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from festival.extensions import db


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        if _wants_json():
            return jsonify(
                error=exc.name.lower().replace(" ", "-"), message=exc.description
            ), exc.code
        return (
            render_template(
                "errors/error.html", code=exc.code, name=exc.name, description=exc.description
            ),
            exc.code,
        )

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        db.session.rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.url_rule)
        if _wants_json():
            return jsonify(error="internal-error", message="Something went wrong on our side."), 500
        return (
            render_template(
                "errors/error.html",
                code=500,
                name="Internal error",
                description="Something went wrong on our side. Nothing you did.",
            ),
            500,
        )
