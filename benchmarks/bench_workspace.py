"""Organiser workspace timings on synthetic festivals (benchmarks/generate.py).

    python benchmarks/bench_workspace.py                  # 3k sessions, SQLite
    python benchmarks/bench_workspace.py --sizes 3000 10000 --database-url postgresql+psycopg://...

Server time is measured in-process through Flask's test client, signed in as an organiser:
the time from request to finished response. For each festival size:

Every tenth event expects more people than its venue holds (an over-capacity warning per
session), as a festival still being planned does.

- dashboard cold: the cached findings dropped first, so the request loads the whole festival,
  runs every rule of ``festival check`` and renders (what the first view after a change
  costs);
- dashboard warm: the findings of this version cached (target under 300 ms);
- home cold / warm: the organiser home with ``--festivals`` festivals of that size, first with
  no stored counts (each festival checked once), then with the counts stored per version;
- export: the data file download.

The database given by ``--database-url`` is emptied. Numbers are the median of the runs
(``--runs``), with the best and the worst: a table on stderr, and one JSON line per size on
stdout (milliseconds), as ``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import argparse
import re
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
from festival.models import FestivalCheck, User  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
PASSWORD = "benchmark passphrase"


def _forget_counts() -> None:
    outputs.clear()
    db.session.execute(db.delete(FestivalCheck))
    db.session.commit()
    db.session.remove()


def bench(sessions: int, url: str, runs: int, festivals: int) -> dict[str, object]:
    """Every timing of the workspace for festivals of ``sessions`` sessions."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
        }
    )
    out: dict[str, object] = {"sessions": sessions, "festivals": festivals}
    rows: list[Row] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        start = time.perf_counter()
        for n in range(festivals):
            data = generate(sessions, n)
            data["festival"]["slug"] = f"synthetic-{n}"
            # Mid-planning: every tenth event expects more people than its venue holds, so
            # the dashboard has a few hundred findings to group and link.
            for event in data["events"][::10]:
                event["expected_attendance"] = 100_000
            doc, findings = validate_data(data)
            import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        user = User(email="organiser@example.org", role="organiser", created_at=NOW)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        out["database"] = db.engine.dialect.name
        out["import_s"] = round(time.perf_counter() - start, 2)
        db.session.remove()

        client = app.test_client()
        signed_in = client.post(
            "/login", data={"email": "organiser@example.org", "password": PASSWORD}
        )
        assert signed_in.status_code == 302, signed_in.status_code

        def get(path: str) -> bytes:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            db.session.remove()  # as at the end of a real request
            return response.data

        dashboard = "/organise/synthetic-0/"
        rows.append(("dashboard_cold", timed(lambda: get(dashboard), runs, outputs.clear), None))
        rows.append(("dashboard_warm", timed(lambda: get(dashboard), runs * 5), 300))
        page = get(dashboard).decode()
        out["findings"] = len(re.findall(r'<li class="finding', page))
        out["dashboard_bytes"] = len(page)
        rows.append(("home_cold", timed(lambda: get("/organise/"), runs, _forget_counts), None))
        rows.append(("home_warm", timed(lambda: get("/organise/"), runs * 5), 100))
        rows.append(("export", timed(lambda: get("/organise/synthetic-0/export"), runs), None))
        db.session.remove()
        db.engine.dispose()
    outputs.clear()

    print(
        f"{festivals} festival(s) of {sessions} sessions ({out['database']}), imported in "
        f"{out['import_s']} s; the dashboard lists {out['findings']} findings, "
        f"{int(out['dashboard_bytes']) / 1e3:.0f} kB",
        file=sys.stderr,
    )
    print_rows(rows, out)
    return out


def _festivals(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--festivals", type=int, default=5, help="festivals on the home page")


def main(argv: list[str] | None = None) -> int:
    return run_sizes(__doc__, bench, argv, extra=_festivals)


if __name__ == "__main__":
    raise SystemExit(main())
