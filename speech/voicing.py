"""Frame-level voicing, pitch and spectrum of 16 kHz audio, with numpy only.

Hesitation sounds ("uh", "um", "hm") are voiced, held on one pitch and one vowel or
nasal for a fifth of a second or more; words move from sound to sound. These frames
are what :mod:`speech.filled_pauses` reads to tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from speech.audio import SAMPLE_RATE

HOP_S = 0.01
"""One frame every 10 ms."""
WIN = 640
"""40 ms analysis window: three periods of a low voice (80 Hz), for a steady pitch reading."""
F0_MIN, F0_MAX = 70.0, 400.0
BANDS = 24
ENVELOPE_CEPS = 12
"""Cepstral coefficients kept for the spectral envelope: enough for formants, too few
for the harmonics of a high voice (a woman's 200 Hz pitch crossing the narrow low
bands made a held "uh" look like a moving sound)."""


@dataclass(frozen=True)
class Frames:
    """Per-frame measurements; frame ``i`` is centred at ``start + i * HOP_S``."""

    start: float
    energy_db: np.ndarray
    voicing: np.ndarray
    """Peak of the normalised autocorrelation in the pitch range (0-1; > 0.5 is voiced)."""
    f0: np.ndarray
    """Pitch in Hz (0 where unvoiced)."""
    bands: np.ndarray
    """Log energy in :data:`BANDS` bands up to 4 kHz, shape (frames, BANDS)."""
    low_ratio: np.ndarray
    """Share of the 60-4000 Hz energy below 500 Hz: high for a nasal murmur ("mm")."""
    envelope: np.ndarray
    """:attr:`bands` smoothed across frequency (cepstrally, :data:`ENVELOPE_CEPS`
    coefficients): the shape of the vocal tract without the pitch's harmonics."""

    def time(self, i: int) -> float:
        return self.start + i * HOP_S


def analyse_frames(samples: np.ndarray, start_s: float = 0.0, end_s: float | None = None) -> Frames:
    """Frames of ``samples[start_s:end_s]`` (seconds)."""
    hop = int(HOP_S * SAMPLE_RATE)
    lo = int(start_s * SAMPLE_RATE)
    hi = len(samples) if end_s is None else min(len(samples), int(end_s * SAMPLE_RATE))
    piece = samples[lo:hi].astype(np.float32)
    n = max(0, (len(piece) - WIN) // hop + 1)
    if n == 0:
        empty = np.zeros(0, np.float32)
        none = np.zeros((0, BANDS), np.float32)
        return Frames(start_s, empty, empty, empty, none, empty, none)
    idx = np.arange(WIN)[None, :] + hop * np.arange(n)[:, None]
    frames = piece[idx] * np.hanning(WIN).astype(np.float32)
    energy = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-10)
    nfft = 1024
    spec = np.abs(np.fft.rfft(frames, nfft, axis=1)) ** 2
    freqs = np.fft.rfftfreq(nfft, 1 / SAMPLE_RATE)
    # autocorrelation from the power spectrum (Wiener-Khinchin), normalised by lag 0
    ac = np.fft.irfft(spec, nfft, axis=1)[:, : int(SAMPLE_RATE / F0_MIN) + 1]
    ac = ac / (ac[:, :1] + 1e-10)
    # a window's own autocorrelation falls with lag: divide it out (Boersma 1993)
    wac = np.correlate(np.hanning(WIN), np.hanning(WIN), "full")[WIN - 1 :]
    wac = wac[: ac.shape[1]] / wac[0]
    ac = ac / np.maximum(wac, 0.1)
    lag_lo, lag_hi = int(SAMPLE_RATE / F0_MAX), int(SAMPLE_RATE / F0_MIN)
    seg = ac[:, lag_lo : lag_hi + 1]
    peak = np.zeros_like(seg, dtype=bool)
    peak[:, 1:-1] = (seg[:, 1:-1] >= seg[:, :-2]) & (seg[:, 1:-1] >= seg[:, 2:])
    # the shortest lag that nearly matches the best one: no octave-down errors
    near = peak & (seg >= 0.9 * seg.max(axis=1, keepdims=True))
    best = np.where(near.any(axis=1), np.argmax(near, axis=1), np.argmax(seg, axis=1))
    voicing = np.clip(seg[np.arange(n), best], 0.0, 1.0)
    f0 = np.where(voicing > 0.5, SAMPLE_RATE / (best + lag_lo), 0.0)
    edges = np.geomspace(60, 4000, BANDS + 1)
    band_idx = np.clip(np.searchsorted(edges, freqs) - 1, -1, BANDS)
    bands = np.stack([spec[:, band_idx == b].sum(axis=1) for b in range(BANDS)], axis=1)
    low = spec[:, (freqs >= 60) & (freqs < 500)].sum(axis=1)
    total = spec[:, (freqs >= 60) & (freqs < 4000)].sum(axis=1) + 1e-10
    band_db = (10 * np.log10(bands + 1e-10)).astype(np.float32)
    return Frames(
        start_s + WIN / 2 / SAMPLE_RATE,
        energy.astype(np.float32),
        voicing.astype(np.float32),
        f0.astype(np.float32),
        band_db,
        (low / total).astype(np.float32),
        smooth_envelope(band_db),
    )


