"""Fragments the speech model cut off with a full stop: tiny.en writes a full stop where a
speaker only paused at a comma, and a piece of a sentence ("move.", "Clock time.") stood
as a sentence of its own: read alone for a stage, judged garbled alone, and quotable as
the evidence for one. A fragment said without a pause is part of the sentence before it.

The heard words, times and probabilities are tiny.en's, on an espeak-ng reading of a
development answer (``benchmarks/structure_accuracy.py --split dev --audio --run-on``)."""

from __future__ import annotations

import pytest

from assistant.scoring.structure.segments import split_segments, words_from_text
from speech.words import Word

# "data wise, per move we have position, move, clock time, plus browser signals like the
# window losing focus"
DATA = [
    ("data-wise,", 50.48, 51.18, 0.50),
    ("the", 51.48, 51.48, 0.53),
    ("move", 51.48, 51.66, 0.61),
    ("we", 51.66, 51.86, 0.92),
    ("have", 51.86, 52.10, 0.91),
    ("position,", 52.10, 52.52, 0.75),
    ("move.", 52.92, 53.16, 0.97),
    ("Clock", 53.33, 53.79, 0.33),
    ("time.", 53.79, 54.19, 0.85),
    ("Plus,", 54.67, 54.73, 0.92),
    ("rather", 54.85, 55.05, 0.09),
    ("signals", 55.05, 55.45, 0.93),
    ("like", 55.45, 55.83, 0.95),
    ("the", 55.83, 56.09, 0.52),
    ("window", 56.09, 56.23, 0.57),
    ("losing", 56.23, 56.67, 0.81),
    ("focus", 56.67, 57.05, 0.90),
]


def said(text: str, gap: float = 0.35) -> list[Word]:
    """Words said one after another, ``gap`` of silence after each full stop."""
    out: list[Word] = []
    at = 0.0
    for t in text.split():
        out.append(Word(t, at, at + 0.25, 0.95))
        at += 0.3 + (gap if t.endswith((".", "?")) else 0.0)
    return out


def sentences(words: list[Word], **kw) -> list[str]:
    return [s.text for s in split_segments(words, **kw)]


def test_a_heard_fragment_is_part_of_the_sentence_before_it():
    segs = split_segments([Word(*w) for w in DATA])
    assert [s.text for s in segs] == [
        "data-wise, the move we have position, move. Clock time.",
        "Plus, rather signals like the window losing focus",
    ]
    # the joined sentence keeps each word's own confidence, in order
    assert segs[0].probabilities == (0.50, 0.53, 0.61, 0.92, 0.91, 0.75, 0.97, 0.33, 0.85)
    assert (segs[0].start, segs[0].end) == (50.48, 54.19)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "We keep the last ninety days of clicks. Per user. Then we roll them up nightly.",
            "We keep the last ninety days of clicks. Per user.",
        ),
        (
            "The model is a ranker over the candidates. Mostly tree based. It is retrained "
            "every week.",
            "The model is a ranker over the candidates. Mostly tree based.",
        ),
        (
            "Alerts go to the on-call engineer, um. Within minutes. The dashboard shows drift.",
            "Alerts go to the on-call engineer, um. Within minutes.",
        ),
    ],
)
def test_other_fragments_said_on_join_too(text, joined):
    assert sentences(said(text))[0] == joined


@pytest.mark.parametrize(
    "text",
    [
        "Is this chess.com scale? I assume yes. Around ten million games a day.",
        "We could retrain every night on the new labels. Yes. That keeps it fresh enough.",
        "The data side is covered now. Okay. Next comes the model we would train.",
        "Do we need it in real time? No. A nightly batch job is enough for this.",
        "What does the model see at serving time? Two things. The query and the user.",
    ],
)
def test_an_answer_a_question_or_a_word_said_on_its_own_stays_a_sentence(text):
    """ "Yes." after a statement, a question and what answers it, an "Okay." said on its own."""
    assert " ".join(sentences(said(text))) == text
    assert len(sentences(said(text))) == 3


def test_a_fragment_after_a_real_pause_stays_a_sentence():
    words = said("We keep the last ninety days of clicks. Per user. Then we roll them up.", 0.9)
    assert sentences(words)[:2] == ["We keep the last ninety days of clicks.", "Per user."]


def test_typed_text_keeps_the_writers_full_stops():
    """A typed heading ("Two steps.") is the writer's own sentence, not a mis-heard one."""
    words, ends = words_from_text(
        "The system has two parts. Two steps. First we retrieve, then we rank."
    )
    assert sentences(words, timed=False, line_ends=ends) == [
        "The system has two parts.",
        "Two steps.",
        "First we retrieve, then we rank.",
    ]
