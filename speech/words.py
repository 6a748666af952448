"""A transcribed word with its time: the vocabulary the whole of thinkaloud speaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    text: str
    """As transcribed, with its punctuation."""
    start: float
    """Seconds from the start of the recording."""
    end: float
    probability: float
    """The speech model's confidence in the word, 0-1 (1 for typed text)."""


def text_of(words: Iterable[Word]) -> str:
    """The words as one text, as the report's transcript shows them."""
    return " ".join(w.text for w in words)
