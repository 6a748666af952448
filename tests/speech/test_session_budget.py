"""Time used against the budget, in the session report a candidate reads (the app's
report screen, ``show``, the Markdown export): the real bundled model on espeak-ng
answers, a practice session as the app drives it."""

from __future__ import annotations

import pytest

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.session import FOLLOW_UP_BUDGET_S, PracticeSession
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model


def test_the_session_report_says_how_much_of_each_budget_was_used(synth_dir, transcriber, settings):
    ctx = AppContext.load()
    question = ctx.question("fraud-detection")
    session = PracticeSession.start(
        question,
        structure_spec(ctx, None, question.id),
        interviewer_for=OfflineInterviewer,
        transcriber=transcriber,
        settings=settings,
        store=None,
        max_moves=2,
    )
    session.opening()
    short = synthesize(
        [Say("I would score every card payment at checkout with a boosted tree model.")],
        synth_dir / "budget-1.wav",
    )
    # the follow-up's answer goes on past its budget: silence, then the last words
    long = synthesize(
        [Silence(FOLLOW_UP_BUDGET_S + 5), Say("And I would retrain it every week.")],
        synth_dir / "budget-2.wav",
    )
    session.answer_recording(short.path)
    session.answer_recording(long.path)
    report = session.end().report
    said = [f.message for f in report.feedback if f.metric == "budget"]
    first = f"of {question.budget_s // 60}:00"
    assert len(said) == 2, said
    assert said[0].startswith("Your first answer: used 0:0") and first in said[0]
    assert said[1].startswith("Your answer to turn 2: ran 0:0") and "over the 2:00" in said[1]
    over = next(f for f in report.feedback if f.metric == "budget" and "ran" in f.message)
    # the overrun is shown where it happened on the session's timeline
    assert over.evidence is not None and over.evidence.start is not None
    assert over.evidence.start > short.duration + FOLLOW_UP_BUDGET_S - 1
