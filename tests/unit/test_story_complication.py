"""A failure story's turn for the worse, followed by what the teller did about it, is the
complication of its scene, not its result: the result is how it ended after those
actions."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

STAR = load_rubric("behavioral-star")


@pytest.fixture(scope="module")
def spec() -> StructureSpec:
    return ml_spec(STAR).as_whole()


def told(text: str, spec: StructureSpec):
    report = analyse_text(text, Settings(), structure=spec, question="behavioural-failure")
    assert report.structure is not None
    return report.structure.score, {s.id: s for s in report.structure.stages}


SCENE = (
    "Last year I was the only data scientist on a small fraud team at an online marketplace. "
    "I had to build a model that flagged risky sellers before their first payout, and the "
    "deadline was the end of the quarter. "
)
ACTIONS = (
    " The first thing I did was pull a sample of two hundred flagged sellers and read them "
    "one by one with a support agent. I found that new sellers with a single big sale looked "
    "like fraudsters to the model. I added features about the buyers, I rebuilt the "
    "validation set so it held only recent months, and I set the threshold from the cost of "
    "a wrong block. I also ran the new model in shadow for two weeks before switching it on."
)
LESSON = (
    " What I learned is to check a model on the newest users before a launch, and now I "
    "always run a shadow period first."
)
ENDING = (
    " After that, wrong flags fell from about one in five to one in twenty, and tickets about "
    "blocked payouts dropped by half."
)


@pytest.mark.parametrize(
    "turn",
    [
        "I trained a boosted model on two years of history. We launched it, and within three "
        "days complaints went up, not down.",
        "I trained a boosted model on two years of history, but when we launched it, it "
        "started flagging a lot of real users.",
        "I shipped the first version in six weeks, and in its first week it blocked hundreds "
        "of honest sellers.",
        "I shipped the first version in six weeks, and then the whole thing fell apart: "
        "support tickets shot up and the ops team was furious.",
        "When it went live, recall dropped from about eighty percent to sixty, and the "
        "launch failed.",
        "We rolled it out to every seller, and the false alarms went up instead of down.",
        "We turned it on, and it was wrong most of the time for sellers in their first month.",
        "When we switched it on, it started holding back a lot of honest sellers' payouts.",
    ],
)
def test_a_launch_going_wrong_before_the_fix_is_no_result(spec, turn):
    """With its result taken out, a failure story still read as having one: "We launched
    it, and within three days complaints went up, not down." stood for the result, so
    leaving out how it ended cost almost nothing."""
    without, stages = told(SCENE + turn + ACTIONS + LESSON, spec)
    assert stages["result"].depth < 2, stages["result"]
    assert stages["situation"].covered
    with_ending, stages = told(SCENE + turn + ACTIONS + ENDING + LESSON, spec)
    assert stages["result"].covered
    assert stages["result"].depth_evidence.quote.startswith("After that")
    assert with_ending - without >= 15


@pytest.mark.parametrize(
    "ending",
    [
        # how it ended, badly, with nothing done after it: still the result
        " In the end the complaints went up again a month later, and we turned the model off.",
        " It didn't work, the team still had to review every payout by hand.",
        # how it ended, said with the words of an ending
        " As a result, complaints went up for a week and then fell below where they started.",
    ],
)
def test_how_a_story_ended_stays_its_result_even_when_it_went_badly(spec, ending):
    _, stages = told(SCENE + ACTIONS + ending + LESSON, spec)
    assert stages["result"].depth >= 1
    assert stages["result"].evidence is not None
