"""Writing test recordings."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from speech.audio import SAMPLE_RATE


def write_wav(path: Path, samples: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """Write float32 samples in [-1, 1] as a 16-bit PCM WAV file."""
    import wave

    pcm = np.clip(samples, -1.0, 1.0)
    data = (pcm * 32767.0).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data)
