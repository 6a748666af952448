"""An answer that opens "Let me frame it: …" says where it is going: it was told "No
signposts (“first”, “next”, “to sum up”)".

The answer below was written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

BODY = [
    "thousands of delivery vans, and the goal is to warn the depot about a van that will "
    "break down before it strands a driver and a full load of parcels.",
    "My success metric is the share of warnings that a mechanic confirms as a real fault, "
    "plus how many breakdowns we caught a day or more ahead.",
    "The labels come from past repair tickets matched to the engine readings in the week "
    "before each repair.",
    "For each van I'd compute daily features like oil temperature, vibration, mileage since "
    "the last service and the number of hard brakes.",
    "I'd pick a gradient boosted model per van type over one big deep model because van "
    "types differ wildly and mechanics need to see why a warning fired.",
    "It runs as a batch job every night and writes a list of vans for the morning checks.",
    "I'd monitor the warning rate per depot each week and the share marked as false alarms, "
    "and retrain monthly.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


def signpost_lines(opening: str, spec):
    text = "\n".join([opening + BODY[0], *BODY[1:]]) + "\n"
    report = analyse_text(text, Settings(), structure=spec)
    assert report.structure is not None
    return report.structure.signposts, [
        f.message for f in report.feedback if f.message.startswith("No signposts")
    ]


@pytest.mark.parametrize(
    "opening", ["Let me frame it: ", "To frame it, ", "Let me frame the problem first: "]
)
def test_an_opening_that_frames_out_loud_is_a_signpost(opening, spec):
    count, lines = signpost_lines(opening, spec)
    assert count >= 1 and not lines, (count, lines)


def test_an_answer_with_no_signpost_is_still_told_so(spec):
    count, lines = signpost_lines("There are ", spec)
    assert count == 0 and lines, (count, lines)
