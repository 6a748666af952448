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
