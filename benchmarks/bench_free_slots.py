"""Free-slot timings on a synthetic festival (benchmarks/generate.py).

    python benchmarks/bench_free_slots.py                 # 3k sessions, 7 days, SQLite
    python benchmarks/bench_free_slots.py --sizes 3000 10000 --database-url postgresql+psycopg://...

For each festival size, over every day of the festival and every venue, 60 minutes:

- pure: ``festival.scheduling.free_slots`` on the rules' input already read (target under
  200 ms);
- pure with a delegation: the same for the first delegation (its arrival, departure and
  sessions too);
- input: reading the rules' input from the database (``rule_input``);
- http cold: ``GET /api/v1/festivals/SLUG/free-slots`` with the cached input dropped first
  (reads the festival, then computes);
- http warm: the same with the input of this festival version cached.

Server time is measured in-process through Flask's test client with an organiser's bearer
token: the time from request to finished response. The database given by ``--database-url``
is emptied. Numbers are the median of the runs (``--runs``), with the best and the worst: a
table on stderr, and one JSON line per size on stdout (milliseconds), as
``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Row, print_rows, run_sizes, timed  # noqa: E402
from festival import create_app  # noqa: E402
from festival.cache import outputs  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Festival, User  # noqa: E402
from festival.queries.checks import rule_input  # noqa: E402
from festival.scheduling.free_slots import free_slots  # noqa: E402
from festival.services.accounts import create_api_token  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
DURATION = 60


def bench(sessions: int, url: str, runs: int) -> dict[str, object]:
    """Every free-slot timing for a festival of ``sessions`` sessions."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    out: dict[str, object] = {"sessions": sessions, "duration_min": DURATION}
    rows: list[Row] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        start = time.perf_counter()
        data = generate(sessions, 0)
        slug = data["festival"]["slug"]
        doc, findings = validate_data(data)
        import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        user = User(email="organiser@example.org", role="organiser", created_at=NOW)
        user.set_password("benchmark passphrase")
        db.session.add(user)
        db.session.flush()
        token = create_api_token(user.email, now=NOW)
        db.session.commit()
        out["database"] = db.engine.dialect.name
        out["import_s"] = round(time.perf_counter() - start, 2)
        festival = db.session.scalar(db.select(Festival).where(Festival.slug == slug))
        assert festival is not None
        festival_id = festival.id
        first, last = festival.starts_on, festival.ends_on
        db.session.remove()

        spec = rule_input(festival_id)
        assert spec is not None
        out["days"] = (last - first).days + 1
        out["venues"] = len(spec.venues)
        delegation = next(iter(spec.delegations))

        def pure(delegations: tuple[str, ...] = ()) -> list[object]:
            return list(
                free_slots(
                    spec, duration=DURATION, first_day=first, last_day=last, delegations=delegations
                )
            )

        out["slots"] = len(pure())
        out["slots_with_delegation"] = len(pure((delegation,)))
        rows.append(("pure", timed(pure, runs * 5), 200))
        rows.append(("pure_delegation", timed(lambda: pure((delegation,)), runs * 5), 200))

        def read_input() -> object:
            result = rule_input(festival_id)
            db.session.remove()
            return result

        rows.append(("input", timed(read_input, runs), None))

        client = app.test_client()
        path = f"/api/v1/festivals/{slug}/free-slots?duration={DURATION}&from={first}&to={last}"
        headers = {"Authorization": f"Bearer {token}"}

        def get() -> bytes:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code)
            db.session.remove()  # as at the end of a real request
            return response.data

        rows.append(("http_cold", timed(get, runs, outputs.clear), None))
        rows.append(("http_warm", timed(get, runs * 5), None))
        body = json.loads(get())
        assert len(body["slots"]) == out["slots"]
        out["http_bytes"] = len(get())
        db.session.remove()
        db.engine.dispose()
    outputs.clear()

    print(
        f"festival of {sessions} sessions, {out['days']} days, {out['venues']} venues "
        f"({out['database']}), imported in {out['import_s']} s; {out['slots']} free slots of "
        f"{DURATION} min ({out['slots_with_delegation']} for delegation {delegation})",
        file=sys.stderr,
    )
    print_rows(rows, out)
    return out


def main(argv: list[str] | None = None) -> int:
    return run_sizes(__doc__, bench, argv)


if __name__ == "__main__":
    raise SystemExit(main())
