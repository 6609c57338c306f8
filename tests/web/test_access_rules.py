"""Every route has an explicit access rule; organiser routes refuse everyone else."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

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
}


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
