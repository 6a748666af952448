"""A monitoring sentence that names what it would watch ("In production I'd watch for
complaints, sudden sentiment shifts, and the share of summaries that fail the
faithfulness check") is not told "but not what you would watch": the line asks only what
to do when it fires.

The answers below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

SUMMARIES = [
    "Let me first check the goal: the summary helps a shopper decide quickly on a product "
    "page with at least twenty reviews.",
    "Success is that shoppers who see the summary return no more than others, and every "
    "claim in it is backed by a review.",
    "The data is the reviews themselves, with their star ratings.",
    "First a small classifier tags each sentence with an aspect and its sentiment, then a "
    "language model writes two sentences from those counts.",
    "Summaries are made in a nightly batch job and cached, so the page does not wait.",
    "{monitoring}",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


def monitoring_lines(sentence: str, spec) -> list[str]:
    text = "\n".join(SUMMARIES).replace("{monitoring}", sentence) + "\n"
    report = analyse_text(text, Settings(), structure=spec)
    return [f.message for f in report.feedback if f.metric == "structure.monitoring"]


@pytest.mark.parametrize(
    "sentence",
    [
        "In production I'd watch for complaints, sudden sentiment shifts, and the share of "
        "summaries that fail the faithfulness check.",
        "Once live we track the return rate and how many summaries shoppers report.",
        "After launch I'd keep an eye on complaints and on spikes in negative reviews.",
    ],
)
def test_a_sentence_that_names_what_to_watch_is_not_asked_for_it(sentence, spec):
    lines = monitoring_lines(sentence, spec)
    assert not any("not what you would watch" in m for m in lines), lines


def test_a_bare_monitoring_sentence_is_still_asked_what_to_watch(spec):
    lines = monitoring_lines("After launch we monitor it and keep improving it.", spec)
    assert any("what you would watch" in m for m in lines), lines
