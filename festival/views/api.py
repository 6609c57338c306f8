"""JSON API under ``/api/v1``: read the programme, and place, change or remove sessions.

Reads of public data need no credentials; writes need ``Authorization: Bearer TOKEN`` of an
organiser or admin (401 without, 403 for a viewer). Every write goes through the same
services as the importer, so the same rules hold.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from festival.datafile.reader import parse_datetime
from festival.errors import NotFound, SchedulingConflict, ValidationFailed
from festival.extensions import csrf, db
from festival.models import Festival, Session, User
from festival.services import sessions as svc
from festival.services.accounts import user_for_api_token
from festival.services.unit import run_write
from festival.views.api_spec import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

WRITABLE = ("key", "event", "venue", "starts_at", "ends_at", "status")


def _error(status: int, error: str, **extra: Any) -> Response:
    response = jsonify(error=error, **extra)
    response.status_code = status
    return response


def _bearer() -> User | None:
    """The token's user; a malformed or unknown token is a 401 right away."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    user = None
    if scheme.lower() == "bearer":
        user = user_for_api_token(token.strip(), now=datetime.now(UTC))
        # The token's last use, recorded apart from the call's own work (which may roll back);
        # best effort: when SQLite is busy with another writer, this use goes unrecorded.
        try:
            db.session.commit()
        except OperationalError:
            db.session.rollback()
    if user is None:
        abort(_unauthorized("the token is not valid"))
    return user


def _unauthorized(message: str) -> Response:
    response = _error(401, "unauthorized", message=message)
    response.headers["WWW-Authenticate"] = 'Bearer realm="festival"'
    return response


def _editor() -> User:
    user = _bearer()
    if user is None:
        abort(_unauthorized("writes need Authorization: Bearer TOKEN"))
    if not user.can_edit:
        abort(_error(403, "forbidden", message="organisers and admins only"))
    return user


def _festival(slug: str, user: User | None) -> Festival:
    festival = db.session.scalar(select(Festival).where(Festival.slug == slug))
    if festival is None or (not festival.published and user is None):
        abort(404)
    return festival


def session_json(session: Session, festival: Festival) -> dict[str, Any]:
    zone = festival.zone
    return {
        "key": session.key,
        "event": session.event.key,
        "kind": session.event.kind,
        "title": session.event.title,
        "public": session.event.public,
        "venue": session.venue.key,
        "starts_at": session.starts_at.astimezone(zone).isoformat(),
        "ends_at": session.ends_at.astimezone(zone).isoformat(),
        "status": session.status,
        "sequence": session.sequence,
        "updated_at": session.updated_at.astimezone(UTC).isoformat(),
    }


def _body(allowed: tuple[str, ...], festival: Festival) -> dict[str, Any]:
    """The JSON object, times parsed; every invalid member is named in one 422."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(_error(400, "bad-request", message="the body must be a JSON object"))
    fields: dict[str, str] = {}
    for name in data:
        if name not in allowed:
            fields[name] = "unknown member"
    out: dict[str, Any] = {}
    for name in allowed:
        if name not in data:
            continue
        value = data[name]
        if name in ("starts_at", "ends_at"):
            try:
                out[name] = parse_datetime(value, festival.zone)
            except ValueError as exc:
                fields[name] = str(exc)
        elif not isinstance(value, str):
            fields[name] = "expected a string"
        else:
            out[name] = value
    if fields:
        abort(_invalid(fields))
    return out


def _invalid(fields: dict[str, str], findings: list[str] | None = None) -> Response:
    return _error(422, "invalid", fields=fields, findings=findings or [])


def _refused(exc: ValidationFailed, own_key: str) -> Response:
    lines = [f.line() for f in exc.findings]
    if isinstance(exc, SchedulingConflict):
        conflicts = [k for k in exc.conflicts if k != own_key]
        return _error(409, exc.code, conflicts=conflicts, findings=lines)
    fields = {}
    for finding in exc.errors:
        at = finding.get("at") or "body"
        fields[at.rsplit(".", 1)[-1]] = finding.text or finding.code
    return _invalid(fields, lines)


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


@bp.get("/festivals/<slug>/sessions")
def list_sessions(slug: str) -> Response:
    user = _bearer()
    festival = _festival(slug, user)
    query = (
        select(Session)
        .where(Session.festival_id == festival.id)
        .options(selectinload(Session.event), selectinload(Session.venue))
        .order_by(Session.starts_at, Session.key)
    )
    rows = db.session.scalars(query).all()
    if user is None:
        rows = [s for s in rows if s.event.public and s.status == "confirmed"]
    return jsonify(
        festival=festival.slug,
        timezone=festival.timezone,
        sessions=[session_json(s, festival) for s in rows],
    )


@bp.post("/festivals/<slug>/sessions")
def create_session(slug: str) -> Response | tuple[Response, int]:
    user = _editor()
    festival = _festival(slug, user)
    body = _body(WRITABLE, festival)
    missing = {n: "missing required member" for n in WRITABLE[:5] if n not in body}
    if missing:
        return _invalid(missing)
    now = datetime.now(UTC)
    try:
        outcome = run_write(
            lambda: svc.place_session(
                festival,
                key=body["key"],
                event=body["event"],
                venue=body["venue"],
                starts_at=body["starts_at"],
                ends_at=body["ends_at"],
                status=body.get("status", "confirmed"),
                now=now,
                actor=user,
            )
        )
    except ValidationFailed as exc:
        return _refused(exc, body["key"])
    payload = session_json(outcome.item, festival)  # type: ignore[arg-type]
    payload["warnings"] = [f.line() for f in outcome.warnings]
    return jsonify(payload), 201


@bp.patch("/festivals/<slug>/sessions/<key>")
def change_session(slug: str, key: str) -> Response | tuple[Response, int]:
    user = _editor()
    festival = _festival(slug, user)
    body = _body(WRITABLE[1:], festival)
    now = datetime.now(UTC)
    try:
        outcome = run_write(lambda: svc.update_session(festival, key, now=now, actor=user, **body))
    except NotFound:
        abort(404)
    except ValidationFailed as exc:
        return _refused(exc, key)
    payload = session_json(outcome.item, festival)  # type: ignore[arg-type]
    payload["warnings"] = [f.line() for f in outcome.warnings]
    return jsonify(payload), 200


@bp.delete("/festivals/<slug>/sessions/<key>")
def remove_session(slug: str, key: str) -> tuple[str, int]:
    user = _editor()
    festival = _festival(slug, user)
    try:
        run_write(lambda: svc.delete_session(festival, key, now=datetime.now(UTC), actor=user))
    except NotFound:
        abort(404)
    return "", 204
