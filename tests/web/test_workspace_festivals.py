"""The organiser home, creating, publishing and withdrawing a festival, its dashboard, and the
data file download (CONTRACT section 7), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Delegation, Festival, FestivalCheck
from festival.services.importer import import_document
from tests.factories import demo_data, event, festival_data, session, venue
from tests.web.workspace import sign_in, user_per_request  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("user_per_request")

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def store(data: dict) -> Festival:
    doc, findings = validate_data(data)
    festival = import_document(doc, findings, replace=False, now=NOW, actor="tests")
    db.session.commit()
    return festival


def warned() -> dict:
    """A festival with warnings: over capacity twice, a missing projector once."""
    return festival_data(
        venues=[venue("hall", capacity=50, equipment=["sound"]), venue("yard")],
        events=[
            event(
                "talk",
                session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                session("talk-2", "2026-10-19T10:00", "2026-10-19T11:00"),
                expected_attendance=80,
            ),
            event(
                "film",
                session("film-1", "2026-10-19T20:00", "2026-10-19T22:00"),
                session("film-2", "2026-10-20T02:00", "2026-10-20T03:00", venue="yard"),
                session("film-3", "2026-10-21T20:00", "2026-10-21T22:00", status="cancelled"),
                kind="screening",
                requires=["projector"],
            ),
        ],
    )


def text(html: str) -> str:
    """The text of an element as it reads: tags dropped, cells apart, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", re.sub(r"</t[hd]>|<br>", " ", html)).split())


def test_home_lists_every_festival_with_its_error_and_warning_counts(
    app: Flask, client: FlaskClient
) -> None:
    store(warned())
    store(festival_data(festival={"slug": "draft-2026", "name": "A Draft", "published": False}))
    sign_in(client, "viewer")
    page = client.get("/organise/").get_data(as_text=True)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)[1:]
    assert [text(r) for r in rows] == [
        "A Draft draft-2026 18 – 24 October 2026 Asia/Tehran Draft 0 errors 0 warnings",
        "Test Sister Cities Week test-2026 18 – 24 October 2026 Asia/Tehran Published "
        "0 errors 3 warnings",
    ]
    # The counts are stored per (festival, version): the next visit reads them.
    checks = db.session.execute(
        select(Festival.slug, FestivalCheck.version, FestivalCheck.errors, FestivalCheck.warnings)
        .join(FestivalCheck)
        .order_by(Festival.slug)
    ).all()
    assert [tuple(c) for c in checks] == [("draft-2026", 1, 0, 0), ("test-2026", 1, 0, 3)]


def test_home_counts_follow_a_change_to_the_festival(app: Flask, client: FlaskClient) -> None:
    store(warned())
    sign_in(client, "organiser")
    assert "3 warnings" in client.get("/organise/").get_data(as_text=True)
    data = warned()
    data["events"][0]["expected_attendance"] = 10
    doc, findings = validate_data(data)
    import_document(doc, findings, replace=True, now=NOW, actor="tests")
    db.session.commit()
    page = client.get("/organise/").get_data(as_text=True)
    assert "1 warning<" in page
    assert db.session.scalar(select(FestivalCheck.version)) == 2


def test_home_counts_a_stored_count_without_checking_again(app: Flask, client: FlaskClient) -> None:
    festival = store(warned())
    db.session.add(
        FestivalCheck(
            festival_id=festival.id, version=festival.version, errors=4, warnings=2, checked_at=NOW
        )
    )
    db.session.commit()
    sign_in(client, "viewer")
    page = client.get("/organise/").get_data(as_text=True)
    assert "4 errors" in page and "2 warnings" in page


FORM = {
    "slug": "khiva-2027",
    "name": "Khiva Sister Cities Week 2027",
    "host_city": "Khiva",
    "timezone": "Asia/Tashkent",
    "starts_on": "2027-05-03",
    "ends_on": "2027-05-09",
    "languages": "en, uz,ru,,uz",
}


def test_create_festival_starts_a_draft_and_sends_to_its_dashboard(
    app: Flask, client: FlaskClient
) -> None:
    csrf = sign_in(client, "organiser")
    response = client.post("/organise/festivals", data={**FORM, "csrf_token": csrf})
    assert (response.status_code, response.location) == (303, "/organise/khiva-2027/")
    festival = db.session.scalar(select(Festival))
    assert (
        festival.slug,
        festival.name,
        festival.host_city,
        festival.timezone,
        festival.starts_on.isoformat(),
        festival.ends_on.isoformat(),
        festival.languages,
        festival.published,
        festival.country,
    ) == (
        "khiva-2027",
        "Khiva Sister Cities Week 2027",
        "Khiva",
        "Asia/Tashkent",
        "2027-05-03",
        "2027-05-09",
        ["en", "uz", "ru"],
        False,
        None,
    )
    dashboard = client.get("/organise/khiva-2027/").get_data(as_text=True)
    assert "Festival Khiva Sister Cities Week 2027 created as a draft." in dashboard
    # A draft: the public side answers 404 to the public, the organiser previews it.
    assert client.get("/f/khiva-2027/").status_code == 200
    assert app.test_client().get("/f/khiva-2027/").status_code == 404
    assert app.test_client().get("/f/khiva-2027/calendar.ics").status_code == 404


