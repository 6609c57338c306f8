"""Configuration defaults; the environment is read in ``create_app``, never at import."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from festival.errors import ConfigurationError

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
    # Strict-Transport-Security on every answer to an HTTPS request; 0 sends none.
    "HSTS_MAX_AGE": 365 * 24 * 3600,
    # Failed sign-ins: beyond these, sign-in answers 429 (the right password included) until
    # the window has passed. ``limits`` notation; the store is per process unless shared.
    "SIGNIN_FAILURES_PER_ACCOUNT": "5 per 5 minutes",
    "SIGNIN_FAILURES_PER_ADDRESS": "20 per 5 minutes",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_STRATEGY": "fixed-window",
}
# Set True in production unless the environment or the caller says otherwise.
SECURE_COOKIES = ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE")


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Defaults, then ``DATABASE_URL``/``SECRET_KEY``, then ``FLASK_*``, then ``overrides``."""
    app.config.from_mapping(DEFAULTS)
    explicit = set(overrides or ()) | {
        name.removeprefix("FLASK_") for name in os.environ if name.startswith("FLASK_")
    }
    instance = Path(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
        "DATABASE_URL", f"sqlite:///{instance / 'festival.sqlite3'}"
    )
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env()
    if overrides:
        app.config.from_mapping(overrides)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):
        uri = "postgresql+psycopg://" + uri.removeprefix("postgres://")
    elif uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    if uri.startswith("sqlite:///") and ":memory:" not in uri:
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY") and not (app.debug or app.testing):
        raise ConfigurationError(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(48))'), or run "
            "with FLASK_DEBUG=1 for local development."
        )
    if not app.config.get("SECRET_KEY") and app.debug:
        # A development server still signs in: with a key of this process only (restarting it
        # signs everyone out), never a fixed default that would travel to production.
        app.config["SECRET_KEY"] = secrets.token_urlsafe(48)
        app.logger.warning("SECRET_KEY is not set: using a random key until this process ends")
    if not app.debug and not app.testing:
        # Flask's own defaults hold these keys already (False): setdefault would do nothing.
        for name in SECURE_COOKIES:
            if name not in explicit:
                app.config[name] = True
    hosts = app.config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):  # FLASK_TRUSTED_HOSTS=festival.example.org,www.example.org
        app.config["TRUSTED_HOSTS"] = [h.strip() for h in hosts.split(",") if h.strip()]
