"""Clarifying questions in an answer, and the facts that answer them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.scoring.structure.cues import CueIndex, normalise_text
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


def match_facts(
    questions: Sequence[str],
    facts: Sequence[Fact],
    revealed: Iterable[str] = (),
    context: str = "",
) -> tuple[list[tuple[Fact, str]], bool]:
    """Facts the candidate's questions ask about, best first (at most one per question),
    and whether some question was about a fact already given.

    A keyword counts by how distinctive it is: one listed under several facts, or
    already in the interview question itself ("documents" in a question about
    documents), says little about which fact is wanted.
    """
    done = set(revealed)
    if not questions or not facts:
        return [], False
    listed: dict[str, int] = {}
    for f in facts:
        for k in set(f.keywords):
            listed[k] = listed.get(k, 0) + 1
    prompt = normalise_text(context)
    index = CueIndex({f.topic: f.keywords for f in facts})
    picked: list[tuple[Fact, str]] = []
    asked_again = False
    for q in questions:
        hits = index.hits(q)
        scored = []
        for f in facts:
            weight = sum(
                (0.5 if f" {normalise_text(k).strip()} " in prompt else 1.0) / listed[k]
                for k in hits.get(f.topic, [])
            )
            if weight > 0:
                scored.append((weight, f))
        if not scored:
            continue
        best_weight = max(w for w, _ in scored)
        best = next(f for w, f in scored if w == best_weight)
        if best.topic in done:
            asked_again = True
        elif all(best.topic != f.topic for f, _ in picked):
            picked.append((best, q))
    return picked, asked_again


def match_fact(
    questions: Sequence[str], facts: Sequence[Fact], revealed: Iterable[str] = ()
) -> tuple[Fact, str] | None:
    """The best unrevealed fact for the first question that asks about one."""
    picked, _ = match_facts(questions, facts, revealed)
    return picked[0] if picked else None
