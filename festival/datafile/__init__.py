"""The festival data file (``festival-data/1``): its typed shape, reading, validating, writing,
and turning it into rule input."""

from festival.datafile.document import FORMAT, Document
from festival.datafile.reader import MAX_BYTES, Unreadable, read_bytes, read_data
from festival.datafile.spec import spec_from_document
from festival.datafile.validate import validate_bytes, validate_data
from festival.datafile.writer import document_json

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "Document",
    "Unreadable",
    "document_json",
    "read_bytes",
    "read_data",
    "spec_from_document",
    "validate_bytes",
    "validate_data",
]
