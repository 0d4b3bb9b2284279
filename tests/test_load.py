"""Load stage: every file becomes a SourceDoc or a skipped record with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.load import _walk, inputs_digest, load_sources, parse_document
from briefing.model import Outcome

LIMIT = 10_000


def load(tmp_path: Path, files: dict[str, str | bytes]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_sources(tmp_path, LIMIT)


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_yaml_front_matter_is_split_from_the_body(tmp_path):
    result = load(tmp_path, {"a.md": "---\ntitle: Hello\ntags: [x, y]\n---\n\nBody text.\n"})
    (doc,) = result.docs
    assert doc.format == "yaml"
    assert doc.front_matter == {"title": "Hello", "tags": ["x", "y"]}
    assert doc.body == "Body text."
    assert doc.body_line == 6


def test_toml_front_matter_as_hugo_writes_it(tmp_path):
    result = load(tmp_path, {"a.md": '+++\ntitle = "Hugo post"\ndate = 2026-01-15\n+++\nBody\n'})
    (doc,) = result.docs
    assert doc.format == "toml"
    assert doc.front_matter["title"] == "Hugo post"
    assert str(doc.front_matter["date"]) == "2026-01-15"


def test_json_front_matter(tmp_path):
    result = load(tmp_path, {"a.md": '{\n"title": "JSON post",\n"tags": ["a"]\n}\nBody\n'})
    (doc,) = result.docs
    assert doc.format == "json"
    assert doc.front_matter == {"title": "JSON post", "tags": ["a"]}
    assert doc.body == "Body"


def test_plain_text_keeps_every_line(tmp_path):
    result = load(tmp_path, {"a.txt": "\n\nTitle line\nSecond line\n"})
    (doc,) = result.docs
    assert doc.format == "plain"
    assert doc.front_matter == {}
    assert doc.body == "Title line\nSecond line"
    assert doc.body_line == 3


def test_files_are_found_recursively_in_path_order(tmp_path):
    result = load(tmp_path, {"b.md": "B", "a/z.txt": "Z", "a/y.markdown": "Y"})
    assert [d.path for d in result.docs] == ["a/y.markdown", "a/z.txt", "b.md"]


def test_invalid_yaml_is_an_error_with_line_and_column_not_text(tmp_path):
    result = load(tmp_path, {"bad.md": "---\ntitle: ok\ntags: [a, b\n---\nBody\n"})
    assert result.docs == ()
    (record,) = result.skipped
    assert record.outcome is Outcome.SKIPPED and record.path == "bad.md"
    (problem,) = result.diagnostics
    assert problem.code == "bad-yaml" and problem.severity.value == "error"
    assert problem.line is not None and problem.line >= 3
    assert problem.format().startswith(f"bad.md:{problem.line}:")


def test_invalid_toml_and_json_point_at_their_line(tmp_path):
    result = load(tmp_path, {
        "t.md": '+++\ntitle = "ok"\ndate = = 3\n+++\nBody\n',
        "j.md": '{\n"title": "ok",\n"tags": [1,,]\n}\nBody\n',
    })
    found = {d.path: d for d in result.diagnostics}
    assert found["t.md"].code == "bad-toml" and found["t.md"].line == 3
    assert found["j.md"].code == "bad-json" and found["j.md"].line == 3
    assert {r.path for r in result.skipped} == {"t.md", "j.md"}


def test_yaml_alias_bomb_is_refused(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join([f'*{previous}'] * 5)}]\n"
    bomb += "---\nBody\n"
    result = load(tmp_path, {"bomb.md": bomb})
    assert result.docs == ()
    assert codes(result) == ["bad-yaml"]
    assert "alias" in result.diagnostics[0].message


def test_binary_empty_and_oversized_files_are_skipped_with_reasons(tmp_path):
    result = load(tmp_path, {
        "img.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "empty.txt": "  \n\n",
        "huge.txt": "word " * 5000,
    })
    assert result.docs == ()
    reasons = {r.path: r.reason for r in result.skipped}
    assert reasons == {"empty.txt": "empty file", "huge.txt": f"larger than {LIMIT} bytes",
                       "img.md": "binary file"}
    assert sorted(codes(result)) == ["binary-file", "empty-file", "file-too-large"]


def test_other_files_are_reported_not_dropped(tmp_path):
    result = load(tmp_path, {"photo.jpg": b"\xff\xd8", ".gitkeep": ""})
    assert {r.path: r.outcome for r in result.skipped} == {
        "photo.jpg": Outcome.SKIPPED, ".gitkeep": Outcome.SKIPPED}
    assert codes(result) == ["not-an-article"]


def test_bom_is_dropped_and_line_endings_normalised(tmp_path):
    result = load(tmp_path, {"a.md": b"\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\nBody\r\nMore\r\n"})
    (doc,) = result.docs
    assert doc.front_matter == {"title": "BOM"}
    assert doc.body == "Body\nMore"
    assert result.diagnostics == ()


def test_non_utf8_falls_back_with_a_warning_naming_the_line(tmp_path):
    result = load(tmp_path, {"latin.txt": "Title\nCaf\u00e9 au lait\n".encode("cp1252")})
    (doc,) = result.docs
    assert "Caf\u00e9" in doc.body
    (problem,) = result.diagnostics
    assert problem.code == "not-utf8" and problem.line == 2


def test_symlink_outside_content_is_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("machine secret")
    content = tmp_path / "content"
    content.mkdir()
    os.symlink(secret, content / "leak.md")
    os.symlink(tmp_path, content / "dirlink")
    (content / "ok.md").write_text("Fine")
    (content / "inside.md").symlink_to(content / "ok.md")
    result = load_sources(content, LIMIT)
    assert sorted(d.path for d in result.docs) == ["inside.md", "ok.md"]
    assert all("machine secret" not in d.body for d in result.docs)
    assert {r.path for r in result.skipped} == {"leak.md", "dirlink"}
    assert codes(result) == ["symlink-outside", "symlink-outside"]


def test_front_matter_fence_without_close_is_read_as_text_with_warning():
    doc, problems = parse_document("---\nJust a rule line\nand text\n", "a.md")
    assert doc is not None and doc.format == "plain"
    assert [p.code for p in problems] == ["front-matter-unclosed"]


def test_fences_around_non_mapping_yaml_are_read_as_text():
    doc, problems = parse_document("---\nJust words\n---\nMore words\n", "a.md")
    assert doc is not None and doc.format == "plain" and "More words" in doc.body
    assert [p.code for p in problems] == ["front-matter-not-mapping"]


def test_files_in_hidden_folders_are_reported_not_read(tmp_path):
    result = load(tmp_path, {".drafts/a.md": "Draft text", "b.md": "Real"})
    assert [d.path for d in result.docs] == ["b.md"]
    assert [(r.path, r.reason) for r in result.skipped] == [
        (".drafts/a.md", "hidden file or folder")]


def test_front_matter_key_lines_are_exact():
    doc, _ = parse_document("\n---\n# note\ntitle: T\n\ntags:\n  - a\ndate: x\n---\nB\n", "a.md")
    assert doc.key_lines == {"title": 4, "tags": 6, "date": 8}


def test_unreadable_file_is_skipped_with_an_error_and_the_rest_loads(tmp_path, monkeypatch):
    for name in ("a.md", "locked.md"):
        (tmp_path / name).write_text("Text")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = load_sources(tmp_path, LIMIT)
    assert [d.path for d in result.docs] == ["a.md"]
    assert [(r.path, r.reason) for r in result.skipped] == [
        ("locked.md", "unreadable (Permission denied)")]
    assert codes(result) == ["unreadable"]


def test_deeply_nested_front_matter_is_an_error_not_a_crash(tmp_path):
    deep = "---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\nBody\n"
    result = load(tmp_path, {"deep.md": deep})
    assert result.docs == () and codes(result) == ["bad-yaml"]


def test_file_name_that_is_not_utf8_is_skipped_with_an_error(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("Text")
    (tmp_path / "ok.md").write_text("Text")
    result = load_sources(tmp_path, LIMIT)
    assert [d.path for d in result.docs] == ["ok.md"]
    assert codes(result) == ["bad-file-name"]
    assert result.skipped[0].path == "caf\\udce9.md"


def test_missing_content_folder_is_an_error(tmp_path):
    result = load_sources(tmp_path / "nope", LIMIT)
    assert codes(result) == ["content-missing"]


# Front matter the peer generators accept (Jekyll, Hugo, Zola, Pelican, Pandoc).

def test_empty_yaml_block_is_front_matter_with_no_keys():
    doc, problems = parse_document("---\n---\nJust the body.\n", "a.md")
    assert (doc.format, doc.front_matter, doc.body, problems) == ("yaml", {}, "Just the body.", [])
    doc, problems = parse_document("---\n# only a comment\n---\n\nBody.\n", "a.md")
    assert doc.format == "yaml" and doc.front_matter == {} and problems == []


def test_yaml_closed_by_dots_and_fences_with_extra_dashes_or_spaces():
    doc, _ = parse_document("---\ntitle: Dotted end\n...\n\n# Heading\n", "a.md")
    assert doc.front_matter == {"title": "Dotted end"} and doc.body == "# Heading"
    assert doc.body_line == 5
    doc, _ = parse_document("---- \nkind: fenced\n----\nText.\n", "a.txt")
    assert doc.front_matter == {"kind": "fenced"} and doc.body == "Text."


def test_yaml_error_line_is_still_exact_after_a_dots_close():
    doc, problems = parse_document("---\ntitle: ok\ntags: [a\n...\nBody\n", "a.md")
    assert doc is None and problems[0].code == "bad-yaml" and problems[0].line >= 3


def test_toml_fences_may_be_indented():
    doc, _ = parse_document('  +++\ntitle = "Indented"\n  +++\nBody\n', "a.md")
    assert doc.format == "toml" and doc.front_matter == {"title": "Indented"}
    assert doc.key_lines == {"title": 2}


def test_one_line_json_front_matter_as_hugo_allows():
    doc, problems = parse_document('{"title": "One line", "tags": ["a"]}\n\nBody text.\n', "a.md")
    assert problems == [] and doc.format == "json"
    assert doc.front_matter == {"title": "One line", "tags": ["a"]}
    assert doc.body == "Body text." and doc.body_line == 3


def test_json_object_ends_where_it_ends_even_with_nested_braces():
    text = '{\n"title": "Nested",\n"extra": {\n  "k": 1\n}\n}\nBody\n'
    doc, _ = parse_document(text, "a.md")
    assert doc.front_matter == {"title": "Nested", "extra": {"k": 1}} and doc.body == "Body"


def test_prose_that_opens_with_a_brace_is_not_front_matter():
    doc, problems = parse_document("{braces} are how sets are written.\nMore.\n", "a.md")
    assert doc.format == "plain" and problems == []


def test_pelican_headers_in_markdown():
    text = ("Title: Harbour talks resume\nDate: 2026-01-14 10:20\nTags: fish, quotas\n"
            "Category: News\nStatus: draft\n\nThe talks resumed on Monday.\n")
    doc, problems = parse_document(text, "talks.md")
    assert problems == [] and doc.format == "pelican"
    assert doc.front_matter == {"title": "Harbour talks resume", "date": "2026-01-14 10:20",
                                "tags": ["fish", "quotas"], "category": "News",
                                "status": "draft"}
    assert doc.body == "The talks resumed on Monday." and doc.body_line == 7
    assert doc.key_lines["tags"] == 3


def test_pelican_continuation_lines_join_the_value():
    doc, _ = parse_document("Title: A long\n    headline here\nDate: 2026-01-14\n\nBody\n", "a.md")
    assert doc.front_matter["title"] == "A long headline here"


@pytest.mark.parametrize("text", [
    "Updated: 14 January 2026\n\nThe story begins here.\n",           # one unknown key
    "Date: 2026-01-14\n\nThe story begins here.\n",                    # one known key, no title
    "Title: Only headers\nDate: 2026-01-14\n",                         # no body after them
    "Title: Headers\nand then a sentence that is no header\n\nBody\n",  # not every line a header
])
def test_a_pasted_article_is_not_misread_as_pelican_headers(text):
    doc, _ = parse_document(text, "a.md")
    assert doc.format == "plain" and doc.front_matter == {}


def test_pelican_headers_only_in_markdown_files():
    doc, _ = parse_document("Title: Pasted\nDate: 2026-01-14\n\nBody\n", "a.txt")
    assert doc.format == "plain"


@pytest.mark.parametrize("name", ["a.mdown", "a.mkdn", "a.mkd", "a.text", "a.MARKDOWN"])
def test_markdown_extensions_are_articles(tmp_path, name):
    result = load(tmp_path, {name: "---\ntitle: T\n---\nBody\n"})
    assert [d.path for d in result.docs] == [name] and result.skipped == ()


def test_the_walk_lists_files_and_linked_folders_by_their_path_below_the_root(tmp_path):
    root = tmp_path / "content"
    (root / "b" / "c").mkdir(parents=True)
    (root / "z.md").write_text("z", encoding="utf-8")
    (root / "b" / "c" / "a.md").write_text("a", encoding="utf-8")
    (root / "b-a.md").write_text("b", encoding="utf-8")
    (root / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    walked = _walk(root)
    assert [rel for _, rel in walked] == ["b-a.md", "b/c/a.md", "elsewhere", "z.md"]
    assert [Path(path) for path, _ in walked] == [root / rel for _, rel in walked]


def test_the_inputs_digest_changes_with_any_name_byte_or_link(tmp_path):
    root = tmp_path / "content"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.md").write_text("one", encoding="utf-8")
    (root / "b.md").write_text("two", encoding="utf-8")
    seen = {inputs_digest(root)}
    assert inputs_digest(root) in seen                      # the same files, the same digest
    (root / "b.md").write_text("twO", encoding="utf-8")
    seen.add(inputs_digest(root))
    (root / "b.md").rename(root / "c.md")
    seen.add(inputs_digest(root))
    (root / "link.md").symlink_to(root / "c.md")
    seen.add(inputs_digest(root))
    (root / "link.md").unlink()
    (root / "link.md").symlink_to(root / "sub" / "a.md")
    seen.add(inputs_digest(root))
    (root / "sub" / "a.md").unlink()                        # the link now leads nowhere
    seen.add(inputs_digest(root))
    assert len(seen) == 6
