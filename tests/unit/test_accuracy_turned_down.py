"""A success measure said in plain words beside accuracy turned down is a measure.

"…so I'd measure how many real leavers are in the top three hundred, not accuracy
overall" names accuracy only to turn it down; it was read as a sentence that measures
success by accuracy and nothing else, and the success metrics fell from justified to the
next sentence's "described". Accuracy as the only aim still describes nothing."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

OPENING = (
    "So the goal is a list of gym members likely to stop coming next month, early enough "
    "that the front desk can call them.\n"
)
REST = (
    "A member counts as gone after thirty days with no visit, and I only use data from "
    "before the scoring day, otherwise the model cheats.\n"
    "I'd start with logistic regression and keep boosted trees only if they beat it "
    "clearly, because the desk has to understand why someone is on the list.\n"
    "We work out the lists every Sunday night and keep them ready, so the desk has them "
    "first thing Monday.\n"
    "Each morning someone looks at whether the numbers drift, and if it gets worse we go "
    "back to the old one.\n"
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _metrics(said: str, spec):
    report = analyse_text(
        OPENING + said + "\n" + REST, Settings(), structure=spec, question="churn-prediction"
    )
    assert report.structure is not None
    return report.structure.stage("metrics")


@pytest.mark.parametrize(
    "said",
    [
        "The desk makes about three hundred calls a week, so I'd measure how many real "
        "leavers are in the top three hundred, not accuracy overall.",
        "Only about two in a hundred members leave, so accuracy alone is misleading; I'd "
        "count how many of the three hundred we call really were leaving.",
        "The desk can call three hundred people a week, so what I look at is how many real "
        "leavers we catch among them, rather than plain accuracy.",
    ],
)
def test_accuracy_turned_down_leaves_the_measure_said(said, spec):
    metrics = _metrics(said, spec)
    assert metrics.depth == 3
    assert metrics.depth_evidence is not None
    assert metrics.depth_evidence.quote.rstrip(".…") in said


def test_accuracy_as_the_only_aim_still_describes_nothing(spec):
    said = "The model would get really good accuracy, probably above 99 percent."
    metrics = _metrics(said, spec)
    assert metrics.depth_evidence is None or said not in metrics.depth_evidence.quote
