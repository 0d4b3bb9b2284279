"""The peer generators' publishing rules: which files are not articles, and what waits.

Part of the normalize stage; pure functions of paths, front matter and dates.

- Jekyll: files under `_drafts/` are drafts; the folders above `_posts/` are
  categories (`news/_posts/x.md` is in `news`).
- Hugo: `_index.md` describes a section (its list page), not an article; the
  pages of a section whose `_index.md` is a draft (`draft: true`, or
  `cascade: {draft: true}`) are drafts too.
- Pelican: `status: draft` is a draft.
- Hugo and Jekyll: an article dated after the build date (`publishDate`, else its
  date) or whose `expiryDate` has passed is held back, unless `publish_future` /
  `publish_expired` say otherwise. Only when the build date is pinned: with no
  `now` nothing is held back, since the build date then is the newest article's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..dates import parse_date
from ..model import SourceDoc
from .fields import flag, lookup

SECTION_STEM = "_index"
DRAFT_FOLDERS = frozenset({"_drafts"})
POST_FOLDER = "_posts"
PUBLISH_KEYS = ("publishDate", "pubDate")
EXPIRY_KEYS = ("expiryDate", "unpublishDate")
MODIFICATION_HOW = ("front matter (lastmod", "front matter (modified", "front matter (updated")


@dataclass(frozen=True)
class Publishing:
    """What decides, beyond a file's own flags, whether it is published."""

    now: datetime | None = None                  # the pinned build date, if any
    publish_future: bool = False
    publish_expired: bool = False
    draft_sections: frozenset[str] = frozenset()  # folders whose _index.md is a draft


def pinned_now(epoch_date: datetime | None, build_date: datetime | None) -> datetime | None:
    """The moment the build stands at: `SOURCE_DATE_EPOCH` as given, or the end of the
    configured `build_date` (everything dated that day is out), else None."""
    if epoch_date is not None:
        return epoch_date
    if build_date is not None:
        return build_date + timedelta(days=1) - timedelta(microseconds=1)
    return None


def draft_sections(docs: Iterable[SourceDoc]) -> frozenset[str]:
    """The folders (`posts`, or `` for the top) whose Hugo `_index.md` is a draft."""
    found = set()
    for doc in docs:
        folder, _, name = doc.path.rpartition("/")
        if _stem(name) != SECTION_STEM:
            continue
        cascade = doc.front_matter.get("cascade")
        if flag(doc.front_matter.get("draft")) is True or (
                isinstance(cascade, Mapping) and flag(cascade.get("draft")) is True):
            found.add(folder)
    return frozenset(found)


def path_exclusion(path: str, sections: frozenset[str]) -> str | None:
    """Why a file is not an article because of where it is, or None."""
    *folders, name = path.split("/")
    if _stem(name) == SECTION_STEM:
        return "section page (Hugo _index.md), not an article"
    drafts = DRAFT_FOLDERS.intersection(folders)
    if drafts:
        return f"draft (in {sorted(drafts)[0]}/)"
    for depth in range(len(folders), -1, -1):
        folder = "/".join(folders[:depth])
        if folder in sections:
            shown = f"{folder}/_index.md" if folder else "_index.md"
            return f"draft section ({shown} has draft: true)"
    return None


def status_exclusion(fm: Mapping[str, Any]) -> str | None:
    """Pelican's `status: draft`."""
    status = fm.get("status")
    if isinstance(status, str) and status.strip().lower() == "draft":
        return "status: draft"
    return None


def held_back(fm: Mapping[str, Any], date: datetime | None, how: str,
              publishing: Publishing, zone: ZoneInfo) -> str | None:
    """Why an article waits for a later build (scheduled or expired), or None."""
    now = publishing.now
    if now is None:
        return None
    if not publishing.publish_future:
        key, when = _first_date(fm, PUBLISH_KEYS, zone)
        if when is None and date is not None and not how.startswith(MODIFICATION_HOW):
            key, when = "date", date
        if when is not None and when > now:
            return (f"scheduled: {key} {when.date().isoformat()} is after the build date "
                    f"{now.date().isoformat()} (publish_future: false)")
    if not publishing.publish_expired:
        key, when = _first_date(fm, EXPIRY_KEYS, zone)
        if when is not None and when <= now:
            return (f"expired: {key} {when.date().isoformat()} is not after the build date "
                    f"{now.date().isoformat()} (publish_expired: false)")
    return None


def path_categories(path: str) -> tuple[str, ...]:
    """Jekyll's categories from the folders above `_posts/` (`news/world/_posts/x.md`)."""
    folders = path.split("/")[:-1]
    if POST_FOLDER not in folders:
        return ()
    return tuple(folders[: folders.index(POST_FOLDER)])


def _first_date(fm: Mapping[str, Any], keys: tuple[str, ...], zone: ZoneInfo
                ) -> tuple[str, datetime | None]:
    for wanted in keys:
        key, value = lookup(fm, wanted)
        parsed = parse_date(value, zone) if value is not None else None
        if parsed is not None:
            return key, parsed
    return keys[0], None


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0].lower() if "." in name else name.lower()
