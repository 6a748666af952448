"""Where answers come from: a microphone, or a recording replayed as if it were one.

A recorder yields blocks of 16 kHz mono int16 samples until it runs out or the
caller's stop event is set. :class:`FileReplayRecorder` feeds a file at real-time
speed (or as fast as possible), so the whole recording path - streaming to disk,
crash recovery, live transcription - can be exercised without a microphone.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from speech.audio import SAMPLE_RATE, load_audio

BLOCK_S = 0.1


class Recorder(Protocol):
    def blocks(self, stop: threading.Event) -> Iterator[np.ndarray]:
        """int16 blocks of 16 kHz mono audio, until the source ends or ``stop`` is set."""
        ...


class FileReplayRecorder:
    def __init__(
        self,
        path: Path,
        *,
        realtime: bool = True,
        block_s: float = BLOCK_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = path
        self.realtime = realtime
        self.block = int(block_s * SAMPLE_RATE)
        self.clock = clock
        self.sleep = sleep

    def blocks(self, stop: threading.Event) -> Iterator[np.ndarray]:
        audio = load_audio(self.path)
        pcm = (np.clip(audio.samples, -1, 1) * 32767).astype(np.int16)
        started = self.clock()
        for i in range(0, len(pcm), self.block):
            if stop.is_set():
                return
            if self.realtime:  # a block is available only once it has been "spoken"
                due = started + (i + self.block) / SAMPLE_RATE
                wait = due - self.clock()
                if wait > 0:
                    self.sleep(wait)
            yield pcm[i : i + self.block]
