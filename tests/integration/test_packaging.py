"""The built wheel, installed into a clean virtualenv outside the checkout, is a working app,
its compiled catalogs included."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import festival, sys
from festival import create_app
from festival.paths import resource_dir
assert "/site-packages/" in festival.__file__, festival.__file__
for name in ("templates", "static", "migrations"):
    assert "_bundled" in str(resource_dir(name)), resource_dir(name)
app = create_app()
client = app.test_client()
assert client.get("/healthz").data == b"ok"
page = client.get("/f/isfahan-2026/")
assert page.status_code == 200 and "Isfahan" in page.get_data(as_text=True), page.status_code
assert client.get("/static/festival.css").status_code == 200
# the compiled catalogs came with the wheel: a page in Russian, a booklet label in Korean
from festival.i18n import CATALOG_DIR, messages
assert "/site-packages/festival/translations" in str(CATALOG_DIR), CATALOG_DIR
assert (CATALOG_DIR / "ru" / "LC_MESSAGES" / "messages.mo").is_file()
russian = client.get("/f/isfahan-2026/?lang=ru").get_data(as_text=True)
assert '<html lang="ru" dir="ltr">' in russian, russian[:200]
assert "Перейти к содержанию" in russian and "Подписаться на программу" in russian
arabic = client.get("/f/isfahan-2026/?lang=ar").get_data(as_text=True)
assert '<html lang="ar" dir="rtl">' in arabic and "الانتقال إلى المحتوى" in arabic
assert messages("ko").gettext("Contents") == "차례"
print("smoke ok")
"""


@pytest.mark.slow
def test_wheel_installs_and_serves_the_demo_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("festival-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    catalogs = {n for n in names if n.startswith("festival/translations/")}
    for lang in ("fa", "uz", "ar", "he", "ru", "zh", "ko"):
        assert f"festival/translations/{lang}/LC_MESSAGES/messages.mo" in catalogs, lang
        assert f"festival/translations/{lang}/LC_MESSAGES/messages.po" in catalogs, lang
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    environ.update(
        DATABASE_URL=f"sqlite:///{work / 'festival.sqlite3'}", SECRET_KEY="packaging-test"
    )
    demo = subprocess.run(
        [str(env_dir / "bin" / "festival"), "demo"],
        cwd=work,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    smoke = subprocess.run(
        [str(python), "-c", SMOKE],
        cwd=work,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.strip() == "smoke ok"
