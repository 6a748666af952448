"""An explanation is scored by what it does, not by its wording: naming the subject and
whom it is for frames it ("Okay, gradient descent, for someone who has never trained a
model." as "I'll explain gradient descent, for someone…" does); "Think of standing on a
hill…", "Think of it this way: …", "Say you draw a line…" open a case the listener can
picture, wherever they come; and what the subject is, said late, is still the point."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from rubrics import load_rubric
from tests.support.interviews import explained, ml_spec

GENERAL = load_rubric("general")

HILL = (
    "{opening} {case} You can't see the valley, but you can feel which way the ground slopes "
    "under your feet, so you take a small step downhill, feel again, and step again. Training "
    "a model works the same way: the hill is the error on our data, and each step nudges the "
    "model's numbers in the direction that lowers the error a little. If your steps are too "
    "big you overshoot and bounce across the valley; too small and you take forever. So the "
    "one idea to keep: feel the slope, take a small step down, repeat."
)
FOG = "Think of standing on a hill in thick fog, trying to reach the bottom."

DARTS = (
    "{opening} Picture two dart players. The first always hits the same spot, but it's a "
    "hand's width left of the bullseye: that is bias, a steady mistake. The second is centred "
    "on average but sprays darts all over the board: that is variance, a mistake that changes "
    "every throw. A very simple model is like the first player, a very flexible model like the "
    "second, and making one better usually makes the other worse. In short, we pick the model "
    "whose total miss is smallest, not the one that is perfect on either count."
)
SONGS = (
    "{opening} Think of putting every song you know on a big map, so that songs that feel alike "
    "sit close together: slow piano pieces in one corner, loud guitar tracks in another. You "
    "never wrote down why two songs are neighbours; the map just puts them there. An embedding "
    "is that map for a model: every word or product gets a spot on it, a short list of numbers, "
    "and things that mean similar things land near each other. That is how a shop can suggest a "
    "jacket close to the one you just looked at. So the one thing to remember: an embedding is a "
    "place on a map where similar things sit together."
)


@pytest.fixture(scope="module")
def general() -> StructureSpec:
    return ml_spec(GENERAL).as_whole()


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        (HILL, "Okay, gradient descent, for someone who has never trained a model."),
        (DARTS, "So, the bias-variance tradeoff, aimed at a product manager."),
        (SONGS, "Alright, embeddings, for a designer who has never touched machine learning."),
        (SONGS, "Embeddings, explained for a new analyst on the team."),
        (DARTS, "Right, bias and variance, to a product manager who has to pick a model."),
    ],
    ids=["for-someone", "aimed-at", "for-a-designer", "explained-for", "to-a-pm"],
)
def test_a_subject_named_with_its_listener_frames_the_explanation(general, text, opening):
    """ "Okay, gradient descent, for someone who has never trained a model." read as no
    framing at all ("The answer did not open with framing" quoting it), where "I'll
    explain gradient descent, for someone…" was described."""
    report, stages = explained(text.format(opening=opening, case=FOG), general)
    framing = stages["framing"]
    assert framing.depth_label == "described", framing
    # quoted at the opening, or at what the subject is where the answer says it next
    assert framing.first_at_share == 0, framing
    assert framing.depth_evidence.quote == opening or framing.depth_evidence.quote.startswith(
        "An embedding is that map"
    )
    messages = [f.message for f in report.feedback]
    assert not any(m.startswith(("No framing", "The answer did not open")) for m in messages)


def test_two_openings_of_one_explanation_score_alike(general):
    """The reported pair: 20 for "Okay, gradient descent, for someone…" against 69 for "I'll
    explain gradient descent, for someone…", the same hill analogy after each."""
    plain, _ = explained(
        HILL.format(
            opening="Okay, gradient descent, for someone who has never trained a model.", case=FOG
        ),
        general,
    )
    announced, _ = explained(
        HILL.format(
            opening="I'll explain gradient descent, for someone who has never trained a model.",
            case=FOG,
        ),
        general,
    )
    assert abs(plain.structure.score - announced.structure.score) <= 5
    assert plain.structure.score >= 60


@pytest.mark.parametrize(
    "opening",
    # the subject and how it is told, or the subject alone: no listener, no point
    ["Gradient descent, in plain words.", "Right, so gradient descent, yeah."],
)
def test_a_subject_with_no_listener_is_not_described(general, opening):
    _, stages = explained(HILL.format(opening=opening, case=FOG), general)
    assert stages["framing"].depth < 2, stages["framing"]


