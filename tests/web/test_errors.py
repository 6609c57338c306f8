"""What a user caused is answered by the registered handlers: a page outside the API, never a
stack trace; the API's answers are problems (tests/web/test_api.py)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from festival.errors import (
    BadRequest,
    ConfigurationError,
    FestivalError,
    InvalidOption,
    NotFound,
    SchedulingConflict,
    Unreadable,
    ValidationFailed,
)
from festival.exports.booklet import PrintOptionError
from festival.exports.print_fetcher import RefusedURL
from festival.queries.filters import BadFilter
from tests.factories import festival_data
from tests.icalcheck import store


def test_a_bad_option_on_a_page_is_a_400_page_saying_what_is_wrong(
    app: Flask, client: FlaskClient
) -> None:
    store(festival_data())
    response = client.get("/f/test-2026/calendar.ics?kind=Not+a+key")
    assert (response.status_code, response.mimetype) == (400, "text/html")
    page = response.get_data(as_text=True)
    assert "<h1>400 Bad Request</h1>" in page
    assert "filter values are keys: lowercase letters, digits and hyphens" in page


@pytest.mark.parametrize(
    ("error", "status", "exit_code"),
    [
        (BadFilter, 400, 2),
        (PrintOptionError, 400, 2),
        (Unreadable, 400, 2),
        (ConfigurationError, 500, 2),
        (NotFound, 404, 1),
        (ValidationFailed, 422, 1),
        (SchedulingConflict, 409, 1),
    ],
)
def test_every_error_a_user_causes_is_a_festival_error_with_its_answers(
    error: type[FestivalError], status: int, exit_code: int
) -> None:
    assert issubclass(error, FestivalError)
    assert (error.status, error.exit_code) == (status, exit_code)


def test_options_are_bad_requests_and_a_refused_url_is_no_users_error() -> None:
    assert issubclass(BadFilter, InvalidOption) and issubclass(PrintOptionError, InvalidOption)
    assert issubclass(InvalidOption, BadRequest)
    # WeasyPrint catches it inside a render; it never reaches a view (see festival.errors).
    assert not issubclass(RefusedURL, FestivalError)
