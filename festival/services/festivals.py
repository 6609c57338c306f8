"""Festivals as a whole: create one, publish or withdraw its public side, import a data file
uploaded through the workspace (kept server-side between its preview and its apply), and
store how many errors and warnings ``festival check`` finds in each.

Every function flushes; the caller commits (``festival.services.unit.run_write``).
"""

from __future__ import annotations

import json
import math
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from festival.datafile import Unreadable, validate_bytes, validate_data
from festival.datafile.reader import FORMAT, KEY_RE
from festival.errors import NotFound, ValidationFailed
from festival.extensions import db
from festival.models import Festival, FestivalCheck, PendingImport, User
from festival.scheduling.findings import Finding, error
from festival.services.history import Actor, record_change
from festival.services.importer import import_document

# An upload's id: random bytes in unpadded URL-safe base64. Its route matches only that
# length, so a festival slugged "import" keeps every page (no page name is that long).
UPLOAD_ID_BYTES = 32
UPLOAD_ID_LENGTH = math.ceil(UPLOAD_ID_BYTES * 4 / 3)
# An upload waits this long for its apply; older ones are deleted with the next upload.
PENDING_LIFETIME = timedelta(hours=2)


def _festival_fields(festival: Festival) -> dict[str, Any]:
    return {
        "slug": festival.slug,
        "name": festival.name,
        "host_city": festival.host_city,
        "timezone": festival.timezone,
        "starts_on": festival.starts_on,
        "ends_on": festival.ends_on,
        "languages": list(festival.languages or ()),
        "published": festival.published,
    }


def split_languages(text: str) -> list[str]:
    """``"en, fa,,zh"`` -> ``["en", "fa", "zh"]`` (order kept, blanks and repeats dropped)."""
    out: list[str] = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def create_festival(
    *,
    slug: str,
    name: str,
    host_city: str,
    timezone: str,
    starts_on: str,
    ends_on: str,
    languages: str,
    actor: Actor,
    now: datetime,
) -> Festival:
    """A new festival, unpublished (a draft), with nothing in it yet.

    The values are read by the data file's own rules (``festival.slug`` a key, an IANA time
    zone, ``YYYY-MM-DD`` dates with ``ends_on`` not before ``starts_on``, BCP 47 languages,
    comma-separated); a slug in use is a ``duplicate-key``. Raises ``ValidationFailed``
    with one ``at=festival.FIELD`` finding per problem, every field checked.
    """
    member: dict[str, Any] = {
        "slug": slug.strip(),
        "name": name.strip(),
        "host_city": host_city.strip(),
        "timezone": timezone.strip(),
        "starts_on": starts_on.strip(),
        "ends_on": ends_on.strip(),
        "languages": split_languages(languages),
        "published": False,
    }
    doc, findings = validate_data({"format": FORMAT, "festival": member})
    problems = [f for f in findings if f.is_error]
    if KEY_RE.match(member["slug"]) and _slug_taken(member["slug"]):
        problems.append(
            error(
                "duplicate-key",
                ("at", "festival.slug"),
                text=_("A festival %(slug)s exists already.", slug=member["slug"]),
            )
        )
    if problems or doc is None:
        raise ValidationFailed(problems)
    # Valid now: the reader accepted every value as it stands.
    festival = Festival(
        slug=member["slug"],
        name=member["name"],
        host_city=member["host_city"],
        country=None,
        timezone=member["timezone"],
        starts_on=date.fromisoformat(member["starts_on"]),
        ends_on=date.fromisoformat(member["ends_on"]),
        languages=member["languages"],
        description="",
        translations={},
        published=False,
        version=0,
        updated_at=now,
    )
    festival.touch(now)
    db.session.add(festival)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="festival",
        key=festival.slug,
        before=None,
        after=_festival_fields(festival),
        now=now,
    )
    return festival


def _slug_taken(slug: str) -> bool:
    return db.session.scalar(select(Festival.id).where(Festival.slug == slug)) is not None


def _set_published(festival: Festival, published: bool, *, actor: Actor, now: datetime) -> bool:
    if festival.published == published:
        return False
    festival.published = published
    festival.touch(now)
    db.session.flush()
    record_change(
        festival,
        actor,
        kind="festival",
        key=festival.slug,
        before={"published": not published},
        after={"published": published},
        now=now,
        summary="published" if published else "unpublished",
    )
    return True


def publish(festival: Festival, *, actor: Actor, now: datetime) -> bool:
    """Show the festival's public side (programme, feed, booklet). Returns False when it was
    published already (nothing changes, nothing is recorded)."""
    return _set_published(festival, True, actor=actor, now=now)


def unpublish(festival: Festival, *, actor: Actor, now: datetime) -> bool:
    """Withdraw the public side: its public pages, feeds and booklet answer 404 to everyone
    not signed in; delegation pages keep working. Returns False when it was a draft already."""
    return _set_published(festival, False, actor=actor, now=now)


