"""Depth said in everyday words, and depth a sentence does not earn.

Monitoring said as a parent would say it ("i keep an eye every week on how many people
skip…, and if it goes up by more than ten percent i retrain") is monitoring, described:
what is watched and what is done when it moves. A tradeoff needs two sides weighed:
options listed with "or", a target put on a measure, or a pair named with the choice put
off are at most named, however many numbers and "because"s they carry."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from tests.support.interviews import ml_spec


@pytest.fixture(scope="module")
def spec():
    return ml_spec().as_whole()


def _read(text: str, spec, question: str):
    return analyse_text(text, Settings(), structure=spec, question=question)


PLAYLIST = (
    "So the task is a weekly playlist for every user, thirty songs they have not heard much.\n"
    "I'd measure success by how many songs get saved and how long people listen.\n"
    "For data we have the listening history, skips and saves, plus song metadata.\n"
    "I would train a two tower model on play and skip events, then rank with LightGBM.\n"
    "The playlists are computed every Sunday night in a batch job and stored for the app.\n"
)
PHOTO_SEARCH = (
    "people take a photo and we find the product. a cnn turns photos into vectors and we "
    "find the closest ones.\n"
)
SHORT_PLAYLIST = "we make a playlist for every user.\na two tower model over play history.\n"


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            PLAYLIST,
            "After launch we keep track of the skip rate, the number of empty playlists, and "
            "the age of the catalogue features.",
        ),
        (
            SHORT_PLAYLIST,
            "i keep an eye on how many people skip songs, and if it goes up a lot i retrain.",
        ),
        (
            SHORT_PLAYLIST,
            "we keep tabs on the number of playlists nobody opens, and if that doubles we go "
            "back to last week's model.",
        ),
        (
            SHORT_PLAYLIST,
            "i keep an eye every week on how many people skip the first songs, and if it goes "
            "up by more than ten percent i retrain.",
        ),
        (
            PHOTO_SEARCH,
            "i look every week at how many searches end without a click, and if it jumps we "
            "check which categories broke.",
        ),
    ],
)
def test_monitoring_in_everyday_words_is_described_and_not_told_missing(spec, body, said):
    """What is watched, said as "keep an eye on", "keep track of", "keep tabs on", with
    what is done when it moves: the feedback must not say "You named monitoring but not
    what you would watch" under a sentence that names what is watched."""
    question = "visual-search" if body is PHOTO_SEARCH else "music-playlist"
    report = _read(body + said + "\n", spec, question)
    monitoring = report.structure.stage("monitoring")
    assert monitoring.depth >= 2, monitoring
    assert not any(
        f.metric == "structure.monitoring" and "what you would watch" in f.message
        for f in report.feedback
    )


@pytest.mark.parametrize(
    "said",
    ["and we keep an eye on it.", "we keep track of everything after launch."],
)
def test_keeping_an_eye_on_nothing_named_is_still_only_named(spec, said):
    monitoring = _read(PLAYLIST + said + "\n", spec, "music-playlist").structure.stage("monitoring")
    assert monitoring.depth <= 1, monitoring
