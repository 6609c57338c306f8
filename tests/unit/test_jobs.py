"""Background jobs: one per key at a time; a failure is logged and the key freed."""

from __future__ import annotations

import logging
import threading

import pytest

from festival.jobs import BackgroundJobs


def test_one_job_per_key_at_a_time() -> None:
    jobs = BackgroundJobs()
    release = threading.Event()
    ran: list[str] = []

    def work() -> None:
        release.wait(timeout=10)
        ran.append("booklet")

    assert jobs.submit("booklet", work) is True
    assert jobs.pending("booklet") is True
    assert jobs.submit("booklet", work) is False  # already under way
    assert jobs.pending("other") is False
    release.set()
    jobs.wait(timeout=10)
    assert ran == ["booklet"]
    assert jobs.pending("booklet") is False
    assert jobs.submit("booklet", lambda: ran.append("again")) is True
    jobs.wait(timeout=10)
    assert ran == ["booklet", "again"]


def test_a_failing_job_is_logged_and_its_key_freed(caplog: pytest.LogCaptureFixture) -> None:
    jobs = BackgroundJobs()

    def broken() -> None:
        raise RuntimeError("no fonts")

    with caplog.at_level(logging.ERROR, logger="festival.jobs"):
        assert jobs.submit(("booklet", 1), broken) is True
        jobs.wait(timeout=10)
    assert [r.getMessage() for r in caplog.records] == ["background job ('booklet', 1) failed"]
    assert caplog.records[0].exc_info is not None
    assert jobs.pending(("booklet", 1)) is False
