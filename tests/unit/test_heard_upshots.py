"""What a sentence makes possible, or the choice drawn from it, cut off by the speech
model's full stop: tiny.en hears "…only holds addresses that eventually worked, so I'd add
synthetic errors" as "…eventually worked. So, I met synthetic errors", and the choice
stood apart from the reason that justifies it. A heard sentence that opens on "So" and
then says what the sentence before it makes possible ("So we can retrain weekly.") or what
the speaker does for that reason ("So, I add synthetic errors…"), with no pause after the
full stop, goes on with the sentence before it. A "So" that moves the answer on ("So, for
the model, …", "So I'd start with…", "So I'd also track…") still opens a sentence.

And a heading the speech model heard as a sentence of its own ("For serving. We put the
model behind an API.", said as "For serving: we put…") goes with the sentence it heads,
not with the one before it.

The heard words, times and probabilities are tiny.en's, on espeak-ng readings of two
development answers (``benchmarks/structure_accuracy.py --split dev --audio``)."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.segments import split_segments, words_from_text
from speech.words import Word
from tests.support.interviews import ml_spec
from tests.unit.test_heard_fragments import said, sentences
from tests.unit.test_heard_reasons import CLOSING, OPENING, _depths

# "That history only holds addresses that eventually worked, so I'd add synthetic errors,
# keyboard-neighbour typos, swapped postcode digits, dropped unit numbers, …"
SYNTHETIC_ERRORS = [
    ("history", 78.78, 79.10, 0.86),
    ("only", 79.10, 79.52, 0.98),
    ("holds", 79.52, 79.84, 0.54),
    ("a", 79.84, 80.02, 0.21),
    ("dress", 80.02, 80.20, 0.47),
    ("as", 80.20, 80.48, 0.38),
    ("that", 80.48, 80.62, 0.24),
    ("eventually", 80.62, 81.06, 0.80),
    ("worked.", 81.06, 81.62, 0.99),
    ("So,", 81.96, 82.04, 0.83),
    ("I", 82.12, 82.12, 0.94),
    ("met", 82.12, 82.40, 0.53),
    ("synthetic", 82.40, 82.90, 0.48),
    ("errors,", 82.90, 83.32, 0.50),
    ("keyboard", 83.62, 83.88, 0.99),
    ("neighbor", 83.88, 84.32, 0.30),
    ("typos,", 84.32, 84.84, 0.97),
    ("swapped", 85.44, 85.44, 0.86),
    ("post-cove", 85.44, 86.04, 0.32),
    ("digits,", 86.04, 86.48, 0.62),
    ("dropped", 86.94, 87.16, 0.64),
    ("unit", 87.16, 87.52, 0.98),
    ("humbers.", 87.52, 88.06, 0.76),
]

# "…high is clean but misses things, so I'd run high recall on severe types and high
# precision on minor ones"
SEVERE_TYPES = [
    ("High", 151.78, 151.94, 0.58),
    ("is", 151.94, 152.14, 0.42),
    ("clean", 152.14, 152.48, 0.99),
    ("but", 152.48, 152.78, 0.71),
    ("misses", 152.78, 153.12, 0.84),
    ("things.", 153.12, 153.58, 0.97),
    ("So,", 153.92, 154.12, 0.96),
    ("I", 154.12, 154.16, 0.93),
    ("run", 154.16, 154.38, 0.62),
    ("high", 154.38, 154.66, 0.55),
    ("recall", 154.66, 154.96, 0.83),
    ("on", 154.96, 155.26, 0.95),
    ("severe", 155.26, 155.50, 0.98),
    ("types", 155.50, 155.90, 0.92),
    ("and", 155.90, 156.38, 0.37),
    ("high", 156.38, 156.70, 0.98),
    ("precision", 156.70, 157.00, 1.00),
    ("on", 157.00, 157.30, 0.98),
    ("minor", 157.30, 157.54, 0.95),
    ("ones.", 157.54, 157.90, 0.95),
]


@pytest.mark.parametrize("heard", [SYNTHETIC_ERRORS, SEVERE_TYPES])
def test_a_choice_heard_after_its_reason_is_one_sentence(heard):
    segs = split_segments([Word(*w) for w in heard])
    assert [s.text for s in segs] == [" ".join(w[0] for w in heard)]


@pytest.mark.parametrize(
    "text",
    [
        "We retrain on the last ninety days. So we can catch seasonal shifts.",
        "The index is rebuilt every night. So the new listings can show up by morning.",
        "We keep a random holdout of one percent. So, the lift stays measurable.",
        "Nothing is sent outside our cloud account. So that we'll pass the security review.",
        "Those labels lean blatant. So I'd add synthetic cheaters to the training set.",
        "We have very few labels for new scams. So we lean on user reports first.",
    ],
)
def test_an_upshot_said_on_after_a_full_stop_is_one_sentence(text):
    assert sentences(said(text)) == [text]


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        # a pause after the full stop: the speaker ended the sentence
        ("We retrain on the last ninety days. So we can catch seasonal shifts.", 0.9),
        # a "So" that moves the answer on
        ("We log every click and purchase. So, for the model, I'd use boosted trees.", 0.35),
        ("That's the problem framed. So I'd start with the data we have.", 0.35),
        ("Recall matters more than precision here. So I think the key metric is recall.", 0.35),
        ("We watch late orders per city. So I'd also track how often people cancel.", 0.35),
        ("That covers the model. So to wrap up, two stages and a nightly retrain.", 0.35),
        ("Orders come in all day. So we need a model that answers in a second.", 0.35),
        # a question and what follows it
        ("Why not retrain daily? So we can compare weeks.", 0.35),
    ],
)
def test_a_so_that_moves_on_opens_a_sentence(text, gap):
    assert len(sentences(said(text, gap))) == 2


def test_typed_text_keeps_the_writers_full_stops():
    words, ends = words_from_text(
        "We retrain on the last ninety days. So we can catch seasonal shifts."
    )
    assert len(split_segments(words, timed=False, line_ends=ends)) == 2


@pytest.mark.parametrize(
    ("text", "heard"),
    [
        (
            "We log every order. For serving. We put the model behind an API.",
            ["We log every order.", "For serving. We put the model behind an API."],
        ),
        (
            "Labels come from chargebacks. As for the model. A boosted tree on the features.",
            ["Labels come from chargebacks.", "As for the model. A boosted tree on the features."],
        ),
        (
            "Alerts go to the on-call engineer. Data-wise. We keep ninety days of clicks.",
            ["Alerts go to the on-call engineer.", "Data-wise. We keep ninety days of clicks."],
        ),
        # a span, an amount or an aside ends the sentence before it
        (
            "We keep the raw clicks. For a year. Then we roll them up nightly.",
            ["We keep the raw clicks. For a year.", "Then we roll them up nightly."],
        ),
        (
            "We skip the deep model. For now. The trees are good enough.",
            ["We skip the deep model. For now.", "The trees are good enough."],
        ),
    ],
)
def test_a_heading_heard_apart_goes_with_the_sentence_it_heads(text, heard):
    assert sentences(said(text)) == heard


def test_a_heading_before_a_pause_stays_where_it_is():
    words = said("We log every order. For serving. We put the model behind an API.")
    at = next(k for k, w in enumerate(words) if w.text == "We" and k > 0)
    # the speaker stopped after the heading: it is said before the pause, not after
    assert sentences(words, breaks=[words[at - 1].end + 0.1]) == [
        "We log every order. For serving.",
        "We put the model behind an API.",
    ]


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


@pytest.mark.parametrize(
    ("reason", "choice"),
    [
        (
            "Confirmed fraud labels only arrive after sixty days of chargebacks",
            "so I'd add synthetic fraud cases built from last year's stolen card patterns",
        ),
        (
            "The whole payment has to clear in under a hundred milliseconds",
            "so we'd keep the model a small gradient boosted tree over cached card features",
        ),
        (
            "Card activity features are precomputed in a streaming job every minute",
            "so we can score each payment with a single key lookup",
        ),
    ],
)
def test_a_choice_heard_apart_from_its_reason_reads_as_said_in_one_sentence(spec, reason, choice):
    one = f"{OPENING} {reason}, {choice}. {CLOSING}"
    two = f"{OPENING} {reason}. {choice[0].upper()}{choice[1:]}. {CLOSING}"
    assert _depths(two, spec) == _depths(one, spec)
