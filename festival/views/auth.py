"""Signing in and out: ``GET/POST /login`` (email, password, CSRF token), ``POST /logout``."""

from __future__ import annotations

import re

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import (
    current_user,
    login_required,
    login_user,
    logout_user,
)
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField  # type: ignore[import-untyped]
from wtforms.validators import DataRequired, Length  # type: ignore[import-untyped]

from festival.extensions import db, login_manager
from festival.i18n.web import gettext, lazy_gettext, ngettext
from festival.models import User
from festival.services.accounts import SignInThrottle, authenticate, normalise_email

bp = Blueprint("auth", __name__)
THROTTLE = "festival.signin_throttle"
# A path on this site: one '/' first (not '//' or '/\', which browsers read as another host),
# then printable ASCII without spaces, quotes or backslashes (so no CR/LF in a Location header).
_LOCAL_PATH = re.compile(r"\A/(?![/\\])[!#-\[\]-~]{0,2047}\Z")


# WTForms' own messages lack some of the shipped languages (Uzbek): the form speaks ours.
REQUIRED = lazy_gettext("This field is required.")
TOO_LONG = lazy_gettext("At most %(max)s characters.")


class LoginForm(FlaskForm):
    email = EmailField(
        lazy_gettext("E-mail"),
        validators=[DataRequired(REQUIRED), Length(max=320, message=TOO_LONG)],
    )
    password = PasswordField(
        lazy_gettext("Password"),
        validators=[DataRequired(REQUIRED), Length(max=1024, message=TOO_LONG)],
    )


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The id carries the session version: after a logout elsewhere, old cookies stop working."""
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_version != int(version):
        return None
    return user


def init_throttle(app: Flask) -> None:
    """Give the app its store of failed sign-ins (see ``SignInThrottle``)."""
    app.extensions[THROTTLE] = SignInThrottle.from_config(app.config)


def signed_in_home() -> str:
    """Where a sign-in lands without a (safe) ``next``: the organiser home."""
    return url_for("organise.home")


def after_sign_in(target: str | None) -> str:
    """``next`` if it is a path on this site, else ``signed_in_home()``."""
    if target and _LOCAL_PATH.match(target):
        return target
    return signed_in_home()


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    email = normalise_email(form.email.data or "")
    address = request.remote_addr or "unknown"
    throttle: SignInThrottle = current_app.extensions[THROTTLE]
    wait = throttle.retry_after(email, address)
    if wait:
        error = ngettext(
            "Too many failed sign-ins. Try again in %(num)d second.",
            "Too many failed sign-ins. Try again in %(num)d seconds.",
            wait,
        )
        page = render_template("auth/login.html", form=form, error=error)
        return page, 429, {"Retry-After": str(wait)}
    user = authenticate(email, form.password.data or "")
    if user is None:
        throttle.failed(email, address)
        error = gettext("The e-mail address or the password is wrong.")
        return render_template("auth/login.html", form=form, error=error), 401
    login_user(user)
    return redirect(after_sign_in(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout() -> ResponseReturnValue:
    # Raising the version revokes every copy of the session cookie, not just this one.
    current_user.session_version += 1
    db.session.commit()
    logout_user()
    return redirect(url_for("public.index"))
