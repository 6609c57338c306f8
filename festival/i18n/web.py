"""Flask-Babel on the web side: which catalog a request speaks, and gettext in its templates.

A page of a festival speaks the language its view chose (``use_language``: the ``?lang=``
the visitor picked, else the festival's or the delegation's own language). Any other page
(the list of festivals, signing in, an error) speaks ``?lang=`` when a catalog ships for
it, else the visitor's best ``Accept-Language`` match, else English; its response then
varies by ``Accept-Language``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, has_request_context, request
from flask_babel import (  # type: ignore[import-untyped]
    get_locale,
    refresh,
)
from flask_babel import gettext as _flask_gettext
from flask_babel import lazy_gettext as _flask_lazy_gettext
from flask_babel import ngettext as _flask_ngettext

from festival.extensions import babel
from festival.i18n import CATALOG_DIR, SOURCE_LANGUAGE, check_compiled, jinja
from festival.i18n.languages import catalog_for, is_shipped, preferred_catalog, text_direction


def gettext(message: str, **values: Any) -> str:
    """``message`` in the request's language (Flask-Babel)."""
    return str(_flask_gettext(message, **values))


def ngettext(singular: str, plural: str, num: int, **values: Any) -> str:
    """The form of ``singular``/``plural`` for ``num`` in the request's language."""
    return str(_flask_ngettext(singular, plural, num, **values))


def lazy_gettext(message: str, **values: Any) -> Any:
    """``message`` translated when it is shown (form labels, made once at import)."""
    return _flask_lazy_gettext(message, **values)


def accepted_catalog() -> str | None:
    """The visitor's best ``Accept-Language`` language that a catalog ships for (None: none)."""
    if not has_request_context():
        return None
    g.varies_by_accept_language = True
    tags = [tag for tag, _quality in request.accept_languages]
    return preferred_catalog(tag.replace("_", "-") for tag in tags)


def _select_locale() -> str:
    chosen = g.get("interface_language")
    if chosen:
        return str(chosen)
    if not has_request_context():
        return SOURCE_LANGUAGE
    requested = request.args.get("lang", "")
    if requested and is_shipped(requested):
        return catalog_for(requested)
    return accepted_catalog() or SOURCE_LANGUAGE


def use_language(lang: str | None) -> str:
    """The rest of this request speaks ``lang``'s catalog (flash messages, forms, templates);
    returns the catalog's code."""
    code = catalog_for(lang)
    g.interface_language = code
    refresh()
    return code


def request_language() -> str:
    """The catalog code the request speaks."""
    return str(get_locale() or SOURCE_LANGUAGE)


def _start() -> None:
    # A test's app context outlives its requests: no request inherits another's language.
    g.pop("interface_language", None)
    g.pop("varies_by_accept_language", None)
    refresh()


def _vary(response: Response) -> Response:
    if g.get("varies_by_accept_language"):
        response.vary.add("Accept-Language")
    return response


def _page_defaults() -> dict[str, str]:
    """``page_lang`` and ``page_dir`` of a page whose view named no language."""
    code = request_language()
    return {"page_lang": code, "page_dir": text_direction(code)}


def init_app(app: Flask) -> None:
    """Flask-Babel over the shipped catalogs, and gettext in the app's templates."""
    check_compiled()
    babel.init_app(
        app,
        locale_selector=_select_locale,
        default_translation_directories=str(CATALOG_DIR),
    )
    jinja.install(app.jinja_env, fallback=request_language)
    app.context_processor(_page_defaults)
    app.before_request(_start)
    app.after_request(_vary)
