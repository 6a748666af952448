"""Speech to text with word timings, behind a small protocol.

:class:`FasterWhisperTranscriber` is the real adapter; :class:`CannedTranscriber`
returns fixed words for tests of code that only needs *some* transcript.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from speech.audio import SAMPLE_RATE
from speech.errors import ModelError
from speech.models import ModelLocation
from speech.vad import SpeechRegion

# Whisper was trained on transcripts with disfluencies cleaned away and drops
# "um"/"uh" unless its context shows them. A short filler-rich prompt keeps
# them; it must be paired with condition_on_previous_text=False and the VAD
# filter, or the prompted model skips whole 30 s windows (measured: WER 0.11 ->
# 0.36 on fluent speech, and everything between long silences lost).
FILLER_PROMPT = "Umm, let me think, like, hmm... So, uh, you know, I think..."

Progress = Callable[[float], None]
"""Called with the seconds of audio transcribed so far."""


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class DecodeOptions:
    language: str = "en"
    beam_size: int = 1
    keep_fillers: bool = True


class Transcriber(Protocol):
    name: str

    def transcribe(
        self, samples: np.ndarray, *, offset: float = 0.0, progress: Progress | None = None
    ) -> list[Word]:
        """Words of 16 kHz mono ``samples``, timed from ``offset`` seconds."""
        ...


class FasterWhisperTranscriber:
    """faster-whisper on the CPU; the model loads on first use (or :meth:`load`)."""

    def __init__(
        self,
        model: ModelLocation,
        *,
        compute_type: str = "int8",
        cpu_threads: int = 0,
        options: DecodeOptions | None = None,
    ) -> None:
        self.model = model
        self.name = model.name
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads or (os.cpu_count() or 1)
        self.options = options or DecodeOptions()
        self._whisper = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._whisper is not None:
                return
            from faster_whisper import WhisperModel

            try:
                self._whisper = WhisperModel(
                    str(self.model.path),
                    device="cpu",
                    compute_type=self.compute_type,
                    cpu_threads=self.cpu_threads,
                    local_files_only=True,
                )
            except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on bad files
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ModelError(f"speech model {self.name} failed to load: {reason}") from exc

    def transcribe(
        self, samples: np.ndarray, *, offset: float = 0.0, progress: Progress | None = None
    ) -> list[Word]:
        self.load()
        opts = self.options
        english = opts.language.startswith("en")
        segments, _info = self._whisper.transcribe(
            samples,
            language=opts.language,
            beam_size=opts.beam_size,
            word_timestamps=True,
            initial_prompt=FILLER_PROMPT if opts.keep_fillers and english else None,
            condition_on_previous_text=False,
            vad_filter=True,
            vad_parameters={"min_silence_duration_ms": 500},
        )
        words: list[Word] = []
        for segment in segments:  # decoding happens while iterating
            for w in segment.words or ():
                text = w.word.strip()
                if text:
                    words.append(
                        Word(
                            text,
                            offset + float(w.start),
                            offset + float(w.end),
                            float(w.probability),
                        )
                    )
            if progress is not None:
                progress(offset + float(segment.end))
        return words


class CannedTranscriber:
    """A transcriber that returns words given up front (for tests and typed answers)."""

    name = "canned"

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = list(words)

    def transcribe(
        self, samples: np.ndarray, *, offset: float = 0.0, progress: Progress | None = None
    ) -> list[Word]:
        end = offset + len(samples) / SAMPLE_RATE
        picked = [w for w in self.words if offset <= w.start < end]
        if progress is not None:
            progress(end)
        return picked


def plan_chunks(
    regions: Sequence[SpeechRegion], duration: float, max_chunk_s: float = 300.0
) -> list[tuple[float, float]]:
    """Cut a recording into pieces no longer than ``max_chunk_s``, only inside silences.

    Cuts fall in the middle of the gap between two speech regions, so no word
    is split (cutting through words doubles the word error rate). A single
    region longer than the limit is kept whole.
    """
    if duration <= max_chunk_s or not regions:
        return [(0.0, duration)]
    chunks: list[tuple[float, float]] = []
    start = 0.0
    for before, after in zip(regions, regions[1:], strict=False):
        cut = (before.end + after.start) / 2
        if after.end - start > max_chunk_s and cut > start:
            chunks.append((start, cut))
            start = cut
    chunks.append((start, duration))
    return chunks


def transcribe_in_chunks(
    transcriber: Transcriber,
    samples: np.ndarray,
    regions: Sequence[SpeechRegion],
    *,
    max_chunk_s: float = 300.0,
    progress: Progress | None = None,
) -> list[Word]:
    """Transcribe a long recording piece by piece, cut at silences, with global times."""
    duration = len(samples) / SAMPLE_RATE
    words: list[Word] = []
    for start, end in plan_chunks(regions, duration, max_chunk_s):
        piece = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
        words.extend(transcriber.transcribe(piece, offset=start, progress=progress))
        if progress is not None:
            progress(end)
    return words
