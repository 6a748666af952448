"""Transcribe an answer while it is spoken, so captions appear live and the report is
ready about a second after the candidate stops.

Audio arrives in blocks (from a recorder thread). A worker calls :meth:`step`
every so often: once at least ``min_chunk_s`` of new audio has built up, the VAD
finds the last pause in it and the audio up to that pause is transcribed as one
chunk, with its time offset. Cutting only at pauses matters: fixed-length cuts
through words doubled the word error rate; chunks are not prompted with the
previous chunk's text (that caused repetition loops).
"""

from __future__ import annotations

import threading

import numpy as np

from speech.audio import SAMPLE_RATE
from speech.transcriber import MAX_CHUNK_S, Transcriber, transcribe_in_chunks
from speech.vad import VadConfig, detect_speech
from speech.words import Word

MIN_CUT_PAUSE_S = 0.3


class LiveTranscription:
    def __init__(
        self, transcriber: Transcriber, *, min_chunk_s: float = 10.0, vad: VadConfig | None = None
    ) -> None:
        self.transcriber = transcriber
        self.min_chunk_s = min_chunk_s
        self.vad = vad or VadConfig()
        self._blocks: list[np.ndarray] = []
        self._n = 0
        self._lock = threading.Lock()
        self._work = threading.Lock()  # step() and finish() never overlap
        self.done_s = 0.0
        """Audio up to here has been transcribed."""
        self.words: list[Word] = []

    def feed(self, block: np.ndarray) -> None:
        with self._lock:
            self._blocks.append(block)
            self._n += len(block)

    @property
    def duration_s(self) -> float:
        return self._n / SAMPLE_RATE

    def samples(self) -> np.ndarray:
        with self._lock:
            pcm = np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.int16)
            self._blocks = [pcm] if len(self._blocks) > 1 else self._blocks
        return pcm.astype(np.float32) / 32768.0

    def step(self) -> list[Word]:
        """Transcribe the next finished chunk, if there is one; returns its words."""
        with self._work:
            return self._step()

    def _step(self) -> list[Word]:
        if self.duration_s - self.done_s < self.min_chunk_s:
            return []
        audio = self.samples()
        start = int(self.done_s * SAMPLE_RATE)
        pending = audio[start:]
        regions = detect_speech(pending, self.vad)
        gaps = [
            (a.end, b.start)
            for a, b in zip(regions, regions[1:], strict=False)
            if b.start - a.end >= MIN_CUT_PAUSE_S
            and a.end >= self.min_chunk_s * 0.8
            and (a.end + b.start) / 2 <= MAX_CHUNK_S
        ]
        if not gaps:
            if len(pending) / SAMPLE_RATE < MAX_CHUNK_S:
                return []
            cut = MAX_CHUNK_S  # a long stretch without a pause: cut anyway
        else:
            cut = (gaps[-1][0] + gaps[-1][1]) / 2
        return self._transcribe(audio, self.done_s, self.done_s + cut)

    def finish(self) -> list[Word]:
        """Transcribe whatever is left; returns all the words of the answer."""
        with self._work:
            audio = self.samples()
            if self.duration_s > self.done_s:
                self._transcribe(audio, self.done_s, self.duration_s)
            return list(self.words)

    def _transcribe(self, audio: np.ndarray, start_s: float, end_s: float) -> list[Word]:
        piece = audio[int(start_s * SAMPLE_RATE) : int(end_s * SAMPLE_RATE)]
        regions = detect_speech(piece, self.vad)
        words = []
        if regions:
            local = transcribe_in_chunks(self.transcriber, piece, regions)
            words = [Word(w.text, w.start + start_s, w.end + start_s, w.probability) for w in local]
        self.words.extend(words)
        self.done_s = end_s
        return words
