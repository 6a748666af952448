"""A question to the interviewer in two parts, each asking a figure: each part gets its
own fact, even when the second is drawn to the first part's fact as much as to its own
(both facts answer "how many"). Typed through a live practice session with the real
offline interviewer and the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session

CATALOGUE = "About 50 million products"
TRAFFIC = "About 500 photo searches a second at peak"


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


@pytest.mark.parametrize(
    "asked",
    [
        "Before I go on, how many products are in the catalogue, and how many photo "
        "searches do we get per second at peak?",
        "How many products do we have, and how many photo searches come in at the peak?",
        "Could you tell me how many products there are and how many photo searches we "
        "get per second?",
    ],
)
def test_each_part_of_a_two_part_question_gets_its_own_fact(ctx, asked):
    """ "…how many products are in the catalogue, and how many photo searches do we get
    per second at peak?" was told the catalogue only: its second part, drawn to both
    facts by "how many", went to the catalogue again and was dropped as answered."""
    text = live_session(ctx, "visual-search", 3).answer_text(asked).move.question
    assert CATALOGUE in text and TRAFFIC in text, text


def test_a_fact_asked_for_once_is_told_once(ctx):
    """A question that asks one fact is told that fact alone."""
    asked = "How many products are in the catalogue?"
    text = live_session(ctx, "visual-search", 3).answer_text(asked).move.question
    assert CATALOGUE in text and TRAFFIC not in text, text
