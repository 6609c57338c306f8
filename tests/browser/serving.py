"""What the browser tests share: Debian's chromium required, the app served on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
