"""What the benchmarks share: timing a call and printing the rows of one run."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
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


def run_sizes(
    doc: str,
    bench: Callable[..., dict[str, Any]],
    argv: list[str] | None = None,
    *,
    sizes: tuple[int, ...] = (3000,),
    extra: Callable[[argparse.ArgumentParser], None] = lambda parser: None,
) -> int:
    """The command line of a benchmark over festival sizes: ``--sizes``, ``--database-url``
    (emptied first; default a temporary SQLite per size), ``--runs`` and whatever ``extra``
    adds; one JSON line per size on stdout from ``bench(size, url, runs, *extra values)``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    parser.add_argument("--database-url", help="emptied first (default: a temporary SQLite)")
    parser.add_argument("--runs", type=int, default=5)
    extra(parser)
    args, _ = parser.parse_known_args(argv)  # benchmarks/run.py passes its arguments to all
    more = [v for k, v in vars(args).items() if k not in ("sizes", "database_url", "runs")]
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            url = args.database_url or f"sqlite:///{tmp}/bench-{n}.sqlite3"
            print(json.dumps(bench(n, url, args.runs, *more)), flush=True)
    return 0
