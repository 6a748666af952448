"""Split a transcript into sentence-like segments with times.

Whisper usually punctuates, but not always: fast or disfluent speech comes
back as long run-ons, and typed notes may have no punctuation at all. Segments
end at sentence punctuation, at a pause of ``pause_s`` or more, and failing
both, at a connective ("so", "and then", "but") once the segment is long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from speech.words import Word, text_of

_SENTENCE_END = (".", "?", "!", "…")
_BREAK_BEFORE = {
    "so",
    "and",
    "but",
    "then",
    "because",
    "also",
    "now",
    "okay",
    "ok",
    "next",
    "first",
    "second",
    "third",
    "finally",
    "yeah",
    "um",
    "uh",
}
MAX_WORDS = 28
SOFT_WORDS = 16


@dataclass(frozen=True)
class Segment:
    """A run of words ``first``..``last`` (inclusive), with the times they span."""

    first: int
    last: int
    text: str
    start: float | None
    end: float | None
    probabilities: tuple[float, ...] | None = None
    """The speech model's confidence in each token of ``text`` (None for typed text)."""

    @property
    def n_words(self) -> int:
        return self.last - self.first + 1


def _ends_sentence(token: str) -> bool:
    return token.rstrip("\"')”’").endswith(_SENTENCE_END)


def _bare(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower())


def split_segments(
    words: Sequence[Word],
    *,
    timed: bool = True,
    pause_s: float = 0.7,
    breaks: Sequence[float] = (),
    line_ends: frozenset[int] = frozenset(),
) -> list[Segment]:
    """Segments of ``words``. ``breaks`` are pause onsets measured from the audio;
    ``line_ends`` are indices of words that end a line of typed text;
    ``timed=False`` for transcripts without real timings."""
    segments: list[Segment] = []
    start = 0
    pause_onsets = sorted(breaks)

    def close(last: int) -> None:
        nonlocal start
        if last < start:
            return
        chunk = words[start : last + 1]
        segments.append(
            Segment(
                start,
                last,
                text_of(chunk),
                chunk[0].start if timed else None,
                chunk[-1].end if timed else None,
                tuple(w.probability for w in chunk for _ in w.text.split()) if timed else None,
            )
        )
        start = last + 1

    for i, w in enumerate(words):
        if i + 1 == len(words):
            close(i)
            break
        nxt = words[i + 1]
        length = i - start + 1
        if _ends_sentence(w.text) or i in line_ends:
            close(i)
        elif (
            timed
            and (
                nxt.start - w.end >= pause_s or any(w.start < p <= nxt.start for p in pause_onsets)
            )
            and length >= 4
        ):
            close(i)
        elif length >= SOFT_WORDS and (
            w.text.endswith((",", ";", ":")) or _bare(nxt.text) in _BREAK_BEFORE
        ):
            close(i)
        elif length >= MAX_WORDS:
            close(i)
    return segments


def words_from_text(text: str) -> tuple[list[Word], frozenset[int]]:
    """Untimed words of a typed transcript (times are zero and must not be shown),
    and the indices of words that end a line."""
    words: list[Word] = []
    ends: set[int] = set()
    for line in text.splitlines():
        tokens = line.split()
        words.extend(Word(t, 0.0, 0.0, 1.0) for t in tokens)
        if tokens:
            ends.add(len(words) - 1)
    return words, frozenset(ends)
