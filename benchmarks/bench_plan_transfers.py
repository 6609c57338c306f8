"""``festival plan-transfers`` timings on a synthetic festival (benchmarks/generate.py) with
60 delegations of 20 members still to be met and seen off.

    python benchmarks/bench_plan_transfers.py
    python benchmarks/bench_plan_transfers.py --delegations 120 --database-url postgresql+psycopg://...

The festival of ``generate(300)`` gets ``--delegations`` more delegations of ``--members``
members each, landing at two places over two days (a few of them within minutes of each
other, at the same hotel, so they share), leaving on the last two days, and fourteen more
vehicles. Timed through the command itself (Flask's CLI runner, in-process):

- propose: ``festival plan-transfers SLUG`` (load, plan, print; target under 2 s);
- apply: ``festival plan-transfers SLUG --apply`` (plan again and write every transfer
  through the transfer rules, one commit; target under 2 s); the written transfers and their
  history are deleted again before each run, untimed.

The database given by ``--database-url`` is emptied. Numbers are the median of the runs
(``--runs``), with the best and the worst: a table on stderr, and one JSON line on stdout
(milliseconds), as ``benchmarks/run.py`` expects.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Row, print_rows, timed  # noqa: E402
from festival import create_app  # noqa: E402
from festival.datafile import validate_data  # noqa: E402
from festival.extensions import db  # noqa: E402
from festival.models import Change, Transfer  # noqa: E402
from festival.services.importer import import_document  # noqa: E402

NOW = datetime(2026, 5, 1, tzinfo=UTC)
SLUG = "synthetic-plan"
WALL = "%Y-%m-%dT%H:%M"


def festival_data(delegations: int, members: int) -> dict[str, Any]:
    data = generate(300, 0)
    data["festival"]["slug"] = SLUG
    hotels = [h["key"] for h in data["hotels"]]
    cities = [c["key"] for c in data["partner_cities"]]
    # Wall times in the festival's zone: the clock arithmetic only, the zone is the file's.
    first = datetime(2026, 10, 16, 6, 0, tzinfo=UTC)
    for n in range(delegations):
        # Pairs land seven minutes apart, a pair every 50 minutes, alternating places.
        lands = first + timedelta(minutes=50 * (n // 2) + 7 * (n % 2))
        leaves = datetime(2026, 10, 24, 6, 0, tzinfo=UTC) + timedelta(
            minutes=40 * (n // 2) + 5 * (n % 2)
        )
        place = "IFN" if n % 4 < 2 else "THR-RAIL"
        key = f"bench-{n:03d}"
        data["delegations"].append(
            {
                "key": key,
                "partner_city": cities[n % len(cities)],
                "name": f"Delegation {n}",
                "hotel": hotels[(n // 2) % len(hotels)],
                "arrival": {"at": lands.strftime(WALL), "place": place},
                "departure": {"at": leaves.strftime(WALL), "place": place},
                "members": [
                    {"key": f"m-{i:02d}", "name": f"Member {n}.{i}"} for i in range(members)
                ],
            }
        )
    for n in range(14):
        data["vehicles"].append(
            {"key": f"bench-coach-{n:02d}", "name": f"Coach {n}", "seats": 45 if n < 8 else 25}
        )
    return data


def bench(url: str, runs: int, delegations: int, members: int) -> dict[str, object]:
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    out: dict[str, object] = {"delegations": delegations, "members": members}
    rows: list[Row] = []
    runner = app.test_cli_runner()
    with app.app_context():
        db.drop_all()
        db.create_all()
        doc, findings = validate_data(festival_data(delegations, members))
        assert doc is not None, [f.line() for f in findings if f.is_error]
        import_document(doc, findings, replace=False, now=NOW, actor="benchmark")
        db.session.commit()
        out["database"] = db.engine.dialect.name
        existing = set(db.session.scalars(db.select(Transfer.key)))
        db.session.remove()

        def plan(*args: str) -> str:
            result = runner.invoke(args=["plan-transfers", SLUG, *args])
            assert result.exit_code == 0, result.output
            db.session.remove()
            return result.output

        def forget_plan() -> None:
            planned = db.select(Transfer.id).where(Transfer.key.not_in(existing))
            db.session.execute(db.delete(Transfer).where(Transfer.id.in_(planned)))
            db.session.execute(
                db.delete(Change).where(Change.actor_label == "festival plan-transfers")
            )
            db.session.commit()
            db.session.remove()

        proposal = plan()
        out["transfers"] = sum(1 for line in proposal.splitlines() if "\t" in line)
        rows.append(("propose", timed(plan, runs), 2000))
        rows.append(("apply", timed(lambda: plan("--apply"), runs, forget_plan), 2000))
        again = plan()
        assert "nothing to plan" in again, again
        db.session.remove()
        db.engine.dispose()

    print(
        f"plan-transfers: {delegations} delegations of {members} ({out['database']}), "
        f"{out['transfers']} transfers planned",
        file=sys.stderr,
    )
    print_rows(rows, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="emptied first (default: a temporary SQLite)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delegations", type=int, default=60)
    parser.add_argument("--members", type=int, default=20)
    args, _ = parser.parse_known_args(argv)  # benchmarks/run.py passes its arguments to all
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench-plan.sqlite3"
        print(json.dumps(bench(url, args.runs, args.delegations, args.members)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
