"""Index stage, entity pages: the views of actors, issues, sources, stories and tags.

Each builder reads the look-up tables `index.build_index` made once (`Refs`,
`Groups`), so a page's lists cost one look-up each, never a scan of the corpus.
Lists a page shows are capped here (`MAX_*`); the full article lists are kept
for render to paginate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from .actor_names import merge_roles, plain_aliases
from .coverage import Axis, span_label
from .model import Actor, Article, Extraction, Mention, Source
from .slugs import disambiguate, slugify_title
from .views import (
    CitingArticle,
    EntityView,
    Groups,
    IssueShare,
    OutletColumn,
    Passage,
    QuoteGroup,
    QuoteView,
    Ref,
    Refs,
    RoleView,
    page_path,
)

MAX_CITATIONS = 3
MAX_RELATED = 8            # related actors or issues on a page
MAX_LISTED = 10            # quotes, figures, events shown on an entity or article page
MAX_PER_OUTLET = 5         # articles, quotes per outlet on a story page
MAX_OUTLETS = 12           # outlet columns on a story page


def by_date(quotes: list[QuoteView]) -> list[QuoteView]:
    """Newest first, undated last."""
    return sorted(quotes, key=lambda q: (q.date is None, -(q.date.timestamp() if q.date else 0)))


def by_reach(quotes: list[QuoteView]) -> list[QuoteView]:
    """Most widely carried first (outlets, then articles), then newest."""
    return sorted(quotes, key=lambda q: (-len(q.outlets), -len(q.passages), q.date is None,
                                         -(q.date.timestamp() if q.date else 0)))


def related(entity_id: str, together: dict[str, Counter[str]], known: dict[str, Ref]
             ) -> tuple[Ref, ...]:
    row = together.get(entity_id, Counter())
    ranked = sorted(((n, other) for other, n in row.items() if other in known),
                    key=lambda item: (-item[0], known[item[1]].name.casefold()))
    return tuple(Ref(other, known[other].name, known[other].page, n)
                 for n, other in ranked[:MAX_RELATED])


def citing(mentions: list[Mention], refs: Refs) -> tuple[CitingArticle, ...]:
    """Group an entity's mentions by article, keeping the first few distinct paragraphs."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.article_id].append(mention)
    rows = []
    for article_id, found in grouped.items():
        citations: list[Passage] = []
        cited: set[str] = set()
        for mention in found:
            if mention.anchor and mention.anchor not in cited:
                cited.add(mention.anchor)
                citations.append(Passage(refs.articles[article_id], mention.anchor,
                                         mention.snippet))
                if len(citations) == MAX_CITATIONS:
                    break
        source_id = refs.source_ids.get(article_id)
        rows.append(CitingArticle(refs.articles[article_id], refs.dates[article_id],
                                  tuple(citations), len(found), refs.wires.get(article_id),
                                  refs.sources.get(source_id) if source_id else None))
    return tuple(sorted(rows, key=lambda r: (-r.mentions, r.article.name.casefold())))


def by_wire(rows: tuple[CitingArticle, ...]) -> tuple[tuple[str, tuple[Ref, ...]], ...]:
    """A source's wire copies: each wire with the articles credited to it, by wire name."""
    grouped: dict[str, list[Ref]] = defaultdict(list)
    for row in rows:
        if row.wire:
            grouped[row.wire].append(row.article)
    return tuple((wire, tuple(refs)) for wire, refs in sorted(
        grouped.items(), key=lambda item: item[0].casefold()))


def listed(article_ids: list[str], refs: Refs) -> tuple[CitingArticle, ...]:
    """Articles as list rows, newest first (undated last)."""
    rows = [CitingArticle(refs.articles[a], refs.dates[a], (), 1, refs.wires.get(a),
                          refs.sources.get(refs.source_ids.get(a, "")))
            for a in article_ids]
    return tuple(sorted(rows, key=lambda r: (r.date is None,
                                             -(r.date.timestamp() if r.date else 0),
                                             r.article.name.casefold())))


