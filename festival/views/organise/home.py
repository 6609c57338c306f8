"""The organiser home: every festival, draft or published."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from festival.extensions import db
from festival.models import Festival
from festival.views.organise import bp


@bp.get("/")
def home() -> str:
    festivals = db.session.scalars(select(Festival).order_by(Festival.starts_on.desc())).all()
    return render_template("organise/home.html", festivals=festivals)
