"""gettext in templates: ``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``npgettext()``
and ``{% trans %}`` blocks, in the language being rendered.

The web pages and the printed pages share one template syntax. Which language a render is
in: the one set by :func:`rendering_in` around it (the booklet and itineraries), else what
``fallback`` says (the web: Flask-Babel's locale of the request, which the view chose).
Placeholders are named and new-style (``_("Day %(number)s", number=3)``): values are
escaped, numbers written in the language's digits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from festival.i18n import Messages, messages

_rendering: ContextVar[Messages | None] = ContextVar("festival_rendering", default=None)


@contextmanager
def rendering_in(lang: str | None) -> Iterator[Messages]:
    """Templates rendered inside speak ``lang``'s catalog (thread- and task-local)."""
    chosen = messages(lang)
    token = _rendering.set(chosen)
    try:
        yield chosen
    finally:
        _rendering.reset(token)


def current_messages(fallback: Callable[[], str | None] = lambda: None) -> Messages:
    return _rendering.get() or messages(fallback())


def install(env: jinja2.Environment, fallback: Callable[[], str | None] = lambda: None) -> None:
    """Give ``env`` the gettext functions, reading the catalog of the render in progress."""

    def finish(context: Context, text: str, values: dict[str, Any], m: Messages) -> str:
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return m.fill(text, values)

    @jinja2.pass_context
    def gettext(context: Context, message: str, **values: Any) -> str:
        m = current_messages(fallback)
        return finish(context, m.translations.ugettext(message), values, m)

    @jinja2.pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **values: Any) -> str:
        m = current_messages(fallback)
        values.setdefault("num", num)
        text = m.translations.ungettext(singular, plural, num)
        return finish(context, text, values, m)

    @jinja2.pass_context
    def pgettext(context: Context, ctx: str, message: str, **values: Any) -> str:
        m = current_messages(fallback)
        return finish(context, m.translations.upgettext(ctx, message), values, m)

    @jinja2.pass_context
    def npgettext(
        context: Context, ctx: str, singular: str, plural: str, num: int, **values: Any
    ) -> str:
        m = current_messages(fallback)
        values.setdefault("num", num)
        text = m.translations.unpgettext(ctx, singular, plural, num)
        return finish(context, text, values, m)

    env.add_extension("jinja2.ext.i18n")
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(
        _=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext
    )
