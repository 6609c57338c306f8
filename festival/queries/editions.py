"""Which festival, at which version, a public URL names: each in one small column query, so a
request whose output is cached does nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from festival.extensions import db
from festival.models import Delegation, Festival


@dataclass(frozen=True)
class Edition:
    """A festival at one version: what every cached output of it is keyed by.

    The id guards against a festival deleted and imported again under its slug (its version
    starts again at 1); the version changes with every change to the festival.
    """

    slug: str
    id: int
    version: int
    published: bool


def festival_edition(slug: str) -> Edition | None:
    """The festival with ``slug`` (published or not), or None."""
    row = db.session.execute(
        select(Festival.id, Festival.version, Festival.published).where(Festival.slug == slug)
    ).first()
    if row is None:
        return None
    return Edition(slug, row.id, row.version, bool(row.published))


@dataclass(frozen=True)
class DelegationRef:
    """What a delegation's token names: enough to find its cached outputs."""

    key: str
    language: str
    edition: Edition
    festival_languages: tuple[str, ...]


def delegation_ref(token: str) -> DelegationRef | None:
    """The delegation a token names (None for an unknown or rotated token)."""
    if not token or len(token) > 64:
        return None
    row = db.session.execute(
        select(
            Delegation.key,
            Delegation.language,
            Festival.slug,
            Festival.id,
            Festival.version,
            Festival.published,
            Festival.languages,
        )
        .join(Festival, Festival.id == Delegation.festival_id)
        .where(Delegation.token == token)
    ).first()
    if row is None:
        return None
    return DelegationRef(
        row.key,
        row.language or "",
        Edition(row.slug, row.id, row.version, bool(row.published)),
        tuple(row.languages or ()),
    )


def festival_languages(festival_id: int) -> tuple[str, ...]:
    """The festival's languages, its first the default."""
    found = db.session.scalar(select(Festival.languages).where(Festival.id == festival_id))
    return tuple(found or ())


def festivals_listed(include_unpublished: bool) -> list[Festival]:
    """Festivals, the latest first (drafts only when ``include_unpublished``)."""
    query = select(Festival).order_by(Festival.starts_on.desc(), Festival.slug)
    if not include_unpublished:
        query = query.where(Festival.published.is_(True))
    return list(db.session.scalars(query))
