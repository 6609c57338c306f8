"""Free slots of a stored festival (contract section 7): the rules' input read once per
festival version, then the pure sweep of ``festival.scheduling.free_slots``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from festival.models import Festival
from festival.queries.checks import stored_rule_input
from festival.scheduling.free_slots import FreeSlot, free_slots, matching_venues
from festival.scheduling.spec import FestivalSpec


def slot_input(festival: Festival) -> FestivalSpec:
    """The festival as the rules read it (the same column queries as ``festival check``),
    kept per festival version in this process (shared with the findings)."""
    spec = stored_rule_input(festival.id, festival.version)
    if spec is None:  # deleted under our feet
        raise LookupError(f"festival {festival.slug!r} is gone")
    return spec


def festival_free_slots(
    festival: Festival,
    *,
    duration: int,
    first_day: date,
    last_day: date,
    venues: Sequence[str] | None = None,
    requires: Sequence[str] = (),
    capacity: int | None = None,
    delegations: Sequence[str] = (),
) -> list[FreeSlot]:
    """Every maximal free window, ordered by start then venue key (UTC instants).

    The caller checks the keys first (``unknown_keys``); unknown ones raise KeyError here.
    """
    spec = slot_input(festival)
    keys = matching_venues(spec, venues=venues, requires=requires, capacity=capacity)
    return free_slots(
        spec,
        duration=duration,
        first_day=first_day,
        last_day=last_day,
        venues=keys,
        delegations=delegations,
    )


def equipment_vocabulary(festival: Festival) -> frozenset[str]:
    """The festival's equipment tags: every venue's ``equipment``, every event's
    ``requires`` and every member's ``needs``. The data file's vocabulary is open, so a tag
    outside these is a typo."""
    spec = slot_input(festival)
    tags: set[str] = set()
    for venue in spec.venues.values():
        tags.update(venue.equipment)
    for event in spec.events.values():
        tags.update(event.requires)
    tags.update(need for needs in delegation_needs(festival).values() for need in needs)
    return frozenset(tags)


def delegation_needs(festival: Festival) -> dict[str, tuple[str, ...]]:
    """What the members of each delegation ``needs`` (in the members' order, each tag once),
    for the delegations that need anything: the free-slot search's "meet their needs"."""
    needs = {}
    for key, delegation in slot_input(festival).delegations.items():
        theirs = tuple(dict.fromkeys(n for member in delegation.members for n in member.needs))
        if theirs:
            needs[key] = theirs
    return needs


def unknown_keys(
    festival: Festival, *, venues: Sequence[str], delegations: Sequence[str]
) -> list[tuple[str, str]]:
    """(kind, key) of every asked venue or delegation the festival does not have, in order."""
    spec = slot_input(festival)
    missing = [("venue", key) for key in venues if key not in spec.venues]
    missing += [("delegation", key) for key in delegations if key not in spec.delegations]
    return missing
