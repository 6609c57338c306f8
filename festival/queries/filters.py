"""Programme filters (kind, venue, partner city): one definition for the pages and the feeds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from festival.errors import InvalidOption
from festival.keys import FILTER_VALUE_RE as KEY_RE
from festival.queries.programme import ProgrammeSession

MAX_VALUES = 32
DIMENSIONS = ("kind", "venue", "city")


class BadFilter(InvalidOption):
    """A filter value that is no key at all (not merely an unknown one)."""


def _clean(values: Iterable[str]) -> tuple[str, ...]:
    found = sorted({v.strip() for v in values if v.strip()})
    if len(found) > MAX_VALUES or any(not KEY_RE.match(v) for v in found):
        raise BadFilter("filter values are keys: lowercase letters, digits and hyphens")
    return tuple(found)


@dataclass(frozen=True)
class ProgrammeFilter:
    """Sessions of any of ``kinds``, at any of ``venues``, with any of ``cities``.

    Values within one dimension are alternatives; dimensions combine (all must match). An
    empty dimension does not filter. Values are sorted and unique, so equal filters are equal
    (and make equal cache keys and URLs).
    """

    kinds: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()

    @classmethod
    def from_args(cls, getlist: Callable[[str], list[str]]) -> ProgrammeFilter:
        """From a query string's ``kind=``, ``venue=`` and ``city=`` (each repeatable).

        Raises ``BadFilter`` for a value that cannot be a key.
        """
        return cls(_clean(getlist("kind")), _clean(getlist("venue")), _clean(getlist("city")))

    def __bool__(self) -> bool:
        return bool(self.kinds or self.venues or self.cities)

    def matches(self, session: ProgrammeSession) -> bool:
        return (
            (not self.kinds or session.kind in self.kinds)
            and (not self.venues or session.venue.key in self.venues)
            and (not self.cities or any(c.key in self.cities for c in session.partner_cities))
        )

    def apply(self, sessions: Iterable[ProgrammeSession]) -> list[ProgrammeSession]:
        return [s for s in sessions if self.matches(s)] if self else list(sessions)

    def values(self, dimension: str) -> tuple[str, ...]:
        return {"kind": self.kinds, "venue": self.venues, "city": self.cities}[dimension]

    def toggled(self, dimension: str, value: str) -> ProgrammeFilter:
        """This filter with ``value`` added to ``dimension``, or removed if it was there."""
        current = set(self.values(dimension))
        current ^= {value}
        changed = {"kind": self.kinds, "venue": self.venues, "city": self.cities}
        changed[dimension] = tuple(sorted(current))
        return ProgrammeFilter(changed["kind"], changed["venue"], changed["city"])

    def query(self) -> list[tuple[str, str]]:
        """The query-string pairs, in a fixed order (``kind``, ``venue``, ``city``)."""
        return [(name, value) for name in DIMENSIONS for value in self.values(name)]
