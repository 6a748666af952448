"""Serving said as work done ahead of the request, in everyday words, is serving.

A checker's strong search answer in plain non-native words said its serving as "it must
answer in like 200 milliseconds, so the features of products we compute before, at night,
and only the query features live": read as the pipeline and the latency budget, it left
deployment and serving "in passing" and the answer at 36. Precomputing, or scoring in a
batch, is how predictions reach people within their budget. The answers below were written
for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.depth import reaches, speaks_for
from assistant.scoring.structure.scorers import COMPUTED_AHEAD
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.service import analysis_of
from assistant.settings import Settings
from tests.support.interviews import ml_spec

JOBS_PLAIN = (
    "ok so people look for a job and we show them the jobs they most likely apply to and get "
    "an answer from. the number i care is how many seekers get a reply from a company in two "
    "weeks, not only clicks, because clicks on jobs that never answer make people angry. we "
    "learn from old applications: applied and got a reply is good, shown and skipped is bad. "
    "we find maybe a thousand jobs that fit the title and the city, then a tree model sorts "
    "them with things like the salary, the distance and how often the company answers. "
    "{serving} "
    "to check it, first on last month's applications, then half the seekers get the new list "
    "and we compare the replies. after, every week we look at replies per application, and "
    "if it drops we retrain."
)
SERVING = [
    # the same serving choice, said in several plain ways
    "the list must come in under 100 milliseconds, so the scores for each seeker we calculate "
    "before, in the night, and only the new jobs of today are scored live.",
    "it has to be fast, like 80 ms, so we prepare the lists the night before and when a "
    "seeker opens the page we only look them up.",
    "to stay under 100 milliseconds the heavy part is computed ahead of time, and only the "
    "last sort runs live.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _structure(spec, text):
    return analyse_text(text, Settings(), structure=spec, question="job-matching").structure


def _read(spec, sentence):
    """The answer with ``sentence`` as its serving, and where that sentence is."""
    words, ends = words_from_text(JOBS_PLAIN.format(serving=sentence))
    segments = split_segments(words, timed=False, line_ends=ends)
    a = analysis_of(
        segments,
        spec.rubric,
        spec.scorer,
        spec.question_text("job-matching"),
        spec.depth_reader,
    )
    at = next(i for i, s in enumerate(a.segments) if sentence[:30] in s.text)
    return a, at


def _says(a, at, stage, level=2):
    args = (a.rubric, a.segments, a.strengths, a.alone, a.substances)
    return speaks_for(at, stage, *args) and reaches(
        at, stage, level, a.segments, a.strengths, a.substances
    )


@pytest.mark.parametrize("serving", SERVING)
def test_work_computed_ahead_for_a_later_request_is_serving(spec, serving):
    a, at = _read(spec, serving)
    assert _says(a, at, "deployment")
    assert _structure(spec, JOBS_PLAIN.format(serving=serving)).stage("deployment").depth >= 2


def test_computed_ahead_because_of_the_budget_justifies_serving(spec):
    a, at = _read(spec, SERVING[0])
    assert _says(a, at, "deployment", 3)


@pytest.mark.parametrize(
    "said",
    [
        "it must answer in like 200 milliseconds, so the features of products we compute "
        "before, at night, and only the query features live.",
        "the recommendations are calculated in advance every night, so when someone opens "
        "the page there is nothing to wait for.",
        "the scores for all sellers we make at night, so the checkout does not wait on the model.",
        "we precompute the item vectors so the lookup takes a few milliseconds.",
    ],
)
def test_computed_ahead_and_read_at_request_time(said):
    assert COMPUTED_AHEAD.search(said.lower())


@pytest.mark.parametrize(
    "said",
    [
        # a schedule with no request it serves is the pipeline's
        "Every night we compute the features from the day's logs.",
        "We compute the aggregates before training, at night.",
        "we train the model at night on the last 30 days.",
        # a budget alone, or a check before launch, is no way of serving
        "it must answer in 200 milliseconds.",
        "before launch we compute the metrics on old data and check latency under load.",
        "to check it, first offline with ndcg on old searches, then a/b test on purchases.",
    ],
)
def test_a_schedule_or_a_budget_alone_is_not_serving_ahead(said):
    assert not COMPUTED_AHEAD.search(said.lower())


def test_a_nightly_feature_job_stays_the_pipeline(spec):
    a, at = _read(spec, "every night we compute the salary and distance features from the logs.")
    assert not _says(a, at, "deployment", 1)
    assert _says(a, at, "pipeline")
