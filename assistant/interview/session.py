"""The interview as a state machine: ask, answer, move, answer, ... wrap up, report.

No I/O here: answers arrive as reports, moves come from an :class:`Interviewer`.
The session ends after ``max_moves`` interviewer moves have been answered, after a
wrap-up, or when the candidate ends it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant.interview.adaptation import credit_push, push_after, verdict_at
from assistant.interview.adaptation_judge import JUDGE_FAILED, judge_adaptation
from assistant.interview.moves import Move
from assistant.interview.planner import OfflinePlanner, PlannerState
from assistant.interview.view import AnswerView
from assistant.llm.port import ChatModel
from assistant.report import AdaptationOut, InterviewOut, Report, TurnOut

SpeakEarly = Callable[[str], None]
"""Takes the next question's first sentence before the whole move is ready."""


class Interviewer(Protocol):
    name: str
    """``offline``, or the LLM's model string."""
    timeout_s: float
    """How long one move (or verdict) may take before the offline planner steps in."""

    @property
    def available(self) -> bool:
        """False once an LLM interviewer has failed for good (the planner asks instead)."""
        ...

    @property
    def judge(self) -> ChatModel | None:
        """A model whose adaptation verdicts are asked for now, if any."""
        ...

    def next_move(
        self, state: PlannerState, speak_early: SpeakEarly | None = None
    ) -> tuple[Move, str | None]:
        """The next move, and a notice for the candidate if something went wrong."""
        ...

    def read_ahead(self, state: PlannerState) -> None:
        """``state.answers[-1]`` is the answer so far, still being spoken: an interviewer
        that can, starts reading its next request now. Returns at once."""
        ...


class OfflineInterviewer:
    """The rubric-driven planner, worded from templates; instant and offline."""

    name = "offline"
    timeout_s = 0.0
    available = True
    judge = None

    def __init__(self, planner: OfflinePlanner) -> None:
        self.planner = planner

    def next_move(
        self, state: PlannerState, speak_early: SpeakEarly | None = None
    ) -> tuple[Move, str | None]:
        return self.planner.choose(state), None

    def read_ahead(self, state: PlannerState) -> None:
        pass  # the planner reads the scored answer in milliseconds


@dataclass
class Turn:
    move: Move
    answer: Report | None = None


@dataclass
class Interview:
    planner: OfflinePlanner
    interviewer: Interviewer
    max_moves: int = 3
    turns: list[Turn] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    finished: bool = False
    _ending: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while the interview ends and while a decided move is put on record."""
    _judged: dict[tuple[int, int], AdaptationOut] = field(default_factory=dict)
    """Verdicts by (change turn, judged turn): the LLM is asked once for each."""
    _judge_failed: bool = False

    def opening(self) -> Move:
        if self.turns:
            raise RuntimeError("the interview has already started")
        move = self.planner.opening()
        self.turns.append(Turn(move))
        return move

    @property
    def waiting_for_answer(self) -> bool:
        return bool(self.turns) and self.turns[-1].answer is None and not self.finished

    @property
    def moves(self) -> list[Move]:
        return [t.move for t in self.turns[1:]]

    def answered(
        self, report: Report, speak_early: SpeakEarly | None = None, *, last: bool = False
    ) -> Move | None:
        """Record the answer to the current turn; return the next move, or None when done
        (``last``: the candidate ended the interview with this answer, so no move is made
        that nobody would hear)."""
        return self.decide_next(speak_early) if self.record(report, last=last) else None

    def record(self, report: Report, *, last: bool = False) -> bool:
        """Record the answer to the current turn; True when a move is due after it."""
        if not self.waiting_for_answer:
            raise RuntimeError("no question is waiting for an answer")
        self.turns[-1].answer = report
        moves_left = self.max_moves - len(self.moves)
        if last or moves_left <= 0 or self.turns[-1].move.kind == "wrap_up":
            self.finished = True
            return False
        return True

    def decide_next(self, speak_early: SpeakEarly | None = None) -> Move | None:
        """The move after the answer just recorded; None when the interview was ended
        while it was being decided (an LLM can take its time): nobody would hear it, so
        it is not put on record."""
        state = PlannerState(self.moves, self._answers(), self.max_moves - len(self.moves))
        move, notice = self.interviewer.next_move(state, speak_early)
        with self._ending:
            if self.finished:
                return None
            if notice:
                self.notices.append(notice)
            self.turns.append(Turn(move))
        return move

    def read_ahead(self, text: str) -> None:
        """The answer to the current turn so far (while it is spoken), for an interviewer
        that reads ahead."""
        if self.waiting_for_answer and text:
            moves_left = self.max_moves - len(self.moves)
            state = PlannerState(self.moves, [*self._answers(), AnswerView(text)], moves_left)
            self.interviewer.read_ahead(state)

    def _answers(self) -> list[AnswerView]:
        return [AnswerView.of(t.answer) for t in self.turns if t.answer is not None]

    def end(self) -> None:
        """Stop now (the candidate ended the interview); an unanswered move stays on record."""
        with self._ending:
            self.finished = True

    def adaptation(self) -> list[AdaptationOut]:
        """How each answer after a requirement change adapted: by cues, and by the LLM
        interviewer's model too when there is one (its quote must be in the answer)."""
        q = self.planner.question
        changes = {c.id: c for c in q.constraint_changes}
        answers = [t.answer for t in self.turns]
        shape = [(t.move.kind, t.move.target, t.answer is not None) for t in self.turns]
        out = []
        for i, turn in enumerate(self.turns):
            if turn.move.kind != "new_constraint" or turn.answer is None:
                continue
            change = changes[turn.move.target]
            # the answer to a push on this change, when the first answer kept the design
            j = push_after(shape, i)
            verdict = verdict_at(q, change, answers, i, self.planner.embedder)
            k = i
            if verdict.asked and j is not None:
                # the candidate asked about the change and the interviewer answered: the
                # answer after that reply is the one that adapts, or does not
                k, j = j, None
                after = verdict_at(q, change, answers, k, self.planner.embedder, since=i)
                verdict = after.model_copy(update={"asked": True})
            if (i, k) not in self._judged:
                judge = None if self._judge_failed else self.interviewer.judge
                if judge is not None:
                    verdict, notice = judge_adaptation(
                        judge, change, answers[k], verdict, timeout_s=self.interviewer.timeout_s
                    )
                    failed = bool(notice) and notice.startswith(JUDGE_FAILED)
                    self._judge_failed |= failed
                    # one notice a session for an LLM that fails: the candidate was told
                    if notice and not (failed and self.notices):
                        self.notices.append(notice)
                self._judged[i, k] = verdict
            pushed = (
                None
                if j is None
                else verdict_at(q, change, answers, j, self.planner.embedder, pushed=True)
            )
            out.append(credit_push(self._judged[i, k], pushed))
        return out

    def report(self) -> InterviewOut:
        q = self.planner.question
        return InterviewOut(
            question=q.id,
            title=q.title,
            interviewer=self.interviewer.name,
            turns=[
                TurnOut(
                    move=t.move.kind,
                    target=t.move.target,
                    why=t.move.why,
                    question=t.move.question,
                    source=t.move.source,
                    answer=t.answer,
                    answered=t.move.answered,
                )
                for t in self.turns
            ],
            adaptation=self.adaptation(),
            closing=self.planner.closing(),
            notices=list(self.notices),
        )
