"""Timed explanations taught in plain words: the point said as what the subject is, a
few sentences in, frames the answer; "To fix it, …", "For example, …" and a closing
"So … means …" move the listener from part to part, as "first" and "next" do."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

GENERAL = load_rubric("general")


@pytest.fixture(scope="module")
def general() -> StructureSpec:
    return ml_spec(GENERAL).as_whole()


OVERFITTING = (
    "I'll explain overfitting. Imagine a student who memorises the answers to last year's "
    "exam instead of learning the subject. They get a perfect score on the practice test but "
    "fail the real exam because the questions changed. A model overfits the same way: it "
    "learns the noise and the quirks of its training data instead of the real pattern. You "
    "notice it when the training error keeps going down but the error on data the model has "
    "never seen goes up. To fix it, you give it more data, make the model simpler, add "
    "regularisation that punishes very large weights, or stop training early when the "
    "validation error starts rising. For example, a decision tree that grows until every leaf "
    "has one example will fit the training set perfectly and do badly on new data; limiting "
    "its depth helps. So overfitting means memorising instead of learning, and you catch it "
    "by always checking on held out data."
)
DRIFT = (
    "Let me explain data drift. Think of a shop that learned what people buy in winter and "
    "is still stocking coats in July. Nothing in the shop broke, the customers just changed. "
    "Drift is exactly that: the inputs your model sees today stop looking like the inputs it "
    "was trained on, so its guesses quietly get worse. To catch it, you compare this week's "
    "inputs with the training inputs, feature by feature, and raise an alarm when the gap "
    "gets large. For instance, a fraud model trained before a holiday sale sees far bigger "
    "baskets during the sale and starts flagging honest shoppers. So drift means the world "
    "moved and the model did not, and the cure is to watch the inputs and retrain on recent "
    "data."
)
EMBEDDINGS = (
    "i want to teach you embeddings. picture a huge map where every word gets a pin, and "
    "words that mean similar things get pins close together. an embedding is that pin: a "
    "short list of numbers that says where the word sits on the map. to build it, a model "
    "reads lots of text and nudges the pins of words that show up in the same sentences "
    "closer to each other. for example, king and queen end up near each other, and far from "
    "banana, without anyone telling the model what a king is. so an embedding turns a word "
    "into a position, and nearby positions mean related words."
)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        (OVERFITTING, "A model overfits the same way"),
        (DRIFT, "Drift is exactly that"),
        (EMBEDDINGS, "an embedding is that pin"),
    ],
)
def test_a_point_said_as_what_the_subject_is_frames_a_plain_explanation(general, text, point):
    """A teaching answer in plain words scored 46: its framing was "named" from "I'll
    explain overfitting." and told it lacked "the point in a sentence", though the fourth
    sentence says what overfitting is; and "No signposts", though "To fix it,", "For
    example," and a closing "So … means" take the listener from part to part."""
    report, stages = explained(text, general)
    framing = stages["framing"]
    assert framing.depth_label == "described", framing
    assert framing.depth_evidence.quote.startswith(point)
    assert stages["structure"].depth_label == "described"
    assert report.structure.signposts >= 3
    assert not any("No signposts" in f.message for f in report.feedback)
    assert report.structure.score >= 70


def test_a_definition_heard_late_is_the_point_said_late_and_an_empty_one_is_none(general):
    """The subject said long after the opening is still the point in a sentence: the
    framing is described there, and the order finding says it came late (it was read as
    no point at all past 40 % of the answer). Said as nothing ("Overfitting is bad"), it
    does not frame the answer; an analogy with no definition keeps framing named."""
    late = (
        "I'll explain overfitting. Imagine a student who memorises the answers to last "
        "year's exam instead of learning the subject. They get a perfect score on the practice "
        "test but fail the real exam, because the questions changed and memorised answers do "
        "not carry over. Their teacher only looked at the practice score, so nobody noticed "
        "until the results came in. The next year the teacher mixed new questions into every "
        "practice test, and the students who had learned the subject still did well. Those "
        "who had memorised did badly right away, so the teacher could help them early. A "
        "model overfits the same way: it learns the noise of its training data instead of "
        "the pattern."
    )
    report, stages = explained(late, general)
    framing = stages["framing"]
    assert framing.depth_label == "described", framing
    assert framing.depth_evidence.quote.startswith("A model overfits the same way")
    late_point = [f for f in report.feedback if f.message.startswith("The point in a sentence")]
    assert late_point and "of the way in" in late_point[0].message, report.feedback
    assert late_point[0].evidence.quote.startswith("A model overfits the same way")
    empty = (
        "I'll explain overfitting. Overfitting is bad. Imagine a student who memorises the "
        "answers to last year's exam instead of learning the subject. They get a perfect "
        "score on the practice test but fail the real exam because the questions changed."
    )
    _, stages = explained(empty, general)
    assert stages["framing"].depth_label == "named"


@pytest.mark.parametrize(
    "text",
    [
        "To fix it, you give it more data.",
        "So to catch this early, we compare the inputs every week.",
        "The way you notice it is that validation error goes up.",
        "For example, a decision tree grown to one example per leaf.",
        "For instance, king and queen end up near each other.",
    ],
)
def test_plain_moves_open_a_part(text):
    from assistant.scoring.structure.roadmap import opens_on_move

    assert opens_on_move(text)


@pytest.mark.parametrize(
    "text",
    [
        "I had to fix it, so I stayed late.",
        "We wanted to fix the pipeline before the launch.",
        "The model was trained for example counts per class.",
        "It learns the noise, for example.",
    ],
)
def test_words_of_a_move_inside_a_clause_move_nowhere(text):
    from assistant.scoring.structure.roadmap import opens_on_move

    assert not opens_on_move(text)


def test_a_move_into_nothing_is_no_signpost(general):
    """ "For example, it can make a huge difference." moves into nothing: a buzzword
    explanation is not praised for it, nor is its roadmap described by it."""
    text = (
        "So today I'd like to talk about cross-validation. It's a really important concept. "
        "For example, in a lot of real-world situations it can make a really big difference. "
        "For instance, it helps with lots of things. To sum it up, it is very powerful. "
        "So cross-validation is a very important tool."
    )
    report, stages = explained(text, general)
    assert stages["structure"].depth < 2
    assert report.structure.signposts <= 1
