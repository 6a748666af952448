"""A practice interview, as both fronts drive it: the app (microphone, typed answers,
replayed files) and ``thinkaloud practice`` (recordings, in order).

:class:`PracticeSession` owns the session's rules: the question and its interviewer,
the time budget of each answer, saving as it goes, and the analysis of every answer.
A front asks it for the opening question, hands it each answer (live audio, a
recording, or typed text) and gets back a typed result with the interviewer's next
move; at the end it gets the session report.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.interview.clarify import asks_meaning, asks_to_repeat
from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner
from assistant.interview.session import Interview, Interviewer, SpeakEarly
from assistant.practice.saving import DraftKeeper, SessionSaver
from assistant.practice.session_report import Answer, asked_of, session_report
from assistant.report import AudioInfo, Report
from assistant.scoring.analyse import (
    ProgressFactory,
    StructureSpec,
    Transcribed,
    analyse_text,
    analyse_transcribed,
    transcribe_recording,
    with_levels,
)
from assistant.scoring.live import LiveTranscription
from assistant.scoring.structure.segments import split_segments
from assistant.settings import Settings
from prompts import Question
from sessions.store import Store, StoreError
from speech.transcriber import Transcriber
from speech.vad import VadConfig
from speech.words import Word, text_of

FOLLOW_UP_BUDGET_S = 120.0
"""Time for an answer to a follow-up (the opening question has its own budget)."""


def answer_budget_s(question: Question, kind: str, target: str, *, reopens: bool = False) -> float:
    """The time budget of an answer to a move: the question's own for the opening (and
    for a move that ``reopens`` it, after answers that only asked the interviewer), the
    time a change names ("You have one minute instead"), else two minutes."""
    named = question.answer_budget_s(kind, target, reopens=reopens)
    return named if named is not None else FOLLOW_UP_BUDGET_S


MAX_TYPED_CHARS = 20_000
"""A typed answer may hold this much (about 3,000 words, 20 minutes of talk): scoring
takes about half a second per KB, and a pasted document would hold the app for minutes.
A longer one is kept whole; its first part is judged (:func:`judged_part`)."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")
MIN_MOVES, MAX_MOVES = 3, 8
"""A session planned from a budget has room for a probe, a requirement change and a
wrap-up, and never runs on past what a practice sitting holds."""


def judged_part(text: str) -> str:
    """What of a typed answer is judged: all of it, up to :data:`MAX_TYPED_CHARS`; a
    longer one up to the last sentence end in its first :data:`MAX_TYPED_CHARS`
    characters (the last space, when no sentence ends in the second half of them)."""
    if len(text) <= MAX_TYPED_CHARS:
        return text
    head = text[:MAX_TYPED_CHARS]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    cut = ends[-1] if ends and ends[-1] > MAX_TYPED_CHARS // 2 else head.rfind(" ") + 1
    return head[: cut or MAX_TYPED_CHARS].rstrip()


def cut_note(number: int, text: str, judged: str) -> str | None:
    """What the candidate is told when answer ``number`` (from 1) was too long to judge
    whole; None when it was judged whole."""
    if len(judged) >= len(text.rstrip()):
        return None
    last = " ".join(judged.split()[-6:])
    return (
        f"Answer {number} was {len(text):,} characters, more than the {MAX_TYPED_CHARS:,} "
        f"an answer may hold: it is judged up to “…{last}” ({len(judged):,} characters); "
        "all of it is kept with the session."
    )


def unasked_note(path: Path) -> str:
    """What the report says of words typed after the last answer, kept in ``path``."""
    return (
        "What you typed after your last answer was not sent: no question came for it. "
        f"It is kept, unjudged, in {path}."
    )


def planned_moves(
    question: Question, settings: Settings, answers_available: int | None = None
) -> int:
    """Interviewer moves in a session on ``question``, the wrap-up included: the
    ``interview_moves`` setting, or one a minute of the question's budget less one (a
    6-minute question gets 5: about a minute per probe after the first answer). With
    recorded answers (``practice``, ``--replay``) the session ends when they run out."""
    moves = settings.interview_moves
    if moves is None:
        moves = min(max(round(question.budget_s / 60) - 1, MIN_MOVES), MAX_MOVES)
    if answers_available is not None:
        moves = min(moves, max(answers_available - 1, 0))
    return moves


