"""One write transaction at the edge: commit, retry what a race makes retryable, report the
conflict a lost race means."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import UniqueConstraint
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from festival.database import write_intent
from festival.errors import SchedulingConflict, ValidationFailed
from festival.extensions import db
from festival.scheduling.findings import error

T = TypeVar("T")
log = logging.getLogger(__name__)

# PostgreSQL: deadlock detected, serialization failure, exclusion violation, unique violation.
_RETRY_SQLSTATES = {"40P01", "40001"}
_EXCLUSION = "23P01"
_UNIQUE = "23505"
_OVERLAP_MARK = "occupation_no_overlap"
_SQLITE_UNIQUE = "UNIQUE constraint failed: "


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


def is_overlap_violation(exc: DBAPIError) -> bool:
    """The database itself refused two occupations of one venue (a lost race)."""
    return _sqlstate(exc) == _EXCLUSION or _OVERLAP_MARK in str(exc.orig)


def is_unique_violation(exc: DBAPIError) -> bool:
    """The database refused a second row with the same unique key (a lost race)."""
    return _sqlstate(exc) == _UNIQUE or _SQLITE_UNIQUE in str(exc.orig)


def _duplicate_column(exc: DBAPIError) -> str:
    """The last column of the unique key the database named: ``key``, ``slug``, ``email``."""
    message = str(exc.orig)
    if _SQLITE_UNIQUE in message:  # "UNIQUE constraint failed: session.festival_id, session.key"
        return message.split(_SQLITE_UNIQUE, 1)[1].split(",")[-1].strip().rsplit(".", 1)[-1]
    name = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
    for table in db.metadata.tables.values():
        for constraint in table.constraints:
            if constraint.name == name and isinstance(constraint, UniqueConstraint):
                return list(constraint.columns)[-1].name
        for index in table.indexes:
            if index.name == name and index.unique:
                return list(index.columns)[-1].name
    return "key"


def _lost_race(exc: DBAPIError) -> ValidationFailed:
    if is_overlap_violation(exc):
        return SchedulingConflict(
            [
                error(
                    "venue-double-booking",
                    text="another booking of this venue was saved at the same time",
                )
            ]
        )
    return ValidationFailed(
        [
            error(
                "duplicate-key",
                ("at", _duplicate_column(exc)),
                text="another write saved the same key at the same time",
            )
        ]
    )


def run_write(work: Callable[[], T], *, attempts: int = 4) -> T:
    """Run ``work`` in one transaction and commit it.

    A deadlock or serialisation failure (PostgreSQL may answer a racing insert against an
    exclusion constraint with 40P01 instead of 23P01) is retried; so are the database's own
    refusals of an overlap and of a duplicate unique key (two writers creating the same
    session, hold, festival or user at once), because the retried ``work`` then sees the
    winner's committed row and its own check names the problem properly (``duplicate-key``,
    ``venue-double-booking``). If the race keeps being lost, the caller gets
    ``SchedulingConflict`` or ``ValidationFailed`` (``duplicate-key``), never the database's
    error. Anything ``work`` raises rolls the transaction back whole.
    """
    for attempt in range(1, attempts + 1):
        try:
            with write_intent():
                db.session.rollback()
                result = work()
                db.session.commit()
            return result
        except (IntegrityError, OperationalError) as exc:
            db.session.rollback()
            lost = is_overlap_violation(exc) or is_unique_violation(exc)
            if not lost and _sqlstate(exc) not in _RETRY_SQLSTATES:
                raise
            if attempt == attempts:
                if lost:
                    raise _lost_race(exc) from None
                raise
            log.info("write retried after %s (attempt %d)", _sqlstate(exc) or exc.orig, attempt)
            time.sleep(0.01 * attempt)
        except BaseException:
            db.session.rollback()
            raise
    raise AssertionError("unreachable")
