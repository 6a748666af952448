"""Filled pauses ("uh", "um", "hm") heard in the audio, whether or not Whisper wrote them.

tiny.en writes about half of natural "uh"/"um" and never "hm": it was trained on
transcripts with hesitations cleaned away. The audio still shows them: a voiced sound
held on one vowel or nasal, pitch steady, for 150-900 ms, where the transcript has no
word or only the stretched edge of one. :func:`steady_voiced_stretches` finds such
sounds; :func:`filled_pauses` keeps those no transcribed word accounts for, and names
each from its shape: a vowel throughout is "uh", a vowel closing into a nasal "um", a
nasal throughout "hm"; a shape that says none of these clearly stays unnamed (it still
counts as a filled pause).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from speech.filler_confirm import words_around
from speech.voicing import HOP_S, Frames, analyse_frames, formants
from speech.words import Word

MIN_S = 0.15
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
        diff = frames.bands[LAG:] - frames.bands[:-LAG]
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
            steadiness = float(np.median(move[a:b]))
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
            out.append(Stretch(start, end, steadiness, float(nasal.mean()), tail, f1, f2))
    return out


def _drift(frames: Frames, idx: np.ndarray) -> float:
    """RMS difference (dB) between the spectral shape of the first and last third (each
    taken relative to its own level: a sound that only fades has not moved)."""
    if len(idx) < 6:
        return 0.0
    third = len(idx) // 3
    first = frames.bands[idx[:third]].mean(axis=0)
    last = frames.bands[idx[-third:]].mean(axis=0)
    diff = (first - first.mean()) - (last - last.mean())
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


def unexplained(stretch: Stretch, words: Sequence[Word]) -> bool:
    """No transcribed word accounts for ``stretch``: it lies between words, or in the
    part of a word that runs far longer than the word takes to say."""
    for w in words:
        overlap = min(w.end, stretch.end) - max(w.start, stretch.start)
        if overlap <= 0.03:
            continue
        spare = (w.end - w.start) - _expected_s(w.text)
        if overlap > spare + 0.05:
            return False
    return True


def _expected_s(text: str) -> float:
    """About how long a word takes to say: 0.1 s per vowel group, at least 0.12 s."""
    groups = 0
    prev = False
    for ch in text.lower():
        vowel = ch in "aeiouy"
        groups += vowel and not prev
        prev = vowel
    return max(0.12, 0.11 * max(groups, 1) + 0.04)


def filled_pauses(
    samples: np.ndarray, spans: Sequence[tuple[float, float]], words: Sequence[Word]
) -> list[Stretch]:
    """Held voiced sounds in ``spans`` that no transcribed word accounts for."""
    return [
        s
        for s in steady_voiced_stretches(samples, spans)
        if s.hesitation_shaped and unexplained(s, words)
    ]


HEARD_TEXT = {"uh": "(uh)", "um": "(um)", "hm": "(hm)", None: "(hesitation)"}
"""How a filled pause heard in the audio is written into the transcript: in brackets,
so a reader sees the model did not write it."""
_MODEL_FILLER = re.compile(r"^(?:u+h*m*|e+r+m*|a+h+|h+m+|m+h*m+)$")
SAME_FILLER_S = 0.25
"""Two held sounds this close are one filled pause."""
NEIGHBOUR_FILLER_S = 0.8
"""A filler the model wrote next to a held sound, this close, is that sound."""


def is_heard(text: str) -> bool:
    """A transcript token that is a filled pause heard in the audio, not a model word."""
    return text in HEARD_TEXT.values()


Confirm = Callable[[np.ndarray, float], list[Word]]
"""Decodes audio (samples, its start time) with a filler-only prompt."""


def with_filled_pauses(
    samples: np.ndarray,
    spans: Sequence[tuple[float, float]],
    words: Sequence[Word],
    offset: float = 0.0,
    confirm: Confirm | None = None,
) -> list[Word]:
    """``words`` with the filled pauses they miss put in, in time order.

    ``spans`` are where the VAD heard speech in ``samples``, in seconds of ``samples``;
    ``words`` are timed from ``offset`` (the time of ``samples[0]``). A held sound of a
    hesitation's shape between words is a filled pause on its shape alone. Given
    ``confirm``, three more kinds of candidate are asked about, all in one decode: a
    hesitation-shaped sound inside a word's time (Whisper stretches words over
    hesitations, and phrase-final vowels are held too), a held sound of another shape
    between words, and voice the VAD heard where no word is (150-900 ms); each counts
    only if the model, asked again with a filler-only prompt, writes a filler there.
    """
    local = [Word(w.text, w.start - offset, w.end - offset, w.probability) for w in words]
    out = list(words)
    kept: list[tuple[Stretch, str | None]] = []
    to_ask: list[Stretch] = []
    for s in _candidates(samples, spans, local, confirm is not None):
        same = _written_filler(local, s)
        if same is not None:  # the model wrote it: keep its word, at the time it was said
            w = out[same]
            out[same] = Word(w.text, s.start + offset, max(s.end + offset, w.start), w.probability)
            continue
        in_gap = not any(_overlap(w, s) > 0.03 for w in local)
        if confirm is None or (in_gap and s.hesitation_shaped):
            kept.append((s, s.label))
        else:
            to_ask.append(s)
    if to_ask and confirm is not None:
        answers = words_around(samples, [(s.start, s.end) for s in to_ask], confirm)
        for s, heard in zip(to_ask, answers, strict=True):
            fillers = [
                w
                for w in heard
                if _MODEL_FILLER.match(_core(w.text))
                and s.start - 0.15 <= (w.start + w.end) / 2 <= s.end + 0.15
            ]
            if fillers:
                kept.append((s, s.label if s.hesitation_shaped else _label_of(fillers[0].text)))
    added: list[Word] = []
    for s, label in sorted(kept, key=lambda k: k[0].start):
        if any(a.start - SAME_FILLER_S < s.end and a.end + SAME_FILLER_S > s.start for a in added):
            continue
        added.append(Word(HEARD_TEXT[label], s.start, s.end, 1.0))
    shifted = [Word(w.text, w.start + offset, w.end + offset, 1.0) for w in added]
    return sorted([*out, *shifted], key=lambda w: w.start)


def _candidates(
    samples: np.ndarray,
    spans: Sequence[tuple[float, float]],
    words: Sequence[Word],
    can_confirm: bool,
) -> list[Stretch]:
    """What may be a filled pause (see :func:`with_filled_pauses`)."""
    if not can_confirm:
        return filled_pauses(samples, spans, words)
    held = [s for s in steady_voiced_stretches(samples, spans) if unexplained(s, words)]
    keep = [s for s in held if s.hesitation_shaped or not any(_overlap(w, s) > 0.03 for w in words)]
    for lo, hi in _voice_without_words(spans, words):
        if not any(s.start < hi and s.end > lo for s in keep):
            keep.append(Stretch(lo, hi, float("nan"), 0.0, False))
    return sorted(keep, key=lambda s: s.start)


def _voice_without_words(
    spans: Sequence[tuple[float, float]], words: Sequence[Word]
) -> list[tuple[float, float]]:
    """Stretches of 150-900 ms inside ``spans`` that no word covers."""
    out = []
    ordered = sorted(words, key=lambda w: w.start)
    for lo, hi in spans:
        cursor = lo
        for w in ordered:
            if w.end <= cursor or w.start >= hi:
                continue
            if MIN_S <= w.start - cursor <= MAX_S:
                out.append((cursor, w.start))
            cursor = max(cursor, w.end)
        if MIN_S <= hi - cursor <= MAX_S:
            out.append((cursor, hi))
    return out


def _written_filler(words: Sequence[Word], s: Stretch) -> int | None:
    """Index of a filler the model wrote for this held sound: one overlapping it, or the
    word right before or after it (the model's times for fillers are often 0.3 s off)
    within :data:`NEIGHBOUR_FILLER_S`."""
    before = [i for i, w in enumerate(words) if w.start < s.start]
    after = [i for i, w in enumerate(words) if w.start >= s.start]
    near = [i for i, w in enumerate(words) if _overlap(w, s) > 0]
    if before:
        near.append(before[-1])
    if after:
        near.append(after[0])
    for i in near:
        w = words[i]
        gap = max(w.start - s.end, s.start - w.end, 0.0)
        if gap <= NEIGHBOUR_FILLER_S and (_MODEL_FILLER.match(_core(w.text)) or is_heard(w.text)):
            return i
    return None


def _overlap(w: Word, s: Stretch) -> float:
    return min(w.end, s.end) - max(w.start, s.start)


def _label_of(text: str) -> str | None:
    core = _core(text)
    if core.startswith("u") or core.startswith("e"):
        return "um" if core.endswith("m") else "uh"
    return "hm" if core.startswith(("h", "m")) else None


def _core(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())
