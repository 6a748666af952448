"""Saving a practice session as it happens: every answer streamed to the store's audio
folder through the recording path (a typed answer written beside it as text), every
report written as soon as it exists."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.interview.moves import Move
from assistant.report import Report
from sessions.store import Store, StoreError
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
        self._drafts: dict[int, Path] = {}
        """The file each move's typed answer is kept in while it is typed."""
        self._final: set[int] = set()
        """Moves whose typed answer was sent or skipped: a late draft does not touch it."""
        self.blank_drafts: set[int] = set()
        """Moves whose answer was typed, then cleared: nothing of it to keep."""
        self.set_aside: set[int] = set()
        """Skipped moves whose typed words are kept beside the answers."""
        self._typing = threading.Lock()

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

    def recorded(self, idx: int) -> None:
        """Answer ``idx``'s recording ended whole: it is no answer cut off by the
        session's end if the app is quit while it is judged."""
        answer_id = self._answer_ids.get(idx)
        if answer_id is not None:
            self.store.answer_recorded(answer_id)

    def typed(self, idx: int, move: Move | None, text: str) -> Path:
        """Keep a typed answer as text (``answer-01.txt``, readable by you only): in the
        file it was kept in while typed, when it was."""
        with self._typing:
            self._final.add(idx)
            self.blank_drafts.discard(idx)
            path = self._drafts.get(idx)
            if path is not None:
                _replace(path, text, "the typed answer")
                return path
            answer_id, path = self.store.new_answer(
                self.session_id, idx, move.model_dump() if move else None, suffix=".txt"
            )
            self._answer_ids[idx] = answer_id
            _write_new(path, text, "the typed answer")
            return path

    def draft(self, idx: int, move: Move | None, text: str) -> Path | None:
        """Keep the answer being typed as it stands, as the answer to ``idx`` (its file
        made at its first words): a process ended without a word (kill -9, the power
        gone) leaves it on disk, and the session, listed as interrupted, holds it for
        ``rescore``. Each version replaces the last whole (a new file renamed over it).
        Nothing once the answer was sent or skipped; None while nothing is typed."""
        with self._typing:
            if idx in self._final:
                return None
            path = self._drafts.get(idx)
            if path is None:
                if not text.strip():
                    return None
                answer_id, path = self.store.new_answer(
                    self.session_id, idx, move.model_dump() if move else None, suffix=".txt"
                )
                self._answer_ids[idx] = answer_id
                self._drafts[idx] = path
            _replace(path, text, "the answer being typed")
            if text.strip():
                self.blank_drafts.discard(idx)
            else:
                self.blank_drafts.add(idx)
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

    def skipped(self, idx: int, move: Move | None, report: Report, typed: str = "") -> None:
        """Keep a move left unanswered (no answer file): an interrupted session's report,
        built again from what was kept, still shows the question and that it was skipped.
        ``typed``, what was in the answer box when it was skipped, is kept beside the
        answers (:meth:`Store.skipped_file`), never judged as one; nothing typed, no file."""
        said = {**(move.model_dump() if move else {}), "skipped": True}
        with self._typing:  # the draft file would be read as the answer: it goes
            self._final.add(idx)
            self.blank_drafts.discard(idx)
            if typed.strip():  # on disk before the draft goes: never neither
                _replace(self.store.skipped_file(self.session_id, idx), typed, "what you typed")
                self.set_aside.add(idx)
            if (draft := self._drafts.pop(idx, None)) is not None:
                draft.unlink(missing_ok=True)
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


def _replace(path: Path, text: str, what: str) -> None:
    """``text`` in ``path`` (only you can read it), replacing what was there whole: written
    to a new file beside it, then renamed over it, so a process ended mid-write leaves the
    version before, never half of one."""
    temporary = path.with_name(f".{path.name}.new")
    try:
        path.parent.mkdir(exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise RecordingWriteError(
            exc.errno, f"{path}: {what} could not be saved ({exc.strerror})"
        ) from exc


class DraftKeeper:
    """Keeps the answer being typed on disk as it is typed, on a thread of its own: at most
    :data:`EVERY_S` behind the keys, so the words survive the app however it ends (its
    screen stuck, the window closed, kill -9), all but the last moment's."""

    EVERY_S = 0.5

    def __init__(self, saver: SessionSaver) -> None:
        self.saver = saver
        self._latest: tuple[int, Move | None, str] | None = None
        self._written: tuple[int, str] | None = None
        self._lock = threading.Lock()
        self._writing = threading.Lock()
        self._changed = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None
        self.failed: str | None = None
        """Why the last version could not be kept (a full disk), if it could not."""

    def update(self, idx: int, move: Move | None, text: str) -> None:
        """The answer box now holds ``text`` for move ``idx``: kept within a moment."""
        with self._lock:
            if self._closed:
                return
            self._latest = (idx, move, text)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="draft", daemon=True)
                self._thread.start()
        self._changed.set()

    def _run(self) -> None:
        while True:
            self._changed.wait()
            if self._closed:
                return
            self._changed.clear()
            self.flush()
            time.sleep(self.EVERY_S)

    def flush(self) -> None:
        """Write the latest version now (from any thread), and wait for one being written."""
        with self._writing:
            with self._lock:
                latest, self._latest = self._latest, None
            if latest is None or (latest[0], latest[2]) == self._written:
                return
            try:
                self.saver.draft(*latest)
            except (OSError, StoreError, sqlite3.Error) as exc:
                self.failed = str(exc)
                return
            self._written = (latest[0], latest[2])
            self.failed = None

    def close(self) -> None:
        """Nothing more is kept (the session ended, or is being deleted): returns once a
        version being written is on disk."""
        with self._lock:
            self._closed = True
            self._latest = None
        self._changed.set()
        with self._writing:
            pass


def _as_json(report: Report) -> dict[str, Any]:
    return report.model_dump(mode="json", by_alias=True)