def _field_errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="field-error" id="([a-z_]+)-error">([^<]*)</p>', html))


def test_create_festival_names_every_invalid_field_and_writes_nothing(
    app: Flask, client: FlaskClient
) -> None:
    csrf = sign_in(client, "organiser")
    bad = {
        "slug": "Khiva 2027",
        "name": "",
        "host_city": "x" * 201,
        "timezone": "Asia/Atlantis",
        "starts_on": "2027-05-09",
        "ends_on": "2027-05-03",
        "languages": "en, e_n",
    }
    response = client.post("/organise/festivals", data={**bad, "csrf_token": csrf})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert _field_errors(page) == {
        "slug": "bad key &#34;Khiva 2027&#34;: lower-case letters, digits and &#39;-&#39;, "
        "at most 64",
        "name": "must not be empty",
        "host_city": "too long: at most 200 characters, got 201",
        "timezone": "unknown time zone &#34;Asia/Atlantis&#34;",
        "ends_on": "the festival ends before it starts",
        "languages": "bad language code &#34;e_n&#34;",
    }
    assert 'role="alert"' in page
    assert 'aria-describedby="slug-hint slug-error" aria-invalid="true"' in page
    # The form comes back with what was typed.
    assert 'value="Khiva 2027"' in page and 'value="Asia/Atlantis"' in page
    assert db.session.scalar(select(Festival.id)) is None


def test_create_festival_refuses_a_slug_in_use(app: Flask, client: FlaskClient) -> None:
    store(festival_data())
    csrf = sign_in(client, "admin")
    taken = client.post(
        "/organise/festivals", data={**FORM, "slug": "test-2026", "csrf_token": csrf}
    )
    assert taken.status_code == 422
    assert _field_errors(taken.get_data(as_text=True)) == {
        "slug": "A festival test-2026 exists already."
    }


@pytest.mark.parametrize("slug", ["import", "users", "tokens", "festivals", "new"])
def test_a_festival_named_like_a_workspace_page_keeps_every_page(app: Flask, slug: str) -> None:
    """The workspace's own pages (/organise/import/ID, /organise/users/N, ...) never take a
    festival's URL: every festival route, built for such a slug, resolves to itself."""
    adapter = app.url_map.bind("festival.test")
    samples = {"key": "carpets-1", "delegation": "xian", "kind": "session", "token_id": 1}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("organise.")]
    festival_rules = [r for r in rules if "slug" in r.arguments]
    assert len(festival_rules) > 40
    for rule in festival_rules:
        values = {a: samples.get(a, "x") for a in rule.arguments} | {"slug": slug}
        path = adapter.build(
            rule.endpoint, values, method=sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        )
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            matched, _args = adapter.match(path, method=method, return_rule=True)
            assert matched.rule == rule.rule, (path, method)


def test_a_festival_slugged_import_shows_its_sessions(app: Flask, client: FlaskClient) -> None:
    store(festival_data(festival={"slug": "import"}))
    sign_in(client, "viewer")
    page = client.get("/organise/import/sessions")
    assert page.status_code == 200
    assert "opening-1" in page.get_data(as_text=True)


def test_the_create_form_offers_every_iana_zone(app: Flask, client: FlaskClient) -> None:
    sign_in(client, "organiser")
    page = client.get("/organise/festivals/new").get_data(as_text=True)
    zones = re.findall(r'<option value="([^"]+)">', page)
    assert "Asia/Tehran" in zones and "America/Argentina/Buenos_Aires" in zones
    assert len(zones) > 400 and zones == sorted(zones)
    assert (
        '<input aria-describedby="timezone-hint" autocomplete="off" dir="ltr" id="timezone" '
        'list="timezones"' in page
    )


def test_viewer_sees_the_forms_refused_and_cannot_create(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "viewer")
    page = client.get("/organise/festivals/new").get_data(as_text=True)
    assert "Your role can read every festival but not change anything." in page
    assert "<form" not in page.split("<main", 1)[1]
    response = client.post("/organise/festivals", data={**FORM, "csrf_token": csrf})
    assert response.status_code == 403
    assert db.session.scalar(select(Festival.id)) is None