def test_for_with_no_listener_is_no_framing_of_its_own(general):
    """ "For the most part" and "for example" after the subject say nobody it is for."""
    for opening in (
        "Okay, gradient descent, for the most part, is a thing models do.",
        "Gradient descent, for example, is used everywhere.",
    ):
        _, stages = explained(HILL.format(opening=opening, case=FOG), general)
        assert stages["framing"].depth < 2, (opening, stages["framing"])


@pytest.mark.parametrize(
    "case",
    [
        FOG,
        "Think of a hiker on a hill in thick fog, trying to reach the bottom.",
        "Imagine you are standing on a hill in thick fog, trying to reach the bottom.",
        "Picture yourself on a hill in thick fog, trying to reach the bottom.",
        "Say you are standing on a hill in thick fog, trying to reach the bottom.",
        "To make it concrete, think of standing on a hill in thick fog, trying to reach the "
        "bottom.",
    ],
    ids=["think-of-standing", "think-of-a", "imagine", "picture", "say-you", "lead-then-think"],
)
def test_each_way_of_opening_a_case_is_the_example(general, case):
    """ "Think of standing on a hill in thick fog…" was no example ("No concrete example in
    the answer") where "Think of a hiker on a hill…" and "Imagine you are standing…" were."""
    opening = "Okay, gradient descent, for someone who has never trained a model."
    report, stages = explained(HILL.format(opening=opening, case=case), general)
    assert stages["example"].depth >= 2, stages["example"]
    assert "hill" in stages["example"].depth_evidence.quote
    assert not any(f.message.startswith("No concrete example") for f in report.feedback)


def test_a_case_opened_after_the_definition_is_the_example(general):
    """The case comes third, after what regularisation is: "Say you draw a line…"."""
    text = (
        "Regularisation, explained for a new analyst on the team. It is a way of stopping a "
        "model from fitting every little wobble in its training data. Say you draw a line "
        "through ten points on a chart. A wiggly curve can pass through every single point, "
        "but the next point you measure will land far from it. A smoother line misses a few "
        "points by a little and lands close to the next ones. In short, we trade a tiny bit of "
        "fit on old data for much better guesses on new data."
    )
    _, stages = explained(text, general)
    assert stages["example"].depth >= 2, stages["example"]
    assert stages["example"].depth_evidence.quote.startswith(
        ("Say you draw", "A wiggly", "A smoother")
    )


def test_the_point_said_after_the_analogy_frames_it_with_an_order_note(general):
    """ "I'll explain data leakage. Imagine … Data leakage means the model learned from
    information it will not have at the moment it is used. …" kept its framing named: the
    definition came after 40 % of the answer and was read as no point."""
    text = (
        "Data drift, aimed at someone on the sales team. Picture a shop that trained its new "
        "staff on how last summer's customers behaved: what they asked for, what they paid, "
        "when they came in. This winter the customers are different, they want coats, not "
        "sandals, and they shop in the evening. The staff still give last summer's advice, "
        "politely and confidently, and sales slowly drop. Nobody made a mistake on any single "
        "day. Data drift is when the world a model sees today is no longer the world it learned "
        "from, so its guesses quietly get worse. Bottom line: a model is only as current as the "
        "data it learned from."
    )
    _, stages = explained(text, general)
    assert stages["framing"].depth_label == "described", stages["framing"]
    leak = (
        "I'll explain data leakage. Imagine you are predicting which patients will get sick, "
        "and one of your columns is whether they took the medicine for that sickness. The model "
        "looks brilliant in testing, because that column basically gives away the answer. Then "
        "in the hospital it is useless, because when you need the prediction, nobody has taken "
        "the medicine yet. Data leakage means the model learned from information it will not "
        "have at the moment it is used. So in short: only train on what you would really know "
        "when you make the prediction."
    )
    report, stages = explained(leak, general)
    framing = stages["framing"]
    assert framing.depth_label == "described", framing
    assert framing.depth_evidence.quote.startswith("Data leakage means")
    late = [f for f in report.feedback if f.message.startswith("The point in a sentence came")]
    assert late, [f.message for f in report.feedback]


