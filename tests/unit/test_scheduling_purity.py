"""The scheduling core stays pure: standard library only, no Flask, no SQLAlchemy."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import festival.scheduling

PACKAGE = Path(festival.scheduling.__file__).parent


def test_importing_the_scheduling_core_loads_neither_flask_nor_sqlalchemy() -> None:
    probe = "import json, sys\nimport festival.scheduling\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    heavy = [
        name
        for name in loaded
        if name.split(".")[0] in {"flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug", "jinja2"}
    ]
    assert heavy == []


# Pure modules of the package the core may use: they import the standard library only too.
PURE = ("festival.scheduling", "festival.vocabulary")


def test_scheduling_modules_import_only_the_standard_library() -> None:
    outside = []
    for path in [*sorted(PACKAGE.glob("*.py")), PACKAGE.parent / "vocabulary.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and not name.startswith(PURE):
                    outside.append(f"{path.name}: {name}")
    assert outside == []
