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


CHURN = (
    "we want to find subscribers likely to cancel in the next thirty days so the retention "
    "team can call them.\n"
    "the data is twelve months of logins, payments and support tickets.\n"
    "i'd use gradient boosted trees on those, trained on last year's cancellations.\n"
)


@pytest.mark.parametrize(
    "said",
    [
        # options offered with "or", none taken, nothing gained or lost
        "The classes are imbalanced, so we can use class weights or downsampling.",
        "For the imbalance we can use class weights or downsampling, because churners are "
        "only five percent of users.",
        "We could retrain daily or weekly, since behaviour changes.",
        "We can either calibrate the scores or tune the threshold, because the team can only "
        "make five hundred calls a day.",
        "We might use SMOTE or undersampling so that the model sees enough churners.",
        "You could try logistic regression or a random forest, because the table is small.",
        # a target put on a measure
        "Accuracy should be high, like more than 95%, because churn is expensive.",
        "Precision needs to be at least 90 percent so that the callers trust the list.",
        "The AUC must be above 0.85, since the business wants a good model.",
        "Recall should be around 80% because we don't want to lose customers.",
        "The hit rate has to be over seventy percent so the team keeps using it.",
        "The list should be more than ninety percent right, so nobody wastes a call.",
        # a pair named, the choice only promised
        "There are tradeoffs between precision and recall, so we need to pick a threshold.",
        "There's a tradeoff between calling more people and calling the right ones, and we'll "
        "tune it.",
    ],
)
def test_options_listed_or_a_target_set_are_no_tradeoff_weighed(spec, said):
    """Two options listed with "or", a number put on a target, or two sides named with the
    choice put off say nothing gained or lost: a tradeoff at most named, whatever reason
    follows ("accuracy should be high, like more than 95%" had read as a justified
    tradeoff, 17-19 points of a weak answer). Each is said under a heading that puts it on
    the tradeoffs, as a candidate who announces "One tradeoff." does."""
    said = CHURN + "One tradeoff.\n" + said + "\n"
    trade = _read(said, spec, "churn-prediction").structure.stage("tradeoffs")
    assert trade.depth <= 1, (trade.depth, trade.depth_evidence)


@pytest.mark.parametrize(
    ("said", "depth"),
    [
        (
            "We take class weights over downsampling, because downsampling throws away 90 % "
            "of the good traffic.",
            2,
        ),
        (
            "We could use class weights or downsampling, but downsampling throws away most "
            "of the non-churners we learn from.",
            2,
        ),
        (
            "Precision should be above 90 percent even if we miss some churners, because a "
            "wasted call costs the team more than a lost customer's discount.",
            3,
        ),
        (
            "The tradeoff is recall against trust; we lean to trust, so only very confident "
            "scores reach the callers.",
            2,
        ),
        (
            "The tradeoff is recall against the callers' trust. We lean towards trust, so "
            "only very confident scores reach the list.",
            3,
        ),
    ],
)
def test_a_tradeoff_weighed_keeps_its_depth(spec, said, depth):
    """What one side costs ("but downsampling throws away…", "even if we miss some"), an
    option set over another, or a side leaned to: weighed, with or without a number."""
    said = CHURN + "One tradeoff.\n" + said + "\n"
    trade = _read(said, spec, "churn-prediction").structure.stage("tradeoffs")
    assert trade.depth >= depth, (trade.depth, trade.depth_evidence)


PHOTOS = (
    "Users take a photo of a lamp or a jacket and we show similar products from the "
    "catalogue.\n"
    "We have about twenty million product images.\n"
)
WEAK_PHOTOS = (
    "So for visual search we take all the product images and make embeddings.\n"
    "The latency should be under 100 ms.\n"
)
WEAK_PHOTOS_END = "We can fine-tune it with triplet loss on our data.\nThen we deploy it on GPUs.\n"


@pytest.mark.parametrize(
    "said",
    [
        "Then we put the embeddings in FAISS because it is fast, and we search the nearest "
        "neighbours.",
        "Then we put the embeddings in FAISS, since it's simple, and we search the nearest "
        "neighbours.",
        "We embed the images with a CNN, like ResNet-50, because it's really good for images.",
        "We'd fine-tune a vision transformer because it works well on this kind of data.",
        "We'd train a small CNN, since they are light and easy to train.",
    ],
)
def test_a_reason_that_only_praises_the_choice_does_not_justify_it(spec, said):
    """ "FAISS because it is fast", "a CNN, because it's really good for images": a weak
    answer's model read as justified on a "because" that fits any design, and a weak
    visual-search answer outscored a medium one. The feedback says the reason is a general
    one, not that none was given."""
    report = _read(WEAK_PHOTOS + said + "\n" + WEAK_PHOTOS_END, spec, "visual-search")
    model = report.structure.stage("model")
    assert model.depth <= 2, (model.depth, model.depth_evidence)
    told = [f.message for f in report.feedback if f.metric == "structure.model"]
    assert not any("but not why" in m for m in told), told


@pytest.mark.parametrize(
    "said",
    [
        "We fine-tune ResNet-50 on pairs of user and catalogue photos, because user photos "
        "are blurry and badly lit.",
        "We embed the images with a CNN fine-tuned on user photos, because it is good at the "
        "blurry photos people take with their phones.",
        "We'd train a small CNN, since it's fast enough to run on the phone in under 30 ms.",
    ],
)
def test_a_reason_tied_to_the_problem_still_justifies_the_choice(spec, said):
    model = _read(PHOTOS + said + "\n", spec, "visual-search").structure.stage("model")
    assert model.depth == 3, (model.depth, model.depth_evidence)
