"""A requirement change met with a question: the question is not a design change, the
interviewer answers it with the changed requirement (never the figure from before the
change), and the design is judged on the answer after that reply."""

from __future__ import annotations

import pytest

from assistant.interview.adaptation import judge_texts
from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, OfflineInterviewer, Turn
from assistant.interview.view import split_sentences
from assistant.practice.session_report import adaptation_cost, adaptation_feedback
from assistant.report.format import adaptation_verdict
from prompts import load_question
from tests.support.interviews import RUBRIC, ml_spec, report_of, run_session

DESIGN = (
    "I'd score every payment with a gradient boosted tree trained on past payments with "
    "chargebacks as the label, using the amount, the merchant category and how many payments "
    "the card made in the last hour. Payments above a high threshold are blocked, a middle "
    "band goes to the review team, the rest are approved. The model is served behind an API "
    "next to the payment service, with features read from a feature store."
)
QUESTION = (
    "Quick question first: is the 3,000 a hard cap every day, or can the team take more at "
    "peak, say on Black Friday?"
)
ADAPTS = (
    "Then the review band has to shrink. I'd raise the review threshold so only the riskiest "
    "three thousand payments a day go to analysts, rank the queue by expected loss, and block "
    "outright above a higher score instead of sending those to review."
)
IGNORES = (
    "One more thing about monitoring: I'd track the share of payments we block every hour and "
    "alert when it jumps."
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def _interview(spec, answers: list[str | None], max_moves: int = 3) -> Interview:
    """An interview on fraud detection where the second move halved the review team."""
    planner = OfflinePlanner(load_question("fraud-detection"), RUBRIC, embedder=spec.embedder)
    interview = Interview(planner, OfflineInterviewer(planner), max_moves=max_moves)
    change = next(c for c in planner.question.constraint_changes if c.id == "review-team-halved")
    moves = [
        planner.opening(),
        Move(
            kind="new_constraint", target=change.id, why="-", question=change.say, source="planner"
        ),
    ]
    interview.turns = [
        Turn(m, report_of(a, spec) if a else None) for m, a in zip(moves, answers, strict=False)
    ]
    return interview


def test_a_question_about_the_change_is_not_a_design_change(spec):
    q = load_question("fraud-detection")
    change = next(c for c in q.constraint_changes if c.id == "review-team-halved")
    v = judge_texts(
        change,
        split_sentences(QUESTION),
        split_sentences(DESIGN),
        context=q.words,
        embedder=spec.embedder,
    )
    assert v.asked and v.acknowledged and not v.revised and not v.changed


def test_the_question_is_answered_with_the_changed_requirement_then_the_change_pressed(spec):
    """Even on the last move: the candidate hears 20 analysts and 3,000 a day, not the 40
    analysts and 6,000 a day the review team had before the change."""
    interview = _interview(spec, [DESIGN, QUESTION], max_moves=2)
    move = interview.decide_next()
    assert move is not None and move.kind == "follow_up" and move.target == "review-team-halved"
    assert "3,000" in move.question and "40 analysts" not in move.question
    assert "6,000" not in move.question


def test_a_fact_the_change_overrides_is_told_as_changed_for_the_rest_of_the_session(spec):
    """Asked later about the review team, the interviewer says the halved figure."""
    interview = _interview(spec, [DESIGN, ADAPTS], max_moves=4)
    interview.turns.append(
        Turn(
            Move(kind="follow_up", target="monitoring", why="-", question="-", source="planner"),
            report_of("How many analysts does the review team have now?", spec),
        )
    )
    move = interview.decide_next()
    assert move is not None and "20 analysts" in move.question
    assert "40 analysts" not in move.question


@pytest.mark.parametrize(("reply", "revised"), [(ADAPTS, True), (IGNORES, False)])
def test_the_design_verdict_waits_for_the_answer_after_the_reply(spec, reply, revised):
    interview = _interview(spec, [DESIGN, QUESTION], max_moves=3)
    assert interview.decide_next() is not None
    interview.turns[-1].answer = report_of(reply, spec)
    (verdict,) = interview.adaptation()
    assert verdict.asked and verdict.revised is revised
    assert not verdict.revised_after_push  # the reply is no push: nothing to discount
    assert adaptation_cost([verdict]) == (0 if revised else 10)
    took, _ = adaptation_verdict(verdict)
    assert "asked about it" in took
    if not revised:
        (item,) = adaptation_feedback([verdict])
        assert "Asking about it first was fine" in item.message


def test_a_question_left_as_the_last_answer_changed_nothing(spec):
    """S26b: the question was the session's last answer: "took it up, changed the design"
    had been shown with the question as its evidence."""
    interview = _interview(spec, [DESIGN, QUESTION], max_moves=2)
    (verdict,) = interview.adaptation()
    assert verdict.asked and not verdict.revised
    assert adaptation_verdict(verdict)[1] == "no"


@pytest.mark.parametrize(
    ("question_id", "first"),
    [
        (
            "churn-prediction",
            "Honestly I have been thinking about my weekend a lot. We went hiking in the "
            "mountains and the weather was great, then we cooked a big pasta dinner with "
            "friends and watched a football match.",
        ),
        ("spam-filter", "I'd use a classifier on the email text."),
    ],
    ids=["off-topic", "eight words"],
)
def test_the_one_move_of_a_two_answer_session_brings_a_thin_answer_back(spec, question_id, first):
    """S12, S11: the one move had been the requirement change, whatever the first answer
    was; the report then scored talk of risotto as a design changed "for other reasons"."""
    interview = run_session(question_id, [first, "Okay."], spec)
    (move,) = interview.moves
    assert move.kind != "new_constraint", move
    assert interview.adaptation() == []
