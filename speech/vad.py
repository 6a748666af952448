"""Where speech is, measured from the audio itself.

Whisper's word timestamps stretch the word before a pause over the silence,
so pauses are taken from the Silero VAD that ships inside faster-whisper,
run with no padding so that onsets stay within a few hundredths of a second.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from speech.audio import SAMPLE_RATE


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


WINDOW = 512
"""Silero reads 32 ms windows at 16 kHz."""
CONTEXT = 64
"""Each window is read with the last 64 samples of the one before."""
BLOCK_WINDOWS = 1_000
"""Windows read per call (32 s of audio). The model carries its state from window to
window, so any block size gives the same probabilities; faster-whisper's 10,000 made
onnxruntime hold about 180 MB of activations, 1,000 about 5 MB, at the same speed."""


def detect_speech(samples: np.ndarray, config: VadConfig | None = None) -> list[SpeechRegion]:
    """Speech regions of 16 kHz mono ``samples``, in order, not overlapping.

    The same regions as faster-whisper's ``get_speech_timestamps`` with no padding (a
    test holds them equal), found in bounded memory: it copies the whole recording
    twice (padded, then with each window's context), 1.4 GB for two hours of audio;
    here it is read :data:`BLOCK_WINDOWS` windows at a time, carrying the model's
    state across."""
    cfg = config or VadConfig()
    if samples.size == 0:
        return []
    threshold = cfg.threshold
    negative = max(threshold - 0.15, 0.01)
    min_speech = SAMPLE_RATE * cfg.min_speech_ms / 1000
    min_silence = SAMPLE_RATE * cfg.min_silence_ms / 1000
    regions: list[SpeechRegion] = []
    triggered, start, silence_from = False, 0, 0
    for i, p in enumerate(speech_probabilities(samples)):
        at = WINDOW * i
        if p >= threshold and silence_from:
            silence_from = 0
        if p >= threshold and not triggered:
            triggered, start = True, at
            continue
        if p < negative and triggered:
            if not silence_from:
                silence_from = at
            if at - silence_from < min_silence:
                continue
            if silence_from - start > min_speech:
                regions.append(SpeechRegion(start / SAMPLE_RATE, silence_from / SAMPLE_RATE))
            triggered, silence_from = False, 0
    if triggered and samples.size - start > min_speech:
        regions.append(SpeechRegion(start / SAMPLE_RATE, samples.size / SAMPLE_RATE))
    return regions


def speech_probabilities(samples: np.ndarray) -> Iterator[float]:
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
