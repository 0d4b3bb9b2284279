"""Export: the index -> `data/briefing.json`, for readers who want the data itself.

Part of the render side of the pipeline (pure: returns text, publish writes it).
The shape is documented by `docs/briefing.schema.json` (JSON Schema); a test
validates every export against it, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .index import BriefingIndex, CitingArticle, Passage
from .json_text import pretty_json

SCHEMA_VERSION = 1
EXPORT_PATH = "data/briefing.json"


def export_json(index: BriefingIndex, title: str, base_url: str, build_date: datetime) -> str:
    """The whole briefing as deterministic, pretty-printed JSON."""
    base = base_url if not base_url or base_url.endswith("/") else base_url + "/"

    def url(page: str) -> str:
        return base + page.removesuffix(".md") + "/"

    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": title, "base_url": base or None,
                 "build_date": build_date.date().isoformat()},
        "articles": [{
            "id": a.id, "url": url(a.page), "title": a.title, "summary": a.summary,
            "date": a.date.isoformat() if a.date else None,
            "source": a.source.id if a.source else None, "wire": a.wire,
            "authors": list(a.authors),
            "tags": list(a.tags), "categories": list(a.categories), "files": list(a.files),
            "copies": [{"file": c.path, "kind": c.kind, "containment": c.containment,
                        "jaccard": c.jaccard, "canonical_because": c.canonical_because}
                       for c in a.copies],
            "story": a.story.id if a.story else None, "original_url": a.url,
            "inferred": dict(a.inferred),
        } for a in index.articles],
        "actors": [{
            "id": e.id, "url": url(e.page), "name": e.name, "type": e.type,
            "aliases": list(e.names_seen or e.aliases), "curated": e.curated,
            "description": e.description or None,
            "article_ids": _ids(e.articles),
            "roles": [{"text": r.text, "variants": list(r.variants),
                       "article_ids": [x.id for x in r.articles]} for r in e.roles],
        } for e in index.actors],
        "issues": [{"id": e.id, "url": url(e.page), "name": e.name, "keywords": list(e.aliases),
                    "article_ids": _ids(e.articles)} for e in index.issues],
        "sources": [{"id": e.id, "url": url(e.page), "name": e.name, "curated": e.curated,
                     "article_ids": _ids(e.articles),
                     "wire_copies": {wire: [r.id for r in refs] for wire, refs in e.wires}}
                    for e in index.sources],
        "stories": [{"id": e.id, "url": url(e.page), "title": e.name,
                     "article_ids": _ids(e.articles)} for e in index.stories],
        "quotes": [{
            "id": q.id, "text": q.text, "speaker": q.speaker.id if q.speaker else None,
            "kind": q.kind, "article_ids": _unique(p.article.id for p in q.passages),
            "citations": [{**_citation(p), "text": p.text} for p in q.passages],
        } for q in index.quotes],
        "figure_groups": [{
            "id": g.id, "measure": g.measure, "label": g.label, "unit": g.unit,
            "agree": g.agree,
            "disputes": [{"period": d.period, "values": [
                {"value": r.value, "article_id": r.passage.article.id, "anchor": r.passage.anchor,
                 "source": r.outlet.id if r.outlet else None} for r in d.rows]}
                for d in g.disputes],
            "figures": [{
                "value": r.value, "number": r.number, "unit": r.unit, "subject": r.subject,
                "year": r.year,
                "sentence": r.passage.text, "article_id": r.passage.article.id,
                "anchor": r.passage.anchor,
            } for r in g.rows],
        } for g in index.figure_groups],
        "events": [{
            "id": e.id, "start": e.start, "end": e.end, "precision": e.precision, "text": e.text,
            "actor_ids": [a.id for a in e.actors],
            "article_ids": _unique(p.article.id for p in e.passages),
            "citations": [_citation(p) for p in e.passages],
        } for e in index.events],
    }
    return pretty_json(data)


def _ids(rows: tuple[CitingArticle, ...]) -> list[str]:
    return [row.article.id for row in rows]


def _unique(ids: Any) -> list[str]:
    return list(dict.fromkeys(ids))


def _citation(passage: Passage) -> dict[str, str]:
    return {"article_id": passage.article.id, "anchor": passage.anchor}
