"""Which catalog a reader gets, which language a page is in, and gettext in templates."""

from __future__ import annotations

import pickle

import jinja2
import pytest

from festival.i18n import LocalText, messages, translated
from festival.i18n.jinja import install, rendering_in
from festival.i18n.languages import (
    catalog_for,
    choose_language,
    language_name,
    preferred_catalog,
    text_direction,
)


@pytest.mark.parametrize(
    ("tag", "catalog"),
    [
        ("fa", "fa"),
        ("fa-IR", "fa"),
        ("FA-ir", "fa"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh-TW", "en"),  # Traditional Chinese readers do not get the Simplified catalog
        ("zh-Hant", "en"),
        ("uz", "uz"),
        ("uz-Latn", "uz"),
        ("uz-Cyrl", "en"),  # nor Cyrillic Uzbek readers the Latin one
        ("ar-EG", "ar"),
        ("sv", "en"),
        ("hy", "en"),
        ("not a tag", "en"),
        ("", "en"),
        (None, "en"),
    ],
    ids=str,
)
def test_a_reader_gets_the_catalog_of_their_language_and_script(
    tag: str | None, catalog: str
) -> None:
    assert catalog_for(tag) == catalog


def test_a_page_is_in_the_language_asked_for_when_it_may_be() -> None:
    festival = ("en", "uz")
    assert choose_language("ko", "en", festival) == "ko"  # a shipped catalog
    assert choose_language("ru-RU", "en", festival) == "ru"  # as the catalog's code
    assert choose_language("UZ", "en", festival) == "uz"  # a festival language
    assert choose_language("sv", "en", festival) == "en"  # neither: the default
    assert choose_language("sv", "en", festival, any_tag=True) == "sv"  # a delegation's
    assert choose_language("../etc", "en", festival, any_tag=True) == "en"
    assert choose_language(None, "uz", festival) == "uz"
    assert preferred_catalog(["sv", "de-CH", "en"]) == "de"
    assert preferred_catalog(["sv", "uz-Cyrl"]) is None
    assert preferred_catalog(["en-US"]) == "en"


def test_languages_as_cldr_names_and_writes_them() -> None:
    assert [language_name(code) for code in ("ru", "fa", "zh", "uz", "ko")] == [
        "Русский",
        "فارسی",
        "中文",
        "O‘zbek",
        "한국어",
    ]
    assert language_name("fa", "en") == "Persian"
    assert language_name("fa", "ru") == "персидский"
    assert language_name("xx-unknown") == "xx-unknown"
    assert [text_direction(t) for t in ("fa", "ar", "he", "ur", "en", "zh", None)] == [
        "rtl",
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
        "ltr",
    ]


def test_a_translated_text_knows_its_language() -> None:
    translations = {"fa": {"title": "آیین افتتاحیه"}}
    persian = translated(translations, "Opening Ceremony", "title", "fa", "en")
    original = translated(translations, "Opening Ceremony", "title", "ko", "en")
    assert (persian, persian.lang) == ("آیین افتتاحیه", "fa")
    assert (original, original.lang) == ("Opening Ceremony", "en")
    copy = pickle.loads(pickle.dumps(original))
    assert isinstance(copy, LocalText) and copy.lang == "en"


def test_templates_speak_the_language_they_are_rendered_in() -> None:
    env = jinja2.Environment(autoescape=True)
    install(env)
    template = env.from_string(
        "{{ _('Day %(number)s', number=n) }}"
        "|{{ ngettext('%(num)s session', '%(num)s sessions', n) }}"
        "|{{ pgettext('event kind', 'Talk') }}|{% trans %}Contents{% endtrans %}"
        "|{{ _('Partner cities: %(cities)s', cities=city) }}"
    )
    with rendering_in("fa"):
        assert template.render(n=3, city="<b>") == (
            "روز ۳|۳ برنامه|سخنرانی|فهرست|شهرهای خواهرخوانده: &lt;b&gt;"
        )
    with rendering_in("ru"):
        assert template.render(n=3, city="Xi'an").startswith("День 3|3 мероприятия|Лекция")
    assert template.render(n=1, city="A").startswith("Day 1|1 session|Talk|Contents")
    assert messages("de").gettext("Day %(number)s", number=2) == "Tag 2"


def test_a_whole_number_placeholder_takes_a_localized_number() -> None:
    """``%(num)d`` with a number of four digits: localized, it reads "1,970" (Persian
    "۱,۹۷۰"), which ``%d`` cannot take. It is filled as text instead of failing the page
    (the history page of a large import once answered 500 this way)."""
    env = jinja2.Environment(autoescape=True)
    install(env)
    template = env.from_string(
        "{{ ngettext('and %(num)d more', 'and %(num)d more', n) }}"
        "|{{ _('%(n)d <%(w)s>', n=n, w=w) }}"
    )
    assert template.render(n=1970, w="<b>") == "and 1,970 more|1,970 <&lt;b&gt;>"
    with rendering_in("fa"):
        assert template.render(n=1970, w="x").startswith("و ۱,۹۷۰ مورد دیگر")
    assert (
        messages("de").ngettext("and %(num)d more", "and %(num)d more", 1970) == "und 1.970 weitere"
    )


def test_the_catalogs_and_formatting_load_without_flask_or_sqlalchemy() -> None:
    """The feeds and the booklet read the catalogs with no app: the core is Babel only."""
    import subprocess
    import sys

    code = (
        "import sys, festival.i18n, festival.i18n.formatting, festival.i18n.jinja\n"
        "assert festival.i18n.messages('ko').gettext('Contents') == '차례'\n"
        "loaded = sorted(m for m in ('flask', 'flask_babel', 'sqlalchemy') if m in sys.modules)\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
