"""Saving a practice session as it happens: every answer streamed to the store's audio
folder through the recording path (a typed answer written beside it as text), every
report written as soon as it exists."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.interview.moves import Move
from assistant.report import Report
from sessions.store import Store
from sessions.wav_sink import RecordingWriteError, WavSink


class SessionSaver:
    def __init__(
        self, store: Store, *, question_id: str, question_title: str, rubric: str, interviewer: str
    ) -> None:
        self.store = store
        self.session_id = store.new_session(
            question_id=question_id,
            question_title=question_title,
            rubric=rubric,
            interviewer=interviewer,
        )
        self._answer_ids: dict[int, int] = {}

    def record(self, idx: int, move: Move | None, blocks: Iterable[np.ndarray]) -> Path:
        """Stream one answer's audio blocks to disk as they arrive; returns the saved WAV."""
        answer_id, path = self.store.new_answer(
            self.session_id, idx, move.model_dump() if move else None
        )
        self._answer_ids[idx] = answer_id
        sink = WavSink(path)
        try:
            for block in blocks:
                sink.write(block)
        finally:
            sink.close()
        return path

    def typed(self, idx: int, move: Move | None, text: str) -> Path:
        """Keep a typed answer as text (``answer-01.txt``, readable by you only)."""
        answer_id, path = self.store.new_answer(
            self.session_id, idx, move.model_dump() if move else None, suffix=".txt"
        )
        self._answer_ids[idx] = answer_id
        _write_new(path, text, "the typed answer")
        return path

    def unasked(self, text: str, *, more: bool = False) -> Path:
        """Keep words typed after the last answer, for a question that never came
        (``typed-after-last-answer.txt``, readable by you only): beside the answers, not
        one of them, so nothing judges them as an answer to a question never asked.
        ``more``: typed on after the words kept before, added on a line of their own."""
        path = self.store.unasked_file(self.session_id)
        what = "what you typed after your last answer"
        _write_new(path, text, what, more=more and path.is_file())
        return path

    def skipped(self, idx: int, move: Move | None, report: Report) -> None:
        """Keep a move left unanswered (no file): an interrupted session's report, built
        again from what was kept, still shows the question and that it was skipped."""
        said = {**(move.model_dump() if move else {}), "skipped": True}
        answer_id, _ = self.store.new_answer(self.session_id, idx, said, suffix=".txt")
        self._answer_ids[idx] = answer_id
        self.answered(idx, report)

    def answered(self, idx: int, report: Report) -> None:
        duration = report.audio.duration_s if report.audio else 0.0
        self.store.finish_answer(self._answer_ids[idx], duration, _as_json(report))

    def finish(self, report: Report) -> str:
        self.store.finish_session(self.session_id, _as_json(report))
        return self.session_id

    def interrupt(self) -> None:
        """Stopped before the end: keep what was said, for ``rescore``."""
        self.store.interrupt(self.session_id)

    def discard(self) -> None:
        """Nothing was answered: the session leaves no trace."""
        self.store.delete(self.session_id)


def _write_new(path: Path, text: str, what: str, *, more: bool = False) -> None:
    """``text`` in a new file only you can read (``more``: on a line of its own at the end
    of ``path``), on disk when this returns."""
    try:
        if more:
            f = path.open("a", encoding="utf-8")
            text = "\n" + text
        else:
            path.parent.mkdir(exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            f = os.fdopen(fd, "w", encoding="utf-8")
        with f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        raise RecordingWriteError(
            exc.errno, f"{path}: {what} could not be saved ({exc.strerror})"
        ) from exc


def _as_json(report: Report) -> dict[str, Any]:
    return report.model_dump(mode="json", by_alias=True)
