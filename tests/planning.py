"""A festival whose arrivals and departures still need transfers: the planner's test data."""

from __future__ import annotations

from typing import Any

from tests.factories import festival_data


def member_list(prefix: str, count: int) -> list[dict[str, Any]]:
    return [{"key": f"{prefix}-{i}", "name": f"{prefix.title()} {i}"} for i in range(count)]


def delegation(
    key: str,
    people: int,
    *,
    hotel: str = "abbasi",
    arrival: str | None = None,
    departure: str | None = None,
    place: str = "IFN",
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "key": key,
        "partner_city": "xian",
        "name": f"{key.title()} Delegation",
        "hotel": hotel,
        "members": member_list(key, people),
    }
    if arrival:
        item["arrival"] = {"at": arrival, "transport": "flight", "reference": "XY1", "place": place}
    if departure:
        item["departure"] = {"at": departure, "transport": "flight", "place": place}
    return item


def plan_data(
    *extra: dict[str, Any], vehicles: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Xi'an (3) and Kyoto (2) land at IFN 15 minutes apart for the Abbasi: one shared van;
    Bukhara (4) comes by train to the Kowsar; Xi'an leaves on the 24th. A van of 8 and a car
    of 3; one transfer already carries Tabriz."""
    return festival_data(
        hotels=[{"key": "abbasi", "name": "Abbasi Hotel"}, {"key": "kowsar", "name": "Kowsar"}],
        delegations=[
            delegation("xian", 3, arrival="2026-10-17T22:40", departure="2026-10-24T09:10"),
            delegation("kyoto", 2, arrival="2026-10-17T22:55"),
            delegation("bukhara", 4, hotel="kowsar", arrival="2026-10-18T08:00", place="RAIL"),
            delegation("tabriz", 2, arrival="2026-10-17T20:00"),
            *extra,
        ],
        vehicles=vehicles
        or [
            {"key": "van", "name": "Van", "seats": 8, "driver": "Reza"},
            {"key": "car", "name": "Car", "seats": 3},
        ],
        transfers=[
            {
                "key": "arr-tabriz",
                "vehicle": "van",
                "delegations": ["tabriz"],
                "from": "IFN",
                "to": "abbasi",
                "starts_at": "2026-10-17T20:10",
                "ends_at": "2026-10-17T21:00",
            }
        ],
    )


# What the planner proposes for ``plan_data()`` with the default window and trip.
PLANNED = [
    "arr-kyoto\tarrival\t2026-10-17T22:55+03:30..23:55+03:30\tIFN -> abbasi\tvan\t5/8 seats\t"
    "kyoto,xian",
    "arr-bukhara\tarrival\t2026-10-18T08:00+03:30..09:00+03:30\tRAIL -> kowsar\tvan\t4/8 seats\t"
    "bukhara",
    "dep-xian\tdeparture\t2026-10-24T07:25+03:30..08:25+03:30\tabbasi -> IFN\tcar\t3/3 seats\txian",
]
