"""Publishing only the pages that changed: part of the publish stage.

MkDocs has no correct partial build. `mkdocs build --dirty` skips the pages
whose source is older than their HTML, but it then writes a search index of the
rebuilt pages only, and nothing tells it that the frame every page is drawn in
(the theme, the page templates, the config, the build date, the engine) has
changed. briefing knows more: it wrote every page's Markdown, and it remembers
what the published site was built from. So here it decides which pages may be
reused, and the engine builds only the others (`engine_pages`):

- `reusable()`: a page's HTML in the published site is reused when the frame is
  the one that site was built with, the page's Markdown has the same bytes, and
  it does not name a page that went away (its link to that page must be
  checked); `publish` reuses nothing when the last build reported an engine
  problem (a reused page's warnings would be lost).
- `recycle_site()`: the site before last, which a rebuild leaves beside the
  output, becomes the new one's folder. Most of its files already are the
  published site's (hard links to the same files), so they stay, and only the
  rest is removed: removing that whole site in a thread beside the first stages
  cost a rebuild at 5,000 articles about a second.
- `link_reused()`: the reused pages' HTML not already there goes from the
  published site into the new one by hard link (a copy where links are not
  possible).

The result is byte-identical to a clean build (`tests/test_incremental.py`).
"""

from __future__ import annotations

import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import ahocorasick
from blake3 import blake3

from .cache import LastDigests
from .render import page_url

REUSABLE_ENGINES = ("mkdocs", "properdocs")    # engines that take `engine_pages`' plugin
FEW_NEEDLES = 12        # up to this many names of gone pages: searched one by one


@dataclass(frozen=True)
class PageRecord:
    """One published page: its Markdown's digest, its HTML file and its search entries
    as the search plugin writes them (`engine_pages.search_json`)."""

    digest: str
    output: str
    search: str


@dataclass(frozen=True)
class PublishedPages:
    """What each page of a published site was built from, under one frame."""

    frame: str
    pages: dict[str, PageRecord]


def page_digests(pages: dict[str, str], known: LastDigests | None = None) -> dict[str, str]:
    """The digest of each Markdown page's bytes (assets are copied, never reused).

    `known`: the digests of a `serve` session's last build (`ResultMemory.texts`),
    where a page the results cache handed back from memory is the same object and
    is not read again; it then holds this call's. Digesting 7,447 pages of 5,000
    articles took 0.11 s in each rebuild.
    """
    digests = {rel: known.of(text, text_digest) if known is not None else text_digest(text)
               for rel, text in pages.items() if rel.endswith(".md")}
    if known is not None:
        known.roll()
    return digests


def text_digest(text: str) -> str:
    """The digest of a generated file's bytes (BLAKE3, as every digest of bulk text:
    about four times as fast as blake2b here)."""
    return blake3(text.encode("utf-8")).hexdigest(16)


def reusable(previous: PublishedPages | None, frame: str, pages: dict[str, str],
             digests: dict[str, str], output: Path) -> dict[str, PageRecord]:
    """The pages whose HTML can be taken from the published site at `output`.

    A page that went away may be linked from a page whose Markdown did not change
    (a template's own link): such a page is built again, so the engine checks
    the link. Which pages those are is found by the text any link to the page
    must hold (`GoneLinks`), in a Markdown link or a raw HTML one."""
    if previous is None or previous.frame != frame:
        return {}
    gone = GoneLinks.of(set(previous.pages) - set(digests))
    return {rel: record for rel, record in previous.pages.items()
            if digests.get(rel) == record.digest and (output / record.output).is_file()
            and not gone.named_in(rel, pages[rel])}


