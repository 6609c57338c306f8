"""The documentation in docs/ says what the code does: every finding code with its severity
and names, every data-file member with its requirement and default, every setting; its
examples are real; its links resolve; and no file of the project points outside it."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from festival.datafile import Document, validate_bytes, validate_data
from festival.datafile.reader import KEY_RE
from festival.datafile.writer import document_json
from festival.scheduling import ERROR_CODES, WARNING_CODES
from tests.docsite import (
    DOCS,
    PAGES,
    ROOT,
    Section,
    backticked,
    example_files,
    finding_lines,
    finding_names,
    page,
    pages,
    slug,
    table_rows,
)

SCHEMA_FILE = ROOT / "festival" / "data" / "festival-data-1.schema.json"
SMALL_EXAMPLE = "khiva-2027.json"
PATH_RE = re.compile(r"^[a-z_]+(\[\])?(\.([a-z_]+(\[\])?|LANG))*$")
TOP_LEVEL = "Top-level members"


# -- nothing outside the repository ---------------------------------------------------------

# Spelt in pieces, so that this file does not match itself.
OUTSIDE = ("/wo" + "rk/", "../sha" + "red", "shared project" + " folder", "CONTRACT" + ".md")
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",
    "instance",
    "build",
    "dist",
    "node_modules",
    "results",
}


def project_files() -> list[Path]:
    found = []
    stack = [ROOT]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.name in SKIPPED_DIRS or entry.name.endswith(".egg-info"):
                continue
            if entry.is_dir():
                stack.append(entry)
            elif entry.is_file() and entry.stat().st_size < 8_000_000:
                found.append(entry)
    return found


def test_no_file_of_the_project_refers_to_a_folder_outside_it() -> None:
    offenders = []
    for path in project_files():
        raw = path.read_bytes()
        if b"\0" in raw:
            continue
        text = raw.decode("utf-8", errors="replace")
        for needle in OUTSIDE:
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle!r}")
    assert offenders == []


def test_the_outside_check_sees_the_documentation() -> None:
    listed = {p.relative_to(ROOT).as_posix() for p in project_files()}
    assert {"README.md", "docs/index.md", "festival/cli/__init__.py"} <= listed


# -- README ---------------------------------------------------------------------------------

TEST_COMMAND_BLOCK = """<!-- test-command -->
```sh
python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest
```
<!-- /test-command -->"""


def test_readme_keeps_the_test_command_that_ci_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- test-command -->") == 1
    assert TEST_COMMAND_BLOCK in text


def test_readme_links_to_every_documentation_page() -> None:
    links = set(re.findall(r"\]\((docs/[^)#]+)", (ROOT / "README.md").read_text("utf-8")))
    assert links == {f"docs/{name}" for name in PAGES}
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(PAGES)


# -- links ----------------------------------------------------------------------------------


def _links(name: str) -> list[tuple[str, str]]:
    text = page(name).prose()
    return [(name, target) for target in re.findall(r"\]\(([^)\s]+)\)", text)]


@pytest.mark.parametrize("name", ["README.md", *PAGES])
def test_relative_links_and_anchors_resolve(name: str) -> None:
    broken = []
    base = ROOT if name == "README.md" else DOCS
    for _, target in _links(name):
        if re.match(r"^[a-z]+:", target):
            continue
        file_part, _, anchor = target.partition("#")
        path = (base / file_part).resolve() if file_part else page(name).path
        if not path.exists():
            broken.append(target)
            continue
        if anchor:
            assert path.suffix == ".md", target
            other = "README.md" if path == ROOT / "README.md" else path.name
            anchors = {s.anchor for s in page(other).sections}
            if anchor not in anchors:
                broken.append(target)
    assert broken == []


def test_anchors_follow_github_headings() -> None:
    assert (
        slug("`festival create-user EMAIL --role ROLE`") == "festival-create-user-email---role-role"
    )
    assert slug("Languages (`lang=`)") == "languages-lang"
    assert slug("A delegation's pages") == "a-delegations-pages"
    assert slug("Opening hours (`venues[].opening_hours`)") == "opening-hours-venuesopening_hours"


# -- examples -------------------------------------------------------------------------------


def test_every_json_block_parses() -> None:
    bad = []
    for p in pages():
        for block in p.blocks:
            if block.info == "json":
                try:
                    json.loads(block.text)
                except json.JSONDecodeError as exc:
                    bad.append(f"{p.path.name}:{block.line}: {exc}")
    assert bad == []


def _produced_lines() -> set[str]:
    """Every finding line the example files of the pages give."""
    lines = set()
    for text in example_files().values():
        _, findings = validate_bytes(text.encode("utf-8"))
        lines |= {f.line() for f in findings}
    return lines


def test_the_example_files_are_those_the_pages_use() -> None:
    assert set(example_files()) == {SMALL_EXAMPLE, "night.json", "mistakes.json", "broken.json"}


def test_the_complete_small_example_imports_without_any_finding() -> None:
    raw = example_files()[SMALL_EXAMPLE].encode("utf-8")
    doc, findings = validate_bytes(raw)
    assert doc is not None
    assert [f.line() for f in findings] == []


def test_the_complete_small_example_matches_the_shipped_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.validate(json.loads(example_files()[SMALL_EXAMPLE]), schema)


def test_data_file_snippets_that_are_whole_files_are_valid() -> None:
    for block in page("data-file.md").blocks:
        if block.info == "json" and '"format"' in block.text:
            _, findings = validate_bytes(block.text.encode("utf-8"))
            assert [f.line() for f in findings if f.is_error] == []


# -- finding codes --------------------------------------------------------------------------


def _code_sections(title: str) -> list[Section]:
    rules = page("rules.md")
    parent = next(s for s in rules.sections if s.level == 2 and s.title == title)
    start = rules.sections.index(parent)
    out = []
    for section in rules.sections[start + 1 :]:
        if section.level <= 2:
            break
        if section.level == 3:
            out.append(section)
    return out


def _code(section: Section) -> str:
    match = re.fullmatch(r"`([a-z-]+)`", section.title)
    assert match, f"rules.md: {section.title!r} is not a code heading"
    return match.group(1)


def test_every_finding_code_is_documented_with_its_severity_in_order() -> None:
    assert [_code(s) for s in _code_sections("Errors")] == list(ERROR_CODES)
    assert [_code(s) for s in _code_sections("Warnings")] == list(WARNING_CODES)


@pytest.mark.parametrize(
    ("title", "severity"),
    [("Errors", "ERROR"), ("Warnings", "WARNING")],
    ids=["errors", "warnings"],
)
def test_each_code_shows_a_real_finding_with_the_names_it_documents(
    title: str, severity: str
) -> None:
    produced = _produced_lines()
    for section in _code_sections(title):
        code = _code(section)
        examples = finding_lines(section.text)
        assert examples, f"rules.md: {code} shows no example line"
        names_line = next((line for line in section.lines if line.startswith("Names:")), None)
        assert names_line is not None, f"rules.md: {code} says nothing about its names"
        documented = [n.rstrip("=") for n in backticked(names_line) if n.endswith("=")]
        for line in examples:
            assert line.startswith(f"{severity} {code} "), line
            assert line in produced, f"rules.md: no example file gives {line!r}"
            assert finding_names(line) == documented, line


def test_every_finding_line_in_the_pages_comes_from_an_example_file() -> None:
    produced = _produced_lines()
    shown = []
    for name in ("rules.md", "cli.md", "data-file.md"):
        for block in page(name).blocks:
            if block.info in ("text", "console"):
                shown += [(name, line) for line in finding_lines(block.text)]
    unknown = [
        (name, line)
        for name, line in shown
        if line not in produced and "duplicate-key at=festival.slug" not in line
    ]
    assert unknown == []


# -- the data file: members, requirements, defaults -------------------------------------------


def _member_sections() -> dict[str, list[list[str]]]:
    """Object path (``""`` for the top level) -> its members table rows."""
    out: dict[str, list[list[str]]] = {}
    for section in page("data-file.md").sections:
        if section.title == TOP_LEVEL:
            paths = [""]
        else:
            paths = [p for p in backticked(section.title) if PATH_RE.match(p)]
        if not paths:
            continue
        rows = table_rows(section.own_lines())
        assert rows and rows[0][:4] == ["member", "type", "required", "default"], section.title
        for path in paths:
            assert path not in out, f"data-file.md documents {path!r} twice"
            out[path] = rows[1:]
    return out


def _documented() -> dict[str, dict[str, tuple[str, str]]]:
    """path -> member -> (required cell, default cell)."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for path, rows in _member_sections().items():
        members: dict[str, tuple[str, str]] = {}
        for cells in rows:
            names = backticked(cells[0])
            assert names, f"data-file.md {path!r}: a row names no member: {cells[0]}"
            for name in names:
                members[name] = (cells[2], cells[3])
        out[path] = members
    return out


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def schema_objects() -> dict[str, tuple[set[str], set[str]]]:
    """Every object the schema describes: path -> (members, required members)."""
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    found: dict[str, tuple[set[str], set[str]]] = {}

    def walk(node: dict[str, Any], path: str) -> None:
        node = _resolve(schema, node)
        for option in node.get("anyOf", []):
            walk(option, path)
        if "properties" in node:
            members, required = found.get(path, (set(), set()))
            found[path] = (
                members | set(node["properties"]),
                required | set(node.get("required", [])),
            )
            for name, sub in node["properties"].items():
                walk(sub, _join(path, name))
        names = _resolve(schema, node.get("propertyNames", {}))
        if "enum" in names:
            found[path] = (set(names["enum"]), set())
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and "enum" not in names:
            walk(extra, f"{path}.LANG")
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], f"{path}[]")

    walk(schema, "")
    return found


