"""A model told in everyday words is the model stage.

A tester's strong churn answer told plainly ("we use past cases to learn which customers
leave: many small yes-or-no questions about their usage, each one fixing what the ones
before got wrong, added up into one number") got no model stage, and the single word
"model" lifted it 70 → 80. The answer below was written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.scorers import SCHEDULED
from assistant.settings import Settings
from tests.support.interviews import ml_spec


@pytest.fixture(scope="module")
def spec():
    # read as `thinkaloud score` reads a whole answer, with the depth head
    return ml_spec().as_whole()


FRAMING = (
    "The goal is to find, each month, the customers who are likely to stop paying for their "
    "subscription in the next thirty days, so the support team can call them before they go."
)
CONSTRAINTS = (
    "Calls cost money, so the team can only call about two hundred people a week, which "
    "means we care most about the top of the list."
)
METRICS = (
    "To judge it, we look at the top two hundred names each week and ask how many of them "
    "really would have left; we also compare against a simple first guess, the people whose "
    "usage dropped the most last month."
)
DATA = (
    "For the examples, we take every customer from the last two years and mark whether they "
    "cancelled within thirty days of a given day, using the billing records."
)
MODEL = (
    "We use past cases to learn which customers leave: many small yes-or-no questions about "
    "their usage, each one fixing what the ones before got wrong, added up into one number."
)
WHY = (
    "We picked this over a single straight-line formula because usage patterns mix in odd "
    "ways, for example heavy users who suddenly stop."
)
PIPELINE = (
    "Every night we go through the usage records and count logins, support calls and late "
    "payments for each customer over the last week and month."
)
SERVING = (
    "The list is written every morning into the table the support team's screen reads, so "
    "they start the day with it."
)
WATCH = (
    "Each week we check how many of the people we called stayed, and if the share we got "
    "right falls under last month's level we look at what changed."
)
TRADEOFF = (
    "Calling more people catches more leavers but costs more staff time, so we start with two "
    "hundred and move the line once we see the results."
)
IMPACT = "Keeping even a few dozen more customers each month pays for the calls many times over."
RECAP = (
    "So in short: a nightly count, a learned score from past cases, a morning list, and a "
    "weekly check."
)
ORDERED = [FRAMING, CONSTRAINTS, METRICS, DATA, MODEL, WHY, PIPELINE, SERVING, WATCH]
ORDERED += [TRADEOFF, IMPACT, RECAP]


def _read(spec, sentences):
    said = " ".join(sentences)
    return analyse_text(said, Settings(), structure=spec, question="churn-prediction")


def _with_model(said: str) -> list[str]:
    return [said if s == MODEL else s for s in ORDERED]


@pytest.mark.parametrize(
    "said",
    [
        MODEL,
        "The computer learns from the last two years of accounts with lots of little if-then "
        "rules stacked on top of each other, each one correcting the mistakes of the ones before.",
        "Then a score learned from the three years of customers: small questions one after "
        "another, is usage dropping, did they call support, did a payment fail, and each one "
        "fixes the last one's mistakes.",
        "We have it learn from old cancellations which signs come before a customer leaves, and "
        "it gives each sign a weight and adds them into one chance.",
    ],
)
def test_a_model_learned_from_past_cases_said_plainly_is_the_model(spec, said):
    model = _read(spec, _with_model(said)).structure.stage("model")
    assert model.depth >= 2


def test_a_plain_model_scores_about_as_the_field_s_words(spec):
    plain = _read(spec, ORDERED).structure.score
    jargon = _read(
        spec,
        _with_model(
            "For the model, we train a gradient-boosted tree classifier, XGBoost, on the "
            "labelled history to predict churn probability from usage features."
        ),
    ).structure.score
    assert plain >= jargon - 3


@pytest.mark.parametrize(
    "said",
    [
        "We use AI to learn which customers leave, it is very smart.",
        "The system learns from the data who is going to churn.",
    ],
)
def test_learning_said_with_nothing_learned_from_is_no_model(spec, said):
    model = _read(spec, _with_model(said)).structure.stage("model")
    assert model.depth <= 1


def test_a_weak_answer_that_only_says_it_learns_stays_weak(spec):
    weak = (
        "So for churn I would just use AI to learn it. We use past data to learn which "
        "customers leave, the computer is very smart at this. Honestly the big companies like "
        "Netflix do this too, so it works. Then we can see who is leaving and maybe send them "
        "something nice. I think the model will be quite accurate if we give it enough data. "
        "That's basically it."
    )
    read = analyse_text(weak, Settings(), structure=spec, question="churn-prediction").structure
    assert read.stage("model").depth <= 1
    assert read.score <= 15


@pytest.mark.parametrize(
    ("said", "scheduled"),
    [
        # a plain playlist answer, written and heard ("plays" heard as "place")
        (
            "Every Saturday night we go through the week's plays and count, for each listener, "
            "how much they played of each kind of music.",
            True,
        ),
        (
            "Every Saturday night we go through the week's place and count for each listener "
            "how much they play the beach kind of music.",
            True,
        ),
        ("Each Monday morning we add up the orders of the week for every shop.", True),
        ("Every weekend the job counts the plays per listener.", True),
        ("Every Monday we compare how many keep coming back.", False),
        ("Every Friday we retrain the model.", False),
    ],
)
def test_inputs_worked_out_on_a_named_day_are_the_pipeline(said, scheduled):
    assert bool(SCHEDULED.search(said.lower())) is scheduled
