"""Snapshots of each screen (pytest-textual-snapshot), with nothing that moves: no clock,
no cursor blink, a frozen countdown and a fixed session store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.scoring.analyse import analyse_text
from assistant.settings import Settings
from assistant.tui.app import ThinkaloudApp
from assistant.tui.deps import AppDeps, SilentPlayer
from prompts import load_questions
from sessions.store import Store
from speech.transcriber import CannedTranscriber
from speech.tts import SilentSpeaker

SIZE = (110, 36)
TEXT = Path(__file__).parents[1] / "eval" / "answers" / "fraud-strong-1.toml"


def deps(tmp_path: Path, sessions: int = 0) -> AppDeps:
    import tomllib

    ctx = AppContext.load()
    store = Store.open(tmp_path / "data")
    questions = load_questions()
    text = tomllib.loads(TEXT.read_text())["text"]
    for i in range(sessions):
        sid = store.new_session(
            question_id="fraud-detection",
            question_title="Card fraud",
            rubric="ml-system-design",
            interviewer="offline",
        )
        report = json.loads(analyse_text(text, Settings()).to_json())
        report["pacing"] = {"words_per_minute": 140.0 + 5 * i, "pauses": [{"kind": "long"}]}
        report["fillers"]["per_minute"] = 3.0 - 0.5 * i
        report["structure"] = {"score": 60 + 8 * i}
        store.finish_session(sid, report)
        store.db.execute(
            "UPDATE sessions SET id=?, created_at=? WHERE id=?",
            (f"2026110{i + 1}-200000-000{i}", f"2026-11-0{i + 1}T20:00:00", sid),
        )
    return AppDeps(
        settings=Settings(),
        questions=questions,
        transcriber=CannedTranscriber([]),
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


def test_home(snap_compare, tmp_path):
    assert snap_compare(ThinkaloudApp(deps(tmp_path, sessions=2)), terminal_size=SIZE)


def test_interview(snap_compare, tmp_path):
    async def start(pilot):
        pilot.app.screen.query_one("#questions").focus()
        await pilot.press("enter")
        await pilot.pause(0.5)

    assert snap_compare(ThinkaloudApp(deps(tmp_path)), terminal_size=SIZE, run_before=start)


def test_report(snap_compare, tmp_path):
    import tomllib

    from assistant.tui.screens.report import ReportScreen

    d = deps(tmp_path)
    spec = structure_spec(AppContext.load(), None, "fraud-detection")
    report = analyse_text(tomllib.loads(TEXT.read_text())["text"], Settings(), structure=spec)

    async def show(pilot):
        pilot.app.push_screen(ReportScreen(report))
        await pilot.pause(0.3)

    assert snap_compare(ThinkaloudApp(d), terminal_size=SIZE, run_before=show)


def test_history(snap_compare, tmp_path):
    async def show(pilot):
        await pilot.press("h")
        await pilot.pause(0.3)

    assert snap_compare(
        ThinkaloudApp(deps(tmp_path, sessions=3)), terminal_size=SIZE, run_before=show
    )


@pytest.fixture(autouse=True)
def _frozen(monkeypatch):
    """Cursor blink off everywhere."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)
