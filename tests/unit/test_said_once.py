"""Saying a sentence again earns nothing its first saying did not.

An answer pasted twice, a paragraph said again with "Part 2." in front, or a speaker who
says each sentence twice is judged as if each sentence were said once: the same stages,
the same depth, the same score, and no extra "named a stage without saying anything
specific" finding. Two sentences of the same shape that say different things ("we
retrain the ranker every week" and "we retrain the retriever every night") are both
kept."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.segments import said_once, split_segments, words_from_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec

CHURN = (
    "The goal is to find gym members who will stop coming next month, early enough that "
    "the front desk can call them.\n"
    "The desk can make about three hundred calls a week, so what matters is how many real "
    "leavers are in the top three hundred, not accuracy overall.\n"
    "A member counts as gone if they did not visit for thirty days after the day we score.\n"
    "We look at visits per week lately against before, missed payments and class bookings.\n"
    "I'd start with logistic regression and move to boosted trees only if they beat it "
    "clearly, because the desk needs to understand why someone is on the list.\n"
    "The list is made every Sunday night and is waiting for the desk on Monday morning.\n"
    "Each month someone checks how many people on the list really left, and if it drops "
    "we go back to the old list.\n"
    "The system is two parts.\n"
)
LINES = CHURN.strip().split("\n")


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _read(text: str, spec):
    report = analyse_text(text, Settings(), structure=spec, question="churn-prediction")
    assert report.structure is not None
    return report.structure


def _shape(structure):
    return (
        structure.score,
        {s.id: s.depth for s in structure.stages},
        len(structure.generic),
    )


@pytest.mark.parametrize(
    "again",
    [
        # the whole answer pasted three times
        CHURN + CHURN + CHURN,
        # said again as parts, with a heading and a filler or a changed word
        "Part 1. "
        + CHURN
        + "Part 2. "
        + CHURN.replace("The goal is", "So the goal is").replace("about three", "around three"),
        # every sentence said twice in a row
        "\n".join(f"{line}\n{line}" for line in LINES) + "\n",
        # the middle of the answer said again at the end
        CHURN + "\n".join(LINES[2:6]) + "\n",
    ],
    ids=["pasted-three-times", "parts-reworded", "each-twice", "middle-again"],
)
def test_a_repeated_answer_scores_as_said_once(again, spec):
    once = _read(CHURN, spec)
    assert _shape(_read(again, spec)) == _shape(once)


def _kept(text: str) -> list[str]:
    words, line_ends = words_from_text(text)
    segments = split_segments(words, timed=False, line_ends=line_ends)
    return [s.text for s in said_once(segments)]


@pytest.mark.parametrize(
    "text",
    [
        "We retrain the ranker every week on the last month of clicks. "
        "We retrain the retriever every night on the last day of clicks.",
        "The user tower runs at request time on the phone. "
        "The video tower runs offline every hour in a batch job.",
        "Precision at three hundred is what the desk feels. "
        "Recall at three hundred is what the business feels.",
        "Yes. Okay. Yes. Okay. So we start with the goal.",
    ],
)
def test_sentences_of_one_shape_that_say_different_things_are_all_kept(text):
    words, line_ends = words_from_text(text)
    segments = split_segments(words, timed=False, line_ends=line_ends)
    assert _kept(text) == [s.text for s in segments]


def test_a_reworded_repeat_goes_and_the_first_saying_stays():
    first = "The list is made every Sunday night and is waiting for the desk on Monday morning."
    again = "So the list is made every Sunday night and it's waiting for the desk on Monday."
    assert _kept(f"{first} {again}") == [first]
