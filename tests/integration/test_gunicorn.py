"""Served by gunicorn with the shipped settings: the app answers, the access log hides tokens."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from festival.gunicorn_logging import mask_tokens


def test_mask_tokens_hides_the_token_and_keeps_the_rest() -> None:
    assert mask_tokens("GET /d/AbC-123_x/calendar.ics?lang=fa HTTP/1.1") == (
        "GET /d/…/calendar.ics?lang=fa HTTP/1.1"
    )
    assert mask_tokens("/d/AbC") == "/d/…"
    assert mask_tokens("/f/isfahan-2026/calendar.ics") == "/f/isfahan-2026/calendar.ics"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_the_app_and_logs_no_token(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite3'}",
        "SECRET_KEY": "gunicorn-test",
        "FESTIVAL_BIND": f"127.0.0.1:{port}",
        "FESTIVAL_WORKERS": "1",
    }
    env.pop("FLASK_DEBUG", None)
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "festival", "db", "upgrade"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = tmp_path / "access.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:festival.gunicorn_conf",
                "festival:create_app()",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                try:
                    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz").read()
                    break
                except OSError:
                    time.sleep(0.1)
            assert body == b"ok"
            secret = "s3cretTokenValue0123456789abcdef"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/d/{secret}/calendar.ics")
            except urllib.error.HTTPError as exc:
                assert exc.code == 404
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert "/d/…/calendar.ics" in text
    assert secret not in text
