"""Guards in front of every route, so no view ever sees input it cannot handle.

- Text no database can store (NUL, lone surrogates; ``festival.database``): in a URL segment
  it answers 404 (no key can contain it), in a query-string or form value 400 naming the
  parameter, in a JSON body 422 naming every such member (the API's answer to invalid members).
  A JSON body nested too deeply to be read is a 400.
- JSON bodies go to the blueprints that read JSON (``JSON_BLUEPRINTS``); elsewhere they are a
  415, since Flask-WTF would otherwise read any JSON value as form data (and fail on ``[1]``).
- The ``Host`` header: feed and subscribe URLs are built from it, so with ``TRUSTED_HOSTS`` set
  another host is refused (400), as is a malformed header, before Flask builds any URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, abort, jsonify, request
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

from festival.database import unstorable_character
from festival.scheduling.findings import printable

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_BLUEPRINTS = frozenset({"api"})


def register_input_guard(app: Flask) -> None:
    """Check every request's URL, query string, form and JSON body before its view runs."""

    @app.before_request
    def _refuse_unstorable_text() -> Response | None:
        if request.view_args and _bad([(n, v) for n, v in request.view_args.items()]):
            abort(404)
        if bad := _bad(_pairs(request.args.items(multi=True))):
            name, char = bad[0]
            abort(400, description=_message("The query parameter", name, char))
        if request.method not in BODY_METHODS:
            return None
        if request.is_json:
            if request.blueprint not in JSON_BLUEPRINTS:
                abort(415, description="Send this form as form data, not JSON.")
            return _check_json()
        files = ((name, f.filename or "") for name, f in request.files.items(multi=True))
        if bad := _bad([*_pairs(request.form.items(multi=True)), *files]):
            name, char = bad[0]
            abort(400, description=_message("The field", name, char))
        return None


def _message(what: str, name: str, char: str) -> str:
    return f"{what} '{printable(name)}' contains a character that cannot be stored ({char})."


def _pairs(items: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(name, text) for each parameter's name and for its value."""
    for name, value in items:
        yield name, name
        yield name, value


def _bad(pairs: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """(name, ``U+XXXX``) of every text that cannot be stored, in order."""
    found = []
    for name, text in pairs:
        if isinstance(text, str) and (char := unstorable_character(text)):
            found.append((name, char))
    return found


def _check_json() -> Response | None:
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        abort(400, description="The JSON body is nested too deeply.")
    bad = _bad(_json_strings(data))
    if not bad:
        return None
    fields: dict[str, str] = {}
    for path, char in bad:
        fields.setdefault(printable(path), f"contains a character that cannot be stored ({char})")
    response = jsonify(error="invalid", fields=fields, findings=[])
    response.status_code = 422
    return response


def _json_strings(data: Any) -> Iterator[tuple[str, str]]:
    """(path, text) of every member name and string in a JSON value: ``event``, ``a.b[2]``.

    Iterative: a body as deep as the JSON reader allows must not exhaust the stack here.
    """
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path or "body", value
        elif isinstance(value, dict):
            children = []
            for name, item in value.items():
                child = f"{path}.{name}" if path else name
                yield child, name
                children.append((child, item))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{i}]", item) for i, item in enumerate(value)]))


class HostCheck:
    """WSGI middleware: 400 for a request whose ``Host`` is not trusted or not a host at all.

    Flask itself refuses untrusted hosts, but only once the request is under way, when its error
    page can no longer build a URL (a 500). Sits inside ``ProxyFix``, so it sees the host the
    client asked the proxy for.
    """

    def __init__(self, wsgi_app: WSGIApplication, trusted_hosts: list[str] | None) -> None:
        self.wsgi_app = wsgi_app
        self.trusted_hosts = trusted_hosts or None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            host = get_host(environ, self.trusted_hosts)
        except SecurityError:
            return self._refuse(environ, start_response, "This server does not serve that host.")
        if environ.get("HTTP_HOST") and not host:
            return self._refuse(environ, start_response, "The Host header is malformed.")
        return self.wsgi_app(environ, start_response)

    @staticmethod
    def _refuse(
        environ: WSGIEnvironment, start_response: StartResponse, message: str
    ) -> Iterable[bytes]:
        response = Response(f"Bad request: {message}\n", 400, mimetype="text/plain")
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response(environ, start_response)
