"""A weak answer that jumps to a model is not credited with a described problem framing
for a sentence whose point is the model (issue 14: weak answers scored at or over medium
ones). "The job matching problem is really a semantic similarity problem, so I would use
a large language model…" names the task as it picks the model, and "It assumes the words
are independent…" says how a model works: each named the framing at most, and the answer
is held as unframed. A sentence that picks a model and also says whom the product serves,
what they need or what it is for still describes the framing."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.analysis import states_problem
from assistant.settings import Settings
from tests.support.interviews import ml_spec


@pytest.fixture(scope="module")
def spec() -> StructureSpec:
    return ml_spec().as_whole()


def structure(text: str, question: str, spec: StructureSpec):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report.structure


def framing(structure) -> int:
    return next(s.depth for s in structure.stages if s.id == "framing")


JOB_LLM = (
    "The job matching problem is really a semantic similarity problem, so I would use a "
    "large language model to embed the resumes and the job posts.\n"
    "The embedding model turns text into a vector that captures the meaning, so a data "
    "scientist resume is close to a machine learning engineer job even without the same "
    "words.\n"
    "Then we do cosine similarity between them and return the top ten.\n"
    "We can use OpenAI embeddings or a sentence transformer, the sentence transformer is "
    "free.\n"
    "LLMs are very good at this kind of thing now."
)

CHURN_XGBOOST = (
    "Churn is really a binary classification problem, so I would go straight to XGBoost "
    "for it.\n"
    "XGBoost builds trees one after another, and each new tree fixes the errors of the "
    "trees before it, which is why it wins so many Kaggle competitions.\n"
    "It also handles missing values by itself, so we don't need much cleaning.\n"
    "I would tune the learning rate and the depth with a grid search.\n"
    "Maybe later a neural network could do even better."
)

PRICING_RL = (
    "Pricing is basically a reinforcement learning problem, so I would build an agent that "
    "learns the best price by trial and error.\n"
    "The agent gets a reward every time a ride is booked and it learns a policy that maps "
    "the state to a price.\n"
    "Deep Q networks are good for this because the neural network can approximate the "
    "value of each action.\n"
    "We could also try PPO, which is more stable.\n"
    "It would learn by itself over time."
)

SPAM_NAIVE_BAYES = (
    "For spam, the problem we need to solve for users is text classification, and I would "
    "solve it with naive Bayes.\n"
    "Naive Bayes counts how often each word appears in spam and in normal emails and "
    "multiplies the probabilities together.\n"
    "It assumes the words are independent, which is not true but it works anyway.\n"
    "It is super fast to train and it was the first spam filter people used back in the day.\n"
    "We could upgrade it to an LSTM later if it is not good enough."
)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (JOB_LLM, "job-matching"),
        (CHURN_XGBOOST, "churn-prediction"),
        (PRICING_RL, "dynamic-pricing"),
        (SPAM_NAIVE_BAYES, "spam-filter"),
    ],
    ids=["task-then-llm", "task-then-xgboost", "task-then-rl", "how-naive-bayes-works"],
)
def test_a_model_first_answer_only_names_the_framing_and_is_held(text, question, spec):
    found = structure(text, question, spec)
    assert framing(found) <= 1
    assert found.score <= 10  # held at naming every stage, as an unframed answer is


JOB_FRAMED = (
    "We want to rank jobs for each seeker so that they apply, which is a retrieval and "
    "ranking problem.\n"
    "Success is the share of seekers who apply to a job we showed within a week, and the "
    "employer reply rate, because an application nobody answers helps no one.\n"
    "We have about two million seekers and three hundred thousand open jobs, and a page "
    "has to load in under two hundred milliseconds.\n"
    "The labels are applications and employer replies from the last six months of logs.\n"
    "I'd retrieve five hundred candidates with a two-tower model over the profile and the "
    "job text, then rank them with gradient boosted trees on title match, distance and "
    "salary, because the trees are fast and easy to explain to recruiters.\n"
    "Rankings for active seekers are computed nightly, and new jobs are embedded as they "
    "are posted.\n"
    "We watch the apply rate every day and retrain weekly when it drifts."
)

MODEL_WITH_ITS_PROBLEM = [
    (
        "We want to find subscribers who are likely to cancel in the next thirty days, so "
        "the retention team can call the ones worth saving before they leave, so I'd train "
        "a gradient boosted tree for that.\n"
        "The label is whether the subscriber cancelled within thirty days of the scoring "
        "date.\n"
        "Features are watch hours in the last weeks, failed payments, support tickets and "
        "plan type.\n"
        "The model runs every night and writes a ranked list for the retention team.\n"
        "We measure precision in the top five hundred and, in an experiment, how many of "
        "the contacted people stay.",
        "churn-prediction",
    ),
    (
        "The goal is to keep riders' waiting time short while drivers earn enough to stay "
        "on the road, so for each area of the city, every minute, we decide a price "
        "multiplier, and I'd predict demand with a gradient boosted model.\n"
        "The inputs are ride requests and open apps in the last minutes, drivers nearby, "
        "time of day, weather and events.\n"
        "A simple rule turns the predicted gap between demand and supply into a "
        "multiplier, capped at two times.\n"
        "Prices are computed every minute and cached per area, so the app reads them "
        "within fifty milliseconds.\n"
        "We look at the share of requests that get a driver, the waiting time and the "
        "cancellations, and we test changes city by city.",
        "dynamic-pricing",
    ),
]


def test_a_strong_framing_that_names_its_task_keeps_its_depth(spec):
    found = structure(JOB_FRAMED, "job-matching", spec)
    assert framing(found) >= 2


@pytest.mark.parametrize(("text", "question"), MODEL_WITH_ITS_PROBLEM, ids=["churn", "pricing"])
def test_a_model_picked_for_a_problem_said_in_its_own_terms_still_frames(text, question, spec):
    found = structure(text, question, spec)
    assert framing(found) >= 2
    assert found.score > 25  # not held


@pytest.mark.parametrize(
    "text",
    [
        "We want to rank jobs for each seeker so that they apply, so I'd use a two-tower model.",
        "The app should send each user only what they will find useful, with a bandit.",
        "We need to flag risky payments before customers lose money, with XGBoost.",
        "Playlists should help listeners discover new music, so a transformer over history.",
        "The goal is that people find their friends quickly, so a graph neural network.",
        "So the problem is that the speaker listens all the time, and only when someone says "
        "the phrase does it wake the assistant.",
    ],
)
def test_the_problems_own_terms_are_read_beside_a_model(text):
    assert states_problem(text)


@pytest.mark.parametrize(
    "text",
    [
        "The job matching problem is really a semantic similarity problem, so I would use "
        "a large language model.",
        "For spam, the problem we need to solve for users is text classification.",
        "It assumes the words are independent, which is not true but it works anyway.",
        "I want to use BERT because it understands context.",
        "You could even ask it to give a reason so the agent sees why.",
    ],
)
def test_the_task_or_the_model_alone_is_not_the_problems_own_terms(text):
    assert not states_problem(text)
