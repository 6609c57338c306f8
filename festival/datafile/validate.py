"""Validate a festival data file: the reader's findings, then every scheduling rule."""

from __future__ import annotations

from typing import Any

from festival.datafile.reader import Document, read_bytes, read_data
from festival.datafile.spec import spec_from_document
from festival.scheduling import check_festival
from festival.scheduling.findings import Finding


def validate_data(data: Any) -> tuple[Document | None, list[Finding]]:
    """Every finding for parsed JSON: structure first, then the rules on what could be read."""
    doc, findings = read_data(data)
    return _with_rules(doc, findings)


def validate_bytes(raw: bytes) -> tuple[Document | None, list[Finding]]:
    """As ``validate_data`` for a file's bytes; raises ``Unreadable`` for non-text input."""
    doc, findings = read_bytes(raw)
    return _with_rules(doc, findings)


def _with_rules(
    doc: Document | None, findings: list[Finding]
) -> tuple[Document | None, list[Finding]]:
    if doc is None:
        return None, sorted(findings, key=lambda f: not f.is_error)
    combined = findings + check_festival(spec_from_document(doc))
    return doc, sorted(combined, key=lambda f: not f.is_error)
