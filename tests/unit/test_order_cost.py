"""A clearly bad order costs a sensible amount; a small reshuffle costs little.

A tester's strong answer shuffled to open on its model and frame the problem at the end
scored only 2 below the ordered one. The answer is the plain churn answer of
``test_plain_models``, its sentences reordered.
"""

from __future__ import annotations

import pytest

from assistant.scoring.structure.analysis import analyse_structure, disorder
from assistant.scoring.structure.segments import split_segments, words_from_text
from rubrics import load_rubric
from tests.support.interviews import ml_spec
from tests.unit.test_plain_models import (
    CONSTRAINTS,
    DATA,
    FRAMING,
    IMPACT,
    METRICS,
    MODEL,
    ORDERED,
    PIPELINE,
    RECAP,
    SERVING,
    TRADEOFF,
    WATCH,
    WHY,
    _read,
)


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize(
    "shuffled",
    [
        # the framing read only as late constraints: a trace of framing early ("so they start
        # the day with it") kept "came only later" away, and the order cost 5
        [PIPELINE, SERVING, MODEL, WHY, WATCH, TRADEOFF, IMPACT, DATA, METRICS, CONSTRAINTS],
        [MODEL, WHY, PIPELINE, SERVING, TRADEOFF, WATCH, DATA, METRICS, CONSTRAINTS, IMPACT],
    ],
)
def test_solving_first_and_framing_at_the_end_costs_points(spec, shuffled):
    ordered = _read(spec, ORDERED).structure.score
    assert 8 <= ordered - _read(spec, [*shuffled, FRAMING, RECAP]).structure.score <= 20


def test_success_metrics_said_after_the_data_costs_little(spec):
    ordered = _read(spec, ORDERED).structure.score
    swapped = [FRAMING, CONSTRAINTS, DATA, METRICS, *ORDERED[4:]]
    assert ordered - _read(spec, swapped).structure.score <= 3


def _rows_read(rubric_id: str, said: list[str], rows: list[dict[str, float]]):
    words, ends = words_from_text("\n".join(said) + "\n")
    segments = split_segments(words, timed=False, line_ends=ends)
    return analyse_structure(load_rubric(rubric_id), segments, rows)


def test_a_story_that_opens_on_how_it_ended_is_not_out_of_order():
    # the labelled strong stories lost up to 4 points where nothing was out of place
    said = [
        "We shipped the new fraud model a week late, with no spike in blocked good payments.",
        "Two years ago I was the only data person on a payments team of six people.",
        "It was my job to say whether the model was safe to launch before the holidays.",
        "I proposed a one week shadow launch and showed him last quarter's false positives.",
    ]
    rows = [{"result": 3.0}, {"situation": 3.0}, {"task": 3.0}, {"action": 3.0}]
    assert disorder(_rows_read("behavioral-star", said, rows)) == 0.0


def test_a_design_answer_that_opens_on_its_model_is_out_of_order():
    said = [
        "I would use gradient boosted trees on ninety days of usage, because they handle "
        "the mixed features well.",
        "The goal is to find the customers likely to cancel in the next thirty days.",
    ]
    rows = [{"model": 3.0}, {"framing": 3.0}]
    assert disorder(_rows_read("ml-system-design", said, rows)) > 0.0
