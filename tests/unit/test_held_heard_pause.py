"""A spoken answer whose success metric was heard cut in two, with a pause after the full
stop ("…something in their inbox." pause "And how often they drag a mail out of the junk
folder."): each half only names how success is measured, so the answer reads as never
framed nor measured and is held. Held at 10, an answer with its three outcomes, volume,
latency, a model with reasons, shadow serving and a tradeoff fell from 62 to 10; it now
loses what framing and a success metric would earn, and keeps the rest.

The heard words, times and probabilities are tiny.en's (tests/unit/data)."""

from __future__ import annotations

import pytest

from speech.words import Word
from tests.unit.test_heard_run_on import _score, heard


def paused(stops: tuple[str, ...], gap: float) -> list[Word]:
    """The heard answer with a full stop after each of ``stops`` and ``gap`` seconds of
    silence after it: the speaker ended the sentence there."""
    words = heard(*stops)
    out, shift = [], 0.0
    for i, w in enumerate(words):
        before = words[i - 1].text if i else ""
        if before.endswith(".") and before[:-1].lower() in stops:
            shift += gap
        out.append(Word(w.text, w.start + shift, w.end + shift, w.probability))
    return out


@pytest.fixture(scope="module")
def spec():
    from tests.support.interviews import ml_spec

    return ml_spec()


@pytest.fixture(scope="module")
def whole(spec) -> int:
    return _score(heard(), spec)


@pytest.mark.parametrize(
    ("stops", "gap"),
    [(("inbox",), 0.9), (("inbox",), 1.5), (("inbox", "day"), 0.9)],
    ids=["inbox-0.9s", "inbox-1.5s", "inbox-and-day"],
)
def test_a_metric_heard_in_two_sentences_keeps_the_rest_of_the_design(spec, whole, stops, gap):
    score = _score(paused(stops, gap), spec)
    # the design still counts (10 before) ...
    assert score >= 20
    # ... below the same answer heard with its success metric in one sentence
    assert score < whole
