"""Held voiced sounds: a tenth of a second or more on one pitch and one vowel or nasal.

Words move from sound to sound; hesitations ("uh", "um", "hm") hold one. This finds
such stretches in 16 kHz audio from :mod:`speech.voicing`'s frames and describes their
shape (vowel formants, a nasal closing), for :mod:`speech.filled_pauses` to judge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from speech.voicing import HOP_S, Frames, analyse_frames, formants

MIN_S = 0.10
"""Shortest held sound looked at: a fast speaker's "uh" can hold its vowel only 0.1 s.
Which of these may be a hesitation depends on the speaker's pace
(:func:`speech.filled_pauses.held_floor`)."""
MAX_S = 0.9
LAG = 3
"""Frames between the two spectra compared for steadiness (30 ms)."""
STEADY_DB = 4.5
"""A frame whose band spectrum moved less than this (RMS, dB) over :data:`LAG` is steady."""
RUN_MEDIAN_DB = 3.6
"""A held sound's spectrum moves this little, on its median frame."""
F1_RANGE = (400.0, 950.0)
F2_RANGE = (1050.0, 1750.0)
"""Formants of the vowel of "uh"/"um" (schwa and its neighbours, men's to women's
voices); measured on espeak-ng: 600/1310 Hz for "uh", against 290/2280 for a held "be",
500/1840 for a held "day" and 520/950 for a held "know"."""
VOICED = 0.4
"""Normalised autocorrelation at the pitch period from which a frame is voiced."""
HUM_MAX_F2 = 1800.0
"""A hum has no strong resonance above this; "ee" (F1 low like a hum's) does, at 2300."""
MAX_DRIFT_DB = 6.0
"""A held sound's first and last thirds differ by less than this (RMS over bands, dB)."""
NASAL_LOW = 0.75
"""Share of energy below 500 Hz from which a frame sounds like a closed-mouth "m"."""
NASAL_ONSET_S = 0.06
"""Voiced sound, not nasal, that may lie between a nasal murmur and a held sound that
still runs out of it: the lips opening from "m" into the vowel (0.03 s on espeak-ng's
"models", "model", "monitoring")."""
NASAL_ONSET_MIN = 2
"""Nasal frames, at least, that open such a syllable."""
NASAL_DIP_DB = 5.0
"""A nasal murmur is at least this much quieter than the vowel it opens (the mouth is
closed): 8.7-10 dB on espeak-ng's "models", "Model", "Monitoring". A rounded vowel
before an "um" ("So, um" on British voices) is as low in pitch energy as a murmur, but
as loud as the "um" or louder (1-4.5 dB)."""


@dataclass(frozen=True)
class Stretch:
    """A held voiced sound: where it is and what it sounded like."""

    start: float
    end: float
    steadiness_db: float
    """Median spectral movement over the stretch (lower is steadier)."""
    nasal_share: float
    """Share of the stretch's frames that sound nasal (closed mouth)."""
    nasal_tail: bool
    """It ends in a nasal after a vowel (the "m" of "um")."""
    f1: float = 0.0
    f2: float = 0.0
    """First two formants (Hz) of its vowel part: where the tongue is."""
    after_nasal: bool = False
    """Its voicing runs unbroken out of a nasal murmur just before it (within
    :data:`NASAL_ONSET_S`): the vowel of a syllable an "m" or "n" opens, as in "models"
    or "monitoring". A hesitation after a word ending in a nasal ("and, uh") starts
    after a break in the voicing."""

    @property
    def central_vowel(self) -> bool:
        """The hesitation vowel (schwa, as in "uh"), not the held end of "day" or "be":
        tongue neither high nor front."""
        return F1_RANGE[0] <= self.f1 <= F1_RANGE[1] and F2_RANGE[0] <= self.f2 <= F2_RANGE[1]

    @property
    def hesitation_shaped(self) -> bool:
        return self.label == "hm" or self.central_vowel

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def label(self) -> str | None:
        if self.nasal_share >= 0.8 and self.f2 < HUM_MAX_F2:
            return "hm"
        if self.nasal_tail:
            return "um"
        if self.nasal_share <= 0.1:
            return "uh"
        return None


def _movement(frames: Frames) -> np.ndarray:
    d = np.full(len(frames.energy_db), np.inf, np.float32)
    if len(d) > LAG:
        diff = frames.envelope[LAG:] - frames.envelope[:-LAG]
        d[LAG:] = np.sqrt(np.mean(diff**2, axis=1))
    return d


