"""A stage said in a sentence that reads as another stage is credited where it belongs
(issue 14): how big the problem is ("millions of jobs") is a limit the design lives
within, not its business impact; a latency budget said while describing the serving is a
constraint as well; and an answer to "how does this design move the numbers the business
cares about?" that also says how it would be measured answers the impact. The answers
below were written for these tests."""

from __future__ import annotations

import pytest

from assistant.practice.session_report import answers_report
from assistant.scoring.analyse import StructureSpec, analyse_text
from assistant.scoring.structure.scorers import build_scorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.serving import serving
from assistant.settings import Settings
from prompts import load_questions
from rubrics import load_rubric
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")


@pytest.fixture(scope="module")
def spec():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    texts = {q.id: q.asked for q in load_questions().values()}
    return StructureSpec(RUBRIC, scorer, method, question_texts=texts)


def rows(spec: StructureSpec, text: str) -> list[dict[str, float]]:
    words, ends = words_from_text(text)
    return spec.scorer.read(split_segments(words, timed=False, line_ends=ends)).in_context


JOBS = (
    "We want to show each job seeker a short list of open jobs they are likely to apply to "
    "and get an interview from, not just click. I would measure applications that lead to an "
    "employer reply per seeker, and offline recall at fifty for retrieval and NDCG for "
    "ranking. There are millions of jobs and each posting lives only a few weeks, so cold "
    "start on new jobs matters a lot.\n"
    "For data, positives are applications that got a reply, clicks are weak positives, and "
    "jobs shown and skipped are negatives. I would use two stages: a two tower model that "
    "embeds seekers from their profile and history and jobs from title, skills and location, "
    "with an approximate nearest neighbour index for retrieval, then a gradient boosted "
    "ranker on a few hundred candidates with features like skill overlap, distance and "
    "salary fit.\n"
    "New jobs get embedded from their text the moment they are posted, so they can be "
    "retrieved before anyone has applied. I would serve the ranker behind an API with a "
    "fifty millisecond budget and cache the seeker embedding for a day."
)


@pytest.mark.parametrize(
    "scale",
    [
        "There are millions of jobs and each posting lives only a few weeks, so cold start "
        "on new jobs matters a lot.",
        "We have tens of millions of products and most of them stay on sale for a month, so "
        "fresh items matter a lot.",
        "There are hundreds of thousands of listings and most sell within days, so freshness "
        "really matters here.",
        "There are billions of photos and new ones arrive all day, so keeping up matters.",
    ],
)
def test_a_sentence_on_how_big_the_problem_is_states_a_limit_not_the_impact(spec, scale):
    """ "There are millions of jobs and each posting lives only a few weeks, so cold start
    on new jobs matters a lot." read to the sentence model as the business impact (for
    what "matters"), and the report quoted it as the impact while the constraints came up
    only in passing."""
    row = rows(spec, f"We want to recommend things people will buy. {scale}")[1]
    assert serving(row, "constraints"), row
    assert row.get("impact", 0.0) == 0.0, row


@pytest.mark.parametrize(
    "worth",
    [
        "With millions of seekers, even a small lift in conversion is worth millions in "
        "revenue a year.",
        "With 200 million users, every bad match means someone leaves without buying.",
        "There are millions of sellers whose income depends on being found.",
        "There are millions of listings and stale ones frustrate buyers.",
    ],
)
def test_an_impact_sentence_that_says_the_scale_stays_the_impact(spec, worth):
    """Must not change: what the scale is worth, said as the outcome it moves, whom a
    mistake reaches or what it costs them, is still the impact."""
    row = rows(spec, f"We want to recommend things people will buy. {worth}")[1]
    assert serving(row, "impact"), row


@pytest.mark.parametrize(
    "serve",
    [
        "I would serve the ranker behind an API with a fifty millisecond budget and cache the "
        "seeker embedding for a day.",
        "We deploy the ranker as a microservice behind the API gateway with a thirty "
        "millisecond budget, and precompute item embeddings nightly.",
        "I would put the model in a container behind a load balancer with a 200 ms budget "
        "and cache popular queries.",
        "The ranker is deployed as a microservice behind the gateway and must respond in "
        "under 50 ms, with blue green deploys and a canary.",
    ],
)
def test_a_latency_budget_said_while_serving_counts_for_the_constraints_too(spec, serve):
    """ "I would serve the ranker behind an API with a fifty millisecond budget…" was
    credited to the deployment only: the budget it names is a constraint as well. The
    sentence still counts for the deployment."""
    row = rows(spec, f"We want to recommend things people will buy. {serve}")[1]
    assert serving(row, "constraints"), row
    assert serving(row, "deployment"), row


