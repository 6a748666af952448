"""Each quote in the design report is the candidate's own words for the stage it stands
for, from one answer (issue 14): a question asked at the end of one answer of a session
is not quoted with the next answer."""

from __future__ import annotations

import pytest

from assistant.practice.session_report import answers_report
from assistant.settings import Settings
from tests.support.interviews import ml_spec
from tests.support.reports import spoken

ASKED_LAST = [
    (
        "video-recommendation",
        "The goal is more minutes watched per session. We take candidates from similar videos "
        "and rank them with gradient boosting on watch history. And how fast does the list "
        "need to come back?",
        "We precompute candidate lists every night and keep them in a cache, and the ranker "
        "scores five hundred videos on CPU in about twenty milliseconds.",
    ),
    (
        "search-ranking",
        "We retrieve five hundred products with BM25 and rank them with LambdaMART on price, "
        "reviews and past purchases. Where would the training labels come from?",
        "Labels come from old searches: a product bought after a search is a positive, one "
        "shown and skipped is a weak negative.",
    ),
    (
        "fraud-detection",
        "I would score every payment with a gradient boosted tree on amount, merchant and "
        "device features. How many payments a second do we need to score?",
        "I will assume five thousand a second at peak, so the model runs inside the payment "
        "service and answers in under fifty milliseconds.",
    ),
]
"""An answer that ends on a question to the interviewer, and the next answer."""


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def _quotes(report) -> list[str]:
    stages = report.structure.stages
    return (
        [s.evidence.quote for s in stages if s.evidence]
        + [s.depth_evidence.quote for s in stages if s.depth_evidence]
        + [f.evidence.quote for f in report.feedback if f.evidence]
    )


def _spans(quote: str, asked: str, answer: str) -> bool:
    return asked[:25] in quote and answer[:20] in quote


@pytest.mark.parametrize(("question", "first", "second"), ASKED_LAST)
def test_a_question_ending_one_answer_is_not_quoted_with_the_next(spec, question, first, second):
    asked = first.rsplit(". ", 1)[1]
    report = answers_report([first, second], Settings(), spec, question)
    assert not [q for q in _quotes(report) if _spans(q, asked, second)]
    # said in one answer, the question and the answer right after it are quoted together
    one = answers_report([f"{first} {second}"], Settings(), spec, question)
    assert [q for q in _quotes(one) if _spans(q, asked, second)]


def test_a_spoken_question_ending_one_answer_is_not_quoted_with_the_next(spec, tmp_path):
    """Recorded answers are laid end to end on one timeline: the next recording starts a
    new answer there too."""
    for question, first, second in ASKED_LAST:
        asked = first.rsplit(". ", 1)[1]
        said = [spoken(first, tmp_path / "a.wav"), spoken(second, tmp_path / "b.wav")]
        report = answers_report(said, Settings(), spec, question)
        assert not [q for q in _quotes(report) if _spans(q, asked, second)], question