def _small_example() -> dict[str, Any]:
    return json.loads(example_files()[SMALL_EXAMPLE])


def _objects_at(data: Any, path: str) -> list[tuple[str, dict[str, Any]]]:
    """(reader path, object) for every object of the data file at ``path``, in file order."""
    current: list[tuple[str, Any]] = [("", data)]
    for segment in path.split(".") if path else []:
        following: list[tuple[str, Any]] = []
        for where, obj in current:
            if not isinstance(obj, dict):
                continue
            if segment == "LANG":
                following += [(f"{where}.{lang}", value) for lang, value in obj.items()]
            elif segment.endswith("[]"):
                name = segment[:-2]
                for index, item in enumerate(obj.get(name) or []):
                    key = item.get("key") if isinstance(item, dict) else None
                    label = key if isinstance(key, str) and KEY_RE.match(key) else index
                    following.append((f"{_join(where, name)}[{label}]", item))
            elif obj.get(segment) is not None:
                following.append((_join(where, segment), obj[segment]))
        current = following
    return [(where, obj) for where, obj in current if isinstance(obj, dict)]


def _reader_objects(doc: Document, path: str) -> list[dict[str, Any]]:
    return [obj for _, obj in _objects_at(document_json(doc), path)]


def test_every_object_of_the_schema_has_a_members_table() -> None:
    assert set(schema_objects()) <= set(_documented())


