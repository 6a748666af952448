"""One sentence never stands as justified depth for three stages at once.

A long-but-vague answer that names every stage and chooses nothing had one general
sentence ("we'd keep checking on it, because the squad changes, the training changes,
and things can slowly get worse") read as justified success metrics, model and
monitoring: its "because" justified every stage the sentence touched, and the answer
scored above medium ones. Such a sentence keeps its depth for the stage it is mainly
about; the other stages reach what the rest of the answer says of them. A strong
answer, whose reasons each belong to one choice, scores as before."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

DEV = Path(__file__).parents[1] / "eval" / "dev"
VAGUE = tomllib.loads((DEV / "sports-injury-risk-vague-1.toml").read_text())
SAID = [s["text"] for s in VAGUE["sentences"]]
CHECKING = next(i for i, t in enumerate(SAID) if "keep checking" in t)


def _told(sentence: str | None = None) -> str:
    said = list(SAID)
    if sentence is not None:
        said[CHECKING] = sentence
    return "\n".join(said) + "\n"


@pytest.fixture(scope="module")
def spec():
    s = ml_spec().as_whole()
    asked = {**s.question_texts, VAGUE["question"]: VAGUE["asked"]}
    return replace(s, question_texts=asked)


def _structure(text: str, spec, question: str = VAGUE["question"]):
    report = analyse_text(text, Settings(), structure=spec, question=question)
    assert report.structure is not None
    return report.structure


@pytest.mark.parametrize(
    "sentence",
    [
        None,  # as written in the development set
        "And it's not a one-off, we'd keep checking on the numbers and the approach, because "
        "the squad changes, the training changes, and things can slowly get worse without "
        "anyone noticing.",
    ],
    ids=["as-written", "numbers-and-approach"],
)
def test_a_general_reason_justifies_at_most_two_stages(sentence, spec):
    s = _structure(_told(sentence), spec)
    by_quote: dict[str, list[str]] = {}
    for st in s.stages:
        if st.depth == 3 and st.depth_evidence is not None:
            by_quote.setdefault(st.depth_evidence.quote, []).append(st.id)
    assert all(len(ids) < 3 for ids in by_quote.values()), by_quote
    assert s.stage("model").depth <= 1  # "something fairly standard" chooses no model
    assert s.score <= 45


STRONG = (
    "So the goal is a list of gym members likely to stop coming next month, early enough "
    "that the front desk can call them.\n"
    "The desk makes about three hundred calls a week, so I'd measure how many real leavers "
    "are in the top three hundred, not accuracy overall.\n"
    "A member counts as gone after thirty days with no visit, and I only use data from "
    "before the scoring day, otherwise the model cheats.\n"
    "I'd start with logistic regression and keep boosted trees only if they beat it "
    "clearly, because the desk has to understand why someone is on the list.\n"
    "The list is computed every Sunday night in a batch job, since nobody needs it faster "
    "than Monday morning.\n"
    "Each month we check how many members on the list really left, and if that falls "
    "below half we go back to last month's model.\n"
)


def test_reasons_that_each_belong_to_one_choice_keep_their_depth(spec):
    s = _structure(STRONG, spec, "churn-prediction")
    for stage in ("constraints", "model", "monitoring"):
        assert s.stage(stage).depth == 3, stage


CHURN_FIGURED = (
    "First, what do we want: find subscribers who are likely to cancel next month, early "
    "enough that the retention team can do something, like a discount or a call. The team"
    " can contact about two thousand people a week, so what matters is how many real "
    "cancellers are in the top two thousand, precision at that cutoff, not overall "
    "accuracy, and the business number is how many of them we keep. Labels: a customer "
    "cancelled within thirty days after the prediction date. I must be careful to only "
    "use data from before that date, otherwise the model cheats. Features: how often they"
    " log in lately compared to before, payment failures, support tickets, plan type, how"
    " long they have been a customer. Model: I'd start with logistic regression as a "
    "baseline and then gradient boosted trees, and keep the trees only if they beat the "
    "baseline clearly, since the simple one is easier to explain to the retention team. "
    "It runs once a week as a batch job and writes a list. Then the important part: test "
    "it with a holdout group that gets no offer, so we see if the offers really keep "
    "people, not just whether the model predicts well. After launch I watch precision on "
    "the list every week and retrain monthly."
)


def test_a_concrete_sentence_may_frame_bound_and_measure_at_once(spec):
    """ "The team can contact about two thousand people a week, so what matters is how many
    real cancellers are in the top two thousand…" frames the problem, bounds it and
    measures it: a figure of its own makes it no general talk, and the answer keeps all
    three (its framing fell to named and an order finding came with it)."""
    s = _structure(CHURN_FIGURED, spec, "churn-prediction")
    for stage in ("framing", "constraints", "metrics"):
        assert s.stage(stage).depth == 3, stage
    assert not any("framing" in f.message for f in s.order_findings)
