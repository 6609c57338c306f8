"""The programme booklet read back as a reader sees it: text, pages, fonts, bookmarks."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from festival.exports.booklet import html_to_pdf, render_booklet
from festival.i18n.formatting import ascii_digits
from festival.queries.programme import Programme
from tests.conftest import make_app
from tests.factories import demo_data
from tests.pdf import (
    MM,
    outline_titles,
    page_sizes,
    page_texts,
    pdf_fonts,
    pdf_info,
    pdf_language,
    squash,
    weasyprint_warnings,
    words,
)

pytestmark = pytest.mark.slow
SLUG = "isfahan-2026"
A5 = (148 * MM, 210 * MM)
A4 = (210 * MM, 297 * MM)

# A screening that starts after midnight: it belongs to the evening before (04:00 boundary).
MIDNIGHT = {
    "key": "shadow-play",
    "kind": "performance",
    "title": "Midnight Shadow Play",
    "description": "Shadow puppets from Gyeongju and Baalbek under the arcades.",
    "language": "en",
    "public": True,
    "partner_cities": ["gyeongju", "baalbek"],
    "translations": {
        "fa": {"title": "خیمه‌شب‌بازی نیمه‌شب"},
        "ar": {"title": "مسرح خيال الظل في منتصف الليل"},
        "he": {"title": "תיאטרון צללים של חצות"},
        "ko": {"title": "한밤의 그림자극"},
        "zh": {"title": "午夜皮影戏"},
        "ru": {"title": "Полуночный театр теней"},
    },
    "sessions": [
        {
            "key": "shadow-play-1",
            "starts_at": "2026-10-22T00:30",
            "ends_at": "2026-10-22T01:30",
            "venue": "naqsh-e-jahan",
        }
    ],
}


def booklet_data() -> dict[str, Any]:
    """The demo festival, plus Korean and Arabic place names and a session after midnight."""
    data = demo_data()
    data["partner_cities"] += [
        {"key": "gyeongju", "name": "Gyeongju", "local_name": "경주", "country": "KR"},
        {"key": "baalbek", "name": "Baalbek", "local_name": "بعلبك", "country": "LB"},
    ]
    data["venues"][0]["accessibility"] = "Ramp at the north gate; hearing loop"
    data["events"].append(MIDNIGHT)
    return data


def load(data: dict[str, Any]) -> None:
    from festival.datafile import validate_data
    from festival.extensions import db
    from festival.services.importer import import_document

    doc, findings = validate_data(data)
    assert doc is not None, [f.line() for f in findings if f.is_error]
    import_document(
        doc, findings, replace=False, now=datetime(2026, 10, 1, 9, tzinfo=UTC), actor="tests"
    )
    db.session.commit()


@pytest.fixture(scope="module")
def booklet_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from festival.extensions import db

    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('booklet') / 'festival.sqlite3'}")
    with app.app_context():
        db.create_all()
        load(booklet_data())
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def programme(booklet_app: Flask) -> Callable[[str], Programme]:
    from festival.queries.programme import PUBLIC, festival_programme, load_programme_festival

    def build(lang: str) -> Programme:
        with booklet_app.app_context():
            festival = load_programme_festival(SLUG)
            assert festival is not None
            return festival_programme(festival, audience=PUBLIC, lang=lang)

    return build


@pytest.fixture(scope="module")
def booklet(programme: Callable[[str], Programme]) -> Callable[..., bytes]:
    """Render once per (lang, paper) in this module; any WeasyPrint warning (a missing glyph,
    a refused resource) fails the test."""
    rendered: dict[tuple[str, str], bytes] = {}

    def get(lang: str = "en", paper: str = "a5") -> bytes:
        if (lang, paper) not in rendered:
            with weasyprint_warnings() as warnings:
                rendered[lang, paper] = render_booklet(programme(lang), paper=paper, lang=lang)
            assert [w.getMessage() for w in warnings] == []
        return rendered[lang, paper]

    return get


def contents(texts: list[str], lang: str = "en") -> dict[str, int]:
    """The contents page as {entry text: page number}, digits read as ASCII."""
    heading = {"en": "Contents", "fa": "فهرست", "ar": "المحتويات"}[lang]
    page = next(t for t in texts if t.strip().startswith(heading) or f"\n{heading}\n" in t)
    found = {}
    pending = ""
    for line in page.splitlines():
        line = ascii_digits(line).strip()
        if not line or line == heading:
            continue
        # "label ..... 5"; right-to-left lines come out as "label 5 ....." or "5 ..... label"
        m = (
            re.match(r"^(?P<label>.*?)\s*\.{3,}\s*(?P<n>\d+)$", line)
            or re.match(r"^(?P<label>.*?)\s*(?P<n>\d+)\s*\.{3,}$", line)
            or re.match(r"^(?P<n>\d+)\s*\.{3,}\s*(?P<label>.*)$", line)
        )
        if not m:
            pending = f"{pending} {line}"  # a label broken over lines (the day number)
            continue
        label, number = m["label"], m["n"]
        found[" ".join(f"{pending} {label}".split())] = int(number)
        pending = ""
    return found


def day_pages(texts: list[str]) -> dict[date, range]:
    """Pages (0-based) of each festival day, from the contents page."""
    toc = contents(texts)
    starts = sorted((n, label) for label, n in toc.items())
    ranges = {}
    for i, (number, label) in enumerate(starts):
        if not label.startswith("Day "):
            continue
        number_of_day, month = label.split(" ")[3:5]  # Day 1 Sunday 18 October
        day = date(2026, list(calendar.month_name).index(month), int(number_of_day))
        end = starts[i + 1][0] if i + 1 < len(starts) else len(texts) + 1
        ranges[day] = range(number - 1, end - 1)
    return ranges


def festival_day_of(local: str) -> date:
    moment = datetime.fromisoformat(local)
    return (moment - timedelta(hours=4)).date()


def public_sessions() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (e, s)
        for e in booklet_data()["events"]
        if e.get("public", True)
        for s in e["sessions"]
        if s.get("status", "confirmed") == "confirmed"
    ]


def test_booklet_lists_every_public_confirmed_session_on_the_day_it_starts(
    booklet: Callable[..., bytes],
) -> None:
    texts = page_texts(booklet())
    days = day_pages(texts)
    assert sorted(days) == [date(2026, 10, d) for d in range(18, 25)]
    for event, session in public_sessions():
        day = festival_day_of(session["starts_at"])
        text = squash(" ".join(texts[i] for i in days[day]))
        assert squash(event["title"]) in text, (session["key"], day)
        assert session["starts_at"][11:16] in text, session["key"]


def test_a_session_after_midnight_is_printed_on_the_evening_before(
    booklet: Callable[..., bytes],
) -> None:
    texts = page_texts(booklet())
    days = day_pages(texts)
    evening = squash(" ".join(texts[i] for i in days[date(2026, 10, 21)]))
    next_day = squash(" ".join(texts[i] for i in days[date(2026, 10, 22)]))
    assert "00:30 01:30 Midnight Shadow Play" in evening
    assert "Midnight Shadow Play" not in next_day


def test_booklet_never_shows_private_tentative_or_cancelled_sessions(
    booklet: Callable[..., bytes],
) -> None:
    texts = page_texts(booklet())
    everything = squash(" ".join(texts))
    for event in booklet_data()["events"]:
        if not event.get("public", True):
            assert squash(event["title"]) not in everything, event["key"]
    days = day_pages(texts)
    on = {d: squash(" ".join(texts[i] for i in r)) for d, r in days.items()}
    # tentative: the second acupuncture workshop and court music concert (22 Oct)
    assert "Joint Workshop: Acupuncture" not in on[date(2026, 10, 22)]
    assert "Safavid Court Music" not in on[date(2026, 10, 22)]
    assert "Safavid Court Music" in on[date(2026, 10, 19)]
    # cancelled: the third Silk Road Nights screening (23 Oct, 22:30)
    assert "Silk Road Nights" not in on[date(2026, 10, 23)]
    assert "Silk Road Nights" in on[date(2026, 10, 22)]


def test_exhibitions_open_all_week_are_described_once_and_listed_compactly_each_day(
    booklet: Callable[..., bytes],
) -> None:
    texts = page_texts(booklet())
    everything = squash(" ".join(texts))
    assert everything.count("Photographs, letters and school reports") == 1
    days = day_pages(texts)
    for day, pages in days.items():
        text = squash(" ".join(texts[i] for i in pages))
        assert "Open today" in text, day
        assert "Isfahan, City of Polish Children (1942–1945)" in text, day
        assert "Silk Road Handicrafts: Isfahan and Xi'an" in text, day
    friday = squash(" ".join(texts[i] for i in days[date(2026, 10, 23)]))
    assert "16:00–20:00 Isfahan, City of Polish Children" in friday


def test_contents_page_numbers_point_at_the_pages_where_the_days_start(
    booklet: Callable[..., bytes],
) -> None:
    texts = page_texts(booklet())
    toc = contents(texts)
    assert list(toc)[:1] == ["Exhibitions"]
    assert [k for k in toc if k.startswith("Day ")] == [
        "Day 1 Sunday 18 October",
        "Day 2 Monday 19 October",
        "Day 3 Tuesday 20 October",
        "Day 4 Wednesday 21 October",
        "Day 5 Thursday 22 October",
        "Day 6 Friday 23 October",
        "Day 7 Saturday 24 October",
    ]
    for label, number in toc.items():
        heading = label.split(" ", 2)[2] if label.startswith("Day ") else label
        page = squash(texts[number - 1])
        before = squash(texts[number - 2])
        assert heading in page, (label, number)
        if not before.startswith("Contents"):
            assert heading not in before, (label, number)
    assert list(toc.values()) == sorted(toc.values())
    assert toc["Venues"] < toc["Partner cities"] < len(texts)


def test_pages_have_numbers_and_running_day_headers(booklet: Callable[..., bytes]) -> None:
    texts = page_texts(booklet())
    days = day_pages(texts)
    second_day = days[date(2026, 10, 19)]
    for index in second_day:
        lines = [line.strip() for line in texts[index].splitlines() if line.strip()]
        assert lines[0] == "Day 2 · Monday 19 October"
        assert lines[-1] == str(index + 1)
    assert "1" not in texts[0].split()  # no number on the cover


def test_a5_is_the_default_and_a4_is_offered(booklet: Callable[..., bytes]) -> None:
    a5, a4 = booklet(), booklet(paper="a4")
    for sizes, expected in ((page_sizes(a5), A5), (page_sizes(a4), A4)):
        assert all(abs(w - expected[0]) < 1 and abs(h - expected[1]) < 1 for w, h in sizes)
    info = pdf_info(a5)
    assert int(info["Pages"]) == len(page_sizes(a5))
    assert 12 <= int(info["Pages"]) <= 30
    assert int(pdf_info(a4)["Pages"]) < int(info["Pages"])
    assert int(info["Pages"]) % 2 == 0  # the back cover is a verso


def test_margins_are_mirrored_for_binding(booklet: Callable[..., bytes]) -> None:
    pdf = booklet()
    texts = page_texts(pdf)
    days = day_pages(texts)
    left: dict[int, float] = {}
    for w in words(pdf):
        left[w.page] = min(w.x_min, left.get(w.page, w.x_min))
    body_pages = [i + 1 for r in days.values() for i in r]
    right_pages = [p for p in body_pages if p % 2 == 1]
    left_pages = [p for p in body_pages if p % 2 == 0]
    assert min(left[p] for p in right_pages) == pytest.approx(19 * MM, abs=1.5)
    assert min(left[p] for p in left_pages) == pytest.approx(13 * MM, abs=1.5)


def test_pdf_metadata_names_title_language_and_author(booklet: Callable[..., bytes]) -> None:
    info = pdf_info(booklet())
    assert info["Title"] == "Isfahan Sister Cities Week 2026 — Programme"
    assert info["Author"] == "Isfahan Sister Cities Week 2026"
    assert pdf_language(booklet()) == "en"
    fa = pdf_info(booklet("fa"))
    # the festival as its Persian translation names it
    assert fa["Title"] == "هفتهٔ شهرهای خواهرخواندهٔ اصفهان ۱۴۰۵ — برنامه"
    assert fa["Author"] == "هفتهٔ شهرهای خواهرخواندهٔ اصفهان ۱۴۰۵"
    assert pdf_language(booklet("fa")) == "fa"


def test_bookmarks_lead_to_each_day(booklet: Callable[..., bytes]) -> None:
    pdf = booklet()
    toc = contents(page_texts(pdf))
    marks = outline_titles(pdf)
    day_marks = [(t, p) for t, p in marks if t.startswith("Day ")]
    assert [t for t, _ in day_marks] == [
        f"Day {n} · {label.split(' ', 2)[2]}"
        for n, label in enumerate((k for k in toc if k.startswith("Day ")), 1)
    ]
    assert [p for _, p in day_marks] == [n for k, n in toc.items() if k.startswith("Day ")]
    assert ("Venues", toc["Venues"]) in marks


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_font_is_embedded_and_a_noto_face(booklet: Callable[..., bytes], lang: str) -> None:
    fonts = pdf_fonts(booklet(lang))
    assert fonts
    assert all(f.embedded and f.subset and f.unicode for f in fonts), fonts
    assert all("Noto" in f.name for f in fonts), [f.name for f in fonts]
    names = {f.name.split("+", 1)[1] for f in fonts}
    assert "Noto-Sans-CJK-SC" in names  # 西安 is Chinese, not the Japanese default


def test_words_in_every_script_extract_back(booklet: Callable[..., bytes]) -> None:
    text = squash(" ".join(page_texts(booklet())))
    for word in ("کاخ هشت بهشت", "西安", "Санкт-Петербург", "경주", "بعلبك", "Երևան"):
        assert word in text, word


@pytest.mark.parametrize(
    ("lang", "words_"),
    [
        ("fa", ["فهرست", "خیمه‌شب‌بازی نیمه‌شب", "روز ۱", "نمایشگاه‌ها", "کاخ هشت بهشت"]),
        ("ar", ["المحتويات", "مسرح خيال الظل في منتصف الليل", "اليوم 1", "الأماكن"]),
        ("he", ["תוכן העניינים", "תיאטרון צללים של חצות", "יום ראשון", "ערים תאומות"]),
        ("zh", ["目录", "午夜皮影戏", "10月18日星期日", "友好城市", "西安"]),
        ("ko", ["차례", "한밤의 그림자극", "10월 18일 일요일", "자매도시", "경주"]),
        ("ru", ["Содержание", "Полуночный театр теней", "Воскресенье, 18 октября", "Площадки"]),
    ],
    ids=["persian", "arabic", "hebrew", "chinese", "korean", "russian"],
)
def test_booklet_prints_in_each_language(
    booklet: Callable[..., bytes], lang: str, words_: list[str]
) -> None:
    pdf = booklet(lang)
    text = squash(" ".join(page_texts(pdf)))
    for word in words_:
        assert squash(word) in text, word
    assert pdf_language(pdf) == lang


def test_persian_booklet_reads_right_to_left(booklet: Callable[..., bytes]) -> None:
    pdf = booklet("fa")
    texts = page_texts(pdf)
    toc = contents(texts, "fa")
    weekdays = ["یکشنبه", "دوشنبه", "سهشنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"]
    day_entries = [(k, n) for k, n in toc.items() if k.startswith("روز")]
    assert [k.split()[2] for k, _ in day_entries] == weekdays  # روز 1 یکشنبه ...
    marks = outline_titles(pdf)
    assert [n for _, n in day_entries] == [p for t, p in marks if t.startswith("روز")]
    for (_, number), weekday in zip(day_entries, weekdays, strict=True):
        assert weekday in squash(texts[number - 1]).split()[:12]
    first_day = day_entries[0][1]
    # pdftotext moves the spaces around Persian digits: compare without them
    assert "۱۸اکتبر۲۰۲۶" in squash(texts[first_day - 1]).replace(" ", "")  # the civil date
    found = words(pdf)
    on_page = [w for w in found if w.page == first_day]
    width = A5[0]
    # the day's heading and the session times hang from the right edge, as Persian reads
    # (pdftotext -bbox gives right-to-left words in visual order: compare both ways)
    heading = max(
        (w for w in on_page if "یکشنبه" in (w.text, w.text[::-1])), key=lambda w: w.y_max - w.y_min
    )  # the heading, not the running header
    assert heading.x_max > width * 0.6
    times = [w for w in on_page if re.fullmatch("[۰-۹]{2}:[۰-۹]{2}", w.text)]
    assert times and all(w.x_min > width * 0.75 for w in times)
    # the first page of a right-to-left book is a left page: page 2 is a right page, its
    # number sits at the outer (right) bottom corner; page 3's at the left
    numbers = {w.page: w for w in found if w.y_min > A5[1] - 20 * MM}
    assert numbers[2].text == "۲" and numbers[2].x_min > width / 2
    assert numbers[3].text == "۳" and numbers[3].x_max < width / 2


def test_missing_glyphs_are_caught() -> None:
    """The guard the renders above run under: a character no font has is reported."""
    with weasyprint_warnings() as warnings:
        html_to_pdf("<p>\U0010fffd</p>", identifier="glyph")
    assert any(".notdef" in w.getMessage() for w in warnings)


def test_the_same_programme_gives_the_same_bytes(
    booklet: Callable[..., bytes], programme: Callable[[str], Programme]
) -> None:
    """Strong ETags stay true across workers: a render depends only on its inputs."""
    assert render_booklet(programme("en"), paper="a5", lang="en") == booklet()


def test_a_quiet_day_still_has_its_page(sqlite_app: Flask) -> None:
    from festival.queries.programme import festival_programme, load_programme_festival
    from tests.factories import festival_data

    load(festival_data())  # one ceremony on the first of seven days, no exhibitions
    festival = load_programme_festival("test-2026")
    assert festival is not None
    texts = page_texts(render_booklet(festival_programme(festival), lang="en"))
    toc = contents(texts)
    assert "Exhibitions" not in toc
    assert len([k for k in toc if k.startswith("Day ")]) == 7
    tuesday = squash(texts[toc["Day 3 Tuesday 20 October"] - 1])
    assert "No public events on this day." in tuesday
