"""Scripts for test recordings: what is said, how fast, and where the silences are."""

from __future__ import annotations

import re

from tests.support.synth import Say, Silence

FEED_ANSWER = [
    "Before choosing anything, I want to pin down what the feed is optimising for.",
    "I would rank posts for each member by the chance they engage in a meaningful way.",
    "The request budget is around two hundred milliseconds for the whole page.",
    "Candidates come from follows, groups, and a retrieval model over embeddings.",
    "A light model filters thousands of candidates down to a few hundred.",
    "Then a heavier ranker scores those with features about the author and the post.",
    "We train on impressions with clicks, comments and long dwell as positives.",
    "Offline we compare normalised discounted gain, online we run an experiment.",
    "Finally I would watch for feedback loops that keep showing the same creators.",
]


def accuracy_script(wpm: int, voice: str) -> list[Say | Silence]:
    """Fluent speech with silences of known length: short, thinking, and long
    (between sentences and mid-clause), plus leading and trailing silence."""
    s = FEED_ANSWER
    return [
        Silence(1.5),
        Say(s[0], wpm, voice),
        Silence(0.5),
        Say(s[1], wpm, voice),
        Silence(2.6),  # long, between sentences
        Say(s[2], wpm, voice),
        Silence(1.4),  # thinking
        Say(s[3], wpm, voice),
        Silence(0.4),
        Say("A light model filters thousands of candidates", wpm, voice),
        Silence(3.4),  # long, mid-clause
        Say("down to a few hundred.", wpm, voice),
        Silence(0.6),
        Say(s[5], wpm, voice),
        Silence(6.0),  # long
        Say(s[6], wpm, voice),
        Silence(0.5),
        Say(s[7], wpm, voice),
        Silence(2.1),  # just long
        Say(s[8], wpm, voice),
        Silence(2.0),
    ]


# (sentence, fillers in it): filled pauses, discourse markers, and traps that are not fillers
FILLER_LINES: list[tuple[str, int]] = [
    ("Um, so the first thing I would like to do is clarify the scope.", 1),
    ("We have, uh, about ten million users a day.", 1),
    ("The model should be, like, really fast at serving time.", 1),
    ("It looks like a ranking problem to me.", 0),
    ("You know, latency matters more than anything here.", 1),
    ("Uh, what kind of model would work?", 1),
    ("We would, um, log every impression and, uh, every click.", 2),
    ("I would like to monitor drift every day.", 0),
    ("The labels are, you know, kind of noisy.", 2),
    ("Basically we retrain the model every week.", 1),
    ("Um, and then we roll it out slowly.", 1),
    ("That sort of rollout is safe, uh, in my experience.", 1),
]


def filler_script(wpm: int, voice: str) -> list[Say | Silence]:
    script: list[Say | Silence] = [Silence(0.8)]
    for text, _ in FILLER_LINES:
        script += [Say(text, wpm, voice), Silence(0.7)]
    return script


# Fluent text with no fillers, long enough to span several 30 s decoding windows
FLUENT_PARAGRAPHS = [
    "Search ranking for a marketplace starts with understanding what a good result means "
    "for a buyer, which is usually a purchase or at least a click that leads to a long visit.",
    "The catalogue holds tens of millions of listings, and sellers edit titles and prices "
    "all day, so the index has to absorb updates within minutes.",
    "Retrieval combines a lexical index with an embedding index, and their candidates are "
    "merged before a ranking model orders the top few hundred.",
    "The ranking model uses query features, listing features such as price and seller "
    "rating, and features that describe how the two match.",
    "Labels come from search logs, but positions bias them, so clicks near the top of the "
    "page are discounted before training.",
    "Before launch the new ranker runs in an interleaving experiment against the current "
    "one, and we only ship if purchases per search go up.",
    "After launch, dashboards track latency, empty result rates, and the share of queries "
    "where nobody clicks anything at all.",
]


def fluent_script(wpm: int, voice: str) -> list[Say | Silence]:
    script: list[Say | Silence] = [Silence(0.5)]
    for text in FLUENT_PARAGRAPHS:
        script += [Say(text, wpm, voice), Silence(0.6)]
    return script


SPARSE_SENTENCES = [
    "The first step is to agree on the goal of the system.",
    "Next I would look at which data we can actually use.",
    "Then a simple baseline model before anything fancy.",
    "Finally we decide how to roll it out safely.",
]


def sparse_script(wpm: int, voice: str) -> list[Say | Silence]:
    """Sentences separated by very long silences, as when a candidate stops to think."""
    script: list[Say | Silence] = [Silence(1.0)]
    for i, text in enumerate(SPARSE_SENTENCES):
        script += [Say(text, wpm, voice), Silence(9.0 if i % 2 == 0 else 12.0)]
    return script


_FILLED_PAUSE = re.compile(r"^(?:um|uh|hmm|erm)[,.]?$", re.IGNORECASE)

# Held out from the tests: the benchmark's own lines, with look-alikes that are not fillers
FILLER_LINES_HELD_OUT: list[tuple[str, int]] = [
    ("So the model ranks every post by its recency.", 0),  # "so" opening a sentence
    ("Hmm, the cache is like glue between the services.", 1),  # comparative "like"
    ("It seemed like a good idea, uh, at the time.", 1),
    ("We, um, we shard the index by user.", 1),
    ("I would like more labels, but, uh, they cost money.", 1),
    ("Uh, the recall was, like, terrible on new items.", 2),
    ("So, um, what happens when the feature store is down?", 1),
    ("You know, I gave her the numbers and, hmm, she agreed.", 2),
]


def filler_script_timed(
    wpm: int, voice: str, lines: list[tuple[str, int]] = FILLER_LINES
) -> list[Say | Silence]:
    """:func:`filler_script` with every filled pause ("um", "uh", "hmm") said on its own,
    so that its start and end are known exactly (espeak-ng phrases each piece apart)."""
    script: list[Say | Silence] = [Silence(0.8)]
    for text, _ in lines:
        piece: list[str] = []
        for token in text.split():
            if _FILLED_PAUSE.match(token):
                if piece:
                    script.append(Say(" ".join(piece), wpm, voice))
                    piece = []
                script.append(Say(token, wpm, voice))
            else:
                piece.append(token)
        if piece:
            script.append(Say(" ".join(piece), wpm, voice))
        script.append(Silence(0.7))
    return script


def is_filled_pause_piece(text: str) -> bool:
    return bool(_FILLED_PAUSE.match(text))


# The held-out lines' patterns in other words (a filler after a sentence-opening "So,",
# "hmm" mid-sentence, comparative "like"), for tuning without reading the held-out lines
FILLER_LINES_TWIN: list[tuple[str, int]] = [
    ("So the service scores each request on its own.", 0),  # "so" opening a sentence
    ("Hmm, the queue is like a buffer between the two jobs.", 1),  # comparative "like"
    ("It felt like a safe choice, uh, for the first version.", 1),
    ("They, um, they retrain the ranker every night.", 1),
    ("I would like fresher features, but, uh, they are expensive.", 1),
    ("Uh, the precision was, like, awful on rare classes.", 2),
    ("So, um, how do we recover when the cache is cold?", 1),
    ("You know, I showed him the dashboard and, hmm, he nodded.", 2),
]
