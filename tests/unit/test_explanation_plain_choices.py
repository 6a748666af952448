"""A tradeoff or a project explained plainly: an opening that names the choice with both
its sides frames the answer; "What I gave up was …" and "The hard part was …" move to the
next part as "next" does; "What I'd do differently: …" lands a project."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

GENERAL = load_rubric("general")

TRADEOFF = (
    "{opening} The big neural ranker was about three percent better on our offline metric, "
    "but it needed a GPU and took eighty milliseconds, and our whole budget was one hundred. "
    "The tree model took eight milliseconds on a normal CPU. I chose the tree model, because "
    "three percent offline would not survive our latency budget, and a slow page loses more "
    "buyers than a slightly worse order wins. What I gave up was that accuracy, and I told "
    "the team we'd come back to it. Six months later we distilled the neural model into a "
    "smaller one that fit in twenty milliseconds, and we got most of the gain back."
)
PROJECT = (
    "The project I'm proudest of is a tool that told our warehouse how many people to "
    "schedule each day. Before, a manager guessed on Friday for the next week, and we were "
    "often short on Mondays and had people standing around on Thursdays. I built a forecast "
    "from two years of order history, with the day of the week, holidays and our marketing "
    "emails as inputs. I started with a simple average per weekday as the baseline, then a "
    "gradient boosted model, which cut the error from about twenty percent to eight percent. "
    "The hard part was not the model, it was getting the managers to trust it, so I showed "
    "them every week the forecast next to what really happened. After three months overtime "
    "went down by a third. {close}"
)


@pytest.fixture(scope="module")
def general() -> StructureSpec:
    return ml_spec(GENERAL).as_whole()


@pytest.mark.parametrize(
    "opening",
    [
        "A tradeoff I made was between a more accurate model and a faster one for our product "
        "search.",
        "The choice I want to talk about is a more accurate ranker against a faster one, for "
        "our product search.",
        "One decision I made was between accuracy and speed in our product search.",
    ],
)
def test_an_opening_on_a_choice_and_its_sides_frames_a_plain_tradeoff(general, opening):
    """Told plainly, this tradeoff scored 22: framing only "named" from its first sentence,
    and "No signposted structure" though "What I gave up was that accuracy" moves on to
    what the choice cost."""
    report, stages = explained(
        TRADEOFF.format(opening=opening), general, "general-explain-tradeoff"
    )
    framing = stages["framing"]
    assert framing.depth_label == "described", framing
    assert framing.depth_evidence.quote == opening
    assert stages["structure"].depth >= 1, stages["structure"]
    assert not any(f.message.startswith("No signposted") for f in report.feedback)
    assert report.structure.score >= 40


@pytest.mark.parametrize(
    "opening",
    [
        # the options' names only, as the prompt might say them
        "So I'll talk about a choice between batch and streaming processing that I made.",
        # no side named
        "I'll talk about a tradeoff I made last year.",
        # two things, no choice
        "We rolled the ranker out to search and to the home page over two weeks.",
    ],
)
def test_an_opening_without_both_sides_of_a_choice_only_names_the_framing(general, opening):
    _, stages = explained(TRADEOFF.format(opening=opening), general, "general-explain-tradeoff")
    assert stages["framing"].depth <= 1 or stages["framing"].depth_evidence.quote != opening


@pytest.mark.parametrize(
    "close",
    [
        "What I'd do differently: involve the managers from the first week, not after the "
        "model was done.",
        "If I did it again, I'd involve the managers from the first week, not after the model "
        "was done.",
    ],
)
def test_what_the_teller_would_do_differently_lands_a_project(general, close):
    """The project told plainly scored 37: "The answer did not end with summary", though it
    ends on what the teller would do differently; its structure was quoted from a result
    ("After three months overtime went down by a third.")."""
    report, stages = explained(PROJECT.format(close=close), general, "general-explain-project")
    summary = stages["summary"]
    assert summary.depth_label == "described", summary
    assert summary.depth_evidence.quote == close
    structure = stages["structure"]
    assert structure.depth >= 1, structure
    assert not structure.depth_evidence.quote.startswith("After three months")
    assert report.structure.score >= 60


def test_a_project_that_stops_on_its_result_has_no_summary(general):
    _, stages = explained(PROJECT.format(close=""), general, "general-explain-project")
    assert stages["summary"].depth <= 1, stages["summary"]


EXAM = (
    "I'll explain overfitting. Imagine a student who prepares for an exam by memorising the "
    "answers to last year's paper, word for word. On last year's paper they score a hundred. "
    "On the real exam, with new questions, they fail, because they learned the answers, not "
    "the subject. {tie} You notice it when the score on the training data keeps going up but "
    "the score on data the model never saw goes down. To fix it you give the model less room "
    "to memorise: more data, a simpler model, or stopping training early. So in short: a "
    "model that overfits has memorised the old exam instead of learning the subject."
)


@pytest.mark.parametrize(
    "tie",
    [
        "Overfitting means the same thing for a model: it learns the training examples so "
        "closely, including their noise and accidents, that it does badly on new data.",
        "A model overfits in the same way: it learns its training examples so closely that "
        "it does badly on new data.",
        "That's exactly what an overfit model does with its training examples: it learns "
        "their noise and does badly on new data.",
    ],
)
def test_an_example_tied_back_to_the_point_shows_what_it_shows(general, tie):
    """Typed in the app, this explanation was told "You described concrete example but
    not what it shows: tie the example back to your point", while the sentence after the
    case says it: "Overfitting means the same thing for a model: …"."""
    report, stages = explained(EXAM.format(tie=tie), general)
    assert stages["example"].depth_label == "justified", stages["example"]
    assert not any("not what it shows" in f.message for f in report.feedback)


def test_an_example_left_untied_is_still_only_described(general):
    untied = "Overfitting is a common problem, and many teams run into it every year."
    report, stages = explained(EXAM.format(tie=untied), general)
    assert stages["example"].depth_label == "described", stages["example"]
