"""Speech to text with word timings, behind a small protocol.

:class:`FasterWhisperTranscriber` is the real adapter; :class:`CannedTranscriber`
returns fixed words for tests of code that only needs *some* transcript.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from speech.audio import SAMPLE_RATE, Samples
from speech.cpu import HEAVY_COMPUTE
from speech.errors import ModelError
from speech.filled_pauses import with_filled_pauses
from speech.models import ModelLocation
from speech.prompt_echo import echoes_prompt
from speech.vad import SpeechRegion
from speech.words import Word

# Whisper was trained on transcripts with disfluencies cleaned away and drops
# "um"/"uh" unless its context shows them. A short filler-rich prompt keeps
# them; it must be paired with condition_on_previous_text=False and the VAD
# filter, or the prompted model skips whole 30 s windows (measured: WER 0.11 ->
# 0.36 on fluent speech, and everything between long silences lost).
FILLER_PROMPT = "Umm, let me think, like, hmm... So, uh, you know, I think..."
FILLER_ONLY_PROMPT = "Um, uh, hmm. Uh, um."
"""For a short clip around a held sound: does the model hear a filler there?"""

TOKENS_PER_S = 10
"""The most text tokens a second of audio the filled-pause check may decode into
(the answer's own decode is not capped: a cap there turned clean greedy decodes into
sampled ones, which do not give the same words twice). The fastest speaker
needs about 6 (four words a second, with punctuation and timestamps); a decoding that
writes more is stuck repeating itself ("Dead. Dead. Dead. …" over a 2.4 s clip of an
answer). Uncapped, such a loop ran on for hundreds of tokens at each temperature of
the fallback: on a machine at load 10, one 2.4 s clip took 76 s to decode, and the
candidate waited two minutes after an 18 s answer."""
TOKENS_LEAST = 24
"""A short clip may still write a few words and their punctuation."""
TOKENS_MOST = 400
"""Whisper holds 448 tokens, the prompt and the start tokens included."""


def token_budget(seconds: float) -> int:
    """The most tokens a decode of ``seconds`` of audio may write."""
    return int(min(TOKENS_MOST, TOKENS_LEAST + TOKENS_PER_S * seconds))


Progress = Callable[[float], None]
"""Called with the seconds of audio transcribed so far."""


@dataclass(frozen=True)
class DecodeOptions:
    language: str = "en"
    beam_size: int = 1
    keep_fillers: bool = True
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    """Greedy first; where that fails Whisper's checks (a repetition loop, text the
    model was unsure of), sampled again at each rising temperature (faster-whisper's own)."""


class Transcriber(Protocol):
    name: str

    def transcribe(
        self,
        samples: np.ndarray,
        *,
        offset: float = 0.0,
        progress: Progress | None = None,
        plain: bool = False,
    ) -> list[Word]:
        """Words of 16 kHz mono ``samples``, timed from ``offset`` seconds.

        ``plain`` decodes without the filler prompt (a fallback when the prompted
        decoding degenerates on a stretch of audio)."""
        ...

    def filler_words(self, samples: np.ndarray, offset: float = 0.0) -> list[Word]:
        """Words of a short clip decoded with a filler-only prompt: whether a held sound
        is a hesitation ("uh") or part of a word."""
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
        self,
        samples: np.ndarray,
        *,
        offset: float = 0.0,
        progress: Progress | None = None,
        plain: bool = False,
    ) -> list[Word]:
        self.load()
        with HEAVY_COMPUTE:  # never at the same time as the in-process LLM
            return self._transcribe(samples, offset, progress, plain)

    def filler_words(self, samples: np.ndarray, offset: float = 0.0) -> list[Word]:
        self.load()
        with HEAVY_COMPUTE:
            segments = self._decode(samples, FILLER_ONLY_PROMPT, capped=True, greedy=True)
        return [
            Word(
                w.word.strip(), offset + float(w.start), offset + float(w.end), float(w.probability)
            )
            for s in segments
            for w in s.words or ()
            if w.word.strip()
        ]

    def _transcribe(
        self, samples: np.ndarray, offset: float, progress: Progress | None, plain: bool
    ) -> list[Word]:
        opts = self.options
        prompt = FILLER_PROMPT if opts.keep_fillers and opts.language.startswith("en") else None
        segments = self._decode(samples, None if plain else prompt)
        if (
            prompt is not None
            and not plain
            and echoes_prompt([" ".join(s.text for s in segments)], prompt)
        ):
            # the model wrote its prompt back: that text was never said
            segments = self._decode(samples, None)
        words: list[Word] = []
        for segment in segments:
            if _hallucinated(segment) or _degenerate(segment):
                continue
            for w in segment.words or ():
                text = w.word.strip()
                if not text:
                    continue
                start, end = offset + float(w.start), offset + float(w.end)
                if words and continues(words[-1].text, text):
                    prev = words[-1]
                    words[-1] = Word(
                        prev.text + text,
                        prev.start,
                        end,
                        min(prev.probability, float(w.probability)),
                    )
                    continue
                words.append(Word(text, start, end, float(w.probability)))
            if progress is not None:
                progress(offset + float(segment.end))
        return _without_stock_phrases(words)

    def _decode(
        self, samples: np.ndarray, prompt: str | None, capped: bool = False, greedy: bool = False
    ) -> list:
        """faster-whisper's segments of ``samples``, decoded (its generator materialised).

        Where the greedy decode fails its checks, Whisper decodes again by sampling at
        rising temperatures. The seed is set before each decode, but CTranslate2 seeds
        its worker thread's sampler only on the thread's first draw, so a process that
        decodes the same pieces in the same order (``score`` run twice) gets the same
        words, while the same audio sampled twice in one process may not. ``capped``
        bounds the tokens (see ``TOKENS_PER_S``); only the filled-pause check uses it.
        ``greedy`` decodes once, with no sampling: the filled-pause check does, so
        whether a sound is counted does not depend on what was decoded before it. A
        clip of "the same phone number," decoded four times in one process came back
        "Same phone to that." twice and "I'm going to throw you that." twice, each
        sampled at 0.4-1.0 after the greedy decode failed Whisper's checks."""
        import ctranslate2

        ctranslate2.set_random_seed(DECODE_SEED)
        opts = self.options
        segments, _info = self._whisper.transcribe(
            samples,
            language=opts.language,
            beam_size=opts.beam_size,
            temperature=[0.0] if greedy else list(opts.temperatures),
            word_timestamps=True,
            initial_prompt=prompt,
            condition_on_previous_text=False,
            vad_filter=True,
            vad_parameters={"min_silence_duration_ms": 500},
            max_new_tokens=token_budget(len(samples) / SAMPLE_RATE) if capped else None,
        )
        return list(segments)