def steady_voiced_stretches(
    samples: np.ndarray, spans: Sequence[tuple[float, float]]
) -> list[Stretch]:
    """Held voiced sounds of :data:`MIN_S`-:data:`MAX_S` inside ``spans`` (seconds)."""
    out: list[Stretch] = []
    for lo, hi in spans:
        frames = analyse_frames(samples, max(lo - 0.05, 0.0), hi + 0.05)
        if len(frames.energy_db) < LAG + 2:
            continue
        loud = frames.energy_db > np.percentile(frames.energy_db, 95) - 30
        voiced = (frames.voicing > VOICED) & loud
        move = _movement(frames)
        ok = voiced & (move < STEADY_DB)
        ok = _close_gaps(ok, 2)
        nasal_frames = frames.low_ratio >= NASAL_LOW
        for a, b in _join_nasal_closings(_runs(ok), nasal_frames):
            # a frame is steady when it matches the one LAG frames before: those count too
            if (b - a + LAG) * HOP_S < MIN_S:
                continue
            b = min(b, a + int(MAX_S / HOP_S) + 1)
            # a joined "um" moves while the lips close: judge the held parts only
            steadiness = float(np.median(move[a:b][ok[a:b]]))
            if steadiness > RUN_MEDIAN_DB:
                continue
            nasal = frames.low_ratio[a:b] >= NASAL_LOW
            third = max((b - a) // 3, 1)
            tail = bool(nasal[-third:].mean() >= 0.6 and nasal[:third].mean() <= 0.3)
            vowel_frames = np.flatnonzero(~nasal) + a if tail else np.arange(a, b)
            if _drift(frames, vowel_frames) > MAX_DRIFT_DB:
                continue  # a slow glide ("why"): the sound moves, only slowly
            start, end = frames.time(a) - HOP_S * LAG, frames.time(b - 1) + HOP_S / 2
            vowel_end = end if not tail else start + (end - start) / 2
            f1, f2 = formants(samples, start, vowel_end)
            onset = _after_nasal(frames, voiced, a - LAG, b)
            out.append(Stretch(start, end, steadiness, float(nasal.mean()), tail, f1, f2, onset))
    return out


def _after_nasal(frames: Frames, voiced: np.ndarray, first: int, end: int) -> bool:
    """The voiced frames right before frame ``first`` run, unbroken and within
    :data:`NASAL_ONSET_S`, back to a nasal murmur (:data:`NASAL_ONSET_MIN` frames,
    :data:`NASAL_DIP_DB` quieter than the held sound ``first``-``end``)."""
    nasal = frames.low_ratio >= NASAL_LOW
    i = first - 1
    while i >= 0 and voiced[i] and not nasal[i] and first - i <= NASAL_ONSET_S / HOP_S:
        i -= 1
    murmur: list[int] = []
    while i >= 0 and voiced[i] and nasal[i] and len(murmur) < NASAL_ONSET_MIN:
        murmur.append(i)
        i -= 1
    if len(murmur) < NASAL_ONSET_MIN:
        return False
    held = float(np.median(frames.energy_db[max(first, 0) : end]))
    return held - float(frames.energy_db[murmur].mean()) >= NASAL_DIP_DB


def _drift(frames: Frames, idx: np.ndarray) -> float:
    """RMS difference (dB) between the spectral shape of the first and last third, with
    the change in level and in tilt taken out: a sound that only fades has not moved,
    and a voice trailing off loses its highs first (a fading "uh," tilts ~9 dB across
    the bands while its formants stay put), while a glide ("why") moves its peaks."""
    if len(idx) < 6:
        return 0.0
    third = len(idx) // 3
    first = frames.envelope[idx[:third]].mean(axis=0)
    last = frames.envelope[idx[-third:]].mean(axis=0)
    diff = first - last
    k = np.arange(len(diff)) - (len(diff) - 1) / 2  # bands are log-spaced: tilt per octave
    diff = diff - diff.mean() - k * float(k @ diff) / float(k @ k)
    return float(np.sqrt(np.mean(diff**2)))


def _close_gaps(mask: np.ndarray, gap: int) -> np.ndarray:
    out = mask.copy()
    for a, b in _runs(~mask):
        if b - a <= gap and a > 0 and b < len(mask):
            out[a:b] = True
    return out


def _join_nasal_closings(
    runs: list[tuple[int, int]], nasal: np.ndarray, gap: int = 7
) -> list[tuple[int, int]]:
    """A held vowel, a lip closure, then a held nasal: one "um", not two sounds."""
    out: list[tuple[int, int]] = []
    for a, b in runs:
        if out and a - out[-1][1] <= gap and nasal[a:b].mean() >= 0.6 and b - a >= 4:
            prev = out[-1]
            if nasal[prev[0] : prev[1]].mean() <= 0.3 and prev[1] - prev[0] >= 4:
                out[-1] = (prev[0], b)
                continue
        out.append((a, b))
    return out


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of True."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
