"""The festival data file (``festival-data/1``): read, validate, and turn into rule input."""

from festival.datafile.reader import (
    FORMAT,
    MAX_BYTES,
    Document,
    Unreadable,
    read_bytes,
    read_data,
)
from festival.datafile.spec import spec_from_document
from festival.datafile.validate import validate_bytes, validate_data

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "Document",
    "Unreadable",
    "read_bytes",
    "read_data",
    "spec_from_document",
    "validate_bytes",
    "validate_data",
]
