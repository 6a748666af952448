"""Every part of a question the candidate puts to the interviewer is answered: a list of
three things asked gets three facts, "do we care more about X or Y?" gets the goal, and
a choice of topic is the candidate's pick (not "a figure"). Typed answers through a live
practice session, the real offline interviewer and the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.session import PracticeSession
from speech.transcriber import CannedTranscriber


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


def start(ctx, question: str, max_moves: int = 3) -> PracticeSession:
    """A live session (no recorded answers): its moves are the candidate's to keep."""
    q = ctx.question(question)
    session = PracticeSession.start(
        q,
        structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=None,
        max_moves=max_moves,
    )
    session.opening()
    return session


def first_move(ctx, question: str, said: str) -> str:
    move = start(ctx, question).answer_text(said).move
    assert move is not None
    return move.question


@pytest.mark.parametrize(
    ("question", "asked", "facts"),
    [
        (
            "search-ranking",
            "Can you tell me what latency we need, how many products there are, and whether "
            "we care more about clicks or purchases?",
            ["250 ms", "120 million products", "purchases per search"],
        ),
        (
            "video-recommendation",
            "Could you tell me how many videos we have, what latency the list needs, and what "
            "we optimise for?",
            ["800 million videos", "200 ms", "satisfied watch time"],
        ),
        (
            "fraud-detection",
            "What is the latency budget, how many payments a second do we get, and how many "
            "analysts are there?",
            ["150 ms", "35 million payments", "40 analysts"],
        ),
    ],
    ids=["search", "video", "fraud"],
)
def test_each_thing_of_a_list_asked_gets_its_fact(ctx, question, asked, facts):
    """E7: "Can you tell me what latency we need, how many products there are, and whether
    we care more about clicks or purchases?" got the latency alone: a list of things
    asked, joined by commas and "whether", read as one question with one fact."""
    text = first_move(ctx, question, asked)
    assert all(f in text for f in facts), text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    ("question", "asked", "goal", "not_given"),
    [
        (
            "search-ranking",
            "Do we care more about clicks or purchases?",
            "purchases per search",
            "click, add-to-cart",
        ),
        (
            "video-recommendation",
            "What matters more here, watch time or clicks?",
            "satisfied watch time",
            "60,000",
        ),
        (
            "feed-ranking",
            "Do we care about likes more than comments?",
            "meaningful interactions",
            "We log impressions",
        ),
        (
            "feed-ranking",
            "Should we optimise for engagement or for something else?",
            "meaningful interactions",
            "We log impressions",
        ),
    ],
)
def test_what_the_business_cares_about_more_is_its_goal(ctx, question, asked, goal, not_given):
    """E7: "Do we care more about clicks or purchases?" got "We have click, add-to-cart and
    purchase logs…", the fact its word "clicks" names; what matters more, what we care
    about more or optimise for asks for the goal."""
    text = first_move(ctx, question, asked)
    assert goal in text and not_given not in text, text


@pytest.mark.parametrize(
    ("question", "asked", "fact"),
    [
        ("search-ranking", "Do we have click logs?", "We have click, add-to-cart"),
        (
            "feed-ranking",
            "What signals do we log, and how many users are there?",
            "We log impressions",
        ),
    ],
)
def test_a_question_on_the_data_still_gets_the_data(ctx, question, asked, fact):
    """Questions that ask for the logs, not for what matters, are answered as before."""
    text = first_move(ctx, question, asked)
    assert fact in text and "cares about" not in text, text


@pytest.mark.parametrize(
    ("question", "asked", "fact"),
    [
        (
            "general-teach-concept",
            "Before I start: which one would you like, overfitting or precision versus "
            "recall? And does the new analyst know any statistics?",
            "some statistics",
        ),
        (
            "general-teach-concept",
            "Which one do you prefer I teach? And is there a whiteboard?",
            "No whiteboard",
        ),
        ("general-teach-concept", "Should I explain data drift or overfitting?", None),
        ("fraud-detection", "Do you want me to start with the model or with the data?", None),
    ],
)
def test_a_choice_put_to_the_interviewer_is_the_candidates_pick(ctx, question, asked, fact):
    """E7: "which one would you like, overfitting or precision versus recall?" was told "I
    don't have a figure for the rest", then "Let me pull on one thread. Before you go on:
    what are the parts of your explanation, in order?" of an explanation not begun. A
    choice is the candidate's pick, and after only questions the floor goes back."""
    text = first_move(ctx, question, asked)
    assert "the pick is yours" in text and "figure" not in text, text
    assert fact is None or fact in text, text
    assert "pull on one thread" not in text and "Over to you" in text, text
