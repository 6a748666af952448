"""A story's result said as a comparison with what came before ("caught twice as many
churners as the rule list", "three times fewer honest customers than the old rules") is
a measured result, with no "In the end" or "as a result" in front of it."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

STAR = load_rubric("behavioral-star")

SCENE = (
    "At my last job my manager wanted a new churn model live in two weeks for a board "
    "meeting. I was the only data scientist on it. After three days I saw that the customer "
    "data from the billing system had no cancellation dates for a third of the accounts, so "
    "any model would be wrong for those. I estimated that fixing the data would take at least "
    "three more weeks. I went to my manager the same day, showed him ten example accounts "
    "with the missing dates, and proposed two options: a simple rule-based risk list for the "
    "board meeting, clearly labelled as rough, and the real model three weeks later. He was "
    "not happy but he took the first option. "
)
LESSON = " What I learned: bring the problem early, with options, not only the bad news."
FRAUD = (
    "Two years ago I was on the fraud team at a small bank, and our rules flagged so many "
    "honest payments that support was drowning. My job was to replace the rules before the "
    "holiday rush, about six weeks out. I pulled a year of payments, I trained a gradient "
    "boosted model on the confirmed fraud cases, and I sat with two support agents every "
    "Friday to read the cases it flagged. {result}Since then I always sit with the people who "
    "read the alerts before I tune anything."
)
TICKETS = (
    "Last year our support team asked me to sort incoming tickets automatically. I was the "
    "one responsible for it, with a deadline at the end of the quarter. I labelled five "
    "hundred tickets with the team lead, I trained a small text classifier, and I set up a "
    "weekly review of the mistakes. {result}What I learned is to label with the people who "
    "do the work."
)


@pytest.fixture(scope="module")
def star() -> StructureSpec:
    return ml_spec(STAR).as_whole()


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            SCENE + "The board got the rough list, and the real model launched four weeks "
            "later and caught twice as many churners as the rule list." + LESSON,
            "The board got the rough list",
        ),
        (
            FRAUD.format(
                result="The new model went live in November and blocked three times fewer "
                "honest customers than the old rules. "
            ),
            "The new model went live",
        ),
        (
            TICKETS.format(
                result="The team now answers tickets about thirty percent faster than with "
                "the manual queue. "
            ),
            "The team now answers",
        ),
    ],
)
def test_an_outcome_compared_with_what_came_before_is_the_result(star, text, quote):
    """The churn story scored 38 with "No result in the answer", though it ends on the
    real model catching twice as many churners as the rule list; said after "In the end,
    … as a result …" the same sentence was a described result (55)."""
    report, stages = explained(text, star, "behavioural-failure")
    result = stages["result"]
    assert result.depth_label == "justified", result
    assert result.depth_evidence.quote.startswith(quote)
    assert not any("No result" in f.message for f in report.feedback)


@pytest.mark.parametrize(
    "text",
    [
        # the comparison belongs to the scene, before anything was done
        FRAUD.replace(
            "our rules flagged so many honest payments that support was drowning",
            "our rules flagged twice as many honest payments as real fraud, so support was "
            "drowning",
        ).format(result=""),
        # the story stops after the actions
        TICKETS.format(result=""),
    ],
)
def test_a_story_with_no_outcome_still_has_no_result(star, text):
    _, stages = explained(text, star, "behavioural-failure")
    assert stages["result"].depth_label == "absent"
