"""Synthetic festivals in the festival-data/1 format, for benchmarks and load tests.

    python benchmarks/generate.py 10000 -o /tmp/f10k.json
    python benchmarks/generate.py 50000 --seed 3 > /tmp/f50k.json

``generate(sessions, seed)`` returns the data file as a dict; the same arguments always
give the same festival. The schedule is conflict-free by construction: sessions are laid
out one after another in each venue's day, with the venue's setup and teardown buffers in
between, inside its opening hours; delegations and interpreters are only booked when free;
transfers are staggered so that no vehicle is used twice at once. Festivals last 7 days,
or longer when there are too many sessions for about 8 per venue per day.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from festival.vocabulary import EventKind  # noqa: E402

KINDS = tuple(EventKind)

KIND_WEIGHTS = (3, 3, 12, 6, 16, 14, 4, 4, 32, 6)
KIND_FA = {
    "exhibition": "نمایشگاه",
    "handicraft_showcase": "نمایش صنایع دستی",
    "screening": "نمایش فیلم",
    "delegation_visit": "بازدید هیئت",
    "workshop": "کارگاه",
    "performance": "اجرا",
    "ceremony": "آیین",
    "reception": "ضیافت",
    "talk": "سخنرانی",
    "other": "رویداد",
}
KIND_EN = {
    "exhibition": "Exhibition",
    "handicraft_showcase": "Handicraft Showcase",
    "screening": "Screening",
    "delegation_visit": "Delegation Visit",
    "workshop": "Workshop",
    "performance": "Concert",
    "ceremony": "Ceremony",
    "reception": "Reception",
    "talk": "Talk",
    "other": "Gathering",
}
# Minutes of a session by kind (choices).
DURATIONS = {
    "exhibition": (180, 240),
    "handicraft_showcase": (120, 180),
    "screening": (90, 105, 120),
    "delegation_visit": (60, 90),
    "workshop": (60, 90, 120),
    "performance": (60, 90),
    "ceremony": (45, 60),
    "reception": (90, 120),
    "talk": (45, 60, 90),
    "other": (60, 90),
}
TOPICS = (
    "Silk Road Carpets",
    "Minakari Enamel",
    "Khatam Inlay",
    "Qalamkar Printing",
    "Safavid Architecture",
    "Persian Miniatures",
    "Urban Renewal",
    "Health Tourism",
    "Traditional Medicine",
    "Calligraphy",
    "Tilework Conservation",
    "Water and Gardens",
    "Youth Exchange",
    "Sister City Cuisine",
    "Documentary Film",
    "Folk Music",
    "Bridges of the Zayandeh Rud",
    "Heritage Cities",
    "Ceramics",
    "Textiles",
)
TOPICS_FA = (
    "فرش جادهٔ ابریشم",
    "میناکاری",
    "خاتم‌کاری",
    "قلمکار",
    "معماری صفوی",
    "نگارگری ایرانی",
    "نوسازی شهری",
    "گردشگری سلامت",
    "طب سنتی",
    "خوشنویسی",
    "مرمت کاشی",
    "آب و باغ",
    "تبادل جوانان",
    "آشپزی شهرهای خواهرخوانده",
    "فیلم مستند",
    "موسیقی محلی",
    "پل‌های زاینده‌رود",
    "شهرهای تاریخی",
    "سفالگری",
    "منسوجات",
)
# key, name, local name, country, time zone, language
CITIES = (
    ("xian", "Xi'an", "西安", "CN", "Asia/Shanghai", "zh"),
    ("saint-petersburg", "Saint Petersburg", "Санкт-Петербург", "RU", "Europe/Moscow", "ru"),
    ("krakow", "Kraków", "Kraków", "PL", "Europe/Warsaw", "pl"),
    ("freiburg", "Freiburg im Breisgau", "Freiburg im Breisgau", "DE", "Europe/Berlin", "de"),
    ("kuala-lumpur", "Kuala Lumpur", "Kuala Lumpur", "MY", "Asia/Kuala_Lumpur", "ms"),
    ("yerevan", "Yerevan", "Երևան", "AM", "Asia/Yerevan", "hy"),
    ("barcelona", "Barcelona", "Barcelona", "ES", "Europe/Madrid", "ca"),
    ("florence", "Florence", "Firenze", "IT", "Europe/Rome", "it"),
    ("havana", "Havana", "La Habana", "CU", "America/Havana", "es"),
    ("lahore", "Lahore", "لاہور", "PK", "Asia/Karachi", "ur"),
    ("iasi", "Iași", "Iași", "RO", "Europe/Bucharest", "ro"),
    ("dakar", "Dakar", "Dakar", "SN", "Africa/Dakar", "fr"),
    ("baalbek", "Baalbek", "بعلبك", "LB", "Asia/Beirut", "ar"),
    ("kuwait-city", "Kuwait City", "مدينة الكويت", "KW", "Asia/Kuwait", "ar"),
    ("samarkand", "Samarkand", "Samarqand", "UZ", "Asia/Samarkand", "uz"),
    ("kazan", "Kazan", "Казань", "RU", "Europe/Moscow", "ru"),
)
VENUE_NAMES = (
    "Hall",
    "Pavilion",
    "Gallery",
    "Garden",
    "Auditorium",
    "Courtyard",
    "Studio",
    "Cinema",
    "Caravanserai",
    "Library",
)
EQUIPMENT = ("projector", "screen", "sound", "stage", "microphones", "lighting", "step_free")
CAPACITIES = (40, 60, 80, 120, 150, 200, 300, 500)
SETUP = (0, 10, 15, 20, 30)
TEARDOWN = (0, 10, 15)
DAY_OPENS = 9 * 60  # the first occupation starts at 09:00
DAY_CLOSES = 23 * 60 + 30  # the last session ends by 23:30
SESSIONS_PER_VENUE_DAY = 8
FIRST_DAY = date(2026, 10, 18)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _at(day: int, minutes: int, days: list[str]) -> str:
    """Wall time ``minutes`` after midnight of festival day ``day`` (may be -1 or past the end)."""
    extra, minutes = divmod(minutes, 24 * 60)
    day += extra
    inside = 0 <= day < len(days)
    iso = days[day] if inside else (FIRST_DAY + timedelta(days=day)).isoformat()
    return f"{iso}T{minutes // 60:02d}:{minutes % 60:02d}"


def _free(busy: dict[int, list[tuple[int, int]]], slots: list[tuple[int, int, int]]) -> bool:
    for day, start, end in slots:
        for b_start, b_end in busy.get(day, ()):
            if start < b_end and b_start < end:
                return False
    return True


def _book(busy: dict[int, list[tuple[int, int]]], slots: list[tuple[int, int, int]]) -> None:
    for day, start, end in slots:
        busy.setdefault(day, []).append((start, end))


def generate(sessions: int, seed: int = 0) -> dict[str, Any]:
    """A festival-data/1 dict with exactly ``sessions`` sessions; deterministic for a seed."""
    if sessions < 0:
        raise ValueError("sessions must not be negative")
    rng = random.Random(seed)

    n_venues = max(8, math.ceil(sessions / 60))
    n_days = max(7, math.ceil(sessions / (n_venues * SESSIONS_PER_VENUE_DAY)))
    n_delegations = max(5, math.ceil(sessions / 200))
    n_hotels = max(3, math.ceil(n_delegations / 10))
    n_vehicles = max(3, math.ceil(n_delegations / 8))
    n_interpreters = max(5, math.ceil(n_delegations / 2))

    # -- partner cities, hotels, venues --------------------------------------------------
    partner_cities = []
    city_language = {}
    for i in range(n_delegations):
        key, name, local, country, tz, lang = CITIES[i % len(CITIES)]
        round_ = i // len(CITIES)
        if round_:
            key, name = f"{key}-{round_ + 1}", f"{name} {round_ + 1}"
        partner_cities.append(
            {
                "key": key,
                "name": name,
                "local_name": local,
                "country": country,
                "timezone": tz,
                "twinned_since": rng.randint(1989, 2024),
            }
        )
        city_language[key] = lang

    hotels = [
        {
            "key": f"hotel-{i + 1}",
            "name": f"Hotel {i + 1}",
            "address": f"{100 + i} Chahar Bagh Street, Isfahan",
            "latitude": round(32.60 + rng.random() * 0.08, 4),
            "longitude": round(51.62 + rng.random() * 0.10, 4),
        }
        for i in range(n_hotels)
    ]

    opening = {d: "09:00-23:30" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    venues = []
    for i in range(n_venues):
        equipment = sorted(rng.sample(EQUIPMENT, rng.randint(2, len(EQUIPMENT))))
        venue: dict[str, Any] = {
            "key": f"venue-{i + 1}",
            "name": f"{VENUE_NAMES[i % len(VENUE_NAMES)]} {i + 1}",
            "local_name": f"تالار {str(i + 1).translate(PERSIAN_DIGITS)}",
            "address": f"{10 + i} Naqsh-e Jahan Street, Isfahan",
            "latitude": round(32.60 + rng.random() * 0.08, 4),
            "longitude": round(51.62 + rng.random() * 0.10, 4),
            "capacity": rng.choice(CAPACITIES),
            "equipment": equipment,
            "setup_minutes": rng.choice(SETUP),
            "teardown_minutes": rng.choice(TEARDOWN),
            "shared": i == 0,
        }
        if i % 3:  # a third of the venues are always open
            venue["opening_hours"] = dict(opening)
        venues.append(venue)

    days = [(FIRST_DAY + timedelta(days=d)).isoformat() for d in range(n_days)]

    # -- slots: each venue's days filled one session after another -----------------------
    # per_venue[v] holds (day, start minute, end minute, kind). Sessions are handed out
    # round-robin over the (day, venue) cells so that every venue-day gets a similar share.
    cursors: dict[tuple[int, int], int] = {}
    per_venue: list[list[tuple[int, int, int, str]]] = [[] for _ in range(n_venues)]
    open_cells = [(d, v) for d in range(n_days) for v in range(n_venues)]
    placed = 0
    position = 0
    while placed < sessions:
        if not open_cells:  # every venue-day is full: add a day
            open_cells = [(n_days, v) for v in range(n_venues)]
            days.append((FIRST_DAY + timedelta(days=n_days)).isoformat())
            n_days += 1
            position = 0
        position %= len(open_cells)
        day, v = open_cells[position]
        venue = venues[v]
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        duration = rng.choice(DURATIONS[kind])
        cursor = cursors.get((day, v), DAY_OPENS)
        start = cursor + venue["setup_minutes"] + rng.choice((0, 0, 15))
        start = max(start, DAY_OPENS)
        end = start + duration
        if end > DAY_CLOSES:
            shorter = min(DURATIONS["talk"])
            end = start + shorter
            kind = "talk"
            if end > DAY_CLOSES:
                open_cells.pop(position)  # full: the next cell moves into this position
                continue
        cursors[(day, v)] = end + venue["teardown_minutes"]
        per_venue[v].append((day, start, end, kind))
        placed += 1
        position += 1

    # -- events: a venue's sessions at the same time of day on consecutive days ----------
    events: list[dict[str, Any]] = []
    delegation_keys = [c["key"] for c in partner_cities]
    delegation_busy: dict[str, dict[int, list[tuple[int, int]]]] = {k: {} for k in delegation_keys}
    interpreter_languages = []
    for i in range(n_interpreters):
        lang = city_language[delegation_keys[i % n_delegations]]
        interpreter_languages.append(
            ["fa", "en", lang] if lang not in ("fa", "en") else ["fa", "en"]
        )
    interpreter_busy: list[dict[int, list[tuple[int, int]]]] = [{} for _ in range(n_interpreters)]
    assignments: list[dict[str, Any]] = []

    event_no = 0
    for v, slots in enumerate(per_venue):
        venue = venues[v]
        slots.sort(key=lambda s: (s[1] // 120, s[0], s[1]))
        i = 0
        while i < len(slots):
            size = rng.randint(1, 5)
            group = slots[i : i + size]
            i += size
            event_no += 1
            kind = group[0][3]
            key = f"ev-{event_no}"
            topic = rng.randrange(len(TOPICS))
            cities = rng.sample(delegation_keys, rng.randint(0, min(2, len(delegation_keys))))
            language = rng.choice(("fa", "fa", "en"))
            capacity = venue["capacity"]
            event: dict[str, Any] = {
                "key": key,
                "kind": kind,
                "title": f"{TOPICS[topic]}: {KIND_EN[kind]} {event_no}",
                "description": f"{KIND_EN[kind]} on {TOPICS[topic].lower()} with the "
                "sister cities.",
                "language": language,
                "public": not (kind == "delegation_visit" or rng.random() < 0.05),
                "partner_cities": cities,
                "delegations": [],
                "expected_attendance": rng.randint(capacity // 4, capacity),
                "requires": rng.sample(venue["equipment"], rng.randint(0, 2)),
            }
            if rng.random() < 0.3:
                number = str(event_no).translate(PERSIAN_DIGITS)
                event["translations"] = {
                    "fa": {
                        "title": f"{TOPICS_FA[topic]}: {KIND_FA[kind]} {number}",
                        "description": f"{KIND_FA[kind]} دربارهٔ {TOPICS_FA[topic]} با "
                        "شهرهای خواهرخوانده.",
                    }
                }
            session_list = []
            own_times = []
            for n, (day, start, end, _) in enumerate(group, 1):
                roll = rng.random()
                status = "cancelled" if roll < 0.02 else "tentative" if roll < 0.07 else "confirmed"
                session_list.append(
                    {
                        "key": f"{key}-{n}",
                        "starts_at": _at(day, start, days),
                        "ends_at": _at(day, end, days),
                        "venue": venue["key"],
                        "status": status,
                    }
                )
                own_times.append((day, start, end))
            event["sessions"] = session_list

            # delegations attend about a quarter of the events, when free
            if kind == "delegation_visit" or rng.random() < 0.25:
                for delegation in rng.sample(delegation_keys, min(3, len(delegation_keys))):
                    if len(event["delegations"]) >= 2:
                        break
                    if _free(delegation_busy[delegation], own_times):
                        _book(delegation_busy[delegation], own_times)
                        event["delegations"].append(delegation)
            for delegation in event["delegations"]:
                lang = city_language[delegation]
                for session, slot in zip(session_list, own_times, strict=True):
                    if session["status"] == "cancelled" or rng.random() < 0.5:
                        continue
                    # every interpreter speaks fa and en, like every delegation's head
                    candidates = rng.sample(range(n_interpreters), min(4, n_interpreters))
                    candidates.sort(key=lambda j: lang not in interpreter_languages[j])
                    for j in candidates:
                        if _free(interpreter_busy[j], [slot]):
                            _book(interpreter_busy[j], [slot])
                            assignments.append(
                                {
                                    "key": f"ia-{len(assignments) + 1}",
                                    "interpreter": f"interpreter-{j + 1}",
                                    "delegation": delegation,
                                    "session": session["key"],
                                }
                            )
                            break
            events.append(event)

    # -- delegations: arrive the day before, leave the day after ------------------------
    delegations = []
    transfers = []
    roles = ("head", "deputy", "artist", "artist", "expert", "protocol officer", "artist", "expert")
    dietary = ("", "", "", "halal", "vegetarian", "vegan", "gluten-free")
    for i, city in enumerate(partner_cities):
        key = city["key"]
        lang = city_language[key]
        hotel = hotels[i % n_hotels]["key"]
        vehicle = i % n_vehicles
        round_ = i // n_vehicles
        arrive = 6 * 60 + round_ * 45  # minutes after midnight of the day before
        leave = 8 * 60 + round_ * 45  # minutes after midnight of the day after
        members = []
        for m in range(rng.randint(3, 8)):
            member: dict[str, Any] = {
                "key": f"{key}-m{m + 1}",
                "name": f"{city['name']} Delegate {m + 1}",
                "role": roles[m],
                "languages": [lang, "en"] if m < 2 or rng.random() < 0.5 else [lang],
            }
            need = rng.choice(dietary)
            if need:
                member["dietary"] = need
            if m == 0:
                member["email"] = f"head@{key}.example.org"
            member["room"] = str(100 + i * 10 + m)
            members.append(member)
        delegations.append(
            {
                "key": key,
                "partner_city": key,
                "name": f"{city['name']} Delegation",
                "contact_email": f"protocol@{key}.example.org",
                "hotel": hotel,
                "arrival": {
                    "at": _at(-1, arrive, days),
                    "transport": "flight",
                    "reference": f"XY{1000 + i}",
                    "place": "IFN",
                },
                "departure": {
                    "at": _at(n_days, leave + 90, days),
                    "transport": "flight",
                    "reference": f"XY{5000 + i}",
                    "place": "IFN",
                },
                "members": members,
            }
        )
        transfers.append(
            {
                "key": f"arr-{key}",
                "vehicle": f"vehicle-{vehicle + 1}",
                "delegations": [key],
                "from": "IFN",
                "to": hotel,
                "starts_at": _at(-1, arrive + 20, days),
                "ends_at": _at(-1, arrive + 60, days),
            }
        )
        transfers.append(
            {
                "key": f"dep-{key}",
                "vehicle": f"vehicle-{vehicle + 1}",
                "delegations": [key],
                "from": hotel,
                "to": "IFN",
                "starts_at": _at(n_days, leave, days),
                "ends_at": _at(n_days, leave + 40, days),
            }
        )

    vehicles = [
        {
            "key": f"vehicle-{i + 1}",
            "name": f"Minibus {i + 1}" if i % 3 else f"Coach {i + 1}",
            "seats": 19 if i % 3 else 45,
            "driver": f"Driver {i + 1}",
            "phone": f"+98 913 555 {i + 1:04d}",
        }
        for i in range(n_vehicles)
    ]
    interpreters = [
        {
            "key": f"interpreter-{i + 1}",
            "name": f"Interpreter {i + 1}",
            "languages": interpreter_languages[i],
            "phone": f"+98 913 556 {i + 1:04d}",
        }
        for i in range(n_interpreters)
    ]
    venue_holds = [
        {
            "key": f"hold-{i + 1}",
            "venue": venues[i]["key"],
            "starts_at": _at(-1, 8 * 60, days),
            "ends_at": _at(-1, 18 * 60, days),
            "reason": "build-up",
        }
        for i in range(min(3, n_venues))
    ]

    return {
        "format": "festival-data/1",
        "festival": {
            "slug": f"bench-{sessions}-{seed}",
            "name": f"Benchmark Festival ({sessions} sessions, seed {seed})",
            "host_city": "Isfahan",
            "country": "IR",
            "timezone": "Asia/Tehran",
            "starts_on": days[0],
            "ends_on": days[-1],
            "languages": ["en", "fa"],
            "description": "A synthetic festival for benchmarks.",
            "published": True,
        },
        "partner_cities": partner_cities,
        "venues": venues,
        "hotels": hotels,
        "delegations": delegations,
        "events": events,
        "venue_holds": venue_holds,
        "vehicles": vehicles,
        "interpreters": interpreters,
        "transfers": transfers,
        "interpreter_assignments": assignments,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sessions", type=int, help="how many sessions")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print with indent")
    args = parser.parse_args(argv)
    if args.sessions < 0:
        parser.error("sessions must not be negative")
    text = json.dumps(generate(args.sessions, args.seed), ensure_ascii=False, indent=args.indent)
    if args.output is None:
        sys.stdout.write(text + "\n")
    else:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
