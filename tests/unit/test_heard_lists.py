"""A list the speech model cut off from the sentence that announced it: tiny.en hears a
speaker's colon as a full stop ("…has to go one of three ways. The inbox, the junk folder,
or a bounce back."), so the list stood as a sentence of its own, read alone for whatever
stage its words suggest, and the announcing sentence said nothing. A heard sentence that
only lists things (three or more short items, no subject or verb of its own), said with no
pause after the full stop, goes on with the sentence before it.

The heard words, times and probabilities are tiny.en's (tests/unit/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.scoring.structure.segments import split_segments, words_from_text
from speech.words import Word
from tests.unit.test_heard_fragments import said, sentences

HEARD = json.loads((Path(__file__).parent / "data" / "spam-filter-heard.json").read_text())


def test_the_heard_list_goes_on_with_the_sentence_that_announced_it():
    words = [Word(*w) for w in HEARD["words"]]
    assert sentences(words)[0] == (
        "Okay, so, um, every email that arrives has to go well on three ways. "
        "The inbox, the junk folder, or a bound smack."
    )


@pytest.mark.parametrize(
    "text",
    [
        "After launch we watch three things. The score distribution, the precision on "
        "appeals and the latency.",
        "For inputs we have two years of card transactions. Amount, merchant category, time "
        "since the last payment and the device used.",
        "It has to hold up on three fronts. Latency, cost, and recall on rare classes.",
    ],
)
def test_other_lists_said_on_join_too(text):
    assert sentences(said(text)) == [text]


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        # a pause after the full stop
        (
            "After launch we watch three things. The score distribution, the precision and "
            "the latency.",
            0.9,
        ),
        # a list with a verb of its own is a sentence
        (
            "We watch three things. The score distribution, the precision and the latency are "
            "all on one dashboard.",
            0.35,
        ),
        ("The model is boosted trees. We retrain weekly, score nightly and alert on drift.", 0.35),
        # a question, and what answers it
        ("Which signals matter most? The amount, the merchant and the device.", 0.35),
        # the next step of the answer, not a list
        ("I'd do the retrieval in two steps. First, lexical retrieval, then a reranker.", 0.35),
        # two items are no list
        ("We watch two numbers on the dashboard. The score distribution and the latency.", 0.35),
    ],
)
def test_other_sentences_stay_apart(text, gap):
    assert len(sentences(said(text, gap))) == 2


def test_typed_text_keeps_the_writers_full_stops():
    words, ends = words_from_text(
        "After launch we watch three things. The score distribution, the precision and the latency."
    )
    assert len(split_segments(words, timed=False, line_ends=ends)) == 2
