"""A list the speech model cut with a full stop: tiny.en heard the same reading of a
spam-filter answer once as "…something in their inbox, and how often they drag a mail out
of the junk folder." and once (in the app, live) as "…in their inbox. And how often…".
Read as two sentences, neither half described how success is measured, and the answer
was held at 10 instead of scoring about 50. A sentence that opens on "And" or "Or"
without a pause after the full stop goes on with the sentence before it.

The heard words, times and probabilities are tiny.en's (tests/unit/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.report import AudioInfo
from assistant.scoring.analyse import analyse
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.settings import Settings
from speech.vad import SpeechRegion
from speech.words import Word
from tests.support.interviews import ml_spec
from tests.unit.test_heard_fragments import said, sentences

HEARD = json.loads((Path(__file__).parent / "data" / "spam-filter-heard.json").read_text())


def heard(*stops: str) -> list[Word]:
    """The heard answer, with a full stop where it heard "…, and" after each of ``stops``
    ("inbox": "…their inbox. And how often…", as the app heard it live)."""
    words = [Word(*w) for w in HEARD["words"]]
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if w.text.rstrip(",") in stops and w.text.endswith(",") and nxt.text == "and":
            words[i] = Word(w.text[:-1] + ".", w.start, w.end, w.probability)
            words[i + 1] = Word(nxt.text.capitalize(), nxt.start, nxt.end, nxt.probability)
    return words


def test_the_heard_list_cut_by_a_full_stop_is_one_sentence():
    texts = sentences(heard("inbox"))
    assert (
        "Uhh, we count how often people press this is junk on "
        "something in their inbox. And how often they drag a male out of the junk folder."
    ) in texts


@pytest.fixture(scope="module")
def spec():
    return ml_spec()


def _score(words: list[Word], spec) -> int:
    regions = [SpeechRegion(words[0].start, words[-1].end)]
    audio = AudioInfo(path="answer-01.wav", duration_s=HEARD["duration_s"])
    report = analyse(
        words,
        regions,
        HEARD["duration_s"],
        Settings(),
        audio=audio,
        structure=spec,
        question="spam-filter",
    )
    assert report.structure is not None
    return report.structure.score


@pytest.mark.parametrize("stops", [("inbox",), ("inbox", "day")])
def test_one_heard_full_stop_does_not_hold_the_answer_at_10(spec, stops):
    """The answer says how success is measured (two online counts that should go down);
    a full stop heard in the middle of that list does not take it away."""
    as_heard = _score(heard(), spec)
    assert as_heard >= 45
    assert abs(_score(heard(*stops), spec) - as_heard) <= 5


@pytest.mark.parametrize(
    "text",
    [
        "We would track precision on the mail we flag. And recall on a labelled sample.",
        "Labels come from the report button. Or from users moving mail out of junk.",
        "Latency has to stay under fifty milliseconds. And it must run on every message.",
    ],
)
def test_a_list_said_on_after_a_full_stop_is_one_sentence(text):
    assert sentences(said(text)) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # a pause after the full stop: the speaker ended the sentence
        ("We would track precision on the mail we flag. And recall on a labelled sample.", 0.9),
        # a question, then what follows it
        ("How do we know it works? And what does a mistake cost us?", 0.35),
        # "So" and "But" open a new thought, not the next item of a list
        ("We have very few labels for new scams. So, for the model, we start with rules.", 0.35),
        ("Rules are quick to write and cheap to run. But spammers learn them fast.", 0.35),
    ],
)
def test_other_sentences_stay_apart(text):
    text, gap = text
    assert len(sentences(said(text, gap))) == 2


def test_typed_text_keeps_the_writers_full_stops():
    words, ends = words_from_text(
        "We would track precision on the mail we flag. And recall on a labelled sample."
    )
    assert len(split_segments(words, timed=False, line_ends=ends)) == 2
