"""User text in a finding cannot forge a line of ``festival check``, and keys that end in a
newline are no keys (import, API)."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner

from tests.factories import festival_data, to_bytes

FORGED = "IFN\nERROR venue-double-booking venue=hall sessions=opening-1,x forged"


def with_forged_place() -> dict:
    return festival_data(
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "hotel": "abbasi",
                "arrival": {"at": "2026-10-17T22:40", "place": FORGED},
                "members": [{"key": "li-wei", "name": "Li Wei"}],
            }
        ],
        vehicles=[{"key": "coach-1", "name": "Coach 1", "seats": 45}],
        transfers=[
            {
                "key": "other",
                "vehicle": "coach-1",
                "delegations": ["xian"],
                "from": "THR",
                "to": "abbasi",
                "starts_at": "2026-10-17T23:10",
                "ends_at": "2026-10-17T23:50",
            }
        ],
    )


def test_a_newline_in_an_arrival_place_cannot_forge_an_error_line(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "festival.json"
    path.write_bytes(to_bytes(with_forged_place()))
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    result = runner.invoke(args=["check", "test-2026"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "WARNING no-arrival-transfer delegation=xian arrives IFN\\nERROR venue-double-booking "
        "venue=hall sessions=opening-1,x forged 2026-10-17T22:40+03:30"
    ]


def test_a_slug_that_ends_in_a_newline_is_refused_on_import(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "festival.json"
    path.write_bytes(to_bytes(festival_data(festival={"slug": "x-2027\n"})))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "ERROR invalid-value at=festival.slug" in result.stderr
    assert "x-2027\\n" in result.stderr
