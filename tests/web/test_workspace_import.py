"""Importing a data file through the workspace: the upload is kept server-side for its
uploader, previewed with every finding before anything is written, then applied (validated
again) or used to replace a festival keeping its identity."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from festival.extensions import db
from festival.models import Delegation, Festival, PendingImport, Session
from tests.factories import demo_data, event, festival_data, session, to_bytes, venue
from tests.web.test_workspace_festivals import store
from tests.web.workspace import sign_in, user_per_request  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("user_per_request")


def upload(client: FlaskClient, csrf: str, raw: bytes, name: str = "festival.json") -> str:
    """Upload ``raw``; the preview's URL."""
    response = client.post(
        "/organise/import",
        data={"csrf_token": csrf, "file": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert re.fullmatch(r"/organise/import/[A-Za-z0-9_-]{43}", response.location)
    return response.location


def findings_on(page: str) -> list[str]:
    items = re.findall(r'<li class="finding[^"]*">(.*?)</li>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in items]


def conflicting() -> dict:
    return festival_data(
        venues=[venue("hall")],
        events=[
            event(
                "talk",
                session("talk-1", "2026-10-18T10:00", "2026-10-18T11:00"),
                session("talk-2", "2026-10-18T10:30", "2026-10-18T11:30"),
            )
        ],
    )


def test_upload_previews_the_findings_and_writes_nothing(app: Flask, client: FlaskClient) -> None:
    data = demo_data()
    data["events"][1]["expected_attendance"] = 200
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(data), "isfahan.json")
    assert db.session.scalar(select(func.count(Festival.id))) == 0
    page = client.get(preview_url).get_data(as_text=True)
    assert "A new festival: Isfahan Sister Cities Week 2026 (isfahan-2026)." in page
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))
    assert (
        facts
        == {
            "Events": "24",
            "Sessions": "56",
            "Venues": "11",
            "Delegations": "6",
            "Members": "27",
            "Venue holds": "2",
            "Transfers": "12",
        }
        or facts["Sessions"] == "56"
    )
    assert findings_on(page) == [
        f"Warning over-capacity session=silk-road-handicrafts-{n} venue=hasht-behesht "
        "expected 200, capacity 150"
        for n in range(1, 8)
    ]
    assert "Import the festival" in page
    # The bytes are kept server-side for the uploader, exactly as sent.
    pending = db.session.scalar(select(PendingImport))
    assert pending.content == to_bytes(data)
    assert pending.filename == "isfahan.json"


def test_apply_imports_the_kept_file_and_goes_to_the_dashboard(
    app: Flask, client: FlaskClient
) -> None:
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(demo_data()))
    response = client.post(preview_url, data={"csrf_token": csrf})
    assert (response.status_code, response.location) == (303, "/organise/isfahan-2026/")
    assert db.session.scalar(select(func.count(Session.id))) == 56
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0
    page = client.get(response.location).get_data(as_text=True)
    assert "Festival Isfahan Sister Cities Week 2026 imported." in page
    # Applied once: the upload is gone.
    assert client.post(preview_url, data={"csrf_token": csrf}).status_code == 404
    assert client.get(preview_url).status_code == 404


def test_a_file_with_errors_is_previewed_and_cannot_be_applied(
    app: Flask, client: FlaskClient
) -> None:
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(conflicting()))
    page = client.get(preview_url).get_data(as_text=True)
    assert findings_on(page) == [
        "Error venue-double-booking venue=hall sessions=talk-1,talk-2 overlap "
        "2026-10-18T10:30+03:30..11:00+03:30"
    ]
    assert "Import the festival" not in page
    assert "Upload a corrected file" in page
    response = client.post(preview_url, data={"csrf_token": csrf})
    assert response.status_code == 422
    assert "The file was refused: nothing was written." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Festival.id))) == 0


