"""Every route has an explicit access rule; organiser routes refuse everyone else."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from festival.datafile import validate_data
from festival.services.importer import import_document
from tests.factories import festival_data
from tests.web.workspace import sign_in

# endpoint -> who may call it. A new route fails this test until it is classified here.
ACCESS = {
    "static": "public",
    "health.healthz": "public",
    "auth.login": "public",
    "auth.logout": "signed-in",
    "public.index": "public",
    "public.programme": "public (published festivals)",
    "public.session": "public (published festivals)",
    "public.venue": "public (published festivals)",
    "public.city": "public (published festivals)",
    "feeds.festival_feed": "public (published festivals)",
    "feeds.session_feed": "public (published festivals)",
    "booklet.programme_pdf": "public (published festivals)",
    "delegation.itinerary": "delegation token",
    "feeds.delegation_feed": "delegation token",
    "booklet.itinerary_pdf": "delegation token",
    "api.openapi": "public",
    "api.list_sessions": "public; everything with a bearer token",
    "api.create_session": "organiser or admin bearer token",
    "api.change_session": "organiser or admin bearer token",
    "api.remove_session": "organiser or admin bearer token",
    "api.free_slots": "any user's bearer token or a signed-in session",
    # The organiser workspace: every route refuses anonymous callers (302 to /login) and a
    # viewer's writes (403); "workspace: admin" routes refuse organisers and viewers too.
    "organise.home": "workspace: signed-in",
    "organise.dashboard": "workspace: signed-in",
    "organise.export": "workspace: signed-in",
    # reports carry personal data: signed-in users only (viewers too), never anonymous
    "organise.reports": "workspace: signed-in",
    "organise.report_file": "workspace: signed-in",
    "organise.arrivals_board": "workspace: signed-in",
    "organise.festival_new": "workspace: signed-in",
    "organise.import_upload_form": "workspace: signed-in",
    "organise.import_preview": "workspace: signed-in (own uploads)",
    "organise.tokens": "workspace: signed-in",
    "organise.festival_create": "workspace: organiser or admin",
    "organise.publish": "workspace: organiser or admin",
    "organise.unpublish": "workspace: organiser or admin",
    "organise.rotate_delegation_token": "workspace: organiser or admin",
    "organise.import_upload": "workspace: organiser or admin",
    "organise.import_apply": "workspace: organiser or admin (own uploads)",
    "organise.token_create": "workspace: signed-in, own account",
    "organise.token_revoke": "workspace: signed-in, own account (admins: anyone's)",
    "organise.users": "workspace: admin",
    "organise.user_create": "workspace: admin",
    "organise.user_edit": "workspace: admin",
    "organise.user_role": "workspace: admin",
    "organise.user_active": "workspace: admin",
    "organise.user_password": "workspace: admin",
    # Entity pages: read by every signed-in user, written by organisers and admins.
    "organise.venue_list": "workspace: signed-in",
    "organise.venue_new": "workspace: signed-in",
    "organise.venue_edit": "workspace: signed-in",
    "organise.venue_create": "workspace: organiser or admin",
    "organise.venue_update": "workspace: organiser or admin",
    "organise.venue_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.hold_list": "workspace: signed-in",
    "organise.hold_new": "workspace: signed-in",
    "organise.hold_edit": "workspace: signed-in",
    "organise.hold_create": "workspace: organiser or admin",
    "organise.hold_update": "workspace: organiser or admin",
    "organise.hold_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.partner_city_list": "workspace: signed-in",
    "organise.partner_city_new": "workspace: signed-in",
    "organise.partner_city_edit": "workspace: signed-in",
    "organise.partner_city_create": "workspace: organiser or admin",
    "organise.partner_city_update": "workspace: organiser or admin",
    "organise.partner_city_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.hotel_list": "workspace: signed-in",
    "organise.hotel_new": "workspace: signed-in",
    "organise.hotel_edit": "workspace: signed-in",
    "organise.hotel_create": "workspace: organiser or admin",
    "organise.hotel_update": "workspace: organiser or admin",
    "organise.hotel_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.delegation_list": "workspace: signed-in",
    "organise.delegation_new": "workspace: signed-in",
    "organise.delegation_edit": "workspace: signed-in",
    "organise.delegation_create": "workspace: organiser or admin",
    "organise.delegation_update": "workspace: organiser or admin",
    "organise.delegation_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.member_list": "workspace: signed-in",
    "organise.member_new": "workspace: signed-in",
    "organise.member_edit": "workspace: signed-in",
    "organise.member_create": "workspace: organiser or admin",
    "organise.member_update": "workspace: organiser or admin",
    "organise.member_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    # Erasing a member's personal data: the confirm page and the erasure, admins only.
    "organise.member_erase": "workspace: admin",
    "organise.event_list": "workspace: signed-in",
    "organise.event_new": "workspace: signed-in",
    "organise.event_edit": "workspace: signed-in",
    "organise.event_create": "workspace: organiser or admin",
    "organise.event_update": "workspace: organiser or admin",
    "organise.event_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.session_list": "workspace: signed-in",
    "organise.grid": "workspace: signed-in",
    "organise.session_new": "workspace: signed-in",
    "organise.session_edit": "workspace: signed-in",
    "organise.session_create": "workspace: organiser or admin",
    "organise.session_update": "workspace: organiser or admin",
    "organise.session_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.vehicle_list": "workspace: signed-in",
    "organise.vehicle_new": "workspace: signed-in",
    "organise.vehicle_edit": "workspace: signed-in",
    "organise.vehicle_create": "workspace: organiser or admin",
    "organise.vehicle_update": "workspace: organiser or admin",
    "organise.vehicle_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.interpreter_list": "workspace: signed-in",
    "organise.interpreter_new": "workspace: signed-in",
    "organise.interpreter_edit": "workspace: signed-in",
    "organise.interpreter_create": "workspace: organiser or admin",
    "organise.interpreter_update": "workspace: organiser or admin",
    "organise.interpreter_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.transfer_list": "workspace: signed-in",
    "organise.transfer_new": "workspace: signed-in",
    "organise.transfer_edit": "workspace: signed-in",
    "organise.transfer_create": "workspace: organiser or admin",
    "organise.transfer_update": "workspace: organiser or admin",
    "organise.transfer_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.transfer_plan": "workspace: signed-in",
    "organise.transfer_plan_apply": "workspace: organiser or admin",
    "organise.assignment_list": "workspace: signed-in",
    "organise.assignment_new": "workspace: signed-in",
    "organise.assignment_edit": "workspace: signed-in",
    "organise.assignment_create": "workspace: organiser or admin",
    "organise.assignment_update": "workspace: organiser or admin",
    "organise.assignment_delete": "workspace: signed-in (GET), organiser or admin (POST)",
    "organise.venue_hold_list": "workspace: signed-in",
    "organise.venue_hold_edit": "workspace: signed-in",
    "organise.interpreter_assignment_list": "workspace: signed-in",
    "organise.interpreter_assignment_edit": "workspace: signed-in",
    "organise.settings_edit": "workspace: signed-in",
    "organise.festival_edit": "workspace: signed-in",
    "organise.settings_update": "workspace: organiser or admin",
    "organise.history": "workspace: signed-in",
    "organise.entity_history": "workspace: signed-in",
}

WORKSPACE_ROLES = ("viewer", "organiser", "admin")


def test_every_route_has_an_access_rule(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "classify the new routes in ACCESS"
    assert set(ACCESS) - endpoints == set()


def test_organiser_routes_refuse_anonymous_callers(app: Flask, client: FlaskClient) -> None:
    writes = [r for r in app.url_map.iter_rules() if ACCESS[r.endpoint].startswith("organiser")]
    assert writes
    for rule in writes:
        url = rule.rule.replace("<slug>", "any").replace("<key>", "any")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(url, method=method, json={})
            assert response.status_code == 401, (method, url)


def test_token_routes_answer_404_to_unknown_tokens(app: Flask, client: FlaskClient) -> None:
    for rule in app.url_map.iter_rules():
        if ACCESS[rule.endpoint] == "delegation token":
            url = rule.rule.replace("<token>", "x" * 32)
            assert client.get(url).status_code == 404, url


def test_logout_needs_a_signed_in_user_and_a_csrf_token(client: FlaskClient) -> None:
    assert client.post("/logout").status_code in (400, 401)


def _workspace_rules(app: Flask) -> list[Rule]:
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("organise.")]
    assert all(ACCESS[r.endpoint].startswith("workspace: ") for r in rules)
    return rules


def _url(rule: Rule, slug: str) -> str:
    url = rule.rule.replace("<slug>", slug)
    for argument in rule.arguments - {"slug"}:
        url = url.replace(f"<{argument}>", "any").replace(f"<int:{argument}>", "999999")
        url = url.replace(f"<path:{argument}>", "any")
    # A fixed-length segment (an upload's id) takes a value of that length.
    return re.sub(r"<string\(length=(\d+)\):\w+>", lambda m: "a" * int(m.group(1)), url)


def _methods(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def test_workspace_sends_anonymous_callers_to_sign_in(app: Flask, client: FlaskClient) -> None:
    for rule in _workspace_rules(app):
        url = _url(rule, "any")
        for method in _methods(rule):
            response = client.open(url, method=method)
            if method == "GET":
                assert (response.status_code, response.location) == (
                    302,
                    f"/login?next={url}",
                ), url
            else:
                # A write without a session fails the CSRF check (400) or is sent to sign in.
                assert response.status_code in (302, 400), (method, url)
                assert client.open(url, method=method, data={}).status_code in (302, 400)


@pytest.mark.parametrize("role", WORKSPACE_ROLES)
def test_workspace_routes_answer_each_role_by_its_rule(
    app: Flask, client: FlaskClient, role: str
) -> None:
    doc, findings = validate_data(festival_data(festival={"published": False}))
    import_document(
        doc, findings, replace=False, now=datetime(2026, 1, 1, tzinfo=UTC), actor="tests"
    )
    csrf = sign_in(client, role)
    for rule in _workspace_rules(app):
        rule_text = ACCESS[rule.endpoint]
        for method in _methods(rule):
            url = _url(rule, "test-2026")
            response = client.open(url, method=method, data={"csrf_token": csrf})
            status = response.status_code
            admin_only = rule_text == "workspace: admin" and role != "admin"
            viewer_write = method != "GET" and role == "viewer" and "own account" not in rule_text
            if admin_only or viewer_write:
                assert status == 403, (role, method, url)
            else:
                assert status in (200, 302, 303, 404, 409, 422), (role, method, url, status)
            # Signed in but still no CSRF token: refused before anything else happens.
            if method != "GET":
                assert client.open(url, method=method, data={}).status_code in (400, 403)
