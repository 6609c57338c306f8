"""Exports: bytes out of read models, never a request object."""
