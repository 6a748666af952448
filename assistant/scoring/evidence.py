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
) -> Evidence:
    """The words ``first``..``last`` with a little context each side."""
    last = first if last is None else last
    lo = max(0, first - before)
    hi = min(len(words), last + 1 + after)
    text = text_of(words[lo:hi])
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(words) else ""
    return Evidence(quote=f"{prefix}{text}{suffix}", start=words[lo].start if timed else None)
