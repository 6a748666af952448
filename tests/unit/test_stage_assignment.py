"""Each sentence is credited to its own stage (issue 14): what a sentence is about
depends on the sentence and the ones beside it, not on words said far away, and a
stage's depth and quote come from sentences about that stage. The answers below were
written for these tests."""

from __future__ import annotations

from assistant.scoring.structure.analysis import EARLY_SHARE, analyse_structure, positions_of
from assistant.scoring.structure.segments import split_segments, words_from_text
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
    {"framing": 1.8, "model": 1.0},
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
