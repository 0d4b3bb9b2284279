"""Pages written in HTML, which the engine passes through instead of converting.

Most generated pages are Markdown, which the engine converts with Python-Markdown's
`toc` extension: every heading gets an id (its slug, made unique on the page) and a
permalink, and the page gets a table of contents, which the theme shows beside the
page and Material's search uses to title each section. A page rendered from an
HTML template (`render.py`) skips that conversion, the costliest part of publishing,
so the same work is done here: `html_page()` marks the page (a front-matter key,
so the page says what it is wherever it goes: the docs folder, the page cache, a
worker process) and numbers its headings when it is rendered, and `toc_tokens()`
and `anchor_ids()` give the engine what its toc extension would have given it
when the engine passes the page through (`engine_pages.py`).

An engine without plugins (Zensical) converts the page as Markdown, which leaves
HTML blocks as they are: the page is the same, without the table of contents.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify

# The front-matter key of a page written in HTML.
HTML_PAGE = "briefing_html"
# What the site's `toc` extension (`permalink: true`) appends to a heading.
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
# An `id` attribute, written in lower case as templates and markdown-it write it. The
# look-behind for the space before it comes after the literal `id`, which lets the
# regex engine search for that literal: four times faster over a build's pages.
_ID = re.compile(r"""id(?<=\sid)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")
_PERMALINK_AT_END = re.compile(r'<a class="headerlink" href="#[^"]*"[^>]*>[^<]*</a>\s*$')


def html_page(text: str) -> str:
    """A page an HTML template rendered, as the engine is given it: marked with
    `HTML_PAGE` in its front matter, its headings numbered."""
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        end = text.index("\n---\n", 3) + 5
        front, body = text[4:end], text[end:]
    else:
        front, body = "---\n", text
    return f"---\n{HTML_PAGE}: true\n{front}{number_headings(body)}"


def number_headings(page: str) -> str:
    """`page` with an id on every heading that has none and a permalink on every
    heading, as Python-Markdown's toc extension would write them."""
    used = {_id_of(match) for match in _ID.finditer(page)}

    def numbered(match: re.Match[str]) -> str:
        level, attrs, inner = match.group(1), match.group(2), match.group(3)
        found = _ID.search(attrs)
        if found:
            anchor = _id_of(found)
        else:
            anchor = _unique(slugify(html.unescape(_plain(inner)), "-"), used)
            attrs = f' id="{html.escape(anchor)}"{attrs}'
        link = PERMALINK.format(id=html.escape(anchor))
        return f"<h{level}{attrs}>{inner}{link}</h{level}>"

    return _HEADING.sub(numbered, page)


def toc_tokens(page: str) -> list[dict[str, Any]]:
    """The nested table of contents of a page `number_headings` wrote, in the form
    Python-Markdown's toc extension gives the engine (`md.toc_tokens`)."""
    flat = []
    for match in _HEADING.finditer(page):
        found = _ID.search(match.group(2))
        if not found:
            continue
        inner = _PERMALINK_AT_END.sub("", match.group(3))
        flat.append({"level": int(match.group(1)), "id": html.unescape(_id_of(found)),
                     "name": _plain(inner), "html": inner, "data-toc-label": ""})
    return nest_toc_tokens(flat)


def anchor_ids(page: str) -> set[str]:
    """Every id on the page: what links to the page may point at (`#p3`)."""
    return {html.unescape(_id_of(match)) for match in _ID.finditer(page)}


def _id_of(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else match.group(2)


def _plain(inner: str) -> str:
    """A heading's text: tags and comments dropped, white space collapsed, entities kept."""
    return " ".join(_TAG.sub("", inner).split())


def _unique(anchor: str, used: set[str]) -> str:
    """`anchor`, or `anchor_1`, `anchor_2`, … if taken, as the toc extension numbers them."""
    while anchor in used or not anchor:
        counted = _COUNTED.match(anchor)
        anchor = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{anchor}_1"
    used.add(anchor)
    return anchor
