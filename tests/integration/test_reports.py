"""``festival report``: CSV for the hotel, the drivers, the caterers and the interpreters."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask.testing import FlaskCliRunner

from tests.factories import festival_data, to_bytes


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def load(runner: FlaskCliRunner, tmp_path: Path) -> None:
    data = festival_data(
        hotels=[{"key": "abbasi", "name": "Abbasi"}, {"key": "kowsar", "name": "Kowsar"}],
        delegations=[
            {
                "key": "xian",
                "partner_city": "xian",
                "hotel": "abbasi",
                "arrival": {"at": "2026-10-17T22:40", "place": "IFN"},
                "departure": {"at": "2026-10-24T09:10", "place": "IFN"},
                "members": [
                    {"key": "li", "name": "Li Wei", "dietary": "halal", "room": "214"},
                    {
                        "key": "zhang",
                        "name": "Zhang Min",
                        "dietary": "Halal",
                        "room": "101",
                        "hotel": "kowsar",
                    },
                    {"key": "chen", "name": "Chen Jing"},
                ],
            }
        ],
        vehicles=[{"key": "van", "seats": 8}],
        interpreters=[{"key": "sara", "name": "Sara", "languages": ["fa", "zh"]}],
        transfers=[
            {
                "key": "arr",
                "vehicle": "van",
                "delegations": ["xian"],
                "from": "IFN",
                "to": "abbasi",
                "starts_at": "2026-10-17T23:10",
                "ends_at": "2026-10-17T23:50",
            }
        ],
        interpreter_assignments=[
            {"key": "ia-1", "interpreter": "sara", "delegation": "xian", "session": "opening-1"}
        ],
    )
    data["events"][0]["delegations"] = ["xian"]
    path = tmp_path / "f.json"
    path.write_bytes(to_bytes(data))
    assert runner.invoke(args=["import", str(path)]).exit_code == 0


def test_reports(runner: FlaskCliRunner, tmp_path: Path) -> None:
    load(runner, tmp_path)
    rooming = runner.invoke(args=["report", "rooming", "test-2026"])
    assert rooming.exit_code == 0
    assert rows(rooming.stdout) == [
        {
            "hotel": "abbasi",
            "room": "",
            "delegation": "xian",
            "member": "Chen Jing",
            "check_in": "2026-10-17",
            "check_out": "2026-10-24",
        },
        {
            "hotel": "abbasi",
            "room": "214",
            "delegation": "xian",
            "member": "Li Wei",
            "check_in": "2026-10-17",
            "check_out": "2026-10-24",
        },
        {
            "hotel": "kowsar",
            "room": "101",
            "delegation": "xian",
            "member": "Zhang Min",
            "check_in": "2026-10-17",
            "check_out": "2026-10-24",
        },
    ]
    transfers = rows(runner.invoke(args=["report", "transfers", "test-2026"]).stdout)
    assert [(r["transfer"], r["starts_at"], r["vehicle"], r["member"]) for r in transfers] == [
        ("arr", "2026-10-17T23:10+03:30", "van", "Li Wei"),
        ("arr", "2026-10-17T23:10+03:30", "van", "Zhang Min"),
        ("arr", "2026-10-17T23:10+03:30", "van", "Chen Jing"),
    ]
    dietary = rows(runner.invoke(args=["report", "dietary", "test-2026"]).stdout)
    assert [(r["session"], r["dietary"], r["count"]) for r in dietary] == [
        ("opening-1", "halal", "2"),
        ("opening-1", "none", "1"),
    ]
    interpreters = rows(runner.invoke(args=["report", "interpreters", "test-2026"]).stdout)
    assert interpreters == [
        {
            "assignment": "ia-1",
            "interpreter": "sara",
            "name": "Sara",
            "languages": "fa zh",
            "delegation": "xian",
            "session": "opening-1",
            "starts_at": "2026-10-18T10:00+03:30",
            "ends_at": "2026-10-18T11:00+03:30",
        }
    ]
    assert runner.invoke(args=["report", "rooming", "nope"]).exit_code == 1
    assert runner.invoke(args=["report", "menu", "test-2026"]).exit_code == 2
