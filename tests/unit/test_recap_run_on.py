"""A recap run into the sentence before it: a speech model often writes no full stop
before "so to wrap up" (or puts it after those words instead), and the closing recap was
read as the tail of the impact sentence before it; the answer lost its summary.

The heard words, times and probabilities are tiny.en's, on an espeak-ng reading of a
development answer (``benchmarks/structure_accuracy.py --split dev --audio --run-on``)."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import StructureSpec
from assistant.scoring.structure.analysis import analyse_structure
from assistant.scoring.structure.scorers import build_scorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from rubrics import load_rubric
from speech.words import Word
from tests.support.sentences import shared_embedder

RUBRIC = load_rubric("ml-system-design")

# "…and one wrongful ban of a known streamer costs more trust than a hundred missed
# cheaters. So to wrap up: cheap then deep engine analysis, expected loss plus boosted
# trees, a reviewer queue tuned for confirm rate, and next I'd add mouse movement from"
CLOSING = [
    ("and", 187.9, 188.2, 0.95),
    ("one", 188.2, 188.41, 0.97),
    ("wrongful", 188.41, 188.77, 0.86),
    ("man", 188.77, 189.03, 0.98),
    ("of", 189.03, 189.17, 0.93),
    ("an", 189.17, 189.25, 0.74),
    ("owned", 189.25, 189.51, 0.44),
    ("trimmer", 189.51, 189.81, 0.55),
    ("costs", 189.81, 190.21, 0.30),
    ("more", 190.21, 190.55, 0.66),
    ("trust", 190.55, 190.85, 0.95),
    ("than", 190.85, 191.11, 0.89),
    ("a", 191.11, 191.21, 0.70),
    ("hundred", 191.21, 191.43, 0.96),
    ("missed", 191.43, 191.89, 0.88),
    ("cheaters", 191.89, 192.21, 0.93),
    ("so", 192.21, 192.49, 0.56),
    ("to", 192.49, 192.67, 0.88),
    ("wrap", 192.67, 192.83, 0.69),
    ("up.", 192.83, 193.25, 0.96),
    ("Cheap", 193.49, 193.63, 0.93),
    ("and", 193.63, 193.93, 0.21),
    ("deep", 193.93, 194.17, 0.68),
    ("engine", 194.17, 194.47, 0.80),
    ("analysis,", 194.47, 195.01, 0.99),
    ("expected", 195.39, 195.77, 0.90),
    ("lost", 195.77, 196.25, 0.65),
    ("lost-boosted", 196.25, 197.03, 0.47),
    ("trees,", 197.03, 197.33, 0.99),
    ("a", 197.77, 197.77, 0.92),
    ("remuer", 197.77, 198.07, 0.25),
    ("Q2", 198.07, 198.57, 0.28),
    ("for", 198.57, 198.91, 0.62),
    ("confirm", 198.91, 199.35, 0.74),
    ("rate,", 199.35, 199.69, 0.99),
    ("and", 199.85, 200.15, 0.99),
    ("next", 200.15, 200.43, 0.97),
    ("time", 200.43, 200.63, 0.49),
    ("at", 200.63, 200.95, 0.28),
    ("mouse", 200.95, 201.13, 0.30),
    ("movement", 201.13, 201.45, 0.99),
    ("from", 201.45, 201.83, 0.99),
]


@pytest.fixture(scope="module")
def spec():
    scorer, method = build_scorer(RUBRIC, shared_embedder())
    return StructureSpec(RUBRIC, scorer, method)


def texts(text: str, **kw) -> list[str]:
    words, ends = words_from_text(text)
    return [s.text for s in split_segments(words, timed=False, line_ends=ends, **kw)]


def test_a_recap_heard_run_on_opens_its_own_sentence():
    segs = split_segments([Word(*w) for w in CLOSING])
    assert [s.text.split()[-1] for s in segs] == ["cheaters", "from"]
    recap = segs[1]
    assert recap.text.startswith("so to wrap up. Cheap and deep engine analysis,")
    assert not recap.continues  # a sentence of its own, quoted from its start


def test_the_recap_is_read_as_the_summary(spec):
    segs = split_segments([Word(*w) for w in CLOSING])
    a = analyse_structure(RUBRIC, segs, spec.scorer.score(segs))
    summary = a.stage("summary")
    assert summary.depth >= 2
    assert summary.depth_segment == 1


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        (
            "churn drops for the paying users we keep and to sum up, a nightly batch job "
            "and a ranker",
            "and to sum up, a nightly batch job and a ranker",
        ),
        (
            "the clinic sees more sick people a year, in short: old bookings, a nightly list "
            "and a phone list",
            "in short: old bookings, a nightly list and a phone list",
        ),
        (
            "reviewers trust it more so overall, a cheap pass then a deep pass on the few "
            "odd accounts",
            "so overall, a cheap pass then a deep pass on the few odd accounts",
        ),
    ],
)
def test_other_recaps_run_on_open_a_sentence(text, opening):
    assert texts(text)[-1] == opening


@pytest.mark.parametrize(
    "text",
    [
        "I would like to sum up the design now with the main parts we have",
        "the overall latency has to stay under a hundred milliseconds at peak",
        "we serve short videos in short bursts to the users who scroll fast",
    ],
)
def test_the_same_words_inside_a_sentence_do_not_cut_it(text):
    assert texts(text) == [text]


def test_a_recap_said_after_a_pause_stays_as_heard():
    """ "So to wrap up." and then a real pause: the speaker closed it there."""
    words = [Word(w[0], w[1], w[2], w[3]) for w in CLOSING[:20]] + [
        Word(w[0], w[1] + 1.0, w[2] + 1.0, w[3]) for w in CLOSING[20:]
    ]
    segs = split_segments(words, breaks=[193.4])
    assert [s.text for s in segs][1] == "so to wrap up."
