"""Asking the speech model again about several short stretches at once.

Each decode costs a whole 30 s Whisper window however short the clip, so the clips to
check are laid end to end, with silence between, into as few windows as they fit and
decoded together with the filler-only prompt; each word is handed back to the clip it
fell in, in that clip's own time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from speech.audio import SAMPLE_RATE
from speech.words import Word

Decode = Callable[[np.ndarray, float], list[Word]]
"""Words of samples (timed from the given start), decoded with a filler-only prompt."""
PAD_S = 0.08
"""Audio either side of a stretch in its clip. Little: with a quarter second the clip
held the word around an "uh" as well, and the model wrote that word ("and then") and
not the hesitation (synthetic dev filler recall 0.84 -> 0.86, precision 0.99 both)."""
GAP_S = 0.6
"""Silence between two clips: the VAD inside the decoder keeps them apart."""
WINDOW_S = 27.0
"""Clips per decode fill at most this much (one Whisper window)."""


def words_around(
    samples: np.ndarray,
    stretches: Sequence[tuple[float, float]],
    decode: Decode,
    *,
    pad_before: float = PAD_S,
) -> list[list[Word]]:
    """For each (start, end) in ``stretches`` (seconds of ``samples``), the words the
    model writes in its clip, timed in ``samples``' time. Each clip has ``pad_before``
    of audio before its stretch and :data:`PAD_S` after."""
    clips = []
    for lo, hi in stretches:
        a = max(lo - pad_before, 0.0)
        clips.append((a, samples[int(a * SAMPLE_RATE) : int((hi + PAD_S) * SAMPLE_RATE)]))
    out: list[list[Word]] = [[] for _ in stretches]
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), np.float32)
    batch: list[int] = []
    length = 0.0
    for i, (_, clip) in enumerate(clips):
        seconds = len(clip) / SAMPLE_RATE + GAP_S
        if batch and length + seconds > WINDOW_S:
            _decode_batch(batch, clips, gap, decode, out)
            batch, length = [], 0.0
        batch.append(i)
        length += seconds
    if batch:
        _decode_batch(batch, clips, gap, decode, out)
    return out


def _decode_batch(batch, clips, gap, decode, out) -> None:
    pieces, placed = [gap], []
    at = len(gap) / SAMPLE_RATE
    for i in batch:
        start, clip = clips[i]
        placed.append((at, at + len(clip) / SAMPLE_RATE, start, i))
        pieces += [clip.astype(np.float32), gap]
        at += (len(clip) + len(gap)) / SAMPLE_RATE
    heard = decode(np.concatenate(pieces), 0.0)
    looped = _loop_start(heard)
    if looped is not None and len(batch) > 1:
        # the decoder went round in a loop ("uh, uh, uh, ..." over three clips of words):
        # what it wrote from there on says nothing about those clips, so each is asked alone
        redo = [i for lo, hi, _, i in placed if hi + 0.1 >= looped]
        heard = [w for w in heard if (w.start + w.end) / 2 < looped]
        for i in redo:
            _decode_batch([i], clips, gap, decode, out)
        placed = [p for p in placed if p[3] not in redo]
    for w in heard:
        mid = (w.start + w.end) / 2
        for lo, hi, start, i in placed:
            if lo - 0.1 <= mid <= hi + 0.1:
                shift = start - lo
                out[i].append(Word(w.text, w.start + shift, w.end + shift, w.probability))
                break


LOOP_WORDS = 4
"""From this many words in a row of one text, most stamped at one instant, a decode is
going round in a loop rather than hearing anything."""
INSTANT_S = 0.02


def _loop_start(words: Sequence[Word]) -> float | None:
    """Where a decode starts repeating itself: :data:`LOOP_WORDS` or more words in a row
    of the same text, at least half of them given no time (:data:`INSTANT_S`). Asked
    about four held vowels of words together (en-us+f3 at 130 words a minute: "well",
    the "a" of "as", the "On" of "Online" and the end of "good"), the filler-only decode
    wrote "uh," 22 times, two to eight in each of the last three clips, each counted as
    a filled pause; asked about alone, the same clips came back "Palm it.", "Online we
    run." and "Good.". Fillers said in a row are each given their time."""
    i = 0
    while i < len(words):
        core = _core(words[i].text)
        j = i
        while j < len(words) and _core(words[j].text) == core:
            j += 1
        run = words[i:j]
        instant = sum(1 for w in run if w.end - w.start <= INSTANT_S)
        if core and len(run) >= LOOP_WORDS and 2 * instant >= len(run):
            return run[0].start
        i = j
    return None


def _core(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())
