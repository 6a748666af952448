"""A story whose teller set out the options for a choice ("proposed two options: …") has
given the why of its actions: the options weighed."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

STAR = load_rubric("behavioral-star")

STORY = (
    "At my last job my manager wanted a new churn model live in two weeks for a board "
    "meeting. I was the only data scientist on it. After three days I saw that the customer "
    "data from the billing system had no cancellation dates for a third of the accounts, so "
    "any model would be wrong for those. I estimated that fixing the data would take at least "
    "three more weeks. {step} He was not happy but he took the first option. The board got "
    "the rough list, and the real model launched four weeks later and caught twice as many "
    "churners as the rule list. What I learned: bring the problem early, with options, not "
    "only the bad news."
)


@pytest.fixture(scope="module")
def star() -> StructureSpec:
    return ml_spec(STAR).as_whole()


@pytest.mark.parametrize(
    "step",
    [
        "I went to my manager the same day, showed him ten example accounts with the missing "
        "dates, and proposed two options: a simple rule-based risk list for the board meeting, "
        "clearly labelled as rough, and the real model three weeks later.",
        "I went to my manager the same day and gave him two options: a rough rule-based list "
        "for the board meeting, or the real model three weeks later.",
        "I told my manager the same day that we could either show the board a rough rule-based "
        "list or wait three more weeks for the real model.",
    ],
)
def test_options_the_teller_set_out_are_the_why_of_the_actions(star, step):
    """The churn story was told "You described action but not why: the options you
    weighed", though the teller proposed two options and said what each gave."""
    report, stages = explained(STORY.format(step=step), star, "behavioural-failure")
    assert stages["action"].depth_label == "justified", stages["action"]
    assert not any("action but not why" in f.message for f in report.feedback)


def test_a_step_with_no_options_is_still_only_described(star):
    step = "I went to my manager the same day and showed him ten example accounts."
    _, stages = explained(STORY.format(step=step), star, "behavioural-failure")
    assert stages["action"].depth_label != "justified", stages["action"]
