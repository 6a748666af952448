"""A design answer that never frames the problem nor says how success is measured is
held at what naming every stage earns, however much it says of its model (issue 14:
weak, model-first answers scored over medium ones)."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

MODEL_FIRST = "\n".join(
    [
        "I'd go straight to XGBoost for this, because it handles tabular features well "
        "and trains in minutes.",
        "The features would be the transaction amount, the merchant category, the hour of "
        "day and how many purchases the card made in the last 24 hours.",
        "We train it on the last six months of transactions, with chargebacks as the labels.",
        "Then we put the model behind a REST endpoint in a Docker container on Kubernetes, "
        "so it scales with traffic.",
        "We retrain it every week on the new chargebacks, because fraud patterns change quickly.",
        "I'd also try a neural network later, since it might pick up interactions the trees miss.",
    ]
)

MODEL_FIRST_SPOKEN = "\n".join(
    [
        "so um i think the model is the main thing here, i'd use a random forest or maybe "
        "lightgbm because they're good with tabular data",
        "we'd take the card's spending history, the device id, the country and the amount "
        "as features",
        "train on a year of labelled transactions from the chargeback table",
        "serve it with a flask api and cache the card features in redis so lookups are fast",
        "and retrain it nightly with airflow so it keeps up with new fraud",
    ]
)

FRAMED = (
    "The goal is to flag card payments that are likely fraud before they're approved, "
    "for the bank's risk team.\n"
    "Success is recall at a one percent false positive rate, measured on the last month "
    "held out.\n" + MODEL_FIRST
)

MEASURED = (
    "Success is recall at a one percent false positive rate, measured on the last month "
    "held out.\n" + MODEL_FIRST
)


@pytest.fixture(scope="module")
def spec() -> StructureSpec:
    return ml_spec().as_whole()


def structure(text: str, spec: StructureSpec):
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    assert report.structure is not None
    return report.structure


@pytest.mark.parametrize("text", [MODEL_FIRST, MODEL_FIRST_SPOKEN], ids=["written", "spoken"])
def test_model_first_answer_with_no_framing_or_metric_is_held_at_naming_everything(text, spec):
    st = structure(text, spec)
    depth = {s.id: s.depth for s in st.stages}
    assert depth["framing"] < 2 and depth["metrics"] < 2
    # the model, data and serving are described: on their own they earned 15-27
    assert depth["model"] >= 2 and depth["data"] >= 2 and depth["deployment"] >= 2
    assert st.score <= 10


@pytest.mark.parametrize("text", [MODEL_FIRST, MODEL_FIRST_SPOKEN], ids=["written", "spoken"])
def test_the_feedback_says_why_the_score_is_held(text, spec):
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    held = [f.message for f in report.feedback if "held at 10" in f.message]
    assert len(held) == 1 and "how success is measured" in held[0]


@pytest.mark.parametrize("text", [FRAMED, MEASURED], ids=["framed", "measured"])
def test_no_held_line_for_an_answer_that_frames_or_measures(text, spec):
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    assert not [f for f in report.feedback if "held at" in f.message]


@pytest.mark.parametrize("text", [FRAMED, MEASURED], ids=["framed", "measured"])
def test_an_answer_that_frames_or_measures_is_not_held(text, spec):
    st = structure(text, spec)
    assert st.score > 25
