"""What the browser tests share: Debian's chromium required, the app served on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from festival.cache import outputs

CHROMIUM = Path("/usr/bin/chromium")


def require_chromium() -> None:
    """Skip (fail under CI=true) without Debian's chromium; Playwright's own cannot download."""
    from tests.conftest import require

    require(CHROMIUM.exists(), "/usr/bin/chromium (Debian's chromium)")


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` served by a thread on a free loopback port: its base URL. Afterwards the
    server stops and the cached outputs are dropped (the next test's data is not these)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        outputs.clear()


@contextmanager
def signed_in_page(
    server: str, email: str, landing: str, viewport: dict[str, int]
) -> Iterator[Any]:
    """A chromium page signed in as ``email`` (password ``PASSWORD``) through the sign-in
    form, on ``landing`` (a path) once it has arrived there."""
    from playwright.sync_api import sync_playwright

    from tests.browser.test_programme_browser import CHROMIUM_ARGS
    from tests.web.workspace import PASSWORD

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport)
            page.goto(f"{server}/login?next={landing}")
            page.get_by_label("E-mail").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{server}{landing}")
            yield page
        finally:
            browser.close()