def test_publish_and_unpublish_switch_the_public_side(app: Flask, client: FlaskClient) -> None:
    store(festival_data(festival={"published": False}))
    public = app.test_client()
    csrf = sign_in(client, "organiser")
    assert public.get("/f/test-2026/").status_code == 404
    response = client.post("/organise/test-2026/publish", data={"csrf_token": csrf})
    assert (response.status_code, response.location) == (303, "/organise/test-2026/")
    assert "The festival is published." in client.get("/organise/test-2026/").get_data(as_text=True)
    assert public.get("/f/test-2026/").status_code == 200
    assert public.get("/f/test-2026/calendar.ics").status_code == 200
    again = client.post("/organise/test-2026/publish", data={"csrf_token": csrf})
    assert again.status_code == 303
    assert "It was published already." in client.get("/organise/test-2026/").get_data(as_text=True)
    assert db.session.scalar(select(Festival.version)) == 2
    client.post("/organise/test-2026/unpublish", data={"csrf_token": csrf})
    assert public.get("/f/test-2026/").status_code == 404
    assert public.get("/f/test-2026/calendar.ics").status_code == 404
    assert public.get("/f/test-2026/programme.pdf").status_code == 404
    assert db.session.scalar(select(Festival.published)) is False


def test_publish_needs_the_csrf_token_and_an_editor(app: Flask, client: FlaskClient) -> None:
    store(festival_data(festival={"published": False}))
    sign_in(client, "organiser")
    assert client.post("/organise/test-2026/publish").status_code == 400
    assert db.session.scalar(select(Festival.published)) is False
    csrf = sign_in(client, "organiser")
    assert client.post("/organise/nope/publish", data={"csrf_token": csrf}).status_code == 404
    viewer = app.test_client()
    csrf = sign_in(viewer, "viewer")
    assert viewer.post("/organise/test-2026/publish", data={"csrf_token": csrf}).status_code == 403
    assert db.session.scalar(select(Festival.published)) is False


def test_dashboard_groups_every_finding_by_code_naming_its_keys(
    app: Flask, client: FlaskClient
) -> None:
    store(warned())
    sign_in(client, "viewer")
    page = client.get("/organise/test-2026/").get_data(as_text=True)
    groups = re.findall(r'<h3 id="code-([a-z-]+)">', page)
    assert groups == ["over-capacity", "missing-equipment"]
    sections = dict(
        (code, [text(li) for li in re.findall(r"<li class=\"finding[^>]*>(.*?)</li>", body, re.S)])
        for code, body in re.findall(
            r'<section class="finding-group[^"]*" aria-labelledby="code-([a-z-]+)">(.*?)</section>',
            page,
            re.S,
        )
    )
    assert sections == {
        "over-capacity": [
            "over-capacity session=talk-1 venue=hall expected 80, capacity 50",
            "over-capacity session=talk-2 venue=hall expected 80, capacity 50",
        ],
        "missing-equipment": [
            "missing-equipment session=film-1 venue=hall equipment=projector",
        ],
    }
    assert "0 errors" in page and "3 warnings" in page


def test_dashboard_links_keys_to_their_entity_pages(app: Flask) -> None:
    from festival.views.organise.dashboard import entity_url

    with app.test_request_context():
        assert entity_url("test-2026", "session", "talk-1") == "/organise/test-2026/sessions/talk-1"
    store(warned())
    client = app.test_client()
    sign_in(client, "viewer")
    page = client.get("/organise/test-2026/").get_data(as_text=True)
    assert '<a href="/organise/test-2026/sessions/talk-1">talk-1</a>' in page
    assert '<a href="/organise/test-2026/venues/hall">hall</a>' in page


def test_dashboard_counts_sessions_by_festival_day_and_venue(
    app: Flask, client: FlaskClient
) -> None:
    store(warned())
    sign_in(client, "viewer")
    page = client.get("/organise/test-2026/").get_data(as_text=True)
    by_day = page.split("By day", 1)[1].split("</table>", 1)[0]
    rows = [text(r) for r in re.findall(r"<tr>(.*?)</tr>", by_day, re.S)][1:]
    # film-2 at 02:00 on the 20th belongs to the evening of the 19th (days run from 04:00).
    assert rows == [
        "Sunday 18 October 1 0",
        "Monday 19 October 3 0",
        "Wednesday 21 October 0 1",
    ]
    by_venue = page.split("By venue", 1)[1].split("</table>", 1)[0]
    rows = [text(r) for r in re.findall(r"<tr>(.*?)</tr>", by_venue, re.S)][1:]
    assert rows == ["Hall hall 3 1", "Yard yard 1 0"]
    assert 'Sessions <span class="muted">· 4 · 1 cancelled</span>' in page


