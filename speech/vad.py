"""Where speech is, measured from the audio itself.

Whisper's word timestamps stretch the word before a pause over the silence,
so pauses are taken from the Silero VAD that ships inside faster-whisper,
run with no padding so that onsets stay within a few hundredths of a second.
"""

from __future__ import annotations

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


def detect_speech(samples: np.ndarray, config: VadConfig | None = None) -> list[SpeechRegion]:
    """Speech regions of 16 kHz mono ``samples``, in order, not overlapping."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    cfg = config or VadConfig()
    if samples.size == 0:
        return []
    options = VadOptions(
        threshold=cfg.threshold,
        min_speech_duration_ms=cfg.min_speech_ms,
        min_silence_duration_ms=cfg.min_silence_ms,
        speech_pad_ms=0,
    )
    stamps = get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    return [SpeechRegion(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in stamps]
