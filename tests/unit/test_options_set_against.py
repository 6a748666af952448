"""A choice picked over another option with a reason ("I'd pick the two-tower model over
plain collaborative filtering because new videos have no co-watch history") sets one
option against another: the report counts it and asks what the choice gives up, where it
said "No tradeoff was named" and "0 options set against another".

The answers below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from rubrics import load_rubric
from tests.support.interviews import ml_spec

RUBRIC = load_rubric("ml-system-design")

PARKING = [
    "We want to predict how many parking spaces will be free in each city garage in the "
    "next hour, so the app can send drivers to a garage with room.",
    "Success is fewer drivers who arrive at a full garage, and offline the mean absolute "
    "error in spaces per garage.",
    "The data is two years of barrier counts every five minutes, with events, weather and "
    "public holidays.",
    "Features are the count an hour ago, the same hour last week and whether a concert is on "
    "nearby.",
    "{choice}",
    "Forecasts are computed every five minutes and cached, so the app reads them in under "
    "fifty milliseconds.",
    "After launch we watch the error per garage every week and retrain monthly.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec(RUBRIC).as_whole()


def scored(choice: str, spec):
    text = "\n".join(PARKING).replace("{choice}", choice) + "\n"
    report = analyse_text(text, Settings(), structure=spec)
    assert report.structure is not None
    return report


def tradeoff_lines(report) -> list[tuple[str, str]]:
    return [
        (f.message, f.evidence.quote if f.evidence else "")
        for f in report.feedback
        if f.metric == "structure.tradeoffs"
    ]


@pytest.mark.parametrize(
    "choice",
    [
        "I'd pick one gradient boosted model for all garages over a separate model per "
        "garage, because small garages have too little history of their own.",
        "We would go with a small tree model rather than a deep sequence network, since "
        "the forecasts must be explained to the city's operators.",
        "i take the simple tree model first because it is fast and easy to debug, later "
        "maybe a neural one.",
        "I would use boosted trees, not a recurrent network, because the features are "
        "already tabular.",
        "I'd pick per-garage seasonal averages over one big deep model because garages "
        "differ wildly and operators need to see why a forecast moved.",
    ],
)
def test_a_choice_over_another_option_with_a_reason_is_counted_and_asked_for_its_cost(choice, spec):
    report = scored(choice, spec)
    lines = tradeoff_lines(report)
    assert not any(m.startswith("No tradeoff was named") for m, _ in lines), lines
    assert any(
        m.startswith("You set one option against another") and choice.startswith(q[:40])
        for m, q in lines
    ), lines
    assert [t.quote[:40] for t in report.structure.tradeoffs] == [choice[:40]]


@pytest.mark.parametrize(
    "choice",
    [
        # a choice over another option, with no reason for it
        "I'd pick one gradient boosted model for all garages over a separate model per garage.",
        # "over" said of time, and a reason: nothing set against anything
        "We use the barrier counts over the last thirty days because older ones are stale.",
        # a family chosen with a reason, and no other option named
        "I would use gradient boosted trees because the features are tabular.",
    ],
)
def test_a_choice_with_no_option_set_against_it_still_names_no_tradeoff(choice, spec):
    report = scored(choice, spec)
    lines = tradeoff_lines(report)
    assert any(m.startswith("No tradeoff was named") for m, _ in lines), lines
    assert report.structure.tradeoffs == []