def test_every_member_the_schema_or_the_reader_knows_is_documented() -> None:
    documented = _documented()
    doc, _ = validate_data(_small_example())
    assert doc is not None
    missing = []
    for path, (members, _) in schema_objects().items():
        missing += [f"{path}.{m}" for m in sorted(members - set(documented.get(path, {})))]
    for path in documented:
        read = {k for obj in _reader_objects(doc, path) for k in obj} - {"path"}
        if path == "venues[].opening_hours" or path.endswith(".LANG"):
            continue  # keys are days or texts, checked through the schema
        missing += [f"{path}.{m}" for m in sorted(read - set(documented[path]))]
    assert missing == []


def test_members_the_schema_requires_are_documented_as_required() -> None:
    documented = _documented()
    for path, (_, required) in schema_objects().items():
        for member in required:
            assert documented[path][member][0] == "yes", f"{path}.{member}"


def test_the_complete_small_example_uses_every_documented_member() -> None:
    example = _small_example()
    unused = []
    for path, members in _documented().items():
        present = {k for _, obj in _objects_at(example, path) for k in obj}
        unused += [f"{path}.{m}" for m in members if m not in present]
    assert unused == []


def _without(example: dict[str, Any], path: str, member: str) -> tuple[dict[str, Any], str]:
    """A copy of ``example`` without ``member`` in the first object at ``path`` that has it,
    and that object's reader path in the copy."""
    changed = copy.deepcopy(example)
    objects = _objects_at(changed, path)
    index = next(i for i, (_, obj) in enumerate(objects) if member in obj)
    del objects[index][1][member]
    return changed, _objects_at(changed, path)[index][0]


