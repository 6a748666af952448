"""What the benchmarks share: an answer fed through the app's live path as a
microphone would, and word error rate."""

from __future__ import annotations

import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from assistant.scoring.live import STEP_EVERY_S, LiveTranscription
from speech.audio import SAMPLE_RATE, load_audio

BLOCK = SAMPLE_RATE // 10


def blocks(path: Path) -> Iterator[np.ndarray]:
    """0.1 s int16 blocks of a recording: read from a 16 kHz mono WAV a block at a time
    (memory stays flat), or decoded whole for anything else."""
    try:
        with wave.open(str(path), "rb") as w:
            if (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (SAMPLE_RATE, 1, 2):
                while frames := w.readframes(BLOCK):
                    yield np.frombuffer(frames, dtype="<i2")
                return
    except (wave.Error, EOFError):
        pass
    pcm = load_audio(path).pcm
    for i in range(0, len(pcm), BLOCK):
        yield pcm[i : i + BLOCK]


def feed(live: LiveTranscription, path: Path, *, keep_up: bool = False) -> list[float]:
    """Feed ``path`` to ``live`` with a step every STEP_EVERY_S of audio, as the app's
    caption timer does (a step that takes longer delays the next, as a busy worker
    does; ``keep_up``: it does not, as on a machine fast enough to keep up, whatever the
    load here); returns how far behind the speech the caption was after each step."""
    lags: list[float] = []
    audio_t, next_step = 0.0, STEP_EVERY_S
    for block in blocks(path):
        live.feed(block)
        audio_t += len(block) / SAMPLE_RATE
        if audio_t >= next_step:
            t0 = time.perf_counter()
            live.step()
            spent = time.perf_counter() - t0
            shown = [w.end for w in live.words + getattr(live, "partial", [])]
            if shown:
                lags.append(max(audio_t + spent - max(shown), 0.0))
            next_step = audio_t + (STEP_EVERY_S if keep_up else max(STEP_EVERY_S, spent))
    return lags


def wer(ref: list[str], hyp: list[str]) -> float:
    """Word error rate of ``hyp`` against ``ref`` (lower case, letters and digits)."""

    def norm(ws: list[str]) -> list[str]:
        return [w for w in ("".join(c for c in x.lower() if c.isalnum()) for x in ws) if w]

    r, h = norm(ref), norm(hyp)
    row = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, row[0] = row[0], i
        for j, hw in enumerate(h, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (rw != hw))
    return row[-1] / max(len(r), 1)
