"""Spotting Whisper writing its own prompt back instead of what was said.

The filler prompt keeps "um"/"uh" in the transcript, but on some audio (and on some
CPU instruction sets, with some library versions) the prompted model copies the
prompt itself into the transcript: "Umm, let me think, hmm, hmm..." over speech that
said none of it. The candidate's report would then count fillers nobody said. A
decoded piece whose text shares a run of words with the prompt is therefore decoded
again without it (:class:`speech.transcriber.FasterWhisperTranscriber` does this).

Words are compared after lower-casing, dropping punctuation and spelling each filled
pause one way ("umm" = "um", "hmm" = "hm"), so "Umm, let me" and "um let me" match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ECHO_NGRAM = 3
"""A run of this many prompt words anywhere in a piece is an echo."""
START_NGRAM = 2
"""A piece that opens with the prompt's own first words, this many of them, is an echo."""

_FILLED = [
    (re.compile(r"^u+h*m+$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^h+m+$"), "hm"),
    (re.compile(r"^m+h*m+$"), "hm"),
]


def echo_words(text: str) -> list[str]:
    """``text`` as comparable words: lower case, no punctuation, fillers spelled one way."""
    out = []
    for raw in re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")):
        word = raw.strip("'")
        if not word:
            continue
        for pattern, name in _FILLED:
            if pattern.match(word):
                word = name
                break
        out.append(word)
    return out


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def echoes_prompt(texts: Iterable[str], prompt: str) -> bool:
    """True when any of ``texts`` (the segments of one decoded piece) repeats the prompt:
    it opens with the prompt's first :data:`START_NGRAM` words, or holds any run of
    :data:`ECHO_NGRAM` consecutive prompt words anywhere."""
    said = echo_words(prompt)
    grams = _ngrams(said, ECHO_NGRAM)
    for text in texts:
        words = echo_words(text)
        if len(words) >= START_NGRAM and words[:START_NGRAM] == said[:START_NGRAM]:
            return True
        if _ngrams(words, ECHO_NGRAM) & grams:
            return True
    return False
