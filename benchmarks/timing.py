"""What the benchmarks share: timing a call and printing the rows of one run."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

# (median, best, worst) in milliseconds.
Timing = tuple[float, float, float]
# A measured row: its name, its timing and its target in milliseconds (or None).
Row = tuple[str, Timing, float | None]


def timed(
    call: Callable[[], object], runs: int, before: Callable[[], None] = lambda: None
) -> Timing:
    """Run ``call`` ``runs`` times (``before`` first each time, untimed): (median, best, worst)
    in milliseconds."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def print_rows(rows: list[Row], out: dict[str, Any]) -> None:
    """A table of ``rows`` on stderr, each against its target; each median into ``out`` as
    ``NAME_ms``."""
    for name, (median, best, worst), target in rows:
        verdict = "" if target is None else ("  ok" if median < target else f"  OVER {target:g}")
        print(
            f"  {name:<22} {median:9.2f} ms  (best {best:8.2f}, worst {worst:8.2f}){verdict}",
            file=sys.stderr,
        )
        out[f"{name}_ms"] = round(median, 2)