def _cases() -> list[tuple[str, str, str, str]]:
    return [
        (path, member, required, default)
        for path, members in _documented().items()
        for member, (required, default) in members.items()
    ]


@pytest.mark.parametrize(
    ("path", "member", "required", "default"),
    _cases(),
    ids=[f"{p or '(file)'}.{m}" for p, m, _, _ in _cases()],
)
def test_leaving_a_member_out_does_what_the_table_says(
    path: str, member: str, required: str, default: str
) -> None:
    changed, where = _without(_small_example(), path, member)
    doc, findings = validate_data(changed)
    at = _join(where, member)
    refused = [
        f
        for f in findings
        if f.code == "invalid-value"
        and f.get("at") == at
        and f.text.startswith("missing required member")
    ]
    if required == "yes":
        assert refused, f"{at}: documented as required, but leaving it out is accepted"
        return
    if required != "no":
        return  # required in some cases only, as the cell says
    assert refused == [], f"{at}: documented as optional, but leaving it out is refused"
    literal = re.fullmatch(r"`([^`]+)`", default)
    if literal is None or doc is None:
        return
    objects = _reader_objects(doc, path)
    keyed = [o for o in objects if "key" in o and where.endswith(f"[{o['key']}]")] or objects[:1]
    if not keyed or member not in keyed[0]:
        return  # a member this reader does not keep
    assert keyed[0][member] == json.loads(literal.group(1)), at


# -- configuration --------------------------------------------------------------------------


def _source() -> str:
    return "\n".join(p.read_text("utf-8") for p in (ROOT / "festival").rglob("*.py"))


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    # The process environment only (``os.environ``), not a WSGI request's ``environ``.
    names = set(re.findall(r"os\.environ(?:\.get)?[\[(]\s*\"([A-Z][A-Z0-9_]*)\"", _source()))
    assert {"DATABASE_URL", "SECRET_KEY", "FESTIVAL_BIND"} <= names
    text = page("deployment.md").text
    assert [n for n in sorted(names) if f"`{n}`" not in text] == []


def test_every_setting_the_code_reads_is_documented() -> None:
    source = _source()
    reads = set(re.findall(r"config\.(?:get|setdefault)\(\s*\"([A-Z][A-Z0-9_]*)\"", source))
    reads |= set(re.findall(r"config\[\"([A-Z][A-Z0-9_]*)\"\](?!\s*=[^=])", source))
    assert {"PROXY_COUNT", "BOOKLET_BACKGROUND_SESSIONS"} <= reads
    text = page("deployment.md").text
    assert [n for n in sorted(reads) if n not in text] == []
