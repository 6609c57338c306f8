"""Hostile input on every route of the route table, every way in, as every kind of caller:
never a 5xx. Text no database can store answers 404 in a URL, 400 in a query or a form and
422 (naming the member) in the API's JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.routing import Rule

from festival.datafile import validate_data
from festival.extensions import db
from festival.models import Delegation, User
from festival.services.accounts import create_api_token
from festival.services.importer import import_document
from tests.conftest import make_app
from tests.factories import event, festival_data, session, venue

SLUG = "test-2026"
API = f"/api/v1/festivals/{SLUG}/sessions"

# Path segments and query values, as sent on the wire (percent-encoded where they must be).
HOSTILE_SEGMENTS = {
    "nul": "x%00",
    "nul-alone": "%00",
    "crlf": "x%0D%0ASet-Cookie:%20a=b",
    "newline": "opening-1%0A",
    "lone-surrogate": "x%ED%A0%80",
    "overlong-nul": "x%C0%80",
    "bad-utf8": "%FF%FE",
    "control": "x%1B%5B31m",
    "long": "a" * 3000,
    "non-ascii": quote("تهران-۲۰۲۶"),
    "dots": "..",
    "encoded-slash": "a%2Fb",
}
SINGLY = ("nul", "crlf", "newline", "lone-surrogate", "long", "non-ascii")
HOSTILE_TEXT = {
    "nul": "x\x00",
    "lone-surrogate": "x\ud800",
    "crlf": "x\r\nSet-Cookie: a=b",
    "newline": "opening-1\n",
    "long": "a" * 20_000,
    "non-ascii": "تهران-۲۰۲۶",
    "control": "x\x1b[31m",
}
QUERY_NAMES = (
    "lang",
    "day",
    "kind",
    "venue",
    "city",
    "paper",
    "imposition",
    "next",
    "duration",
    "from",
    "to",
    "requires",
    "delegation",
    "capacity",
)
FORM_NAMES = ("email", "password", "csrf_token", "key", "event", "venue", "next")
API_MEMBERS = ("key", "event", "venue", "starts_at", "ends_at", "status")


@dataclass
class Caller:
    """One kind of caller: a bearer token, a signed-in session, or nobody."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    user_email: str | None = None
    ident: str | None = None


@dataclass
class Walk:
    app: Flask
    client: FlaskClient
    callers: list[Caller]
    values: dict[str, str]
    failures: list[str] = field(default_factory=list)
    count: int = 0

    def send(self, caller: Caller, method: str, url: str, **kwargs: Any) -> int:
        client = self.client
        client.delete_cookie("session")
        if caller.user_email:
            if caller.ident is None:  # first use, or after a sign-out raised the version
                with self.app.app_context():
                    user = db.session.scalar(select(User).where(User.email == caller.user_email))
                    caller.ident = user.get_id()
                    db.session.remove()
            with client.session_transaction() as flask_session:
                flask_session["_user_id"] = caller.ident
                flask_session["_fresh"] = True
            if url.startswith("/logout"):
                caller.ident = None
        headers = {**caller.headers, **kwargs.pop("headers", {})}
        self.count += 1
        try:
            response = client.open(url, method=method, headers=headers, **kwargs)
            status = response.status_code
            response.close()
        except Exception as exc:  # noqa: BLE001  (the test reports every failure at once)
            self.failures.append(f"{caller.name} {method} {url[:120]!r}: {exc!r}"[:400])
            return 500
        if status >= 500:
            self.failures.append(f"{caller.name} {method} {url[:120]!r}: {status}")
        return status


def valid_value(rule: Rule, name: str, values: dict[str, str]) -> str:
    if name == "key":
        if "/venues/" in rule.rule:
            return "hall"
        if "/cities/" in rule.rule:
            return "xian"
        return "opening-1"
    return values[name]


def url_for_rule(rule: Rule, values: dict[str, str], hostile: tuple[str, str] | None = None) -> str:
    """The rule's URL, every variable valid except ``hostile`` (name, raw segment)."""
    url = rule.rule
    for name in rule.arguments:
        raw = hostile[1] if hostile and hostile[0] == name else valid_value(rule, name, values)
        for pattern in (f"<path:{name}>", f"<int:{name}>", f"<{name}>"):
            url = url.replace(pattern, raw)
        url = re.sub(rf"<string\(length=\d+\):{name}>", lambda _m, raw=raw: raw, url)
    return url


def methods(rule: Rule) -> list[str]:
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def festival_file() -> dict[str, Any]:
    return festival_data(
        venues=[venue("hall")],
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "name": "Xi'an Delegation",
                "hotel": "abbasi",
                "arrival": {"at": "2026-10-17T22:40", "transport": "flight", "place": "IFN"},
                "members": [{"key": "li-wei", "name": "Li Wei", "dietary": "halal"}],
            }
        ],
        events=[
            event(
                "opening",
                session("opening-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                kind="ceremony",
                partner_cities=["xian"],
                delegations=["xian"],
            ),
            event(
                "secret",
                session("secret-1", "2026-10-19T10:00", "2026-10-19T11:00"),
                public=False,
            ),
        ],
    )


