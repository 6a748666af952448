"""Serving said as where people see the prediction is serving.

A strong development answer in everyday words said its serving as "The sizes show on the
booking page as soon as they type their details, and the shop gets the list the evening
before": no serving word, and deployment read absent (the answer scored 39, the lowest
strong one). What people are shown, and where they see it, is how predictions reach
them. The sentences below were written for these tests.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.scorers import DELIVERED
from assistant.settings import Settings
from tests.support.interviews import ml_spec

ANSWER = (
    "ok so people look for a job and we show them the jobs they most likely apply to and get "
    "an answer from. the number i care is how many seekers get a reply from a company in two "
    "weeks, not only clicks, because clicks on jobs that never answer make people angry. we "
    "learn from old applications: applied and got a reply is good, shown and skipped is bad. "
    "we find maybe a thousand jobs that fit the title and the city, then a tree model sorts "
    "them with things like the salary, the distance and how often the company answers. "
    "{shown} to check it, first on last month's applications, then half the seekers get the "
    "new list and we compare the replies."
)
SHOWN = [
    "the top twenty appear on the seeker's home page as soon as they log in.",
    "the matches show up in their inbox every monday morning.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize("shown", SHOWN)
def test_where_people_see_the_prediction_is_serving(spec, shown):
    report = analyse_text(
        ANSWER.format(shown=shown), Settings(), structure=spec, question="job-matching"
    )
    assert report.structure.stage("deployment").depth >= 2


def test_the_plain_ski_answer_serves_its_sizes(spec):
    """The development answer itself: deployment absent before, described now."""
    told = tomllib.loads(
        (
            Path(__file__).parents[1] / "eval" / "dev" / "ski-rental-size-plain-strong-1.toml"
        ).read_text()
    )
    asked = replace(spec, question_texts={**spec.question_texts, told["question"]: told["asked"]})
    text = "\n".join(s["text"] for s in told["sentences"]) + "\n"
    report = analyse_text(text, Settings(), structure=asked, question=told["question"])
    assert report.structure.stage("deployment").depth >= 2


@pytest.mark.parametrize(
    "said",
    [
        "the sizes show on the booking page as soon as they type their details.",
        "the list shows up in the staff inbox on the twenty-fifth.",
        "the top twenty appear on the seeker's home page as soon as they log in.",
    ],
)
def test_shown_on_a_page_or_in_an_inbox(said):
    assert DELIVERED.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "we show them the best jobs.",
        "this shows in the data that people leave.",
        "a few new drivers show up in the city each week.",
    ],
)
def test_showing_with_no_place_it_is_seen_is_not_serving(said):
    assert not DELIVERED.search(said)
