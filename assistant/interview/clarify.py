"""Clarifying questions in an answer, and the facts that answer them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.structure.cues import CueIndex
from prompts import Fact

_ASKING = re.compile(
    r"^(?:so |and |okay |ok |um |uh |well )*(?:can|could|may|should|shall) (?:i|we) assume\b"
    r"|^(?:so |and |okay |ok |um |uh |well )*(?:do|does|did|is|are|will|would|can|could|"
    r"should|how many|how much|how big|how fast|how often|what is|what's|what are|which)\b"
)


def clarifying_questions(text: str) -> list[str]:
    """Sentences that ask the interviewer something."""
    out = []
    for sentence in re.split(r"(?<=[.?!])\s+", text.strip()):
        s = sentence.strip()
        if not s:
            continue
        low = s.lower()
        if s.endswith("?") or ("assume" in low and _ASKING.search(low)):
            out.append(s)
    return out


def match_fact(
    questions: Sequence[str], facts: Sequence[Fact], revealed: Iterable[str] = ()
) -> tuple[Fact, str] | None:
    """The unrevealed fact whose keywords a question mentions most, with that question."""
    done = set(revealed)
    candidates = [f for f in facts if f.topic not in done]
    if not candidates or not questions:
        return None
    index = CueIndex({f.topic: f.keywords for f in candidates})
    best: tuple[Fact, str] | None = None
    best_hits = 0
    for q in questions:  # first question and first fact win ties
        hits = index.hits(q)
        for f in candidates:
            n = len(hits.get(f.topic, []))
            if n > best_hits:
                best, best_hits = (f, q), n
    return best
