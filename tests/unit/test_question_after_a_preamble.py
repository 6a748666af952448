"""A question to the interviewer that opens with a polite preamble ("Sorry, before I answer
that, …", "Hang on, before I answer, …") is still a question: it is answered from the
question's facts, uses no move, and the question left open is asked again. Typed answers
through a live practice session, the real offline interviewer and the bundled sentence
model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from assistant.interview.clarify import clarifying_questions
from tests.support.interviews import live_session

PLAYLIST = (
    "So the goal is thirty fresh songs for every listener each Monday, songs they have never "
    "played but will probably enjoy. All two hundred million playlists have to be built "
    "offline and be ready by Monday morning in every time zone. For success I would look at "
    "how many of the thirty songs get saved, and the skip rate in the first thirty seconds. "
    "Candidates come from a two tower model over listening history, and a ranker orders them."
)


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


ASKED = [
    "Sorry, before I answer that, how many tracks are in the catalogue?",
    "Hang on, before I answer, how many tracks are in the catalogue?",
    "Sorry to interrupt, but how many tracks are in the catalogue?",
    "Excuse me, before I go on, roughly how many tracks do we have?",
    # ...and with no preamble, as before
    "How many tracks are in the catalogue?",
]


@pytest.mark.parametrize("asked", ASKED)
def test_a_question_after_a_preamble_is_answered_and_uses_no_move(ctx, asked):
    """ "Sorry, before I answer that, how many tracks are in the catalogue?" got no figure:
    the interviewer took it for an answer and moved on, using a move."""
    session = live_session(ctx, "music-playlist", 4)
    pending = session.answer_text(PLAYLIST).move
    assert pending is not None
    after = session.answer_text(asked).move
    assert after is not None and after.reply is not None, after
    assert "90 million" in after.reply, after.reply
    # the question left open is asked again, not a new move
    assert (after.kind, after.target) == (pending.kind, pending.target), after
    assert pending.question.rstrip("?").split()[-1] in after.question, after.question


@pytest.mark.parametrize(
    "said",
    [
        "Sorry, before I answer that, I think we should use a two tower model.",
        "Before I go on, the catalogue is large, so we need an approximate index.",
        "Sorry, before I answer that, two hundred million playlists is a lot.",
    ],
)
def test_a_preamble_before_a_statement_asks_nothing(said):
    assert clarifying_questions(said) == []
