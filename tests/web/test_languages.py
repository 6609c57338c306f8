"""Every page in the visitor's language: what ``?lang=`` picks among the shipped catalogs,
what Accept-Language adds to the switcher, a delegation's own language, and no interface
text left in English on a page in another language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask, render_template
from flask.testing import FlaskClient
from sqlalchemy import select

from festival.extensions import db
from festival.i18n import messages, shipped_languages
from festival.models import Delegation
from tests.factories import demo_data, event, festival_data, session, venue
from tests.icalcheck import parse_feed, store
from tests.pagecheck import check_accessible, read

PROGRAMME = "/f/isfahan-2026/"
RTL = {"fa", "ar", "he"}


def khiva() -> dict[str, Any]:
    """A festival in English and Uzbek, visited by a delegation from Gyeongju that reads
    Korean (its events partly translated into Korean)."""
    return festival_data(
        festival={
            "slug": "khiva-2027",
            "name": "Khiva Sister Cities Week 2027",
            "host_city": "Khiva",
            "country": "UZ",
            "timezone": "Asia/Tashkent",
            "starts_on": "2027-05-10",
            "ends_on": "2027-05-12",
            "languages": ["en", "uz"],
            "translations": {
                "uz": {"name": "Xiva birodar shaharlar haftaligi 2027", "host_city": "Xiva"},
                "ko": {"name": "2027 히바 자매도시 주간", "host_city": "히바"},
            },
        },
        partner_cities=[
            {"key": "gyeongju", "name": "Gyeongju", "local_name": "경주", "country": "KR"}
        ],
        venues=[venue("ichan-qala", name="Ichan Qala Courtyard")],
        events=[
            event(
                "silk-dance",
                session("silk-dance-1", "2027-05-10T19:00", "2027-05-10T20:30", "ichan-qala"),
                kind="performance",
                title="Silk Road Dances",
                partner_cities=["gyeongju"],
                delegations=["gyeongju"],
                translations={"ko": {"title": "실크로드 춤 공연"}},
            ),
            event(
                "pottery",
                session("pottery-1", "2027-05-11T10:00", "2027-05-11T12:00", "ichan-qala"),
                session(
                    "pottery-2",
                    "2027-05-12T10:00",
                    "2027-05-12T12:00",
                    "ichan-qala",
                    status="cancelled",
                ),
                kind="workshop",
                title="Khorezm Pottery",
                delegations=["gyeongju"],
            ),
        ],
        delegations=[
            {
                "key": "gyeongju",
                "partner_city": "gyeongju",
                "name": "Gyeongju Delegation",
                "language": "ko",
                "arrival": {"at": "2027-05-09T21:00", "transport": "flight", "place": "UGC"},
                "members": [{"key": "kim", "name": "Kim Minji"}],
            }
        ],
    )


def _token(key: str) -> str:
    token = db.session.scalar(select(Delegation.token).where(Delegation.key == key))
    assert token
    return token


def _page(client: FlaskClient, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    page = read(response.data)
    check_accessible(page)
    return page


def _switcher(page: Any) -> dict[str, str]:
    return {link.attrs["hreflang"]: link.href for link in page.links if "hreflang" in link.attrs}


# -- which language ------------------------------------------------------------------------


def test_lang_picks_any_shipped_catalog_not_only_the_festivals_languages(
    app: Flask, client: FlaskClient
) -> None:
    """A delegation from Gyeongju reads the Khiva programme in Korean."""
    store(khiva())
    page = _page(client, "/f/khiva-2027/?lang=ko")
    assert (page.one("html").attrs["lang"], page.one("html").attrs["dir"]) == ("ko", "ltr")
    assert page.link("본문으로 건너뛰기").href == "#main"
    assert page.one("h1").text == "2027 히바 자매도시 주간"  # the festival's Korean name
    assert "실크로드 춤 공연" in page.text  # the event's Korean title
    assert page.one("h2", id="day-heading").text == "2027년 5월 10일 월요일"
    assert "모든 시간은 히바 현지 시간(Asia/Tashkent)입니다." in page.text
    # links keep the language; the switcher offers the festival's languages and this one
    sessions = [link for link in page.links if "/sessions/" in link.path]
    assert sessions and all(link.query.get("lang") == ["ko"] for link in sessions)
    assert _switcher(page) == {
        "en": "/f/khiva-2027/?day=2027-05-10",
        "uz": "/f/khiva-2027/?day=2027-05-10&lang=uz",
        "ko": "/f/khiva-2027/?day=2027-05-10&lang=ko",
    }
    current = [link for link in page.links if link.attrs.get("aria-current") == "true"]
    assert [link.text for link in current] == ["한국어"]
    uzbek = _page(client, "/f/khiva-2027/?lang=uz")
    assert uzbek.one("html").attrs["lang"] == "uz"
    assert uzbek.one("h1").text == "Xiva birodar shaharlar haftaligi 2027"
    assert uzbek.link("Asosiy qismga oʻtish").href == "#main"
    assert _switcher(uzbek).keys() == {"en", "uz"}  # the festival's own languages
    # a regional tag reads its language's catalog; another script of a language does not
    assert _page(client, "/f/khiva-2027/?lang=ko-KR").one("html").attrs["lang"] == "ko"
    assert _page(client, "/f/khiva-2027/?lang=uz-Cyrl").one("html").attrs["lang"] == "en"


def test_accept_language_joins_the_switcher_and_the_page_varies_by_it(
    app: Flask, client: FlaskClient
) -> None:
    store(khiva())
    response = client.get("/f/khiva-2027/", headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"})
    assert "Accept-Language" in response.headers["Vary"]
    page = read(response.data)
    # the page stays in the festival's first language (its address is the same for all) ...
    assert page.one("html").attrs["lang"] == "en"
    # ... and offers the visitor's own
    assert _switcher(page) == {
        "en": "/f/khiva-2027/?day=2027-05-10",
        "uz": "/f/khiva-2027/?day=2027-05-10&lang=uz",
        "ko": "/f/khiva-2027/?day=2027-05-10&lang=ko",
    }
    no_match = read(client.get("/f/khiva-2027/", headers={"Accept-Language": "sv, da"}).data)
    assert _switcher(no_match).keys() == {"en", "uz"}


def test_pages_of_no_festival_speak_the_visitors_language(app: Flask, client: FlaskClient) -> None:
    store(khiva())
    index = _page(client, "/", **{"Accept-Language": "ru"})
    assert index.one("html").attrs["lang"] == "ru"
    assert index.one("h1").text == "Фестивали"
    assert index.link("Khiva Sister Cities Week 2027").href == "/f/khiva-2027/"
    korean = _page(client, "/?lang=ko")
    # the festival named as it is in Korean, and its link keeps the language
    assert korean.link("2027 히바 자매도시 주간").href == "/f/khiva-2027/?lang=ko"
    missing = client.get("/f/nowhere/", headers={"Accept-Language": "ar"})
    assert missing.status_code == 404
    error = read(missing.data)
    assert (error.one("html").attrs["lang"], error.one("html").attrs["dir"]) == ("ar", "rtl")
    assert error.one("h1").text == "404 الصفحة غير موجودة"
    assert "Accept-Language" in missing.headers["Vary"]


def test_the_sign_in_form_in_russian_and_uzbek(app: Flask, client: FlaskClient) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    page = read(client.get("/login?lang=ru").data)
    assert [label.text for label in page.all("label")] == ["Эл. почта", "Пароль"]
    assert page.one("button").text == "Войти"
    refused = client.post(
        "/login?lang=ru", data={"email": "nobody@example.org", "password": "wrong"}
    )
    assert refused.status_code == 401
    assert "Неверный адрес электронной почты или пароль." in read(refused.data).text
    # the form's own errors too, in a language WTForms has no catalog for
    empty = read(client.post("/login?lang=uz", data={"email": "", "password": ""}).data)
    errors = [e.text for e in empty.all("p") if e.attrs.get("class") == "field-error"]
    assert errors == ["Bu maydonni toʻldirish shart."] * 2


# -- a delegation ----------------------------------------------------------------------------


def test_a_delegations_page_feed_and_itinerary_default_to_its_language(
    app: Flask, client: FlaskClient
) -> None:
    from tests.pdf import page_texts, pdf_language, squash

    store(khiva())
    token = _token("gyeongju")
    page = _page(client, f"/d/{token}/")
    assert page.one("html").attrs["lang"] == "ko"
    assert page.headings("h2")[:2] == ["한눈에 보기", "날짜별 일정"]
    assert "2027 히바 자매도시 주간" in page.text
    assert "실크로드 춤 공연" in page.text
    # the untranslated title is the English original, marked as English
    pottery = [e.attrs for e in page.all("bdi") if e.text == "Khorezm Pottery"]
    assert pottery == [{"lang": "en", "dir": "ltr"}] * 2
    assert _switcher(page)["ko"] == f"/d/{token}/"  # the default needs no ?lang=
    feed = parse_feed(client.get(f"/d/{token}/calendar.ics").data)
    assert feed.prop("X-WR-CALNAME") == "Gyeongju Delegation · 2027 히바 자매도시 주간"
    assert feed.prop("X-WR-CALDESC") == "개인 일정표: 이 주소를 공유하지 마십시오."
    summaries = sorted(e.summary for e in feed.events.values())
    assert "취소됨: Khorezm Pottery" in summaries
    assert "도착: 항공편, UGC" in summaries
    pdf = client.get(f"/d/{token}/itinerary.pdf")
    assert pdf.status_code == 200
    assert pdf_language(pdf.data) == "ko"
    text = squash(" ".join(page_texts(pdf.data)))
    for word in ("일정표", "2027 히바 자매도시 주간", "실크로드 춤 공연", "1명", "취소됨"):
        assert word in text, word
    # and in English on request
    english = _page(client, f"/d/{token}/?lang=en")
    assert english.headings("h2")[:2] == ["At a glance", "Day by day"]


# -- feeds and PDFs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "venue_label", "cancelled", "calendar"),
    [
        ("ru", "Площадка: ", "Отменено: ", "Khiva Sister Cities Week 2027"),
        ("zh", "场馆：", "已取消：", "Khiva Sister Cities Week 2027"),
        ("ar", "المكان: ", "أُلغي: ", "Khiva Sister Cities Week 2027"),
        ("ko", "장소: ", "취소됨: ", "2027 히바 자매도시 주간"),
    ],
    ids=["russian", "chinese", "arabic", "korean"],
)
def test_the_public_feed_speaks_the_language_asked_for(
    app: Flask, client: FlaskClient, lang: str, venue_label: str, cancelled: str, calendar: str
) -> None:
    store(khiva())
    feed = parse_feed(client.get(f"/f/khiva-2027/calendar.ics?lang={lang}").data)
    assert feed.prop("X-WR-CALNAME") == calendar
    pottery = feed.events["pottery-2@khiva-2027.festival"]
    assert (pottery.status, pottery.summary) == ("CANCELLED", f"{cancelled}Khorezm Pottery")
    dance = feed.events["silk-dance-1@khiva-2027.festival"]
    assert f"{venue_label}Ichan Qala Courtyard" in dance.description
    assert dance.url.endswith(f"/f/khiva-2027/sessions/silk-dance-1?lang={lang}")
    assert dance.categories == (messages(lang).pgettext("event kind", "Performance"),)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ["Программа", "Содержание", "День 1", "Понедельник, 10 мая", "Площадки"]),
        ("zh", ["节目单", "目录", "第1天", "5月10日星期一", "场馆"]),
        ("ar", ["البرنامج", "المحتويات", "اليوم 1", "الاثنين", "الأماكن"]),
    ],
    ids=["russian", "chinese", "arabic"],
)
def test_the_booklet_prints_in_a_language_the_festival_does_not_speak(
    app: Flask, client: FlaskClient, lang: str, words: list[str]
) -> None:
    from tests.pdf import page_texts, pdf_language, squash

    store(khiva())
    pdf = client.get(f"/f/khiva-2027/programme.pdf?lang={lang}")
    assert pdf.status_code == 200
    assert pdf_language(pdf.data) == lang
    text = squash(" ".join(page_texts(pdf.data)))
    for word in words:
        assert squash(word) in text, word


def test_the_booklet_cover_names_the_festival_in_the_booklets_language(
    app: Flask, client: FlaskClient
) -> None:
    from tests.pdf import page_texts, pdf_info, squash

    store(khiva())
    pdf = client.get("/f/khiva-2027/programme.pdf?lang=uz").data
    cover, first = (squash(t) for t in page_texts(pdf)[:2])
    assert "Xiva birodar shaharlar haftaligi 2027" in cover and "Xiva" in cover
    assert "Khiva" not in cover
    assert "Festival haqida" in first
    assert pdf_info(pdf)["Title"] == "Xiva birodar shaharlar haftaligi 2027 — Dastur"


# -- every language, and nothing left in English ---------------------------------------------


@pytest.mark.parametrize("lang", [code for code in shipped_languages() if code != "en"])
def test_a_page_in_each_shipped_language_speaks_its_catalog(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    store(demo_data())
    page = _page(client, f"{PROGRAMME}?day=2026-10-18&lang={lang}")
    text = messages(lang)
    html = page.one("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == (lang, "rtl" if lang in RTL else "ltr")
    assert page.link(text.gettext("Skip to content")).href == "#main"
    assert page.one("h2", id="subscribe-heading").text == text.gettext("Subscribe to the programme")
    assert page.one("summary").text == text.gettext("Filter by kind, venue or partner city")
    count = text.ngettext("%(num)s session", "%(num)s sessions", 4)
    assert any(link.text.endswith(f"({count})") for link in page.links), count
    assert text.gettext("Skip to content") != "Skip to content"


class _Texts(HTMLParser):
    """The interface text of a page: text nodes and labelling attributes, without what the
    templates mark as content (isolated in ``bdi``, tagged with a ``lang``, a description,
    a time zone's name, the feed's address)."""

    CONTENT_CLASSES = {"description", "festival-description", "tz", "qr-figure"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._stack: list[bool] = []

    def _is_content(self, tag: str, attrs: dict[str, str]) -> bool:
        classes = set((attrs.get("class") or "").split())
        return (
            tag in ("bdi", "head", "svg", "time")
            or (tag != "html" and "lang" in attrs)
            or bool(classes & self.CONTENT_CLASSES)
        )

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attr_list}
        inside = (self._stack[-1] if self._stack else False) or self._is_content(tag, attrs)
        if not inside:
            for name in ("aria-label", "title", "alt", "placeholder"):
                if attrs.get(name):
                    self.found.append(attrs[name])
        if tag not in ("input", "meta", "link", "br", "img", "path"):
            self._stack.append(inside)

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]) and data.strip():
            self.found.append(" ".join(data.split()))


def _interface_texts(html: str) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    return set(parser.found)


def _content_strings(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        for value in data.values():
            found |= _content_strings(value)
    elif isinstance(data, list):
        for value in data:
            found |= _content_strings(value)
    elif isinstance(data, str) and len(data) > 1:
        found.add(data)
    return found


# Words that are the same in every language: product names, the file type, a time zone.
SAME_EVERYWHERE = re.compile(r"Google|Outlook(\.com)?|Apple|QR|\.ics|UTC[+-]\d\d:\d\d|IRST")


def test_no_interface_text_stays_english_on_a_russian_page(app: Flask, client: FlaskClient) -> None:
    """Every public page, rendered in English and in Russian: a piece of interface text (not
    the festival's content) that reads the same in both stayed English: it was never
    marked for translation, or its catalog entry is missing."""
    data = demo_data()
    store(data)
    token = _token("xian")
    pages = [
        "/",
        PROGRAMME + "?day=2026-10-18",
        PROGRAMME + "?day=2026-10-20&kind=workshop&venue=no-such-venue",
        PROGRAMME + "sessions/opening-ceremony-1",
        PROGRAMME
        + "sessions/"
        + next(
            s["key"]
            for e in data["events"]
            for s in e["sessions"]
            if s.get("status") == "cancelled" and e.get("public", True)
        ),
        PROGRAMME + "venues/hasht-behesht",
        PROGRAMME + "cities/xian",
        PROGRAMME + "cities/barcelona",
        f"/d/{token}/",
        "/login",
        "/f/no-such-festival/",
    ]
    content = _content_strings(data) | {"English", "فارسی", "Русский", "中文", "Polski"}
    content |= {"Not Found"}

    def interface(url: str, lang: str) -> set[str]:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}lang={lang}")
        assert response.status_code in (200, 404), url
        return _interface_texts(response.get_data(as_text=True))

    def english_words(text: str) -> bool:
        for item in sorted(content, key=len, reverse=True):
            text = text.replace(item, " ")
        text = SAME_EVERYWHERE.sub(" ", text)
        return bool(re.search(r"[A-Za-z]{2,}", text))

    with app.test_request_context("/?lang=ru"):
        preparing = _interface_texts(render_template("print/preparing.html", seconds=3))
    with app.test_request_context("/?lang=en"):
        preparing_en = _interface_texts(render_template("print/preparing.html", seconds=3))

    leftovers: dict[str, list[str]] = {}
    checked = 0
    for url in pages:
        english, russian = interface(url, "en"), interface(url, "ru")
        checked += len(english)
        same = sorted(t for t in english & russian if english_words(t))
        if same:
            leftovers[url] = same
    same = sorted(t for t in preparing_en & preparing if english_words(t))
    if same:
        leftovers["print/preparing.html"] = same
    assert leftovers == {}
    assert checked > 150  # the pages were read, not skipped
