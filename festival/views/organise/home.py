"""The organiser home: every festival with its errors and warnings; creating a festival;
importing a data file by upload, previewed before anything is written."""

from __future__ import annotations

from contextlib import suppress
from zoneinfo import available_timezones

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy.exc import IntegrityError
from wtforms import BooleanField, DateField, StringField  # type: ignore[import-untyped]
from wtforms.validators import Optional  # type: ignore[import-untyped]

from festival.datafile import MAX_BYTES
from festival.errors import NotFound, ValidationFailed
from festival.models import PendingImport
from festival.queries.checks import counts, festival_findings, festival_overview
from festival.services import festivals as svc
from festival.services.unit import run_write
from festival.views.organise import actor, bp, utcnow

TIMEZONES = sorted(available_timezones() - {"localtime", "Factory"})


class FestivalForm(FlaskForm):
    """What a new festival needs; the service checks every value (one rule for every way in)."""

    slug = StringField(_l("Slug"))
    name = StringField(_l("Festival name"))
    host_city = StringField(_l("Host city"))
    timezone = StringField(_l("Time zone"))
    starts_on = DateField(_l("First day"), validators=[Optional()])
    ends_on = DateField(_l("Last day"), validators=[Optional()])
    languages = StringField(_l("Languages"))


class UploadForm(FlaskForm):
    file = FileField(_l("Festival data file (JSON)"))


class ApplyForm(FlaskForm):
    replace = BooleanField(_l("Replace the existing festival with this file"))


@bp.get("/")
def home() -> str:
    rows = festival_overview()
    found: dict[int, tuple[int, int, int]] = {}
    shown: dict[int, tuple[int, int]] = {}
    for row in rows:
        if row.errors is not None and row.warnings is not None:
            shown[row.id] = (row.errors, row.warnings)
        else:
            errors, warnings = counts(festival_findings(row.id, row.version, row.slug))
            shown[row.id] = (errors, warnings)
            found[row.id] = (row.version, errors, warnings)
    if found:
        # A festival deleted meanwhile fails its foreign key: its count no longer matters.
        with suppress(IntegrityError):
            run_write(lambda: svc.store_check_counts(found, now=utcnow()))
    return render_template("organise/home.html", festivals=rows, counts=shown)


def _form_page(form: FestivalForm, status: int = 200) -> ResponseReturnValue:
    return render_template("organise/home_create.html", form=form, timezones=TIMEZONES), status


@bp.get("/festivals/new")
def festival_new() -> ResponseReturnValue:
    return _form_page(FestivalForm())


@bp.post("/festivals")
def festival_create() -> ResponseReturnValue:
    form = FestivalForm()
    raw = request.form
    try:
        festival = run_write(
            lambda: svc.create_festival(
                slug=raw.get("slug", ""),
                name=raw.get("name", ""),
                host_city=raw.get("host_city", ""),
                timezone=raw.get("timezone", ""),
                starts_on=raw.get("starts_on", ""),
                ends_on=raw.get("ends_on", ""),
                languages=raw.get("languages", ""),
                actor=actor(),
                now=utcnow(),
            )
        )
    except ValidationFailed as exc:
        _field_errors(form, exc)
        return _form_page(form, 422)
    except IntegrityError:
        # Two people created the same slug at once: the database kept the first.
        form.slug.errors = [_("A festival %(slug)s exists already.", slug=raw.get("slug"))]
        return _form_page(form, 422)
    flash(_("Festival %(name)s created as a draft.", name=festival.name), "notice")
    return redirect(url_for("organise.dashboard", slug=festival.slug), 303)


def _field_errors(form: FlaskForm, exc: ValidationFailed) -> None:
    """Put each ``at=festival.FIELD`` finding on its field; anything else on the form."""
    for finding in exc.errors:
        # festival.languages[1] is the languages field's problem.
        name = (finding.get("at") or "").removeprefix("festival.").split("[")[0]
        target = form._fields.get(name)
        if target is not None and name != "csrf_token":
            target.errors = [*target.errors, finding.text]
        else:
            form.form_errors.append(finding.text or finding.line())


# -- import by upload ------------------------------------------------------------------------


def _upload_page(form: UploadForm, status: int = 200) -> ResponseReturnValue:
    replacing = request.args.get("festival", "")
    return render_template("organise/import.html", form=form, replacing=replacing), status


@bp.get("/import")
def import_upload_form() -> ResponseReturnValue:
    return _upload_page(UploadForm())


@bp.post("/import")
def import_upload() -> ResponseReturnValue:
    # A body above MAX_CONTENT_LENGTH (the data file's own limit) is refused with 413 before
    # this view runs.
    form = UploadForm()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        form.file.errors = [_("Choose a festival data file to upload.")]
        return _upload_page(form, 422)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        form.file.errors = [_("The file is larger than %(n)d MiB.", n=MAX_BYTES // 2**20)]
        return _upload_page(form, 413)
    user = actor()
    pending = run_write(
        lambda: svc.stage_upload(raw, upload.filename or "", user=user, now=utcnow())
    )
    return redirect(url_for("organise.import_preview", ident=pending.id), 303)


def _pending(ident: str) -> PendingImport:
    """The signed-in user's upload; else the upload form again, saying so, with 404."""
    try:
        return svc.pending_upload(ident, user=actor(), now=utcnow())
    except NotFound:
        form = UploadForm(formdata=None)
        form.file.errors = [_("This upload is unknown or has expired: upload the file again.")]
        abort(make_response(_upload_page(form, 404)))


def _preview_page(
    ident: str, form: ApplyForm, status: int = 200, refused: ValidationFailed | None = None
) -> ResponseReturnValue:
    preview = svc.preview_upload(_pending(ident))
    return (
        render_template(
            "organise/import_preview.html",
            preview=preview,
            ident=ident,
            form=form,
            refused=refused,
        ),
        status,
    )


@bp.get(f"/import/<string(length={svc.UPLOAD_ID_LENGTH}):ident>")
def import_preview(ident: str) -> ResponseReturnValue:
    return _preview_page(ident, ApplyForm())


@bp.post(f"/import/<string(length={svc.UPLOAD_ID_LENGTH}):ident>")
def import_apply(ident: str) -> ResponseReturnValue:
    form = ApplyForm()
    replace = bool(form.replace.data)
    _pending(ident)
    try:
        festival, replaced = run_write(
            lambda: svc.apply_upload(_pending(ident), replace=replace, actor=actor(), now=utcnow())
        )
    except ValidationFailed as exc:
        if not replace and any(
            f.code == "duplicate-key" and f.get("at") == "festival.slug" for f in exc.errors
        ):
            form.replace.errors = [
                _("A festival with this slug exists: tick the box to replace it with this file.")
            ]
            return _preview_page(ident, form, 422)
        return _preview_page(ident, form, 422, refused=exc)
    if replaced:
        flash(_("Festival %(name)s replaced from the file.", name=festival.name), "notice")
    else:
        flash(_("Festival %(name)s imported.", name=festival.name), "notice")
    return redirect(url_for("organise.dashboard", slug=festival.slug), 303)
