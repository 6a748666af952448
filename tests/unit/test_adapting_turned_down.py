"""A change turned down in other words than "I disagree": the design said to stay as it is,
a part the change asks to cut left alone ("I would rather not touch it"), or more budget,
memory or people asked for in place of the cut. Through the real interview (the offline
planner, the bundled sentence model, the session's verdict, its cost and the push): each
reads as not adapted, argued against, and is pushed on; an answer that keeps one part and
changes the one the change is about still adapted."""

from __future__ import annotations

import pytest

from assistant.practice.session_report import adaptation_cost, adaptation_feedback
from assistant.report.format import adaptation_verdict
from tests.support import interviews
from tests.support.interviews import FORECAST, ml_spec


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


VISUAL = (
    "The user snaps a photo of a lamp and we want to show lamps like it that we sell, within a "
    "second or two, on a phone. I would measure success by how often a visual search ends in a "
    "click and an add to cart, and offline by recall at ten on a set of user photos matched to "
    "products. The model is an image embedding network, a ResNet or a small vision "
    "transformer, trained so that a user photo lands near the catalogue images of the same "
    "product; we first detect and crop the main object, because user photos are cluttered. "
    "Catalogue images are embedded in a batch job and put in an approximate nearest neighbour "
    "index, and at query time we embed the photo on the server and look up the top hundred, "
    "then rerank by price and stock."
)
VIDEO = (
    "For up next the goal is watch time people are happy with. Candidates come from videos "
    "similar to the one watched, about a thousand, precomputed each night. A deep ranker on "
    "GPUs scores them in about 30 milliseconds using the user's history, and we check watch "
    "time with an A/B test."
)
FRAUD = (
    "For each payment we approve, block or send to review. I'd measure recall at a fixed "
    "false decline rate. Labels are chargebacks joined back to the payments. Features: card "
    "velocity over the last hour and day, merchant risk and the amount. Gradient boosted "
    "trees score each payment in a few milliseconds. Payments above a threshold are blocked, "
    "and the uncertain band goes to a team of 40 analysts."
)
DESIGNS = {
    "visual-search": VISUAL,
    "video-recommendation": VIDEO,
    "fraud-detection": FRAUD,
    "demand-forecasting": FORECAST,
}


def after_change(spec, question_id: str, change_id: str, reply: str):
    """The design answer, the change, ``reply`` to it: the session's verdict on the change,
    and whether the interviewer's next move pushes on it."""
    verdict, nxt = interviews.after_change(
        spec, question_id, change_id, DESIGNS[question_id], reply
    )
    return verdict, nxt is not None and nxt.target == change_id


TURNED_DOWN = [
    (
        "visual-search",
        "index-cost",
        "I think the design can stay as it is. The index is the heart of the system and I "
        "would rather not touch it, so I would ask finance for more budget.",
    ),
    (
        "visual-search",
        "index-cost",
        "Honestly I'd leave the index alone, it is what makes the results good. I would ask "
        "for a bigger memory budget instead.",
    ),
    (
        "visual-search",
        "index-cost",
        "The design can stay as it is; I'd rather ask finance for more budget than lose recall.",
    ),
    (
        "visual-search",
        "index-cost",
        "I don't want to touch the index. We just buy more memory for it.",
    ),
    (
        "visual-search",
        "index-cost",
        "I'd rather not change anything here, the index is fine, I would request more budget "
        "from leadership.",
    ),
    (
        "video-recommendation",
        "gpu-budget-cut",
        "I would rather not touch the ranker, it is where the quality comes from, so I'd ask "
        "leadership to restore the budget.",
    ),
    (
        "video-recommendation",
        "gpu-budget-cut",
        "The design can stay as it is. I'd push for more GPUs, because a weaker ranker will "
        "cost watch time.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "I'd rather not touch the review process. I would ask for more analysts instead.",
    ),
    (
        "demand-forecasting",
        "compute-budget",
        "The nightly run can stay as it is, I would ask finance for more money.",
    ),
]


@pytest.mark.parametrize("question,change,reply", TURNED_DOWN)
def test_a_change_turned_down_in_other_words_is_not_adapting(spec, question, change, reply):
    """ "The design can stay as it is … I would rather not touch it, so I would ask finance
    for more budget" read "took it up: yes; changed the design: yes", at no cost, and the
    interviewer moved on: asking for more budget had passed for a plan."""
    verdict, pushed = after_change(spec, question, change, reply)
    took, design = adaptation_verdict(verdict)
    assert took == "yes" and design.startswith("no, argued against it"), (took, design)
    assert verdict.kept and not verdict.revised and not verdict.changed_otherwise
    assert adaptation_cost([verdict]) == 10 and pushed
    (item,) = adaptation_feedback([verdict])
    assert "(−10 on structure)" in item.message


def test_a_reason_for_turning_it_down_is_told_from_none(spec):
    """The index kept because it "is the heart of the system" is a refusal with a reason;
    the design said to stay and budget asked for is one without."""
    reasoned, _ = after_change(spec, "visual-search", "index-cost", TURNED_DOWN[0][2])
    bare, _ = after_change(
        spec,
        "visual-search",
        "index-cost",
        "I think the design can stay as it is, I would ask finance for more budget.",
    )
    assert (reasoned.argued, bare.argued) == ("reason", "no reason")


ADAPTED = [
    (
        "visual-search",
        "index-cost",
        "I'd keep the ranker as it is, but compress the embeddings with product quantization "
        "to 8 bytes each.",
    ),
    (
        "visual-search",
        "index-cost",
        "The reranker can stay as it is. The index changes: I'd store 8-bit product quantized "
        "codes instead of full floats, and rerank the top 200 with the full vectors on disk.",
    ),
    (
        "visual-search",
        "index-cost",
        "I would rather not touch the model, so instead I'd shrink the embeddings from 512 to "
        "128 dimensions and store them in 8 bits.",
    ),
    (
        "visual-search",
        "index-cost",
        "We could ask finance for more budget, but I'd rather compress: product quantization "
        "takes each vector to 64 bytes.",
    ),
    (
        "visual-search",
        "index-cost",
        "I'd rather not touch the embedding model. Instead I would cut the index memory by "
        "storing 8-bit codes and keeping the full vectors on disk for reranking.",
    ),
    (
        "video-recommendation",
        "traffic-10x",
        "I would ask for more budget to add ranker servers before big games, and fall back to "
        "the cached list if it still overloads.",
    ),
    (
        "video-recommendation",
        "gpu-budget-cut",
        "I would keep the candidate lists as they are, but distill the ranker into a smaller "
        "model that runs on CPUs.",
    ),
    (
        "fraud-detection",
        "review-team-halved",
        "I'd keep the model as it is, but only the top 3,000 riskiest payments a day go to the "
        "analysts, ranked by expected loss.",
    ),
]


@pytest.mark.parametrize("question,change,reply", ADAPTED)
def test_keeping_one_part_while_changing_another_still_adapts(spec, question, change, reply):
    verdict, pushed = after_change(spec, question, change, reply)
    assert adaptation_verdict(verdict) == ("yes", "yes")
    assert adaptation_cost([verdict]) == 0 and not pushed
