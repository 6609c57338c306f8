"""Report timings: the five printouts of a festival of 60 delegations of 20 members.

    python benchmarks/bench_reports.py                   # SQLite
    python benchmarks/bench_reports.py --database-url postgresql+psycopg://...

The festival is benchmarks/generate.py's for 60 delegations (12,000 sessions), its programme
cut to the first ``--sessions`` sessions (default 3,000: a busy week) and every delegation
grown to 20 members (names in Latin, Persian, Korean and Hebrew script, diets, rooms). For
each report: the read model alone (the festival loaded once), and the whole download through
the workspace (signed in as an organiser: load, build, render) as PDF (target under 5 s) and
as XLSX; CSV for comparison.

The database given by ``--database-url`` is emptied. Numbers are the median of ``--runs``
runs, with the best and the worst: a table on stderr, one JSON line on stdout (milliseconds),
as ``benchmarks/run.py`` expects, with the CPU time of each (``_cpu_ms``) and the load average
when it started: on a shared machine the wall time grows with the load, the CPU time much
less.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from festival import create_app  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import User  # noqa: E402
from festival.queries.reports import REPORTS  # noqa: E402
from festival.services.importer import import_document  # noqa: E402
from festival.services.specs import load_festival  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
PASSWORD = "benchmark passphrase"
DELEGATIONS, MEMBERS = 60, 20
NAMES = ("Delegate", "نماینده", "대표", "נציג")
Timing = tuple[float, float, float, float]


def _timed(call: Callable[[], object], runs: int) -> Timing:
    """(median, best, worst, median CPU) in milliseconds. The CPU time of this process
    says what the work costs when the machine is shared (wall time grows with the load)."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def festival_data(sessions: int) -> dict[str, Any]:
    data = generate(DELEGATIONS * 200, 0)
    assert len(data["delegations"]) == DELEGATIONS
    kept, count = [], 0
    for event in data["events"]:
        if count + len(event["sessions"]) > sessions:
            break
        kept.append(event)
        count += len(event["sessions"])
    data["events"] = kept
    session_keys = {s["key"] for e in kept for s in e["sessions"]}
    data["interpreter_assignments"] = [
        a
        for a in data.get("interpreter_assignments", [])
        if a.get("session") is None or a["session"] in session_keys
    ]
    for vehicle in data["vehicles"]:
        vehicle["seats"] = 45
    diets = ("", "", "halal", "vegetarian", "vegan", "gluten-free", "kosher")
    for i, delegation in enumerate(data["delegations"]):
        members = delegation["members"]
        for m in range(len(members), MEMBERS):
            members.append(
                {
                    "key": f"{delegation['key']}-x{m + 1}",
                    "name": f"{NAMES[(i + m) % len(NAMES)]} {m + 1}",
                    "dietary": diets[(i + m) % len(diets)],
                    "room": str(1000 + i * 30 + m),
                    "phone": f"+98 913 {i:03d} {m:04d}",
                }
            )
        delegation["liaison"] = {"name": f"Liaison {i + 1}", "phone": f"+98 913 777 {i:04d}"}
    return data


def bench(url: str, runs: int, sessions: int) -> dict[str, object]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
        }
    )
    out: dict[str, object] = {"delegations": DELEGATIONS, "members": DELEGATIONS * MEMBERS}
    out["load_average"] = round(os.getloadavg()[0], 2)
    rows: list[tuple[str, Timing, float | None]] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        data = festival_data(sessions)
        slug = data["festival"]["slug"]
        doc, findings = validate_data(data)
        assert doc is not None, [f.line() for f in findings if f.is_error][:5]
        start = time.perf_counter()
        import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        user = User(email="organiser@example.org", role="organiser", created_at=NOW)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        out["database"] = db.engine.dialect.name
        out["sessions"] = sum(len(e.sessions) for e in doc.events)
        out["import_s"] = round(time.perf_counter() - start, 2)
        db.session.remove()

        festival = load_festival(slug)
        assert festival is not None
        for name, build in REPORTS.items():
            report = build(festival)
            out[f"{name}_rows"] = len(report.rows)
            out[f"{name}_sections"] = len(report.sections)
            rows.append((f"{name}_model", _timed(lambda b=build: b(festival), runs), None))
        db.session.remove()

        client = app.test_client()
        signed_in = client.post(
            "/login", data={"email": "organiser@example.org", "password": PASSWORD}
        )
        assert signed_in.status_code == 302, signed_in.status_code

        def get(path: str) -> bytes:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            db.session.remove()
            return response.data

        for name in REPORTS:
            for fmt, target in (("pdf", 5000.0), ("xlsx", None), ("csv", None)):
                path = f"/organise/{slug}/reports/{name}.{fmt}"
                size = len(get(path))
                out[f"{name}_{fmt}_kb"] = size // 1024
                rows.append((f"{name}_{fmt}", _timed(lambda p=path: get(p), runs), target))
        rows.append(
            ("arrivals_board", _timed(lambda: get(f"/organise/{slug}/arrivals"), runs), None)
        )
        db.session.remove()
        db.engine.dispose()

    print(
        f"{DELEGATIONS} delegations of {MEMBERS} members, {out['sessions']} sessions "
        f"({out['database']}), imported in {out['import_s']} s",
        file=sys.stderr,
    )
    for name, (median, best, worst, cpu), target in rows:
        verdict = "" if target is None else ("  ok" if median < target else f"  OVER {target:g}")
        print(
            f"  {name:<22} {median:9.2f} ms  (best {best:8.2f}, worst {worst:8.2f}, "
            f"cpu {cpu:8.2f}){verdict}",
            file=sys.stderr,
        )
        out[f"{name}_ms"] = round(median, 2)
        out[f"{name}_cpu_ms"] = round(cpu, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="emptied first (default: a temporary SQLite)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=3000, help="sessions of the programme")
    args, _ = parser.parse_known_args(argv)  # benchmarks/run.py passes its arguments to all
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench-reports.sqlite3"
        print(json.dumps(bench(url, args.runs, args.sessions)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
