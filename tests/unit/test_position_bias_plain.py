"""Position bias said in everyday words is the data stage.

A checker's strong search answer in plain non-native words said "things at the top get
clicked just because they are on top, so i would correct for that, for example by
putting a few random ones higher sometimes": read as problem framing, the data stage
missed its one reason. The sentences below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.scorers import ON_TOP
from assistant.settings import Settings
from tests.support.interviews import ml_spec

ANSWER = (
    "so a person types a few words and we must show the hotels they will book. what we want "
    "is bookings, not only clicks, so the number is how many searches end in a booking. we "
    "learn from old searches: clicked and booked is a good example, shown and skipped is a "
    "weak bad one. {bias} first we find a few hundred hotels in the city with simple text "
    "search, then a tree model sorts them by price, stars, distance and old bookings. we "
    "check it first on last month's searches and then half the people get the new order "
    "and we compare bookings."
)
BIAS = [
    "but careful, hotels at the top get clicked just because they are on top, so we "
    "correct for that by sometimes showing a few in random order.",
    "one problem, people book the first hotel only because it is first, so sometimes we "
    "mix the order a little to learn what they really like.",
    "the hotels shown higher get picked mostly because they are higher, so we give less "
    "weight to clicks near the top.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize("bias", BIAS)
def test_position_bias_in_plain_words_is_data(spec, bias):
    report = analyse_text(
        ANSWER.format(bias=bias), Settings(), structure=spec, question="search-ranking"
    )
    data = report.structure.stage("data")
    assert data.depth == 3
    assert bias[:25] in data.depth_evidence.quote


@pytest.mark.parametrize("said", [b.lower() for b in BIAS])
def test_clicked_because_on_top_is_position_bias(said):
    assert ON_TOP.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "we rank them on top because they are good.",
        "users click what they like.",
        "we put the cheapest first because people want cheap hotels.",
        "hotels get booked because they are near the beach.",
    ],
)
def test_a_reason_of_its_own_is_no_position_bias(said):
    assert not ON_TOP.search(said)
