"""History page timings with 20,000 entries (CONTRACT section 7, ``/organise/SLUG/history``).

    python benchmarks/bench_history.py                        # SQLite
    python benchmarks/bench_history.py --database-url postgresql+psycopg://...
    python benchmarks/bench_history.py --entries 50000

A synthetic festival (benchmarks/generate.py, 2,000 sessions) is imported (one import entry
touching every entity), then ``--entries`` history entries are added: session moves and
status changes by six actors (users and commands) over the festival's planning months, and
a second festival with a quarter as many, so every query must stay within its festival.
Server time is measured in-process through Flask's test client, signed in as a viewer, for:
the first page, a page deep in the history (keyset cursor), the ``who`` and ``kind``
filters, one session's history (its changes and the import), and the Persian page.
Target: every median under 300 ms. The database given by ``--database-url`` is emptied.
Numbers are the median of the runs (``--runs``), with the best and the worst: a table on
stderr, one JSON line on stdout (milliseconds), as ``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Timing, timed  # noqa: E402
from festival import create_app  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Change, Festival, Session, User  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
TARGET_MS = 300
ACTORS = [
    "ana@example.org",
    "babak@example.org",
    "chen@example.org",
    "dilnoza@example.org",
    "festival import",
    "festival rotate-token",
]


def _entries(festival_id: int, keys: list[str], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` plausible session changes, one every few minutes after the import."""
    rng = random.Random(seed)
    rows = []
    at = NOW
    for _ in range(count):
        at += timedelta(seconds=rng.randint(30, 600))
        start = datetime(2026, 10, 18, 6, tzinfo=UTC) + timedelta(minutes=15 * rng.randint(0, 400))
        if rng.random() < 0.7:
            before = {"starts_at": start.isoformat(), "venue": "hall"}
            after = {"starts_at": (start + timedelta(hours=1)).isoformat(), "venue": "court"}
        else:
            before, after = {"status": "confirmed"}, {"status": "tentative"}
        rows.append(
            {
                "festival_id": festival_id,
                "at": at,
                "actor_user_id": None,
                "actor_label": rng.choice(ACTORS),
                "kind": "session",
                "key": rng.choice(keys),
                "before": before,
                "after": after,
                "summary": "",
            }
        )
    return rows


def bench(url: str, entries: int, runs: int) -> dict[str, object]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
        }
    )
    out: dict[str, object] = {"entries": entries}
    rows: list[tuple[str, Timing, int]] = []
    with app.app_context():
        db.drop_all()
        db.create_all()
        out["database"] = db.engine.dialect.name
        for n, slug in ((2000, None), (500, "other-2026")):
            data = generate(n, 0)
            if slug:
                data["festival"]["slug"] = slug
            doc, findings = validate_data(data)
            import_document(doc, findings, replace=False, now=NOW, actor="festival import")
        db.session.commit()
        main, other = db.session.scalars(select(Festival).order_by(Festival.id)).all()
        slug = main.slug
        for festival, count, seed in ((main, entries, 1), (other, entries // 4, 2)):
            keys = list(
                db.session.scalars(select(Session.key).where(Session.festival_id == festival.id))
            )
            batch = _entries(festival.id, keys, count, seed)
            for i in range(0, len(batch), 5000):
                db.session.execute(insert(Change), batch[i : i + 5000])
        viewer = User(email="viewer@example.org", role="viewer", created_at=NOW)
        viewer.set_password("a long passphrase")
        db.session.add(viewer)
        db.session.commit()
        if out["database"] == "postgresql":
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
        total = db.session.scalar(select(db.func.count(Change.id)))
        middle = db.session.scalar(
            select(Change.id)
            .where(Change.festival_id == main.id)
            .order_by(Change.id)
            .offset(entries // 2)
            .limit(1)
        )
        session_key = db.session.scalar(
            select(Change.key).where(Change.festival_id == main.id, Change.kind == "session")
        )
        db.session.remove()

        client = app.test_client()
        signed = client.post(
            "/login", data={"email": "viewer@example.org", "password": "a long passphrase"}
        )
        assert signed.status_code == 302, signed.status_code
        base = f"/organise/{slug}/history"
        pages = [
            ("first_page", base),
            ("deep_page", f"{base}?before={middle}"),
            ("filter_who", f"{base}?who=chen@example.org"),
            ("filter_kind", f"{base}?kind=session"),
            ("filter_both", f"{base}?kind=session&who=festival+import"),
            ("filter_rare", f"{base}?kind=venue"),
            ("entity", f"{base}/session/{session_key}"),
            ("persian", f"{base}?lang=fa"),
        ]

        def get(path: str) -> None:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        for name, path in pages:
            get(path)  # warm the template and the query plans
            rows.append((name, timed(lambda path=path: get(path), runs), TARGET_MS))
        out["page_bytes"] = len(client.get(base).data)
        db.session.remove()
        db.engine.dispose()

    print(
        f"history of {entries} entries ({out['database']}; {total} in the table, two "
        f"festivals); first page {int(out['page_bytes']) / 1000:.0f} kB",
        file=sys.stderr,
    )
    for name, (median, best, worst), target in rows:
        verdict = "  ok" if median < target else f"  OVER {target:g}"
        print(
            f"  {name:<14} {median:9.2f} ms  (best {best:8.2f}, worst {worst:8.2f}){verdict}",
            file=sys.stderr,
        )
        out[f"{name}_ms"] = round(median, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--database-url", help="emptied first (default: a temporary SQLite)")
    parser.add_argument("--runs", type=int, default=9)
    args, _ = parser.parse_known_args(argv)  # benchmarks/run.py passes its arguments to all
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench-history.sqlite3"
        print(json.dumps(bench(url, args.entries, args.runs)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
