"""Frozen, slotted dataclasses pickle as their class and field values."""

from __future__ import annotations

import copyreg
import pickle
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from briefing.model import Article, Block, BlockKind
from briefing.pickling import pickled_by_fields


def test_an_article_with_its_blocks_comes_back_equal_and_by_its_fields():
    block = Block("p1", BlockKind.PARAGRAPH, "Talks resumed.", "<p>Talks resumed.</p>")
    article = Article("talks", "talks.md", "Talks", None, datetime(2026, 1, 14),
                      ("A. Writer",), "Wire", ("trade",), (), None, None, "Talks resumed.",
                      (block,), "yaml", inferred={"date": "front matter"})
    assert Article in copyreg.dispatch_table and Block in copyreg.dispatch_table
    back = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == article and back.blocks[0] == block
    cls, values = copyreg.dispatch_table[Block](block)
    assert cls is Block and values == ("p1", BlockKind.PARAGRAPH, "Talks resumed.",
                                       "<p>Talks resumed.</p>", 0)


def test_a_class_that_cannot_be_rebuilt_from_its_fields_is_refused():
    with pytest.raises(TypeError, match="field values"):
        @pickled_by_fields
        @dataclass(frozen=True, slots=True)
        class Derived:
            value: int
            double: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="field values"):
        @pickled_by_fields
        @dataclass(frozen=True)
        class Checked:
            value: int

            def __post_init__(self) -> None:
                assert self.value >= 0
