"""Index stage: articles + extraction -> the one graph templates (and the JSON export) read.

Links between kinds (article, actor, issue, source, story, quote, figure, event)
are resolved here once, into frozen view objects holding display-ready values, so
templates never call back into the pipeline. Page paths are decided here and
nowhere else. Every cited item carries its article and paragraph anchor.

Every join is made by grouping once (by article, by paragraph, by speaker, by
story), so building the index is linear in the corpus; lists a page shows are
capped here or paginated by render, so no page grows with the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import islice

from .coverage import co_occurring, make_axis
from .dates import format_day
from .disagreement import conflicts
from .entity_views import (
    MAX_LISTED,
    actor_view,
    by_reach,
    issue_view,
    listed,
    source_views,
    story_view,
    tag_views,
)
from .model import Article, Citation, Event, Extraction, Mention, Quote
from .views import (
    KINDS,
    ArticleView,
    BriefingIndex,
    CitingArticle,
    CopyView,
    Dispute,
    EntityView,
    EventView,
    FigureGroupView,
    FigureRow,
    FirstMention,
    Groups,
    IssueShare,
    OutletColumn,
    Passage,
    QuoteGroup,
    QuoteView,
    Ref,
    Refs,
    RoleView,
    list_page_path,
    more_page_path,
    page_path,
)

__all__ = [
    "KINDS", "ArticleView", "BriefingIndex", "CitingArticle", "CopyView", "Dispute",
    "EntityView", "EventView", "FigureGroupView", "FigureRow", "FirstMention", "IssueShare",
    "OutletColumn", "Passage", "QuoteGroup", "QuoteView", "Ref", "RoleView", "build_index",
    "list_page_path", "more_page_path", "page_path", "when_label",
]
DESCRIPTION_LENGTH = 160   # characters of a page's meta description
_SENTENCE_END = re.compile(r"[.!?] ")    # where a sentence may end (`first_sentence`)


def build_index(articles: tuple[Article, ...], extraction: Extraction) -> BriefingIndex:
    """Join articles and extracted entities into cross-linked views."""
    ordered = sorted(articles, key=_newest_first)
    refs = _make_refs(ordered, extraction)
    axis = make_axis(a.date for a in ordered)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    mentions_in: dict[str, list[Mention]] = defaultdict(list)
    issues_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mention in extraction.mentions:
        by_entity[mention.entity_id].append(mention)
        by_article[mention.article_id][mention.entity_id] += 1
        mentions_in[mention.article_id].append(mention)
        if mention.entity_id in refs.issues and mention.anchor:
            issues_at[(mention.article_id, mention.anchor)].add(mention.entity_id)
    quotes = tuple(_quote_view(q, refs, issues_at) for q in extraction.quotes)
    events = tuple(_event_view(e, refs) for e in extraction.events)
    figure_groups = _figure_views(extraction, refs)
    groups = _group(quotes, events, figure_groups, by_entity, by_article, mentions_in,
                    issues_at, refs)
    copies = {a.id: a.copies for a in ordered}
    tags, tag_refs = tag_views(ordered, refs)
    views = _article_views(ordered, groups, refs, copies, tag_refs)
    actors = tuple(actor_view(a, groups, refs, axis)
                   for a in sorted(extraction.actors, key=lambda a: a.name.casefold()))
    issues = tuple(
        issue_view(i.id, i.name, i.description, i.keywords, groups, refs, axis)
        for i in sorted(extraction.issues, key=lambda i: i.name.casefold()))
    sources = source_views(extraction, groups, refs, axis, quotes)
    summaries = {a.id: _lead_sentence(a) for a in ordered}
    stories = tuple(story_view(s.id, s.title, s.article_ids, groups, refs, summaries, copies)
                    for s in extraction.stories)
    unattributed = tuple(refs.articles[a.id] for a in ordered
                         if a.id not in extraction.article_sources)
    return BriefingIndex(views, actors, issues, sources, stories, quotes, figure_groups, events,
                         unattributed, tuple(sorted(extraction.suggestions.items())),
                         tags=tags, axis=axis, series=axis.series(a.date for a in ordered),
                         copies_folded=sum(len(c) for c in copies.values()))


def _make_refs(ordered: list[Article], extraction: Extraction) -> Refs:
    sources = {s.id: Ref(s.id, s.name, page_path("sources", s.id)) for s in extraction.sources}
    return Refs(
        articles={a.id: Ref(a.id, a.title, page_path("articles", a.id)) for a in ordered},
        actors={a.id: Ref(a.id, a.name, page_path("actors", a.id)) for a in extraction.actors},
        issues={i.id: Ref(i.id, i.name, page_path("issues", i.id)) for i in extraction.issues},
        sources=sources,
        stories={s.id: Ref(s.id, s.title, page_path("stories", s.id))
                 for s in extraction.stories},
        dates={a.id: a.date for a in ordered},
        wires={a.id: a.wire for a in ordered},
        sources_of={a: sources[s].name for a, s in extraction.article_sources.items()},
        source_ids=dict(extraction.article_sources),
        story_of={a: s.id for s in extraction.stories for a in s.article_ids},
    )


def _group(quotes: tuple[QuoteView, ...], events: tuple[EventView, ...],
           figure_groups: tuple[FigureGroupView, ...], by_entity: dict[str, list[Mention]],
           by_article: dict[str, Counter[str]], mentions_in: dict[str, list[Mention]],
           issues_at: dict[tuple[str, str], set[str]], refs: Refs) -> Groups:
    quotes_by_speaker: dict[str, list[QuoteView]] = defaultdict(list)
    quotes_by_article: dict[str, list[QuoteView]] = defaultdict(list)
    quotes_by_story: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            quotes_by_speaker[quote.speaker.id].append(quote)
        for article_id in dict.fromkeys(p.article.id for p in quote.passages):
            quotes_by_article[article_id].append(quote)
        for story_id in dict.fromkeys(refs.story_of.get(p.article.id) for p in quote.passages):
            if story_id:
                quotes_by_story[story_id].append(quote)
    events_by_actor: dict[str, list[EventView]] = defaultdict(list)
    events_by_story: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        for actor in event.actors:
            events_by_actor[actor.id].append(event)
        for story_id in dict.fromkeys(refs.story_of.get(p.article.id) for p in event.passages):
            if story_id:
                events_by_story[story_id].append(event)
    figures_by_article: dict[str, list[FigureRow]] = defaultdict(list)
    for group in figure_groups:
        for row in group.rows:
            figures_by_article[row.article_id].append(row)
    together = co_occurring(frozenset(found) for found in by_article.values())
    quotes_by_issue: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        for issue in quote.issues:
            quotes_by_issue[issue.id].append(quote)
    figures_by_issue: dict[str, list[FigureRow]] = defaultdict(list)
    for group in figure_groups:
        for row in group.rows:
            for issue_id in issues_at.get((row.article_id, row.passage.anchor), ()):
                figures_by_issue[issue_id].append(row)
    events_by_issue: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        for issue_id in sorted({i for p in event.passages
                                for i in issues_at.get((p.article.id, p.anchor), ())}):
            events_by_issue[issue_id].append(event)
    return Groups(by_entity, by_article, mentions_in, issues_at, quotes_by_speaker,
                   quotes_by_article, quotes_by_story, events_by_actor, events_by_story,
                   figures_by_article, together, quotes_by_issue, figures_by_issue,
                   events_by_issue)


def _newest_first(article: Article) -> tuple[int, float, str]:
    """Dated articles newest first, undated last, then by title."""
    if article.date is None:
        return (1, 0.0, article.title.casefold())
    return (0, -article.date.timestamp(), article.title.casefold())


def describe(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """A meta description: the text on one line, cut at a word within `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit - 1)
    return flat[:cut if cut > limit // 2 else limit - 1].rstrip(",;:") + "…"


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence (at least 40 characters in): a
    full stop, question or exclamation mark before a space and a capital, else the
    whole text. Candidates are found by one search, not a loop over every character."""
    flat = " ".join(text.split())
    for end in _SENTENCE_END.finditer(flat, 40):
        if flat[end.end():end.end() + 1].isupper():
            return flat[:end.start() + 1]
    return flat


def _lead_sentence(article: Article) -> str:
    """What an article reports, in one sentence: its summary's, else its first paragraph's."""
    if article.summary:
        return first_sentence(article.summary)
    for block in article.blocks:
        if block.kind.value == "paragraph" and len(block.text) > 40:
            return first_sentence(block.text)
    return article.title


def _article_views(ordered: list[Article], groups: Groups, refs: Refs,
                   copies: dict[str, tuple], tag_refs: dict[str, tuple[Ref, ...]]
                   ) -> tuple[ArticleView, ...]:
    story_members: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        story_id = refs.story_of.get(article.id)
        if story_id:
            story_members[story_id].append(article.id)
    # Each story's rows are sorted once: sorting them again for every member made
    # this stage grow with the square of the largest story.
    story_rows = {story_id: listed(members, refs) for story_id, members in story_members.items()}
    views = []
    for position, article in enumerate(ordered):
        story_id = refs.story_of.get(article.id)
        rows = story_rows.get(story_id or "", ())
        others = tuple(islice((r for r in rows if r.article.id != article.id), MAX_LISTED))
        previous = refs.articles[ordered[position - 1].id] if position else None
        following = refs.articles[ordered[position + 1].id] if position + 1 < len(ordered) \
            else None
        views.append(_article_view(article, groups, refs, story_id,
                                   (others, max(len(rows) - 1, 0)), tag_refs,
                                   previous, following))
    return tuple(views)


def _first_mentions(mentions: list[Mention], refs: Refs) -> tuple[FirstMention, ...]:
    seen: set[str] = set()
    firsts = []
    for mention in mentions:
        ref = refs.actors.get(mention.entity_id) or refs.issues.get(mention.entity_id)
        if ref is None or mention.entity_id in seen or not mention.anchor:
            continue
        seen.add(mention.entity_id)
        firsts.append(FirstMention(mention.anchor, mention.surface, ref))
    return tuple(firsts)


def _article_view(article: Article, groups: Groups, refs: Refs, story_id: str | None,
                  same_story: tuple[tuple[CitingArticle, ...], int],
                  tag_refs: dict[str, tuple[Ref, ...]],
                  previous: Ref | None, following: Ref | None) -> ArticleView:
    """One article's page view; `same_story` holds the first rows of the rest of its
    story and how many there are."""
    counts = groups.by_article[article.id]

    def ranked(known: dict[str, Ref]) -> tuple[Ref, ...]:
        present = [Ref(r.id, r.name, r.page, n) for i, n in counts.items()
                   if (r := known.get(i)) is not None]
        return tuple(sorted(present, key=lambda r: (-r.count, r.name.casefold())))

    source_id = refs.source_ids.get(article.id)
    first_text = next((b.text for b in article.blocks if b.kind.value == "paragraph"), "")
    return ArticleView(
        id=article.id, page=page_path("articles", article.id), title=article.title,
        summary=article.summary, date=article.date, authors=article.authors,
        source=refs.sources.get(source_id) if source_id else None,
        tags=article.tags, categories=article.categories, url=article.url,
        files=(article.path, *(copy.path for copy in article.copies)),
        blocks=article.blocks, actors=ranked(refs.actors), issues=ranked(refs.issues),
        inferred=tuple(sorted(article.inferred.items())),
        raw_title=article.raw_title, alt_titles=article.alt_titles, removed=article.removed,
        story=refs.stories.get(story_id) if story_id else None, wire=article.wire,
        description=describe(article.summary or first_text or article.title),
        tag_refs=tag_refs.get(article.id, ()),
        first_mentions=_first_mentions(groups.mentions_in.get(article.id, []), refs),
        quotes=tuple(by_reach(groups.quotes_by_article.get(article.id, []))[:MAX_LISTED]),
        figures=tuple(groups.figures_by_article.get(article.id, [])[:MAX_LISTED]),
        same_story=same_story[0], same_story_count=same_story[1],
        copies=tuple(CopyView(c.path, c.source, c.kind, c.containment, c.jaccard,
                              c.canonical_because) for c in article.copies),
        previous=previous, next=following,
    )


def _passage(citation: Citation, refs: Refs, text: str = "") -> Passage:
    return Passage(refs.articles[citation.article_id], citation.anchor, text)


def quote_display(text: str) -> tuple[str, bool]:
    """The words as shown between quotation marks, with an ellipsis where a fragment is cut."""
    words = text.strip().rstrip(",;:")
    starts = words[:1].isupper() or words[:1].isdigit() or words[:1] in "“\"'‘"
    ends = words[-1:] in ".!?…" or words[-2:-1] in ".!?"
    shown = ("…" if not starts else "") + words + ("…" if not ends else "")
    return shown, not (starts and ends)


def _quote_view(quote: Quote, refs: Refs, issues_at: dict[tuple[str, str], set[str]]
                ) -> QuoteView:
    passages = tuple(_passage(c, refs, c.text) for c in quote.citations)
    article_ids = list(dict.fromkeys(c.article_id for c in quote.citations))
    dates = [d for a in article_ids if (d := refs.dates.get(a)) is not None]
    outlets = tuple(dict.fromkeys(refs.sources[s] for a in article_ids
                                  if (s := refs.source_ids.get(a)) in refs.sources))
    issue_ids = sorted({i for c in quote.citations for i in issues_at.get(
        (c.article_id, c.anchor), ())})
    story_id = refs.story_of.get(article_ids[0]) if article_ids else None
    display, fragment = quote_display(quote.text)
    return QuoteView(quote.id, quote.text,
                     refs.actors.get(quote.speaker_id) if quote.speaker_id else None,
                     passages, quote.kind, display, fragment, min(dates) if dates else None,
                     outlets, refs.stories.get(story_id) if story_id else None,
                     tuple(refs.issues[i] for i in issue_ids))


def _event_view(event: Event, refs: Refs) -> EventView:
    label = when_label(event.start, event.end, event.precision)
    month = event.start[:4] if event.precision == "year" else \
        when_label(event.start[:7], None, "month")
    return EventView(event.id, label, event.start, event.end, event.precision, event.text,
                     tuple(refs.actors[a] for a in event.actor_ids if a in refs.actors),
                     tuple(_passage(c, refs) for c in event.citations), month,
                     date_basis(event, refs))


def date_basis(event: Event, refs: Refs) -> str:
    """How the event's date was read from its sentence."""
    text = event.text.lower()
    if event.precision == "year":
        return "year stated"
    if event.precision == "month":
        return "month stated"
    if event.start[:4] in event.text:
        return "date stated"
    dated = next((d for c in event.citations if (d := refs.dates.get(c.article_id))), None)
    since = f" {format_day(dated.date())}" if dated else ""
    if any(day in text for day in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                   "saturday", "sunday", "today", "yesterday", "tomorrow")):
        return f"weekday, counted from the article's date{since}" if since else \
            "weekday, counted from the latest date in the article"
    return f"year from the article's date{since}" if since else \
        "year from the latest date in the article"


def when_label(start: str, end: str | None, precision: str) -> str:
    """A date, range, month or year as readers write it."""
    if precision == "year":
        return start
    if precision == "month":
        year, month = start.split("-")[:2]
        return format_day(f"{year}-{month}-01").split(" ", 1)[1]
    label = format_day(start)
    if end and end != start:
        first, last = label.split(" ", 1), format_day(end).split(" ", 1)
        label = f"{first[0]}–{format_day(end)}" if first[1] == last[1] else \
            f"{label} – {format_day(end)}"
    return label


def figure_label(measure: str, subjects: list[str]) -> str:
    """What a group of figures measures, in words: the subject most rows name."""
    if subjects:
        common = Counter(subjects).most_common()
        best = max(common, key=lambda item: (item[1], len(item[0])))[0]
    else:
        best = measure
    return best[:1].upper() + best[1:]


def _figure_views(extraction: Extraction, refs: Refs) -> tuple[FigureGroupView, ...]:
    groups = []
    for group in extraction.figure_groups:
        rows = []
        for f in sorted(group.figures, key=lambda f: (f.year or 0, f.number)):
            dated = refs.dates.get(f.citation.article_id)
            period = str(f.year) if f.year else (f"as of {dated.year}" if dated else "undated")
            source_id = refs.source_ids.get(f.citation.article_id)
            rows.append(FigureRow(f.value, f.number, f.unit, f.year, f.subject,
                                  _passage(f.citation, refs, f.sentence),
                                  refs.sources_of.get(f.citation.article_id), period,
                                  refs.sources.get(source_id) if source_id else None, dated))
        disputes = tuple(
            Dispute(c.period, tuple(rows[i] for i in c.rows), dispute_note(
                [rows[i] for i in c.rows]))
            for c in conflicts(rows))
        groups.append(FigureGroupView(group.id, group.measure, group.unit, tuple(rows),
                                      group.agree,
                                      figure_label(group.measure, [r.subject for r in rows]),
                                      disputes))
    # Disputed groups first, then those several articles state: they are the comparisons.
    return tuple(sorted(groups, key=lambda g: (
        not g.disputes, -len({r.passage.article.id for r in g.rows}), g.label.casefold())))


def dispute_note(rows: list[FigureRow]) -> str:
    """Which outlets say what, in one line: up to four values, each with up to two outlets."""
    by_value: dict[str, list[str]] = {}
    for row in rows:
        by_value.setdefault(row.value, []).append(row.source or row.passage.article.name)
    parts = [f"{', '.join(list(dict.fromkeys(names))[:2])}: {value}"
             for value, names in list(by_value.items())[:4]]
    more = len(by_value) - 4
    return "; ".join(parts) + (f"; and {more} other values" if more > 0 else "")
