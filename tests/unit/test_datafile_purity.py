"""The data-file reader is plain Python: it loads without Flask or SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys


def test_datafile_imports_without_flask_or_sqlalchemy() -> None:
    code = (
        "import sys, festival.datafile, festival.scheduling\n"
        "loaded = sorted(m for m in ('flask', 'sqlalchemy', 'werkzeug') if m in sys.modules)\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