DECODE_SEED = 0
NO_SPEECH_PROB = 0.5
LOW_LOGPROB = -0.5


STOCK_WORDS = 6
"""A phrase Whisper invents is short: "Thank you.", "And we'll see you next time."."""
WHISPER_NO_SPEECH = 0.6
WHISPER_LOGPROB = -1.0
"""Whisper's own thresholds for a segment that holds no speech."""


def _hallucinated(segment) -> bool:
    """Whisper's text for what was most likely not speech.

    In the silence at the end of a piece Whisper invents stock phrases
    ("Thank you.", "And we'll see you next time."); they come with a high
    no-speech probability and a low average log-probability, while real
    speech here scored no-speech <= 0.1 and log-probability >= -0.35. A long
    segment is dropped only as Whisper itself drops one: a candidate's last 14 s
    (a British voice, 40 words, no-speech 0.50, log-probability -0.75) went
    missing from the answer, and the report showed "nice job." in its place.
    """
    if len(segment.words or ()) <= STOCK_WORDS:
        return segment.no_speech_prob > NO_SPEECH_PROB and segment.avg_logprob < LOW_LOGPROB
    return segment.no_speech_prob > WHISPER_NO_SPEECH and segment.avg_logprob < WHISPER_LOGPROB


STOCK_PHRASES = ("thank you", "thank you for watching", "thanks for watching", "thank you so much")
"""What Whisper writes into a pause when it hears nothing ("…transactions per second.
Thank you. For success…", in the bundled sample)."""
STOCK_UNSURE = 0.1


