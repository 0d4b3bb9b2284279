"""Template syntax in a generator's post: rendered where it has a plain meaning, else dropped.

Part of the normalize stage. Jekyll posts carry Liquid (`{{ page.title }}`,
`{% include x %}`), Hugo posts carry shortcodes (`{{< youtube ID >}}`,
`{{% notice %}}…{{% /notice %}}`), Zola posts carry shortcodes
(`{{ youtube(id="ID") }}`, `{% quote() %}…{% end %}`). None of it is ever run,
and none of it is shown as text:

- rendered: `page.*` variables from the front matter (`page.title`, `page.date`,
  `page.url`, `page.excerpt`, any other scalar key), variables set by `assign` or
  `capture`, string literals, `{% raw %}` (its text, as written), `{% highlight %}`
  and Hugo's `highlight` (a fenced code block), embeds (`youtube`, `vimeo`,
  `tweet`/`x`, `instagram`, `gist`, Zola's `youtube`/`vimeo`/`gist`) as links,
  Hugo's `param`, `figure` (its image when the address is absolute, its caption);
- kept as text: a Hugo `ref`/`relref` or Jekyll `post_url`/`link` link's text
  (the linked page's address on this site is not known here);
- dropped: everything else. Block tags (`if`, `for`, `unless`, `case`, paired
  shortcodes) lose their tags and keep the text between them once, as written,
  without evaluating anything; `{% comment %}` loses its text too.

Each dropped construct is named in one `template-dropped` note per article.
`<!--more-->` (Hugo, WordPress; `<!-- more -->` in Zola) and a front-matter
`excerpt_separator` (Jekyll) divide the summary from the rest: the text before
the first one is returned as the summary. Every pattern is bounded, so the cost
is linear in the body's length.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..dates import format_day

# A tag is at most MAX_TAG characters between its delimiters (longer is not a tag);
# with each closing delimiter's next position cached, one pass over a body is linear.
MAX_TAG = 1000
OPENER = re.compile(r"\{\{[<%]?|\{%")
CLOSER = {"{{<": ">}}", "{{%": "%}}", "{{": "}}", "{%": "%}"}
END_TAG = re.compile(r"\{%-?\s{0,20}end(\w{1,60})\s{0,20}-?%\}")
CLOSING_SHORTCODE = re.compile(r"\{\{[<%]\s{0,20}/([\w.-]{1,60})\s{0,20}[>%]\}\}")
SPACES = re.compile(r"\s*")
LINE_SCAN = 200      # a tag "alone on its line" has at most this much space around it
MORE = re.compile(r"<!--\s{0,5}more\s{0,5}-->")
EMPTY_LINK = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\([ \t]{0,20}\)")   # left by a dropped address
# `(?<!\s)`: a match starts where a run of spaces starts, never inside it (linear).
NAME = re.compile(r"(?<!\s)\s*([A-Za-z_][\w.-]{0,60})")
ZOLA_CALL = re.compile(r"(?<!\s)\s*([A-Za-z_]\w{0,60})\((.{0,1000})\)\s*", re.DOTALL)
ARGUMENT = re.compile(r'(?:([A-Za-z_]\w{0,30})\s*=\s*)?(?:"([^"]{0,500})"|\'([^\']{0,500})\'|'
                      r"([^\s\"'=,]{1,500}))")
SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")
SAFE_LANG = re.compile(r"[\w+#.-]{1,30}")
BLOCK_TAGS = frozenset({"if", "unless", "for", "case", "tablerow", "capture", "comment",
                        "raw", "highlight"})
BRANCH_TAGS = frozenset({"else", "elsif", "when", "empty"})
SILENT_TAGS = frozenset({"assign", "increment", "decrement", "break", "continue", "cycle",
                         "liquid", "layout"})
LINK_TAGS = frozenset({"post_url", "link"})           # Jekyll: a link to another page
HUGO_LINKS = frozenset({"ref", "relref"})
EMBEDS = {
    "youtube": ("YouTube video", "https://www.youtube.com/watch?v={id}"),
    "vimeo": ("Vimeo video", "https://vimeo.com/{id}"),
    "instagram": ("Instagram post", "https://www.instagram.com/p/{id}/"),
    "streamable": ("Streamable video", "https://streamable.com/{id}"),
}
PAGE_ALIASES = {"excerpt": ("excerpt", "summary", "description"),
                "url": ("permalink", "url"), "permalink": ("permalink", "url")}


@dataclass(frozen=True)
class Rendered:
    """The body without template syntax, the summary before a divider, and what was dropped."""

    text: str
    summary: str | None               # Markdown before the divider
    summary_how: str | None           # which divider: "<!--more-->" or "excerpt_separator"
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class _Token:
    """One `{{ … }}`, `{% … %}`, `{{< … >}}` or `{{% … %}}` in a body."""

    start: int
    end: int
    opener: str
    inner: str            # between the delimiters, whitespace-control dashes removed
    left: bool            # `{%-` / `{{-`: strip the whitespace before
    right: bool           # `-%}` / `-}}`: strip the whitespace after


@dataclass
class _State:
    """Working state of one pass over one body (never leaves this module)."""

    fm: Mapping[str, Any]
    date: datetime | None
    variables: dict[str, str] = field(default_factory=dict)
    dropped: dict[str, None] = field(default_factory=dict)     # ordered set
    depth: int = 0
    last_end: dict[str, int] = field(default_factory=dict)      # endNAME -> last position
    last_closing: dict[str, int] = field(default_factory=dict)  # /NAME -> last position

    def drop(self, what: str) -> str:
        self.dropped.setdefault(what)
        return ""


def render_templates(body: str, fm: Mapping[str, Any], date: datetime | None) -> Rendered:
    """Render or drop every template construct in `body` (see the module docstring)."""
    state = _State(fm, date)
    summary = how = None
    separator = fm.get("excerpt_separator")
    more = MORE.search(body)
    if more:
        summary, how = body[: more.start()], "<!--more-->"
        body = body[: more.start()] + body[more.end():]
    elif isinstance(separator, str) and separator.strip() and separator in body:
        summary, how = body[: body.index(separator)], "excerpt_separator"
    text = _unlink(_render(body, state))
    if summary is not None:
        summary = _unlink(_render(summary, _State(fm, date, dict(state.variables))))
    return Rendered(text, summary, how, tuple(state.dropped))


def _unlink(text: str) -> str:
    """`[text]()` (a link whose address was dropped) becomes its text; such an image goes."""
    return EMPTY_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)


def _render(body: str, state: _State) -> str:
    """One pass over `body` (or the inside of a capture or highlight, with its own
    end-tag positions: they are offsets into the text being rendered)."""
    outer = state.last_end, state.last_closing
    state.last_end = {m.group(1).lower(): m.start() for m in END_TAG.finditer(body)}
    state.last_closing = {m.group(1).lower(): m.start()
                          for m in CLOSING_SHORTCODE.finditer(body)}
    try:
        return _render_pass(body, state)
    finally:
        state.last_end, state.last_closing = outer


def _render_pass(body: str, state: _State) -> str:
    out: list[str] = []
    closers: dict[str, int] = {}
    position = 0
    while (token := _next_token(body, position, closers)) is not None:
        _text(body[position:token.start], state, out)
        produced, position = _token(token, body, state)
        if token.left:
            _strip_end(out)
        if produced:
            out.append(produced)
        elif _alone_on_line(body, token.start, position):
            while out and not out[-1].strip(" \t") and "\n" not in out[-1]:
                out.pop()
            if out:
                out[-1] = out[-1].rstrip(" \t")
            newline = body.find("\n", position, position + LINE_SCAN)
            position = newline + 1 if newline >= 0 else len(body)
            continue
        if token.right:
            position = SPACES.match(body, position).end()   # type: ignore[union-attr]
    _text(body[position:], state, out)
    return "".join(out)


def _next_token(body: str, position: int, closers: dict[str, int]) -> _Token | None:
    """The next tag from `position`; `closers` caches each closing delimiter's next place."""
    while (found := OPENER.search(body, position)) is not None:
        opener, inner_start = found.group(), found.end()
        close = CLOSER[opener]
        at = closers.get(close)
        if at is None or (at != -1 and at < inner_start):
            at = closers[close] = body.find(close, inner_start)
        if at != -1 and at - inner_start <= MAX_TAG:
            inner = body[inner_start:at]
            left, right = inner.startswith("-"), inner.endswith("-") and len(inner) > 1
            inner = inner[1 if left else 0: len(inner) - 1 if right else len(inner)]
            return _Token(found.start(), at + len(close), opener, inner, left, right)
        position = found.start() + 1
    return None


