"""Driving the app in tests: its dependencies with the real transcriber and store, and
waiting for the screens."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.samples import sample_answers
from assistant.settings import Settings
from assistant.tui.deps import AppDeps, SilentPlayer
from prompts import load_questions
from sessions.store import Store
from speech.recorder import FileReplayRecorder
from speech.tts import SilentSpeaker

SAMPLES = sample_answers()


def make_deps(transcriber, tmp_path: Path, *, recorder=True) -> AppDeps:
    ctx = AppContext.load()
    return AppDeps(
        settings=Settings(),
        questions=load_questions(),
        transcriber=transcriber,
        structure_for=lambda q: structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        interviewer_label="offline (rubric-driven)",
        recorder_for=(lambda i: FileReplayRecorder(SAMPLES[min(i, 1)], realtime=False))
        if recorder
        else None,
        mic_label="replay",
        speaker=SilentSpeaker(),
        player=SilentPlayer(),
        store=Store.open(tmp_path / "data"),
        clock=lambda: 0.0,
    )


async def until(pilot, condition, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the app"
        await pilot.pause(0.1)


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_first_question(pilot, app):
    """From the home screen, start an interview on the highlighted question."""
    await until(pilot, lambda: screen_name(app) == "HomeScreen")
    app.screen.query_one("#questions").focus()
    await pilot.press("enter")
    await until(pilot, lambda: screen_name(app) == "InterviewScreen")
    return app.screen