def _without_stock_phrases(words: list[Word]) -> list[Word]:
    """``words`` without a stock phrase written as a sentence of its own inside a segment
    that holds speech, where the model was not sure of it (a word under 0.1) or gave a
    word no time at all: the segment passes the no-speech check, the phrase does not.
    Said (and heard) at the end of an answer, "Thank you." stays."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        cut = _stock_phrase_at(words, i)
        if cut:
            i += cut
            continue
        out.append(words[i])
        i += 1
    return out


def _stock_phrase_at(words: list[Word], i: int) -> int:
    if i and not words[i - 1].text.endswith((".", "?", "!")):
        return 0  # not a sentence of its own
    for phrase in STOCK_PHRASES:
        n = len(phrase.split())
        piece = words[i : i + n]
        said = " ".join(w.text for w in piece).lower().strip(".!,")
        if len(piece) == n and said == phrase and piece[-1].text.endswith((".", "!")):
            if any(w.probability < STOCK_UNSURE or w.end <= w.start for w in piece):
                return n
    return 0


def _degenerate(segment) -> bool:
    """A decoding that went wrong: many words piled on one instant (Whisper repeating
    earlier text or its prompt over audio it could not align), or a repetition loop."""
    words = segment.words or []
    instant = sum(1 for w in words if w.end - w.start <= 0.02)
    return (instant >= 4 and instant >= len(words) / 3) or segment.compression_ratio > 2.4


class CannedTranscriber:
    """A transcriber that returns words given up front (for tests and typed answers)."""

    name = "canned"

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = list(words)

    def transcribe(
        self,
        samples: np.ndarray,
        *,
        offset: float = 0.0,
        progress: Progress | None = None,
        plain: bool = False,
    ) -> list[Word]:
        end = offset + len(samples) / SAMPLE_RATE
        picked = [w for w in self.words if offset <= w.start < end]
        if progress is not None:
            progress(end)
        return picked

    def filler_words(self, samples: np.ndarray, offset: float = 0.0) -> list[Word]:
        return self.transcribe(samples, offset=offset)


MAX_CHUNK_S = 28.0
"""Chunks stay inside one 30 s Whisper window: measured on a 62 s answer with long
silences, letting faster-whisper window a whole file itself dropped the first 25 s
and mistimed the rest; silence-cut chunks of under 30 s kept every sentence."""
MIN_CHUNK_S = 10.0


def plan_chunks(
    regions: Sequence[SpeechRegion],
    duration: float,
    max_chunk_s: float = MAX_CHUNK_S,
    min_chunk_s: float = MIN_CHUNK_S,
    samples: Samples | np.ndarray | None = None,
) -> Iterator[tuple[float, float]]:
    """Cut a recording into pieces of at most ``max_chunk_s``, inside silences.

    Within each stretch between ``min_chunk_s`` and ``max_chunk_s`` the cut goes in
    the middle of the longest silence, which is most often a sentence boundary
    (cutting through words doubles the word error rate). Speech that runs longer
    than the limit without a silence the VAD calls one is cut at its quietest
    moment (given ``samples``), else at the limit: a 64 s stretch decoded whole
    lost its first 27 s.

    Chunks come one at a time, each planned once the one before has been taken, so
    ``samples`` is read front to back (at most one chunk ahead).
    """
    if duration <= max_chunk_s:
        yield (0.0, duration)
        return
    gaps = [(a.end, b.start) for a, b in zip(regions, regions[1:], strict=False)]
    start = 0.0
    while duration - start > max_chunk_s:
        usable = [g for g in gaps if start + min_chunk_s < (g[0] + g[1]) / 2 <= start + max_chunk_s]
        if usable:
            best = max(usable, key=lambda g: (g[1] - g[0], g[0]))
            cut = (best[0] + best[1]) / 2
        else:
            cut = _quietest(samples, start + min_chunk_s, start + max_chunk_s)
        yield (start, cut)
        start = cut
    yield (start, duration)


def _quietest(
    samples: Samples | np.ndarray | None, lo: float, hi: float, frame_s: float = 0.05
) -> float:
    """The middle of the quietest ``frame_s`` frame in [lo, hi] (hi without samples)."""
    if samples is None:
        return hi
    n = int(frame_s * SAMPLE_RATE)
    piece = samples[int(lo * SAMPLE_RATE) : int(hi * SAMPLE_RATE)]
    frames = len(piece) // n
    if frames < 1:
        return hi
    energy = np.square(piece[: frames * n].astype(np.float32)).reshape(frames, n).mean(axis=1)
    return lo + (int(np.argmin(energy)) + 0.5) * frame_s


REPAIR_MIN_SPEECH_S = 1.2
"""Speech the VAD heard for at least this long with no word on it gets decoded again."""


WORD_COVERS_S = 2.0
"""A word is taken to cover at most this much speech from each of its ends. Skipping
most of a long window, tiny.en times the words either side of the skip over it (the
answer's "one" at 1.1-13.3 s of a 27-second piece, "thing" at 14.3-23.2 s), and taken
whole those words hid 15 seconds of unheard speech from the repair."""


def _heard_spans(word: Word) -> list[tuple[float, float]]:
    """The stretches ``word`` can have been said in: all of it, or only its two ends
    when it lasts longer than any word is said."""
    if word.end - word.start <= 2 * WORD_COVERS_S:
        return [(word.start, word.end)]
    return [(word.start, word.start + WORD_COVERS_S), (word.end - WORD_COVERS_S, word.end)]


def uncovered_speech(
    regions: Sequence[SpeechRegion], words: Sequence[Word], start: float, end: float
) -> list[tuple[float, float]]:
    """Stretches of speech within [start, end) that no transcribed word covers.

    Whisper sometimes stops mid-window and jumps on (the filler prompt makes
    this likelier); the audio says there was speech, so those stretches are
    decoded again. Uncovered pieces less than a second apart are merged; a
    merged stretch is returned when it holds at least ``REPAIR_MIN_SPEECH_S``
    of speech.
    """
    covered = sorted(span for w in words for span in _heard_spans(w))
    pieces: list[tuple[float, float]] = []
    for r in regions:
        lo, hi = max(r.start, start), min(r.end, end)
        if hi <= lo:
            continue
        cursor = lo
        for ws, we in covered:
            if we <= cursor or ws >= hi:
                continue
            if ws > cursor:
                pieces.append((cursor, ws))
            cursor = max(cursor, we)
            if cursor >= hi:
                break
        if cursor < hi:
            pieces.append((cursor, hi))
    spans: list[list[float]] = []
    for lo, hi in pieces:
        if spans and lo - spans[-1][1] < 1.0:
            spans[-1][1] = hi
            spans[-1][2] += hi - lo
        else:
            spans.append([lo, hi, hi - lo])
    return [(lo, hi) for lo, hi, speech in spans if speech >= REPAIR_MIN_SPEECH_S]


def transcribe_in_chunks(
    transcriber: Transcriber,
    samples: Samples | np.ndarray,
    regions: Sequence[SpeechRegion],
    *,
    max_chunk_s: float = MAX_CHUNK_S,
    progress: Progress | None = None,
    find_filled_pauses: bool = True,
    confirm_filled_pauses: bool = True,
) -> list[Word]:
    """Transcribe a recording piece by piece, cut at silences, with global times.

    Each piece is decoded on its own (no text carried over: prompting a chunk
    with the previous chunk's words caused repetition loops), which also keeps
    memory bounded for long recordings and gives the progress bar its steps.
    Speech that a piece's decoding skipped is decoded again on its own. Filled pauses
    the model did not write but the audio holds are put in (``find_filled_pauses``), as
    "(uh)", "(um)", "(hm)" or "(hesitation)": see :mod:`speech.filled_pauses`; those
    inside a word's time are confirmed by decoding them again with a filler-only prompt
    (``confirm_filled_pauses``).
    """
    duration = len(samples) / SAMPLE_RATE
    words: list[Word] = []
    for start, end in plan_chunks(regions, duration, max_chunk_s, samples=samples):
        piece = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
        got = transcriber.transcribe(piece, offset=start)
        for lo, hi in uncovered_speech(regions, got, start, end):
            got = _redecode(transcriber, samples, regions, got, lo, hi, (start, end))
        if find_filled_pauses:
            spans = [
                (max(r.start, start) - start, min(r.end, end) - start)
                for r in regions
                if r.end > start and r.start < end
            ]
            got = with_filled_pauses(
                piece,
                spans,
                got,
                offset=start,
                confirm=transcriber.filler_words if confirm_filled_pauses else None,
            )
        words.extend(got)
        if progress is not None:
            progress(end)
    return words


def decode_skipped(
    transcriber: Transcriber,
    samples: Samples | np.ndarray,
    regions: Sequence[SpeechRegion],
    words: list[Word],
) -> list[Word]:
    """``words`` of the whole recording ``samples``, with every stretch of speech that no
    word covers decoded again (nothing is decoded when every stretch is covered)."""
    duration = len(samples) / SAMPLE_RATE
    for lo, hi in uncovered_speech(regions, words, 0.0, duration):
        words = _redecode(transcriber, samples, regions, words, lo, hi, (0.0, duration))
    return words


def _redecode(
    transcriber: Transcriber,
    samples: Samples | np.ndarray,
    regions: Sequence[SpeechRegion],
    words: list[Word],
    lo: float,
    hi: float,
    bounds: tuple[float, float],
) -> list[Word]:
    """Decode the whole speech regions around a skipped stretch again, on their own.

    The new words replace the old ones in those regions when they cover more
    of the speech, so a partly transcribed sentence is not written twice.
    """
    touched = [r for r in regions if r.start < hi and r.end > lo]
    a = max(bounds[0], min([lo] + [r.start for r in touched]) - 0.2)
    b = min(bounds[1], max([hi] + [r.end for r in touched]) + 0.2)
    # a word timed over the skipped stretch may hide the words said at its far end
    # ("thing" timed 14.3-23.2 s, said at 22.9 s): the clip takes in all of it
    long = 2 * WORD_COVERS_S
    stretched = [w for w in words if w.end - w.start > long and w.start < b and w.end > a]
    a = max(bounds[0], min([a] + [w.start for w in stretched]))
    b = min(bounds[1], max([b] + [w.end for w in stretched]))
    clip = samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)]
    fresh = [w for w in transcriber.transcribe(clip, offset=a) if a <= w.start < b]
    if uncovered_speech(regions, fresh, lo, hi):  # the prompted model fails here: try plain
        plain = [w for w in transcriber.transcribe(clip, offset=a, plain=True) if a <= w.start < b]
        if len(plain) > len(fresh):
            fresh = plain
    inside = [w for w in words if a <= (w.start + w.end) / 2 < b]
    if len(fresh) <= len(inside):
        return words
    kept = [w for w in words if not a <= (w.start + w.end) / 2 < b]
    return sorted(kept + fresh, key=lambda w: w.start)


_NUMBER_PIECE = re.compile(r"^[,.]\d")


def continues(previous: str, piece: str) -> bool:
    """Whether Whisper's word ``piece`` is the rest of ``previous``: it spells some words
    in pieces ("trade -off", "op -timising") and splits numbers at the thousands ("10
    ,000"), which made "10 ,000 requests" two words and no figure."""
    if piece.startswith("-") and len(piece) > 1:
        return True
    return bool(_NUMBER_PIECE.match(piece)) and previous[-1:].isdigit()