def _text(text: str, state: _State, out: list[str]) -> None:
    """Plain text between tags; inside dropped block tags, its indentation goes too."""
    if not text:
        return
    out.append(textwrap.dedent(text) if state.depth and "\n" in text else text)


def _strip_end(out: list[str]) -> None:
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[-1] = out[-1].rstrip()


def _alone_on_line(body: str, start: int, end: int) -> bool:
    """Nothing but spaces around the tag on its line(s), looking at most LINE_SCAN away."""
    line_start = body.rfind("\n", max(0, start - LINE_SCAN), start)
    if line_start < 0 and start > LINE_SCAN:
        return False
    after = body[end: end + LINE_SCAN].split("\n", 1)
    if len(after) == 1 and end + LINE_SCAN < len(body):
        return False
    return not body[line_start + 1: start].strip() and not after[0].strip()


def _token(token: _Token, body: str, state: _State) -> tuple[str, int]:
    """What one token renders to, and where the text after it starts."""
    if token.opener in ("{{<", "{{%"):
        return _hugo(token, body, state)
    if token.opener == "{{":
        return _output(token.inner, state), token.end
    return _tag(token, body, state)


def _output(inner: str, state: _State) -> str:
    """`{{ expression }}` (Liquid) or `{{ name(args) }}` (a Zola shortcode)."""
    call = ZOLA_CALL.fullmatch(inner)
    if call:
        return _embed(call.group(1), _arguments(call.group(2)), state, "Zola shortcode")
    expression = inner.split("|", 1)[0].strip()
    literal = re.fullmatch(r'"([^"]*)"|\'([^\']*)\'', expression)
    if literal:
        return literal.group(1) if literal.group(1) is not None else literal.group(2)
    if expression in state.variables:
        return state.variables[expression]
    if expression.startswith("page."):
        value = _page_value(expression[5:], state)
        if value:
            return value
    shown = expression[:40] or "{{ }}"
    return state.drop(f"Liquid variable '{shown}'")


