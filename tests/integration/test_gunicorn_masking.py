"""Under the shipped gunicorn settings no log line carries a delegation token, however the
client spells the path (case, double slashes, percent-encoding, query strings, Referer)."""

from __future__ import annotations

import http.client
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from festival.gunicorn_logging import _MaskingFilter, mask_tokens
from tests.integration.test_gunicorn import free_port

SECRET = "s3cretTokenValue0123456789abcdef"
ENCODED = "".join(f"%{b:02X}" for b in SECRET.encode())


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"/d/{SECRET}/calendar.ics", "/d/…/calendar.ics"),
        (f"/d//{SECRET}/", "/d//…/"),
        (f"/D/{SECRET}/", "/D/…/"),
        (f"/%64/{SECRET}/itinerary.pdf", "/%64/…/itinerary.pdf"),
        (f"/%44/{SECRET}", "/%44/…"),
        (f"/d%2F{SECRET}%2Fcalendar.ics", "/d%2F…%2Fcalendar.ics"),
        (f"%2fd%2f{SECRET}", "%2fd%2f…"),
        (f"%252Fd%252F{SECRET}", "%252Fd%252F…"),
        (f"/d/{ENCODED}/", "/d/…/"),
        (f"/d/./{SECRET}/", "/d/…/"),
        (f"\\d\\{SECRET}", "\\d\\…"),
        (f"/login?next=%2Fd%2F{SECRET}%2F&lang=fa", "/login?next=%2Fd%2F…%2F&lang=fa"),
        (f'"https://festival.example.org/d/{SECRET}/"', '"https://festival.example.org/d/…/"'),
        (f"GET /d/{SECRET}/?lang=fa HTTP/1.1", "GET /d/…/?lang=fa HTTP/1.1"),
    ],
    ids=[
        "plain",
        "double-slash",
        "upper-case",
        "encoded-d",
        "encoded-upper-d",
        "encoded-slashes",
        "lower-case-encoding",
        "double-encoded",
        "encoded-token",
        "dot-segment",
        "backslashes",
        "query-string",
        "referer",
        "request-line",
    ],
)
def test_every_spelling_of_a_token_path_is_masked(text: str, masked: str) -> None:
    assert mask_tokens(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "/f/isfahan-2026/calendar.ics?kind=delegation_visit",
        "/dd/x",
        "/api/v1/d",
        "/static/festival.css",
        "/f/d-2026/",
    ],
)
def test_paths_without_a_token_are_left_alone(text: str) -> None:
    assert mask_tokens(text) == text


def test_the_error_log_is_masked_too() -> None:
    record = logging.LogRecord(
        "gunicorn.error",
        logging.ERROR,
        __file__,
        1,
        "Error handling request %s",
        (f"/D//{SECRET}/calendar.ics",),
        None,
    )
    assert _MaskingFilter().filter(record)
    assert record.getMessage() == "Error handling request /D//…/calendar.ics"


REQUESTS = [
    (f"/d/{SECRET}/calendar.ics", {}),
    (f"/d//{SECRET}/", {}),  # the 308 redirect to /d/TOKEN/
    (f"/D/{SECRET}/", {}),
    (f"/%64/{SECRET}/itinerary.pdf", {}),
    (f"/d%2F{SECRET}%2Fcalendar.ics", {}),
    (f"/d/{ENCODED}/", {}),
    (f"/login?next={quote(f'/d/{SECRET}/', safe='')}", {}),
    (f"/login?next=/d/{SECRET}/", {}),
    (f"/x?u=%252Fd%252F{SECRET}", {}),
    ("/static/festival.css", {"Referer": f"https://festival.example.org/d/{SECRET}/"}),
    ("/healthz", {"Referer": f"https://festival.example.org/D//{SECRET}/calendar.ics"}),
]


def test_gunicorn_logs_no_token_in_any_spelling(tmp_path: Path) -> None:
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
    log = tmp_path / "server.log"
    statuses = []
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
            for _ in range(200):
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    connection.request("GET", "/healthz")
                    assert connection.getresponse().read() == b"ok"
                    break
                except OSError:
                    time.sleep(0.1)
            for path, headers in REQUESTS:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers=headers)  # the path exactly as written
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)
                connection.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert 308 in statuses and 404 in statuses and 200 in statuses, statuses
    assert SECRET not in text
    assert ENCODED not in text
    assert SECRET[:12] not in text and SECRET[-12:] not in text
    lines = [line for line in text.splitlines() if '"GET ' in line]
    assert len(lines) >= len(REQUESTS) + 1, text
    for expected in (
        '"GET /d/…/calendar.ics HTTP/1.1" 404',
        '"GET /d//…/ HTTP/1.1" 308',
        '"GET /D/…/ HTTP/1.1" 404',
        '"GET /%64/…/itinerary.pdf HTTP/1.1" 404',
        '"GET /login?next=%2Fd%2F…%2F HTTP/1.1" 200',
        '"https://festival.example.org/d/…/"',
        '"https://festival.example.org/D//…/calendar.ics"',
    ):
        assert expected in text, (expected, text)
