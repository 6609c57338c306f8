"""Generated outputs (read models, feeds, PDFs) cached per festival version.

Any change to a festival raises ``Festival.version``, and every key holds the festival's id and
version, so a stale output is never served: it falls out of the LRU. In-process, per worker
(each gunicorn worker builds an output once per version). The interface is small (get, put,
get-or-build by :class:`OutputKey`) so a shared cache can take its place without touching
the views.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from cachetools import LRUCache

T = TypeVar("T")

MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class OutputKey:
    """What an output is: one festival at one version, the output's name and its options.

    The id guards against a festival deleted and imported again under its slug (its version
    starts again at 1). ``options`` are everything else the bytes depend on (language, paper,
    filters, the site's public root).
    """

    festival_id: int
    version: int
    output: str
    options: tuple[Hashable, ...] = ()


class OutputCache:
    """A thread-safe LRU of outputs, bounded by their total size in bytes (as estimated by
    whoever stores them). An output larger than the whole cache is not kept."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: LRUCache[OutputKey, tuple[object, int]] = LRUCache(
            maxsize=max_bytes, getsizeof=lambda item: item[1]
        )
        self._lock = threading.Lock()

    def get(self, key: OutputKey, kind: type[T]) -> T | None:
        """The output stored under ``key`` if it is a ``kind``, else None."""
        with self._lock:
            item = self._items.get(key)
        if item is None or not isinstance(item[0], kind):
            return None
        return item[0]

    def put(self, key: OutputKey, value: object, size: int) -> None:
        size = max(1, size)
        with self._lock:
            if size > self.max_bytes:
                self._items.pop(key, None)
                return
            self._items[key] = (value, size)

    def get_or_build(
        self, key: OutputKey, kind: type[T], build: Callable[[], T], size: Callable[[T], int]
    ) -> T:
        """The output under ``key``; on a miss, ``build()`` it and keep it (``size(it)`` bytes).

        Two requests missing at once both build (the same bytes): cheaper than a lock held
        across a build.
        """
        found = self.get(key, kind)
        if found is not None:
            return found
        value = build()
        self.put(key, value, size(value))
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


outputs = OutputCache()
