"""The words the XLSX and PDF reports print: titles, column headings, section facts."""

from __future__ import annotations

from festival.i18n import messages


def report_title(report: str, lang: str | None) -> str:
    text = messages(lang)
    return {
        "rooming": text.gettext("Rooming list"),
        "transfers": text.gettext("Drivers' sheets"),
        "dietary": text.gettext("Catering sheets"),
        "interpreters": text.gettext("Interpreters' schedules"),
        "arrivals": text.gettext("Arrivals and departures"),
    }[report]


def column_labels(report: str, lang: str | None) -> list[str]:
    """The headings of the spreadsheet's columns, in the CSV's order."""
    text = messages(lang)
    start, end = text.gettext("Starts"), text.gettext("Ends")
    delegation, member = text.gettext("Delegation"), text.gettext("Member")
    return {
        "rooming": [
            text.gettext("Hotel"),
            text.gettext("Room"),
            delegation,
            member,
            text.gettext("Check-in"),
            text.gettext("Check-out"),
        ],
        "transfers": [
            text.gettext("Transfer"),
            start,
            end,
            text.gettext("From"),
            text.gettext("To"),
            text.gettext("Vehicle"),
            delegation,
            member,
        ],
        "dietary": [
            text.gettext("Session"),
            start,
            text.gettext("Event"),
            text.gettext("Dietary need"),
            text.gettext("Count"),
        ],
        "interpreters": [
            text.gettext("Assignment"),
            text.gettext("Interpreter"),
            text.gettext("Name"),
            text.gettext("Languages"),
            delegation,
            text.gettext("Session"),
            start,
            end,
        ],
        "arrivals": [
            text.gettext("Arrival or departure"),
            text.gettext("Time"),
            text.gettext("Place"),
            text.gettext("Transport"),
            text.gettext("Reference"),
            delegation,
            text.gettext("People"),
            text.gettext("Transfer"),
            text.gettext("Vehicle"),
        ],
    }[report]


def fact_label(name: str, lang: str | None) -> str:
    text = messages(lang)
    return {
        "driver": text.gettext("Driver"),
        "phone": text.gettext("Phone"),
        "languages": text.gettext("Languages"),
        "delegates": text.gettext("Delegates"),
        "delegations": text.gettext("Delegations"),
        "venue": text.gettext("Venue"),
    }.get(name, name)


def movement_label(kind: str, lang: str | None) -> str:
    text = messages(lang)
    return text.gettext("Arrival") if kind == "arrival" else text.gettext("Departure")


def dietary_label(need: str, lang: str | None) -> str:
    """``none`` in words; any other need as the organisers typed it."""
    return messages(lang).gettext("no dietary need") if need == "none" else need
