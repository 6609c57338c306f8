"""Error answers, registered once for the whole app: a page for anything a user can cause,
RFC 9457 problem details (``application/problem+json``) under ``/api/``, never a stack trace.

Views raise (or let propagate) a ``festival.errors.FestivalError``; its class says the status.
A problem keeps the members the API has always promised besides the RFC's ``type``, ``title``,
``status`` and ``detail``: ``error`` (a finding code or ``not-found``, ``forbidden``, ...),
``message`` (the detail), ``conflicts`` (409: the other entities' keys), ``fields`` (422: each
invalid member with what is wrong) and ``findings`` (the finding lines).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask.wrappers import Response
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from festival.errors import (
    FestivalError,
    NotAuthenticated,
    SchedulingConflict,
    ValidationFailed,
)
from festival.extensions import db

PROBLEM = "application/problem+json"
# Names a problem type that is more than its HTTP status (a finding code): the schema's base.
PROBLEM_TYPES = "https://festival.example.org/problems/"
BEARER_CHALLENGE = 'Bearer realm="festival"'


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def problem(
    status: int, error: str, detail: str, *, title: str, typed: bool = False, **members: Any
) -> Response:
    """An ``application/problem+json`` response. ``typed``: the problem is more than its HTTP
    status (a finding code), so ``type`` names it; ``members`` extend the RFC's members."""
    body = {
        "type": PROBLEM_TYPES + error if typed else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "error": error,
        "message": detail,
        **members,
    }
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM
    return response


def _own_keys() -> set[str]:
    """The keys the refused write was about (the URL's ``key``, the body's ``key``): a
    conflict names the other entities only."""
    keys: set[str] = set()
    key = (request.view_args or {}).get("key")
    if isinstance(key, str):
        keys.add(key)
    body = request.get_json(silent=True)
    if isinstance(body, dict) and isinstance(body.get("key"), str):
        keys.add(body["key"])
    return keys


def festival_problem(exc: FestivalError) -> Response:
    """The API's answer to a ``FestivalError``."""
    detail = str(exc)
    if isinstance(exc, SchedulingConflict):
        return problem(
            exc.status,
            exc.code,
            detail,
            title=exc.title,
            typed=True,
            conflicts=exc.conflicts_besides(_own_keys()),
            findings=[f.line() for f in exc.findings],
        )
    if isinstance(exc, ValidationFailed):
        fields: dict[str, str] = {}
        for finding in exc.errors:
            at = finding.get("at") or "body"
            fields[at.rsplit(".", 1)[-1]] = finding.text or finding.code
        return problem(
            exc.status,
            exc.code,
            detail,
            title=exc.title,
            typed=True,
            fields=fields,
            findings=[f.line() for f in exc.findings],
        )
    response = problem(exc.status, exc.code, detail, title=exc.title)
    if isinstance(exc, NotAuthenticated):
        response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
    return response


def _page(status: int, description: str) -> tuple[str, int]:
    name = HTTP_STATUS_CODES.get(status, "Error")
    page = render_template("errors/error.html", code=status, name=name, description=description)
    return page, status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(FestivalError)
    def _festival_error(exc: FestivalError) -> Any:
        db.session.rollback()
        if _wants_json():
            return festival_problem(exc)
        return _page(exc.status, str(exc))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        if _wants_json():
            response = problem(
                status,
                exc.name.lower().replace(" ", "-"),
                exc.description or exc.name,
                title=exc.name,
            )
            for name, value in exc.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value
            return response
        return render_template(
            "errors/error.html", code=status, name=exc.name, description=exc.description
        ), status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        db.session.rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.url_rule)
        if _wants_json():
            return problem(
                500,
                "internal-error",
                "Something went wrong on our side.",
                title="Internal error",
            )
        return (
            render_template(
                "errors/error.html",
                code=500,
                name="Internal error",
                description="Something went wrong on our side. Nothing you did.",
            ),
            500,
        )
