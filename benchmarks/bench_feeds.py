"""Feed and programme-page timings on synthetic festivals (benchmarks/generate.py).

    python benchmarks/bench_feeds.py                      # 3k and 10k sessions, SQLite
    python benchmarks/bench_feeds.py --sizes 3000 --database-url postgresql+psycopg://...

Server time is measured in-process through Flask's test client (no network, no WSGI server):
the time from request to finished response. For each festival:

- feed cold: the output cache emptied first, so the request loads the festival, builds the
  read model and writes the calendar (targets, 2 cores: 3k sessions under 1.5 s);
- feed warm: the bytes cached (target under 30 ms); 304: ``If-None-Match`` with the current
  ETag (target under 5 ms);
- programme day: the busiest day's page, cold (read model built) and warm (read model
  cached; target under 150 ms);
- a delegation's private feed, cold and warm.

The database given by ``--database-url`` is emptied. Numbers are the median of the runs
(``--runs``), with the best and the worst: a table on stderr, and one JSON line per festival
on stdout (milliseconds), as ``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Row, print_rows, run_sizes, timed  # noqa: E402
from festival import create_app  # noqa: E402
from festival.cache import outputs  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def bench(sessions: int, url: str, runs: int) -> dict[str, object]:
    """Every timing of one synthetic festival of ``sessions`` sessions."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    out: dict[str, object] = {"sessions": sessions}
    rows: list[Row] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        data = generate(sessions, 0)
        start = time.perf_counter()
        doc, findings = validate_data(data)
        festival = import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        db.session.commit()
        out["database"] = db.engine.dialect.name
        out["import_s"] = round(time.perf_counter() - start, 2)
        slug, token = festival.slug, festival.delegations[0].token
        days = Counter(s["starts_at"][:10] for e in data["events"] for s in e["sessions"])
        busiest = days.most_common(1)[0][0]
        db.session.remove()

        client = app.test_client()
        feed, page, private = (
            f"/f/{slug}/calendar.ics",
            f"/f/{slug}/?day={busiest}",
            f"/d/{token}/calendar.ics",
        )

        def get(path: str, **headers: str) -> None:
            response = client.get(path, headers=headers)
            assert response.status_code in (200, 304), (path, response.status_code)

        rows.append(("feed_cold", timed(lambda: get(feed), runs, outputs.clear), 1500))
        body = client.get(feed)
        out["feed_bytes"] = len(body.data)
        out["feed_events"] = body.data.count(b"BEGIN:VEVENT")
        etag = body.headers["ETag"]
        rows.append(("feed_warm", timed(lambda: get(feed), runs * 20), 30))
        rows.append(("feed_304", timed(lambda: get(feed, **{"If-None-Match": etag}), runs * 20), 5))
        out["day"], out["day_sessions"] = busiest, days[busiest]
        rows.append(("day_cold", timed(lambda: get(page), runs, outputs.clear), None))
        rows.append(("day_warm", timed(lambda: get(page), runs * 5), 150))
        rows.append(
            ("delegation_feed_cold", timed(lambda: get(private), runs, outputs.clear), None)
        )
        rows.append(("delegation_feed_warm", timed(lambda: get(private), runs * 20), 30))
        db.session.remove()
        db.engine.dispose()
    outputs.clear()

    print(
        f"{sessions} sessions ({out['database']}), imported in {out['import_s']} s; feed "
        f"{out['feed_events']} events, {int(out['feed_bytes']) / 1e6:.2f} MB; busiest day "
        f"{busiest} with {days[busiest]} sessions",
        file=sys.stderr,
    )
    print_rows(rows, out)
    return out


def main(argv: list[str] | None = None) -> int:
    return run_sizes(__doc__, bench, argv, sizes=(3000, 10000))


if __name__ == "__main__":
    raise SystemExit(main())
