"""Build the real dependencies and run the app (the app's composition root)."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
import time
from pathlib import Path

from assistant.app.context import AppContext


def build_deps(args: argparse.Namespace, ctx: AppContext):
    from assistant.app.build import (
        build_chat_model,
        build_interviewer,
        open_store,
        structure_spec,
    )
    from assistant.llm.local.engine import LocalModelError
    from assistant.tui.deps import AppDeps, SilentPlayer
    from speech.tts import SilentSpeaker

    settings = ctx.settings
    questions = ctx.questions
    specs: dict[str, object] = {}
    lock = threading.Lock()

    def structure_for(question):
        """One scorer per rubric, built once (its sentence model loads once)."""
        with lock:
            if question.rubric not in specs:
                specs[question.rubric] = structure_spec(ctx, question.rubric)
            return specs[question.rubric]

    first = next(iter(questions.values()), None)
    warm_up = [lambda: find_audio(deps, args), lambda: deps.transcriber.load()]
    if first is not None:  # the scorer of the first rubric, so starting one is instant
        warm_up.append(lambda: structure_for(first))
    label = "offline (rubric-driven)"
    status = ""
    chat = None
    if settings.llm_model:
        from assistant.interview.llm_interviewer import warm_interviewer

        chat = build_chat_model(settings, ctx.env.environ)
        status = "loading…" if chat.in_process else ""

        def warm_llm() -> None:
            """After the speech model: a local model loads and reads its system prompt."""
            try:
                warm_interviewer(chat)
            except LocalModelError as exc:
                deps.interviewer_status = "[yellow]could not be loaded: the offline one asks[/]"
                raise LocalModelError(f"{exc}; the offline interviewer will ask") from exc
            if chat.in_process:
                deps.interviewer_status = "[green]loaded[/]"

        warm_up.append(warm_llm)
        where = "in this process" if chat.in_process else "LLM"
        label = f"{chat.name} ({where}; offline interviewer if it fails)"

        def interviewer_for(planner):
            return build_interviewer(ctx, planner, chat)
    else:

        def interviewer_for(planner):
            return build_interviewer(ctx, planner)

    from assistant.app.config import models_dir
    from speech.models import resolve_model

    # a speech model that is not there: say so before starting (a joined one is joined)
    resolve_model(settings.model, models_dir(settings))
    replay = [Path(p) for p in (args.replay or [])]
    if replay:  # a bad file is refused before the app starts: missing, empty, not audio
        from speech.audio import AudioStream

        for p in replay:
            AudioStream(p)
    store = None if args.no_save else open_store(ctx)
    deps = AppDeps(
        settings=settings,
        questions=questions,
        startup_notices=[f"Left out {p}" for p in ctx.question_problems],
        transcriber=None,
        structure_for=structure_for,
        interviewer_for=interviewer_for,
        interviewer_label=label,
        interviewer_status=status,
        recorder_for=None,
        mic_label="looking for a microphone…",
        speaker=SilentSpeaker(),
        player=SilentPlayer(),
        store=store,
        rubric_titles={rubric_id: r.title for rubric_id, r in ctx.rubrics.items()},
        warm_up=warm_up,
        llm=chat,
        llm_endpoint=settings.llm_api_base,
        # replayed answers are the candidate's answers in order, as in `practice`
        answers_available=len(replay) if replay else None,
        sound_out=False,
        audio_ready=threading.Event(),
    )
    deps.replay = replay
    return deps


def find_audio(deps, args: argparse.Namespace) -> None:
    """The speech model (not loaded yet), the microphone, the voice and the player: the
    first thing the app does in the background, after its first frame (PortAudio and
    numpy take a moment to start)."""
    from assistant.app.build import build_transcriber
    from assistant.report.format import counted
    from assistant.tui.deps import SilentPlayer, SoundDevicePlayer
    from speech.recorder import FileReplayRecorder, SoundDeviceRecorder, input_devices
    from speech.tts import Pyttsx3Speaker, SilentSpeaker, output_device_available

    try:
        deps.transcriber = build_transcriber(deps.settings)
        replay = deps.replay
        devices = [] if replay else [d["name"] for d in input_devices()]  # one query
        if replay:

            def recorder_for(i: int):
                return FileReplayRecorder(replay[i], realtime=True)

            deps.mic_label = f"replaying {counted(len(replay), 'recording')}"
        elif devices:

            def recorder_for(i: int):
                return SoundDeviceRecorder(deps.device)

            deps.mic_label = "pick one below; t tests the level"
        else:
            recorder_for = None
            deps.mic_label = "none found: type your answers (or use --replay FILE…)"
        deps.devices, deps.recorder_for = devices, recorder_for
        deps.sound_out = output_device_available()
        deps.speaker = Pyttsx3Speaker() if deps.sound_out and not args.mute else SilentSpeaker()
        deps.player = SoundDevicePlayer() if deps.sound_out else SilentPlayer()
    finally:
        deps.audio_ready.set()


def run_app(args: argparse.Namespace, ctx: AppContext) -> int:
    from assistant.tui.app import ThinkaloudApp
    from assistant.tui.deps import RECORDING_CLOSE_S

    deps = build_deps(args, ctx)
    app = ThinkaloudApp(deps)
    try:
        app.run()
    finally:
        # an answer being written finishes (the recorder stops within a block); the
        # app's other threads are daemons and end with the process
        deps.recording_idle.wait(RECORDING_CLOSE_S)
        if deps.store is not None:
            deps.store.close()  # its write-ahead journal folds back into the database
    if app.kept_unjudged:  # quit mid-answer: say where it went and how to judge it
        with contextlib.suppress(OSError):  # the terminal window may be gone (SIGHUP)
            print(
                # the command on a line of its own: at 80 columns it wrapped mid-id
                "Your unfinished session was kept; judge it with:\n"
                f"  thinkaloud rescore {app.kept_unjudged}"
            )
            if app.kept_unasked is not None:  # typed while the answer before was read
                print(
                    "What you typed for the next question, before it was asked, is in:\n"
                    f"  {app.kept_unasked}"
                )
    code = app.return_code or 0
    if _threads_running():
        # a thread may be inside the speech model's C++ (an answer quit while it was
        # transcribed, a caption, a model loading): finalising the interpreter under it
        # aborts ("terminate called without an active exception", exit -6; 3 of 4 quits
        # a few seconds after an answer stopped). What the user made is on disk and the
        # store is closed by now, so the process ends here.
        atexit._run_exitfuncs()  # the terminal's own settings back (flow control, echo)
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    return code


THREADS_END_S = 5.0
"""How long the threads the interpreter would wait for at exit may take to end."""


def _threads_running() -> bool:
    """Any of the app's daemon threads still running: its workers, the work they left
    behind when the app quit (``unless_quitting``), the voice, the closing watchdog; or
    a thread the interpreter would wait for at exit that has not ended within
    :data:`THREADS_END_S` (the terminal's input thread, left reading a window that was
    closed: it spun on the end of its input for as long as the process was left)."""
    main = threading.main_thread()
    others = [t for t in threading.enumerate() if t is not main and t.is_alive()]
    if any(t.daemon for t in others):
        return True
    until = time.monotonic() + THREADS_END_S
    for t in others:
        t.join(max(0.0, until - time.monotonic()))
    return any(t.is_alive() for t in others)
