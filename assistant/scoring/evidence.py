"""Quotes from the transcript, with the time they were said."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.report import Evidence
from speech.words import Word, text_of


def squash(text: str) -> str:
    """Lower case, letters and digits, single spaces: how a model's quote is matched
    against the transcript, whatever its punctuation."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def quote(
    words: Sequence[Word],
    first: int,
    last: int | None = None,
    *,
    before: int = 3,
    after: int = 6,
    timed: bool = True,
    breaks: frozenset[int] = frozenset(),
    gap_s: float | None = None,
    lead_s: float | None = None,
) -> Evidence:
    """The words ``first``..``last`` with a little context each side, not across a
    break (``breaks``: words that end a line of a typed text, where one answer of a
    typed session ends and the next begins).

    ``gap_s``: the context before ``first`` does not reach back across a silence this
    long; ``lead_s``: the quote's time (where ▶ plays from) is at most this long before
    ``first`` is said. A filler's ▶ played 3-5 s of the sentence before it, and the
    silence after that, when its quote began before a 4 s pause."""
    last = first if last is None else last
    lo = max(0, first - before)
    hi = min(len(words), last + 1 + after)
    lo = max([lo, *(b + 1 for b in breaks if lo <= b < first)])
    hi = min([hi, *(b + 1 for b in breaks if last <= b < hi - 1)])
    if gap_s is not None:
        lo = max([lo, *(i for i in range(lo + 1, first + 1) if _silence(words, i) >= gap_s)])
    text = text_of(words[lo:hi])
    prefix = "…" if lo > 0 and lo - 1 not in breaks else ""
    suffix = "…" if hi < len(words) and hi - 1 not in breaks else ""
    start = words[lo].start
    if lead_s is not None:
        start = max(start, words[first].start - lead_s)
    return Evidence(quote=f"{prefix}{text}{suffix}", start=start if timed else None)


def _silence(words: Sequence[Word], i: int) -> float:
    """The silence before word ``i`` (after the word before it)."""
    return words[i].start - words[i - 1].end
