"""Template syntax in generators' posts: rendered where it has a plain meaning, else dropped
with a note; never shown raw, never run. Pasted text is left as written."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.config import SiteConfig
from briefing.load import parse_document
from briefing.normalize import normalize_document
from briefing.normalize.templating import render_templates

CONFIG = SiteConfig(timezone="UTC", root=Path("."))
FM = {"title": "Harbour talks", "author": "Ann Lee", "excerpt": "Short.",
      "permalink": "/:year/:title/", "ferry": "Blue Line"}
DAY = datetime(2026, 1, 14, tzinfo=UTC)


def render(body: str, fm: dict | None = None):
    return render_templates(body, FM if fm is None else fm, DAY)


@pytest.mark.parametrize("body,text", [
    ("# {{ page.title }}\n\nBy {{page.author}}.", "# Harbour talks\n\nBy Ann Lee."),
    ("On {{ page.date | date_to_string }}.", "On 14 January 2026."),
    ("Quote: {{ page.excerpt }} Ferry: {{ page.ferry | upcase }}",
     "Quote: Short. Ferry: Blue Line"),
    ("{% assign dock = 'Pier 9' %}\nAt {{ dock }}.", "At Pier 9."),
    ("{% capture who %}the crews{% endcapture %}Ask {{ who }}.", "Ask the crews."),
    ('Say {{ "hello" }}.', "Say hello."),
    ("A{% comment %} hidden {{ x }} {% endcomment %}B", "AB"),
])
def test_liquid_with_a_plain_meaning_is_rendered(body, text):
    rendered = render(body)
    assert rendered.text == text and rendered.dropped == ()


def test_liquid_raw_keeps_its_text_as_written():
    assert render("{% raw %}{{ not run }}{% endraw %}").text == "{{ not run }}"


def test_liquid_highlight_becomes_a_fenced_code_block():
    body = "{% highlight ruby %}\n{% assign a = 'x' %}\nputs 1\n{% endhighlight %}\n\nAfter."
    assert render(body).text == "```ruby\nputs 1\n```\n\nAfter."


def test_what_has_no_plain_meaning_is_dropped_and_named():
    body = ("Intro {{ site.time }}.\n{% include sig.html %}\n"
            "[Old post]({% post_url 2010-01-01-x %}) and {{ page.url }}.\n")
    rendered = render(body)
    assert "{" not in rendered.text and "%" not in rendered.text
    assert rendered.text == "Intro .\nOld post and .\n"
    assert rendered.dropped == ("Liquid variable 'site.time'", "Liquid tag 'include'",
                                "Liquid tag 'post_url' (link kept as text)",
                                "Liquid variable 'page.url'")


def test_control_tags_keep_their_text_once_unindented():
    body = ("{% if page.big %}\n    Big news.\n{% else %}\n    Small news.\n{% endif %}\n"
            "{% for p in site.posts %}\n    Item.\n{% endfor %}\n")
    rendered = render(body)
    assert rendered.text == "Big news.\nSmall news.\nItem.\n"
    assert rendered.dropped == ("Liquid tag 'if'", "Liquid tag 'for'")


def test_whitespace_control_strips_like_liquid():
    assert render("A\n{%- assign x = 'y' -%}\nB {{- x -}} C").text == "AByC"


def test_custom_block_tags_are_known_by_their_end_tag():
    rendered = render("{% mybox %}\n  Inside.\n{% endmybox %}\n{% lone %}\nText.\n")
    assert rendered.text == "Inside.\nText.\n"
    assert rendered.dropped == ("Liquid tag 'mybox'", "Liquid tag 'lone'")


@pytest.mark.parametrize("body,text", [
    ("{{< youtube w7Ejoq3nXo8 >}}",
     "[YouTube video w7Ejoq3nXo8](https://www.youtube.com/watch?v=w7Ejoq3nXo8)"),
    ('{{< youtube id="w7Ejoq3nXo8" title="A talk" >}}',
     "[YouTube video w7Ejoq3nXo8](https://www.youtube.com/watch?v=w7Ejoq3nXo8)"),
    ("{{< vimeo 146022717 >}}", "[Vimeo video 146022717](https://vimeo.com/146022717)"),
    ('{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}',
     "[Post 1453110110599868418](https://x.com/SanDiegoZoo/status/1453110110599868418)"),
    ("{{< gist spf13 7896402 >}}", "[Gist 7896402](https://gist.github.com/spf13/7896402)"),
    ('{{< param "ferry" >}}', "Blue Line"),
    ('{{< figure src="https://example.org/a.png" caption="The pier" >}}',
     "![The pier](https://example.org/a.png)\n\n*The pier*"),
    ("{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}", "```go\nfmt.Println(1)\n```"),
    ("{{% notice tip %}}\nKeep **this**.\n{{% /notice %}}", "Keep **this**.\n"),
    ("{{</* youtube abc */>}}", "`{{< youtube abc >}}`"),
    ('{{ youtube(id="dQw4w9WgXcQ") }}',
     "[YouTube video dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)"),
    ('{% quote(author="Ann") %}\nWords.\n{% end %}', "Words.\n"),
])
def test_hugo_and_zola_shortcodes(body, text):
    assert render(body).text == text


def test_a_ref_keeps_its_link_text_and_unsafe_ids_make_no_link():
    rendered = render('See [the plan]({{< ref "posts/plan.md" >}}). '
                      '{{< youtube "javascript:alert(1)" >}}')
    assert rendered.text == "See the plan. "
    assert rendered.dropped == ("Hugo shortcode 'ref' (link kept as text)",
                                "Hugo shortcode 'youtube'")


def test_more_divider_and_excerpt_separator_give_the_summary():
    rendered = render("Lede about {{ page.ferry }}.\n<!--more-->\nRest.")
    assert rendered.summary == "Lede about Blue Line.\n" and "more" not in rendered.text
    rendered = render("One.\n\nTwo.\n--cut--\nThree.", {"excerpt_separator": "--cut--"})
    assert rendered.summary == "One.\n\nTwo.\n" and "--cut--" in rendered.text


@pytest.mark.parametrize("unit", ["{{", "{%", "{{<", "{% tag %}", "{{< sc >}}", "x {{ y",
                                  "{% if a %}\n  t\n", "{%- t -%} ", "{% raw %}"])
def test_cost_grows_linearly_with_hostile_input(unit):
    def cost(n: int) -> float:
        start = time.perf_counter()
        render_templates(unit * n, {}, None)
        return time.perf_counter() - start
    small, large = cost(2_000), cost(16_000)
    assert large < max(1.0, 30 * small)


def normalize(text: str, path: str):
    doc, problems = parse_document(text, path)
    assert doc is not None, problems
    return normalize_document(doc, CONFIG)


def test_a_generators_post_never_shows_template_syntax_and_gets_a_note():
    result = normalize("---\ntitle: Pier news\n---\n# {{ page.title }}\n\n"
                       "Crews met {% include who.html %} today.\n", "post.md")
    article = result.article
    assert article.title == "Pier news"
    assert [b.text for b in article.blocks] == ["Crews met today."]
    (note,) = result.diagnostics
    assert note.code == "template-dropped" and note.severity.value == "info"
    assert "Liquid tag 'include'" in note.message


def test_a_jekyll_post_without_front_matter_is_a_generators_post_too():
    article = normalize("Crews met {{ site.title }} today.\n", "_posts/2026-01-14-crews.md").article
    assert article.blocks[0].text == "Crews met today."


def test_pasted_text_keeps_its_braces():
    article = normalize("Pasted page\n\nThe set {{a}, {b}} and {% of %} growth.\n", "p.txt").article
    assert article.blocks[0].text == "The set {{a}, {b}} and {% of %} growth."


def test_the_summary_before_more_resolves_reference_links():
    result = normalize("---\ntitle: T\n---\nSee [the report][r] first.\n\n<!--more-->\n\n"
                       "Later text.\n\n[r]: https://example.org/r\n", "p.md")
    assert result.article.summary == "See the report first."
    assert result.article.inferred["summary"] == "text before <!--more-->"
    assert "more" not in result.article.body
    given = normalize("---\ntitle: T\nsummary: Given.\n---\nA.\n<!--more-->\nB.\n", "p.md")
    assert given.article.summary == "Given."


def test_page_title_of_an_untitled_dated_post_is_its_file_name_as_jekyll_gives_it():
    result = normalize("---\nlayout: post\n---\n# {{ page.title }}\n\nCrews met.\n",
                       "_posts/2026-01-14-pier-news.md")
    assert result.article.title == "Pier News" and result.diagnostics == ()
    assert [b.text for b in result.article.blocks] == ["Crews met."]


def test_a_capture_inside_a_body_does_not_confuse_later_block_tags():
    body = ("{% capture who %}{% if a %}x{% endif %}{% endcapture %}\n"
            "{% box %}\n    Inside.\n{% endbox %}\nAfter {{ who }}.")
    rendered = render(body)
    assert rendered.text == "Inside.\nAfter x."
