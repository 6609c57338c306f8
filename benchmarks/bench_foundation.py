"""Foundation benchmark: import + full validation, and one booking check on a full festival.

    .venv/bin/python benchmarks/bench_foundation.py            # 1k, 10k, 50k on SQLite
    .venv/bin/python benchmarks/bench_foundation.py --sizes 10000 --database-url postgresql+psycopg://...

For each size: validating the file (reader + every rule), importing it (validation + writes
+ commit), re-checking the stored festival (``festival check``), and the median of 50 single
booking checks (``place_session`` against the full festival, rolled back), with the query
plan of the neighbour lookup to show it uses the index.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from festival import create_app  # noqa: E402
from festival.datafile import validate_bytes  # noqa: E402
from festival.errors import SchedulingConflict  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Festival, Occupation, Session  # noqa: E402
from festival.scheduling import check_festival  # noqa: E402
from festival.services import sessions as svc  # noqa: E402
from festival.services.importer import import_document  # noqa: E402
from festival.services.specs import festival_spec, load_festival  # noqa: E402
from festival.services.unit import run_write  # noqa: E402

NOW = datetime(2026, 9, 1, tzinfo=UTC)


def timed(fn):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def bench(size: int, url: str | None) -> dict[str, float | int | str]:
    data = generate(size, seed=1)
    raw = json.dumps(data, ensure_ascii=False).encode()
    tmp = tempfile.mkdtemp()
    url = url or f"sqlite:///{tmp}/bench.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    out: dict[str, float | int | str] = {"sessions": size, "database": url.split(":")[0]}
    with app.app_context():
        db.drop_all()
        db.create_all()
        (doc, findings), out["validate_s"] = timed(lambda: validate_bytes(raw))
        out["errors"] = sum(f.is_error for f in findings)

        def load() -> Festival:
            doc2, found = validate_bytes(raw)
            return run_write(
                lambda: import_document(doc2, found, replace=False, now=NOW, actor="benchmark")
            )

        festival, out["import_and_validate_s"] = timed(load)
        slug = festival.slug
        db.session.remove()
        _, out["check_stored_s"] = timed(lambda: check_festival(festival_spec(load_festival(slug))))
        db.session.remove()

        festival = db.session.scalar(db.select(Festival))
        sessions = list(db.session.scalars(db.select(Session).order_by(Session.id).limit(50)))
        cases = [(s.event.key, s.venue.key, s.starts_at + timedelta(minutes=10)) for s in sessions]
        for name, verb in (("booking_check", "check"), ("booking_write", "place")):
            samples = []
            for i, (event, venue, starts) in enumerate(cases):
                start = time.perf_counter()
                try:
                    if verb == "check":
                        svc.check_placement(
                            festival,
                            key=f"bench-{i}",
                            event=event,
                            venue=venue,
                            starts_at=starts,
                            ends_at=starts + timedelta(minutes=30),
                        )
                    else:
                        svc.place_session(
                            festival,
                            key=f"bench-{i}",
                            event=event,
                            venue=venue,
                            starts_at=starts + timedelta(days=30),
                            ends_at=starts + timedelta(days=30, minutes=30),
                            now=NOW,
                            actor="benchmark",
                        )
                except SchedulingConflict:
                    pass
                samples.append(time.perf_counter() - start)
                if verb == "place":
                    db.session.rollback()
            # A check writes nothing: its samples share one transaction, as in one request.
            db.session.rollback()
            out[f"{name}_ms_median"] = round(statistics.median(samples) * 1000, 2)
            out[f"{name}_ms_p95"] = round(sorted(samples)[int(len(samples) * 0.95)] * 1000, 2)
        plan_sql = db.select(Occupation.id).where(
            Occupation.venue_id == 1,
            Occupation.exclusive,
            Occupation.starts_at >= NOW,
            Occupation.starts_at < NOW + timedelta(hours=1),
        )
        compiled = plan_sql.compile(db.engine, compile_kwargs={"literal_binds": True})
        explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
        plan = db.session.execute(db.text(explain + str(compiled))).all()
        out["neighbour_plan"] = " | ".join(str(row[-1]) for row in plan)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    for size in args.sizes:
        print(json.dumps(bench(size, args.database_url)), flush=True)


if __name__ == "__main__":
    main()
