"""Change a festival's own settings: name, host city, time zone, dates, languages, texts.

The slug names the festival in every URL and feed and stays as it is; publishing is its
own verb (the dashboard's). Stored times are instants: a new time zone keeps every session
at the same moment and shows it in the new zone's wall time.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from festival.datafile.reader import read_festival
from festival.errors import ValidationFailed
from festival.exports.festival_data import festival_entity
from festival.extensions import db
from festival.models import Festival
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding, error
from festival.services.editing import Outcome, as_item, plain_change
from festival.services.history import Actor, record_change
from festival.services.specs import festival_spec, load_festival

# What the festival's own settings can make the rules say.
SETTINGS_CODES = frozenset(
    {"outside-festival-dates", "outside-opening-hours", "interpreter-language"}
)
FIXED = {
    "slug": "the slug names the festival in every URL",
    "published": "publish on the dashboard",
}


def settings_findings(festival: Festival) -> list[Finding]:
    """What the rules say that the settings decide: sessions outside the festival's dates
    or (read in its zone) outside opening hours, interpreters without its languages."""
    loaded = load_festival(festival.slug)
    assert loaded is not None
    return [f for f in check_festival(festival_spec(loaded)) if f.code in SETTINGS_CODES]


def update_settings(
    festival: Festival, changes: Mapping[str, Any], *, actor: Actor, now: datetime
) -> Outcome[Festival]:
    """Change the festival's settings (``changes``: members of the data file's
    ``festival``, e.g. ``timezone``, ``languages``, ``translations``); members left out keep
    their value. Raises ``ValidationFailed`` as the reader would for a file."""
    before = as_item(festival_entity(festival), festival)
    findings = [
        error("invalid-value", ("at", f"festival.{name}"), text=why)
        for name, why in FIXED.items()
        if name in changes and changes[name] != before[name]
    ]
    merged = plain_change({**before, **{k: v for k, v in changes.items() if k not in FIXED}})
    item, found = read_festival(merged)
    findings += found
    if item is None or any(f.is_error for f in findings):
        raise ValidationFailed(findings)
    for name in ("name", "host_city", "timezone", "starts_on", "ends_on", "description"):
        setattr(festival, name, getattr(item, name))
    festival.languages = list(item.languages)
    festival.translations = {lang: dict(texts) for lang, texts in item.translations.items()}
    festival.country = item.country or None
    festival.touch(now)
    db.session.flush()
    after = as_item(festival_entity(festival), festival)
    record_change(
        festival, actor, kind="festival", key=festival.slug, before=before, after=after, now=now
    )
    return Outcome(festival, settings_findings(festival))


__all__ = ["SETTINGS_CODES", "settings_findings", "update_settings"]