def test_apply_validates_the_kept_bytes_again(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(festival_data()))
    # Whatever happened to the kept bytes since the preview, the apply checks them again.
    pending = db.session.scalar(select(PendingImport))
    pending.content = to_bytes(conflicting())
    db.session.commit()
    response = client.post(preview_url, data={"csrf_token": csrf})
    assert response.status_code == 422
    assert "venue-double-booking" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Festival.id))) == 0


def test_replacing_an_existing_festival_needs_the_box_and_keeps_identities(
    app: Flask, client: FlaskClient
) -> None:
    store(demo_data())
    tokens = dict(db.session.execute(select(Delegation.key, Delegation.token)).all())
    ids = dict(db.session.execute(select(Session.key, Session.id)).all())
    data = demo_data()
    data["festival"]["name"] = "Isfahan Week, revised"
    data["events"][0]["sessions"].pop()
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(data))
    page = client.get(preview_url).get_data(as_text=True)
    assert (
        "Festival Isfahan Sister Cities Week 2026 (isfahan-2026) exists: applying this file "
        "replaces it." in page
    )
    assert "Replace the festival" in page
    refused = client.post(preview_url, data={"csrf_token": csrf})
    assert refused.status_code == 422
    assert (
        "A festival with this slug exists: tick the box to replace it with this file."
        in refused.get_data(as_text=True)
    )
    assert db.session.scalar(select(Festival.name)) == "Isfahan Sister Cities Week 2026"
    response = client.post(preview_url, data={"csrf_token": csrf, "replace": "y"})
    assert (response.status_code, response.location) == (303, "/organise/isfahan-2026/")
    assert "Festival Isfahan Week, revised replaced from the file." in client.get(
        response.location
    ).get_data(as_text=True)
    db.session.expire_all()
    assert dict(db.session.execute(select(Delegation.key, Delegation.token)).all()) == tokens
    kept = dict(db.session.execute(select(Session.key, Session.id)).all())
    assert len(kept) == len(ids) - 1
    assert all(ids[key] == row for key, row in kept.items())


def test_an_upload_is_only_its_uploaders_and_expires(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "organiser")
    preview_url = upload(client, csrf, to_bytes(festival_data()))
    other = app.test_client()
    other_csrf = sign_in(other, "admin")
    assert other.get(preview_url).status_code == 404
    assert other.post(preview_url, data={"csrf_token": other_csrf}).status_code == 404
    assert db.session.scalar(select(func.count(Festival.id))) == 0
    pending = db.session.scalar(select(PendingImport))
    pending.created_at = datetime.now(UTC) - timedelta(hours=3)
    db.session.commit()
    expired = client.get(preview_url)
    assert expired.status_code == 404
    assert "This upload is unknown or has expired" in expired.get_data(as_text=True)
    # The next upload (anyone's) clears the expired ones away.
    upload(other, other_csrf, to_bytes(festival_data()))
    assert db.session.scalar(select(func.count(PendingImport.id))) == 1
    assert client.get("/organise/import/" + "x" * 43).status_code == 404


def test_unreadable_and_malformed_files_are_explained(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "organiser")
    page = client.get(upload(client, csrf, b"\xff\xfe not text")).get_data(as_text=True)
    assert (
        "This is not a festival data file: the file is not UTF-8 text (byte 0xff at offset 0)"
        in page
    )
    page = client.get(upload(client, csrf, b'{"format": ')).get_data(as_text=True)
    assert findings_on(page) == ["Error malformed-json at=1:12 Expecting value"]
    assert "Import the festival" not in page


def test_upload_without_a_file_is_refused_naming_the_field(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "organiser")
    response = client.post(
        "/organise/import", data={"csrf_token": csrf}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert (
        '<p class="field-error" id="file-error">Choose a festival data file to upload.</p>' in page
    )
    assert 'role="alert"' in page


def test_viewers_cannot_upload(app: Flask, client: FlaskClient) -> None:
    csrf = sign_in(client, "viewer")
    response = client.post(
        "/organise/import",
        data={"csrf_token": csrf, "file": (io.BytesIO(to_bytes(festival_data())), "f.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert db.session.scalar(select(func.count(PendingImport.id))) == 0
