"""Timed explanations told in everyday words: a case opened in one sentence ("Think of a
fishing net.") and worked through in the next is the concrete example; a close that says
it is one ("That is the whole idea: …", "Bottom line: …") and says the point again in a
few words of the answer's own is the summary; "Let me tell you what X is" and "X, in
everyday words." say what the answer is about as "I'll explain X" does."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

GENERAL = load_rubric("general")

NET = (
    "{opening} {case} Precision is: of everything in your net, how much is really fish and "
    "not old boots. Recall is: of all the fish in the lake, how many ended up in your net. A "
    "net with tiny holes catches nearly all the fish, so recall is high, but also lots of "
    "boots, so precision is low. A net with big holes only catches big fish, few boots, so "
    "precision is high but recall is low. Which one matters depends on the cost: for a spam "
    "filter a real email lost in spam is bad, so you want precision; for a cancer screen a "
    "missed case is worse, so you want recall. That is the whole idea: two questions about "
    "the same net."
)
HAYSTACK = (
    "Let me explain class imbalance. Picture a haystack with three needles in it. A model "
    'that always says "no needle" is right for almost every handful of hay, so its accuracy '
    "looks great. But it never finds a needle, and the needles are the whole reason you are "
    "searching the haystack. That is why we look at how many of the needles it finds, not at "
    "plain accuracy. That is the main point: with rare cases, count the needles found, not "
    "the hay."
)
# the case named and left: the sentences after it are definitions, not the case worked
NAMED_ONLY = (
    "I'll explain precision and recall. Imagine a fishing net. Precision is the share of "
    "predicted positives that are true positives. Recall is the share of actual positives "
    "that the model finds. Both range from zero to one, and you usually trade one against "
    "the other with a threshold. {close}"
)


@pytest.fixture(scope="module")
def general() -> StructureSpec:
    return ml_spec(GENERAL).as_whole()


@pytest.mark.parametrize(
    ("opening", "case"),
    [
        (
            "Let me tell you what precision and recall are, in everyday words.",
            "Think of a fishing net.",
        ),
        (
            "Let me tell you what precision and recall are, in everyday words.",
            "Imagine a fishing net.",
        ),
        ("I'll explain precision and recall.", "Think of a fishing net."),
        ("Precision and recall, in everyday words.", "Picture a fishing net."),
    ],
)
def test_a_case_worked_through_after_its_opening_is_the_example(general, opening, case):
    """ "Think of a fishing net." followed by precision and recall told as what the net
    catches, and two worked cases, scored 15 to 38: "No concrete example in the answer"
    and "The answer did not end with summary", though it closes "That is the whole idea:
    two questions about the same net."."""
    report, stages = explained(NET.format(opening=opening, case=case), general)
    assert stages["example"].depth >= 2, stages["example"]
    assert "net" in stages["example"].depth_evidence.quote
    summary = stages["summary"]
    assert summary.depth_label == "described", summary
    assert summary.depth_evidence.quote.startswith("That is the whole idea")
    assert stages["framing"].depth >= 2, stages["framing"]
    messages = [f.message for f in report.feedback]
    assert not any(
        m.startswith(("No concrete example", "The answer did not end")) for m in messages
    )
    assert report.structure.score >= 60


def test_another_worked_case_and_its_close(general):
    report, stages = explained(HAYSTACK, general)
    assert stages["example"].depth >= 2, stages["example"]
    assert stages["summary"].depth_label == "described", stages["summary"]
    assert stages["summary"].depth_evidence.quote.startswith("That is the main point")


def test_a_case_named_and_left_is_no_worked_example(general):
    _, stages = explained(NAMED_ONLY.format(close="That is the whole idea: two ratios."), general)
    assert stages["example"].depth <= 1, stages["example"]


