"""Runs of sound: where a sound begins and ends between silences.

A filler said on its own fills most of its run ("Uh," between two pauses); a vowel held
at the end of a word is a small part of the word's run. :mod:`speech.filled_pauses`
reads these runs to tell the two apart.
"""

from __future__ import annotations

import numpy as np

from speech.audio import SAMPLE_RATE

RUN_REL_DB = 35.0
"""A frame this far under the recording's loud speech is silence, so ends a run of sound
(and so is one 10 dB or less over the room's level)."""
RUN_GAP_S = 0.03
"""A quieter stretch up to this long does not end a run of sound (a stop's closure)."""
_FRAME_S = 0.01


def sounding(samples: np.ndarray) -> np.ndarray:
    """Per 10 ms frame: is there sound (see :data:`RUN_REL_DB`)."""
    hop = int(_FRAME_S * SAMPLE_RATE)
    n = len(samples) // hop
    if n == 0:
        return np.zeros(0, bool)
    frames = samples[: n * hop].astype(np.float32).reshape(n, hop)
    energy = 10 * np.log10((frames**2).mean(axis=1) + 1e-10)
    floor = max(np.percentile(energy, 99) - RUN_REL_DB, np.percentile(energy, 10) + 10.0)
    return energy > floor


def run_of_sound(loud: np.ndarray, start: float, end: float) -> tuple[float, float]:
    """The run of sound (seconds) that ``[start, end)`` lies in: from the silence before
    it to the silence after it, gaps up to :data:`RUN_GAP_S` bridged."""
    n = len(loud)
    if n == 0:
        return start, end
    gap = round(RUN_GAP_S / _FRAME_S)
    a = min(max(int(start / _FRAME_S), 0), n - 1)
    b = min(max(int(end / _FRAME_S), a), n - 1)
    quiet = 0
    while a > 0 and quiet <= gap:
        a -= 1
        quiet = 0 if loud[a] else quiet + 1
    a += quiet if quiet > gap else 0
    quiet = 0
    while b < n - 1 and quiet <= gap:
        b += 1
        quiet = 0 if loud[b] else quiet + 1
    b -= quiet if quiet > gap else 0
    return min(a * _FRAME_S, start), max((b + 1) * _FRAME_S, end)


def silence_after(loud: np.ndarray, t: float) -> float:
    """Seconds of silence from ``t`` (the end of a run of sound) to the next sound."""
    i = max(int(round(t / _FRAME_S)), 0)
    j = i
    while j < len(loud) and not loud[j]:
        j += 1
    return (j - i) * _FRAME_S