class GoneLinks:
    """Finds the pages that may link to pages that went away.

    A relative link from a page to `stories/a/articles-2.md` always ends with the
    target's name, and it also holds the name of the target's folder
    (`a/articles-2`) unless the linking page lies inside that folder: the path
    climbs out of the linking page's folder only as far as the folder both share.
    So pages inside the folder are searched for the bare name (`articles-2`),
    and all others for the folder and name: searched for the bare name, every
    entity page linking to its own `articles-2` page was built again whenever
    any story lost one. Both folders count, the source's (`stories/a.md` is in
    `stories`) and the published URL's (`stories/a/`), as Markdown links start
    from the one and raw HTML links from the other (`render.relative_url`).
    """

    def __init__(self, needles: tuple[str, ...], near: dict[str, set[str]]) -> None:
        self._needles = needles        # "folder/name" of the gone pages, or a root page's name
        self._near = near              # folder -> names of the gone pages in it
        self._qualified = None
        if len(needles) > FEW_NEEDLES:
            self._qualified = ahocorasick.Automaton()
            for needle in needles:
                self._qualified.add_word(needle, needle)
            self._qualified.make_automaton()

    @classmethod
    def of(cls, gone: set[str]) -> GoneLinks:
        """The links to look for, for the pages (docs paths) that went away."""
        needles: set[str] = set()
        near: dict[str, set[str]] = {}
        for rel in gone:
            for folder, name in {_split(rel.removesuffix(".md")), _split(_url_of(rel))}:
                needles.add(f"{PurePosixPath(folder).name}/{name}" if folder else name)
                if folder:
                    near.setdefault(folder, set()).add(name)
        return cls(tuple(sorted(needles)), near)

    def named_in(self, rel: str, text: str) -> bool:
        """Whether the page `rel` with Markdown `text` may link to a page that went away."""
        if not self._needles:
            return False
        if self._holds_a_needle(text):
            return True
        folders = _ancestors(posixpath.dirname(rel)) | _ancestors(_url_of(rel))
        return any(name in text for folder in folders for name in self._near.get(folder, ()))

    def _holds_a_needle(self, text: str) -> bool:
        """Whether `text` holds any of the needles: one pass of the automaton for
        many, a substring search per needle for a few (four needles over the 78 MB
        of 5,000 articles' pages: 0.16 s, against 0.60 s for the automaton)."""
        if self._qualified is not None:
            return next(self._qualified.iter(text), None) is not None
        return any(needle in text for needle in self._needles)


def _url_of(rel: str) -> str:
    """The page's published folder without its slash: `a/b.md` -> `a/b`, `a/index.md` -> `a`."""
    return page_url(rel).rstrip("/")


def _split(path: str) -> tuple[str, str]:
    """`a/b/c` -> (`a/b`, `c`)."""
    return posixpath.dirname(path), posixpath.basename(path)


def _ancestors(folder: str) -> set[str]:
    """`a/b` -> {`a`, `a/b`} (the root, "", holds no near names: root pages are qualified)."""
    parts = folder.split("/") if folder else []
    return {"/".join(parts[:n]) for n in range(1, len(parts) + 1)}


def recycle_site(old: Path, staging: Path, reused: dict[str, PageRecord],
                 output: Path) -> set[str]:
    """Make the site before last (`old`) the `staging` folder, holding only the
    reused pages' HTML files that are the published site's own files (hard links to
    them), and return those pages' docs paths.

    Everything else goes: the pages the engine builds again, the pages that went
    away (and their emptied folders), the search index, the assets, the marker.
    So the engine and publish write only new files, and never into one the
    published site shares, which must not change until the new site replaces it.
    """
    shutil.rmtree(staging, ignore_errors=True)   # a killed build's
    os.rename(old, staging)
    wanted = {record.output: rel for rel, record in reused.items()}
    device = os.stat(staging).st_dev
    published = os.fspath(output)
    placed: set[str] = set()

    def prune(folder: str, prefix: str) -> bool:
        """Prune `folder` (its path in the site: `prefix`); whether anything stays."""
        kept = False
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if prune(entry.path, rel + "/"):
                        kept = True
                    else:
                        os.rmdir(entry.path)
                elif (page := wanted.get(rel)) is not None and \
                        _is_file(os.path.join(published, rel), entry.inode(), device):
                    placed.add(page)
                    kept = True
                else:
                    os.unlink(entry.path)
        return kept

    prune(os.fspath(staging), "")
    return placed


def _is_file(path: str, inode: int, device: int) -> bool:
    """Whether `path` is the file with this inode on this device."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return found.st_ino == inode and found.st_dev == device


def link_reused(reused: dict[str, PageRecord], output: Path, staging: Path) -> None:
    """Put the reused pages' HTML from the published site into the staged one.

    With `os` calls on strings, each folder made once: through `pathlib` (a check
    and a `mkdir` with its parents for each page) this took 0.8 s for 7,400 pages.
    """
    made: set[str] = set()
    published, staged = os.fspath(output), os.fspath(staging)
    for record in reused.values():
        target = os.path.join(staged, record.output)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        source = os.path.join(published, record.output)
        try:
            os.link(source, target)
        except FileExistsError:          # the engine wrote it
            continue
        except OSError:                  # another file system, or no hard links
            shutil.copy2(source, target)