def actor_view(actor: Actor, groups: Groups, refs: Refs, axis: Axis) -> EntityView:
    rows = citing(groups.by_entity[actor.id], refs)
    first, last = span_label(r.date for r in rows)
    roles = tuple(RoleView(r.text, tuple(refs.articles[i] for i in r.article_ids
                                         if i in refs.articles), r.variants)
                  for r in merge_roles([(r.text, r.article_ids) for r in actor.roles]))
    newest = by_date(groups.quotes_by_speaker.get(actor.id, []))
    by_story: dict[str | None, list[QuoteView]] = {}
    for quote in newest[:MAX_LISTED * 2]:
        by_story.setdefault(quote.story.id if quote.story else None, []).append(quote)
    return EntityView(
        "actors", actor.id, refs.actors[actor.id].page, actor.name, actor.type,
        actor.description, plain_aliases(actor.name, (*actor.aliases, *actor.observed)),
        actor.curated, rows, roles, tuple(newest),
        tuple(groups.events_by_actor.get(actor.id, [])),
        series=axis.series(r.date for r in rows), first_seen=first, last_seen=last,
        related_actors=related(actor.id, groups.together, refs.actors),
        related_issues=related(actor.id, groups.together, refs.issues),
        quote_groups=tuple(QuoteGroup(refs.stories.get(s) if s else None, tuple(q))
                           for s, q in by_story.items()),
        names_seen=tuple(dict.fromkeys((*actor.aliases, *actor.observed))),
    )


def issue_view(issue_id: str, name: str, description: str, keywords: tuple[str, ...],
                groups: Groups, refs: Refs, axis: Axis) -> EntityView:
    """An issue's page. The quotes, figures and events are those of paragraphs naming it,
    found through the (article, paragraph) -> issues map, one look-up each."""
    rows = citing(groups.by_entity[issue_id], refs)
    first, last = span_label(r.date for r in rows)
    own_quotes = groups.quotes_by_issue.get(issue_id, [])
    own_figures = groups.figures_by_issue.get(issue_id, [])
    own_events = groups.events_by_issue.get(issue_id, [])
    return EntityView(
        "issues", issue_id, refs.issues[issue_id].page, name, "issue", description, keywords,
        True, rows, quotes=tuple(by_reach(own_quotes)[:MAX_LISTED]),
        events=tuple(own_events[-MAX_LISTED:]), series=axis.series(r.date for r in rows),
        first_seen=first, last_seen=last,
        related_actors=related(issue_id, groups.together, refs.actors),
        related_issues=related(issue_id, groups.together, refs.issues),
        figures=tuple(own_figures[:MAX_LISTED]),
    )


def source_views(extraction: Extraction, groups: Groups, refs: Refs, axis: Axis,
                  quotes: tuple[QuoteView, ...]) -> tuple[EntityView, ...]:
    """Each source's page: its articles and wire copies, what it covers against the corpus,
    and the quotes only it carries."""
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article_id, source_id in extraction.article_sources.items():
        articles_of[source_id].append(article_id)
    overall: Counter[str] = Counter()
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, counts in groups.by_article.items():
        found = [i for i in counts if i in refs.issues]
        overall.update(found)
        owner = refs.source_ids.get(article_id)
        if owner:
            per_source[owner].update(found)
    exclusive: dict[str, list[QuoteView]] = defaultdict(list)
    for quote in quotes:
        if len(quote.outlets) == 1:
            exclusive[quote.outlets[0].id].append(quote)
    total = max(1, len(refs.articles))
    views = []
    for source in extraction.sources:
        rows = listed(articles_of.get(source.id, []), refs)
        first, last = span_label(r.date for r in rows)
        mine = max(1, len(rows))
        shares = sorted(
            (IssueShare(refs.issues[i], round(100 * n / mine), round(100 * overall[i] / total))
             for i, n in per_source[source.id].items()),
            key=lambda s: (-s.here, s.issue.name.casefold()))
        only = by_reach(exclusive.get(source.id, []))
        views.append(_source_view(source, rows, axis, first, last, tuple(shares[:MAX_LISTED]),
                                  tuple(only[:MAX_LISTED]), len(only)))
    return tuple(views)


def _source_view(source: Source, rows: tuple[CitingArticle, ...], axis: Axis,
                 first: datetime | None, last: datetime | None, shares: tuple[IssueShare, ...],
                 only: tuple[QuoteView, ...], only_count: int) -> EntityView:
    return EntityView("sources", source.id, page_path("sources", source.id), source.name,
                      "source", source.description, (), source.curated, rows,
                      wires=by_wire(rows), series=axis.series(r.date for r in rows),
                      first_seen=first, last_seen=last, issue_shares=shares,
                      exclusive_quotes=only, exclusive_count=only_count)


