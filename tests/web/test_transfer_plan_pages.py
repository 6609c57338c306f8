"""The transfer planner in the workspace: the proposal shown first, written all or nothing by
organisers (viewers 403), refused when the festival changed since the page was shown."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.models import Change, Festival, Transfer
from festival.services import logistics
from festival.services.unit import run_write
from tests.integration.entities import ACTOR, NOW, load, snapshot
from tests.planning import delegation, plan_data
from tests.web.workspace import sign_in

SLUG = "test-2026"
PAGE = f"/organise/{SLUG}/transfer-plan"


@pytest.fixture
def festival(app: Flask) -> Festival:
    return load(plan_data())


def text_of(response_html: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response_html)))


def form_values(page: str) -> dict[str, str]:
    form = page[page.index('class="apply-form"') :]
    form = form[: form.index("</form>")]
    values = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))
    values.pop("csrf_token", None)
    return values


def transfer_keys() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(Transfer.key).order_by(Transfer.position)))


def test_the_page_shows_the_proposal_with_times_in_the_festival_zone(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "organiser")
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.findall(r'data-transfer="([^"]+)"', page) == ["arr-kyoto", "arr-bukhara", "dep-xian"]
    text = text_of(page)
    assert "3 transfers to write" in text
    assert "UTC+03:30" in text  # the festival's zone, labelled
    row = page[page.index('data-transfer="arr-kyoto"') :]
    row = text_of(row[: row.index("</tr>")])
    assert "22:55" in row and "23:55" in row
    assert "IFN" in row and "Abbasi Hotel abbasi" in row
    assert "Van van" in row and "5 of 8" in row
    assert "Kyoto Delegation kyoto" in row and "Xian Delegation xian" in row
    assert form_values(page) == {
        "window": "45",
        "trip_minutes": "60",
        "version": str(festival.version),
    }


def test_the_transfers_list_links_to_the_planner(client: FlaskClient, festival: Festival) -> None:
    sign_in(client, "viewer")
    page = client.get(f"/organise/{SLUG}/transfers").get_data(as_text=True)
    assert f'href="{PAGE}"' in page


def test_window_and_trip_minutes_come_from_the_get_form(
    client: FlaskClient, festival: Festival
) -> None:
    sign_in(client, "organiser")
    page = client.get(f"{PAGE}?window=30&trip_minutes=20").get_data(as_text=True)
    assert form_values(page) | {"version": ""} == {  # the parameters go with the plan
        "window": "30",
        "trip_minutes": "20",
        "version": "",
    }
    row = page[page.index('data-transfer="dep-xian"') :]
    assert "08:20" in text_of(row[: row.index("</tr>")])


@pytest.mark.parametrize(
    "query",
    [
        "window=-1",
        "window=soon",
        "window=%C2%B2",
        "trip_minutes=0",
        "trip_minutes=99999999999999999999",
    ],
    ids=["negative", "word", "superscript-digit", "zero-trip", "huge"],
)
def test_a_bad_value_is_named_and_plans_nothing(
    client: FlaskClient, festival: Festival, query: str
) -> None:
    sign_in(client, "organiser")
    response = client.get(f"{PAGE}?{query}")
    assert response.status_code == 422
    text = text_of(response.get_data(as_text=True))
    field = "Window (minutes)" if query.startswith("window") else "Trip (minutes)"
    assert f"{field}: a whole number of minutes from" in text
    assert "apply-form" not in response.get_data(as_text=True)


def test_applying_writes_exactly_the_shown_plan_and_planning_again_plans_nothing(
    client: FlaskClient, festival: Festival
) -> None:
    csrf = sign_in(client, "organiser")
    values = form_values(client.get(PAGE).get_data(as_text=True))
    response = client.post(PAGE, data={**values, "csrf_token": csrf})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/organise/{SLUG}/transfers")
    assert transfer_keys() == ["arr-tabriz", "arr-kyoto", "arr-bukhara", "dep-xian"]
    entries = db.session.scalars(
        select(Change).where(Change.kind == "transfer").order_by(Change.id)
    ).all()
    assert [(c.key, c.actor_label) for c in entries] == [
        ("arr-kyoto", "organiser@example.org"),
        ("arr-bukhara", "organiser@example.org"),
        ("dep-xian", "organiser@example.org"),
    ]
    listing = client.get(f"/organise/{SLUG}/transfers").get_data(as_text=True)
    assert "Wrote 3 transfers." in listing
    again = client.get(PAGE).get_data(as_text=True)
    assert "Nothing to plan: every arrival and departure has its transfer." in again
    assert "apply-form" not in again


def test_a_festival_changed_since_the_page_was_shown_is_refused(
    client: FlaskClient, festival: Festival
) -> None:
    csrf = sign_in(client, "organiser")
    values = form_values(client.get(PAGE).get_data(as_text=True))
    # Someone books the van over Kyoto's landing in the meantime.
    run_write(
        lambda: logistics.create_transfer(
            festival,
            {
                "key": "errand",
                "vehicle": "van",
                "delegations": [],
                "from": "abbasi",
                "to": "bazaar",
                "starts_at": "2026-10-17T22:30",
                "ends_at": "2026-10-17T23:30",
            },
            actor=ACTOR,
            now=NOW,
        )
    )
    before = snapshot()
    response = client.post(PAGE, data={**values, "csrf_token": csrf})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "The festival changed since this plan was shown, so nothing was written." in text_of(
        page
    )
    assert snapshot() == before
    # The page shows the plan for the festival as it is now, with its new version.
    assert form_values(page)["version"] == str(before[2])
    assert 'data-transfer="arr-kyoto"' in page


def test_a_delegation_that_cannot_be_served_is_named_and_nothing_is_written(
    client: FlaskClient, app: Flask
) -> None:
    load(plan_data(delegation("seoul", 12, arrival="2026-10-19T10:00")))
    csrf = sign_in(client, "organiser")
    page = client.get(PAGE).get_data(as_text=True)
    assert "apply-form" not in page
    assert re.findall(r'<tr data-delegation="([^"]+)"', page) == ["seoul"]
    assert "No vehicle has enough seats for the whole delegation." in text_of(page)
    before = snapshot()
    response = client.post(
        PAGE,
        data={"window": "45", "trip_minutes": "60", "version": str(before[2]), "csrf_token": csrf},
    )
    assert response.status_code == 422
    assert "Some delegations cannot be served, so nothing was written." in text_of(
        response.get_data(as_text=True)
    )
    assert snapshot() == before


def test_viewers_see_the_plan_but_cannot_write_it(client: FlaskClient, festival: Festival) -> None:
    csrf = sign_in(client, "viewer")
    page = client.get(PAGE).get_data(as_text=True)
    assert 'data-transfer="arr-kyoto"' in page and "apply-form" not in page
    before = snapshot()
    response = client.post(
        PAGE,
        data={"window": "45", "trip_minutes": "60", "version": str(before[2]), "csrf_token": csrf},
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_a_post_without_csrf_or_version_writes_nothing(
    client: FlaskClient, festival: Festival
) -> None:
    csrf = sign_in(client, "organiser")
    before = snapshot()
    assert client.post(PAGE, data={"window": "45", "version": str(before[2])}).status_code == 400
    for version in ("", "²", "9" * 40, "-1"):
        missing = client.post(PAGE, data={"csrf_token": csrf, "version": version})
        assert missing.status_code == 422
        assert "did not say which version" in text_of(missing.get_data(as_text=True))
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, festival: Festival) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_unknown_festival_is_404(client: FlaskClient, festival: Festival) -> None:
    sign_in(client, "organiser")
    assert client.get("/organise/nope/transfer-plan").status_code == 404