def _page_value(key: str, state: _State) -> str | None:
    """A `page.KEY` variable from the front matter (Jekyll's page variables).

    A permalink pattern such as `/:year/:title` is an address on the peer's site,
    not text: it renders to nothing.
    """
    if key == "date":
        return format_day(state.date) if state.date else None
    for name in PAGE_ALIASES.get(key, (key,)):
        value = state.fm.get(name)
        if isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text and not (key in PAGE_ALIASES and "/:" in text):
                return text
    return None


def _tag(token: _Token, body: str, state: _State) -> tuple[str, int]:
    """`{% tag … %}`: Liquid, or a Zola block shortcode `{% name(args) %}…{% end %}`."""
    inner = token.inner
    call = ZOLA_CALL.fullmatch(inner)
    if call:
        state.depth += 1
        state.drop(f"Zola shortcode '{call.group(1)}'")
        return "", token.end
    named = NAME.match(inner)
    name = named.group(1).lower() if named else ""
    rest = inner[named.end():].strip() if named else ""
    if name in ("raw", "comment", "highlight", "capture"):
        end = _end_tag(name).search(body, token.end)
        content = body[token.end: end.start() if end else len(body)]
        after = end.end() if end else len(body)
        if name == "raw":
            return (textwrap.dedent(content) if state.depth else content), after
        if name == "comment":
            return "", after
        if name == "capture":
            if rest:
                state.variables[rest.split()[0]] = _render(content, state).strip()
            return "", after
        return _fence(_render(content, state), rest.split()[0] if rest else ""), after
    if name == "assign":
        assigned = re.fullmatch(r"([\w.-]{1,60})\s*=\s*(.{0,1000})", rest, re.DOTALL)
        if assigned:
            value = _output(assigned.group(2), _State(state.fm, state.date, state.variables))
            state.variables[assigned.group(1)] = value
        return "", token.end
    if name == "echo":
        return _output(rest, state), token.end
    if name in LINK_TAGS:
        return state.drop(f"Liquid tag '{name}' (link kept as text)"), token.end
    if name.startswith("end"):
        state.depth = max(0, state.depth - 1)
        return "", token.end
    if name in BRANCH_TAGS:
        return "", token.end
    if name in SILENT_TAGS:
        return state.drop(f"Liquid tag '{name}'"), token.end
    if name in BLOCK_TAGS or _has_end(state, name, token.end):
        state.depth += 1
    return state.drop(f"Liquid tag '{name or inner.strip()[:30]}'"), token.end


def _has_end(state: _State, name: str, start: int) -> bool:
    """A custom block tag (`{% mytag %}…{% endmytag %}`) is known by its end tag."""
    return state.last_end.get(name, -1) > start


def _end_tag(name: str) -> re.Pattern[str]:
    """Liquid's `{% endNAME %}`, with whitespace control allowed."""
    return re.compile(r"\{%-?\s{0,20}end" + re.escape(name) + r"\s{0,20}-?%\}")


