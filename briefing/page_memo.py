"""Pages an earlier build rendered, taken again when what they were rendered from is the same.

Part of the render stage. An article's, actor's, issue's, source's, story's or
tag's page (and the continuation pages listing the rest of an entity's
articles) is a function of the code, the templates folder, the site's values,
the page's path and the views it is handed. So each such page is kept in the
results cache under a digest of those, and a rebuild renders only the pages
whose views changed. The pages handed the whole index (the home page, the
lists, quotes, timeline and figures) are rendered every time: digesting the
index costs more than rendering them.

The views are digested as orjson writes them: about 200 MB of views at 5,000
articles in about 1.2 s, where their pickles took 4 s, more than rendering
the pages (a cache of pages keyed by pickles was tried and reverted for that).
JSON reads values, not types, which is enough here: the code, part of the
digest, fixes each field's type, so two views that write the same JSON are
equal for every template. A view orjson cannot write (a set in it, an integer
beyond 64 bits) gets no key, and its page is rendered.

Quotes and events are shared: one `QuoteView` object sits in the view of every
article carrying the quote and of every entity listing it (9,533 places for 903
quotes at 5,000 articles), and was written out in each, half of the article
views' JSON. So a view's fields holding quotes or events are digested item by
item, each item once however many views hold it (`_shared`), and the view is
written with those digests in their place.

An article's body (its blocks) is the one part of a view that is not made
anew each build: it is the article's own tuple, which a `serve` session hands
from build to build. It is digested apart, and in a session its digest is
kept, by id, for the next build (`ResultMemory.bodies`): the bodies of 5,000
articles are about 20 MB of the views' JSON.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from blake3 import blake3

from .cache import LastDigests, ResultCache, code_version, field_names, stable_digest
from .model import Block
from .views import EventView, QuoteView

SHARED_VIEWS = (QuoteView, EventView)   # digested once each, wherever they are held


class PageMemo:
    """Keys for pages by what they are rendered from, and the pages kept under them."""

    def __init__(self, cache: ResultCache, scope: bytes,
                 bodies: LastDigests | None = None) -> None:
        self._cache = cache
        self._scope = scope
        # id -> (the value, its digest): the value is held, so its id is not reused.
        self._digests: dict[int, tuple[Any, bytes]] = {}
        # The articles' bodies' digests: a session's, kept for its next build.
        self._bodies = bodies if bodies is not None else LastDigests()

    @classmethod
    def open(cls, cache: ResultCache | None, templates_dir: Path, site: Any) -> PageMemo | None:
        """The memo for pages drawn with the templates in `templates_dir` for `site`
        (None without a cache)."""
        if cache is None:
            return None
        files = sorted((p.relative_to(templates_dir).as_posix(), p.read_bytes())
                       for p in templates_dir.rglob("*") if p.is_file()) \
            if templates_dir.is_dir() else []
        return cls(cache, stable_digest((code_version(), "pages", files, site)),
                   cache.memory.bodies if cache.memory is not None else None)

    def key(self, template: str, path: str, parts: Sequence[Any]) -> bytes | None:
        """The key of the page at `path` rendered by `template` from `parts` (the views
        and values its context is made of); None when a part cannot be digested."""
        digest = hashlib.blake2b(self._scope, digest_size=20)
        digest.update(f"{template}\0{path}\0".encode())
        for part in parts:
            part_digest = self._digest(part)
            if part_digest is None:
                return None
            digest.update(part_digest)
        return digest.digest()

    def _digest(self, value: Any) -> bytes | None:
        known = self._digests.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        try:
            written = orjson.dumps(self._shared(value))
        except (orjson.JSONEncodeError, TypeError, _NoKey):
            return None
        digest = blake3(written).digest(16)
        self._digests[id(value)] = (value, digest)
        return digest

    def _shared(self, value: Any) -> Any:
        """`value`, a view, as the list of its fields' values, each field that holds
        shared views (quotes, events) holding their digests instead; any other value
        as it is. A list rather than a copy of the view: making the copies
        (`dataclasses.replace`) was an eighth of the keys' time, and the code, part
        of every key, fixes which field each position is."""
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        fields = [getattr(value, name) for name in field_names(type(value))]
        for number, items in enumerate(fields):
            if isinstance(items, tuple) and items and isinstance(items[0], SHARED_VIEWS):
                digests = [self._digest(item) for item in items]
                if any(d is None for d in digests):
                    raise _NoKey
                fields[number] = tuple(d.hex() for d in digests if d is not None)
            elif isinstance(items, tuple) and items and isinstance(items[0], Block):
                fields[number] = self._bodies.of(items, _body_digest).hex()
        return fields

    def recall(self, keys: Sequence[bytes]) -> dict[bytes, str]:
        """The pages kept under `keys`."""
        return self._cache.get_many(keys)

    def keep(self, pages: Sequence[tuple[bytes, str]]) -> None:
        """Keep newly rendered pages under their keys, and (in a session) the bodies
        this build digested, for the next."""
        if pages:
            self._cache.put_many(pages)
        self._bodies.roll()


def _body_digest(blocks: tuple[Block, ...]) -> bytes:
    """The digest of an article's blocks, as orjson writes them."""
    return blake3(orjson.dumps(blocks)).digest(16)


class _NoKey(Exception):
    """A shared view inside a value could not be digested."""
