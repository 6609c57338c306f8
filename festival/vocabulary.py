"""The closed vocabularies of the data model: session statuses, event kinds, user roles.

Standard library only, so the pure core (``festival.scheduling``, ``festival.datafile``) and
every layer above it name the same values. Each member is its own string value
(``SessionStatus.CONFIRMED == "confirmed"``), which is how the data file, the API and the
database spell it.
"""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """A session's status. Cancelled sessions occupy nothing and take part in no rule;
    tentative ones count like confirmed ones but are shown only to organisers and to the
    delegations the event lists."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class EventKind(StrEnum):
    """What an event is; the programme, the booklet and the feeds group and label by it."""

    EXHIBITION = "exhibition"
    HANDICRAFT_SHOWCASE = "handicraft_showcase"
    SCREENING = "screening"
    DELEGATION_VISIT = "delegation_visit"
    WORKSHOP = "workshop"
    PERFORMANCE = "performance"
    CEREMONY = "ceremony"
    RECEPTION = "reception"
    TALK = "talk"
    OTHER = "other"


class Role(StrEnum):
    """A user's role: admins do everything and manage users, organisers edit every
    festival, viewers read everything and change nothing."""

    ADMIN = "admin"
    ORGANISER = "organiser"
    VIEWER = "viewer"


# What members most often need of a venue: offered in the member form even when no venue of
# the festival lists it yet (the vocabulary is that of venue equipment, which is open).
COMMON_NEEDS: tuple[str, ...] = ("step_free", "hearing_loop")


def sql_in(column: str, vocabulary: type[StrEnum]) -> str:
    """A CHECK constraint's condition: ``column`` holds one of the vocabulary's values."""
    return f"{column} IN (" + ", ".join(f"'{member.value}'" for member in vocabulary) + ")"
