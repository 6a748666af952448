"""A design answer that never frames the problem nor says how success is measured is
held (issue 14: weak, model-first answers scored over medium ones): what it says of its
model, data and serving counts for a share of what it would earn, below what framing and
a success metric add, but more design still scores more. A hard hold at 10 set a medium
answer with a real design level with weak ones, and one full stop heard inside its
success metric took a spoken answer from about 50 to 10."""

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


WIDE_WRITTEN = "\n".join(
    [
        "We see about two thousand payments a second at peak, and each one has to get a "
        "decision within fifty milliseconds.",
        "The labels are chargebacks and the cases the fraud analysts confirmed, which arrive "
        "up to sixty days after the payment.",
        "A streaming job keeps per-card counts, like the spend in the last hour and the "
        "number of new merchants this week, in a feature store.",
        "I'd use gradient boosted trees, because the features are tabular and the model has "
        "to be fast and explainable to the analysts.",
        "It runs as a service inside the payment call, and a new version first runs in "
        "shadow beside the old one.",
        "We watch the score distribution and the share of payments sent to review every day, "
        "and retrain weekly when they drift.",
        "Rather than a deep network, I'd take the trees: we give up a little on interactions "
        "but keep the latency and the explanations.",
    ]
)

WIDE_SPOKEN = "\n".join(
    [
        "so um there's something like two thousand payments a second and we need an answer "
        "in under fifty milliseconds for each one",
        "labels come from chargebacks plus what the fraud team confirms, but they show up "
        "weeks later, up to two months",
        "uh the features, we'd compute rolling counts per card in a stream, like spend in the "
        "last hour, new merchants, new devices, and keep them in redis",
        "for the model i'd go with lightgbm because it's quick on tabular data and the "
        "analysts can see which features drove a score",
        "we'd serve it right in the payment path, and a new model runs in shadow mode next "
        "to the old one first",
        "and we'd keep an eye on the score distribution and how many payments go to manual "
        "review, and retrain every week if that drifts",
        "i'd pick that over a neural network, you lose a bit on interactions but you keep "
        "the latency and the explanations",
    ]
)

WIDE_PLAN = "\n".join(
    [
        "Volume is around two thousand card payments per second, with a fifty millisecond "
        "budget for the whole check.",
        "For training data I'd join each payment to its chargeback or to the analysts' "
        "verdict, accepting that those come in up to sixty days late.",
        "Features are computed in a stream per card: spend over the last hour, distance from "
        "the usual country, and how many merchants are new to the card.",
        "The model is XGBoost, since it trains in minutes on tabular features and its "
        "feature contributions explain each decision to the analysts.",
        "Serving is a small service the authorisation call waits on, with every new model "
        "shadowed against the live one for a week.",
        "Each day we compare the feature distributions and the review rate with the week "
        "before, and a drift triggers retraining.",
        "A deep model might catch more interactions, but it would cost the latency budget "
        "and the explanations, so trees win for now.",
    ]
)

UNFRAMED_DESIGNS = [WIDE_WRITTEN, WIDE_SPOKEN, WIDE_PLAN]
IDS = ["written", "spoken", "plan"]
SMALL_DESIGNS = [MODEL_FIRST, MODEL_FIRST_SPOKEN]

BUZZWORDS = "\n".join(
    [
        "First I'd frame the problem and think about the constraints.",
        "Then I'd define the success metrics and collect the data and labels.",
        "Next comes the feature pipeline, then choosing a model and deploying it.",
        "After that we monitor it, weigh the tradeoffs and the business impact.",
        "To sum up, that is the end to end design.",
    ]
)


def held_line(report) -> list[str]:
    return [f.message for f in report.feedback if f.message.startswith("The score is held")]


@pytest.mark.parametrize("text", SMALL_DESIGNS, ids=["written", "spoken"])
def test_model_first_answer_with_no_framing_or_metric_is_held_at_naming_everything(text, spec):
    st = structure(text, spec)
    depth = {s.id: s.depth for s in st.stages}
    assert depth["framing"] < 2 and depth["metrics"] < 2
    # the model, data and serving are described: on their own they earned 15-27
    assert depth["model"] >= 2 and depth["data"] >= 2 and depth["deployment"] >= 2
    assert st.score <= 10


@pytest.mark.parametrize("text", UNFRAMED_DESIGNS, ids=IDS)
def test_a_wide_design_with_no_framing_or_metric_keeps_some_of_what_it_earned(text, spec):
    st = structure(text, spec)
    depth = {s.id: s.depth for s in st.stages}
    assert depth["framing"] < 2 and depth["metrics"] < 2
    assert sum(d >= 2 for d in depth.values()) >= 5
    # its constraints, data, pipeline, model, serving and monitoring still count for
    # something: more than a model-first answer or a list of stage names (10) ...
    assert st.score >= 15
    # ... and well below the same design opened on the problem and a success metric
    framed = structure(FRAMED.replace(MODEL_FIRST, text), spec)
    assert framed.score - st.score >= 15


@pytest.mark.parametrize("text", UNFRAMED_DESIGNS, ids=IDS)
def test_more_design_scores_more_while_held(text, spec):
    """Three sentences of a design and all of it, both unframed: the whole one scores
    more (at a hard hold both sat at 10)."""
    first = "\n".join(text.split("\n")[:3])
    assert structure(text, spec).score > structure(first, spec).score


def test_a_buzzword_list_stays_held_at_naming_everything(spec):
    st = structure(BUZZWORDS, spec)
    assert all(s.depth <= 1 for s in st.stages if s.id in ("framing", "metrics"))
    assert st.score <= 10


@pytest.mark.parametrize("text", UNFRAMED_DESIGNS, ids=IDS)
def test_the_feedback_says_why_the_score_is_held(text, spec):
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    held = held_line(report)
    assert len(held) == 1 and "how success is measured" in held[0]
    # the score it is held at is the one the report gives, beside what the design earned
    assert held[0].startswith(f"The score is held at {report.structure.score} (its design ")
    earned = int(held[0].split("alone earned ", 1)[1].split(")", 1)[0])
    assert earned > report.structure.score


@pytest.mark.parametrize("text", [FRAMED, MEASURED], ids=["framed", "measured"])
def test_no_held_line_for_an_answer_that_frames_or_measures(text, spec):
    report = analyse_text(text, Settings(), structure=spec, question="fraud-detection")
    assert not held_line(report)


@pytest.mark.parametrize("text", [FRAMED, MEASURED], ids=["framed", "measured"])
def test_an_answer_that_frames_or_measures_is_not_held(text, spec):
    st = structure(text, spec)
    assert st.score > 25
