"""A question that sets two aims side by side is about the goal, and one that sets two
readings side by side with no fact on it is the candidate's to take: neither is told "I
don't have a figure for that". Typed answers through a live practice session, the real
offline interviewer and the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session

STORY = (
    "Two years ago I built a demand forecast for our warehouses. I was responsible for the "
    "model and its weekly retraining. Offline it was much better than the old moving "
    "average, so we switched all forty warehouses to it in one go. Three weeks later the "
    "planners noticed that the orders for winter goods were far too low, because a holiday "
    "in the training data had shifted by a week. I rolled the affected categories back the "
    "same day and added a holiday calendar as a feature. Stock-outs went back to normal "
    "within a month. What I learned: switch over in stages."
)


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


def move_after(ctx, question: str, *said: str) -> str:
    session = live_session(ctx, question, 4)
    move = None
    for text in said:
        move = session.answer_text(text).move
    assert move is not None
    return move.question


@pytest.mark.parametrize(
    "asked",
    [
        "Are we optimising for engagement or for revenue, and roughly how many queries a "
        "second do we get?",
        "Do we care more about clicks or purchases, and about how many searches a second?",
        "What do we optimise for, and approximately how many queries a second is that?",
    ],
)
def test_a_choice_of_aims_gets_the_goal_and_the_figure_asked_beside_it(ctx, asked):
    """ "…engagement or revenue, and roughly how many queries a second?" was told "I don't
    have a figure for that": the word before "how many" hid the second question, and the
    goal fact, which has no figure, was held back from a question asking one."""
    text = move_after(ctx, "search-ranking", asked)
    assert "cares about purchases per search" in text, text
    assert "30,000 searches a second" in text, text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    "asked",
    [
        "When you say paying customers, do you mean the shoppers in our stores or the "
        "retailers who buy our forecasts? And is it the same holiday bug?",
        "Did it hit every warehouse or only the northern ones?",
        "Do you mean the first rollout or the second one?",
    ],
)
def test_two_readings_of_a_story_are_the_candidates_to_take(ctx, asked):
    """ "Do you mean the shoppers or the retailers?" after a story was told "I don't have a
    figure for that": no figure was asked, a reading was."""
    text = move_after(ctx, "behavioural-failure", STORY, asked)
    assert "either reading works" in text.lower(), text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    "asked",
    [
        "How many warehouses were there in the second year?",
        "Is it more than a million orders a week or less?",
    ],
)
def test_a_question_for_a_figure_is_still_told_there_is_none(ctx, asked):
    """A question that asks for a figure no fact gives is still told so."""
    text = move_after(ctx, "behavioural-failure", STORY, asked)
    assert "figure" in text and "reading" not in text, text


def test_a_choice_between_aims_named_as_the_aim_gets_the_goal(ctx):
    """ "Is the aim engagement or time well spent?" asks what the business is after, not
    which reading the candidate takes."""
    text = move_after(
        ctx,
        "feed-ranking",
        "Is the aim engagement or time well spent, and about how many users are there?",
    )
    assert "Leadership cares about meaningful interactions" in text, text
    assert "300 million daily active users" in text, text
    assert "reading" not in text and "figure" not in text, text
