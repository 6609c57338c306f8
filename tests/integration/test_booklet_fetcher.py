"""WeasyPrint may read the app's static files and data: URLs, and nothing else."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask

from festival.exports.booklet import html_to_pdf, render_booklet
from festival.exports.print_fetcher import RefusedURL, StaticOnlyFetcher
from festival.paths import resource_dir
from tests.factories import event, festival_data, session, venue
from tests.pdf import page_texts, squash, weasyprint_warnings


class Server:
    """A local HTTP server that records every request it gets (none, we hope)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                hits.append(self.path)
                body = b"body::after { content: 'LEAKED-FROM-NETWORK' }"
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.css"
    path.write_text("body::after { content: 'LEAKED-FROM-DISK' }", encoding="utf-8")
    return path


def test_network_and_local_files_are_never_fetched(server: Server, secret: Path) -> None:
    html = f"""<html><head>
      <link rel="stylesheet" href="{server.url}/linked.css">
      <link rel="stylesheet" href="{secret.as_uri()}">
      <link rel="stylesheet" href="../../../../../../{secret}">
      <style>
        @import url("{server.url}/imported.css");
        @import url("{secret.as_uri()}");
        @font-face {{ font-family: Evil; src: url("{server.url}/font.woff2"); }}
        p {{ background: url("{server.url}/bg.png"); font-family: Evil; }}
        h1 {{ background: url("file:///etc/passwd"); }}
      </style></head>
      <body><h1>Title</h1><p>Body</p>
        <img src="{server.url}/img.png" alt="">
        <img src="ftp://127.0.0.1/x.png" alt="">
        <img src="{secret.as_uri()}" alt="">
        <object data="{server.url}/object.svg"></object>
      </body></html>"""
    fetcher = StaticOnlyFetcher()
    with weasyprint_warnings():
        pdf = html_to_pdf(html, identifier="evil", fetcher=fetcher)
    assert server.hits == []
    assert secret.as_uri() in fetcher.refused
    assert f"{server.url}/linked.css" in fetcher.refused
    assert f"{server.url}/img.png" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    text = squash(" ".join(page_texts(pdf)))
    assert "LEAKED" not in text
    assert "Title Body" in text


def test_user_text_that_looks_like_html_or_css_is_printed_not_fetched(
    sqlite_app: Flask,
    server: Server,
    secret: Path,
) -> None:
    from festival.datafile import validate_data
    from festival.extensions import db
    from festival.queries.programme import festival_programme, load_programme_festival
    from festival.services.importer import import_document

    title = f'<img src="{server.url}/title.png"> Carpets'
    description = (
        f'<link rel="stylesheet" href="{secret.as_uri()}">'
        f"<style>@import url({server.url}/x.css);</style> Woven by hand."
    )
    data = festival_data(
        venues=[venue("hall", name=f"Hall url({server.url}/venue.png)")],
        events=[
            event(
                "carpets",
                session("carpets-1", "2026-10-18T10:00", "2026-10-18T12:00"),
                title=title,
                description=description,
            )
        ],
    )
    doc, findings = validate_data(data)
    assert doc is not None
    import_document(
        doc, findings, replace=False, now=datetime(2026, 10, 1, tzinfo=UTC), actor="tests"
    )
    db.session.commit()
    festival = load_programme_festival("test-2026")
    assert festival is not None
    with weasyprint_warnings() as warnings:
        pdf = render_booklet(festival_programme(festival), lang="en")
    assert [w.getMessage() for w in warnings] == []
    assert server.hits == []
    text = squash(" ".join(page_texts(pdf)))
    assert f'<img src="{server.url}/title.png"> Carpets' in text
    assert "Woven by hand." in text
    assert "LEAKED" not in text


def test_static_files_and_data_urls_are_served(tmp_path: Path, secret: Path) -> None:
    fetcher = StaticOnlyFetcher()
    served = fetcher.fetch(fetcher.base_url + "print/pattern.svg")
    assert served.read() == (resource_dir("static") / "print" / "pattern.svg").read_bytes()
    assert served.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        fetcher.base_url + "print/../../pyproject.toml",
        secret.as_uri(),
        fetcher.base_url + "print/missing.css",
        "http://localhost/print/print.css",
        "file://example.org" + str(resource_dir("static") / "print" / "print.css"),
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_a_symlink_out_of_the_static_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    (static / "ok.css").write_text("p { color: red }", encoding="utf-8")
    (static / "link.css").symlink_to(secret)
    fetcher = StaticOnlyFetcher(static)
    assert fetcher.fetch(fetcher.base_url + "ok.css").read() == b"p { color: red }"
    with pytest.raises(RefusedURL):
        fetcher.fetch(fetcher.base_url + "link.css")
