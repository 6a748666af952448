"""Saved sessions for the History screen's tests: finished ones with real reports on
chosen dates and numbers, an interrupted one with real audio, and the app's dependencies
around a real store."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path
from typing import Any

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.samples import sample_answers
from assistant.practice.saving import SessionSaver
from assistant.report import Report
from assistant.settings import Settings
from assistant.tui.deps import AppDeps, SilentPlayer
from prompts import load_questions
from sessions.store import Store
from speech.recorder import FileReplayRecorder
from speech.transcriber import CannedTranscriber
from speech.tts import SilentSpeaker
from tests.support.sentences import sharing_embedder

TEXT = Path(__file__).parents[1] / "eval" / "answers" / "fraud-strong-1.toml"


def history_deps(store: Store, transcriber=None) -> AppDeps:
    ctx = sharing_embedder(AppContext.load())
    return AppDeps(
        settings=Settings(),
        questions=load_questions(),
        transcriber=transcriber if transcriber is not None else CannedTranscriber([]),
        structure_for=lambda q: structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        interviewer_label="offline",
        recorder_for=None,
        mic_label="none found",
        speaker=SilentSpeaker(),
        player=SilentPlayer(),
        store=store,
        clock=lambda: 0.0,
    )


@cache
def _base_report() -> str:
    """A real report of a typed answer with structure, as saved JSON."""
    import tomllib

    from assistant.scoring.analyse import analyse_text

    spec = structure_spec(sharing_embedder(AppContext.load()), None, "fraud-detection")
    text = tomllib.loads(TEXT.read_text())["text"]
    return analyse_text(text, Settings(), structure=spec).to_json()


def report_with(
    wpm: float, fillers: float, long_pauses: int, structure: int, minutes: float = 2.5
) -> dict[str, Any]:
    """A valid saved report whose headline numbers are the ones given, of a recording
    ``minutes`` long."""
    report = json.loads(_base_report())
    report["audio"] = {"path": "answer.wav", "duration_s": 60.0 * minutes}
    pauses = [
        {
            "start": 10.0 * i,
            "end": 10.0 * i + 3.0,
            "duration": 3.0,
            "kind": "long",
            "position": "sentence_boundary",
        }
        for i in range(long_pauses)
    ]
    report["pacing"] = {
        "words": 300,
        "speaking_span_s": 120.0,
        "words_per_minute": wpm,
        "articulation_wpm": wpm + 10,
        "time_to_first_word_s": 1.0,
        "pace_windows": [],
        "long_pause_threshold_s": 2.0,
        "pauses": pauses,
    }
    report["fillers"]["per_minute"] = fillers
    report["structure"]["score"] = structure
    return json.loads(Report.model_validate(report).to_json())


def add_finished(
    store: Store,
    when: str,
    *,
    wpm: float = 140.0,
    fillers: float = 3.0,
    long_pauses: int = 1,
    structure: int = 70,
    question_id: str = "fraud-detection",
    title: str | None = "Card fraud detection",
    minutes: float = 2.5,
    rubric: str = "ml-system-design",
) -> str:
    """A finished session made at ``when`` (e.g. "2026-11-03T20:00:00"); its id is
    derived from the date so the order is known."""
    sid = store.new_session(
        question_id=question_id,
        question_title=title,
        rubric=rubric,
        interviewer="offline",
    )
    report = report_with(wpm, fillers, long_pauses, structure, minutes)
    report["interview"] = None
    store.finish_session(sid, report)
    new_id = when.replace("-", "").replace(":", "").replace("T", "-") + "-0000"
    store.db.execute("UPDATE sessions SET id=?, created_at=? WHERE id=?", (new_id, when, sid))
    return new_id


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def fraud_saver(store: Store) -> SessionSaver:
    """A new session on the fraud question, saved as the app saves one (offline)."""
    return SessionSaver(
        store,
        question_id="fraud-detection",
        question_title="Card fraud detection",
        rubric="ml-system-design",
        interviewer="offline",
    )


def add_interrupted(data_dir: Path, answer: Path | None = None) -> tuple[Store, str]:
    """A session whose recording process died mid-interview: the first sample answer's
    audio is saved through the recording path, the session never finished, and the store
    reopened so recovery marks it interrupted. Returns the reopened store and the id."""
    store = Store.open(data_dir)
    saver = fraud_saver(store)
    recorder = FileReplayRecorder(answer or sample_answers()[0], realtime=False)
    saver.record(0, None, recorder.blocks(threading.Event()))
    store.db.execute("UPDATE sessions SET pid=? WHERE id=?", (dead_pid(), saver.session_id))
    store.close()
    return Store.open(data_dir), saver.session_id
