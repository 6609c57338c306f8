"""Keys, slugs and language tags match whole strings, the same everywhere they are checked;
finding lines escape what could break them."""

from __future__ import annotations

import re

import pytest

from festival import keys
from festival.keys import (
    FILTER_VALUE_RE,
    KEY_PATTERN,
    KEY_RE,
    LANGUAGE_PATTERN,
    LANGUAGE_RE,
    is_key,
    is_language_tag,
)
from festival.scheduling.findings import error, printable, warning

KEYS = ["x", "opening-1", "isfahan-2026", "a" * 64, "0-9"]
NOT_KEYS = [
    "",
    "x\n",
    "x-2027\n",
    "\nx",
    "x\r",
    "x\x00",
    "-x",
    "X",
    "a" * 65,
    "a_b",
    "a b",
    "تهران",
    "x\u2028",
]
TAGS = ["fa", "en", "uz-Cyrl", "zh-Hant-TW", "sr-Latn-RS", "fil", "de-CH-1996"]
NOT_TAGS = [
    "",
    "f",
    "fa\n",
    "fa\r\n",
    "fa-",
    "-fa",
    "fa_IR",
    "f4",
    "fa-abcdefghi",
    "en-" + "a" * 33,
]


@pytest.mark.parametrize("value", KEYS)
def test_keys(value: str) -> None:
    assert is_key(value)
    assert re.fullmatch(KEY_PATTERN.strip("^$"), value)


@pytest.mark.parametrize("value", NOT_KEYS, ids=repr)
def test_not_keys_even_with_match(value: str) -> None:
    assert not is_key(value)
    assert KEY_RE.match(value) is None  # the copies in other modules call .match
    assert KEY_RE.search(value) is None


@pytest.mark.parametrize("value", TAGS)
def test_language_tags(value: str) -> None:
    assert is_language_tag(value)


@pytest.mark.parametrize("value", NOT_TAGS, ids=repr)
def test_not_language_tags(value: str) -> None:
    assert not is_language_tag(value)
    assert LANGUAGE_RE.match(value) is None


def test_language_tags_fit_their_columns() -> None:
    longest = "abc" + "-abcdefgh" * 3 + "-abcd"
    assert len(longest) == keys.LANGUAGE_MAX_LENGTH and is_language_tag(longest)
    assert not is_language_tag(longest + "-a")


def test_filter_values_are_keys_or_kinds_and_nothing_more() -> None:
    assert FILTER_VALUE_RE.match("handicraft_showcase")
    assert FILTER_VALUE_RE.match("hasht-behesht")
    assert FILTER_VALUE_RE.match("talk\n") is None
    assert FILTER_VALUE_RE.match("_x") is None


def test_schema_patterns_mean_the_same_as_the_checks() -> None:
    """The OpenAPI/JSON Schema spellings (ECMA-262 ``$``) say what the whole-string checks say."""
    for pattern, check, samples in (
        (KEY_PATTERN, is_key, KEYS + NOT_KEYS),
        (LANGUAGE_PATTERN, is_language_tag, TAGS + NOT_TAGS),
    ):
        ecma = re.compile(pattern.replace("$", r"\Z"))  # ECMA-262's $ is the end of input
        for sample in samples:
            assert bool(ecma.search(sample)) == check(sample), (pattern, sample)


def test_the_copies_elsewhere_are_this_module() -> None:
    from festival.datafile import reader
    from festival.exports import booklet
    from festival.queries import filters
    from festival.views import api_spec, published

    assert reader.KEY_RE is KEY_RE and reader.LANGUAGE_RE is LANGUAGE_RE
    assert published.LANGUAGE_RE is LANGUAGE_RE
    assert booklet.LANG_RE is LANGUAGE_RE
    assert filters.KEY_RE is FILTER_VALUE_RE
    assert api_spec.KEY["pattern"] == KEY_PATTERN


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("IFN\nERROR x", "IFN\\nERROR x"),
        ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("nel\x85", "nel\\x85"),
        ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
        ("lone\ud800", "lone\\ud800"),
        ("plain تهران 西安 \\n", "plain تهران 西安 \\n"),
    ],
    ids=["lf", "crlf", "tab", "escape", "nul", "del", "nel", "separators", "surrogate", "plain"],
)
def test_printable_escapes_control_characters_visibly(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_a_finding_is_always_one_line() -> None:
    finding = warning(
        "no-arrival-transfer",
        ("delegation", "x\ny"),
        text="arrives IFN\r\nERROR venue-double-booking venue=a sessions=b,c",
    )
    assert finding.line() == (
        "WARNING no-arrival-transfer delegation=x\\ny "
        "arrives IFN\\r\\nERROR venue-double-booking venue=a sessions=b,c"
    )
    assert len(finding.line().splitlines()) == 1
    assert str(error("invalid-value", ("at", "key"), text="bad key \x00")) == (
        "ERROR invalid-value at=key bad key \\x00"
    )
