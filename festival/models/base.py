"""The base class of every model: Flask-SQLAlchemy's ``db.Model``, seen by type checkers as
the typed declarative base it is built on (so ``Mapped[...]`` attributes are checked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from festival.extensions import db

if TYPE_CHECKING:
    from festival.extensions import Base as Model
else:
    Model = db.Model

__all__ = ["Model"]
