"""Monitoring said as the things one watches for, listed, describes monitoring.

A checker's strong review-summary answer ended "In production I'd watch for complaints,
sudden sentiment shifts, and the share of summaries that fail the faithfulness check." and
was told "You named monitoring and iteration … but not what you would watch": "watch for"
and a list of what is watched were not read as naming anything watched. The sentences
below were written for these tests.
"""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.scoring.structure.scorers import WATCHED
from assistant.settings import Settings
from tests.support.interviews import ml_spec

ANSWER = (
    "Restaurants get reviews and we want one short summary on each restaurant page that "
    "people trust. Success is how many visitors book a table after reading it, and we also "
    "ask a few of them whether the summary matched the reviews. The data is the reviews "
    "with their stars, and I would drop the very short ones. A small classifier finds "
    "what each review says about food, service and price, then a language model writes "
    "the summary only from those counts, because that keeps it grounded. The summaries are "
    "made once a night and the page just reads them. {watch} "
    "So: count what people say, write it plainly, and check it keeps being true."
)
WATCH = [
    "After launch we watch for complaints, sudden shifts in the stars, and summaries that "
    "stop matching the reviews.",
    "After launch we look out for owner complaints, pages with no summary and angry reports.",
    "After launch we keep an eye out for spikes in reports, drops in bookings and new kinds "
    "of fake reviews.",
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


@pytest.mark.parametrize("watch", WATCH)
def test_things_watched_for_listed_describe_monitoring(spec, watch):
    text = ANSWER.format(watch=watch)
    report = analyse_text(text, Settings(), structure=spec, question="review-summarisation")
    assert report.structure.stage("monitoring").depth >= 2
    assert not any("named monitoring" in f.message for f in report.feedback)


@pytest.mark.parametrize(
    "said",
    [
        "in production i'd watch for complaints, sudden sentiment shifts, and the share of "
        "summaries that fail the faithfulness check.",
        "after launch we look out for refunds, late deliveries and angry reviews.",
        "we keep an eye out for spikes in reports and drops in bookings.",
    ],
)
def test_a_list_watched_for_names_what_is_watched(said):
    assert WATCHED.search(said)


@pytest.mark.parametrize(
    "said",
    [
        "we watch for drift.",
        "we'd monitor it for drift.",
        "we look out for problems and issues.",
        "we watch for anything strange, you know.",
        "keep an eye on it.",
        # a stage said to matter, then a comma, lists nothing watched
        "monitoring is critical, so we'll watch for drift and retrain the model when needed.",
        "monitoring is very important, we'd monitor the model and the data.",
        "then you retrain it every so often and watch if it gets worse.",
    ],
)
def test_nothing_named_is_nothing_watched(said):
    assert not WATCHED.search(said)
