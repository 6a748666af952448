"""The sentence quoted for a stage is about that stage (issue 14): a sentence that reads
as one stage and lends another a reading is not shown as that other stage's evidence
when the stage has a sentence of its own that says as much."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

SIMULATOR = (
    "I would use reinforcement learning for surge pricing, because the price is an action "
    "and the revenue is the reward. The agent tries different multipliers in each zone and "
    "learns which one brings the most money over the week. We can train it in a simulator "
    "first, so we don't lose money on real riders, and then deploy it. The simulator is "
    "built from last year's trip logs. After training the agent sets the prices live in "
    "every zone. We can keep retraining it online so it gets better and better. This would "
    "increase revenue a lot."
)
"""Deployment is said in "…and then deploy it" and "the agent sets the prices live";
"The simulator is built from last year's trip logs." is where the data comes from, and
reads as serving only beside its neighbours."""


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()  # as `thinkaloud score` reads a whole answer


def report(text: str, spec, question: str):
    return analyse_text(text, Settings(), structure=spec, question=question)


def test_a_data_sentence_beside_serving_is_not_the_quote_of_serving(spec):
    r = report(SIMULATOR, spec, "dynamic-pricing")
    deploy = r.structure.stage("deployment")
    assert deploy.depth >= 2
    for ev in (deploy.evidence, deploy.depth_evidence):
        assert "trip logs" not in ev.quote
        assert "deploy" in ev.quote
    lines = [f for f in r.feedback if f.metric == "structure.deployment" and f.evidence]
    assert all("trip logs" not in f.evidence.quote for f in lines)
    # the data stage keeps its own sentence
    assert "trip logs" in r.structure.stage("data").depth_evidence.quote
