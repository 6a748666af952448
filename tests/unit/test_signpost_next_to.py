"""A signpost moves the answer on; "next to" says where a thing is, after a comma too."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.analysis import signpost_segments
from assistant.scoring.structure.segments import split_segments, words_from_text
from tests.support.interviews import RUBRIC


@pytest.mark.parametrize(
    ("text", "signpost"),
    [
        ("We'd track fraud caught in dollars, next to the false decline rate.", False),
        ("Recall matters. Next to that, the false decline rate.", False),
        ("We'd track fraud caught in dollars. Next, the false decline rate.", True),
        ("Fraud caught first; next, the false decline rate.", True),
    ],
)
def test_next_to_after_a_comma_is_no_signpost(text, signpost):
    words, line_ends = words_from_text(text)
    segments = split_segments(words, timed=False, line_ends=line_ends)
    assert bool(signpost_segments(RUBRIC, segments)) is signpost
