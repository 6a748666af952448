"""A failure story that already says when the trouble was noticed and what was done first
is not asked "When did you first notice it was going wrong, and what was your first
move?": whoever noticed it, and however the first move is worded. A story that says
neither is still asked. Typed answers through a live practice session and the real
offline interviewer."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session
from tests.support.sentences import sharing_embedder

ASK = "when did you first notice it was going wrong"

TOLD = {
    "planners-noticed": (
        "Two years ago I built a demand forecast for our warehouses. I was responsible for "
        "the model and its weekly retraining. Offline it was much better than the old "
        "moving average, so we switched all forty warehouses to it in one go. Three weeks "
        "later the planners noticed that the orders for winter goods were far too low, "
        "because a holiday in the training data had shifted by a week and the model had "
        "learned the wrong peak. I rolled the affected categories back to the moving "
        "average the same day and added a holiday calendar as a feature. Stock-outs went "
        "back to normal within a month. What I learned: switch over in stages, and check "
        "the model against a calendar of events before each season."
    ),
    "complaints": (
        "Last year I owned the launch of a new search ranker for our help centre. We "
        "shipped it to everyone on a Monday. Within two days support was getting "
        "complaints that searches for refunds returned empty pages. That afternoon I "
        "switched the traffic to the old ranker and then went through the logs, and found "
        "that a tokenizer change dropped every query with a number in it. We fixed it and "
        "relaunched a week later. Since then I always ship to a small share first."
    ),
    "paged": (
        "I was responsible for a new fraud rule at a payments company. The on-call "
        "engineer was paged on a Friday night because it blocked every card from one "
        "bank. I turned the rule off within the hour, then called the bank's team in the "
        "morning to understand their card numbers. The fix took a week. What I took from "
        "it: a new rule gets a shadow run against a week of traffic before it blocks "
        "anything."
    ),
}
NOT_TOLD = (
    "I worked on a churn model that did not go as planned. It was worse in production "
    "than we expected, because the data we trained on was stale. In the end we rebuilt "
    "the pipeline with fresher data, and the model worked. I learned to test more."
)


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def moves(ctx, story: str, seed: int) -> list[str]:
    session = live_session(ctx, "behavioural-failure", 4, seed=seed)
    out = []
    for text in (story, "I'm not sure, I would need to think about that more."):
        move = session.answer_text(text).move
        if move is not None:
            out.append(move.question)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("story", sorted(TOLD))
def test_when_it_was_noticed_and_the_first_move_told_are_not_asked(ctx, story, seed):
    """fail-mine.txt, seeds 1 to 3: the story said "Three weeks later the planners
    noticed…" and "I rolled the affected categories back … the same day", and was asked
    when it was first noticed and what the first move was."""
    said = moves(ctx, TOLD[story], seed)
    assert not any(ASK in m.lower() for m in said), said


def test_a_story_that_says_neither_is_still_asked(ctx):
    said = moves(ctx, NOT_TOLD, 1)
    assert any(ASK in m.lower() for m in said), said
