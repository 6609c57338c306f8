"""Shared fixtures: an app on SQLite and on PostgreSQL from one parametrised fixture."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "FESTIVAL_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """The test server's URL, or a skip with the reason (a failure in CI, which must run them)."""
    url = os.environ.get(PG_ENV)
    if url:
        return url
    reason = (
        f"PostgreSQL tests need {PG_ENV}, e.g. "
        "postgresql+psycopg://festival:festival@127.0.0.1/festival_test (.ci/run sets it)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
    pytest.skip(reason)


def _tables_sql(engine: Any) -> None:
    from festival.extensions import db

    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.metadata.create_all(engine)


_pg_ready: set[str] = set()


def _fresh_postgres() -> str:
    """The test database with the current schema, emptied (created once per run)."""
    import festival.models  # noqa: F401
    from festival.extensions import db

    url = postgres_url()
    engine = create_engine(url)
    try:
        if url not in _pg_ready:
            _tables_sql(engine)
            _pg_ready.add(url)
        else:
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
    return url


@pytest.fixture
def scratch_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of the backend in ``request.param`` (for migrations tests)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    base = make_url(postgres_url())
    name = f"festival_scratch_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_app(url: str, **config: Any) -> Flask:
    from festival import create_app

    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": True,
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'festival.sqlite3'}"
    return _fresh_postgres()


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app on an empty schema: SQLite and PostgreSQL (each test runs on both)."""
    from festival.extensions import db

    app = make_app(database_url)
    with app.app_context():
        if database_url.startswith("sqlite"):
            db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[Flask]:
    """The app on SQLite only: for slow outputs (PDFs) whose database part is tested elsewhere."""
    from festival.extensions import db

    app = make_app(f"sqlite:///{tmp_path / 'festival.sqlite3'}")
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _fresh_output_cache() -> Iterator[None]:
    """Generated feeds and PDFs are cached per process by (festival, version): tests reuse
    both, so each test starts with an empty cache."""
    from festival.cache import outputs

    outputs.clear()
    yield
    outputs.clear()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def require(available: bool, what: str) -> None:
    """Skip with the reason when a system tool is missing; in CI (``CI`` set) fail instead."""
    if available:
        return
    reason = f"needs {what} (Debian package; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def require_fonts() -> None:
    """The Noto fonts every script of the booklets needs (fonts-noto-core, fonts-noto-cjk)."""
    import shutil
    import subprocess

    names = ""
    if shutil.which("fc-list"):
        names = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    require(
        all(f in names for f in ("Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK")),
        "the Noto fonts (fonts-noto-core fonts-noto-cjk)",
    )


def require_executable(name: str, package: str) -> str:
    import shutil

    path = shutil.which(name)
    require(path is not None, f"{name} from {package}")
    return str(path)
