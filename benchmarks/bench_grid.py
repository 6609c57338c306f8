"""Schedule grid timings on a synthetic festival (benchmarks/generate.py).

    python benchmarks/bench_grid.py                  # 3k sessions, SQLite
    python benchmarks/bench_grid.py --sizes 3000 --database-url postgresql+psycopg://...

Server time is measured in-process through Flask's test client, signed in as an organiser:
the time from request to finished response. For each festival size:

- grid cold: ``GET /organise/SLUG/grid?day=`` of the festival's busiest day, the cached
  findings dropped first (the first view after a change: the whole ``festival check`` runs);
- grid warm: the same with the findings of this version cached (target under 300 ms);
- move: one session moved by five minutes through ``POST /organise/SLUG/sessions/KEY`` as
  the grid's script sends it (``Accept: application/json``, with ``version``), validated
  and saved (target under 50 ms); it goes back and forth, so every run is a real change.

The database given by ``--database-url`` is emptied. Numbers are the median of the runs
(``--runs``), with the best and the worst: a table on stderr, and one JSON line per size on
stdout (milliseconds), as ``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Row, print_rows, run_sizes, timed  # noqa: E402
from festival import create_app  # noqa: E402
from festival.cache import outputs  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Session, User  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
PASSWORD = "benchmark passphrase"


def _wall(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def bench(sessions: int, url: str, runs: int) -> dict[str, object]:
    """The grid's timings for a festival of ``sessions`` sessions."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
        }
    )
    out: dict[str, object] = {"sessions": sessions}
    rows: list[Row] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        start = time.perf_counter()
        data = generate(sessions, 0)
        slug = data["festival"]["slug"] = "synthetic-0"
        doc, findings = validate_data(data)
        import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        user = User(email="organiser@example.org", role="organiser", created_at=NOW)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        out["database"] = db.engine.dialect.name
        out["import_s"] = round(time.perf_counter() - start, 2)
        zone = ZoneInfo(data["festival"]["timezone"])
        days = Counter(
            s.starts_at.astimezone(zone).date()
            for s in db.session.scalars(db.select(Session)).all()
        )
        busiest, _count = days.most_common(1)[0]
        db.session.remove()

        client = app.test_client()
        signed_in = client.post(
            "/login", data={"email": "organiser@example.org", "password": PASSWORD}
        )
        assert signed_in.status_code == 302, signed_in.status_code

        grid = f"/organise/{slug}/grid?day={busiest.isoformat()}"

        def get() -> bytes:
            response = client.get(grid)
            assert response.status_code == 200, response.status_code
            db.session.remove()  # as at the end of a real request
            return response.data

        rows.append(("grid_cold", timed(get, runs, outputs.clear), None))
        rows.append(("grid_warm", timed(get, runs * 5), 300))
        page = get().decode()
        out["day"] = busiest.isoformat()
        out["blocks"] = len(re.findall(r'data-session="', page))
        out["venues"] = len(re.findall(r'class="g-venue ', page))
        out["grid_bytes"] = len(page)

        # A session that can move five minutes later and back: the first the rules accept.
        candidates = db.session.scalars(
            db.select(Session).where(Session.status == "confirmed").order_by(Session.key)
        ).all()
        chosen: dict[str, object] = {}
        for row in candidates[:200]:
            key, version = row.key, row.version
            starts, ends = row.starts_at, row.ends_at
            response = client.post(
                f"/organise/{slug}/sessions/{key}",
                data={
                    "version": str(version),
                    "starts_at": _wall(starts + timedelta(minutes=5), zone),
                    "ends_at": _wall(ends + timedelta(minutes=5), zone),
                },
                headers={"Accept": "application/json"},
            )
            db.session.remove()
            if response.status_code == 200:
                chosen = {"key": key, "version": response.get_json()["version"]}
                chosen["at"] = (starts + timedelta(minutes=5), ends + timedelta(minutes=5))
                chosen["step"] = -5
                break
        assert chosen, "no session could move five minutes"

        def move() -> None:
            a, b = chosen["at"]  # type: ignore[misc]
            step = timedelta(minutes=chosen["step"])  # type: ignore[arg-type]
            a, b = a + step, b + step
            response = client.post(
                f"/organise/{slug}/sessions/{chosen['key']}",
                data={
                    "version": str(chosen["version"]),
                    "starts_at": _wall(a, zone),
                    "ends_at": _wall(b, zone),
                },
                headers={"Accept": "application/json"},
            )
            assert response.status_code == 200, response.get_data(as_text=True)
            db.session.remove()
            chosen["version"] = response.get_json()["version"]
            chosen["at"] = (a, b)
            chosen["step"] = -chosen["step"]  # type: ignore[operator]

        rows.append(("move", timed(move, runs * 5), 50))
        out["moved"] = chosen["key"]
        db.session.remove()
        db.engine.dispose()
    outputs.clear()

    print(
        f"a festival of {sessions} sessions ({out['database']}), imported in "
        f"{out['import_s']} s; the grid of {out['day']} shows {out['blocks']} blocks in "
        f"{out['venues']} venues, {int(out['grid_bytes']) / 1e3:.0f} kB",
        file=sys.stderr,
    )
    print_rows(rows, out)
    return out


def main(argv: list[str] | None = None) -> int:
    return run_sizes(__doc__, bench, argv)


if __name__ == "__main__":
    raise SystemExit(main())