@pytest.fixture
def walk(database_url: str) -> Iterator[Walk]:
    # CSRF off: the hostile values must reach the views' own handling, not stop at the
    # missing token (the sign-in tests check the CSRF path).
    app = make_app(database_url, WTF_CSRF_ENABLED=False)
    with app.app_context():
        if database_url.startswith("sqlite"):
            db.create_all()
        doc, findings = validate_data(festival_file())
        import_document(doc, findings, replace=False, now=datetime.now(UTC), actor="tests")
        callers = [Caller("anonymous")]
        for role in ("viewer", "organiser"):
            user = User(email=f"{role}@example.org", role=role, created_at=datetime.now(UTC))
            user.set_password("a long passphrase")
            db.session.add(user)
            db.session.flush()
            token = create_api_token(user.email, now=datetime.now(UTC))
            callers.append(Caller(f"{role}-token", {"Authorization": f"Bearer {token}"}))
            callers.append(Caller(f"{role}-session", user_email=user.email))
        token = db.session.scalar(select(Delegation.token))
        db.session.commit()
        values = {
            "slug": SLUG,
            "token": token,
            "filename": "festival.css",
            "kind": "session",  # a history page's entity kind
            "delegation": "xian",  # a member's delegation
            "ident": "x" * 43,  # an upload waiting for its apply
            "user_id": "1",
            "token_id": "1",
        }
        yield Walk(app, app.test_client(), callers, values)
        db.session.remove()
        db.engine.dispose()


def rules(app: Flask) -> list[Rule]:
    found = sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint))
    assert len(found) >= 20, "the walk must cover the route table"
    return found


def test_every_route_survives_hostile_path_segments(walk: Walk) -> None:
    for rule in rules(walk.app):
        for name in rule.arguments:
            for label, raw in HOSTILE_SEGMENTS.items():
                url = url_for_rule(rule, walk.values, (name, raw))
                for caller in walk.callers:
                    for method in methods(rule):
                        status = walk.send(caller, method, url, json={})
                        if label in ("nul", "nul-alone"):
                            assert status == 404, (caller.name, method, url)
    assert walk.failures == []
    assert walk.count > 1000


def test_every_route_survives_hostile_query_strings(walk: Walk) -> None:
    for rule in rules(walk.app):
        url = url_for_rule(rule, walk.values)
        for label, raw in HOSTILE_SEGMENTS.items():
            query = "&".join(f"{name}={raw}" for name in QUERY_NAMES)
            for caller in walk.callers:
                for method in methods(rule):
                    status = walk.send(caller, method, f"{url}?{query}", json={})
                    if label in ("nul", "nul-alone"):
                        assert status == 400, (caller.name, method, url, label)
            # One hostile parameter at a time, the others absent: each reaches its own check.
            if label in SINGLY:
                for name in QUERY_NAMES:
                    walk.send(walk.callers[-1], methods(rule)[0], f"{url}?{name}={raw}")
        # A query string that is one long unnamed blob, or repeats a name many times.
        for query in ("x" * 5000, "&".join(["kind=talk"] * 200), "lang=" + quote("فا")):
            walk.send(walk.callers[0], methods(rule)[0], f"{url}?{query}")
    assert walk.failures == []


