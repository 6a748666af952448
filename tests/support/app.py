"""Driving the app in tests: its dependencies with the real transcriber and store, and
waiting for the screens."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from assistant.app.build import structure_spec
from assistant.app.context import AppContext
from assistant.interview.session import OfflineInterviewer
from assistant.practice.samples import sample_answers
from assistant.settings import Settings
from assistant.tui.deps import AppDeps, SilentPlayer
from prompts import load_questions
from sessions.store import Store
from speech.audio import SAMPLE_RATE, load_audio
from speech.recorder import FileReplayRecorder
from speech.tts import SilentSpeaker
from tests.support.sentences import sharing_embedder

SAMPLES = sample_answers()


def make_deps(transcriber, tmp_path: Path, *, recorder: bool | str = True, clock=None) -> AppDeps:
    """The app's dependencies with the real transcriber and a real store in ``tmp_path``.
    ``recorder``: True replays the sample answers (instantly), "mic" a fake microphone
    saying them, False no microphone (answers are typed)."""
    ctx = sharing_embedder(AppContext.load())
    recorder_for = None
    if recorder == "mic":
        mics: dict[int, FakeMicrophone] = {}

        def recorder_for(i: int) -> FakeMicrophone:
            mics[i] = FakeMicrophone(SAMPLES[min(i, 1)])
            return mics[i]

        recorder_for.mics = mics  # type: ignore[attr-defined]

    elif recorder:

        def recorder_for(i: int) -> FileReplayRecorder:
            return FileReplayRecorder(SAMPLES[min(i, 1)], realtime=False)

    return AppDeps(
        settings=Settings(),
        questions=load_questions(),
        transcriber=transcriber,
        structure_for=lambda q: structure_spec(ctx, None, q.id),
        interviewer_for=OfflineInterviewer,
        interviewer_label="offline (rubric-driven)",
        recorder_for=recorder_for,
        mic_label="replay",
        speaker=SilentSpeaker(),
        player=SilentPlayer(),
        store=Store.open(tmp_path / "data"),
        clock=clock or (lambda: 0.0),
    )


def asked_by_llm(deps: AppDeps, chat, timeout_s: float) -> None:
    """The app's interviewer is an LLM on ``chat`` (``timeout_s`` per request), loaded in
    the warm-up as the app loads it with ``--llm``: answer once ``app.ready``. litellm's
    first import in a process took 49-76 s at load 25-30, which a test's wait for the
    interviewer's next move must not have to hold too."""
    from assistant.interview.llm_interviewer import LLMInterviewer, warm_interviewer

    deps.interviewer_for = lambda planner: LLMInterviewer(chat, planner, timeout_s=timeout_s)
    deps.llm = chat
    deps.warm_up = [*deps.warm_up, lambda: warm_interviewer(chat)]


async def until(pilot, condition, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the app"
        await pilot.pause(0.1)


def noticed(messages, text: str) -> bool:
    """Among the ``messages`` an app posted (its ``message_hook``), a notice for the
    candidate holding ``text``."""
    return any(type(m).__name__ == "Notice" and text in m.text for m in messages)


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_first_question(pilot, app):
    """From the home screen, start an interview on the highlighted question."""
    await until(pilot, lambda: screen_name(app) == "HomeScreen")
    app.screen.query_one("#questions").focus()
    await pilot.press("enter")
    await until(pilot, lambda: screen_name(app) == "InterviewScreen")
    return app.screen


class FakeMicrophone:
    """Stands in for the microphone: says a recording in 0.1 s blocks, ``speed`` times
    faster than real time, then silence, until told to stop (a microphone does not end
    by itself)."""

    played_out = True

    def __init__(self, path: Path, speed: float = 20.0) -> None:
        self.path = path
        self.speed = speed
        self.blocks_given = 0
        self.blocks_in_recording = -(-len(load_audio(path).pcm) // (SAMPLE_RATE // 10))

    def blocks(
        self, stop: threading.Event, hold: threading.Event | None = None
    ) -> Iterator[np.ndarray]:
        pcm = load_audio(self.path).pcm
        step = SAMPLE_RATE // 10
        i = 0
        while not stop.is_set():
            block = pcm[i : i + step]
            if len(block) < step:
                block = np.zeros(step, np.int16)
            i += step
            time.sleep(0.1 / self.speed)
            self.blocks_given += 1
            yield block


def said_in_full(deps: AppDeps, answer: int) -> bool:
    """The fake microphone of answer ``answer`` (0 the first) has said all of its
    recording: a fixed wait let a loaded machine stop it a few seconds in."""
    mic = deps.recorder_for.mics.get(answer)  # type: ignore[union-attr]
    return mic is not None and mic.blocks_given >= mic.blocks_in_recording


class Clock:
    """A clock the test moves by hand (countdowns, pauses)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def type_answer(pilot, screen, text: str, *, keys: bool = False) -> None:
    """Type an answer in the box and press Enter: key by key (``keys``), or pasted."""
    box = screen.query_one("#typed")
    assert box.display and box.has_focus, "the answer box should have the focus"
    if keys:
        await pilot.press(*[{" ": "space", "?": "question_mark"}.get(c, c) for c in text])
    else:
        box.insert(text)
    await pilot.press("enter")
