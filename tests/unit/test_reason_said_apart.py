"""A stage described in one sentence and given its reason in another sentence of its own
("Labels: a customer cancelled within thirty days after the prediction date. I must be
careful to only use data from before that date, otherwise the model cheats.") is not told
"You described data and labels but not why": the feedback quotes the reason it gave.

The answers below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

GYM = [
    "First, what we want: find gym members likely to leave next month, early enough that "
    "the staff can call them or offer a free class.",
    "The staff can call about five hundred members a week, so what matters is precision in "
    "the top five hundred, and the business number is how many of them we keep.",
    "Labels: a member who cancels within thirty days after the scoring date.",
    "{reason}",
    "Features: visits per week lately compared to before, failed payments, class bookings "
    "and how long they have been a member.",
    "Model: gradient boosted trees, and we keep them only if they beat a logistic "
    "regression baseline clearly, since the simple one is easier to explain to the staff.",
    "It runs once a week as a batch job and writes a call list.",
    "After launch I watch precision on the list every week and retrain monthly.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


def data_lines(reason: str, spec) -> list[tuple[str, str]]:
    lines = [x for x in GYM if x != "{reason}"] if not reason else GYM
    text = "\n".join(lines).replace("{reason}", reason) + "\n"
    report = analyse_text(text, Settings(), structure=spec)
    return [
        (f.message, f.evidence.quote if f.evidence else "")
        for f in report.feedback
        if f.metric == "structure.data"
    ]


@pytest.mark.parametrize(
    "reason",
    [
        "I must be careful to only use data from before that date, otherwise the model cheats.",
        "We only take data from before that date, otherwise the model peeks at the future.",
        "Only data from before the scoring date goes in, because later data leaks the answer.",
    ],
)
def test_a_reason_in_a_sentence_of_the_stage_is_not_denied(reason, spec):
    lines = data_lines(reason, spec)
    assert not any("but not why" in m for m, _ in lines), lines


def test_a_stage_given_no_reason_anywhere_is_still_asked_why(spec):
    lines = data_lines("", spec)
    assert any(
        m.startswith("You described data and labels") and "but not why" in m for m, _ in lines
    ), lines