@dataclass(frozen=True)
class Answered:
    """What became of one answer."""

    report: Report | None
    """The answer's report (None when nothing was heard)."""
    move: Move | None
    """The interviewer's next move; None once the interview is over. When nothing was
    heard it is the same move again, still waiting for an answer."""
    notice: str | None = None
    """Something the candidate should know (an LLM interviewer that fell back)."""
    heard: bool = True
    """False: the recording held no speech, so it was not judged."""
    repeat: bool = False
    """The answer only asked to hear the question again ("Sorry, could you repeat the
    question?") or what a term of it means ("What do you mean by a connection?"): it is
    not judged, uses up no move and no time of the budget, and ``move`` is the same
    question, said again (after the interviewer's meaning)."""
    said: str = ""
    """What the candidate said, where no report holds it (a request to repeat)."""


@dataclass(frozen=True)
class Ended:
    report: Report
    """The session report: every turn, and pacing and structure over all answers."""
    session_id: str | None
    """Where it was saved (None when sessions are not kept)."""


class PracticeSession:
    def __init__(
        self,
        question: Question,
        structure: StructureSpec,
        interview: Interview,
        transcriber: Transcriber,
        settings: Settings,
        saver: SessionSaver | None = None,
    ) -> None:
        self.question = question
        self.structure = structure
        self.interview = interview
        self.transcriber = transcriber
        self.settings = settings
        self.saver = saver
        self.answers: list[Answer] = []
        """Every answer given, in order (a recording's timed words, or typed text): the
        session report lays them end to end."""
        self.deciding = False
        """The answer is on record, and the interviewer is deciding what comes next."""
        self.skips_free = False
        """A skip uses up none of the recorded answers (see :meth:`start`)."""
        self.recordings: int | None = None
        """How many recorded answers there are to play (None: a live candidate)."""
        self.unheard = 0
        """Recordings played that held no speech: played, so not played again."""
        self.asked_again = 0
        """Recordings played that only asked to hear the question again."""
        self._last = False
        self._kept_typed: set[int] = set()
        self._kept_unasked = False
        self.finished = False
        """Judged and saved whole (:meth:`end` returned)."""
        """Moves whose typed answer is on disk already (kept as it was sent)."""
        self.drafts = DraftKeeper(saver) if saver is not None else None
        """The answer being typed, kept on disk as it is typed."""
        self._taking = threading.Lock()
        """Held while an answer is transcribed, judged and put on record (not while the
        interviewer decides what comes next): the end waits for it, never for the LLM."""

    @classmethod
    def start(
        cls,
        question: Question,
        structure: StructureSpec,
        *,
        interviewer_for: Callable[[OfflinePlanner], Interviewer],
        transcriber: Transcriber,
        settings: Settings,
        store: Store | None,
        answers_available: int | None = None,
        max_moves: int | None = None,
        seed: int = 0,
        skips_free: bool = False,
    ) -> PracticeSession:
        """A new session on ``question``, saved in ``store`` as it goes (None: not kept).
        Its length comes from :func:`planned_moves`; ``answers_available`` is how many
        recorded answers there are, when they are (None: a live candidate);
        ``max_moves`` overrides both (tests, benchmarks). ``skips_free``: a skip uses up
        none of the recorded answers (the app's ``--replay``; ``practice`` has no skip:
        each of its answer files is an answer), so it gives its move back while the
        question's budget allows."""
        if max_moves is None:
            max_moves = planned_moves(question, settings, answers_available)
        planner = OfflinePlanner(question, structure.rubric, seed=seed, embedder=structure.embedder)
        interviewer = interviewer_for(planner)
        saver = None
        if store is not None:
            saver = SessionSaver(
                store,
                question_id=question.id,
                question_title=question.title,
                rubric=structure.rubric.id,
                interviewer=interviewer.name,
            )
        interview = Interview(planner, interviewer, max_moves=max_moves)
        session = cls(question, structure, interview, transcriber, settings, saver)
        session.skips_free = skips_free
        session.recordings = answers_available
        return session

    # -- where the interview is ----------------------------------------------------------

    @property
    def interviewer(self) -> Interviewer:
        return self.interview.interviewer

    @property
    def move(self) -> Move | None:
        """The move waiting for an answer (None before the opening and after the end)."""
        return self.interview.turns[-1].move if self.interview.waiting_for_answer else None

    @property
    def index(self) -> int:
        """Which answer comes next: 0 for the opening question."""
        return max(len(self.interview.turns) - 1, 0)

    @property
    def budget_s(self) -> float:
        """The time budget of the answer that comes next (:func:`answer_budget_s`)."""
        move = self.move
        if move is None:  # before the opening, or after the end
            return float(self.question.budget_s) if self.index == 0 else FOLLOW_UP_BUDGET_S
        return answer_budget_s(self.question, move.kind, move.target, reopens=move.reopens)

    @property
    def answered(self) -> int:
        """Answers with something in them (a skipped move does not count)."""
        return sum(1 for a in self.answers if not isinstance(a, str) or a.strip())

    @property
    def recorded(self) -> int:
        """Recordings played so far (typed answers and skips are not; one that held no
        speech is): with recorded answers to replay (``--replay``), the one the next
        answer plays."""
        return (
            sum(1 for a in self.answers if not isinstance(a, str)) + self.unheard + self.asked_again
        )

    def _not_an_answer(self, said: str) -> Answered | None:
        """For an answer that only asked to hear the question again, the question waiting
        said once more; for one that only asked what a term of it means ("what do you
        mean by a connection?"), the interviewer's meaning and the question again. Nothing
        is judged and the move stays open, with its budget. None: an answer."""
        move = self.move
        planner = self.interview.planner
        if asks_to_repeat(said):
            again = None if move is None else planner.said_again(move)
            return Answered(None, again, repeat=True, said=said)
        term = asks_meaning(said)
        if term is None:
            return None
        again = None if move is None else planner.explained(move, term, self.interview.moves, said)
        return Answered(None, again, repeat=True, said=said)

    @property
    def recordings_left(self) -> int | None:
        """Recorded answers not played yet (None: a live candidate)."""
        return None if self.recordings is None else max(self.recordings - self.recorded, 0)

    def opening(self) -> Move:
        return self.interview.opening()

    def closing(self) -> str:
        """What the interviewer says at the end."""
        return self.interview.planner.closing()

    # -- answers -------------------------------------------------------------------------

    def record(self, blocks: Iterable[np.ndarray]) -> Path | None:
        """Stream the next answer's audio to the store as it arrives (the blocks are
        consumed either way); returns the saved file, or None when nothing is kept."""
        if self.saver is None:
            for _ in blocks:
                pass
            return None
        return self.saver.record(self.index, self.move, blocks)

    def recording_ended(self) -> None:
        """The answer's recording ended whole (stopped, or its replayed file played
        out), not cut off by quitting: kept as a finished answer, judged as one later
        if the app is quit while it is judged."""
        if self.saver is not None:
            # a store that cannot say so leaves it as it was: cut off if quit now
            with contextlib.suppress(StoreError, sqlite3.Error):
                self.saver.recorded(self.index)

    def live_transcription(self) -> LiveTranscription:
        """Transcribes the next answer while it is spoken (feed it the blocks); its
        sentences are scored as they complete, so stopping only scores the last one."""
        return LiveTranscription(self.transcriber, vad=self._vad(), on_words=self._score_early)

    def _score_early(self, words: list[Word]) -> None:
        """Score the sentences said so far (the scorer keeps their embeddings), so the
        analysis at the end finds most of its work done; an interviewer on this machine
        starts reading the answer too."""
        if self.structure is not None:
            self.structure.scorer.score(split_segments(words, timed=True))
        self.interview.read_ahead(text_of(words))

    def answer_live(
        self,
        live: LiveTranscription,
        path: Path | None,
        speak_early: SpeakEarly | None = None,
        *,
        last: bool = False,
        played_out: bool = True,
    ) -> Answered:
        """The answer just recorded through ``live`` (saved at ``path``, if kept). With
        no speech in it, nothing is judged and the same move waits for an answer.
        ``last``: the candidate is ending the interview with this answer (no next move).
        ``played_out``: a replayed recording was played to its end; one stopped before
        it with nothing heard yet is not a recording with no speech in it, and plays
        again on the next take."""
        with self._taking:
            words = live.finish(path)
            if not words:
                if self.recordings is not None and played_out:
                    # a recording with no speech in it was played: the next answer plays
                    # the one after it (it played the silent one again, for ever), and the
                    # session ends a move sooner, so no move waits for a recording
                    self.unheard += 1
                    self.interview.max_moves = max(self.interview.max_moves - 1, 0)
                return Answered(None, self.move, heard=False)
            again = self._not_an_answer(text_of(words))
            if again is not None:  # the take stays on disk, unjudged
                if self.recordings is not None:  # played: the next take plays the next one
                    self.asked_again += 1
                return again
            regions = live.regions  # from the VAD that ran while the answer was spoken
            info = with_levels(
                AudioInfo(
                    path=str(path or f"answer-{self.index + 1}"),
                    duration_s=round(live.duration_s, 2),
                ),
                live.vad,
            )
            t = Transcribed(info, words, regions, live.duration_s, self.transcriber.name)
            report, due = self._answered(t, last=last)
        return self._move_on(report, due, speak_early)

    def answer_recording(
        self,
        path: Path,
        *,
        progress: ProgressFactory | None = None,
        speak_early: SpeakEarly | None = None,
    ) -> Answered:
        """A whole recording, transcribed in silence-cut chunks."""
        with self._taking:
            t = transcribe_recording(path, self.transcriber, self.settings, progress=progress)
            again = self._not_an_answer(text_of(t.words))
            if again is not None:
                return again
            report, due = self._answered(t)
        return self._move_on(report, due, speak_early)

    def answer_text(
        self,
        text: str,
        speak_early: SpeakEarly | None = None,
        *,
        last: bool = False,
        set_aside: str = "",
    ) -> Answered:
        """A typed answer: fillers and structure are judged, pacing cannot be. It is kept
        with the session like a recording (an empty one, a skip, is not), all of it; one
        longer than :data:`MAX_TYPED_CHARS` is judged up to :func:`judged_part`, and the
        answer's notice says so. ``set_aside``: with an empty ``text`` (a skip), what was
        typed for the move before it was skipped: kept in the session's folder, unjudged."""
        again = self._not_an_answer(text.strip())
        if again is not None:
            return again
        judged = judged_part(text)
        cut = cut_note(self.index + 1, text, judged)
        with self._taking:
            self.keep_typed(text)  # on disk before it is judged: a quit then loses nothing
            report = analyse_text(
                judged, self.settings, structure=self._turn_structure(), question=self.question.id
            )
            if self.saver is not None and text.strip():
                self.saver.answered(self.index, report)
            elif self.saver is not None:
                self.saver.skipped(self.index, self.move, report, set_aside)
            if not text.strip() and self.skips_free:
                # a skip plays no recorded answer: the session ends one move later, as
                # far as the question's budget allows, so none is left unplayed
                budget = planned_moves(self.question, self.settings)
                self.interview.max_moves = min(self.interview.max_moves + 1, budget)
            self.answers.append(judged)
            if cut is not None:  # in the session's report too, not only said now
                self.interview.notices.append(cut)
            due = self._record(report, last)
        return self._move_on(report, due, speak_early, cut)

    def keep_typed(self, text: str) -> None:
        """A typed answer kept with the session, all of it, unjudged, like a recording
        cut short (``thinkaloud rescore`` judges it): one sent, the moment it is sent (it
        is judged after), or one typed but not sent when the app quit. Kept once a move."""
        if asks_to_repeat(text) or asks_meaning(text):  # not an answer: said again
            return
        if self.saver is not None and text.strip() and self.index not in self._kept_typed:
            self.saver.typed(self.index, self.move, text)
            self._kept_typed.add(self.index)

    def keep_draft(self, text: str) -> None:
        """The answer to this move as it is being typed: on disk within a moment, so it
        outlives the app however it ends (kill -9 included), as the answer to this move."""
        if self.drafts is not None:
            self.drafts.update(self.index, self.move, text)

    def flush_draft(self) -> None:
        """The answer being typed on disk now, as it was last handed over (from any
        thread: the app ending itself when its screen is stuck)."""
        if self.drafts is not None:
            self.drafts.flush()

    def keep_unasked(self, text: str) -> Path | None:
        """Words typed after the last answer (while it was read), for a question that
        never came: the interview ended, or the app was quit, before it was asked. Kept
        with the session, all of them, beside the answers and never judged as one (no
        question was asked for them); the session's report says where. The file, or None
        when nothing is saved (``--no-save``) or it is kept already."""
        if self.saver is None or not text.strip():
            return None
        if self._kept_unasked:  # typed on after the interview ended: with the words before
            return self.saver.unasked(text, more=True)
        path = self.saver.unasked(text)
        self._kept_unasked = True
        self.interview.notices.append(unasked_note(path))
        return path

    def skip(self, speak_early: SpeakEarly | None = None, *, set_aside: str = "") -> Answered:
        """No answer to this move: the interviewer moves on. ``set_aside``: what was
        typed for it, kept beside the answers, never judged."""
        return self.answer_text("", speak_early, set_aside=set_aside)

    def _answered(self, t: Transcribed, *, last: bool = False) -> tuple[Report, bool]:
        """Judge and keep a recorded answer; the report, and whether a move is due."""
        report = analyse_transcribed(
            t,
            self.settings,
            structure=self._turn_structure(),
            question=self.question.id,
            budget_s=self.budget_s,
        )
        self.answers.append(t)
        if self.saver is not None:
            self.saver.answered(self.index, report)
        return report, self._record(report, last)

    def _turn_structure(self) -> StructureSpec | None:
        """The structure spec for an answer to the move waiting: an answer to a
        follow-up is read for the stage it was asked about."""
        m = self.move
        return (
            self.structure if m is None else asked_of(self.structure, m.kind, m.target, m.question)
        )

    def _record(self, report: Report, last: bool) -> bool:
        """Put the answer on record; whether a move is due after it (none once the
        candidate is ending the interview, said with this answer or while it was judged)."""
        return self.interview.record(report, last=last or self._last)

    def _move_on(
        self,
        report: Report,
        due: bool,
        speak_early: SpeakEarly | None,
        said: str | None = None,
    ) -> Answered:
        """The next move after ``report``, when one is due; ``said``: a notice about the
        answer itself, put before the interviewer's own."""
        before = len(self.interview.notices)
        move = None
        if due and not self._last:
            self.deciding = True
            try:
                move = self.interview.decide_next(speak_early)
            finally:
                self.deciding = False
            if move is not None and (move.reopens or move.hands_back) and self.recordings is None:
                # the question handed back after only questions to the interviewer: the
                # design starts now, so a live session keeps all its moves for it (and a
                # change asked about, put again, costs none either)
                self.interview.max_moves = min(self.interview.max_moves + 1, MAX_MOVES)
        notice = self.interview.notices[-1] if len(self.interview.notices) > before else None
        notice = " ".join(n for n in (said, notice) if n) or None
        return Answered(report, move, notice)

    def last_answer(self) -> None:
        """The candidate is ending the interview: the answer being given (or judged) is
        the last, and no move is decided after it."""
        self._last = True

    def _vad(self) -> VadConfig:
        return VadConfig(threshold=self.settings.vad_threshold)

    # -- the end -------------------------------------------------------------------------

    def end(self) -> Ended:
        """Stop (a move left unanswered stays on record), judge the whole session and
        save it."""
        with self._taking:  # an answer being judged is part of it; a move being decided is not
            self.interview.end()
        if self.drafts is not None:  # every answer is sent or skipped by now
            self.drafts.close()
        report = session_report(self.interview, self.answers, self.settings, self.structure)
        session_id = self.saver.finish(report) if self.saver is not None else None
        self.finished = True
        return Ended(report, session_id)

    @property
    def saved_as(self) -> str | None:
        """The id the session is kept under (None with ``--no-save``)."""
        return self.saver.session_id if self.saver is not None else None

    def interrupt(self) -> None:
        """Stopped mid-session (the app was quit): what was said is kept, unjudged, and
        ``thinkaloud rescore`` can judge it later."""
        self.interview.end()
        if self.drafts is not None:  # the answer being typed as it stands, then no more
            self.drafts.flush()
            self.drafts.close()
        if self.saver is not None:
            self.saver.interrupt()

    def stop_midway(self) -> str | None:
        """Stopped from outside (quit, Ctrl+C, the window closed): what was said is kept
        as interrupted and the session's id returned, for ``thinkaloud rescore``; with
        nothing said yet, nothing is kept (None)."""
        saver = self.saver
        if self.drafts is not None:
            self.drafts.flush()
        if saver is not None and self.answered == 0 and not self._kept_words(saver):
            self.discard()
            return None
        self.interrupt()
        return saver.session_id if saver is not None else None

    @staticmethod
    def _kept_words(saver: SessionSaver) -> bool:
        """Some answer is on disk: recorded, sent, or typed and still in the box (an
        answer typed, then cleared, is nothing to keep)."""
        return any(a.idx not in saver.blank_drafts for a in saver.store.answers(saver.session_id))

    @property
    def set_aside(self) -> bool:
        """Words typed for a move, then skipped, are kept with the session: ended with
        nothing answered, it is kept all the same (interrupted), never deleted."""
        return self.saver is not None and bool(self.saver.set_aside)

    def discard(self) -> None:
        """Left before answering anything: nothing is kept, so history stays clean."""
        self.interview.end()
        if self.drafts is not None:
            self.drafts.close()
        if self.saver is not None:
            self.saver.discard()