def smooth_envelope(band_db: np.ndarray, keep: int = ENVELOPE_CEPS) -> np.ndarray:
    """Log band energies (frames, bands) with only their first ``keep`` cepstral
    coefficients (DCT-II across the bands, inverted): in dB, like the input."""
    n = band_db.shape[1]
    k = np.arange(n)
    basis = np.cos(np.pi * np.outer(np.arange(keep), k + 0.5) / n)  # (keep, n)
    scale = np.full(keep, 2.0 / n)
    scale[0] = 1.0 / n
    ceps = band_db @ basis.T * scale
    return (ceps @ basis).astype(np.float32)


def formants(
    samples: np.ndarray, start_s: float, end_s: float, order: int = 16
) -> tuple[float, float]:
    """Median first and second formant (Hz) over 25 ms frames of [start_s, end_s), by
    linear prediction (autocorrelation method, Levinson-Durbin); (0, 0) if none."""
    lo, hi = int(start_s * SAMPLE_RATE), int(end_s * SAMPLE_RATE)
    piece = samples[lo:hi].astype(np.float64)
    if len(piece) < 400:
        return 0.0, 0.0
    piece = np.append(piece[0], piece[1:] - 0.97 * piece[:-1])  # pre-emphasis
    f1s, f2s = [], []
    win = np.hamming(400)
    for at in range(0, len(piece) - 400 + 1, 160):
        frame = piece[at : at + 400] * win
        r = np.correlate(frame, frame, "full")[399 : 399 + order + 1]
        if r[0] <= 1e-12:
            continue
        a = _levinson(r, order)
        roots = [z for z in np.roots(a) if z.imag > 0]
        found = []
        for z in roots:
            freq = np.angle(z) * SAMPLE_RATE / (2 * np.pi)
            bandwidth = -np.log(abs(z)) * SAMPLE_RATE / np.pi
            if 200 < freq < 5000 and bandwidth < 500:
                found.append(freq)
        found.sort()
        if len(found) >= 2:
            f1s.append(found[0])
            f2s.append(found[1])
    if not f1s:
        return 0.0, 0.0
    return float(np.median(f1s)), float(np.median(f2s))


def _levinson(r: np.ndarray, order: int) -> np.ndarray:
    a = np.zeros(order + 1)
    a[0] = 1.0
    err = r[0]
    for i in range(1, order + 1):
        acc = r[i] + np.dot(a[1:i], r[i - 1 : 0 : -1])
        k = -acc / err
        a[1 : i + 1] = a[1 : i + 1] + k * a[i - 1 :: -1][:i]
        err *= 1 - k * k
        if err <= 0:
            break
    return a
