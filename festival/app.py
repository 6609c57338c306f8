"""The application factory: a short list of ``_register_*`` steps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request

from festival.config import load_config
from festival.database import install_sqlite_hooks, reset_write_intent, set_write_intent
from festival.extensions import csrf, db, login_manager, migrate
from festival.i18n import web as i18n_web
from festival.paths import resource_dir

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides everything read from the environment."""
    app = Flask(
        "festival",
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
        instance_relative_config=True,
    )
    load_config(app, config)
    _register_host_check(app)
    _register_proxy(app)
    _register_extensions(app)
    _register_request_hooks(app)
    _register_input_guard(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    _register_cli(app)
    return app


def _register_host_check(app: Flask) -> None:
    """Refuse (400) hosts outside ``TRUSTED_HOSTS`` and malformed Host headers."""
    from festival.views.guard import HostCheck

    app.wsgi_app = HostCheck(  # type: ignore[method-assign]
        app.wsgi_app, app.config.get("TRUSTED_HOSTS")
    )


def _register_proxy(app: Flask) -> None:
    """Behind N reverse proxies (``PROXY_COUNT``), trust their X-Forwarded-* headers, so feed
    and subscribe URLs say https and the right host."""
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count
        )


def _register_extensions(app: Flask) -> None:
    import festival.models  # noqa: F401  (registers every table on the metadata)
    from festival.views.auth import init_throttle

    db.init_app(app)
    migrate.init_app(app, db, directory=str(resource_dir("migrations")))
    csrf.init_app(app)
    login_manager.init_app(app)
    init_throttle(app)
    i18n_web.init_app(app)
    with app.app_context():
        install_sqlite_hooks(db.engine)


def _register_request_hooks(app: Flask) -> None:
    @app.before_request
    def _declare_writes() -> None:
        # Unsafe methods write: their transaction takes SQLite's write lock from the start.
        if request.method in UNSAFE_METHODS:
            g.write_intent_token = set_write_intent(True)

    @app.teardown_request
    def _forget_writes(_exc: BaseException | None) -> None:
        token = g.pop("write_intent_token", None)
        if token is not None:
            reset_write_intent(token)

    @app.after_request
    def _security_headers(response: Any) -> Any:
        # request.is_secure: HTTPS here, or at a trusted proxy (PROXY_COUNT, ProxyFix).
        if request.is_secure and app.config["HSTS_MAX_AGE"]:
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={int(app.config['HSTS_MAX_AGE'])}"
            )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        )
        return response


def _register_input_guard(app: Flask) -> None:
    from festival.views.guard import register_input_guard

    register_input_guard(app)


def _register_blueprints(app: Flask) -> None:
    from festival.views import register_blueprints

    register_blueprints(app)


def _register_error_handlers(app: Flask) -> None:
    from festival.views.errors import register_error_handlers

    register_error_handlers(app)


def _register_cli(app: Flask) -> None:
    from festival.cli import register_commands

    register_commands(app)
