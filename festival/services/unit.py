"""One write transaction at the edge: commit, retry what a race makes retryable, report the
conflict a lost race means."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from festival.database import write_intent
from festival.errors import SchedulingConflict
from festival.extensions import db
from festival.scheduling.findings import error

T = TypeVar("T")
log = logging.getLogger(__name__)

# PostgreSQL: deadlock detected, serialization failure, exclusion violation.
_RETRY_SQLSTATES = {"40P01", "40001"}
_EXCLUSION = "23P01"
_OVERLAP_MARK = "occupation_no_overlap"


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


def is_overlap_violation(exc: DBAPIError) -> bool:
    """The database itself refused two occupations of one venue (a lost race)."""
    return _sqlstate(exc) == _EXCLUSION or _OVERLAP_MARK in str(exc.orig)


def run_write(work: Callable[[], T], *, attempts: int = 4) -> T:
    """Run ``work`` in one transaction and commit it.

    A deadlock or serialisation failure (PostgreSQL may answer a racing insert against an
    exclusion constraint with 40P01 instead of 23P01) is retried; so is the database's own
    overlap refusal, because the retried ``work`` then sees the winner's committed row and
    its rule check names the conflict properly. If the race keeps being lost, the caller
    gets ``SchedulingConflict``. Anything ``work`` raises rolls the transaction back whole.
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
            retryable = _sqlstate(exc) in _RETRY_SQLSTATES or is_overlap_violation(exc)
            if not retryable:
                raise
            if attempt == attempts:
                if is_overlap_violation(exc):
                    raise SchedulingConflict(
                        [
                            error(
                                "venue-double-booking",
                                text="another booking of this venue was saved at the same time",
                            )
                        ]
                    ) from None
                raise
            log.info("write retried after %s (attempt %d)", _sqlstate(exc) or exc.orig, attempt)
            time.sleep(0.01 * attempt)
        except BaseException:
            db.session.rollback()
            raise
    raise AssertionError("unreachable")
