"""Adapting to a change that brings more load (issue 14): a concrete way of taking it on
(more capacity, less work per request when it is too much, the work done ahead of the
peak) changes the design, in any words; a claim that the design copes, a way said under
"no", or a change made for something else does not."""

from __future__ import annotations

import pytest

from assistant.interview.adaptation import judge_texts, remedies_of
from assistant.interview.view import split_sentences
from prompts import load_question
from tests.support.interviews import ml_spec

VIDEO_DESIGN = (
    "So, for up next, I think the goal is people watch more time and they are happy. We have "
    "the history of each user, which videos he watch and how long. First we take candidate "
    "from videos similar, for example same channel or same topic, maybe one thousand. After "
    "we rank with a model, I think gradient boosting, because it is fast. We cannot score 800 "
    "million. So the candidate part use precomputed lists, for each video we store the 500 "
    "similar videos computed at night, and we look them up in a cache, that is 5 "
    "milliseconds. Then the ranker score only these 500 on CPU, around 20 milliseconds."
)
METRICS_DESIGN = (
    "We watch thousands of business metrics. For each series we fit a seasonal forecast every "
    "night and page when the value is more than four of its usual errors from the forecast. "
    "We group alerts by team so one incident pages once."
)


@pytest.fixture(scope="module")
def embedder():
    return ml_spec().embedder


def verdict(question_id: str, change_id: str, first: str, reply: str, embedder):
    q = load_question(question_id)
    change = next(c for c in q.constraint_changes if c.id == change_id)
    return judge_texts(
        change,
        split_sentences(reply),
        split_sentences(first),
        context=q.words,
        embedder=embedder,
        alternatives=[c.say for c in q.constraint_changes if c.id != change_id],
        rival_remedies=remedies_of(q.constraint_changes, change),
    )


@pytest.mark.parametrize(
    "reply",
    [
        # more capacity before the peak, and a fallback past it: none of the change's
        # listed ways ("autoscale", "load shedding"), and "game" where it said "games"
        "So the part that breaks is the ranker. Before the game we add more ranker machines, "
        "and if they are still too busy we skip the ranker and just show the cached list.",
        "Add more ranker machines before the game, and if still too busy skip the ranker and "
        "show the cached list.",
        "The ranker is the bottleneck, so I'd run three times as many ranker servers on match "
        "days, and when the queue gets long the service returns the stored similar-video list "
        "unranked.",
        # the work done ahead of the peak
        "We know when the matches are, so the night before we compute the up-next lists for "
        "the sports videos and keep them in memory; during the match the ranker only handles "
        "the other videos.",
        # less work per request once it is too much
        "If the ranker cannot keep up, we serve a simpler list, just the most watched videos "
        "right now, until the load goes down.",
        "I'd add more ranker replicas.",
    ],
)
def test_a_way_of_taking_on_the_spike_changes_the_design(reply, embedder):
    v = verdict("video-recommendation", "traffic-10x", VIDEO_DESIGN, reply, embedder)
    assert v.acknowledged and v.revised, v


def test_the_same_ways_count_for_another_question_that_brings_more_load(embedder):
    reply = (
        "We bring up ten times the workers before the new product line lands, and if the "
        "nightly fits run late we skip the refit and reuse yesterday's forecasts."
    )
    v = verdict("anomaly-detection-metrics", "ten-x-series", METRICS_DESIGN, reply, embedder)
    assert v.acknowledged and v.revised, v


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        # claims that the design copes: kept, whatever mechanism they name
        (
            "Our system is already designed for scale with caching and horizontal scaling, so "
            "a ten times spike is fine, nothing needs to change.",
            "kept",
        ),
        ("It already handles it, we have monitoring and a fallback.", "kept"),
        ("It already handles it. We have monitoring and a fallback.", "kept"),
        ("Honestly it doesn't change much for us, I'd keep the design as it is.", "kept"),
        # a way said under "no"
        ("We don't need more machines, the cache takes it.", "missed"),
        # changes for something else: "add" is no capacity
        (
            "I would also add more personalisation features, like the time of day and the "
            "device, and later try a transformer over the watch sequence to improve relevance.",
            "otherwise",
        ),
        ("I'd make it more scalable and robust so it can handle the load.", "otherwise"),
    ],
)
def test_a_claim_a_denial_or_another_change_is_not_a_way_of_taking_it_on(reply, outcome, embedder):
    v = verdict("video-recommendation", "traffic-10x", VIDEO_DESIGN, reply, embedder)
    assert not v.revised and v.outcome == outcome, v


def test_a_way_the_design_already_had_is_no_change(embedder):
    """A design that already fell back to the cached list past its budget does not adapt by
    saying so again."""
    first = VIDEO_DESIGN + " If the ranker is too slow, we serve the cached list unranked."
    reply = "If the ranker is too busy, we serve the cached list without ranking it."
    v = verdict("video-recommendation", "traffic-10x", first, reply, embedder)
    assert not v.revised, v
