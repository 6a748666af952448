"""A linear model said in everyday words is a model chosen.

A checker's plain ad-click answer started its model with "To start I'd use a simple
weighted sum of those signals, because it is quick and its chances come out honest" and
was told "You named model choice … but not which kind": a weighted sum of the inputs is
logistic or linear regression, whatever it is called. The answers below were written for
these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.scorers import WEIGHTED_SUM
from assistant.settings import Settings
from tests.support.interviews import ml_spec

ANSWER = (
    "We want to guess how likely a person is to open a push message, so we only send the "
    "ones they want. Success is how many people open messages without turning them off, "
    "counted each week. We learn from old sends: opened within an hour is a yes, not opened "
    "is a no. Every night we count for each person how often they opened each kind of "
    "message and at what hour. {model} The guesses are made the night before and the "
    "sender just reads them. After launch we look every day at switch-offs per kind of "
    "message, and if one kind suddenly doubles, we send less of it."
)
MODEL = [
    "To start I'd use a simple weighted sum of those counts, because it is quick and easy "
    "to explain to the marketing team.",
    "The guess is a weighted mix of the three numbers, since it is cheap and we can see why "
    "a person got a message.",
    "First a weighted average of all the signals, which is fast and honest about its chances.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize("model", MODEL)
def test_a_weighted_sum_of_the_inputs_is_a_model_chosen(spec, model):
    report = analyse_text(
        ANSWER.format(model=model), Settings(), structure=spec, question="notification-ranking"
    )
    assert report.structure.stage("model").depth >= 2
    assert not any("named model choice" in f.message for f in report.feedback)


@pytest.mark.parametrize(
    "said",
    [
        "a simple weighted sum of those signals",
        "a weighted average of all the features",
        "a weighted mix of the three numbers",
    ],
)
def test_weighted_sums_of_inputs(said):
    assert WEIGHTED_SUM.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "a weighted average of precision and recall",
        "the weighted sum of the scores of all teams",
        "we weighted the clicks by position",
    ],
)
def test_a_weighted_measure_is_no_model(said):
    assert not WEIGHTED_SUM.search(said)
