"""A reason the speech model cut off with a full stop: tiny.en writes a full stop where a
speaker went straight on from a choice to why ("For the model I'd use gradient boosted
trees. Because the features are tabular…"), so the reason stood as a sentence of its own.
Read alone, it was credited to another stage (a latency reason read as the constraints,
justified) and quoted for it, and the answer read otherwise than the same words said as
one sentence. A heard sentence that opens on "because", "since", "which", "otherwise",
"so that"… with no pause after the full stop goes on with the sentence before it.

The heard words, times and probabilities are tiny.en's, on an espeak-ng reading of two
development answers (``benchmarks/structure_accuracy.py --split dev --audio``)."""

from __future__ import annotations

import pytest

from assistant.report import AudioInfo
from assistant.scoring.analyse import analyse
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.settings import Settings
from speech.vad import SpeechRegion
from speech.words import Word
from tests.support.interviews import ml_spec
from tests.unit.test_heard_fragments import said, sentences

# "…so I'd sniff inventory records to flag stock-out days, and either drop them or treat
# them as censored; otherwise the model learns to forecast low for items that often run out"
STOCKOUTS = [
    ("and", 156.44, 156.52, 0.93),
    ("either", 156.52, 156.76, 0.17),
    ("drop", 156.76, 157.06, 0.99),
    ("them,", 157.06, 157.36, 0.46),
    ("or", 157.52, 157.68, 0.99),
    ("treat", 157.68, 157.94, 0.98),
    ("them", 157.94, 158.18, 0.99),
    ("as", 158.18, 158.40, 0.92),
    ("censored.", 158.40, 158.82, 0.87),
    ("Otherwise,", 159.16, 159.40, 0.88),
    ("the", 159.58, 159.74, 0.98),
    ("model", 159.74, 159.88, 0.94),
    ("learns", 159.88, 160.32, 0.95),
    ("to", 160.32, 160.56, 0.99),
    ("forecast", 160.56, 160.92, 0.99),
    ("low", 160.92, 161.24, 0.96),
    ("for", 161.24, 161.44, 0.86),
    ("items", 161.44, 161.74, 0.94),
    ("that", 161.74, 162.10, 0.65),
    ("often", 162.10, 162.38, 0.97),
    ("run", 162.38, 162.54, 0.98),
    ("out.", 162.54, 163.02, 1.00),
]

# "…and we measure churn and net revenue after the cost of the discounts, because giving a
# 20 % discount to someone who was never going to leave is just burning money"
DISCOUNTS = [
    ("And", 101.44, 101.44, 0.91),
    ("we", 101.44, 101.54, 0.96),
    ("measure", 101.54, 101.84, 0.96),
    ("churn", 101.84, 102.22, 0.95),
    ("and", 102.22, 102.50, 0.85),
    ("add", 102.50, 102.76, 0.47),
    ("revenue", 102.76, 103.04, 0.76),
    ("after", 103.04, 103.40, 0.99),
    ("the", 103.40, 103.60, 0.99),
    ("cost", 103.60, 103.82, 0.95),
    ("of", 103.82, 104.06, 0.87),
    ("the", 104.06, 104.20, 0.92),
    ("disk", 104.20, 104.36, 0.41),
    ("comes.", 104.36, 104.60, 0.71),
    ("Because", 105.16, 106.00, 0.61),
    ("giving", 106.00, 106.32, 0.96),
    ("a", 106.32, 106.72, 0.66),
    ("20", 106.72, 106.90, 0.92),
    ("%", 106.90, 107.36, 0.82),
    ("discount", 107.36, 107.78, 0.86),
    ("to", 107.78, 108.12, 0.99),
    ("someone", 108.12, 108.48, 1.00),
    ("who", 108.48, 108.84, 0.96),
    ("was", 108.84, 109.04, 0.94),
    ("never", 109.04, 109.30, 0.96),
    ("going", 109.30, 109.58, 1.00),
    ("to", 109.58, 109.76, 1.00),
    ("leave.", 109.76, 109.94, 0.99),
]


