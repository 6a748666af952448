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
) -> Evidence:
    """The words ``first``..``last`` with a little context each side, not across a
    break (``breaks``: words that end a line of a typed text, where one answer of a
    typed session ends and the next begins)."""
    last = first if last is None else last
    lo = max(0, first - before)
    hi = min(len(words), last + 1 + after)
    lo = max([lo, *(b + 1 for b in breaks if lo <= b < first)])
    hi = min([hi, *(b + 1 for b in breaks if last <= b < hi - 1)])
    text = text_of(words[lo:hi])
    prefix = "…" if lo > 0 and lo - 1 not in breaks else ""
    suffix = "…" if hi < len(words) and hi - 1 not in breaks else ""
    return Evidence(quote=f"{prefix}{text}{suffix}", start=words[lo].start if timed else None)
