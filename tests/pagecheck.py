"""Reading a rendered page as a user (and a screen reader) would: its text, links, headings
and landmarks, with the standard library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "path",
}


@dataclass
class Link:
    href: str
    text: str
    attrs: dict[str, str]

    @property
    def path(self) -> str:
        return urlsplit(self.href).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.href).query)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Page(HTMLParser):
    """A parsed page: ``text`` is what is visible (whitespace collapsed; the QR code's SVG and
    the head left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not any(e.tag == tag for e in self._open):
            return
        while self._open:
            element = self._open.pop()
            if element.tag == "a":
                self.links.append(
                    Link(
                        element.attrs.get("href", ""), " ".join(element.text.split()), element.attrs
                    )
                )
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if not any(e.tag in ("head", "script", "style", "svg") for e in self._open):
            self._chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._chunks).split())

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag
            and all(e.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]

    def link(self, text: str) -> Link:
        found = [link for link in self.links if link.text == text]
        assert len(found) == 1, (text, [link.text for link in self.links])
        return found[0]

    def links_named(self, text: str) -> list[Link]:
        return [link for link in self.links if link.text == text]

    def headings(self, tag: str) -> list[str]:
        return [" ".join(e.text.split()) for e in self.all(tag)]


def read(html: str | bytes) -> Page:
    page = Page()
    page.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    page.close()
    return page


def check_accessible(page: Page) -> None:
    """Landmarks, one h1, a language and direction, labelled links and images, no inline
    style or script (the CSP forbids them)."""
    html = page.one("html")
    assert html.attrs["lang"] and html.attrs["dir"] in ("ltr", "rtl")
    assert len(page.all("h1")) == 1
    page.one("main")
    assert page.all("header")
    for nav in page.all("nav"):
        assert nav.attrs.get("aria-label")
    for link in page.links:
        assert link.text or link.attrs.get("aria-label"), link
    for svg in page.all("svg"):
        assert svg.attrs.get("role") == "img"
    assert not page.all("script") and not page.all("style")
    assert not [e for e in page.elements if "style" in e.attrs]