@pytest.mark.parametrize(
    ("close", "level"),
    [
        ("Bottom line: a net is judged by what it catches and by what it misses.", "described"),
        ("That is the whole idea: the threshold sets how many positives you catch.", "described"),
        # nothing of the answer said again, or only how to go about it
        ("That is the whole idea: keep it simple.", "named"),
        ("Bottom line: it depends on your needs.", "named"),
    ],
)
def test_a_headed_close_restates_the_point_in_the_answers_words(general, close, level):
    _, stages = explained(NAMED_ONLY.format(close=close), general)
    assert stages["summary"].depth_label == level, stages["summary"]


def test_two_wordings_of_one_explanation_read_alike(general):
    """ "I'll explain data leakage. Imagine … Data leakage means … So in short: …" scored 52;
    the same explanation as "Data leakage, in everyday words. Picture … So leakage is when …
    Bottom line: …" scored 36, its summary only "named"."""
    one = (
        "I'll explain data leakage. Imagine you are predicting which patients will get sick, "
        "and one of your columns is whether they took the medicine for that sickness. The model "
        "looks brilliant in testing, because that column basically gives away the answer. Then "
        "in the hospital it is useless, because when you need the prediction, nobody has taken "
        "the medicine yet. Data leakage means the model learned from information it will not "
        "have at the moment it is used. The way to catch it is to ask, for every feature, when "
        "do I know this value, and to split train and test by time. So in short: only train on "
        "what you would really know when you make the prediction."
    )
    two = (
        "Data leakage, in everyday words. Picture a patient model where one column says whether "
        "they took the medicine for the sickness we want to predict. In testing the model looks "
        "brilliant, since that column basically gives away the answer. In the hospital it's "
        "useless: at the time we need the prediction, nobody has taken the medicine yet. So "
        "leakage is when the model learns from information it won't have at the moment it's "
        "used. To catch it, ask for every feature when you actually know its value, and split "
        "train and test by time. Bottom line: train only on what you'd really know when you "
        "predict."
    )
    (r1, s1), (r2, s2) = explained(one, general), explained(two, general)
    assert s2["summary"].depth_label == s1["summary"].depth_label == "described"
    # each says what leakage is, the one as "… means …", the other as "So leakage is when…"
    assert s1["framing"].depth_label == s2["framing"].depth_label == "described"
    assert s1["framing"].depth_evidence.quote.startswith("Data leakage means")
    assert s2["framing"].depth_evidence.quote.startswith("So leakage is when")
    assert abs(r1.structure.score - r2.structure.score) <= 5


KITCHEN = (
    "I'll explain caching. Think of a kitchen. The cook keeps salt and oil right by the "
    "stove, and the rare spices down in the cellar. Grabbing salt by the stove takes a "
    "second, going down to the cellar takes a minute. A cache is the shelf by the stove: a "
    "small, fast place for the things you reach for all the time. When the menu changes, the "
    "shelf holds the wrong spices until someone swaps them, and that is a stale cache. Bottom "
    "line: keep the things you use most close by, and swap them when the menu changes."
)
LIBRARY = (
    "Let me explain caching. Picture a library. The librarian keeps this week's bestsellers "
    "on the front desk and everything else in the back rooms. Most readers ask for a "
    "bestseller, so most of them get their book from the front desk in seconds. A cache is "
    "that front desk for a computer: a small, quick spot for what gets asked for most. So in "
    "short: keep the popular answers close and fetch the rest from the back."
)


@pytest.mark.parametrize("text", [KITCHEN, LIBRARY])
def test_a_case_named_then_set_up_in_its_own_words_is_the_example(general, text):
    """ "Think of a kitchen." carries on in words of the kitchen ("The cook keeps salt and
    oil right by the stove…"), none of them "kitchen": the case set up and worked through
    is the example, where a case named and left is not (:data:`NAMED_ONLY`)."""
    report, stages = explained(text, general)
    assert stages["example"].depth >= 2, stages["example"]
    assert not any(f.message.startswith("No concrete example") for f in report.feedback)