def _hugo(token: _Token, body: str, state: _State) -> tuple[str, int]:
    """A Hugo shortcode `{{< name args >}}`, `{{% name %}}` or its closing `{{< /name >}}`."""
    inner = token.inner.strip()
    delimiter = token.opener[-1]
    if inner.startswith("/*") and inner.endswith("*/"):   # {{</* x */>}} shows the shortcode
        shown = " ".join(inner[2:-2].split())
        closing = {"<": ">", "%": "%"}[delimiter]
        return f"`{{{{{delimiter} {shown} {closing}}}}}`", token.end
    if inner.startswith("/"):                              # {{< /name >}} closes a pair
        state.depth = max(0, state.depth - 1)
        return "", token.end
    inner = inner.removesuffix("/").strip()                # {{< name />}} closes itself
    named = NAME.match(inner)
    if not named:
        return state.drop("Hugo shortcode"), token.end
    name = named.group(1).lower()
    arguments = _arguments(inner[named.end():])
    if name == "highlight":
        end = _closing_shortcode("highlight").search(body, token.end)
        content = body[token.end: end.start() if end else len(body)]
        language = next(iter(arguments.get("", [])), "")
        return _fence(content, language), (end.end() if end else len(body))
    if name == "param":
        key = next(iter(arguments.get("", [])), "")
        value = state.fm.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value), token.end
        return state.drop("Hugo shortcode 'param'"), token.end
    if name in HUGO_LINKS:
        return state.drop(f"Hugo shortcode '{name}' (link kept as text)"), token.end
    if name == "figure":
        return _figure(arguments) or state.drop("Hugo shortcode 'figure' (image not on this "
                                                 "site)"), token.end
    if _closes(state, name, token.end):
        state.depth += 1
        return state.drop(f"Hugo shortcode '{name}'"), token.end
    return _embed(name, arguments, state, "Hugo shortcode"), token.end


def _closes(state: _State, name: str, start: int) -> bool:
    """A paired shortcode (`{{< notice >}}…{{< /notice >}}`) is known by its closing one."""
    return state.last_closing.get(name, -1) > start


def _closing_shortcode(name: str) -> re.Pattern[str]:
    """Hugo's `{{< /NAME >}}` or `{{% /NAME %}}`."""
    return re.compile(r"\{\{[<%]\s{0,20}/" + re.escape(name) + r"\s{0,20}[>%]\}\}")


def _arguments(text: str) -> dict[str, list[str]]:
    """Shortcode arguments: positional ones under "", named ones under their name."""
    found: dict[str, list[str]] = {}
    for match in ARGUMENT.finditer(text):
        value = next(v for v in match.groups()[1:] if v is not None)
        found.setdefault(match.group(1) or "", []).append(value)
    return found


def _embed(name: str, arguments: dict[str, list[str]], state: _State, kind: str) -> str:
    """An embed shortcode as a plain link; anything else is dropped."""
    name = name.lower()
    first = next(iter(arguments.get("", [])), None)
    if name in EMBEDS:
        ident = (arguments.get("id") or [first or ""])[0]
        if SAFE_ID.fullmatch(ident):
            label, url = EMBEDS[name]
            return f"[{label} {ident}]({url.format(id=ident)})"
    if name in ("tweet", "x"):
        user = (arguments.get("user") or [""])[0]
        ident = (arguments.get("id") or [first or ""])[0]
        if SAFE_ID.fullmatch(ident) and ident.isdigit():
            where = f"{user}/status" if SAFE_ID.fullmatch(user) else "i/status"
            return f"[Post {ident}](https://x.com/{where}/{ident})"
    if name == "gist":
        url = (arguments.get("url") or [""])[0]
        positional = arguments.get("", [])
        if url.startswith("https://gist.github.com/") and " " not in url:
            return f"[Gist]({url})"
        if len(positional) >= 2 and all(SAFE_ID.fullmatch(p) for p in positional[:2]):
            return f"[Gist {positional[1]}](https://gist.github.com/{positional[0]}/" \
                   f"{positional[1]})"
    return state.drop(f"{kind} '{name}'")


def _figure(arguments: dict[str, list[str]]) -> str:
    """Hugo's `figure`: the image when its address is absolute, and its caption."""
    source = (arguments.get("src") or [""])[0]
    caption = " ".join((arguments.get("caption") or arguments.get("title") or [""])[0].split())
    alt = " ".join((arguments.get("alt") or [caption])[0].split())
    parts = []
    if re.fullmatch(r"https?://[^\s()<>]{1,500}", source):
        parts.append(f"![{_escape(alt)}]({source})")
    if caption:
        parts.append(f"*{_escape(caption)}*")
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    return re.sub(r"([\[\]*_`\\])", r"\\\1", text)


def _fence(content: str, language: str) -> str:
    """A fenced code block, with a fence longer than any backtick run inside."""
    code = textwrap.dedent(content).strip("\n")
    runs = re.findall(r"`+", code)
    fence = "`" * max(3, max((len(r) for r in runs), default=0) + 1)
    lang = language if SAFE_LANG.fullmatch(language or "") else ""
    return f"{fence}{lang}\n{code}\n{fence}"
