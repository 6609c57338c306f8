"""The output cache: keyed by festival version and options, bounded by bytes, least recently
used out first."""

from __future__ import annotations

from festival.cache import OutputCache, OutputKey


def key(name: str, version: int = 1, *options: str) -> OutputKey:
    return OutputKey(7, version, name, options)


def test_the_least_recently_used_output_goes_first_when_bytes_run_out() -> None:
    cache = OutputCache(max_bytes=100)
    cache.put(key("a"), "A", 60)
    cache.put(key("b"), "B", 30)
    assert cache.get(key("a"), str) == "A"  # a is now the most recently used
    cache.put(key("c"), "C", 30)
    assert [cache.get(key(k), str) for k in "abc"] == ["A", None, "C"]


def test_a_new_version_or_other_options_miss() -> None:
    cache = OutputCache()
    cache.put(key("feed", 1, "fa"), "old", 10)
    assert cache.get(key("feed", 2, "fa"), str) is None
    assert cache.get(key("feed", 1, "en"), str) is None
    assert cache.get(OutputKey(8, 1, "feed", ("fa",)), str) is None
    assert cache.get(key("feed", 1, "fa"), str) == "old"


def test_get_or_build_builds_once_and_checks_the_kind() -> None:
    cache = OutputCache()
    built: list[int] = []

    def build() -> bytes:
        built.append(1)
        return b"pdf"

    assert cache.get_or_build(key("pdf"), bytes, build, len) == b"pdf"
    assert cache.get_or_build(key("pdf"), bytes, build, len) == b"pdf"
    assert built == [1]
    assert cache.get(key("pdf"), str) is None  # stored as bytes, not a str


def test_an_output_bigger_than_the_cache_is_served_but_not_kept() -> None:
    cache = OutputCache(max_bytes=10)
    cache.put(key("small"), "s", 5)
    assert cache.get_or_build(key("huge"), str, lambda: "h" * 50, len) == "h" * 50
    assert cache.get(key("huge"), str) is None
    assert cache.get(key("small"), str) == "s"
    cache.clear()
    assert cache.get(key("small"), str) is None
