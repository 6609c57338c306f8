"""Time the programme booklet for synthetic festivals of 100, 500 and 2,000 sessions.

    .venv/bin/python benchmarks/bench_booklet.py            # 100 500 2000, A5, English
    .venv/bin/python benchmarks/bench_booklet.py 500 --lang fa --imposition saddle

Each size runs in a fresh interpreter (so peak memory is that size's own): it imports the
generated festival into a temporary SQLite file, builds the public programme, then renders
the booklet (HTML, layout, PDF) and prints one table row. Sessions counts are of the data
file; "public" are the public confirmed ones the booklet shows.

Measured on 2 cores (Debian 12, WeasyPrint 70, libharfbuzz-subset0, load average about 1.5
from other work), A5, English, each in a cold process (font loading included):

| sessions | public | pages | programme | render | peak memory | size |
|---:|---:|---:|---:|---:|---:|---:|
| 100 | 87 | 20 | 0.01 s | 1.5 s | 189 MB | 119 KB |
| 500 | 416 | 66 | 0.03 s | 4.3 s | 256 MB | 209 KB |
| 2000 | 1699 | 242 | 0.18 s | 19.2 s | 537 MB | 578 KB |

500 sessions in Persian: 6.5 s (74 pages); on A4: 4.2 s; with ``--imposition saddle``: 7.6 s
(34 A4 sheets). Above 800 public sessions the web view renders in the background (202 with
Retry-After until the PDF is cached).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_one(sessions: int, lang: str | None, paper: str, imposition: str | None) -> dict:
    """Import, build and render one synthetic festival in this process; return the timings."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    from pypdf import PdfReader

    from festival import create_app
    from festival.datafile import validate_data
    from festival.exports.booklet import render_booklet
    from festival.extensions import db
    from festival.queries.programme import PUBLIC, festival_programme, load_programme_festival
    from festival.services.importer import import_document

    data = generate(sessions, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3",
            }
        )
        with app.app_context():
            db.create_all()
            doc, findings = validate_data(data)
            assert doc is not None, [f.line() for f in findings if f.is_error][:5]
            import_document(
                doc,
                findings,
                replace=False,
                now=datetime(2026, 9, 1, tzinfo=UTC),
                actor="benchmark",
            )
            db.session.commit()

            started = time.perf_counter()
            festival = load_programme_festival(data["festival"]["slug"])
            assert festival is not None
            programme = festival_programme(festival, audience=PUBLIC, lang=lang)
            built = time.perf_counter()
            pdf = render_booklet(programme, paper=paper, lang=lang, imposition=imposition)
            rendered = time.perf_counter()
            db.session.remove()
            db.engine.dispose()
    return {
        "sessions": sessions,
        "public": len(programme.sessions),
        "pages": len(PdfReader(BytesIO(pdf)).pages),
        "programme_s": round(built - started, 2),
        "render_s": round(rendered - built, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "bytes": len(pdf),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 500, 2000])
    parser.add_argument("--lang", default=None)
    parser.add_argument("--paper", default="a5", choices=("a5", "a4"))
    parser.add_argument("--imposition", default=None, choices=("saddle",))
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = run_one(args.sizes[0], args.lang, args.paper, args.imposition)
        print(json.dumps(result))
        return
    print("| sessions | public | pages | programme | render | peak memory | size |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        command = [sys.executable, __file__, str(size), "--one", "--paper", args.paper]
        if args.lang:
            command += ["--lang", args.lang]
        if args.imposition:
            command += ["--imposition", args.imposition]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {r['sessions']} | {r['public']} | {r['pages']} | {r['programme_s']} s "
            f"| {r['render_s']} s | {r['peak_mb']} MB | {r['bytes'] // 1024} KB |",
            flush=True,
        )


if __name__ == "__main__":
    main()
