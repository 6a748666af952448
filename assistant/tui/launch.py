"""Build the real dependencies and run the app (the app's composition root)."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from assistant.app.context import AppContext


def build_deps(args: argparse.Namespace, ctx: AppContext):
    from assistant.app.build import (
        build_chat_model,
        build_interviewer,
        build_transcriber,
        open_store,
        structure_spec,
    )
    from assistant.llm.local.engine import LocalModelError
    from assistant.tui.deps import AppDeps, SilentPlayer, SoundDevicePlayer
    from speech.recorder import FileReplayRecorder, SoundDeviceRecorder, input_devices
    from speech.tts import Pyttsx3Speaker, SilentSpeaker, output_device_available

    settings = ctx.settings
    questions = ctx.questions
    transcriber = build_transcriber(settings)
    specs: dict[str, object] = {}
    lock = threading.Lock()

    def structure_for(question):
        """One scorer per rubric, built once (its sentence model loads once)."""
        with lock:
            if question.rubric not in specs:
                specs[question.rubric] = structure_spec(ctx, question.rubric)
            return specs[question.rubric]

    first = next(iter(questions.values()), None)
    warm_up = [transcriber.load]
    if first is not None:  # the scorer of the first rubric, so starting one is instant
        warm_up.append(lambda: structure_for(first))
    label = "offline (rubric-driven)"
    status = ""
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

    replay = [Path(p) for p in (args.replay or [])]
    devices = [] if replay else [d["name"] for d in input_devices()]  # one PortAudio query
    if replay:
        from speech.audio import check_input_file

        for p in replay:
            check_input_file(p)

        def recorder_for(i: int):
            return FileReplayRecorder(replay[i], realtime=True)

        mic = f"replaying {len(replay)} recording(s)"
    elif devices:

        def recorder_for(i: int):
            return SoundDeviceRecorder(deps.device)

        mic = "pick one below; t tests the level"
    else:
        recorder_for = None
        mic = "none found: type your answers (or use --replay FILE…)"
    sound_out = output_device_available()
    speaker = Pyttsx3Speaker() if sound_out and not args.mute else SilentSpeaker()
    player = SoundDevicePlayer() if sound_out else SilentPlayer()
    store = None if args.no_save else open_store(ctx)
    deps = AppDeps(
        settings=settings,
        questions=questions,
        transcriber=transcriber,
        structure_for=structure_for,
        interviewer_for=interviewer_for,
        interviewer_label=label,
        interviewer_status=status,
        recorder_for=recorder_for,
        mic_label=mic,
        speaker=speaker,
        player=player,
        store=store,
        warm_up=warm_up,
        devices=devices,
        llm_endpoint=settings.llm_api_base,
        # replayed answers are the candidate's answers in order, as in `practice`
        max_moves=len(replay) - 1 if replay else None,
        sound_out=sound_out,
    )
    return deps


def run_app(args: argparse.Namespace, ctx: AppContext) -> int:
    from assistant.tui.app import ThinkaloudApp

    deps = build_deps(args, ctx)
    app = ThinkaloudApp(deps)
    app.run()
    return app.return_code or 0