def wire(text: str) -> str:
    """Percent-encoded UTF-8 as a client puts it on the wire (a lone surrogate as its bytes)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def form_body(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "data": "&".join(f"{wire(name)}={wire(value)}" for name, value in pairs),
        "content_type": "application/x-www-form-urlencoded",
    }


def form_bodies() -> Iterator[tuple[str, dict[str, Any]]]:
    for label, text in HOSTILE_TEXT.items():
        yield label, form_body([(name, text) for name in FORM_NAMES])
        yield f"{label}-in-name", form_body([(text, "value"), ("email", "a@example.org")])
    yield (
        "bad-utf8",
        {
            "data": b"email=%FF%FE&password=%C0%80",
            "content_type": "application/x-www-form-urlencoded",
        },
    )
    yield "multipart", {"data": {"email": "x\x00", "file": (b"\x00\xff", "x\x00.txt")}}


def json_bodies() -> Iterator[tuple[str, dict[str, Any]]]:
    for label, text in HOSTILE_TEXT.items():
        for member in API_MEMBERS:
            body = {
                "key": "new-1",
                "event": "opening",
                "venue": "hall",
                "starts_at": "2026-10-20T10:00",
                "ends_at": "2026-10-20T11:00",
                member: text,
            }
            yield f"{label}-{member}", {"data": json.dumps(body)}
        yield f"{label}-in-name", {"data": json.dumps({text: 1})}
        yield f"{label}-nested", {"data": json.dumps({"key": [{"a": text}]})}
    for value in (None, 1, 1.5, True, [], {}, [1], 10**400):
        yield f"wrong-type-{value!r}"[:40], {"data": json.dumps({m: value for m in API_MEMBERS})}
    yield "not-an-object", {"data": "[1, 2]"}
    yield "not-json", {"data": "{key: 1"}
    yield "bad-utf8", {"data": b'{"key": "\xff\xfe"}'}
    yield "deep", {"data": "[" * 100_000 + "]" * 100_000}
    yield "huge-number", {"data": '{"key": ' + "9" * 5000 + "}"}
    yield "empty", {"data": ""}


def test_every_route_survives_hostile_bodies(walk: Walk) -> None:
    for rule in rules(walk.app):
        url = url_for_rule(rule, walk.values)
        for method in methods(rule):
            if method == "GET":
                continue
            for caller in walk.callers:
                for _label, body in form_bodies():
                    walk.send(caller, method, url, **body)
                for _label, body in json_bodies():
                    walk.send(caller, method, url, content_type="application/json", **body)
    assert walk.failures == []


def organiser(walk: Walk) -> Caller:
    return next(c for c in walk.callers if c.name == "organiser-token")


def post_session(walk: Walk, **members: str) -> Any:
    body = {
        "key": "new-1",
        "event": "opening",
        "venue": "hall",
        "starts_at": "2026-10-20T10:00",
        "ends_at": "2026-10-20T11:00",
        **members,
    }
    return walk.client.post(
        API, data=json.dumps(body), content_type="application/json", headers=organiser(walk).headers
    )


def test_api_names_the_member_that_cannot_be_stored(walk: Walk) -> None:
    for member in ("key", "event", "venue", "starts_at", "status"):
        for text, char in (("silk\x00", "U+0000"), ("silk\ud800", "U+D800")):
            response = post_session(walk, **{member: text})
            assert response.status_code == 422, (member, text)
            assert response.get_json() == {
                "error": "invalid",
                "fields": {member: f"contains a character that cannot be stored ({char})"},
                "findings": [],
            }


def test_api_names_a_nested_member_and_a_member_name(walk: Walk) -> None:
    body = '{"key": "k", "extra": [{"a\\u0000": "x"}], "event": "\\ud800"}'
    response = walk.client.post(
        API, data=body, content_type="application/json", headers=organiser(walk).headers
    )
    assert response.status_code == 422
    assert response.get_json()["fields"] == {
        "extra[0].a\\x00": "contains a character that cannot be stored (U+0000)",
        "event": "contains a character that cannot be stored (U+D800)",
    }


def test_api_refuses_over_long_and_newline_keys_by_name(walk: Walk) -> None:
    for member, value, message in (
        ("key", "k" * 65, "lower-case letters, digits and '-', at most 64"),
        ("key", "probe-nl\n", "lower-case letters, digits and '-', at most 64"),
        ("event", "e" * 10_000, "names nothing"),
        ("venue", "v" * 10_000, "names nothing"),
    ):
        response = post_session(walk, **{member: value})
        assert response.status_code == 422, member
        assert response.get_json()["fields"] == {member: message}
    listed = walk.client.get(API, headers=organiser(walk).headers).get_json()
    assert [s["key"] for s in listed["sessions"]] == ["opening-1", "secret-1"]


def test_a_form_field_that_cannot_be_stored_is_a_clear_400(walk: Walk) -> None:
    response = walk.client.post("/login", data={"email": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400
    assert (
        "The field &#39;email&#39; contains a character that cannot be stored (U+0000)."
        in response.get_data(as_text=True)
    )


def test_a_query_value_that_cannot_be_stored_is_a_clear_400(walk: Walk) -> None:
    response = walk.client.get(f"/f/{SLUG}/?lang=fa%00")
    assert response.status_code == 400
    assert "The query parameter &#39;lang&#39;" in response.get_data(as_text=True)
    api = walk.client.get(f"{API}?x=%00")
    assert api.status_code == 400
    assert api.get_json()["message"] == (
        "The query parameter 'x' contains a character that cannot be stored (U+0000)."
    )


def test_a_url_that_cannot_be_stored_is_a_404(walk: Walk) -> None:
    for method, url in (
        ("GET", f"/f/{SLUG}%00/"),
        ("GET", f"/f/{SLUG}/sessions/opening-1%00"),
        ("GET", "/d/x%00/"),
        ("PATCH", f"{API}/opening-1%00"),
        ("DELETE", f"{API}/opening-1%00"),
    ):
        for caller in walk.callers:
            assert walk.send(caller, method, url, json={}) == 404, (caller.name, method, url)
    assert walk.failures == []


def test_api_members_fit_the_columns_they_are_stored_in() -> None:
    """What the API accepts (its schema, which the checks follow) fits the database columns."""
    from festival.models import Event, Session, Venue
    from festival.views.api_spec import openapi_document

    members = openapi_document()["components"]["schemas"]["NewSession"]["properties"]
    columns = {
        "key": Session.__table__.c.key,
        "event": Event.__table__.c.key,
        "venue": Venue.__table__.c.key,
        "status": Session.__table__.c.status,
    }
    assert set(members) == set(columns) | {"starts_at", "ends_at"}  # times are not text
    for member, column in columns.items():
        schema = members[member]
        longest = schema["maxLength"] if "maxLength" in schema else max(map(len, schema["enum"]))
        assert longest <= column.type.length, member
