"""Half-open interval overlap by sort and sweep: O(n log n) plus one step per overlapping pair."""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span(Generic[T]):
    """``[start, end)`` carrying ``item``; spans of one non-None ``group`` never clash."""

    start: datetime
    end: datetime
    item: T
    group: Hashable | None = None


def intersection(a: Span[T], b: Span[T]) -> tuple[datetime, datetime]:
    """The common part of two overlapping spans."""
    return max(a.start, b.start), min(a.end, b.end)


_by_start = attrgetter("start")


def overlapping_pairs(spans: Iterable[Span[T]]) -> list[tuple[Span[T], Span[T]]]:
    """Every pair of overlapping spans, each pair once, the earlier-swept span first.

    Empty spans (``end <= start``) overlap nothing and are dropped. Back-to-back spans
    (one ends where the other starts) do not overlap. All starts and ends must be
    mutually comparable (aware datetimes; the same zone is fastest).
    """
    pairs: list[tuple[Span[T], Span[T]]] = []
    # Min-heap on end: everything still in it after popping ends <= start overlaps the
    # new span, so the inner loop costs one step per reported pair (plus same-group skips).
    active: list[tuple[datetime, int, Span[T]]] = []
    seq = 0
    for span in sorted(spans, key=_by_start):
        if not span.start < span.end:
            continue
        while active and active[0][0] <= span.start:
            heapq.heappop(active)
        group = span.group
        for _, _, other in active:
            if group is not None and other.group == group:
                continue
            pairs.append((other, span))
        heapq.heappush(active, (span.end, seq, span))
        seq += 1
    return pairs
