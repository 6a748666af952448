"""Each sentence is credited to its own stage (issue 14): what a sentence is about
depends on the sentence and the ones beside it, not on words said far away, and a
stage's depth and quote come from sentences about that stage. The answers below were
written for these tests."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.analysis import EARLY_SHARE, analyse_structure, positions_of
from assistant.scoring.structure.embedder import MiniLMEmbedder
from assistant.scoring.structure.scorers import CueScorer, build_scorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.serving import serving
from rubrics import load_rubric

RUBRIC = load_rubric("ml-system-design")


def _analysed(said: list[tuple[str, dict[str, float]]]):
    words, ends = words_from_text("\n".join(t for t, _ in said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    assert [s.text for s in segments] == [t for t, _ in said]
    return segments, analyse_structure(RUBRIC, segments, [dict(r) for _, r in said])


OPENING = ("So the problem is to tell a customer when the food will arrive.", {"framing": 3.0})
SPLIT = (
    "I'd split the wait into cooking and driving and learn each with gradient boosted "
    "trees, because each part depends on different things.",
    # read beside the opening, the sentence also sounds like the framing
    {"framing": 1.6, "model": 1.3},
)
SERVING = (
    "The busiest restaurants' estimates sit in a cache refreshed every minute.",
    {"deployment": 3.0},
)
TRADEOFF = (
    "The tradeoff: a safe estimate costs some orders, but it keeps trust.",
    {"tradeoffs": 3.0},
)


def test_words_added_at_the_end_leave_a_model_choice_in_the_first_paragraph_alone():
    """A checker added "The tradeoff:" in front of a sentence near the end of an answer:
    the opening fifth then reached one sentence further, the framing beside the model
    choice there got its bonus for being said early, and the model stage went from
    justified to absent (a score of 82 fell to 75)."""
    shorter = [OPENING, SPLIT, SERVING, SERVING]
    longer = [*shorter, TRADEOFF]
    segs_short, short = _analysed(shorter)
    segs_long, long = _analysed(longer)
    # the premise: only in the longer answer does the model choice start in the opening fifth
    assert positions_of(segs_short)[1] > EARLY_SHARE >= positions_of(segs_long)[1]
    assert short.stage("model").depth >= 2
    assert long.stage("model").depth == short.stage("model").depth
    assert long.stage("model").best == short.stage("model").best == 1
    assert long.stage("framing").depth == short.stage("framing").depth


TWO_STAGE_HEADING = (
    "Pipeline and model: a cheap filter scores every message as it arrives, and only the "
    "ones it flags go on to a slower, careful classifier, because running the careful one "
    "on everything costs too much."
)


@pytest.fixture(scope="module")
def embedding_scorer():
    return build_scorer(RUBRIC, MiniLMEmbedder())[0]


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
