"""Folded comparison keys: typographic variants compare equal."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from briefing.folding import _TRANSLATE, fold, words

ALPHABET = "aZ9 \t\n'\"-.\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb" \
           "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026\u00a0\u00e9e\u0301\uff21\u00df\u0130\u212b"


def test_quotes_dashes_case_and_spaces_fold_away():
    assert fold("\u201cDon\u2019t\u201d \u2014  he said\u2026") == '"don\'t" - he said...'
    assert words("\u201cDon\u2019t\u201d \u2014 STRASSE\u00a0Stra\u00dfe") == \
        ["don't", "strasse", "strasse"]


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fold_is_nfkc_then_the_table_then_casefold_then_single_spaces(text):
    expected = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    assert fold(text) == " ".join(expected.split())
