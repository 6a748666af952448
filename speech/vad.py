"""Where speech is, measured from the audio itself.

Whisper's word timestamps stretch the word before a pause over the silence,
so pauses are taken from the Silero VAD that ships inside faster-whisper,
run with no padding so that onsets stay within a few hundredths of a second.

Two ways in, one answer: :func:`detect_speech` scores a whole recording at once;
:class:`StreamingVad` scores audio as it arrives (the model's state carried from
one 32 ms window to the next, so each window is scored exactly once and gets the
same probability as in a whole-file pass), and both turn probabilities into
regions with :func:`regions_from_probabilities`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from speech.audio import SAMPLE_RATE, Samples

WINDOW = 512
"""Samples the VAD scores at a time (32 ms)."""
CONTEXT = 64
"""Samples of the previous window the model sees with each window."""
BLOCK_WINDOWS = 1_000
"""Windows read per call (32 s of audio) for a whole recording. The model carries its
state from window to window, so any block size gives the same probabilities;
faster-whisper's 10,000 made onnxruntime hold about 180 MB of activations, 1,000 about
5 MB, at the same speed."""


@dataclass(frozen=True)
class SpeechRegion:
    """A stretch of audio the VAD heard as speech, in seconds."""

    start: float
    end: float


@dataclass(frozen=True)
class VadConfig:
    threshold: float = 0.5
    """Silero speech probability above which a 32 ms frame counts as speech."""
    min_silence_ms: int = 150
    """Gaps shorter than this stay inside one speech region."""
    min_speech_ms: int = 120
    """Speech shorter than this is dropped (clicks, breaths)."""


def _model():
    from faster_whisper.vad import get_vad_model

    return get_vad_model()  # cached by faster-whisper: loaded once per process


def speech_probabilities(samples: Samples | np.ndarray) -> Iterator[float]:
    """Silero's speech probability for each 32 ms window of ``samples`` (zero-padded to
    whole windows, plus one, as faster-whisper pads them)."""
    from faster_whisper.vad import get_vad_model

    session = get_vad_model().session
    h = np.zeros((1, 1, 128), dtype=np.float32)
    c = np.zeros((1, 1, 128), dtype=np.float32)
    windows = samples.size // WINDOW + 1
    context = np.zeros(CONTEXT, dtype=np.float32)
    for first in range(0, windows, BLOCK_WINDOWS):
        count = min(BLOCK_WINDOWS, windows - first)
        block = np.zeros(count * WINDOW, dtype=np.float32)
        piece = samples[first * WINDOW : (first + count) * WINDOW]
        block[: piece.size] = piece
        block = block.reshape(count, WINDOW)
        batch = np.empty((count, CONTEXT + WINDOW), dtype=np.float32)
        batch[0, :CONTEXT] = context
        batch[1:, :CONTEXT] = block[:-1, -CONTEXT:]
        batch[:, CONTEXT:] = block
        context = block[-1, -CONTEXT:].copy()
        out, h, c = session.run(None, {"input": batch, "h": h, "c": c})
        yield from np.asarray(out, dtype=np.float32).reshape(-1).tolist()


def regions_from_probabilities(
    probs: Iterable[float], n_samples: int, config: VadConfig | None = None
) -> list[SpeechRegion]:
    """Speech regions from window probabilities: speech starts above the threshold and
    ends after ``min_silence_ms`` below ``threshold - 0.15``; regions shorter than
    ``min_speech_ms`` are dropped; a region still open at the end closes there. (Silero's
    own segmentation, with no padding and no length cap.)"""
    cfg = config or VadConfig()
    threshold = cfg.threshold
    low = max(threshold - 0.15, 0.01)
    min_silence = SAMPLE_RATE * cfg.min_silence_ms / 1000
    min_speech = SAMPLE_RATE * cfg.min_speech_ms / 1000
    out: list[SpeechRegion] = []
    start: int | None = None
    quiet_from = 0
    for i, p in enumerate(probs):
        at = WINDOW * i
        if p >= threshold:
            quiet_from = 0
            if start is None:
                start = at
            continue
        if start is not None and p < low:
            quiet_from = quiet_from or at
            if at - quiet_from >= min_silence:
                if quiet_from - start > min_speech:
                    out.append(SpeechRegion(start / SAMPLE_RATE, quiet_from / SAMPLE_RATE))
                start, quiet_from = None, 0
    if start is not None and n_samples - start > min_speech:
        out.append(SpeechRegion(start / SAMPLE_RATE, n_samples / SAMPLE_RATE))
    return out


def detect_speech(
    samples: Samples | np.ndarray, config: VadConfig | None = None
) -> list[SpeechRegion]:
    """Speech regions of 16 kHz mono ``samples``, in order, not overlapping: the same as
    faster-whisper's ``get_speech_timestamps`` with no padding (a test holds them equal),
    in bounded memory (it copies the whole recording twice; this reads
    :data:`BLOCK_WINDOWS` windows at a time)."""
    if samples.size == 0:
        return []
    return regions_from_probabilities(speech_probabilities(samples), len(samples), config)


FULL_SCALE = 0.999
"""A sample this near the limit was clipped by the input."""


class StreamingVad:
    """The VAD over audio as it arrives (float32 16 kHz blocks of any length). Only a
    probability and a level are kept per 32 ms window, not the audio."""

    def __init__(self, config: VadConfig | None = None) -> None:
        self.config = config or VadConfig()
        self.probs: list[float] = []
        self.levels: list[float] = []
        """Each window's mean square (its loudness), beside its probability: how loud the
        speech is against the room (see :mod:`speech.quality`)."""
        self.clipped = 0
        """Samples at full scale (the input level was too high: speech distorts)."""
        self.n_samples = 0
        self._tail = np.zeros(0, np.float32)
        self._context = np.zeros(CONTEXT, np.float32)
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._lock = threading.Lock()

    def feed(self, samples: np.ndarray) -> None:
        with self._lock:
            self.n_samples += len(samples)
            buf = np.concatenate([self._tail, samples.astype(np.float32, copy=False)])
            n = len(buf) // WINDOW * WINDOW
            self._tail = buf[n:]
            if n == 0:
                return
            windows = buf[:n].reshape(-1, WINDOW)
            context = np.vstack([self._context[None], windows[:-1, -CONTEXT:]])
            batch = np.concatenate([context, windows], axis=1)
            out, self._h, self._c = _model().session.run(
                None, {"input": batch, "h": self._h, "c": self._c}
            )
            self._context = windows[-1, -CONTEXT:].copy()
            self.probs.extend(float(p) for p in np.asarray(out).reshape(-1))
            self.levels.extend(np.mean(np.square(windows), axis=1).tolist())
            self.clipped += int(np.count_nonzero(np.abs(windows) >= FULL_SCALE))

    def regions(self) -> list[SpeechRegion]:
        """Speech so far; the last region may still be open (it ends at the audio's end).
        With the audio's last partial window scored as if padded with silence, as
        :func:`detect_speech` does, once the audio is complete."""
        with self._lock:
            probs = list(self.probs)
            n = self.n_samples
        return regions_from_probabilities(probs, n, self.config)

    def close(self) -> list[SpeechRegion]:
        """Score the last partial window (padded with silence) and return every region:
        the same as :func:`detect_speech` on the whole audio."""
        with self._lock:
            tail = self._tail
        if len(tail):
            pad = np.zeros(WINDOW - len(tail), np.float32)
            self.feed(pad)
            with self._lock:
                self.n_samples -= len(pad)
        return self.regions()
