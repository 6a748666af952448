"""Each sentence is credited to its own stage (issue 14): what a sentence is about
depends on the sentence and the ones beside it, not on words said far away, and a
stage's depth and quote come from sentences about that stage. The answers below were
written for these tests."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.scorers import CueScorer, build_scorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.serving import serving
from rubrics import load_rubric
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")


TWO_STAGE_HEADING = (
    "Pipeline and model: a cheap filter scores every message as it arrives, and only the "
    "ones it flags go on to a slower, careful classifier, because running the careful one "
    "on everything costs too much."
)


@pytest.fixture(scope="module")
def embedding_scorer():
    return build_scorer(RUBRIC, shared_embedder())[0]


@pytest.mark.parametrize("reader", ["cues", "sentence model"])
def test_a_heading_that_names_two_stages_opens_both(reader, embedding_scorer):
    """ "Pipeline and model: a cheap first stage on every post, …" was read as opening the
    model only, and the pipeline it describes came up "only in passing"."""
    scorer = CueScorer(RUBRIC) if reader == "cues" else embedding_scorer
    words, ends = words_from_text(
        "We need to catch spam in a chat app.\n" + TWO_STAGE_HEADING + "\n"
    )
    segments = split_segments(words, timed=False, line_ends=ends)
    row = scorer.read(segments).in_context[1]
    assert serving(row, "pipeline"), row
    assert serving(row, "model"), row