def test_serving_that_names_no_budget_is_not_a_constraint(spec):
    row = rows(
        spec,
        "We want to recommend things people will buy. The ranker runs behind an API on the "
        "web servers and the scores are cached for a day.",
    )[1]
    assert serving(row, "deployment"), row
    assert not serving(row, "constraints"), row


def test_the_limits_of_a_job_answer_are_its_constraints_not_its_impact(spec):
    """The whole answer: constraints came up only in passing (35/100) and the scale
    sentence was the impact's quote."""
    structure = analyse_text(JOBS, Settings(), structure=spec, question="job-matching").structure
    constraints = structure.stage("constraints")
    assert constraints.depth >= 2
    assert constraints.depth_evidence.quote.startswith("There are millions of jobs")
    assert structure.stage("impact").depth == 0


VISUAL = (
    "The user takes a photo of a lamp and we show lamps like it from our catalogue within a "
    "second. An image embedding network puts user photos near catalogue photos of the same "
    "product, and a nearest neighbour index finds the top hundred."
)
IMPACT = "How does this design move the numbers the business or the users care about?"


def follow_up_answered(spec: StructureSpec, answer: str, stage: str, question: str):
    """The structure of a visual-search session whose second answer, ``answer``, was said
    to a follow-up on ``stage`` that asked ``question``."""
    return answers_report(
        [VISUAL, answer], Settings(), spec, "visual-search", [None, (stage, question, "follow_up")]
    ).structure


@pytest.mark.parametrize(
    "answer",
    [
        "More shoppers who search by photo find the exact item and buy it, so conversion "
        "from visual search goes up; I would show it with an A/B test against text search "
        "only, measuring purchases per session.",
        "Shoppers who photograph a jacket find that very jacket and buy it, so conversion "
        "from the camera button climbs; I would show it with an A/B test against plain text "
        "search, counting purchases per session.",
        "Buyers see the exact product and order it, so sales from photo searches go up; I "
        "would confirm it with a split test, measuring orders per search.",
        "Users find the item they photographed instead of giving up, so conversion rises; "
        "we would run an A/B test and measure purchases per visit.",
    ],
)
def test_an_answer_to_the_impact_follow_up_that_says_how_to_measure_it_is_the_impact(spec, answer):
    """Asked how the design moves the business's numbers, "…so conversion from visual
    search goes up; I would show it with an A/B test…" reads as a whole as the success
    metrics and shares no word with the question: the report said there was no business
    and user impact in the answer. Unasked, the same words are still the metrics."""
    asked = follow_up_answered(spec, answer, "impact", IMPACT)
    impact = asked.stage("impact")
    assert impact.depth >= 2, impact
    assert impact.depth_evidence.quote in answer or answer.startswith(
        impact.depth_evidence.quote.rstrip("…")
    )
    assert asked.stage("metrics").depth >= 2


def test_a_metrics_answer_to_a_metrics_follow_up_stays_the_metrics(spec):
    """Must not change: a sentence said to "how would you know it works?" that measures
    conversion is the metrics, and earns the impact nothing."""
    answer = (
        "Offline I would use recall at ten on user photos matched to products, and online "
        "the share of photo searches that end in an add to cart."
    )
    asked = follow_up_answered(spec, answer, "metrics", "How would you know it works?")
    assert asked.stage("metrics").depth >= 2
    assert asked.stage("impact").depth == 0


def test_an_answer_that_does_not_touch_the_impact_earns_it_nothing(spec):
    """Must not change: said to the impact follow-up, a sentence on the model answers
    something else."""
    answer = "I'd fine tune the ResNet on our own catalogue photos because they are cleaner."
    asked = follow_up_answered(spec, answer, "impact", IMPACT)
    assert asked.stage("impact").depth == 0