# -- imports through the workspace ---------------------------------------------------------


def stage_upload(raw: bytes, filename: str, *, user: User, now: datetime) -> PendingImport:
    """Keep an uploaded data file for ``user``, under a new random id (256 bits), until it
    is applied or ``PENDING_LIFETIME`` has passed; expired uploads of everyone go now."""
    db.session.execute(
        delete(PendingImport).where(PendingImport.created_at < now - PENDING_LIFETIME)
    )
    pending = PendingImport(
        id=secrets.token_urlsafe(UPLOAD_ID_BYTES),
        user_id=user.id,
        filename=filename[:255],
        content=raw,
        created_at=now,
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def pending_upload(ident: str, *, user: User, now: datetime) -> PendingImport:
    """``user``'s upload ``ident``. Raises ``NotFound`` for an unknown or expired id, or one
    someone else uploaded."""
    pending = db.session.get(PendingImport, ident) if 0 < len(ident) <= 64 else None
    if pending is None or pending.user_id != user.id or pending.created_at < now - PENDING_LIFETIME:
        raise NotFound("this upload is unknown or has expired; upload the file again")
    return pending


@dataclass(frozen=True)
class ImportPreview:
    """What importing an uploaded file would do: its findings, what it holds, and whether a
    festival with its slug exists (applying then replaces it). ``unreadable`` says why the
    bytes are not a data file at all."""

    filename: str
    findings: list[Finding] = field(default_factory=list)
    slug: str | None = None
    name: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    existing: str | None = None
    unreadable: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def can_apply(self) -> bool:
        return self.unreadable is None and self.slug is not None and not self.errors


def preview_upload(pending: PendingImport) -> ImportPreview:
    """Validate the upload exactly as ``festival import --dry-run`` does; writes nothing."""
    try:
        doc, findings = validate_bytes(pending.content)
    except Unreadable as exc:
        return ImportPreview(pending.filename, unreadable=str(exc))
    if doc is None:
        return ImportPreview(pending.filename, findings=findings)
    existing = db.session.scalar(select(Festival.name).where(Festival.slug == doc.slug))
    # Counted in the file as written (a readable file is a JSON object of lists).
    data = json.loads(pending.content.decode("utf-8-sig"))
    delegations = _items(data, "delegations")
    counts = {name: len(_items(data, name)) for name in COUNTED}
    counts["sessions"] = sum(len(_items(e, "sessions")) for e in _items(data, "events"))
    counts["members"] = sum(len(_items(d, "members")) for d in delegations)
    festival = data.get("festival") if isinstance(data.get("festival"), dict) else {}
    return ImportPreview(
        pending.filename,
        findings=findings,
        slug=doc.slug,
        name=str(festival.get("name", "")),
        counts=counts,
        existing=existing,
    )


COUNTED = ("events", "venues", "delegations", "venue_holds", "transfers")


def _items(obj: Any, name: str) -> list[Any]:
    value = obj.get(name) if isinstance(obj, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def apply_upload(
    pending: PendingImport, *, replace: bool, actor: Actor, now: datetime
) -> tuple[Festival, bool]:
    """Import the kept bytes, validated again (all or nothing, like ``festival import``):
    with ``replace``, the festival of the same slug is replaced keeping the identity of
    every entity whose key is unchanged (``--replace``). The upload is then deleted.
    Returns the festival, and whether it replaced one.

    Raises ``ValidationFailed`` for a file with errors, or for an existing slug without
    ``replace``. ``actor`` is the user who applies it.
    """
    try:
        doc, findings = validate_bytes(pending.content)
    except Unreadable as exc:
        raise ValidationFailed([], str(exc)) from None
    if doc is None:
        raise ValidationFailed(findings)
    replaced = _slug_taken(doc.slug)
    festival = import_document(doc, findings, replace=replace, now=now, actor=actor)
    db.session.delete(pending)
    db.session.flush()
    return festival, replaced


# -- check counts -----------------------------------------------------------------------------


def store_check_counts(found: dict[int, tuple[int, int, int]], *, now: datetime) -> None:
    """Store {festival id: (version, errors, warnings)}; a count for an older version than
    the one stored is ignored (another request got there with newer data)."""
    if not found:
        return
    rows = [
        {
            "festival_id": festival_id,
            "version": version,
            "errors": errors,
            "warnings": warnings,
            "checked_at": now,
        }
        for festival_id, (version, errors, warnings) in found.items()
    ]
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(FestivalCheck).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[FestivalCheck.festival_id],
        set_={
            name: statement.excluded[name]
            for name in ("version", "errors", "warnings", "checked_at")
        },
        where=FestivalCheck.version <= statement.excluded.version,
    )
    db.session.execute(statement)
    db.session.flush()
