"""The depth-vs-breadth line counts the model families the design uses and the reasons
given for them wherever they were given: "3 model families were named (two tower,
nearest neighbour, gradient boosted tree) with a reason for 0" stood beside a model choice
the stage table marked justified by "I'd pick the two-tower model over plain collaborative
filtering because…", and counted a model the answer argued against ("logistic regression
… cannot learn the interaction") and one said as a later next step.

The answers below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

OPENING = [
    "We want to recommend the next song to play while someone listens, so they keep "
    "listening longer.",
    "Success is listening time per session, and offline recall at one hundred.",
    "The labels are plays longer than thirty seconds as positives and quick skips as negatives.",
]
CLOSING = [
    "Song embeddings are computed every night and the ranker runs in about forty milliseconds.",
    "After launch we watch the skip rate every day and retrain weekly.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


def breadth(model: list[str], spec):
    text = "\n".join([*OPENING, *model, *CLOSING]) + "\n"
    report = analyse_text(text, Settings(), structure=spec)
    assert report.structure is not None
    lines = [f.message for f in report.feedback if "model families were named" in f.message]
    return report.structure.models, lines


@pytest.mark.parametrize(
    "model",
    [
        # the reason comes in a later sentence that picks the family again
        [
            "First a two-tower model embeds the listener and each song, and we pull five "
            "hundred candidates with approximate nearest neighbour search.",
            "Then a gradient boosted tree ranks those five hundred with the time of day and "
            "the last few skips.",
            "I'd pick the two-tower model over plain collaborative filtering because new "
            "songs have no play history yet.",
        ],
        # a family argued against, and one put off for later
        [
            "We rank the candidates with gradient boosting, because it is fast on a CPU.",
            "Logistic regression is faster but it cannot learn the interaction between the "
            "hour and the genre.",
            "Next I would add a two tower model for new songs.",
        ],
        [
            "We rank with xgboost since the features are tabular and it serves fast.",
            "A neural network is overkill here, and later maybe a transformer over the "
            "listening sequence.",
            "Candidates come from a nearest neighbour index over song embeddings.",
        ],
    ],
)
def test_families_are_counted_as_the_design_uses_and_reasons_them(model, spec):
    models, lines = breadth(model, spec)
    assert not lines, (models, lines)
    assert models.with_reasons >= 1
    assert models.with_reasons * 2 >= len(models.named), models


def test_families_listed_with_no_reason_are_still_a_list(spec):
    models, lines = breadth(
        [
            "For the model we could use matrix factorization, a two-tower model or "
            "gradient boosted trees on top.",
            "A transformer over the listening history is another option.",
        ],
        spec,
    )
    assert lines, models
    assert models.with_reasons == 0
