"""Markdown -> anchored, safe HTML blocks (markdown-it-py).

Shared by normalize (which stores the blocks on each article) and by tests. Raw
HTML in the input is escaped, not passed through (`html: False`), and markdown-it's
link validation drops `javascript:` and similar URLs, so a pasted `<script>` can
never run on the published site. Each top-level block gets an `id` so that pages
can link to the exact paragraph they cite.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Block, BlockKind

_KINDS = {
    "paragraph_open": BlockKind.PARAGRAPH,
    "heading_open": BlockKind.HEADING,
    "bullet_list_open": BlockKind.LIST,
    "ordered_list_open": BlockKind.LIST,
    "blockquote_open": BlockKind.QUOTE,
    "fence": BlockKind.CODE,
    "code_block": BlockKind.CODE,
}


def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough, with raw HTML disabled."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def parse_blocks(markdown: str, parser: MarkdownIt | None = None) -> tuple[Block, ...]:
    """Split Markdown into top-level blocks with ids `p1`, `p2`, ... in order."""
    md = parser or markdown_parser()
    tokens = md.parse(markdown)
    blocks: list[Block] = []
    start = 0
    while start < len(tokens):
        end = _block_end(tokens, start)
        opening = tokens[start]
        anchor = f"p{len(blocks) + 1}"
        if opening.type != "hr":
            opening.attrSet("id", anchor)
            part = tokens[start:end + 1]
            kind = _KINDS.get(opening.type, BlockKind.OTHER)
            level = int(opening.tag[1]) if kind is BlockKind.HEADING else 0
            html = md.renderer.render(part, md.options, {})
            blocks.append(Block(anchor, kind, _plain_text(part), html, level))
        start = end + 1
    return tuple(blocks)


def _block_end(tokens: list[Token], start: int) -> int:
    """Index of the token that closes the block opened at `start`."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _plain_text(tokens: list[Token]) -> str:
    """The readable text of a run of tokens, with markup removed."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            parts.append(inline_text(token))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content.strip())
        elif token.type in ("paragraph_close", "heading_close", "list_item_close") and parts:
            parts.append(" ")
    return " ".join("".join(parts).split())


def inline_text(token: Token) -> str:
    """The readable text of an inline token: text, code and image descriptions."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif child.type == "image":
            pieces.append(child.content)
    return "".join(pieces)
