"""A stage said only in passing is never quoted from the tail of a sentence cut for length
that is about another stage: business impact and tradeoffs were quoted as "…and explicit
likes and dislikes get more weight.", the end of a sentence on the labels.

The answers below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

OPENING = (
    "Okay, so before I start, I'd ask how many listeners and songs we have, and whether the "
    "goal is listening time or something like satisfaction.\n"
    "I'll assume about fifty million daily listeners and a catalogue of eighty million "
    "songs.\n"
)
REST = (
    "The system is two stages: a two-tower model pulls about a thousand candidate songs, "
    "then a gradient boosted tree ranks them.\n"
    "For serving, the listener tower runs at request time and song embeddings are "
    "precomputed every hour, so it all fits in about a hundred milliseconds.\n"
    "After launch I'd monitor feature drift and the share of new songs we play, and retrain "
    "daily.\n"
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


@pytest.mark.parametrize(
    "labels",
    [
        "The labels come from what people do after we play a song: a long listen or a "
        "finish is positive, a quick skip under ten seconds is negative, and explicit likes "
        "and dislikes get more weight.",
        "The labels come from what listeners do after we play a song: listening to the end "
        "is positive, a skip in the first ten seconds is negative, and saves and hearts "
        "count double.",
    ],
)
def test_no_stage_in_passing_is_quoted_from_the_tail_of_a_labels_sentence(labels, spec):
    report = analyse_text(OPENING + labels + "\n" + REST, Settings(), structure=spec)
    assert report.structure is not None
    tail = labels.split(", ")[-1]
    shown = [
        (s.id, s.evidence.quote)
        for s in report.structure.stages
        if s.depth == 0 and s.evidence is not None
    ] + [
        (f.metric, f.evidence.quote)
        for f in report.feedback
        if "only in passing" in f.message and f.evidence is not None
    ]
    assert not [x for x in shown if tail[:25] in x[1] and not x[1].startswith("The labels")], shown
