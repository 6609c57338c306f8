"""JSON API under ``/api/v1``: read the programme, and place, change or remove sessions.

Reads of public data need no credentials; writes need ``Authorization: Bearer TOKEN`` of an
organiser or admin (401 without, 403 for a viewer). Every write goes through the same
services as the importer, so the same rules hold. Views raise ``festival.errors`` classes;
``festival.views.errors`` answers them as RFC 9457 problem details.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from flask import Blueprint, Response, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from festival.datafile.reader import parse_datetime
from festival.errors import (
    BadRequest,
    NotAuthenticated,
    NotFound,
    NotPermitted,
    Overtaken,
    ValidationFailed,
)
from festival.extensions import csrf, db
from festival.models import Festival, Session, User
from festival.scheduling.findings import Finding, error
from festival.services import sessions as svc
from festival.services.accounts import user_for_api_token
from festival.services.unit import run_write
from festival.views.api_spec import openapi_document
from festival.vocabulary import SessionStatus

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

WRITABLE = ("key", "event", "venue", "starts_at", "ends_at", "status")


def _bearer() -> User | None:
    """The token's user; a malformed or unknown token is refused right away."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    user = None
    if scheme.lower() == "bearer":
        # The token's last use, recorded apart from the call's own work (which may roll back);
        # best effort: when SQLite is busy with another writer, this use goes unrecorded.
        try:
            user = user_for_api_token(token.strip(), now=datetime.now(UTC))
            db.session.commit()
        except OperationalError:
            db.session.rollback()
            user = user_for_api_token(token.strip())
    if user is None:
        raise NotAuthenticated("the token is not valid")
    return user


def _editor() -> User:
    user = _bearer()
    if user is None:
        raise NotAuthenticated("writes need Authorization: Bearer TOKEN")
    if not user.can_edit:
        raise NotPermitted("organisers and admins only")
    return user


def _festival(slug: str, user: User | None) -> Festival:
    festival = db.session.scalar(select(Festival).where(Festival.slug == slug))
    if festival is None or (not festival.published and user is None):
        raise NotFound(f"no festival with slug {slug!r}")
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
        "version": session.version,
        "updated_at": session.updated_at.astimezone(UTC).isoformat(),
    }


def _body(
    allowed: tuple[str, ...], festival: Festival, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The JSON object, times parsed. Raises ``BadRequest`` for a body that is no object and
    ``ValidationFailed`` naming every invalid, unknown or missing member at once."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    problems: list[Finding] = [
        error("invalid-value", ("at", name), text="unknown member")
        for name in data
        if name not in allowed
    ]
    out: dict[str, Any] = {}
    for name in allowed:
        if name not in data:
            if name in required:
                problems.append(
                    error("invalid-value", ("at", name), text="missing required member")
                )
            continue
        value = data[name]
        if name == "version":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                out[name] = value
            else:
                problems.append(
                    error("invalid-value", ("at", name), text="expected a whole number from 1")
                )
        elif name in ("starts_at", "ends_at"):
            try:
                out[name] = parse_datetime(value, festival.zone)
            except ValueError as exc:
                problems.append(error("invalid-value", ("at", name), text=str(exc)))
        elif not isinstance(value, str):
            problems.append(error("invalid-value", ("at", name), text="expected a string"))
        else:
            out[name] = value
    if problems:
        raise ValidationFailed(problems)
    return out


def _written(outcome: svc.Outcome, festival: Festival) -> dict[str, Any]:
    payload = session_json(cast(Session, outcome.item), festival)
    payload["warnings"] = [f.line() for f in outcome.warnings]
    return payload


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
        rows = [s for s in rows if s.event.public and s.status == SessionStatus.CONFIRMED]
    return jsonify(
        festival=festival.slug,
        timezone=festival.timezone,
        sessions=[session_json(s, festival) for s in rows],
    )


@bp.post("/festivals/<slug>/sessions")
def create_session(slug: str) -> tuple[Response, int]:
    user = _editor()
    festival = _festival(slug, user)
    body = _body(WRITABLE, festival, required=WRITABLE[:5])
    now = datetime.now(UTC)
    outcome = run_write(
        lambda: svc.place_session(
            festival,
            key=body["key"],
            event=body["event"],
            venue=body["venue"],
            starts_at=body["starts_at"],
            ends_at=body["ends_at"],
            status=body.get("status", SessionStatus.CONFIRMED),
            now=now,
            actor=user,
        )
    )
    return jsonify(_written(outcome, festival)), 201


@bp.patch("/festivals/<slug>/sessions/<key>")
def change_session(slug: str, key: str) -> tuple[Response, int]:
    user = _editor()
    festival = _festival(slug, user)
    body = _body((*WRITABLE[1:], "version"), festival)
    version = body.pop("version", None)
    now = datetime.now(UTC)

    def change() -> svc.Outcome:
        if version is not None:
            current = svc.get_session(festival, key).version
            if current != version:
                raise Overtaken("session", key, sent=version, current=current)
        try:
            return svc.update_session(festival, key, now=now, actor=user, **body)
        except StaleDataError:
            raise Overtaken("session", key, sent=version, current=None) from None

    outcome = run_write(change)
    return jsonify(_written(outcome, festival)), 200


@bp.delete("/festivals/<slug>/sessions/<key>")
def remove_session(slug: str, key: str) -> tuple[str, int]:
    user = _editor()
    festival = _festival(slug, user)
    run_write(lambda: svc.delete_session(festival, key, now=datetime.now(UTC), actor=user))
    return "", 204