@pytest.mark.parametrize("heard", [STOCKOUTS, DISCOUNTS])
def test_a_heard_reason_said_on_is_part_of_the_sentence_before_it(heard):
    segs = split_segments([Word(*w) for w in heard])
    assert [s.text for s in segs] == [" ".join(w[0] for w in heard)]
    assert (segs[0].start, segs[0].end) == (heard[0][1], heard[-1][2])


@pytest.mark.parametrize(
    "text",
    [
        "For the model I'd use gradient boosted trees. Because the features are tabular.",
        "We score each payment with logistic regression. Since the risk team reads its weights.",
        "Features come from a streaming job. Which means a burst of spending shows in seconds.",
        "Stock-out days are dropped. Otherwise the model learns to forecast low.",
        "We keep one percent of flagged payments unblocked. So that we learn what we missed.",
        "We retrain weekly. 'Cause the fraud patterns move that fast.",
    ],
)
def test_other_reasons_said_on_join_too(text):
    assert sentences(said(text)) == [text]


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        # a pause after the full stop: the speaker ended the sentence
        ("For the model I'd use gradient boosted trees. Because the features are tabular.", 0.9),
        # a question and its answer
        ("Why gradient boosted trees? Because the features are tabular.", 0.35),
        # the heard sentence is a question of its own
        ("We could train one model per region. Which one would you start with?", 0.35),
        # a "since" that says when, not why
        ("Clicks were flat all spring. Since launch they are up ten percent.", 0.35),
        ("We shipped the ranker in May. Since then the complaints have halved.", 0.35),
        # a "So" that opens the next step (one that draws a choice from this sentence goes
        # on with it: tests/unit/test_heard_upshots.py)
        ("We have very few labels for new scams. So, for the model, we start with rules.", 0.35),
    ],
)
def test_other_sentences_stay_apart(text, gap):
    assert len(sentences(said(text, gap))) == 2


def test_no_heard_reason_goes_on_across_answers():
    """The first words of the next answer in a session open a sentence, however soon."""
    words = said("For the model I'd use gradient boosted trees. Because the features are tabular.")
    because = next(k for k, w in enumerate(words) if w.text == "Because")
    assert len(split_segments(words, answer_starts=[because])) == 2
    assert len(split_segments(words)) == 1


def test_typed_text_keeps_the_writers_full_stops():
    words, ends = words_from_text(
        "For the model I'd use gradient boosted trees. Because the features are tabular."
    )
    assert len(split_segments(words, timed=False, line_ends=ends)) == 2


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def _depths(text: str, spec) -> tuple[int, dict[str, int]]:
    words = said(text)
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


OPENING = "Card payments need a decision before the terminal times out."
CLOSING = "We would retrain it every week on the newly confirmed fraud labels."


@pytest.mark.parametrize(
    ("choice", "reason"),
    [
        (
            "For the model I'd use gradient boosted trees",
            "because the features are tabular and we need it under ten milliseconds",
        ),
        (
            "We score each payment with a small logistic regression",
            "since it has to answer in under ten milliseconds and the risk team must read "
            "its weights",
        ),
        (
            "Features are computed in a streaming job over the last hour of card activity",
            "which means the model sees a stolen card's burst of spending within seconds",
        ),
    ],
)
def test_a_reason_heard_apart_reads_as_said_in_one_sentence(spec, choice, reason):
    """Heard apart, the reason alone was read for another stage: "Because … under ten
    milliseconds." made the constraints justified, "Which means the model sees…" the model
    justified, though the answer says neither. Heard with its choice, it is read as said."""
    one = f"{OPENING} {choice}, {reason}. {CLOSING}"
    two = f"{OPENING} {choice}. {reason[0].upper()}{reason[1:]}. {CLOSING}"
    assert _depths(two, spec) == _depths(one, spec)
