"""Erasing a member's personal data (admins only): a confirm page, then the erasure."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from festival.errors import NotFound
from festival.models import Member
from festival.services import delegations as delegation_service
from festival.services.privacy import erase_member
from festival.services.unit import run_write
from festival.views.organise import actor, admin_required, bp, festival_or_404, utcnow


def _member(slug: str, delegation: str, key: str) -> tuple[object, Member]:
    festival = festival_or_404(slug)
    try:
        return festival, delegation_service.get_member(festival, delegation, key)
    except NotFound:
        abort(404)


@bp.route("/<slug>/delegations/<delegation>/members/<key>/erase", methods=["GET", "POST"])
@admin_required
def member_erase(slug: str, delegation: str, key: str) -> ResponseReturnValue:
    festival, member = _member(slug, delegation, key)
    edit = url_for("organise.member_edit", slug=slug, delegation=delegation, key=key)
    if request.method == "POST":
        try:
            run_write(
                lambda: erase_member(
                    festival_or_404(slug), delegation, key, actor=actor(), now=utcnow()
                )
            )
        except NotFound:
            abort(404)
        flash(_("The personal data of member %(key)s was erased.", key=key), "notice")
        return redirect(edit, 303)
    return render_template(
        "organise/member_erase.html",
        festival=festival,
        member=member,
        delegation=member.delegation,
        edit_url=edit,
    )
