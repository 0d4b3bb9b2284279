"""Pretty JSON (briefing/json_text.py): the bytes Python's own encoder writes, but for
how a float in exponent form is spelled (`1e-09` there, `1e-9` here)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from briefing.json_text import pretty_json

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2 ** 63), 2 ** 63 - 1) | st.text()
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15).filter(
        lambda x: x == 0 or abs(x) >= 1e-4),          # Python writes these without an exponent
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(_VALUES)
def test_pretty_json_is_what_json_dumps_writes_with_an_indent(value):
    assert pretty_json(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_what_the_fast_encoder_refuses_is_still_written():
    assert json.loads(pretty_json({"big": 2 ** 80})) == {"big": 2 ** 80}
    assert pretty_json({"é": "ü"}) == '{\n  "é": "ü"\n}\n'
    assert json.loads(pretty_json(["\ud800"])) == ["\ud800"]       # a lone surrogate


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_reads_back_as_itself(number):
    assert json.loads(pretty_json([number])) == [number]
