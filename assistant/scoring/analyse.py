"""From a recording (or a typed transcript) to a :class:`~assistant.report.Report`.

``analyse`` is pure: timed words and speech regions in, report out.
``score_recording`` wires in the audio loader, the VAD and a transcriber.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.report import (
    AudioInfo,
    BudgetOut,
    FeedbackItem,
    FillerItemOut,
    FillersOut,
    PaceWindowOut,
    PacingOut,
    PauseOut,
    Report,
    TranscriptOut,
    WordOut,
)
from assistant.scoring import pacing_feedback as fb
from assistant.scoring.fillers import GUESSED_P, find_fillers
from assistant.scoring.pacing import (
    PauseThresholds,
    align_words,
    between,
    find_pauses,
    pace_summary,
    pace_windows,
    rehome_fillers,
    worded_regions,
)
from assistant.scoring.spoken_form import spoken_word_count
from assistant.scoring.structure.analysis import Probe
from assistant.scoring.structure.depth_head import DepthHead, load_depth_head
from assistant.scoring.structure.embedder import Embedder
from assistant.scoring.structure.scorers import EmbeddingScorer, StageScorer
from assistant.scoring.structure.segments import words_from_text
from assistant.scoring.structure.service import analyse_answer
from assistant.settings import Settings
from rubrics import Rubric
from speech.audio import SAMPLE_RATE, AudioStream, StreamedSamples, as_float, batched
from speech.filled_pauses import is_heard
from speech.quality import NOISY_SNR_DB, QUIET_DBFS, measure_levels
from speech.transcriber import MAX_CHUNK_S, Transcriber, transcribe_in_chunks
from speech.vad import BLOCK_WINDOWS, WINDOW, SpeechRegion, StreamingVad, VadConfig
from speech.words import Word, text_of

ProgressFactory = Callable[[float], Callable[[float], None]]


@dataclass(frozen=True)
class StructureSpec:
    """Which rubric to judge structure against, and with what."""

    rubric: Rubric
    scorer: StageScorer
    method: str
    question_texts: Mapping[str, str] = field(default_factory=dict)
    """Question id -> what the question asks, so that an answer that only says the
    question back earns nothing for it (the app fills this from the question bank)."""

    whole: bool = False
    """Judged as a whole answer to the question (a scored file, a session, the answer
    to a session's opening question): the depth head reads the depth rules' levels
    again. A later turn of an interview answers one probe, not the question, so it is
    judged by the rules alone (the interviewer's moves were built on them)."""
    depth_head: DepthHead | None = None
    """The depth head for whole answers (None: the rubric's shipped one, if any)."""
    probed: tuple[Probe, ...] = ()
    """Answers to the interviewer's follow-ups in a session's words (first word, end
    word, the stage the follow-up asked about, what it asked). What such an answer says
    of that stage, or of what was asked, is read as mainly about it ("Nightly is enough
    because orders go out once a day", after "why a nightly job?", justifies the
    pipeline)."""
    reached: tuple[tuple[int, int, str, int], ...] = ()
    """(first word, end word, stage, level): the level each answer of a session reached
    on a stage when it was judged on its own. Judged together, the session goes no less
    deep on the stage: the candidate was shown that answer's depth, and reading the
    answers side by side does not take it back."""
    answer_starts: tuple[int, ...] = ()
    """The first word of each answer after the first, in a session's words: a question
    the candidate asked at the end of one answer is not quoted with the next answer."""

    def question_text(self, question_id: str | None) -> str:
        return self.question_texts.get(question_id, "") if question_id else ""

    def as_whole(self) -> StructureSpec:
        """This analysis for a whole answer (see ``whole``)."""
        return replace(self, whole=True)

    @property
    def depth_reader(self) -> DepthHead | None:
        if not self.whole:
            return None
        if self.depth_head is not None:
            return self.depth_head
        return load_depth_head(self.rubric.id, self.rubric.stage_ids)

    @property
    def embedder(self) -> Embedder | None:
        """The sentence model the scorer uses (None for cues alone): the interviewer
        matches meaning with the same one, so a sentence is embedded once."""
        return self.scorer.embedder if isinstance(self.scorer, EmbeddingScorer) else None


"""Given the audio length, returns a callback taking seconds transcribed so far."""


def _r(x: float, nd: int = 2) -> float:
    return round(float(x), nd)


def thresholds(settings: Settings) -> PauseThresholds:
    return PauseThresholds(settings.min_pause_s, settings.thinking_pause_s, settings.long_pause_s)


def _fillers(
    words: Sequence[Word], minutes: float | None, timed: bool, pauses_after: frozenset[int]
):
    guessed = frozenset(i for i, w in enumerate(words) if w.probability < GUESSED_P)
    hits = find_fillers([w.text for w in words], pauses_after, guessed)
    counts = Counter(h.word for h in hits)
    first_index: dict[str, int] = {}
    for h in hits:
        first_index.setdefault(h.word, h.first)
    total_words = spoken_word_count([w.text for w in words]) or 1
    out = FillersOut(
        count=len(hits),
        per_minute=_r(len(hits) / minutes) if minutes else (0.0 if timed else None),
        percent_of_words=_r(100.0 * len(_filler_tokens(hits)) / total_words),
        by_word=dict(counts.most_common()),
        items=[
            FillerItemOut(
                text=h.word,
                start=_r(words[h.first].start) if timed else None,
                end=_r(words[h.last].end) if timed else None,
                heard_in_audio=is_heard(words[h.first].text),
            )
            for h in hits
        ],
    )
    return out, first_index


def _transcript(words: Sequence[Word], timed: bool) -> TranscriptOut:
    return TranscriptOut(
        text=text_of(words),
        words=[
            WordOut(text=w.text, start=_r(w.start), end=_r(w.end), probability=_r(w.probability, 3))
            if timed
            else WordOut(text=w.text)
            for w in words
        ],
    )


def analyse(
    words: Sequence[Word],
    regions: Sequence[SpeechRegion],
    duration_s: float,
    settings: Settings,
    *,
    audio: AudioInfo,
    budget_s: float | None = None,
    model: str | None = None,
    structure: StructureSpec | None = None,
    question: str | None = None,
    seams: Sequence[float] = (),
) -> Report:
    """Pacing, fillers and (given a rubric) structure of a timed transcript; ``seams``
    are the times where one answer's recording ends and the next one's begins."""
    limits = thresholds(settings)
    words = rehome_fillers(regions, words)
    speech = worded_regions(regions, words)
    if not words:
        return Report(
            audio=audio,
            model=model,
            speech_detected=False,
            transcript=TranscriptOut(text="", words=[]),
            pacing=None,
            # no speech, no rate: "0.0 a minute" over silence read as a good evening
            fillers=FillersOut(
                count=0, per_minute=None, percent_of_words=0.0, by_word={}, items=[]
            ),
            question=question,
            feedback=fb.no_speech_feedback(),
        )
    silences = find_pauses(speech, words, limits)
    words = align_words(words, silences)
    pauses, across = between(silences, seams)
    summary = pace_summary(words, speech, pauses, across)
    assert summary is not None
    windows = pace_windows(
        words, summary.speech_start, summary.speech_end, settings.pace_window_s, silences
    )
    minutes = summary.speaking_span_s / 60.0
    fillers, first_index = _fillers(
        words,
        minutes,
        timed=True,
        pauses_after=frozenset(p.before for p in silences if p.before is not None),
    )
    budget = None
    if budget_s:
        used = summary.speech_end
        budget = BudgetOut(
            budget_s=_r(budget_s),
            used_s=_r(used),
            remaining_s=_r(max(budget_s - used, 0.0)),
            overrun_s=_r(max(used - budget_s, 0.0)),
        )
    pacing = PacingOut(
        words=summary.words,
        speaking_span_s=_r(summary.speaking_span_s),
        words_per_minute=_r(summary.words_per_minute, 1),
        articulation_wpm=_r(summary.articulation_wpm, 1),
        time_to_first_word_s=_r(summary.speech_start),
        pace_windows=[
            PaceWindowOut(start=_r(w.start), end=_r(w.end), wpm=_r(w.wpm, 1)) for w in windows
        ],
        long_pause_threshold_s=settings.long_pause_s,
        pauses=[
            PauseOut(
                start=_r(p.start),
                end=_r(p.end),
                duration=_r(p.duration),
                kind=p.kind,
                position=p.position,
            )
            for p in pauses
        ],
        budget=budget,
    )
    feedback: list[FeedbackItem] = fb.audio_feedback(audio) + fb.heard_feedback(words)
    feedback += fb.pace_feedback(summary, windows, words, settings)
    feedback += fb.pause_feedback(pauses, words, settings)
    feedback += fb.filler_feedback(
        fillers, words, first_index, settings, span_s=summary.speaking_span_s
    )
    feedback += fb.start_feedback(summary.speech_start, words, settings)
    if budget is not None:
        feedback += fb.budget_feedback(budget, words)
    structure_report = None
    if structure is not None:
        # a new answer starts a new sentence, however short the silence between them
        onsets = sorted([p.start for p in pauses if p.duration >= 0.7] + [*seams])
        structure_report, items = analyse_answer(
            words,
            structure.rubric,
            structure.scorer,
            method=structure.method,
            timed=True,
            pause_onsets=onsets,
            question_text=structure.question_text(question),
            depth_head=structure.depth_reader,
            probed=structure.probed,
            reached=structure.reached,
            answer_starts=_first_words_after(words, seams),
        )
        feedback += items
    return Report(
        audio=audio,
        model=model,
        speech_detected=True,
        transcript=_transcript(words, True),
        pacing=pacing,
        fillers=fillers,
        structure=structure_report,
        question=question,
        feedback=feedback,
    )


MAX_TRANSCRIPT_BYTES = 200_000
"""A typed transcript may be at most this big (about 30,000 words; a 10-minute answer is
about 1,500). The analysis takes about half a second per KB, so a 5 MB file ran for
40 minutes: it is refused before any work."""


def read_transcript(path: Path) -> str:
    """The text of a transcript file; raises :class:`InputUnusableError` (or
    :class:`InputMissingError`) with a one-line reason."""
    from speech.errors import InputMissingError, InputUnusableError

    if not path.exists():
        raise InputMissingError(f"{path}: no such file")
    if path.is_dir():
        raise InputMissingError(f"{path}: is a directory, not a text file")
    if path.is_char_device() or path.is_block_device():
        # /dev/zero read as a "larger than 200 KB" transcript; a terminal (``/dev/stdin``
        # typed into) is read as text, as a pipe is
        with path.open("rb") as fh:
            if not os.isatty(fh.fileno()):
                raise InputUnusableError(f"{path}: a device, not a text file")
    try:  # opened once: a pipe can be read only once
        with path.open("rb") as fh:  # one byte past the limit: pipes have no size
            data = fh.read(MAX_TRANSCRIPT_BYTES + 1)
    except OSError as exc:
        raise InputMissingError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise InputUnusableError(f"{path}: the file is empty: there is nothing to score")
    if len(data) > MAX_TRANSCRIPT_BYTES and not _is_audio(data):  # a recording: said so below
        raise InputUnusableError(
            f"{path}: larger than {MAX_TRANSCRIPT_BYTES // 1000} KB; a transcript may hold "
            "about 30,000 words at most (a 10-minute answer is about 1,500)"
        )
    return decoded_text(data, path, InputUnusableError)


_AUDIO_MAGIC = (b"RIFF", b"fLaC", b"OggS", b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"FORM")
"""How WAV, FLAC, Ogg, MP3 and AIFF files start (and MP4/M4A carry "ftyp" at byte 4)."""


def _is_audio(data: bytes) -> bool:
    return data.startswith(_AUDIO_MAGIC) or data[4:8] == b"ftyp"


def decoded_text(data: bytes, path: Path, error: type[Exception]) -> str:
    """``data`` as UTF-8 text, a byte-order mark left out (Notepad writes one); raises
    ``error`` with a one-line reason for anything else. UTF-16 with no byte-order mark
    decodes as UTF-8 with a NUL between letters: it scored 0 with NULs in its quotes."""
    if _is_audio(data):
        raise error(f"{path}: a recording, not a transcript: score it without --transcript")
    if b"\x00" in data:
        raise error(f"{path}: not UTF-8 text (it holds NUL bytes: UTF-16?); save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start} is not); save it as UTF-8") from exc


def analyse_text(
    text: str,
    settings: Settings,
    *,
    structure: StructureSpec | None = None,
    question: str | None = None,
) -> Report:
    """A typed or pasted transcript: no timings, so no pacing; fillers and structure count."""
    words, line_ends = words_from_text(text)
    fillers, first_index = _fillers(words, None, timed=False, pauses_after=frozenset())
    if not words:
        feedback = fb.no_words_feedback()
    else:
        feedback = fb.filler_feedback(fillers, words, first_index, settings, breaks=line_ends)
    structure_report = None
    if structure is not None and words:
        structure_report, items = analyse_answer(
            words,
            structure.rubric,
            structure.scorer,
            method=structure.method,
            timed=False,
            line_ends=line_ends,
            question_text=structure.question_text(question),
            depth_head=structure.depth_reader,
            probed=structure.probed,
            reached=structure.reached,
            answer_starts=structure.answer_starts,
        )
        feedback += items
    return Report(
        audio=None,
        speech_detected=bool(words),
        transcript=_transcript(words, False),
        pacing=None,
        fillers=fillers,
        structure=structure_report,
        question=question,
        feedback=feedback,
    )


@dataclass(frozen=True)
class Transcribed:
    """A recording turned into timed words and speech regions, before any judging."""

    audio: AudioInfo
    words: list[Word]
    regions: list[SpeechRegion]
    duration_s: float
    model: str

    def shifted(self, offset: float) -> Transcribed:
        """The same recording placed ``offset`` seconds later on a session timeline."""
        return Transcribed(
            self.audio,
            [Word(w.text, w.start + offset, w.end + offset, w.probability) for w in self.words],
            [SpeechRegion(r.start + offset, r.end + offset) for r in self.regions],
            self.duration_s,
            self.model,
        )


def with_levels(info: AudioInfo, vad: StreamingVad) -> AudioInfo:
    """``info`` with how loud the speech, the room and any clipping were, as ``vad``
    heard the recording."""
    levels = measure_levels(vad)
    if levels is None:
        return info
    return info.model_copy(
        update={
            "speech_dbfs": levels.speech_dbfs,
            "noise_dbfs": levels.noise_dbfs,
            "clipped_share": levels.clipped_share,
        }
    )


def _worst_heard(infos: Sequence[AudioInfo]) -> dict[str, float | None]:
    """Of several answers' recordings, the levels of the one heard worst (the quietest,
    or the one with the room nearest its voice) and the most clipping."""
    measured = [a for a in infos if a.speech_dbfs is not None]
    if not measured:
        return {}

    def margin(a: AudioInfo) -> float:
        room = a.noise_dbfs if a.noise_dbfs is not None else -100.0
        return min(a.speech_dbfs - QUIET_DBFS, a.speech_dbfs - room - NOISY_SNR_DB)

    worst = min(measured, key=margin)
    return {
        "speech_dbfs": worst.speech_dbfs,
        "noise_dbfs": worst.noise_dbfs,
        "clipped_share": max(a.clipped_share or 0.0 for a in measured),
    }


def transcribe_recording(
    path: Path,
    transcriber: Transcriber,
    settings: Settings,
    *,
    progress: ProgressFactory | None = None,
) -> Transcribed:
    """Find speech, then transcribe one recording in silence-cut chunks.

    The file is decoded twice, never held whole: once for the VAD (which keeps only its
    probabilities), once for Whisper, a chunk at a time. Memory is the same for a
    two-hour recording as for a minute.
    """
    audio = AudioStream(path, max_seconds=settings.max_audio_minutes * 60)
    vad = StreamingVad(VadConfig(threshold=settings.vad_threshold))
    for block in batched(audio, BLOCK_WINDOWS * WINDOW):
        vad.feed(as_float(block))
    regions = vad.close()
    duration = audio.n_samples / SAMPLE_RATE
    info = with_levels(
        AudioInfo(path=str(path), duration_s=_r(duration), truncated=audio.truncated), vad
    )
    words: list[Word] = []
    if regions:
        callback = progress(duration) if progress else None
        samples = StreamedSamples(audio, audio.n_samples, keep_s=3 * MAX_CHUNK_S)
        words = transcribe_in_chunks(transcriber, samples, regions, progress=callback)
    return Transcribed(info, words, regions, duration, transcriber.name)


def analyse_transcribed(
    t: Transcribed,
    settings: Settings,
    *,
    budget_s: float | None = None,
    structure: StructureSpec | None = None,
    question: str | None = None,
) -> Report:
    return analyse(
        t.words,
        t.regions,
        t.duration_s,
        settings,
        audio=t.audio,
        budget_s=budget_s,
        model=t.model,
        structure=structure,
        question=question,
    )


def _first_words_after(words: Sequence[Word], seams: Sequence[float]) -> list[int]:
    """The first word of each answer that starts at one of ``seams``."""
    return [next((k for k, w in enumerate(words) if w.start >= t), -1) for t in seams]


def analyse_session(
    recordings: Sequence[Transcribed],
    settings: Settings,
    *,
    structure: StructureSpec | None = None,
    question: str | None = None,
) -> Report:
    """Pacing and structure over several answers laid end to end on one timeline."""
    words: list[Word] = []
    regions: list[SpeechRegion] = []
    offset = 0.0
    seams: list[float] = []
    for t in recordings:
        if words:
            seams.append(offset)
        shifted = t.shifted(offset)
        words += shifted.words
        regions += shifted.regions
        offset += t.duration_s
    audio = AudioInfo(
        path=", ".join(t.audio.path for t in recordings),
        duration_s=_r(offset),
        truncated=any(t.audio.truncated for t in recordings),
        **_worst_heard([t.audio for t in recordings]),
    )
    model = recordings[0].model if recordings else None
    return analyse(
        words,
        regions,
        offset,
        settings,
        audio=audio,
        model=model,
        structure=structure,
        question=question,
        seams=seams,
    )


def score_recording(
    path: Path,
    transcriber: Transcriber,
    settings: Settings,
    *,
    budget_s: float | None = None,
    progress: ProgressFactory | None = None,
    structure: StructureSpec | None = None,
    question: str | None = None,
) -> Report:
    """Load, find speech, transcribe and analyse one recording."""
    t = transcribe_recording(path, transcriber, settings, progress=progress)
    return analyse_transcribed(
        t, settings, budget_s=budget_s, structure=structure, question=question
    )


def _filler_tokens(hits) -> set[int]:
    """The words that are fillers, each once ("I (um) mean" is two hits over three words)."""
    return {k for h in hits for k in range(h.first, h.last + 1)}
