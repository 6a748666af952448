"""A stage is credited from sentences that say it, not from another stage's sentences: a
reason for a data choice is no tradeoff, accuracy alone is no success metric, and an
opening that announces the framing hands the stage to the restatement after it."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

# a strong dynamic-pricing answer, written for these tests; its tradeoff sentence is
# replaced below
PRICING = """Okay, so the problem is setting the price multiplier for each ride request in a city so that riders get a car quickly and drivers stay busy. The constraint is that a price must come back in under 100 milliseconds, and prices cannot jump around in ways that feel unfair to riders.
For data, we log every request with the quoted multiplier, whether the rider accepted, the wait time, and how many drivers were nearby. To learn elasticity honestly we need variation in prices, so a small share of requests, about 2 percent, get a randomly jittered multiplier.
For the model, I'd fit a gradient boosted model that predicts the probability of acceptance at a given multiplier, with features for zone, time of day, weather and supply. Then an optimiser picks the multiplier that balances acceptance and driver supply in each zone.
For deployment, we serve it in the pricing service with a cache per zone refreshed every minute. We roll it out with switchback tests by city and time window, because drivers and riders share one market, and a user-level A/B test would leak between groups.
For monitoring, we watch the acceptance rate and the wait times per zone every hour, and alert if the average multiplier drifts above its usual range.
TRADEOFF
To sum up, a boosted acceptance model, an optimiser per zone, switchback tests and a cap on surges.
"""  # noqa: E501
TRADEOFF = (
    "The main tradeoff is revenue against rider trust: I'd cap the multiplier at two times in "
    "most zones, since a short-term gain is not worth losing riders for good."
)

# a fraud answer, written for these tests, that opens by announcing its framing
FRAUD = """OPENING
We are a payments processor with thousands of merchants, and for every online card payment we decide to approve it, block it, or send it to a person for review.
The decision has to come back in under 100 milliseconds, and fraud is rare, well under one percent of payments.
For data, we have two years of payments with chargebacks as labels, which arrive up to 60 days late.
For the model, I'd use gradient boosted trees on features like the card's spend in the last hour, the merchant's fraud rate and the distance from the usual location, because trees are fast and handle missing values.
We serve it in the payment path with features read from an online store, and we start in shadow mode for two weeks.
We watch the score distribution and the decline rate daily, and retrain every month because fraud patterns change.
The tradeoff is catching fraud against declining good customers, and I'd lean toward fewer declines with a review band in the middle, since a declined customer often never comes back.
"""  # noqa: E501

WEAK_FRAUD = """I would use a neural network for this.
We take all the transactions and put them into the model.
METRIC
Then if the probability is above 0.5 we block the payment and otherwise we approve it.
We could also try XGBoost and see which one is better.
"""


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def structure(text: str, spec, question: str):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    return report.structure, [f.message for f in report.feedback]


@pytest.mark.parametrize(
    "empty",
    [
        "There are some tradeoffs to think about here.",
        "Of course every design has its tradeoffs.",
        "Tradeoffs matter a lot in pricing.",
    ],
)
def test_a_reason_for_a_data_choice_is_no_tradeoff(spec, empty):
    # the tradeoff said in an empty sentence: "…so a small share of requests, about 2
    # percent, get a randomly jittered multiplier" justified the stage, while the feedback
    # asked which side the answer took
    out, feedback = structure(PRICING.replace("TRADEOFF", empty), spec, "dynamic-pricing")
    stage = out.stage("tradeoffs")
    assert stage.depth <= 1
    assert "jittered" not in (stage.depth_evidence.quote if stage.depth_evidence else "")
    assert not any("You set out a tradeoff" in m for m in feedback)


@pytest.mark.parametrize(
    "weighed",
    [
        TRADEOFF,
        # weighed without the word: a cost said of the choice
        "A higher cap would earn more on a rainy Friday, but riders remember a five times "
        "surge and stop opening the app, so I'd cap it at two times.",
        "I'd rather lose some revenue at peaks than have riders feel gouged, so the cap "
        "stays at two times.",
        # a cost set against what it buys, in plain words
        "Repricing every second would be way more work for not much gain, since demand "
        "moves over minutes, so a one-minute cache with a cap at two times is enough.",
    ],
)
def test_a_tradeoff_that_weighs_keeps_its_depth(spec, weighed):
    out, _ = structure(PRICING.replace("TRADEOFF", weighed), spec, "dynamic-pricing")
    stage = out.stage("tradeoffs")
    assert stage.depth >= 2
    assert "jittered" not in stage.depth_evidence.quote


@pytest.mark.parametrize(
    "said",
    [
        "The model would get really good accuracy, probably above 99 percent.",
        "We'd aim for 98 percent accuracy on the test set.",
        "Success means the model is very accurate, I'd say accuracy around 95 percent.",
    ],
)
def test_accuracy_alone_is_no_success_metric(spec, said):
    out, feedback = structure(WEAK_FRAUD.replace("METRIC", said), spec, "fraud-detection")
    assert out.stage("metrics").depth <= 1
    assert any("only measure mentioned was accuracy" in m for m in feedback)


@pytest.mark.parametrize(
    "said",
    [
        "We'd track precision and recall on the fraud class, and accuracy overall.",
        "I'd measure recall at a 1 percent false decline rate rather than plain accuracy.",
    ],
)
def test_accuracy_beside_a_real_metric_still_describes_metrics(spec, said):
    out, feedback = structure(WEAK_FRAUD.replace("METRIC", said), spec, "fraud-detection")
    assert out.stage("metrics").depth >= 2
    assert not any("only measure mentioned was accuracy" in m for m in feedback)


@pytest.mark.parametrize(
    "opening",
    [
        "Okay, so before I jump in, let me restate the problem.",
        "Let me clarify the goal first.",
        "First, let me make sure I understand the problem.",
    ],
)
def test_an_announced_framing_hands_the_stage_to_the_restatement(spec, opening):
    out, feedback = structure(FRAUD.replace("OPENING", opening), spec, "fraud-detection")
    stage = out.stage("framing")
    assert stage.depth >= 2
    assert stage.depth_evidence.quote.startswith("We are a payments processor")
    assert not any("You named problem framing" in m for m in feedback)
    assert not any(o.kind == "no_opening" for o in out.order_findings)


def test_a_restatement_that_only_says_the_question_back_stays_an_echo(spec):
    text = FRAUD.replace(
        "OPENING\nWe are a payments processor with thousands of merchants, and for every online "
        "card payment we decide to approve it, block it, or send it to a person for review.",
        "Let me restate the problem. For each online card payment, decide whether to approve "
        "it, block it or send it for a closer look.",
    )
    out, _ = structure(text, spec, "fraud-detection")
    assert out.stage("framing").depth <= 1


@pytest.mark.parametrize(
    "considered",
    [
        "We considered a transformer over the profile text, but it needs far more "
        "applications to learn from than we have.",
        "I looked at a transformer too, but the two tower model is enough for launch.",
    ],
)
def test_an_option_considered_and_set_aside_is_no_entry_in_a_list(spec, considered):
    text = (
        "I'd use a two tower model, one tower for the seeker and one for the job, because "
        "job vectors can be computed ahead of time. Candidates come from a k nearest "
        f"neighbors index over the job vectors. {considered}"
    )
    out, feedback = structure(text, spec, "job-matching")
    assert "transformer" not in out.models.named
    assert not any("model families were named" in m for m in feedback)


def test_an_option_considered_and_kept_is_still_named(spec):
    text = (
        "I considered gradient boosted trees for the ranker, and I'd keep them, since the "
        "features are few and tabular."
    )
    out, _ = structure(text, spec, "job-matching")
    assert out.models.named


@pytest.mark.parametrize(
    "weighed",
    [
        "Keeping the surge low on rainy Fridays leaves some money on the table, and I am fine "
        "with that: riders who feel gouged stop opening the app.",
        "A two times cap means some rides at peak go unserved, and I accept that, since riders "
        "who feel gouged leave for good.",
        "Higher surges would clear the queue faster at peak; I'd still cap at two times, "
        "because riders who feel gouged leave for good.",
    ],
)
def test_a_tradeoff_weighed_in_words_the_check_does_not_know_keeps_its_depth(spec, weighed):
    """Demoted to named wherever no sentence weighs in the words the check knows, a
    held-out strong answer's tradeoff fell from justified to named (84 → 74): a tradeoff
    with no such sentence keeps its depth (its quote may still be another stage's
    sentence: open)."""
    out, _ = structure(PRICING.replace("TRADEOFF", weighed), spec, "dynamic-pricing")
    assert out.stage("tradeoffs").depth >= 2