def test_a_definition_alone_or_a_ramble_stays_low(general):
    """What must not rise: a textbook definition with no listener, case or close, and a
    ramble that names its listener and says nothing."""
    definition = (
        "Gradient descent is an optimisation method that updates the parameters in the "
        "direction of the negative gradient of the loss. The learning rate controls the step "
        "size. Variants include stochastic, mini-batch and momentum methods, and it is used to "
        "train most neural networks."
    )
    report, stages = explained(definition, general)
    assert report.structure.score <= 20
    assert stages["example"].depth <= 1
    ramble = (
        "So, okay, overfitting, for a new analyst. It's a thing that happens a lot, models do "
        "it, and it's bad, you know, and people talk about it all the time. There are lots of "
        "ways it can happen and lots of things you can do about it, it really depends on the "
        "situation and the data and the team. Anyway it's important and you should keep an eye "
        "on it, because it can cause problems later on. And yeah, that's overfitting."
    )
    report, stages = explained(ramble, general)
    assert report.structure.score <= 35
    assert stages["example"].depth <= 1
    assert stages["summary"].depth <= 1


BAKERY = (
    "I want to explain batch size to our new product manager. Batch size is how many examples "
    "the model looks at before it updates itself once. Pretend you run a bakery and ask "
    "customers what they think of a new bread. Ask one customer at a time and you change the "
    "recipe after every opinion, jumping around. Ask fifty and average them, and each change is "
    "steadier but you change the recipe less often. {after} So the takeaway: bigger batches "
    "give steadier but fewer updates, smaller ones faster but noisier."
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (DARTS.format(opening="I'll explain bias and variance to a product manager."), 3),
        (BAKERY.format(after="A model's batch is that group of customers."), 3),
        # what follows says nothing of the case: the example is not tied back
        (BAKERY.format(after="Batch size is a setting you tune on a validation set."), 2),
    ],
    ids=["like-the-first-player", "that-group-of-customers", "no-case-words"],
)
def test_the_subject_said_as_a_part_of_the_case_ties_the_example_back(general, text, level):
    """ "A very simple model is like the first player, a very flexible model like the
    second…" after the two dart players was read as an example not tied back ("You
    described concrete example but not what it shows")."""
    _, stages = explained(text, general)
    assert stages["example"].depth == level, stages["example"]


TERMS = (
    "feature tradeoff ranking click click data metric data serving click serving serving "
    "impact drift click latency data serving model ranking drift drift tradeoff click click "
    "model user serving metric user click latency tradeoff data label model model"
)


def test_a_list_of_terms_is_no_concrete_example(general):
    """A word salad pasted as an answer was told "You named concrete example (“…metric
    click latency user tradeoff…”)"."""
    report, stages = explained(" ".join([TERMS] * 8), general)
    assert stages["example"].depth == 0, stages["example"]
    assert not any("concrete example (" in f.message for f in report.feedback)
    # a case told in words keeps its example, however many terms it names
    text = HILL.format(opening="Okay, gradient descent, for someone new to models.", case=FOG)
    _, stages = explained(text, general)
    assert stages["example"].depth >= 2, stages["example"]


SHOWER = (
    "The learning rate, for someone who has never trained a model. Think of it this way: you "
    "are adjusting the shower to the right temperature. {next} The learning rate is how far the "
    "model turns its tap after each mistake, and we pick it so training settles quickly "
    "without bouncing around. So the takeaway: the learning rate is the size of each turn of "
    "the tap."
)


@pytest.mark.parametrize(
    ("after", "least", "most"),
    [
        (
            "If you turn the tap a huge amount each time, you go from freezing to scalding and "
            "never settle. If you turn it a hair each time, you get there, but the water runs "
            "cold for ten minutes.",
            2,
            3,
        ),
        # the listener left the scene: what follows is about the model, not the shower
        (
            "You tune the model's learning rate on held-out data before training starts. It "
            "is usually a small number such as a thousandth.",
            0,
            1,
        ),
    ],
    ids=["still-in-the-shower", "back-to-the-model"],
)
def test_a_scene_told_to_the_listener_goes_on_while_they_are_in_it(general, after, least, most):
    """ "Think of it this way: you are adjusting the shower…" then "If you turn the tap a
    huge amount each time…" was an example only named: the next sentence said no word of
    the shower again."""
    _, stages = explained(SHOWER.format(next=after), general)
    assert least <= stages["example"].depth <= most, stages["example"]
