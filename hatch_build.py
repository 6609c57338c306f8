"""Build hook: every wheel (and every editable install) carries the compiled catalogs.

Each ``festival/translations/<lang>/LC_MESSAGES/messages.po`` is compiled to its
``messages.mo``: into the wheel, or beside the ``.po`` for an editable install (where the
package is read from the checkout; the ``.mo`` files are git-ignored). Translators edit
``.po`` files only; a catalog with a fuzzy or a malformed entry stops the build.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGS = "festival/translations"


def compile_catalogs(root: Path, out: Path) -> list[Path]:
    """Compile every catalog under ``root``/festival/translations into ``out`` (the same
    layout); returns the ``.mo`` files written, relative to ``out``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / CATALOGS).glob("*/LC_MESSAGES/messages.po")):
        lang = po.parent.parent.name
        with po.open("rb") as file:
            catalog = read_po(file, locale=lang, abort_invalid=True)
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        if fuzzy:
            raise ValueError(f"{po}: fuzzy entries would be left out: {fuzzy[:3]}")
        target = out / po.relative_to(root).with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as file:
            write_mo(file, catalog)
        written.append(target.relative_to(out))
    return written


class CatalogsBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if version == "editable":
            compile_catalogs(root, root)
            return
        self._out = Path(tempfile.mkdtemp(prefix="festival-catalogs-"))
        for relative in compile_catalogs(root, self._out):
            build_data["force_include"][str(self._out / relative)] = str(relative)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
