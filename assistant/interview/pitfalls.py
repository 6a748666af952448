"""Mistakes that look like coverage, found in what the candidate said.

"We'd aim for 99% accuracy" names a metric, so the stage counts as covered; on a
problem where 0.2% of cases are positive it is also wrong. Each question lists its
own pitfalls (``[[pitfalls]]`` in the bank): a sentence holding a cue, and no sign
that the candidate sees the problem, is quoted back in a challenge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.interview.view import AnswerView, clauses
from assistant.scoring.fillers import HEARD_NAMES, filled_pause
from assistant.scoring.structure.cues import CueIndex, normalise_text
from prompts import Pitfall

QUOTE_WORDS = 18
"""A quote longer than this is cut to the words around the cue."""
_TURNED_DOWN = re.compile(
    r"\b(?:(?:doesn't|does not|don't|won't|wouldn't|would not|can't|cannot) fit|"
    r"too (?:slow|expensive|costly|big|heavy|large)|rules? (?:it|that|them) out|"
    r"ruled (?:it|that|them) out|not an option)\b"
)
"""The option named is turned down for what it costs ("a bigger transformer would gain a
bit of log loss, but at 25 ms it won't fit"): the candidate sees the problem."""


_GIVEN_UP = re.compile(
    r"\b(?:give up|giving up|gave up|lose|loses|losing|lost|sacrifice|sacrificing|trade off|"
    r"trading off|trade away|at the cost of|at the expense of|cost us|costs us|a bit less|"
    r"a little less|slightly less|some less)\b(?:\W+\w+){0,3}?\W+$"
)
"""Words before a cue that make it what a choice gives up ("the tradeoff is that we give
up some accuracy on sequence patterns"): the candidate weighs it, they do not aim for it."""


def _given_up(said: str, cue: str) -> bool:
    low = normalise_text(said)
    at = low.find(normalise_text(cue).strip())
    return at > 0 and bool(_GIVEN_UP.search(low[:at]))


@dataclass(frozen=True)
class PitfallHit:
    pitfall: Pitfall
    sentence: str
    quote: str


def find_pitfalls(
    pitfalls: Sequence[Pitfall], answers: Sequence[AnswerView], done: Iterable[str] = ()
) -> list[PitfallHit]:
    """The pitfalls the answers fall into, in the bank's order (one hit each), leaving out
    those in ``done`` and any whose words the speech model was unsure of."""
    skip = set(done)
    whole = " ".join(a.text for a in answers)
    hits = []
    for p in pitfalls:
        if p.id in skip:
            continue
        cues = CueIndex({"cue": p.cues, "unless": p.unless})
        if p.scope == "answer" and cues.hits(whole).get("unless"):
            continue
        for answer in answers:
            found = _first(answer, cues)
            if found is not None:
                hits.append(PitfallHit(p, found[0], quote(found[0], found[1])))
                break
    return hits


def _first(answer: AnswerView, cues: CueIndex) -> tuple[str, str] | None:
    for s in answer.sentences:
        for said in clauses(s.text):  # a statement run into the next question is quoted alone
            found = cues.hits(said)
            heard = [  # never a misheard word, nor one said as a cost
                c for c in found.get("cue", []) if s.heard(c) and not _given_up(said, c)
            ]
            if heard and not found.get("unless") and not _TURNED_DOWN.search(said.lower()):
                return said, heard[0]
    return None


def quote(sentence: str, cue: str = "") -> str:
    """The candidate's words to quote back: the sentence, or the stretch around ``cue``;
    not the "uh" it opened with ("You said “Uh, honestly, I would keep…”"), nor a
    hesitation the audio showed and the speech model did not write ("(um)"): the
    interviewer quotes words."""
    words = [w for w in sentence.strip().split() if w.rstrip(".?!,;:") not in HEARD_NAMES]
    words = " ".join(words).rstrip(".?!,;:").split()
    while len(words) > 1 and filled_pause(words[0]):
        words = words[1:]
        words[0] = words[0][:1].upper() + words[0][1:]
    if len(words) <= QUOTE_WORDS:
        return " ".join(words)
    at = 0
    first = normalise_text(cue).split()[:1]
    for i, w in enumerate(words):
        if first and normalise_text(w).split()[:1] == first:
            at = i
            break
    start = max(0, min(at - QUOTE_WORDS // 2, len(words) - QUOTE_WORDS))
    # from the start of a clause, if one opens after the cut and before the cue:
    # "…and pick the version with the best accuracy", not "…ad features, and pick…"
    opens = [i for i in range(max(start, 1), at + 1) if words[i - 1].endswith((",", ";", ":"))]
    start = opens[0] if opens else start
    cut = " ".join(words[start : start + QUOTE_WORDS])
    return (
        ("\u2026" if start else "") + cut + ("\u2026" if start + QUOTE_WORDS < len(words) else "")
    )
