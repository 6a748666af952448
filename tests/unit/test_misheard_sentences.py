"""Sentences tiny.en mis-heard, with the word probabilities it gave them: stage evidence
comes from words heard with reasonable confidence, and a garbled sentence earns no stage
on its own and is quoted for none.

The heard words are tiny.en's, on espeak-ng readings of development answers
(``benchmarks/structure_accuracy.py --audio --split dev``)."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from assistant.scoring.structure.analysis import analyse_structure, substance_reader
from assistant.scoring.structure.scorers import build_scorer
from assistant.scoring.structure.segments import split_segments
from rubrics import load_rubric
from speech.words import Word
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")


@pytest.fixture(scope="module")
def spec():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    return StructureSpec(RUBRIC, scorer, method)


def heard(said: str, probabilities: list[float], at: float = 0.0) -> list[Word]:
    tokens = said.split()
    assert len(tokens) == len(probabilities)
    return [
        Word(t, at + i * 0.3, at + i * 0.3 + 0.25, p)
        for i, (t, p) in enumerate(zip(tokens, probabilities, strict=True))
    ]


# "Done well, this drives real business value and a better customer experience."
MISHEARD = (
    "Dunwell, this drive-free business mail and a murder customer experience.",
    [0.46, 0.87, 0.50, 0.88, 0.13, 0.36, 0.72, 0.16, 0.94, 0.98],
)
# heard right, some words with middling confidence: they keep their stage
HEARD_RIGHT = [
    (
        "It has to be quick, like under a couple hundred milliseconds, it's right there in "
        "the checkout.",
        [
            0.98,
            0.98,
            0.99,
            0.99,
            0.98,
            0.99,
            0.97,
            0.99,
            0.99,
            0.98,
            0.93,
            0.96,
            0.99,
            0.34,
            1.00,
            0.99,
            0.82,
        ],
        "constraints",
    ),
    (
        "Flow is every finished-rated game goes on a queue.",
        [0.31, 0.92, 0.86, 0.60, 0.99, 0.31, 0.91, 0.95, 0.67],
        "pipeline",
    ),
]


def test_a_sentence_heard_with_middling_confidence_throughout_is_garbled():
    """Few of its words are under the single-word bar (three of ten), so it read as heard
    and earned the impact stage, quoted as "Dunwell, this drive-free business mail…"."""
    said, probabilities = MISHEARD
    assert substance_reader(RUBRIC).read(said, probabilities).garbled
    for said, probabilities, _ in HEARD_RIGHT:
        assert not substance_reader(RUBRIC).read(said, probabilities).garbled


def test_a_garbled_sentence_earns_no_stage_and_no_quote(spec):
    closing = heard(
        "So, that's the high-level design from data to deployment and monitoring.", [0.95] * 11
    )
    said, probabilities = MISHEARD
    words = heard(said, probabilities, at=10.0) + [
        Word(w.text, w.start + 20.0, w.end + 20.0, w.probability) for w in closing
    ]
    segs = split_segments(words)
    assert [s.text for s in segs][0] == said
    a = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    impact = a.stage("impact")
    assert impact.depth == 0
    # no stage is found in it, quoted from it, or taken to a depth by it
    used = {i for st in a.stages for i in (st.first, st.best, st.depth_segment)}
    assert 0 not in used


@pytest.mark.parametrize(("said", "probabilities", "stage"), HEARD_RIGHT)
def test_a_sentence_heard_right_keeps_its_stage(spec, said, probabilities, stage):
    segs = split_segments(heard(said, probabilities))
    a = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    assert a.stage(stage).depth >= 1