def test_dashboard_hands_out_links_with_qr_codes_and_rotates_a_token(
    app: Flask, client: FlaskClient
) -> None:
    store(demo_data())
    old = db.session.scalar(select(Delegation.token).where(Delegation.key == "xian"))
    csrf = sign_in(client, "organiser")
    page = client.get("/organise/isfahan-2026/").get_data(as_text=True)
    assert 'value="http://localhost/f/isfahan-2026/calendar.ics"' in page
    assert f'value="http://localhost/d/{old}/"' in page
    assert f'value="http://localhost/d/{old}/calendar.ics"' in page
    assert page.count('<svg role="img"') == 2 + 2 * 6
    response = client.post(
        "/organise/isfahan-2026/delegations/xian/token", data={"csrf_token": csrf}
    )
    assert (response.status_code, response.location) == (
        303,
        "/organise/isfahan-2026/#delegation-xian",
    )
    new = db.session.scalar(select(Delegation.token).where(Delegation.key == "xian"))
    assert new != old
    assert client.get(f"/d/{old}/").status_code == 404
    assert client.get(f"/d/{new}/").status_code == 200
    assert f'value="http://localhost/d/{new}/calendar.ics"' in client.get(
        "/organise/isfahan-2026/"
    ).get_data(as_text=True)
    missing = client.post(
        "/organise/isfahan-2026/delegations/nope/token", data={"csrf_token": csrf}
    )
    assert missing.status_code == 404


def test_dashboard_links_to_the_preview_of_a_draft(app: Flask, client: FlaskClient) -> None:
    store(festival_data(festival={"published": False}))
    sign_in(client, "viewer")
    page = client.get("/organise/test-2026/").get_data(as_text=True)
    assert (
        '<a class="button secondary" href="/f/test-2026/">Preview the public programme</a>' in page
    )
    assert "Publish" not in page.split("<main", 1)[1].split("What festival check finds")[0]
    assert client.get("/organise/nope/").status_code == 404


def test_export_downloads_the_data_file(app: Flask, client: FlaskClient) -> None:
    store(demo_data())
    sign_in(client, "viewer")
    response = client.get("/organise/isfahan-2026/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="isfahan-2026.json"'
    runner = app.test_cli_runner()
    assert json.loads(response.data) == json.loads(
        runner.invoke(args=["export", "isfahan-2026"]).stdout
    )
    assert client.get("/organise/nope/export").status_code == 404


def test_dashboard_shows_errors_first_and_links_a_hold_as_a_hold(
    app: Flask, client: FlaskClient
) -> None:
    # A shared venue allows the overlap; made exclusive afterwards, the stored festival has
    # an error (as when a rule tightens): the dashboard must show it first.
    festival = store(
        festival_data(
            venues=[venue("hall", shared=True, capacity=10)],
            events=[
                event(
                    "talk",
                    session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                    expected_attendance=20,
                )
            ],
            venue_holds=[
                {
                    "key": "hold-1",
                    "venue": "hall",
                    "starts_at": "2026-10-18T10:30",
                    "ends_at": "2026-10-18T12:00",
                }
            ],
        )
    )
    festival.venues[0].shared = False
    festival.touch(NOW)
    db.session.commit()
    sign_in(client, "viewer")
    page = client.get("/organise/test-2026/").get_data(as_text=True)
    assert re.findall(r'<h3 id="code-([a-z-]+)">', page) == [
        "venue-double-booking",
        "over-capacity",
    ]
    assert (
        'sessions=<a href="/organise/test-2026/sessions/talk-1">talk-1</a>,'
        '<a href="/organise/test-2026/holds/hold-1">hold-1</a>' in page
    )
    assert "1 error<" in page and "1 warning<" in page
    assert "1 error<" in client.get("/organise/").get_data(as_text=True)


def test_the_workspace_reads_right_to_left_in_persian_and_remembers_it(
    app: Flask, client: FlaskClient
) -> None:
    store(warned())
    sign_in(client, "viewer")
    page = client.get("/organise/?lang=fa").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    assert "۲۶ مهر – ۲ آبان ۱۴۰۵" in page
    assert '<span class="badge warning" dir="auto">۳ هشدار</span>' in page
    dashboard = client.get("/organise/test-2026/").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in dashboard
    assert "یکشنبه ۲۶ مهر" in dashboard
    english = client.get("/organise/?lang=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english
    assert client.get("/organise/?lang=not_a_tag!").status_code == 200
