"""Diagnostics: one printable line each, GitHub annotations that cannot be forged."""

from __future__ import annotations

import io

from rich.console import Console

from briefing.characters import clean_text, printable
from briefing.console import ConsoleReporter
from briefing.diagnostics import error, shown_value, warning

INJECTED = "x\n::error file=README.md,line=1,title=INJECTED::y.md"


def test_a_file_name_cannot_start_a_new_line_or_forge_a_command():
    problem = error("bad-yaml", f"content/{INJECTED}", "broken.", "fix it.", line=3)
    line = problem.format()
    assert "\n" not in line and line.startswith("content/x\\n::error")
    annotation = problem.github_annotation()
    assert "\n" not in annotation
    assert annotation.startswith("::error ")
    properties, message = annotation.removeprefix("::error ").split("::", 1)
    # The file property keeps its own text, escaped: no extra properties, no early end.
    assert properties == ("file=content/x%0A%3A%3Aerror file=README.md%2Cline=1%2C"
                          "title=INJECTED%3A%3Ay.md,line=3,title=bad-yaml")
    assert message == "broken. Hint: fix it."


def test_annotation_messages_escape_percent_and_line_breaks():
    annotation = warning("x", "a.md", "100% done\r\nnext").github_annotation()
    assert annotation.endswith("::100%25 done%0D%0Anext")


def test_terminal_escape_sequences_are_shown_not_sent():
    assert printable("red \x1b[31m text\x07") == "red \\x1b[31m text\\x07"
    assert printable("plain text, ünïcode ✓") == "plain text, ünïcode ✓"
    assert printable("a\u2028b\ud800") == "a\\u2028b\\ud800"


def test_console_never_prints_a_line_starting_with_two_colons():
    stream = io.StringIO()
    reporter = ConsoleReporter(github=True, console=Console(file=stream, soft_wrap=True))
    reporter.report(error("bad-yaml", "::stop-commands::token", "broken."))
    reporter.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(" ::stop-commands")           # the plain line, pushed off
    assert lines[1].startswith("::error file=%3A%3Astop-commands%3A%3Atoken,")


def test_shown_values_are_short_whatever_their_size():
    huge = ["x" * 1000] * 100_000
    shown = shown_value(huge)
    assert len(shown) < 250 and shown.startswith("['xxx")
    assert shown_value("a\nb") == "'a\\nb'"


def test_clean_text_drops_controls_and_replaces_lone_surrogates():
    text, changed = clean_text("a\x00b\x7fc\x9bd\ud800e\ufffff\U0001fffeg\x0ch\x85i\tj")
    assert text == "abcd\ufffdefg\nh\ni\tj"
    assert changed == 6
    assert clean_text("plain\nnews text") == ("plain\nnews text", 0)
