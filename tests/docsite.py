"""Reading the project's Markdown documentation as the tests need it: headings and their
sections, fenced blocks (with the files they define), tables, links, and the finding lines
and transcripts the pages show."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = (
    "index.md",
    "data-file.md",
    "rules.md",
    "cli.md",
    "http.md",
    "deployment.md",
    "development.md",
    "translating.md",
    "privacy.md",
)

FENCE = re.compile(r"^```(\S*)\s*$")
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")
FILE_MARK = re.compile(r"^<!-- file: (\S+) -->$")
FINDING = re.compile(r"^(ERROR|WARNING) ([a-z][a-z-]*) ")
NAME_VALUE = re.compile(r"^([a-z_]+)=(\S*)$")


@dataclass
class Block:
    """A fenced block: its info string (``json``, ``console``, ...), text and first line."""

    info: str
    text: str
    line: int
    file_name: str | None = None


@dataclass
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    level: int
    title: str
    anchor: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def own_lines(self) -> list[str]:
        """The section's lines before its first subsection."""
        out, inside = [self.lines[0]], False
        for line in self.lines[1:]:
            if FENCE.match(line):
                inside = not inside
            elif not inside and HEADING.match(line):
                break
            out.append(line)
        return out


@dataclass
class Page:
    path: Path
    lines: list[str]
    blocks: list[Block]
    sections: list[Section]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def prose(self) -> str:
        """The text outside fenced blocks."""
        out, inside = [], False
        for line in self.lines:
            if FENCE.match(line):
                inside = not inside
                continue
            if not inside:
                out.append(line)
        return "\n".join(out)


def slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = title.strip().lower()
    kept = "".join(
        ch
        for ch in text
        if ch in " -_" or unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Mn"
    )
    return kept.replace(" ", "-")


@cache
def page(name: str) -> Page:
    """``docs/NAME`` (or ``README.md``) read and split."""
    path = ROOT / name if name == "README.md" else DOCS / name
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    headings: list[tuple[int, int, str]] = []
    inside: Block | None = None
    body: list[str] = []
    pending_file: str | None = None
    for number, line in enumerate(lines, start=1):
        fence = FENCE.match(line)
        if inside is not None:
            if fence and not fence.group(1):
                inside.text = "\n".join(body) + ("\n" if body else "")
                blocks.append(inside)
                inside, body = None, []
            else:
                body.append(line)
            continue
        if fence:
            inside = Block(fence.group(1), "", number, pending_file)
            pending_file = None
            continue
        mark = FILE_MARK.match(line)
        if mark:
            pending_file = mark.group(1)
            continue
        if line.strip():
            pending_file = None
        heading = HEADING.match(line)
        if heading:
            headings.append((number, len(heading.group(1)), heading.group(2)))
    assert inside is None, f"{path.name}: unclosed fence at line {inside.line}"
    sections = []
    seen: dict[str, int] = {}
    for i, (number, level, title) in enumerate(headings):
        end = len(lines)
        for later_number, later_level, _ in headings[i + 1 :]:
            if later_level <= level:
                end = later_number - 1
                break
        anchor = slug(title)
        if anchor in seen:
            seen[anchor] += 1
            anchor = f"{anchor}-{seen[anchor]}"
        else:
            seen[anchor] = 0
        sections.append(Section(level, title, anchor, lines[number - 1 : end]))
    return Page(path, lines, blocks, sections)


def pages() -> list[Page]:
    return [page(name) for name in PAGES]


def example_files() -> dict[str, str]:
    """Every file a page defines with ``<!-- file: NAME -->`` before a fenced block."""
    found: dict[str, str] = {}
    for p in pages():
        for block in p.blocks:
            if block.file_name:
                assert block.file_name not in found, f"{block.file_name} is defined twice"
                found[block.file_name] = block.text
    return found


def table_rows(section_lines: list[str]) -> list[list[str]]:
    """The rows of the first table in ``section_lines`` (header and rule left out)."""
    rows: list[list[str]] = []
    started = False
    for line in section_lines:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not started:
                started = True
                header = cells
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue
            rows.append(cells)
        elif started:
            break
    if started:
        rows.insert(0, header)
    return rows


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`]+)`", text)


def finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if FINDING.match(line)]


def finding_names(line: str) -> list[str]:
    """The names of a finding line's ``name=value`` pairs, in order."""
    names = []
    for token in line.split(" ")[2:]:
        match = NAME_VALUE.match(token)
        if not match:
            break
        names.append(match.group(1))
    return names


# -- transcripts ----------------------------------------------------------------------------


@dataclass
class Step:
    """One ``$ command`` of a ``console`` block and the output the page shows for it."""

    command: str
    expected: list[str]
    line: int


def transcript(block: Block) -> list[Step]:
    steps: list[Step] = []
    for offset, line in enumerate(block.text.splitlines()):
        if line.startswith("$ "):
            steps.append(Step(line[2:], [], block.line + 1 + offset))
        else:
            assert steps, f"line {block.line + 1 + offset}: output before any command"
            steps[-1].expected.append(line)
    return steps


def _line_matches(expected: str, actual: str) -> bool:
    """``...`` inside a line stands for any text."""
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None


def lines_match(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` reads as ``expected`` shows it: a line that is only ``...`` stands for
    any number of lines (none included)."""
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i] == "...":
            result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = (
                j < len(actual) and _line_matches(expected[i], actual[j]) and match(i + 1, j + 1)
            )
        memo[(i, j)] = result
        return result

    return match(0, 0)


def describe_mismatch(step: Step, actual: list[str], page_name: str) -> str:
    shown = "\n".join(step.expected)
    got = "\n".join(actual)
    return (
        f"{page_name}:{step.line}: `{step.command}` prints something else.\n"
        f"--- the page shows ---\n{shown}\n--- the command printed ---\n{got}"
    )
