"""Quotes from the transcript, with the time they were said."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from assistant.report import Evidence
from speech.transcriber import Word


def squash(text: str) -> str:
    """Lower case, letters and digits, single spaces: how a model's quote is matched
    against the transcript, whatever its punctuation."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def clock(seconds: float | None) -> str:
    """m:ss (or h:mm:ss) for a time in the answer."""
    if seconds is None:
        return "--:--"
    total = int(round(max(seconds, 0.0)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds(value: float) -> str:
    """A pause length for display, rounded down to 0.1 s so that a 1.98 s pause does not
    read "2.0 s" next to a 2 s threshold it did not reach."""
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f} s"


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
    text = " ".join(w.text for w in words[lo:hi])
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(words) else ""
    return Evidence(quote=f"{prefix}{text}{suffix}", start=words[lo].start if timed else None)
