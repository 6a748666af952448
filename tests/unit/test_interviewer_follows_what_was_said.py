"""The offline interviewer's follow-ups build on what the candidate said: an answer of
hesitation alone is met with time and a small first step, never as off-topic and never
with a follow-up on a story or a design not begun. Typed answers,
the real offline interviewer, the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.unit.test_interviewer_listens import session_moves


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return AppContext.load()


def moves_of(ctx, question: str, answers: list[str], max_moves: int, seed: int = 0):
    from assistant.app.build import structure_spec
    from assistant.interview.session import OfflineInterviewer
    from assistant.practice.session import PracticeSession
    from speech.transcriber import CannedTranscriber

    if seed == 0:
        return session_moves(ctx, question, answers, max_moves)[1]
    q = ctx.question(question)
    session = PracticeSession.start(
        q,
        structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=None,
        max_moves=max_moves,
        seed=seed,
    )
    session.opening()
    moves = [session.answer_text(a).move for a in answers]
    return [m for m in moves if m is not None]


HESITATION = [
    "um... uh... so... hmm, let me think, er",
    "um, uh, er, hmm, well, like, you know",
    "Hmm. Give me a second. Uh, where do I start...",
    "Uh, sorry, let me think for a moment... hmm.",
]
OFF_TOPIC = "away from the question"


@pytest.mark.parametrize("said", HESITATION)
@pytest.mark.parametrize("question", ["behavioural-failure", "behavioural-conflict"])
def test_hesitation_before_a_story_gets_time_and_a_small_first_step(ctx, said, question):
    """Seen by a candidate: "um... uh... so... hmm, let me think, er" was told "That's away
    from the question, so let me bring us back. Let me pull on one thread. When did you
    first notice it was going wrong…?": no story was told, so there was no "it"."""
    moves = moves_of(ctx, question, [said, "I'm not sure."], max_moves=2)
    first = moves[0].question
    assert OFF_TOPIC not in first, first
    assert "Take your time" in first, first
    assert "pull on one thread" not in first and "first move" not in first, first


@pytest.mark.parametrize("said", HESITATION[:3])
@pytest.mark.parametrize("question", ["search-ranking", "fraud-detection"])
def test_hesitation_on_a_design_question_gets_one_small_first_step(ctx, said, question):
    """The same on a design question: "That's away from the question…" then three
    questions in one ("what exactly the system decides…; how you would know it works…;
    and the limits…"); now time to think, and one of them."""
    first = moves_of(ctx, question, [said, "ok", "ok"], max_moves=3)[0].question
    assert OFF_TOPIC not in first, first
    assert "Take your time" in first, first
    assert first.count(";") == 0, first


def test_hesitation_is_met_kindly_once_and_a_real_answer_is_not_hesitation(ctx):
    """Said twice, the question is simply put again (no second "take your time"); an
    answer that says something after "let me think" is an answer, followed up as one."""
    moves = moves_of(ctx, "search-ranking", [HESITATION[0], HESITATION[1], "ok"], max_moves=3)
    assert sum("Take your time" in m.question for m in moves) == 1, [m.question for m in moves]
    real = "Hmm, let me think. We rank products for a search with a boosted tree on click logs."
    first = moves_of(ctx, "search-ranking", [real, "ok"], max_moves=2)[0].question
    assert "Take your time" not in first, first


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_question_on_it_is_no_hesitation(ctx, seed):
    """ "Okay." alone is no hesitation to be kind about, nor a design: the question is put
    as before, from the problem."""
    first = moves_of(ctx, "search-ranking", ["Okay.", "ok"], max_moves=2, seed=seed)[0].question
    assert "Take your time" not in first, first

