"""The structure benchmark's count of grade pairs out of order (issue 14: strong > medium
> weak for every pair)."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.analysis import depth_points
from benchmarks.structure_accuracy import from_labels, load_answers, out_of_order, pairs_line
from rubrics import load_rubric


def test_pairs_out_of_order_across_the_split_and_within_a_question():
    scored = [
        ("strong", "fraud", 90),
        ("medium", "fraud", 40),
        ("weak", "fraud", 45),  # over its own question's medium, and over the feed's
        ("strong", "feed", 38),  # under both mediums
        ("medium", "feed", 38),  # a tie counts as out of order
        ("weak", "feed", 10),
        ("buzzword", "feed", 70),  # held to targets of its own, not to these pairs
    ]
    pairs = out_of_order(scored)
    assert pairs["weak>=medium"] == 2
    assert pairs["weak>=medium same question"] == 1
    assert pairs["weak-medium pairs"] == 4
    assert pairs["medium>=strong"] == 2
    assert pairs["medium>=strong same question"] == 1
    assert pairs["medium-strong pairs"] == 4
    assert pairs_line(pairs) == (
        "grade pairs out of order: weak at or over medium 2 of 4 (same question 1); "
        "medium at or over strong 2 of 4 (same question 1)"
    )


def test_grades_in_order_count_nothing():
    pairs = out_of_order([("strong", "q", 80), ("medium", "q", 50), ("weak", "q", 20)])
    assert pairs["weak>=medium"] == pairs["medium>=strong"] == 0
    assert out_of_order([("strong", "q", 80)])["medium-strong pairs"] == 0
    assert pairs_line(out_of_order([("strong", "q", 80)])) == (
        "grade pairs out of order: none to compare"
    )


def test_labelled_depths_scored_with_the_shipped_weighting():
    """Read as labelled, the development set's strong > medium > weak holds for every
    pair: the weighting of depth keeps the grades apart, so answers out of order are
    answers whose depth is read wrong."""
    stages = ("framing", "constraints", "metrics", "data", "pipeline", "model")
    stages += ("deployment", "monitoring", "tradeoffs", "impact", "summary")
    named = {s: 1 for s in stages}
    justified = {s: 3 for s in stages}
    rubric = load_rubric("ml-system-design")
    assert depth_points(rubric, named) == pytest.approx(100 * rubric.named_credit)
    assert depth_points(rubric, justified) == pytest.approx(100)
    assert depth_points(rubric, {}) == 0

    answers = load_answers("dev")
    got = from_labels(answers + [{"id": "unlabelled", "quality": "weak", "question": "q"}])
    assert got["n"] == len(answers)
    assert got["scores"]["sports-injury-risk-vague-1"] == ("weak", 10)  # every stage named
    assert got["out_of_order"]["weak>=medium"] == 0
    assert got["out_of_order"]["medium>=strong"] == 0
