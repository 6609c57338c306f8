"""JSON API under ``/api/v1``: read the programme, and place, change or remove sessions.

Reads of public data need no credentials; writes need ``Authorization: Bearer TOKEN`` of an
organiser or admin (401 without, 403 for a viewer). Every write goes through the same
services as the importer, so the same rules hold. Views raise ``festival.errors`` classes;
``festival.views.errors`` answers them as RFC 9457 problem details.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any, cast

from flask import Blueprint, Response, jsonify, request
from flask_login import current_user
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
from festival.queries.free_slots import equipment_vocabulary, festival_free_slots, unknown_keys
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


def _reader() -> User:
    """Any signed-in user, by bearer token or by the workspace's session cookie."""
    user = _bearer()
    if user is not None:
        return user
    if current_user.is_authenticated:
        return cast(User, current_user._get_current_object())
    raise NotAuthenticated("needs Authorization: Bearer TOKEN or a signed-in session")


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


# A year of minutes: longer sessions cannot fit in any festival.
MAX_DURATION = 525_600
_WHOLE = re.compile(r"[0-9]{1,9}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _slot_query() -> dict[str, Any]:
    """The free-slot query's parameters, checked. Raises ``ValidationFailed`` naming every
    bad one at once."""
    args = request.args
    problems: list[Finding] = []

    def bad(name: str, text: str) -> None:
        problems.append(error("invalid-value", ("at", name), text=text))

    out: dict[str, Any] = {}
    raw = args.get("duration")
    if raw is None:
        bad("duration", "missing required parameter")
    elif not _WHOLE.fullmatch(raw):
        bad("duration", "expected a whole number of minutes")
    elif not 1 <= int(raw) <= MAX_DURATION:
        bad("duration", f"expected 1 to {MAX_DURATION} minutes")
    else:
        out["duration"] = int(raw)
    for name in ("from", "to"):
        raw = args.get(name)
        if raw is None:
            bad(name, "missing required parameter")
            continue
        try:
            if not _DAY.fullmatch(raw):
                raise ValueError
            out[name] = date.fromisoformat(raw)
        except ValueError:
            bad(name, "expected a date YYYY-MM-DD")
    if "from" in out and "to" in out and out["from"] > out["to"]:
        bad("to", f"{out['to']} is before from {out['from']}")
    raw = args.get("capacity")
    if raw is not None:
        if not _WHOLE.fullmatch(raw):
            bad("capacity", "expected a whole number")
        else:
            out["capacity"] = int(raw)
    for name in ("venue", "requires", "delegation"):
        values = args.getlist(name)
        if any(not v.strip() or v != v.strip() for v in values):
            bad(name, "expected a key or tag, not empty and without surrounding spaces")
        out[name] = list(dict.fromkeys(values))
    if problems:
        raise ValidationFailed(problems)
    return out


@bp.get("/festivals/<slug>/free-slots")
def free_slots(slug: str) -> Response:
    festival = _festival(slug, _reader())
    query = _slot_query()
    vocabulary = equipment_vocabulary(festival)
    if strange := [tag for tag in query["requires"] if tag not in vocabulary]:
        text = f"no venue or event of the festival uses {', '.join(map(repr, strange))}"
        raise ValidationFailed([error("invalid-value", ("at", "requires"), text=text)])
    missing = unknown_keys(festival, venues=query["venue"], delegations=query["delegation"])
    if missing:
        names = ", ".join(f"{kind} {key!r}" for kind, key in missing)
        raise NotFound(f"festival {festival.slug!r} has no {names}")
    slots = festival_free_slots(
        festival,
        duration=query["duration"],
        first_day=query["from"],
        last_day=query["to"],
        venues=query["venue"] or None,
        requires=query["requires"],
        capacity=query.get("capacity"),
        delegations=query["delegation"],
    )
    zone = festival.zone
    return jsonify(
        slots=[
            {
                "venue": s.venue,
                "starts_at": s.starts_at.astimezone(zone).isoformat(),
                "ends_at": s.ends_at.astimezone(zone).isoformat(),
            }
            for s in slots
        ]
    )
