"""Engine set-up: SQLite pragmas, write transactions serialised with BEGIN IMMEDIATE, and the
text no database can store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_writing: ContextVar[bool] = ContextVar("festival_writing", default=False)
# PostgreSQL text cannot hold NUL; a lone surrogate is not UTF-8 at all (nor storable anywhere).
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def unstorable_character(text: str) -> str | None:
    """The first character of ``text`` that no text column can hold, as ``U+XXXX``; or None.

    Even a lookup with it fails on PostgreSQL, so such text is refused at the edge.
    """
    found = _UNSTORABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


@contextmanager
def write_intent() -> Iterator[None]:
    """Transactions begun inside take SQLite's write lock at once (BEGIN IMMEDIATE).

    A check-then-insert must not interleave with another writer's; with a deferred BEGIN the
    second writer fails with "database is locked" instead of waiting its turn.
    """
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def set_write_intent(value: bool) -> Any:
    return _writing.set(value)


def reset_write_intent(token: Any) -> None:
    _writing.reset(token)


def install_sqlite_hooks(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout, and our own BEGIN (pysqlite's would be deferred)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _writing.get() else "BEGIN")
