"""Flask extensions, created unbound and initialised in ``create_app``; the declarative base
with a naming convention, so every constraint has a stable name (SQLite batch migrations
drop unnamed ones)."""

from __future__ import annotations

from flask_babel import Babel  # type: ignore[import-untyped]
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
# Templates get their gettext functions from festival.i18n.jinja (one syntax for web and print).
babel = Babel(configure_jinja=False)
