"""A clearly bad order costs a sensible amount; a small reshuffle costs little.

A tester's strong answer shuffled to open on its model and frame the problem at the end
scored only 2 below the ordered one. The answer is the plain churn answer of
``test_plain_models``, its sentences reordered.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.analysis import (
    MAX_ORDER_PENALTY,
    analyse_structure,
    depth_points,
    disorder,
    order_penalty,
)
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec
from tests.unit.test_plain_models import (
    CONSTRAINTS,
    DATA,
    FRAMING,
    IMPACT,
    METRICS,
    MODEL,
    ORDERED,
    PIPELINE,
    RECAP,
    SERVING,
    TRADEOFF,
    WATCH,
    WHY,
    _read,
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize(
    "shuffled",
    [
        # the framing read only as late constraints: a trace of framing early ("so they start
        # the day with it") kept "came only later" away, and the order cost 5
        [PIPELINE, SERVING, MODEL, WHY, WATCH, TRADEOFF, IMPACT, DATA, METRICS, CONSTRAINTS],
        [MODEL, WHY, PIPELINE, SERVING, TRADEOFF, WATCH, DATA, METRICS, CONSTRAINTS, IMPACT],
    ],
)
def test_solving_first_and_framing_at_the_end_costs_points(spec, shuffled):
    ordered = _read(spec, ORDERED).structure.score
    assert 8 <= ordered - _read(spec, [*shuffled, FRAMING, RECAP]).structure.score <= 20


def test_success_metrics_said_after_the_data_costs_little(spec):
    ordered = _read(spec, ORDERED).structure.score
    swapped = [FRAMING, CONSTRAINTS, DATA, METRICS, *ORDERED[4:]]
    assert ordered - _read(spec, swapped).structure.score <= 3


def _rows_read(rubric_id: str, said: list[str], rows: list[dict[str, float]]):
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    return analyse_structure(load_rubric(rubric_id), segments, rows)


def test_a_story_that_opens_on_how_it_ended_is_not_out_of_order():
    # the labelled strong stories lost up to 4 points where nothing was out of place
    said = [
        "We shipped the new fraud model a week late, with no spike in blocked good payments.",
        "Two years ago I was the only data person on a payments team of six people.",
        "It was my job to say whether the model was safe to launch before the holidays.",
        "I proposed a one week shadow launch and showed him last quarter's false positives.",
    ]
    rows = [{"result": 3.0}, {"situation": 3.0}, {"task": 3.0}, {"action": 3.0}]
    assert disorder(_rows_read("behavioral-star", said, rows)) == 0.0


def test_a_design_answer_that_opens_on_its_model_is_out_of_order():
    said = [
        "I would use gradient boosted trees on ninety days of usage, because they handle "
        "the mixed features well.",
        "The goal is to find the customers likely to cancel in the next thirty days.",
    ]
    rows = [{"model": 3.0}, {"framing": 3.0}]
    assert disorder(_rows_read("ml-system-design", said, rows)) > 0.0


# Short medium answers: a real skeleton (model, labels, features, serving, a metric) with
# little justification, the model said first and the success metric late; and weak ones
# that jump to a model and spend the answer on it. Order findings took 15 points from the
# medium answers whatever they earned, and the weak ones had no metric said late to lose
# for: a weak answer scored at or above a medium one.
SHORT_MEDIUM = {
    "job-matching": (
        "I would first retrieve jobs for each seeker with embeddings of the profile and the "
        "job description, about five hundred candidates, then rank them with a model trained "
        "on applications. The label is that the seeker applied, or better, that the employer "
        "replied. Features include title match, distance to the job, salary range and "
        "seniority. Recommendations are computed nightly and shown on the home page and in "
        "the weekly email. We measure applications per seeker and the employer reply rate, in "
        "an A/B test. Later we would also make sure one popular job does not get shown to "
        "everybody, because employers get flooded."
    ),
    "spam-filter": (
        "For the spam filter I would start with a logistic regression on word and character "
        "n-grams, plus sender features like domain age and how many people marked the sender "
        "as spam before. Labels come from users clicking report spam and not spam. Every "
        "incoming email is scored when it arrives, and above a threshold it goes to the spam "
        "folder. We would retrain it every week on the new reports. The thing we care about "
        "most is false positives, a real email in spam is worse than spam in the inbox, so we "
        "measure precision at a high threshold and recall. Spammers change their tricks, so "
        "we watch the report rate per day."
    ),
    "visual-search": (
        "I would use a pretrained image model, fine tuned on our catalogue photos with "
        "product categories, to turn every product image into an embedding. All catalogue "
        "embeddings go into an approximate nearest neighbour index, rebuilt every night. When "
        "a shopper uploads a photo we embed it on a GPU server and return the fifty nearest "
        "products, in well under a second. We check recall at ten on a set of shopper photos "
        "matched to products by hand. Shoppers want to find the exact item they saw, so we "
        "also track how often a photo search ends in a purchase."
    ),
}
A_QUARTER = 0.25
"""The most of what its stages earned an answer loses to its order."""
WEAK = {
    "job-matching": (
        "The job matching problem is really a semantic similarity problem, so I would use a "
        "large language model to embed the resumes and the job posts. The embedding model "
        "turns text into a vector that captures the meaning, so a data scientist resume is "
        "close to a machine learning engineer job even without the same words. Then we do "
        "cosine similarity between them and return the top ten. We can use OpenAI embeddings "
        "or a sentence transformer, the sentence transformer is free. LLMs are very good at "
        "this kind of thing now. We could also ask the LLM to explain why the job matches, "
        "that would be a nice feature."
    ),
    "spam-filter": (
        "I would use BERT for this. BERT is a language model that reads the whole email and "
        "understands the meaning of the words in context, so it is much better than old "
        "keyword filters. We fine tune BERT on spam and not spam emails, it has a hundred and "
        "ten million parameters so it can learn a lot. The problem is basically to understand "
        "the text, and BERT understands text very well. We could also use a bigger model like "
        "RoBERTa or even GPT if we have the budget. Then it just classifies each email."
    ),
    "visual-search": (
        "The key framing is that visual search is a contrastive learning problem, so I would "
        "train a CLIP model. CLIP has an image encoder and a text encoder and learns to put "
        "matching images and texts close together in the same space. It was trained on four "
        "hundred million pairs from the internet, which is why it generalizes so well. We "
        "would use the ViT-L/14 version because it is the most accurate one. Then any photo "
        "becomes a vector and we find similar vectors. We can also search by text for free "
        "with the same model, which is a really nice bonus."
    ),
}


def _scored(spec, text: str, question: str):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report.structure


@pytest.mark.parametrize("question", sorted(SHORT_MEDIUM))
def test_a_short_medium_answer_loses_at_most_a_quarter_of_what_it_earned_to_order(spec, question):
    out = _scored(spec, SHORT_MEDIUM[question], question)
    base = depth_points(spec.rubric, {s.id: s.depth for s in out.stages})
    assert out.order_findings, "the model comes first and the metric late: order findings"
    assert 25 <= base < 60, base
    assert out.score >= round(base * (1 - A_QUARTER)), (out.score, base)


@pytest.mark.parametrize("question", sorted(SHORT_MEDIUM))
def test_a_short_medium_answer_outscores_a_weak_one_that_jumps_to_a_model(spec, question):
    # every medium answer above every weak one, as the labelled sets ask
    weak = max(_scored(spec, text, q).score for q, text in WEAK.items())
    assert _scored(spec, SHORT_MEDIUM[question], question).score > weak


def test_a_strong_answer_still_loses_the_whole_order_cost():
    # what a long answer earns is far over what its order costs: that cost is unchanged
    assert order_penalty(3, 0.0, earned=90.0) == MAX_ORDER_PENALTY
    assert order_penalty(1, 1.0, earned=70.0) == MAX_ORDER_PENALTY
    assert order_penalty(3) == MAX_ORDER_PENALTY
    # a short answer loses a share of what it earned, and nothing when it earned nothing
    assert order_penalty(3, 0.0, earned=20.0) == 20.0 * A_QUARTER
    assert order_penalty(2, 0.0, earned=0.0) == 0.0
