"""A question that sets two aims side by side is about the goal, and one that sets two
readings side by side with no fact on it is the candidate's to take: neither is told "I
don't have a figure for that". Typed answers through a live practice session, the real
offline interviewer and the bundled sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from tests.support.interviews import live_session
from tests.support.sentences import sharing_embedder

STORY = (
    "Two years ago I built a demand forecast for our warehouses. I was responsible for the "
    "model and its weekly retraining. Offline it was much better than the old moving "
    "average, so we switched all forty warehouses to it in one go. Three weeks later the "
    "planners noticed that the orders for winter goods were far too low, because a holiday "
    "in the training data had shifted by a week. I rolled the affected categories back the "
    "same day and added a holiday calendar as a feature. Stock-outs went back to normal "
    "within a month. What I learned: switch over in stages."
)


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


def move_after(ctx, question: str, *said: str) -> str:
    session = live_session(ctx, question, 4)
    move = None
    for text in said:
        move = session.answer_text(text).move
    assert move is not None
    return move.question


@pytest.mark.parametrize(
    "asked",
    [
        "Are we optimising for engagement or for revenue, and roughly how many queries a "
        "second do we get?",
        "Do we care more about clicks or purchases, and about how many searches a second?",
        "What do we optimise for, and approximately how many queries a second is that?",
    ],
)
def test_a_choice_of_aims_gets_the_goal_and_the_figure_asked_beside_it(ctx, asked):
    """ "…engagement or revenue, and roughly how many queries a second?" was told "I don't
    have a figure for that": the word before "how many" hid the second question, and the
    goal fact, which has no figure, was held back from a question asking one."""
    text = move_after(ctx, "search-ranking", asked)
    assert "cares about purchases per search" in text, text
    assert "30,000 searches a second" in text, text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    "asked",
    [
        "When you say paying customers, do you mean the shoppers in our stores or the "
        "retailers who buy our forecasts? And is it the same holiday bug?",
        "Did it hit every warehouse or only the northern ones?",
        "Do you mean the first rollout or the second one?",
    ],
)
def test_two_readings_of_a_story_are_the_candidates_to_take(ctx, asked):
    """ "Do you mean the shoppers or the retailers?" after a story was told "I don't have a
    figure for that": no figure was asked, a reading was."""
    text = move_after(ctx, "behavioural-failure", STORY, asked)
    assert "either reading works" in text.lower(), text
    assert "figure" not in text, text


@pytest.mark.parametrize(
    "asked",
    [
        "How many warehouses were there in the second year?",
        "Is it more than a million orders a week or less?",
    ],
)
def test_a_question_for_a_figure_is_still_told_there_is_none(ctx, asked):
    """A question that asks for a figure no fact gives is still told so."""
    text = move_after(ctx, "behavioural-failure", STORY, asked)
    assert "figure" in text and "reading" not in text, text


def test_a_choice_between_aims_named_as_the_aim_gets_the_goal(ctx):
    """ "Is the aim engagement or time well spent?" asks what the business is after, not
    which reading the candidate takes."""
    text = move_after(
        ctx,
        "feed-ranking",
        "Is the aim engagement or time well spent, and about how many users are there?",
    )
    assert "Leadership cares about meaningful interactions" in text, text
    assert "300 million daily active users" in text, text
    assert "reading" not in text and "figure" not in text, text


PARKING = '''id = "parking-aim"
title = "Free parking spot prediction"
prompt = """
A city parking app wants to tell drivers, before they leave home, how likely they are to find \\
a free on-street spot near their destination when they arrive. Design the system."""
rubric = "ml-system-design"
topic = "forecasting"
difficulty = "medium"
budget_s = 300

[[facts]]
topic = "scale"
keywords = ["scale", "how many", "users", "requests", "traffic", "drivers"]
answer = "About 200,000 drivers use the app a day, roughly 50 lookups a second at the evening peak."

[[facts]]
topic = "sensors"
keywords = ["sensors", "data", "labels", "ground truth", "occupancy", "meters"]
answer = "A third of the streets have in-ground sensors that report occupancy every minute; the rest only have payment-meter records."

[[facts]]
topic = "horizon"
keywords = ["horizon", "how far", "ahead", "minutes", "arrival", "when"]
answer = "Drivers ask between 10 and 60 minutes before they arrive."

[[facts]]
topic = "TOPIC"
keywords = KEYS
answer = "What counts is drivers parking within five minutes of arriving; a wrong promise costs more trust than no promise."

[[constraint_changes]]
id = "sensor-outage"
say = "The sensor vendor goes bankrupt: from next month, no street has live sensor data."
keywords = ["sensor", "sensors", "meters", "payment", "without", "fallback", "outage", "history"]
stages = ["data", "model", "monitoring"]
met_by = ["without sensors", "meter data only", "payment records only", "no live sensor"]

[[constraint_changes]]
id = "street-level"
say = "Product now wants a probability for each block face, not each neighbourhood."
keywords = ["block", "street", "granularity", "sparse", "per block", "hierarchical", "smoothing", "neighbourhood"]
stages = ["data", "model", "metrics"]
met_by = ["per block", "each block", "block face", "block level"]

[[constraint_changes]]
id = "event-days"
say = "Stadium events make the evening predictions badly wrong; fix that."
keywords = ["event", "events", "stadium", "calendar", "concert", "game", "feature", "schedule"]
stages = ["data", "pipeline", "monitoring"]
met_by = ["event calendar", "stadium schedule", "events feature", "event days"]

[[follow_ups]]
stage = "data"
ask = "Streets without sensors have no direct label. How do you learn about them?"
answered_by = ["meter", "payment records", "transfer", "similar streets"]

[[follow_ups]]
stage = "metrics"
ask = "How would you tell that a 70% estimate is honest?"
answered_by = ["calibration", "calibrated", "brier", "reliability"]

[[follow_ups]]
stage = "model"
ask = "Why that model for a 10 to 60 minute horizon?"
answered_by = ["horizon", "because", "seasonality"]

[[follow_ups]]
stage = "monitoring"
ask = "What would tell you the predictions have drifted after launch?"
answered_by = ["drift", "monitor", "alert", "dashboard"]
'''  # noqa: E501
AIM = "What counts is drivers parking within five minutes of arriving"


