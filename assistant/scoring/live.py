"""Transcribe an answer while it is spoken, so captions keep up and the report is ready
about a second after the candidate stops.

Audio arrives in blocks (from a recorder thread) and goes through the streaming VAD at
once. A worker calls :meth:`LiveTranscription.step` every :data:`STEP_EVERY_S`: as soon
as a phrase has ended (a pause of at least :data:`MIN_CUT_PAUSE_S`) and a couple of
seconds are pending, the audio up to that pause is transcribed as one chunk, with its
time offset, and dropped from memory. Speech still going on gets a partial caption
(marked as such) every second. Cutting only at pauses matters: fixed-length cuts
through words doubled the word error rate; chunks are not prompted with the previous
chunk's text (that caused repetition loops).

At the end only the last phrase is left to transcribe, and the speech regions come
from the probabilities the VAD already computed: nothing is done twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from speech.audio import SAMPLE_RATE, as_float, load_audio
from speech.errors import SpeechError
from speech.transcriber import (
    MAX_CHUNK_S,
    Transcriber,
    decode_skipped,
    transcribe_in_chunks,
    uncovered_speech,
)
from speech.vad import SpeechRegion, StreamingVad, VadConfig
from speech.words import Word, text_of

MIN_CUT_PAUSE_S = 0.3
"""A pause this long ends a phrase: the audio up to it can be transcribed."""
MIN_PENDING_S = 2.0
"""Less audio than this waits for more (a chunk of one short word decodes poorly)."""
STEP_EVERY_S = 0.5
"""How often the app asks for the next chunk (its caption timer)."""
PARTIAL_EVERY_S = 1.0
"""Speech still going on gets a partial caption this often (of audio time)..."""
PARTIAL_SHARE = 0.5
"""...or less often, so partial captions take at most this share of the worker's time:
on a busy machine a partial decode takes longer, and the phrases that are kept must
not fall behind the speech."""
FORCED_CUT_AFTER_S = 10.0
"""Speech with no pause for :data:`MAX_CHUNK_S` is cut at its quietest moment after this."""

CONTEXT_S = 8.0
"""Audio already transcribed that is decoded again before each phrase, as context (its
words are not kept): decoded alone, a short phrase came out garbled far more often
(word error rate on espeak-ng clips 0.25 against 0.17 for the whole file)."""

FIRST_PHRASE_S = 4.0
"""The answer's opening phrase, which has no context to be decoded with, is cut no
shorter than this (at the next pause after it): "I want to explain overfitting", decoded
alone as a 2-second chunk, came back "…explain (0.25) overfitting... (0.45)", a sentence
too unsure to count, and the app said the answer had no framing (the file, decoded
with what follows, heard "overfitting." at 0.74)."""

OnWords = Callable[[list[Word]], None]


class LiveTranscription:
    def __init__(
        self,
        transcriber: Transcriber,
        *,
        vad: VadConfig | None = None,
        on_words: OnWords | None = None,
        min_pending_s: float = MIN_PENDING_S,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.transcriber = transcriber
        self.min_pending_s = min_pending_s
        self.clock = clock
        """Times partial captions, to space them out on a busy machine."""
        self.vad = StreamingVad(vad)
        self.on_words = on_words
        """Called (on the worker) with all the words so far after each chunk: the
        session uses it to score sentences as they complete."""
        self._pending: list[np.ndarray] = []
        self._pending_from = 0
        """Sample index where the pending audio starts (everything before is transcribed)."""
        self._n = 0
        self._lock = threading.Lock()
        self._work = threading.Lock()  # step() and finish() never overlap
        self._partial_at = 0.0
        self._partial_cost = 0.0
        """Wall-clock seconds the last partial caption took to decode."""
        self._heard = np.zeros(0, np.int16)
        """The last CONTEXT_S of transcribed audio, for context."""
        self.words: list[Word] = []
        """Transcribed for good."""
        self.partial: list[Word] = []
        """A provisional transcript of the phrase still being spoken (captions only)."""
        self.regions: list[SpeechRegion] = []
        """Every speech region of the answer, once :meth:`finish` has run."""
        self._reached_s = 0.0

    def feed(self, block: np.ndarray) -> None:
        """An int16 block from the recorder (called on the recorder's thread)."""
        with self._lock:
            self._pending.append(block)
            self._n += len(block)
        self.vad.feed(as_float(block))

    @property
    def duration_s(self) -> float:
        return self._n / SAMPLE_RATE

    @property
    def done_s(self) -> float:
        """Audio up to here has been transcribed."""
        return self._pending_from / SAMPLE_RATE

    @property
    def reached_s(self) -> float:
        """How far into the answer the transcription has got, moving on piece by piece
        while a long stretch is decoded: after the stop, what is left of an answer a
        busy machine fell behind on is shown catching up."""
        return max(self.done_s, self._reached_s)

    def caption(self, n: int = 40) -> tuple[str, str]:
        """The last words for a caption: (transcribed, still provisional)."""
        return text_of(self.words[-n:]), text_of(self.partial)

    def step(self) -> list[Word]:
        """Transcribe the next finished phrase(s), if any; returns their words. Returns at
        once if a step is still running (the caption timer does not queue them up)."""
        if not self._work.acquire(blocking=False):
            return []
        try:
            return self._step()
        finally:
            self._work.release()

    def _step(self) -> list[Word]:
        # a block is counted before the VAD hears it: audio the VAD has not heard yet
        # waits (taken for silence, it was let go untranscribed, speech and all)
        heard = self.vad.n_samples / SAMPLE_RATE
        regions = self.vad.regions()
        end = min(self._n / SAMPLE_RATE, heard)
        cut = self._next_cut(regions, end)
        if cut is not None:
            words = self._transcribe(regions, cut)
            self.partial = []
            self._partial_at = cut
            return words
        self._update_partial(regions, end)
        return []

    def finish(self, recording: Path | None = None) -> list[Word]:
        """Transcribe whatever is left; returns all the words of the answer. With the
        answer's ``recording`` on disk, speech of it that no word covers (a phrase the
        live path lost, however it lost it) is decoded again from the file: the answer
        is judged on everything that was said."""
        with self._work:
            self.regions = self.vad.close()
            end = self._n / SAMPLE_RATE
            if end > self.done_s:
                self._transcribe(self.regions, end)
            self.partial = []
            if recording is not None and uncovered_speech(self.regions, self.words, 0.0, end):
                try:
                    audio = load_audio(recording).samples
                except SpeechError:  # the file cannot be read back: the words heard stand
                    return list(self.words)
                self.words = decode_skipped(self.transcriber, audio, self.regions, self.words)
            return list(self.words)

    # -- where to cut -------------------------------------------------------------------

    def _next_cut(self, regions: list[SpeechRegion], end: float) -> float | None:
        done = self.done_s
        if end - done < self.min_pending_s:
            return None
        ahead = [r for r in regions if r.end > done]
        if not ahead:  # silence only: nothing to transcribe, let it go
            return max(done, end - MIN_CUT_PAUSE_S)
        limit = done + MAX_CHUNK_S
        cuts = [
            (a.end + b.start) / 2
            for a, b in zip(ahead, ahead[1:], strict=False)
            if b.start - a.end >= MIN_CUT_PAUSE_S
        ]
        last = ahead[-1]
        if end - last.end >= MIN_CUT_PAUSE_S:  # the speaker has paused (or stopped)
            cuts.append(last.end + MIN_CUT_PAUSE_S / 2)
        shortest = 1.0 if self.words else FIRST_PHRASE_S
        cuts = [c for c in cuts if done + shortest <= c <= limit]
        if cuts:
            return cuts[-1]  # everything said up to the latest pause
        if end - done >= MAX_CHUNK_S:  # a long stretch without a pause: cut anyway
            return self._quietest(done + FORCED_CUT_AFTER_S, limit)
        return None

    def _quietest(self, lo: float, hi: float, frame_s: float = 0.05) -> float:
        audio = self._audio(self._pending_from, int(hi * SAMPLE_RATE))
        first = int(lo * SAMPLE_RATE) - self._pending_from
        n = int(frame_s * SAMPLE_RATE)
        piece = audio[max(first, 0) :]
        frames = len(piece) // n
        if frames < 1:
            return hi
        energy = np.square(piece[: frames * n]).reshape(frames, n).mean(axis=1)
        return lo + (int(np.argmin(energy)) + 0.5) * frame_s

    # -- transcribing -------------------------------------------------------------------

    def _audio(self, start: int, stop: int) -> np.ndarray:
        """Pending audio from sample ``start`` to ``stop``, float32."""
        with self._lock:
            pcm = np.concatenate(self._pending) if self._pending else np.zeros(0, np.int16)
            self._pending = [pcm] if len(pcm) else []
        lo = max(start - self._pending_from, 0)
        return as_float(pcm[lo : max(stop - self._pending_from, lo)])

    def _transcribe(self, regions: list[SpeechRegion], end_s: float) -> list[Word]:
        start = self._pending_from
        stop = int(end_s * SAMPLE_RATE)
        words = self._decode(regions, start, stop)
        # the provisional caption was of the phrase now kept: gone as it is kept, not
        # after the words are scored (seconds on a busy machine, while the captions read
        # the kept phrase and then the same phrase again, heard differently)
        self.partial = []
        self.words.extend(words)
        with self._lock:  # the audio is on disk (the recorder wrote it): let it go here
            pcm = np.concatenate(self._pending) if self._pending else np.zeros(0, np.int16)
            rest = pcm[stop - self._pending_from :]
            done = np.concatenate([self._heard, pcm[: stop - self._pending_from]])
            self._heard = done[-int(CONTEXT_S * SAMPLE_RATE) :]
            self._pending = [rest] if len(rest) else []
            self._pending_from = stop
        if words and self.on_words is not None:
            self.on_words(list(self.words))
        return words

    def _decode(
        self, regions: list[SpeechRegion], start: int, stop: int, final: bool = True
    ) -> list[Word]:
        """Words of samples [start, stop), with the answer's own times (with the filled
        pauses heard in the audio, unless for a provisional caption)."""
        lo, hi = start / SAMPLE_RATE, stop / SAMPLE_RATE
        if not any(r.end > lo and r.start < hi for r in regions):
            return []
        room = max(MAX_CHUNK_S - (hi - lo), 0.0)
        keep = int(min(CONTEXT_S, room) * SAMPLE_RATE)
        context = self._heard[max(len(self._heard) - keep, 0) :]  # less may be heard yet
        if not room:
            context = context[:0]
        origin = lo - len(context) / SAMPLE_RATE
        local = [
            SpeechRegion(max(r.start, origin) - origin, min(r.end, hi) - origin)
            for r in regions
            if r.end > origin and r.start < hi
        ]
        piece = np.concatenate([as_float(context), self._audio(start, stop)])
        if final:

            def reached(s: float) -> None:
                self._reached_s = min(origin + s, hi)

            got = transcribe_in_chunks(self.transcriber, piece, local, progress=reached)
        else:  # a caption: one decode, no repair of words cut off mid-phrase
            got = self.transcriber.transcribe(piece)
        words = [Word(w.text, w.start + origin, w.end + origin, w.probability) for w in got]
        if final and self.words and len(context):
            seam = _seam(words, self.words[-1], lo)
            if seam is not None:
                last, new = seam
                if new:
                    self.words[-1] = last
                return new
        # only the new phrase's words: none of the context's, nor one already kept
        after = self.words[-1].end - 0.05 if self.words else lo
        return [w for w in words if (w.start + w.end) / 2 >= lo and w.start >= after]

    def _update_partial(self, regions: list[SpeechRegion], end: float) -> None:
        """A provisional caption of the phrase still being spoken."""
        done = self.done_s
        speaking = [r for r in regions if r.end > done]
        every = max(PARTIAL_EVERY_S, self._partial_cost / PARTIAL_SHARE)
        if not speaking or end - self._partial_at < every:
            return
        if sum(r.end - max(r.start, done) for r in speaking) < PARTIAL_EVERY_S:
            return
        self._partial_at = end
        started = self.clock()
        self.partial = self._decode(regions, self._pending_from, self._n, final=False)
        self._partial_cost = self.clock() - started


SENTENCE_ENDS = (".", "?", "!")
SEAM_MATCH_S = 0.6
"""The word kept last before a seam is found again in the context decoded before the next
phrase when a word of the same letters ends within this of it."""


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _seam(words: list[Word], kept: Word, lo: float) -> tuple[Word, list[Word]] | None:
    """Where a phrase decoded after its context (``words``, from ``lo`` on new) joins the
    word kept last (``kept``): the kept word as punctuated when heard with what follows,
    and the new words after it. None when the context does not hold the kept word.

    A phrase is kept as soon as the speaker pauses, so its last word is decoded with
    nothing after it and tiny.en ends it with a full stop whether or not the sentence
    ended ("…in their inbox." for "…in their inbox, and how often they…"); the file,
    decoded whole, hears what follows. The next phrase is decoded after the audio already
    kept, which hears that word again with the new words after it: its punctuation is
    the one taken (a comma, a full stop or none). The new words are those after it in
    that decode, so a word timed across the cut ("I'll" at the pause before "guess") is
    not lost as belonging to the context."""
    key = _letters(kept.text)
    if not key:
        return None
    at = [
        i
        for i, w in enumerate(words)
        if (w.start + w.end) / 2 < lo + SEAM_MATCH_S
        and _letters(w.text) == key
        and abs(w.end - kept.end) <= SEAM_MATCH_S
    ]
    if not at:
        return None
    i = at[-1]
    # the words after it, never timed before the kept word ends (the joined decode may
    # time the next word a little inside it): times keep their order for the pace
    new = [
        replace(w, start=max(w.start, kept.end), end=max(w.end, kept.end))
        for w in words[i + 1 :]
        if w.start >= words[i].start
    ]
    heard = words[i].text.rstrip(",;:" + "".join(SENTENCE_ENDS))
    ending = words[i].text[len(heard) :]
    bare = kept.text.rstrip(",;:" + "".join(SENTENCE_ENDS))
    if new and ending != kept.text[len(bare) :]:
        kept = replace(kept, text=bare + ending)
    return kept, new
