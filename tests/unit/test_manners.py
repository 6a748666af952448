"""Sentences that serve no stage: thanks, a word on the question, a sign-off, a claim about
what others do. The sentences here were written for these tests and are in no training
set."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.heads import with_neighbours
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

WEAK = (
    "I would just train a big neural network on all the emails.\n"
    "{claim}\n"
    "It learns what spam looks like and then it blocks it.\n"
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()  # read as `thinkaloud score` reads a whole answer


def _structure(text: str, spec: StructureSpec, question: str = "spam-filter"):
    return analyse_text(text, Settings(), structure=spec, question=question).structure


def _quoted_for(structure, words: str) -> list[str]:
    return [
        st.id
        for st in structure.stages
        for ev in (st.evidence, st.depth_evidence)
        if ev is not None and words in ev.quote
    ]


@pytest.mark.parametrize(
    "claim",
    [
        "Honestly, I believe this is exactly how Google does it.",
        "Everyone in the industry already does this.",
        "I think the other mail companies do something like that too.",
        "I'm pretty sure this is what the big email providers in Europe use.",
    ],
)
def test_a_claim_about_what_others_do_serves_no_stage(spec, claim):
    """A weak answer's "I'm quite sure this is what the big bakery chains in America
    already do." was read as its framing: the sentence model took the question's words
    in it for the problem. Who else does a thing is no part of the design."""
    s = _structure(WEAK.format(claim=claim), spec)
    assert _quoted_for(s, claim[:-1]) == []
    assert s.stage("framing").depth == 0


@pytest.mark.parametrize(
    "said",
    [
        # goes on to say what the design does
        "This is what the big mail companies do, so we retrain the filter every night on "
        "the messages users flagged.",
        # the design's own users, not others
        "The support team uses it to check the messages it blocked.",
    ],
)
def test_a_sentence_that_says_what_the_design_does_keeps_its_stage(spec, said):
    s = _structure(WEAK.format(claim=said), spec)
    assert _quoted_for(s, said[:-1]) != []


def _read_in_context(text: str, spec: StructureSpec) -> list[dict[str, float]]:
    words, line_ends = words_from_text(text)
    return spec.scorer.read(split_segments(words, timed=False, line_ends=line_ends)).in_context


@pytest.mark.parametrize(
    ("courtesy", "design"),
    [
        (
            "Thank you for the question, I really like it.\n",
            "I would just train a big neural network on all the data.\n",
        ),
        (
            "Thanks so much for having me, I enjoy these.\n",
            "We would rank each person's new posts by how likely they are to reply to them.\n"
            "Each week we retrain the ranker on the replies of the last month.\n",
        ),
        (
            "Oh, great question, thank you for asking.\n",
            "For each shop we'd predict tomorrow's loaves from the last four weeks of sales.\n",
        ),
    ],
)
def test_thanks_lend_no_meaning_to_the_sentences_after_them(spec, courtesy, design):
    """ "Thank you for the question, I really like it." before "I would just train a big
    neural network on all the data." made the sentence model read that sentence as the
    answer's summary (thanks, read beside it, sound like a close). A courtesy is nobody's
    neighbour: the sentences after it read as they do without it."""
    plain = _read_in_context(design, spec)
    thanked = _read_in_context(courtesy + design, spec)
    assert len(thanked) == len(plain) + 1
    for after, alone in zip(thanked[1:], plain, strict=True):
        assert after.keys() == alone.keys()
        for stage, strength in alone.items():
            assert after[stage] == pytest.approx(strength, abs=1e-6), stage


def test_a_quiet_sentence_is_no_one_s_neighbour():
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    read = with_neighbours(rows, quiet=np.array([True, False, False]))
    # the second row's neighbours: itself and the third, not the quiet first
    assert read[1, 2:].tolist() == [0.5, 1.0]
    # the quiet row itself is still read beside its neighbour
    assert read[0, 2:].tolist() == [0.5, 0.5]
    assert (with_neighbours(rows) == with_neighbours(rows, quiet=np.zeros(3, bool))).all()
