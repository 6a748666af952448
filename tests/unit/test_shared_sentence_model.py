"""The tests score eval answers with one sentence encoder per run (tests/support/
sentences.py). That is only the same as each test encoding its own sentences if a
sentence's vector does not depend on what else it was encoded with: checked here on the
real model, so the sharing cannot quietly change what a test sees."""

from __future__ import annotations

import numpy as np

from assistant.scoring.structure.embedder import MiniLMEmbedder
from tests.support.interviews import ml_spec
from tests.support.sentences import shared_embedder

SAID = [
    "We start by framing the problem: which transactions to stop, and at what cost.",
    "Labels come from chargebacks, which arrive weeks late.",
    "ok",
    "For serving, a gradient boosted model scores each payment in under fifty "
    "milliseconds, and anything above the threshold goes to a human reviewer, who sees "
    "the features that pushed the score up, so the queue stays short enough to clear.",
    "Then we watch drift.",
]


def test_a_sentence_has_the_same_vector_alone_in_any_batch_and_from_the_shared_encoder():
    fresh = MiniLMEmbedder()
    together = fresh.embed(SAID)
    for k, text in enumerate(SAID):
        alone = fresh.embed([text])[0]
        assert np.array_equal(alone, together[k]), text
    backwards = fresh.embed(SAID[::-1])[::-1]
    assert np.array_equal(backwards, together)
    shared = shared_embedder()
    shared.embed(SAID[1:3])  # some of them already encoded, in another batch
    assert np.array_equal(shared.embed(SAID), together)


def test_the_analyses_the_tests_build_share_one_encoder():
    first, second = ml_spec(), ml_spec()
    assert first.scorer.embedder is second.scorer.embedder is shared_embedder()
