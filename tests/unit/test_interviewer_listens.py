"""The offline interviewer listens to what a candidate asks it: every part of a question
gets its answer, a question said without its question word or mark is still one, a fact
is not drawn by a loose word, and a move joined on after a colon reads as one sentence.
Typed answers, the real offline interviewer, the bundled sentence model."""

from __future__ import annotations

import re

import pytest

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.session import PracticeSession
from speech.transcriber import CannedTranscriber

DESIGN = "We score every payment with a gradient boosted model on amount and merchant features."


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


def first_move(ctx, question: str, answer: str, max_moves: int = 2) -> str:
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
    move = session.answer_text(answer).move
    assert move is not None
    return move.question


NO_FIGURE = "I don't have a figure for the rest"


@pytest.mark.parametrize(
    "asked",
    [
        "Before I answer: how long should the story be, and do you want the technical "
        "details or the people side?",
        "How long should my answer be, and do you want the technical side?",
    ],
)
def test_the_how_long_half_of_a_two_part_question_gets_a_word(ctx, asked):
    """Seen in the app: the story was handed back with only the people-side half
    answered ("Any real example… is fine" stood for how long the story should be); the
    "how long" half now gets its "no figure" line."""
    text = first_move(ctx, "behavioural-conflict", asked)
    assert "technical detail light" in text, text
    assert NO_FIGURE in text, text
    assert "Any real example" not in text, text


def test_each_part_of_a_design_question_gets_its_fact(ctx):
    """ "How long do we have to decide, and how many analysts are there?": the time
    budget was met with "I don't have a figure" beside the analysts."""
    text = first_move(
        ctx, "fraud-detection", "How long do we have to decide, and how many analysts are there?"
    )
    assert "150 ms at p99" in text and "40 analysts" in text, text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    "asked, fact",
    [
        ("Roughly how much traffic do we get?", "35 million payments a day"),
        ("Roughly how many payments do we get a day", "35 million payments a day"),
        ("Approximately how many payments are there per second.", "35 million payments a day"),
        ("I'd like to know the daily volume.", "35 million payments a day"),
        ("I assume we have labels?", "Labels mostly come from chargebacks"),
        ("How many payments a second? And the latency budget?", "150 ms at p99"),
    ],
)
def test_a_question_without_its_question_word_or_mark_is_answered(ctx, asked, fact):
    """Seen in the app: "Roughly how much traffic do we get?" was taken for no question
    and the candidate was sent back to frame the problem, unanswered."""
    text = first_move(ctx, "fraud-detection", asked)
    assert fact in text, text


@pytest.mark.parametrize(
    "said",
    [
        f"{DESIGN} I'd like to know how well the model does, so I track precision weekly.",
        f"{DESIGN} How many payments we get matters a lot for the design.",
        f"{DESIGN} I want to know if the model drifts, then we retrain.",
    ],
)
def test_a_statement_that_only_sounds_like_a_request_is_not_answered(ctx, said):
    text = first_move(ctx, "fraud-detection", said)
    assert "35 million" not in text and "figure" not in text, text


@pytest.mark.parametrize(
    "question, asked",
    [
        ("feed-ranking", "What happens each time a user opens the app?"),
        ("fraud-detection", "Is the model called every time a payment comes in?"),
        ("search-ranking", "Do we score one document at a time or in batches?"),
    ],
)
def test_time_said_as_how_often_draws_no_latency_fact(ctx, question, asked):
    """Seen in the app: "what happens each time a user opens the app?" was answered with
    the feed's latency budget, drawn by the fact's keyword "time"."""
    text = first_move(ctx, question, asked)
    assert " ms " not in text and "ms at p99" not in text, text


def test_a_time_budget_asked_each_time_is_still_the_latency(ctx):
    text = first_move(
        ctx, "fraud-detection", "What's the time budget each time a payment comes in?"
    )
    assert "150 ms at p99" in text, text


@pytest.mark.parametrize(
    "question, answer",
    [
        ("fraud-detection", "How many users, and what latency do we need?"),
        ("fraud-detection", DESIGN),
        ("ad-click-prediction", "We train a deep and cross network on clicks and serve it."),
    ],
)
def test_a_move_joined_on_after_a_colon_goes_on_in_lower_case(ctx, question, answer):
    """Seen in the app: "Before we move on: What…", "Back to the change: New privacy
    regulation…"; the sentence after the phrasing's colon now goes on in lower case."""
    q = ctx.question(question)
    session = PracticeSession.start(
        q,
        structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=None,
        max_moves=4,
    )
    session.opening()
    moves = [session.answer_text(a).move for a in [answer, DESIGN, "ok", "ok"]]
    said = [m.question for m in moves if m is not None]
    joined = [t for t in said if re.search(r"(?:move on|the change|over to you|stands): ", t)]
    assert joined, said
    for text in joined:
        assert not re.search(
            r"(?:move on|the change|over to you|stands): (?!I\b)[A-Z][a-z]", text
        ), text
