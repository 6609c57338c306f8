"""A festival's dashboard."""

from __future__ import annotations

from flask import render_template

from festival.views.organise import bp, festival_or_404


@bp.get("/<slug>/")
def dashboard(slug: str) -> str:
    festival = festival_or_404(slug)
    return render_template("organise/dashboard.html", festival=festival)
