"""The gettext catalogs: the committed template matches the code, every shipped catalog is
complete (no empty or fuzzy entry, placeholders kept, every plural form of its language),
and the compiled catalogs the app reads say what the .po files say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from festival.i18n import CATALOG_DIR, shipped_languages

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = CATALOG_DIR / "messages.pot"
# The catalogs the issue asks for, and the ones shipped beside them.
REQUIRED = {"fa", "uz", "ar", "he", "ru", "zh", "ko"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CATALOGS = [lang for lang in shipped_languages() if lang != "en"]


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def _messages(catalog: Catalog) -> dict[tuple[str | None, str], Message]:
    return {_key(m): m for m in catalog if m.id}


def test_the_required_catalogs_ship() -> None:
    assert set(CATALOGS) >= REQUIRED
    assert set(CATALOGS) == REQUIRED | {"it", "nl", "pl", "de"}


@pytest.mark.slow
def test_the_committed_template_is_what_extraction_finds(tmp_path: Path) -> None:
    """``pybabel extract -F babel.cfg -o messages.pot .`` run now gives the same messages
    (ids, plurals, contexts, flags) as the committed template: a message added to the code
    or a template without updating messages.pot fails here."""
    fresh = tmp_path / "messages.pot"
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract"]
        + ["-F", "babel.cfg", "-o", str(fresh), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    extracted, committed = _messages(_read(fresh)), _messages(_read(TEMPLATE))
    added = sorted(set(extracted) - set(committed), key=str)
    gone = sorted(set(committed) - set(extracted), key=str)
    assert (added, gone) == ([], []), (
        "festival/translations/messages.pot is stale: run pybabel extract -F babel.cfg "
        "-o festival/translations/messages.pot . then pybabel update -i "
        "festival/translations/messages.pot -d festival/translations"
    )
    for key, message in extracted.items():
        assert message.id == committed[key].id, key
        assert message.flags - {"fuzzy"} == committed[key].flags - {"fuzzy"}, key
    assert len(extracted) > 120


@pytest.mark.parametrize("lang", CATALOGS)
def test_a_catalog_translates_every_message_of_the_template(lang: str) -> None:
    catalog = _read(CATALOG_DIR / lang / "LC_MESSAGES" / "messages.po", lang)
    template, found = _messages(_read(TEMPLATE)), _messages(catalog)
    assert sorted(set(template) - set(found), key=str) == [], "missing"
    assert sorted(set(found) - set(template), key=str) == [], "obsolete"
    assert not catalog.fuzzy
    nplurals = get_plural(lang).num_plurals
    assert catalog.num_plurals == nplurals
    assert catalog.plural_expr == get_plural(lang).plural_expr
    problems = []
    for key, message in found.items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags:
            problems.append((key, "fuzzy"))
        if isinstance(message.id, tuple) and len(strings) != nplurals:
            problems.append((key, f"{len(strings)} plural forms, {lang} has {nplurals}"))
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if not string.strip():
                problems.append((key, "empty"))
            elif set(PLACEHOLDER.findall(string)) != wanted:
                problems.append((key, f"placeholders {PLACEHOLDER.findall(string)}"))
    problems += [(_key(m), str(error)) for m, errors in catalog.check() for error in errors]
    assert problems == []


@pytest.mark.parametrize("lang", CATALOGS)
def test_a_catalog_says_no_native_speaker_has_reviewed_it(lang: str) -> None:
    text = (CATALOG_DIR / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    header = text.split('msgid ""', 1)[0]
    assert "Prepared without a native-speaker review" in header
    assert f'"Language: {lang}\\n"' in text


@pytest.mark.parametrize("lang", CATALOGS)
def test_the_compiled_catalog_says_what_the_po_says(lang: str) -> None:
    """What the app reads (the build's .mo) is the .po as it is now: a catalog edited since
    the last install fails here until ``pip install -e .`` compiles it again."""
    folder = CATALOG_DIR / lang / "LC_MESSAGES"
    with (folder / "messages.mo").open("rb") as file:
        compiled = _messages(read_mo(file))
    source = _messages(_read(folder / "messages.po", lang))

    def strings(message: Message) -> tuple[str, ...]:
        value = message.string
        return tuple(value) if isinstance(value, list | tuple) else (value,)

    assert compiled.keys() == source.keys()
    assert [k for k in source if strings(compiled[k]) != strings(source[k])] == []


def test_plural_forms_follow_each_language() -> None:
    """Russian has three forms (1, 2-4, 5-20), Arabic six (0, 1, 2, 3-10, 11-99, 100+)."""
    from festival.i18n import messages

    def sessions(lang: str, n: int) -> str:
        return messages(lang).ngettext("%(num)s session", "%(num)s sessions", n)

    assert [sessions("ru", n) for n in (1, 3, 5, 21, 22, 25, 111)] == [
        "1 мероприятие",
        "3 мероприятия",
        "5 мероприятий",
        "21 мероприятие",
        "22 мероприятия",
        "25 мероприятий",
        "111 мероприятий",
    ]
    assert [sessions("ar", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "0 فعالية",
        "1 فعالية",
        "2 فعاليتان",
        "3 فعاليات",
        "11 فعاليةً",
        "100 فعالية",
    ]
    assert [sessions("pl", n) for n in (1, 2, 5, 22)] == [
        "1 wydarzenie",
        "2 wydarzenia",
        "5 wydarzeń",
        "22 wydarzenia",
    ]
    assert sessions("zh", 1) == sessions("zh", 7).replace("7", "1") == "1场活动"
    assert sessions("fa", 4) == "۴ برنامه"  # and in Persian digits
    assert sessions("en", 1) == "1 session" and sessions("en", 1200) == "1,200 sessions"


def test_extraction_knows_every_name_a_message_is_marked_with() -> None:
    """A gettext function imported under another name (``lazy_gettext as _l``) and called with
    text is a keyword of ``babel.cfg``, or its messages never reach a catalog."""
    from babel.messages.extract import DEFAULT_KEYWORDS

    config = (ROOT / "babel.cfg").read_text("utf-8")
    keywords = set(DEFAULT_KEYWORDS)
    for line in re.findall(r"^keywords\s*=\s*(.+)$", config, re.M):
        keywords |= {word.split(":")[0] for word in line.split()}
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "festival").rglob("*.py"))
    aliases = set(re.findall(r"import \w*gettext as (\w+)", source))
    marking = {a for a in aliases if re.search(rf"\b{re.escape(a)}\(\s*[\"']", source)}
    assert "_l" in marking
    assert sorted(marking - keywords) == []
