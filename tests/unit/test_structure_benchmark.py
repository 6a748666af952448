"""The structure benchmark's count of grade pairs out of order (issue 14: strong > medium
> weak for every pair)."""

from __future__ import annotations

from benchmarks.structure_accuracy import out_of_order, pairs_line


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
