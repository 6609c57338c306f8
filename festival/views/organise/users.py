"""Users (admins only: create, change role, deactivate, reset password, every user's API
tokens) and each user's own API tokens (list, create, shown once; revoke)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField  # type: ignore[import-untyped]
from wtforms.fields.choices import SelectChoice  # type: ignore[import-untyped]

from festival.errors import NotFound, ValidationFailed
from festival.models import User
from festival.services import accounts
from festival.services.unit import run_write
from festival.views.organise import ROLE_NAMES, actor, admin_required, bp, own_account, utcnow
from festival.vocabulary import Role

ROLE_CHOICES = [
    SelectChoice(Role.ADMIN.value, _l("Admin: everything, and manages users")),
    SelectChoice(Role.ORGANISER.value, _l("Organiser: edits every festival")),
    SelectChoice(Role.VIEWER.value, _l("Viewer: reads everything, changes nothing")),
]


class NewUserForm(FlaskForm):
    email = EmailField(_l("E-mail address"))
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=Role.ORGANISER.value)
    password = PasswordField(_l("Password"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)


class PasswordForm(FlaskForm):
    password = PasswordField(_l("New password"))


class TokenForm(FlaskForm):
    label = StringField(_l("Label"))


def _errors_onto(form: FlaskForm, exc: ValidationFailed) -> None:
    for finding in exc.errors:
        target = form._fields.get(finding.get("at") or "")
        if target is not None:
            target.errors = [*target.errors, finding.text]
        else:
            form.form_errors.append(finding.text)


def _user(user_id: int) -> User:
    try:
        return accounts.user_or_404(user_id)
    except NotFound:
        abort(404)


# -- users (admins) --------------------------------------------------------------------------


def _users_page(form: NewUserForm, status: int = 200) -> ResponseReturnValue:
    return (
        render_template("organise/users.html", users=accounts.all_users(), form=form),
        status,
    )


@bp.get("/users")
@admin_required
def users() -> ResponseReturnValue:
    return _users_page(NewUserForm())


@bp.post("/users")
@admin_required
def user_create() -> ResponseReturnValue:
    form = NewUserForm()
    data = request.form
    try:
        user = run_write(
            lambda: accounts.create_user(
                data.get("email", ""),
                data.get("role", ""),
                data.get("password", ""),
                actor=actor(),
                now=utcnow(),
            )
        )
    except ValidationFailed as exc:
        _errors_onto(form, exc)
        return _users_page(form, 422)
    flash(_("%(email)s can sign in now.", email=user.email), "notice")
    return redirect(url_for("organise.users"), 303)


def _user_page(
    user: User,
    *,
    role_form: RoleForm | None = None,
    password_form: PasswordForm | None = None,
    refused: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return (
        render_template(
            "organise/users_edit.html",
            user=user,
            role_form=role_form or RoleForm(role=user.role),
            password_form=password_form or PasswordForm(),
            tokens=accounts.tokens_of(user),
            refused=refused,
        ),
        status,
    )


@bp.get("/users/<int:user_id>")
@admin_required
def user_edit(user_id: int) -> ResponseReturnValue:
    return _user_page(_user(user_id))


@bp.post("/users/<int:user_id>/role")
@admin_required
def user_role(user_id: int) -> ResponseReturnValue:
    form = RoleForm()
    role = request.form.get("role", "")
    try:
        run_write(lambda: accounts.change_role(_user(user_id), role, actor=actor()))
    except ValidationFailed as exc:
        _errors_onto(form, exc)
        return _user_page(_user(user_id), role_form=form, status=422)
    user = _user(user_id)
    flash(_("%(email)s is now %(role)s.", email=user.email, role=ROLE_NAMES[user.role]), "notice")
    return redirect(url_for("organise.user_edit", user_id=user_id), 303)


@bp.post("/users/<int:user_id>/active")
@admin_required
def user_active(user_id: int) -> ResponseReturnValue:
    active = request.form.get("active") == "1"
    try:
        run_write(lambda: accounts.set_active(_user(user_id), active, actor=actor()))
    except ValidationFailed as exc:
        return _user_page(_user(user_id), refused=exc.errors[0].text, status=422)
    user = _user(user_id)
    if active:
        flash(_("%(email)s can sign in again.", email=user.email), "notice")
    else:
        flash(
            _(
                "%(email)s is deactivated: signed out everywhere, API tokens stopped.",
                email=user.email,
            ),
            "notice",
        )
    return redirect(url_for("organise.user_edit", user_id=user_id), 303)


@bp.post("/users/<int:user_id>/password")
@admin_required
def user_password(user_id: int) -> ResponseReturnValue:
    form = PasswordForm()
    password = request.form.get("password", "")
    try:
        run_write(lambda: accounts.reset_password(_user(user_id), password, actor=actor()))
    except ValidationFailed as exc:
        _errors_onto(form, exc)
        return _user_page(_user(user_id), password_form=form, status=422)
    flash(
        _(
            "New password set for %(email)s; they are signed out everywhere.",
            email=_user(user_id).email,
        ),
        "notice",
    )
    return redirect(url_for("organise.user_edit", user_id=user_id), 303)


# -- API tokens (every user's own; admins see everyone's) ------------------------------------


def _tokens_page(
    form: TokenForm, *, new_token: str | None = None, status: int = 200
) -> ResponseReturnValue:
    me = actor()
    page = render_template(
        "organise/tokens.html",
        form=form,
        tokens=accounts.tokens_of(me),
        everyone=accounts.tokens_of(None) if me.role == Role.ADMIN else None,
        new_token=new_token,
    )
    # A page showing a new token must not be kept by a browser or proxy cache.
    return page, status, {"Cache-Control": "no-store"}


@bp.get("/tokens")
def tokens() -> ResponseReturnValue:
    return _tokens_page(TokenForm())


@bp.post("/tokens")
@own_account
def token_create() -> ResponseReturnValue:
    form = TokenForm()
    label = request.form.get("label", "")
    try:
        _row, token = run_write(lambda: accounts.issue_token(actor(), label=label, now=utcnow()))
    except ValidationFailed as exc:
        _errors_onto(form, exc)
        return _tokens_page(form, status=422)
    # Shown on this answer only: the token is not stored, nor put in a redirect or a cookie.
    return _tokens_page(TokenForm(formdata=None), new_token=token)


@bp.post("/tokens/<int:token_id>/revoke")
@own_account
def token_revoke(token_id: int) -> ResponseReturnValue:
    """Revoke one of your own tokens; admins may revoke anyone's."""

    def work() -> tuple[str, int]:
        row = accounts.revoke_token(token_id, by=actor())
        return row.label or f"#{token_id}", row.user_id

    try:
        label, owner_id = run_write(work)
    except NotFound:
        abort(404)
    flash(_("Token %(label)s revoked: it no longer works.", label=label), "notice")
    back = request.form.get("back", "")
    if back == "user" and actor().role == Role.ADMIN:
        return redirect(url_for("organise.user_edit", user_id=owner_id), 303)
    return redirect(url_for("organise.tokens"), 303)
