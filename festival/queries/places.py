"""Places as the read models carry them (partner cities, venues, the places a delegation passes
through) and the one rule for which of a place's names a reader knows it by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from festival.i18n.formatting import place_language, primary


def reads_local_name(local_name: str, country: str | None, lang: str | None) -> bool:
    """Whether a reader of ``lang`` knows a place of ``country`` by its own-script
    ``local_name``: when ``lang`` is the place's own language (an Isfahan venue on a Persian
    page). Countries without a known language never do."""
    own = place_language(country)
    return bool(local_name and own and lang and primary(own) == primary(lang))


def known_name(name: str, local_name: str, country: str | None, lang: str | None) -> str:
    """The name a reader of ``lang`` knows a place by (see :func:`reads_local_name`)."""
    return local_name if reads_local_name(local_name, country, lang) else name


def with_local_name(name: str, local_name: str) -> str:
    """``Xi'an (西安)``: the name, and the local name when it differs."""
    if local_name and local_name != name:
        return f"{name} ({local_name})"
    return name


@dataclass(frozen=True)
class CityInfo:
    key: str
    name: str
    local_name: str
    country: str
    twinned_since: int | None = None


@dataclass(frozen=True)
class VenueInfo:
    key: str
    name: str
    local_name: str
    address: str
    latitude: float | None
    longitude: float | None
    capacity: int | None
    accessibility: str
    equipment: tuple[str, ...]

    @property
    def step_free(self) -> bool:
        return "step_free" in self.equipment


@dataclass(frozen=True)
class Place:
    """Where a delegation arrives, leaves, or is driven to or from: a venue or hotel named by
    its key, or free text (``IFN``, ``Isfahan Railway Station``) kept as it is.

    ``country`` is where ``local_name`` is spoken (a venue's: the host country's).
    """

    name: str
    local_name: str = ""
    country: str = ""

    def known_name(self, lang: str | None) -> str:
        return known_name(self.name, self.local_name, self.country, lang)

    def __bool__(self) -> bool:
        return bool(self.name)


def city_info(row: Any) -> CityInfo:
    """From a row (or model) with the partner city's columns."""
    return CityInfo(row.key, row.name, row.local_name or "", row.country or "", row.twinned_since)


def venue_info(row: Any) -> VenueInfo:
    """From a row (or model) with the venue's columns."""
    return VenueInfo(
        row.key,
        row.name,
        row.local_name or "",
        row.address or "",
        row.latitude,
        row.longitude,
        row.capacity,
        row.accessibility or "",
        tuple(row.equipment or ()),
    )
