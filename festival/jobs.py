"""Background jobs: slow work (a big booklet's render) runs off the request, at most one job
per key at a time.

In-process: a small thread pool in the worker that was asked first; a job puts its result
where the next request looks (the output cache). The interface (submit, pending, wait) is what
a real job queue offers, so one can take its place without touching the views.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


class BackgroundJobs:
    """Jobs by key in a thread pool of ``workers`` threads (started on the first job)."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[Hashable, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(self, key: Hashable, work: Callable[[], None]) -> bool:
        """Run ``work`` in the background unless a job for ``key`` is pending; True if this
        call started it. A job that raises is logged and forgotten (the next submit retries).
        """

        def job() -> None:
            try:
                work()
            except Exception:
                log.exception("background job %r failed", key)
            finally:
                with self._lock:
                    self._pending.pop(key, None)

        with self._lock:
            if key in self._pending:
                return False
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="festival-job")
            self._pending[key] = self._pool.submit(job)
            return True

    def pending(self, key: Hashable) -> bool:
        """Whether a job for ``key`` is queued or running."""
        with self._lock:
            future = self._pending.get(key)
            return future is not None and not future.done()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for every pending job (tests, shutdown)."""
        with self._lock:
            futures = list(self._pending.values())
        for future in futures:
            future.exception(timeout=timeout)


jobs = BackgroundJobs()
