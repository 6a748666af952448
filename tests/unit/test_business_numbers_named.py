"""A sentence that names the numbers the business cares about is not quoted back before
"how does this design move the numbers the business or the users care about?": the stage
is told, and the interviewer goes on to what is still open. A sentence that only says a
design is good for the business still gets the question. Typed answers through a live
practice session, the real offline interviewer and the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session
from tests.support.sentences import sharing_embedder

DESIGN = (
    "Let me first check the goal: is the summary meant to help a shopper decide quickly, "
    "shown on the product page? I'll assume yes, for products with at least twenty "
    "reviews. {success} the quality metrics are faithfulness, meaning every claim in the "
    "summary is backed by reviews, and coverage of the main pros and cons. The data is the "
    "reviews themselves, with star ratings. I'd clean out spam and very short reviews, and "
    "group sentences by aspect, like battery, size, or delivery. The approach: first "
    "extract aspects and the sentiment per aspect with a small classifier, then have a "
    "language model write the summary only from the top sentences per aspect, with counts. "
    "I'd pick this extract-then-write design over letting a model read all reviews freely, "
    "because it is cheaper and it keeps the summary grounded, so it hallucinates less. "
    "Summaries are made offline in a batch job, refreshed when enough new reviews arrive, "
    "and cached, so the page does not wait on the model. To evaluate, I'd check "
    "faithfulness with an entailment model plus a human review of a sample, then an A/B "
    "test on conversion and returns. To notice it getting worse after launch, I'd chart "
    "the faithfulness failure rate daily and alert when it doubles."
)
GENERIC = "How does this design move the numbers the business or the users care about?"


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def first_move(ctx, success: str):
    move = (
        live_session(ctx, "review-summarisation", 4)
        .answer_text(DESIGN.format(success=success))
        .move
    )
    assert move is not None
    return move


@pytest.mark.parametrize(
    "success",
    [
        "Success for me is that shoppers who see the summary buy or return no more than "
        "others, so the business metric is conversion and return rate, and",
        "What the business cares about here is the return rate and conversion of shoppers "
        "who see the summary, and",
    ],
)
def test_business_numbers_named_are_not_asked_for_again(ctx, success):
    """rs-mon3: "Going back to “Success for me is that shoppers who see the summary buy or
    return no more than others, so…”: how does this design move the numbers the business
    or the users care about?" asked for what the quoted sentence named."""
    move = first_move(ctx, success)
    assert GENERIC.lower() not in move.question.lower(), move.question
    assert move.target != "impact", move.question


def test_a_design_only_said_to_be_good_for_the_business_is_still_asked(ctx):
    """No number named: what it moves is still the question."""
    move = first_move(
        ctx,
        "Success for me is that shoppers find the summaries useful, which is good for the "
        "business, and",
    )
    assert move.target == "impact", move.question
