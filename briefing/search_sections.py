"""Material's search sections of a page, found without Python's HTML parser.

Not a stage: part of publishing, used by the plugin briefing hands the engine
(`engine_pages`). Material's search plugin cuts every page's HTML into sections
(a heading with the text up to the next) with a parser built on
`html.parser.HTMLParser`, whose tokenizer and callbacks are Python code run for
every tag and run of text: about 13 s of CPU for the 77 MB of pages of 5,000
articles, the largest part of publishing them.

`sections(content)` gives the same sections, as Material's own `Section` and
`Element` objects: one regular expression finds the tags and text, and Material's
rules are written out over tag names, quirks included (its elements compare
equal by tag name, so an element left out of search leaves out every open
element with the same tag). It answers None for HTML it cannot be sure to read
as `HTMLParser` does: comments, declarations, raw-text elements such as
`<script>`, a `<` that opens no tag, unquoted attribute values. The caller then
runs Material's parser. `tests/test_search_sections.py` compares the two on
every page of a built site and on generated HTML.
"""

from __future__ import annotations

import math
import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any

from material.plugins.search.plugin import Element, Parser, SearchIndex, Section, void

_MATERIAL = Parser()
KEEP = frozenset(_MATERIAL.keep)          # tags kept in the text: p, code, pre, li, ...
SKIPPED = frozenset(_MATERIAL.skip)       # tags whose content is never indexed
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_RAW_TEXT = (*HTMLParser.CDATA_CONTENT_ELEMENTS,
             *getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ()))

_NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"
_ATTRIBUTE = r"""\s+[a-zA-Z_:][-.a-zA-Z0-9:_]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?"""
# A start tag (name, attributes, "/"), an end tag, text, or a "<" that is none of them.
_TOKEN = re.compile(rf"""<({_NAME})((?:{_ATTRIBUTE})*)\s*(/?)>|</({_NAME})\s*>|([^<]+)|(<)""")
_SLASH, _END, _TEXT, _STRAY = 3, 4, 5, 6   # the last group each kind of token sets (a start: 3)
# The attributes `_TOKEN` matched, one by one: a name where whitespace ends (looked
# behind for, so that a run of spaces is not tried again from each of its places).
_ATTRIBUTES = re.compile(r"""(?<=\s)([a-zA-Z_:][-.a-zA-Z0-9:_]*)"""
                         r"""(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")
_RAW = re.compile(rf"<(?:{'|'.join(_RAW_TEXT)})[\s/>]", re.IGNORECASE)


def read_quickly(index: Any) -> None:
    """Have Material's search index cut pages into sections with `sections`, and with
    its own parser only where `sections` is not sure; any other index (MkDocs' own
    search plugin's) is left as it is. The rest is Material's `add_entry_from_context`."""
    if not isinstance(index, SearchIndex):
        return
    material = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        found = sections(page.content)
        if found is None:
            material(page)
            return
        for section in found:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context


def sections(content: str) -> list[Section] | None:
    """The sections Material's `Parser` makes of `content`, or None (see above)."""
    if _RAW.search(content):
        return None
    reader = _Reader()
    for token in _TOKEN.finditer(content):
        kind = token.lastindex
        if kind == _TEXT:
            reader.data(unescape(token.group(_TEXT)))
        elif kind == _END:
            reader.end(token.group(_END).lower())
        elif kind == _STRAY:
            return None
        else:
            tag = token.group(1).lower()
            written = token.group(2)
            reader.start(tag, _attributes(written) if written else {})
            if token.group(_SLASH):
                reader.end(tag)             # <tag/>: HTMLParser's start, then end
    return reader.found


def _attributes(written: str) -> dict[str, str | None]:
    """A tag's attributes as HTMLParser gives them: names in lower case, quoted values
    unquoted and unescaped, None for a name alone (the last of a repeated name)."""
    found: dict[str, str | None] = {}
    for attribute in _ATTRIBUTES.finditer(written):
        value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        found[attribute.group(1).lower()] = unescape(value) if value else value
    return found


class _Reader:
    """Material's `Parser` callbacks, over tag names instead of `Element` comparisons,
    with what the text callback asks worked out when a tag opens or closes."""

    def __init__(self) -> None:
        self.found: list[Section] = []
        self.section: Section | None = None
        self.tags: list[str] = []           # the open elements' tags
        self.classes: list[str | None] = []  # and their classes (a permalink's is "headerlink")
        self.skip: set[str] = set(SKIPPED)  # an element in Material's skip set is its tag
        self.skipping = self.in_title = self.in_pre = self.in_permalink = False

    def start(self, tag: str, values: dict[str, str | None]) -> None:
        if tag in void:
            return
        self.tags.append(tag)
        self.classes.append(values.get("class"))
        if tag in HEADINGS and "id" in values:
            depth = len(self.tags)
            if tag != "h1" and not self.found:
                self._begin(Section(Element("hx"), depth))
            section = Section(Element(tag, values), depth)
            if self.found:
                section.id = values["id"]
            self._begin(section)
        if self.section is None:
            self._begin(Section(Element("hx")))
        self._changed()
        if "data-search-exclude" in values or values.get("class") == "linenodiv":
            self.skip.add(tag)
            self._changed()
            return
        if tag in KEEP and not self.skipping:
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.tags or self.tags[-1] != tag:
            return
        assert self.section is not None     # an open element began one
        if self.section.depth > len(self.tags):
            for section in reversed(self.found):
                if section.depth <= len(self.tags):
                    self.section.depth = math.inf
                    self.section = section
                    break
        self.tags.pop()
        self.classes.pop()
        if tag in self.skip:
            if tag not in ("script", "style", "object"):
                self.skip.discard(tag)
            self._changed()
            return
        self._changed()
        if tag in KEEP and not self.skipping:
            target = self._target()
            index = target.index(f"<{tag}>")
            if any(not part.isspace() for part in target[index + 1:]):
                target.append(f"</{tag}>")
            else:
                del target[index:]              # an element with nothing in it

    def data(self, text: str) -> None:
        if self.skipping:
            return
        if not self.in_pre:
            text = " " if text.isspace() else text.replace("\n", " ")
        if self.section is None:
            self._begin(Section(Element("hx")))
            self._changed()
        section = self.section
        assert section is not None
        if self.in_title:
            if not self.in_permalink:
                section.title.append(escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or self.in_pre:
                section.text.append(text)
        else:
            section.text.append(escape(text, quote=False))

    def _begin(self, section: Section) -> None:
        self.section = section
        self.found.append(section)

    def _changed(self) -> None:
        """Work out again what depends on the open elements, the section and the skip set."""
        tags = self.tags
        self.skipping = not self.skip.isdisjoint(tags)
        self.in_title = self.section is not None and self.section.el.tag in tags
        self.in_pre = "pre" in tags
        self.in_permalink = "headerlink" in self.classes and any(
            tag == "a" and kind == "headerlink" for tag, kind in zip(tags, self.classes,
                                                                     strict=True))

    def _target(self) -> list[str]:
        """Where kept tags go: the section's title inside its heading, else its text."""
        assert self.section is not None
        return self.section.title if self.in_title else self.section.text
