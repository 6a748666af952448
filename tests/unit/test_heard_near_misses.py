"""Words the speech model hears as another word: tiny.en hears "batch" as "match", and
sure of it, so "It runs as a batch job after each game" came back as "a match job" and the
stage it described was lost, or read as another ("a match" is a game). Where the words
around it say which was meant ("a match job", "a weekly match job", "the nightly match"),
the answer is read as said; elsewhere "match" stays a match.

The heard words, times and probabilities are tiny.en's, on espeak-ng readings (170 wpm) of
a development answer (``benchmarks/structure_accuracy.py --split dev --audio``) and of the
sentences quoted above each list."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.report import AudioInfo
from assistant.scoring.analyse import analyse, analyse_text
from assistant.scoring.structure.segments import mended
from assistant.settings import Settings
from speech.vad import SpeechRegion
from speech.words import Word
from tests.support.interviews import ml_spec
from tests.unit.test_heard_fragments import said

# "it runs as a batch job after each game, scores go into the fair play queue with evidence
# attached, and prize tournaments get scored during the event, before payouts"
AFTER_EACH_GAME = [
    ("It", 143.21, 143.31, 0.96),
    ("runs", 143.31, 143.53, 1.00),
    ("as", 143.53, 143.77, 0.51),
    ("a", 143.77, 143.87, 0.99),
    ("match", 143.87, 144.11, 0.99),
    ("job", 144.11, 144.39, 0.48),
    ("after", 144.39, 144.71, 1.00),
    ("each", 144.71, 145.01, 1.00),
    ("game.", 145.01, 145.41, 1.00),
    ("Scores", 145.91, 145.91, 0.35),
    ("go", 145.91, 146.13, 0.94),
    ("into", 146.13, 146.39, 0.97),
    ("the", 146.39, 146.55, 0.84),
    ("fair", 146.55, 146.75, 0.94),
    ("play", 146.75, 147.01, 0.88),
    ("queue", 147.01, 147.27, 0.86),
    ("with", 147.27, 147.51, 0.79),
    ("evidence", 147.51, 147.85, 0.49),
    ("attached,", 147.85, 148.33, 1.00),
    ("and", 148.77, 148.89, 1.00),
    ("price", 148.89, 149.19, 0.71),
    ("tournament", 149.19, 149.55, 0.95),
    ("gets", 149.55, 150.05, 0.64),
    ("scored", 150.05, 150.33, 0.85),
    ("during", 150.33, 150.73, 1.00),
    ("the", 150.73, 150.89, 0.96),
    ("event", 150.89, 151.33, 0.61),
    ("before", 151.33, 151.81, 0.80),
    ("payouts.", 151.81, 152.27, 0.69),
]

# "Every Saturday a batch job rolls the week's transactions into one row per customer."
SATURDAY = [
    ("Every", 0.40, 1.24, 0.60),
    ("Saturday", 1.24, 1.56, 1.00),
    ("match", 1.56, 2.06, 0.86),
    ("job", 2.06, 2.34, 0.42),
    ("rolls", 2.34, 2.66, 0.66),
    ("the", 2.66, 2.84, 0.59),
    ("week", 2.84, 3.16, 0.48),
    ("transactions", 3.16, 3.80, 0.50),
    ("into", 3.80, 4.26, 0.95),
    ("one", 4.26, 4.48, 0.92),
    ("roller", 4.48, 4.78, 0.56),
    ("customer.", 4.78, 5.22, 0.49),
]

# "We score everyone in a weekly batch job and cache the results per user."
WEEKLY = [
    ("We", 0.40, 1.06, 0.78),
    ("score", 1.06, 1.30, 0.70),
    ("every", 1.30, 1.66, 0.76),
    ("one", 1.66, 1.82, 0.47),
    ("in", 1.82, 1.92, 0.98),
    ("a", 1.92, 2.08, 0.89),
    ("weekly", 2.08, 2.28, 0.99),
    ("match", 2.28, 2.62, 0.99),
    ("job", 2.62, 3.02, 0.94),
    ("and", 3.02, 3.30, 0.77),
    ("cash", 3.30, 3.56, 0.80),
    ("the", 3.56, 3.74, 0.87),
    ("results", 3.74, 4.14, 0.71),
    ("are", 4.14, 4.38, 0.21),
    ("user.", 4.38, 4.76, 0.90),
]


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def _read(words: list[Word], spec) -> tuple[int, dict[str, int]]:
    end = words[-1].end + 1.0
    report = analyse(
        words,
        [SpeechRegion(words[0].start, words[-1].end)],
        end,
        Settings(),
        audio=AudioInfo(path="answer-01.wav", duration_s=end),
        structure=spec,
        question="fraud-detection",
    )
    assert report.structure is not None
    return report.structure.score, {s.id: s.depth for s in report.structure.stages}


@pytest.mark.parametrize("heard", [AFTER_EACH_GAME, SATURDAY, WEEKLY])
def test_a_batch_job_heard_as_a_match_job_reads_as_said(spec, heard):
    """Heard as "match", the batch job was read as a game or as nothing: the weekly one
    lost the pipeline it describes, the Saturday one was read as business impact."""
    words = [Word(*w) for w in heard]
    meant = [replace(w, text=w.text.replace("match", "batch")) for w in words]
    assert _read(words, spec) == _read(meant, spec)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("It runs as a match job after each game.", "It runs as a batch job after each game."),
        ("The nightly match writes the forecasts.", "The nightly batch writes the forecasts."),
        ("Every Saturday match job rolls it up.", "Every Saturday batch job rolls it up."),
        ("We got a match window of a few hours.", "We got a batch window of a few hours."),
        ("Scoring is a daily match, then a cache.", "Scoring is a daily batch, then a cache."),
    ],
)
def test_match_is_put_back_where_the_words_around_it_say_batch(text, meant):
    words = said(text)
    out = mended(words)
    assert " ".join(w.text for w in out) == meant
    # the speech model's confidence and times are kept: a guessed word stays a guess
    assert [(w.start, w.end, w.probability) for w in out] == [
        (w.start, w.end, w.probability) for w in words
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We match jobs to seekers every night.",  # a verb
        "They'd match jobs on skills and place.",
        "Cheaters play a match after each game.",  # a game
        "The top move match rate is the signal.",
        "If hash matches drop off we retrain.",
    ],
)
def test_a_match_the_words_around_it_do_not_make_a_batch_stays(text):
    assert " ".join(w.text for w in mended(said(text))) == text


def test_a_word_the_question_asks_about_stays_as_heard():
    words = said("We run a match job that pairs each seeker with jobs.")
    question = "Design a system that matches job seekers with open jobs: how would the match work?"
    assert " ".join(w.text for w in mended(words, question)) == " ".join(w.text for w in words)


def test_typed_text_keeps_its_words(spec):
    """A typed "match job" is what the writer typed: only heard words are put back."""
    report = analyse_text(
        "It runs as a match job after each game, and scores go into the review queue.",
        Settings(),
        structure=spec,
        question="fraud-detection",
    )
    assert report.structure is not None
    quotes = [s.evidence.quote for s in report.structure.stages if s.evidence]
    assert quotes and all("batch" not in q for q in quotes)
