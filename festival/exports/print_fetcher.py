"""WeasyPrint's URL fetcher locked to the app's static files and ``data:`` URLs."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from festival.paths import resource_dir


class RefusedURL(ValueError):
    """A stylesheet, image or font outside the static folder (or on the network)."""


class StaticOnlyFetcher(URLFetcher):
    """Serves ``file:`` URLs inside ``root`` (after resolving ``..`` and symlinks) and
    ``data:`` URLs; refuses every other file and every network scheme without touching it.

    ``refused`` lists what was asked for and refused (WeasyPrint logs and skips them).
    """

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = (root or resource_dir("static")).resolve()
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        """The URL relative links in the print templates resolve against."""
        return self.root.as_uri() + "/"

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._static_path(url)
            if path is not None:
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
        self.refused.append(url)
        raise RefusedURL(f"refused to fetch {url[:200]!r}: only static files and data: URLs")

    def _static_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(unquote(parts.path)).resolve()
        except (OSError, RuntimeError):
            return None
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path