def lead_article(title: str, article_ids: tuple[str, ...], refs: Refs, groups: Groups,
                 copies: dict[str, tuple]) -> str:
    """The article whose sentence sums up a story: the most covered (carried most often,
    then most mentions) of those whose headline gave the story its title, so that the
    title and the sentence under it tell of the same event; else of all its articles."""
    named = title.casefold()
    titled = tuple(a for a in article_ids if refs.articles[a].name.casefold().startswith(named))
    return max(titled or article_ids, key=lambda a: (
        len(copies.get(a, ())), sum(groups.by_article[a].values()), a))


def story_view(story_id: str, title: str, article_ids: tuple[str, ...], groups: Groups,
                refs: Refs, summaries: dict[str, str], copies: dict[str, tuple]
                ) -> EntityView:
    """A story: one sentence, its articles side by side by outlet, the quotes shared by
    outlets and those only one carries, and who only one outlet names."""
    rows = listed(list(article_ids), refs)
    first, last = span_label(r.date for r in rows)
    lead = lead_article(title, article_ids, refs, groups, copies)
    by_outlet: dict[str, list[CitingArticle]] = defaultdict(list)
    for row in rows:
        by_outlet[row.source.id if row.source else ""].append(row)
    story_quotes = groups.quotes_by_story.get(story_id, [])
    members = set(article_ids)
    outlets_of_quote = {
        q.id: {refs.source_ids.get(p.article.id, "") for p in q.passages
               if p.article.id in members} for q in story_quotes}
    named: dict[str, Counter[str]] = defaultdict(Counter)
    for outlet, outlet_rows in by_outlet.items():
        for row in outlet_rows:
            named[outlet].update(i for i in groups.by_article[row.article.id]
                                 if i in refs.actors)
    columns = []
    for outlet, outlet_rows in sorted(by_outlet.items(), key=lambda item: (
            -len(item[1]), refs.sources[item[0]].name.casefold() if item[0] else "~")):
        others = Counter[str]()
        for other, counts in named.items():
            if other != outlet:
                others.update(counts)
        adds = sorted((a for a in named[outlet] if a not in others),
                      key=lambda a: (-named[outlet][a], refs.actors[a].name.casefold()))
        unique = [q for q in story_quotes if outlets_of_quote[q.id] == {outlet}]
        columns.append(OutletColumn(
            refs.sources[outlet].name if outlet else "Outlet unknown",
            refs.sources.get(outlet) if outlet else None, tuple(outlet_rows[:MAX_PER_OUTLET]),
            len(outlet_rows), tuple(by_reach(unique)[:MAX_PER_OUTLET]),
            tuple(refs.actors[a] for a in adds[:MAX_PER_OUTLET])))
    shared = [q for q in story_quotes if len(outlets_of_quote[q.id]) > 1]
    return EntityView(
        "stories", story_id, refs.stories[story_id].page, title, "story", "", (), True, rows,
        quotes=tuple(by_reach(story_quotes)), events=tuple(
            groups.events_by_story.get(story_id, [])[-MAX_LISTED:]),
        first_seen=first, last_seen=last, summary=summaries.get(lead, ""),
        outlets=tuple(columns[:MAX_OUTLETS]), shared_quotes=tuple(by_reach(shared)[:MAX_LISTED]),
    )


def tag_views(ordered: list[Article], refs: Refs
               ) -> tuple[tuple[EntityView, ...], dict[str, tuple[Ref, ...]]]:
    """A page per tag or category (newest articles first), and each article's tag links."""
    names: dict[str, str] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        for term in dict.fromkeys((*article.categories, *article.tags)):
            key = " ".join(term.split()).casefold()
            if not key:
                continue
            names.setdefault(key, " ".join(term.split()))
            members[key].append(article.id)
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key in sorted(names):
        slug = slugify_title(names[key]) or "tag"
        if slug in taken:
            slug = disambiguate(slug, key)
        taken.add(slug)
        ids[key] = slug
    tag_refs: dict[str, list[Ref]] = defaultdict(list)
    views = []
    for key in sorted(names, key=lambda k: (-len(members[k]), names[k].casefold())):
        ref = Ref(ids[key], names[key], page_path("tags", ids[key]), len(members[key]))
        for article_id in members[key]:
            tag_refs[article_id].append(ref)
        views.append(EntityView("tags", ref.id, ref.page, ref.name, "tag", "", (), True,
                                listed(members[key], refs)))
    return tuple(views), {a: tuple(r) for a, r in tag_refs.items()}


