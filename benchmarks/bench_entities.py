"""Workspace benchmark: the session list and a session save, through the whole request.

    .venv/bin/python benchmarks/bench_entities.py                  # 3,000 and 10,000 on SQLite
    .venv/bin/python benchmarks/bench_entities.py --sizes 3000 --database-url postgresql+psycopg://...

For each size, signed in as an organiser through the test client (every hook, the guard,
the template; no network): the session list's first page (100 rows), the whole list on one
page, a searched and filtered list, and a session save (``POST /organise/SLUG/sessions/KEY``
moving a session by five minutes: CSRF, the reader, the rule check of what it touches, the
write, the history entry, the commit, the 303). Medians and 95th percentiles in
milliseconds, of the server's time. Targets: the list under 300 ms at 3,000 sessions, a
save under 50 ms at 10,000.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from festival import create_app  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Festival, Session, User  # noqa: E402
from festival.services.importer import import_document  # noqa: E402
from festival.services.unit import run_write  # noqa: E402

NOW = datetime(2026, 9, 1, tzinfo=UTC)
PASSWORD = "a long benchmark passphrase"
RUNS = 15


def timed(samples: list[float], fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    samples.append(time.perf_counter() - start)
    return result


def summary(name: str, samples: list[float], out: dict[str, Any]) -> None:
    ordered = sorted(samples)
    out[f"{name}_ms_median"] = round(statistics.median(ordered) * 1000, 1)
    out[f"{name}_ms_p95"] = round(
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1
    )


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def bench(size: int, url: str | None) -> dict[str, Any]:
    tmp = tempfile.mkdtemp()
    url = url or f"sqlite:///{tmp}/bench.sqlite3"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    out: dict[str, Any] = {"sessions": size, "database": url.split(":")[0]}
    with app.app_context():
        db.drop_all()
        db.create_all()
        doc, findings = validate_data(generate(size, seed=1))
        assert doc is not None
        run_write(lambda: import_document(doc, findings, replace=False, now=NOW, actor="bench"))
        user = User(email="bench@example.org", role="organiser", created_at=NOW)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        festival = db.session.scalar(db.select(Festival))
        assert festival is not None
        slug = festival.slug
        keys = list(db.session.scalars(db.select(Session.key).order_by(Session.id).limit(RUNS * 3)))
        db.session.remove()

    client = app.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"email": "bench@example.org", "password": PASSWORD, "csrf_token": token}
    )
    base = f"/organise/{slug}/sessions"
    pages = {
        "list_first_page": base,
        "list_all": f"{base}?per_page=5000",
        "list_filtered": f"{base}?q=talk&status=confirmed&sort=venue",
    }
    for name, page in pages.items():
        client.get(page)  # warm the template cache
        samples: list[float] = []
        for _ in range(RUNS):
            response = timed(samples, lambda page=page: client.get(page))
            assert response.status_code == 200, response.status_code
        summary(name, samples, out)
        if name == "list_all":
            out["list_all_rows"] = response.get_data(as_text=True).count('<tr class="status-')

    token = csrf_of(client.get(f"{base}/{keys[0]}").get_data(as_text=True))
    samples = []
    with app.app_context():
        sessions = {
            s.key: (s.starts_at, s.ends_at)
            for s in db.session.scalars(db.select(Session).where(Session.key.in_(keys)))
        }
        zone = db.session.scalar(db.select(Festival)).zone  # type: ignore[union-attr]
        db.session.remove()
    saved = refused = 0
    for key in keys[: RUNS * 2]:
        _starts, ends = sessions[key]
        # Five minutes shorter: always free, and a real change (a new version, a history row).
        new_end = (ends - timedelta(minutes=5)).astimezone(zone)
        data = {"csrf_token": token, "ends_at": new_end.strftime("%Y-%m-%dT%H:%M")}
        response = timed(
            samples, lambda key=key, data=data: client.post(f"{base}/{key}", data=data)
        )
        if response.status_code == 303:
            saved += 1
        else:
            refused += 1
    summary("session_save", samples, out)
    out["saves"] = saved
    out["refused"] = refused
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[3000, 10000])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    for size in args.sizes:
        print(json.dumps(bench(size, args.database_url)), flush=True)


if __name__ == "__main__":
    main()
