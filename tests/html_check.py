"""A structural HTML check for built pages: `html_problems(text)`.

Python's HTMLParser accepts anything, so this keeps a stack of open elements and
reports what a browser would have to repair: an end tag nothing opened, an element
left open that must be closed, and a page without the frame every page has. Elements
whose end tag HTML lets a page omit (`p`, `li`, `td`, ...) may close implicitly.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
                          "option", "optgroup", "colgroup", "rt", "rp", "html", "head", "body"})
FRAME = frozenset({"html", "head", "body", "title"})


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: set[str] = set()
        self.problems: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)
        if tag in VOID:
            return
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.add(tag)       # <path/> in SVG, <br/>: nothing left open

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.stack:
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes nothing")
            return
        while self.stack:
            top = self.stack.pop()
            if top == tag:
                return
            if top not in OPTIONAL_END:
                self.problems.append(f"line {self.getpos()[0]}: <{top}> left open by </{tag}>")


def html_problems(text: str, redirect: bool = False) -> list[str]:
    """What is wrong with the page's structure (nothing, for a sound page)."""
    parser = _Structure()
    parser.feed(text)
    parser.close()
    problems = parser.problems + [f"<{tag}> never closed" for tag in parser.stack
                                  if tag not in OPTIONAL_END]
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("no <!doctype html>")
    frame = FRAME if redirect else FRAME | {"article", "main", "nav"}
    problems += [f"no <{tag}>" for tag in sorted(frame - parser.seen)]
    return problems
