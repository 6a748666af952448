"""The offline interviewer does not ask for what was just said: a question put to it in
the middle of a longer answer is answered, and a probe is not one the candidate's own
sentence already answers. Typed answers, the real offline interviewer, the bundled
sentence model."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext
from assistant.interview.clarify import clarifying_questions
from tests.support.sentences import sharing_embedder
from tests.unit.test_interviewer_listens import first_move, session_moves

GOAL = "We want more completed rides and healthy driver earnings"


@pytest.fixture(scope="module")
def ctx() -> AppContext:
    return sharing_embedder(AppContext.load())


@pytest.mark.parametrize(
    "answer",
    [
        "Okay so this is surge pricing for rides. First I want ask, what is the goal of the "
        "company, is it more money or more rides finish? I think we predict demand and supply "
        "per area every few minutes and set a multiplier.",
        "So we set prices for rides when demand is high. Before I go on, what does the company "
        "want most here, revenue or completed trips? I would forecast demand per zone and raise "
        "the price where drivers are short.",
        "We need a price multiplier per area. My question is what we optimise, the profit or the "
        "number of rides finished? Then I forecast demand with a boosted tree and set the "
        "multiplier from a table.",
    ],
)
def test_a_question_on_the_goal_inside_a_longer_answer_is_answered(ctx, answer):
    """Seen in the app: "First I want ask, what is the goal of the company, is it more
    money or more rides finish?" in the middle of an answer was passed over (the next
    sentence, "I think we predict…", was read as its answer), and when it was heard, the
    ride count answered it ("rides" is one of the options offered, not what is asked)."""
    text = first_move(ctx, "dynamic-pricing", answer, max_moves=3)
    assert GOAL in text, text
    assert "10 million rides a day" not in text, text


@pytest.mark.parametrize(
    "said",
    [
        "So what is the goal here, is it revenue or rides? I think rides, because drivers need "
        "trips.",
        "What do we optimise? We optimise completed rides, since that keeps both sides happy.",
        "What is the best model here? I think gradient boosting, because the data is tabular.",
        "Should we optimise precision or recall? I think recall matters more since missing fraud "
        "is costly.",
    ],
)
def test_a_question_the_candidate_answers_at_once_is_still_not_put(said):
    """A choice the next sentence picks from, and a question whose words the next
    sentence takes up, are the candidate's own: nothing is put to the interviewer."""
    assert clarifying_questions(said) == []


ETA = (
    "We predict minutes until the food arrives, shown before ordering and updated while "
    "waiting, and success is fewer orders more than ten minutes late. There are about four "
    "million orders a day and the list page must load in 200 ms. For data, we have the real "
    "delivery times from past orders and the courier GPS pings, plus the restaurant marking "
    "when food is ready, but that button is often pressed late so I would not trust it much. "
    "I would predict prep time and travel time separately with gradient boosted trees, because "
    "the legs behave differently. Features like kitchen load and traffic come from Kafka into "
    "a feature store. {serving} After launch I would watch how late we are per city every hour."
)


@pytest.mark.parametrize(
    "serving",
    [
        "We precompute prep estimates per restaurant every minute and serve in one batched call.",
        "Prep estimates are precomputed per restaurant every minute and served in one batch.",
        "We keep prep estimates per zone in memory and serve all fifty in one call.",
    ],
)
def test_a_probe_does_not_ask_for_what_the_sentence_it_quotes_says(ctx, serving):
    """Seen in the app: "Going back to “Serving: precompute user and ad embeddings, score
    candidates in one batch on CPU”: … What runs per request, and what is computed ahead of
    time?" quoted the answer to its own question; the bank question on serving fifty ETAs
    in time is not put after a sentence that says how, the sentence's "why" is."""
    _, moves = session_moves(ctx, "eta-prediction", [ETA.format(serving=serving)] + ["ok"] * 5, 6)
    asked = " ".join(m.question for m in moves)
    assert "How do you serve that many predictions in time?" not in asked, asked


ETA_DESIGN = (
    "We predict minutes until the food arrives with gradient boosted trees on distance, "
    "kitchen load and the courier's live GPS position, served from an in-memory feature store."
)


@pytest.mark.parametrize(
    "asked",
    [
        "Is that for all couriers or only on one kind of phone? Either way, with pings every "
        "minute I would lean more on the route.",
        "Does this hit every city at once, or only some of them?",
        "Is the update already rolled out to everyone?",
    ],
)
def test_a_question_on_the_change_no_fact_covers_is_given_back_to_read(asked):
    """Seen in the app: "Is that for all couriers or only on one kind of phone?" about "courier
    GPS now arrives every 60 seconds at best" got "Good question." and the change again,
    word for word, as if that answered it: where the change says nothing of it, the
    candidate is told to take it as they understand it and say their reading."""
    from tests.support.interviews import ml_spec
    from tests.unit.test_interview import move_after_a_change

    move, change = move_after_a_change(
        ml_spec(),
        "eta-prediction",
        "gps-loss",
        "How would you notice ETAs going wrong?",
        (ETA_DESIGN, "I would watch the error per city every hour.", asked),
    )
    assert move.reply is not None, move
    assert "your reading" in move.reply, move.reply
    assert not move.reply.startswith("Good question"), move.reply
