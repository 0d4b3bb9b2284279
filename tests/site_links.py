"""A small link checker for built sites: every internal href/src must name a real file."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            if name in ("id", "name"):
                self.ids.add(value)


@dataclass(frozen=True)
class PageLinks:
    links: tuple[str, ...]
    ids: frozenset[str]


def parse_page(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return PageLinks(tuple(collector.links), frozenset(collector.ids))


def broken_links(site: Path, base_url: str) -> list[str]:
    """Every internal link (relative, or absolute under `base_url`) that resolves to nothing."""
    base_path = urlsplit(base_url).path
    pages = {p: parse_page(p) for p in site.rglob("*.html")}
    problems: list[str] = []
    for page, parsed in pages.items():
        rel = page.relative_to(site).as_posix()
        page_url = urljoin(base_url, rel)
        for link in parsed.links:
            target = urljoin(page_url, link)
            parts = urlsplit(target)
            if not (target + "/").startswith(base_url) and not target.startswith(base_url):
                if parts.scheme in ("http", "https") and parts.netloc == urlsplit(base_url).netloc:
                    problems.append(f"{rel}: {link} leaves the site's sub-path")
                continue
            file_part = unquote(parts.path)[len(base_path):]
            file = site / file_part
            if file_part == "" or file_part.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{rel}: {link} -> missing {file.relative_to(site)}")
                continue
            if parts.fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else parse_page(file).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: {link} -> no anchor #{parts.fragment}")
    return problems