@pytest.mark.parametrize(
    ("topic", "keys"),
    [
        ("success", ["success", "measure", "trust"]),
        ("business", ["business", "revenue", "trust"]),
        ("what counts", ["metric", "kpi", "trust"]),
    ],
)
@pytest.mark.parametrize(
    "asked",
    [
        "Is the aim to be right about every street, or to save drivers time?",
        "Do we care more about accuracy or about how many drivers find a spot?",
        "What matters most here, coverage of the city or being right?",
    ],
)
def test_a_choice_between_aims_gets_the_aim_stated_under_another_key(
    ctx, tmp_path, topic, keys, asked
):
    """Only a fact keyed "goal" or "objective" answered "is the aim X or Y?": a question
    file (one of the user's own, or a shipped one) that states its aim under "success",
    "business" or "metric" got "Either reading works" or the sensors fact instead."""
    import json

    from assistant.app.build import structure_spec
    from assistant.interview.session import OfflineInterviewer
    from assistant.practice.session import PracticeSession
    from prompts import load_question
    from speech.transcriber import CannedTranscriber

    text = PARKING.replace('"TOPIC"', json.dumps(topic)).replace("KEYS", json.dumps(keys))
    (tmp_path / "parking-aim.toml").write_text(text)
    q = load_question("parking-aim", [tmp_path])
    session = PracticeSession.start(
        q,
        structure_spec(ctx, None, "fraud-detection"),
        interviewer_for=OfflineInterviewer,
        transcriber=CannedTranscriber([]),
        settings=ctx.settings,
        store=None,
        max_moves=3,
    )
    session.opening()
    move = session.answer_text(asked).move
    assert move is not None and AIM in move.question, move.question
    assert "reading" not in move.question and "figure" not in move.question, move.question
    # a question on a figure is still not the aim's
    other = session.answer_text("How many drivers use the app?").move
    assert other is not None and AIM not in other.question, other.question


def design_questions() -> list[str]:
    questions = AppContext.load().questions
    return sorted(q for q, spec in questions.items() if spec.rubric == "ml-system-design")


@pytest.mark.parametrize("question", design_questions())
def test_every_design_question_tells_its_goal_when_asked(ctx, question):
    """A candidate who asks what the business is after before designing is told the
    goal, on every shipped design question: three of them said "Either reading works"
    and one answered with its subscriber count, for want of a goal to tell."""
    goal = [f for f in ctx.questions[question].facts if "goal" in {f.topic, *f.keywords}]
    assert len(goal) == 1, f"{question} states no goal"
    text = move_after(
        ctx, question, "Before I start: what is the goal here, what do we care about most?"
    )
    assert goal[0].answer in text, text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("fraud-detection", "Is the aim to block more fraud or to keep good customers happy?"),
        (
            "notification-ranking",
            "Is the aim more opens or fewer people turning notifications off?",
        ),
        ("anomaly-detection-metrics", "Is the goal to catch every incident or to page less?"),
        (
            "churn-prediction",
            "Is the objective to predict churn accurately or to save the most customers?",
        ),
    ],
)
def test_a_choice_between_two_aims_gets_the_goal_not_a_reading(ctx, question, asked):
    """ "Is the aim to block more fraud or to keep good customers happy?" was told "Either
    reading works"; the churn question was answered with the subscriber count."""
    goal = next(f for f in ctx.questions[question].facts if "goal" in {f.topic, *f.keywords})
    text = move_after(ctx, question, asked)
    assert goal.answer in text, text
    assert "reading" not in text and "figure" not in text, text
