"""The one rule for which name of a place a reader knows it by."""

from __future__ import annotations

import pytest

from festival.queries.places import Place, known_name, reads_local_name, with_local_name

HALL = ("Chehel Sotoun", "چهل‌ستون")


@pytest.mark.parametrize(
    ("local_name", "country", "lang", "expected"),
    [
        ("چهل‌ستون", "IR", "fa", True),
        ("چهل‌ستون", "IR", "fa-IR", True),
        ("چهل‌ستون", "ir", "fa", True),
        ("چهل‌ستون", "IR", "en", False),
        ("چهل‌ستون", "IR", None, False),
        ("", "IR", "fa", False),
        ("西安", "CN", "zh-Hans", True),
        ("چهل‌ستون", "", "fa", False),
        ("Nowhere", "XX", "en", False),
    ],
    ids=[
        "own-language",
        "own-language-with-region",
        "lowercase-country",
        "other-language",
        "no-language",
        "no-local-name",
        "chinese-script-subtag",
        "no-country",
        "unknown-country",
    ],
)
def test_a_reader_knows_a_place_by_its_local_name_only_in_its_own_language(
    local_name: str, country: str, lang: str | None, expected: bool
) -> None:
    assert reads_local_name(local_name, country, lang) is expected
    assert known_name("Name", local_name, country, lang) == (local_name if expected else "Name")


def test_a_place_and_its_local_name_side_by_side() -> None:
    assert with_local_name("Xi'an", "西安") == "Xi'an (西安)"
    assert with_local_name("Kraków", "Kraków") == "Kraków"
    assert with_local_name("Abbasi Hotel", "") == "Abbasi Hotel"
    assert Place(*HALL, "IR").known_name("fa") == HALL[1]
    assert Place("IFN").known_name("fa") == "IFN"
    assert not Place("")
