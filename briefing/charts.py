"""Render helper: charts drawn at build time as inline SVG, each with a data table.

Part of the render stage. A chart is plain markup made from numbers and
HTML-escaped labels: no script, nothing fetched from another host. Each SVG is an
image with a title and a description a screen reader reads, and the same numbers
follow in a table (inside a `<details>`), so nothing is only a picture. Colours
come from the theme's CSS variables, so charts follow the light and dark palette.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from .coverage import Point

WIDTH, HEIGHT = 600, 120
BAR_GAP = 0.2
ROW_HEIGHT = 22


def _table(caption: str, head: tuple[str, str], rows: Sequence[tuple[str, int]]) -> str:
    body = "".join(f"<tr><td>{escape(label)}</td><td>{count}</td></tr>" for label, count in rows)
    return (f'<details class="briefing-chart-data"><summary>{escape(caption)}: data table'
            f'</summary><table><thead><tr><th scope="col">{escape(head[0])}</th>'
            f'<th scope="col">{escape(head[1])}</th></tr></thead><tbody>{body}</tbody></table>'
            "</details>")


def coverage_chart(points: Sequence[Point], title: str, chart_id: str) -> Markup:
    """Articles per period as vertical bars, with the first and last period labelled."""
    if not points:
        return Markup("")
    top = max(p.count for p in points) or 1
    slot = WIDTH / len(points)
    bars = []
    for n, point in enumerate(points):
        height = (HEIGHT - 20) * point.count / top
        x, y = n * slot + slot * BAR_GAP / 2, HEIGHT - 18 - height
        bars.append(f'<rect class="briefing-bar" x="{x:.1f}" y="{y:.1f}" '
                    f'width="{slot * (1 - BAR_GAP):.1f}" height="{height:.1f}">'
                    f"<title>{escape(point.label)}: {point.count}</title></rect>")
    total = sum(p.count for p in points)
    peak = max(points, key=lambda p: p.count)
    summary = (f"{total} article{'s' if total != 1 else ''} from {points[0].label} to "
               f"{points[-1].label}; most in {peak.label} ({peak.count}).")
    labels = (f'<text x="0" y="{HEIGHT - 4}" class="briefing-axis">{escape(points[0].label)}'
              f'</text><text x="{WIDTH}" y="{HEIGHT - 4}" text-anchor="end" '
              f'class="briefing-axis">{escape(points[-1].label)}</text>')
    svg = (f'<svg class="briefing-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="none">'
           f'<title id="{chart_id}-t">{escape(title)}</title>'
           f'<desc id="{chart_id}-d">{escape(summary)}</desc>'
           f'<line class="briefing-baseline" x1="0" x2="{WIDTH}" y1="{HEIGHT - 18}" '
           f'y2="{HEIGHT - 18}"/>{"".join(bars)}{labels}</svg>')
    table = _table(title, ("Period", "Articles"), [(p.label, p.count) for p in points])
    return Markup(f'<figure class="briefing-figure">{svg}<figcaption>{escape(summary)}'
                  f"</figcaption>{table}</figure>")


def share_chart(items: Sequence[tuple[str, int]], title: str, chart_id: str,
                unit: str = "articles") -> Markup:
    """Counts per label as horizontal bars (the outlet mix), largest first."""
    if not items:
        return Markup("")
    top = max(count for _, count in items) or 1
    label_width, bar_width = 200, WIDTH - 260
    height = ROW_HEIGHT * len(items)
    rows = []
    for n, (label, count) in enumerate(items):
        y = n * ROW_HEIGHT
        width = bar_width * count / top
        shown = label if len(label) <= 28 else label[:27] + "…"
        rows.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" '
                    f'class="briefing-axis">{escape(shown)}</text>'
                    f'<rect class="briefing-bar" x="{label_width}" y="{y + 4}" '
                    f'width="{width:.1f}" height="{ROW_HEIGHT - 8}"><title>{escape(label)}: '
                    f"{count}</title></rect>"
                    f'<text x="{label_width + width + 6:.1f}" y="{y + 15}" '
                    f'class="briefing-axis">{count}</text>')
    total = sum(count for _, count in items)
    summary = f"{len(items)} shown, {total} {unit} in all; the most from {items[0][0]}."
    svg = (f'<svg class="briefing-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d">'
           f'<title id="{chart_id}-t">{escape(title)}</title>'
           f'<desc id="{chart_id}-d">{escape(summary)}</desc>{"".join(rows)}</svg>')
    table = _table(title, ("Outlet", unit.capitalize()), items)
    return Markup(f'<figure class="briefing-figure">{svg}<figcaption>{escape(summary)}'
                  f"</figcaption>{table}</figure>")
