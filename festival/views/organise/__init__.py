"""The organiser workspace (CONTRACT section 7): one blueprint, one module per area.

Every route is behind the guard below: anonymous visitors are sent to sign in, viewers may
read but never write, and admin-only routes carry ``admin_required``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from festival.extensions import db
from festival.i18n.languages import text_direction, valid_tag
from festival.i18n.web import request_language, use_language
from festival.models import Festival, User
from festival.views.rendering import Formatter
from festival.vocabulary import Role

bp = Blueprint("organise", __name__, url_prefix="/organise")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Per-festival navigation, in order: (endpoint, label). An item shows only once its endpoint
# exists; list endpoints take ``slug``.
FESTIVAL_NAV: list[tuple[str, Any]] = [
    ("organise.dashboard", _l("Dashboard")),
    ("organise.festival_edit", _l("Settings")),
    ("organise.session_list", _l("Sessions")),
    ("organise.grid", _l("Grid")),
    ("organise.event_list", _l("Events")),
    ("organise.venue_list", _l("Venues")),
    ("organise.venue_hold_list", _l("Holds")),
    ("organise.partner_city_list", _l("Partner cities")),
    ("organise.delegation_list", _l("Delegations")),
    ("organise.hotel_list", _l("Hotels")),
    ("organise.vehicle_list", _l("Vehicles")),
    ("organise.transfer_list", _l("Transfers")),
    ("organise.interpreter_list", _l("Interpreters")),
    ("organise.interpreter_assignment_list", _l("Assignments")),
    ("organise.arrivals_board", _l("Arrivals board")),
    ("organise.reports", _l("Reports")),
    ("organise.history", _l("History")),
]

ROLE_NAMES = {
    Role.ADMIN.value: _l("admin"),
    Role.ORGANISER.value: _l("organiser"),
    Role.VIEWER.value: _l("viewer"),
}

F = TypeVar("F", bound=Callable[..., Any])


@bp.before_request
def _guard() -> Response | None:
    """Anonymous -> sign in (coming back here); a viewer's write -> 403."""
    if not current_user.is_authenticated:
        target = request.full_path if request.query_string else request.path
        return redirect(url_for("auth.login", next=target))
    if request.method in UNSAFE_METHODS and current_user.role == Role.VIEWER:
        view = current_app.view_functions.get(request.endpoint or "")
        if not getattr(view, "own_account", False):
            abort(403)
    requested = request.args.get("lang", "")
    if valid_tag(requested):
        session["lang"] = requested
    chosen = session.get("lang")
    if isinstance(chosen, str) and valid_tag(chosen):
        use_language(chosen)
    return None


def admin_required(view: F) -> F:
    """Only admins may call ``view``; everyone else (signed in) gets 403."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_user.role != Role.ADMIN:
            abort(403)
        return view(*args, **kwargs)

    return cast(F, wrapper)


def own_account(view: F) -> F:
    """A write to the signed-in user's own account (their API tokens): viewers may make it."""
    view.own_account = True  # type: ignore[attr-defined]
    return view


def actor() -> User:
    """The signed-in user, as services take it (``actor=``)."""
    return cast(User, current_user._get_current_object())


def utcnow() -> datetime:
    return datetime.now(UTC)


def can_edit() -> bool:
    return bool(current_user.is_authenticated and current_user.role != Role.VIEWER)


def workspace_language() -> str:
    """The language the workspace's reader asked for: ``?lang=`` remembered in the session,
    else the language of the catalog the request speaks (their browser's, or English)."""
    lang = session.get("lang")
    return lang if isinstance(lang, str) and valid_tag(lang) else request_language()


def organise_url(endpoint: str, **values: Any) -> str | None:
    """The URL of ``endpoint``, or None while that page does not exist (yet)."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def festival_or_404(slug: str) -> Festival:
    """The festival, draft or published (organisers see both), or 404."""
    festival = db.session.scalar(select(Festival).where(Festival.slug == slug))
    if festival is None:
        abort(404)
    return festival


@bp.context_processor
def _workspace_context() -> dict[str, Any]:
    # The page is in the catalog the request speaks; dates and digits follow the language
    # asked for when that catalog is its own (``fa-IR``), as on the public pages.
    interface = request_language()
    return {
        "page_lang": interface,
        "page_dir": text_direction(interface),
        "fmt": Formatter(workspace_language(), interface),
        "organise_url": organise_url,
        "festival_nav": FESTIVAL_NAV,
        "role_names": ROLE_NAMES,
        "can_edit": can_edit(),
        "is_admin": bool(current_user.is_authenticated and current_user.role == Role.ADMIN),
    }


from festival.views.organise import (  # noqa: E402, F401
    dashboard,
    entities,
    grid,
    history,
    home,
    planning,
    privacy,
    reports,
    sessions,
    users,
)
