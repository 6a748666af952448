"""Build the real dependencies and run the app (the app's composition root)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.cli import Environment


def build_deps(args: argparse.Namespace, env: Environment):
    from assistant.cli import build_transcriber, structure_spec, user_data_dirs
    from assistant.interview.session import OfflineInterviewer
    from assistant.llm.local.engine import LocalModelError
    from assistant.settings import load_settings
    from assistant.tui.deps import AppDeps, SilentPlayer, SoundDevicePlayer
    from prompts import load_questions
    from rubrics import load_rubrics
    from speech.recorder import FileReplayRecorder, SoundDeviceRecorder, input_devices
    from speech.tts import Pyttsx3Speaker, SilentSpeaker, output_device_available

    config = getattr(args, "config", None)
    settings = load_settings(
        config,
        {"llm_model": args.llm, "llm_api_base": args.llm_api_base},
        required=config is not None,
        environ=env.environ,
    )
    questions = load_questions(
        user_data_dirs(env, "questions"), rubrics=load_rubrics(user_data_dirs(env, "rubrics"))
    )
    transcriber = build_transcriber(settings)
    specs: dict[str, object] = {}

    def structure_for(question):
        if question.id not in specs:
            specs[question.id] = structure_spec(None, question.id, env, settings.structure_method)
        return specs[question.id]

    warm_up = [transcriber.load]
    label = "offline (rubric-driven)"
    status = ""
    if settings.llm_model:
        from assistant.app.build import build_chat_model
        from assistant.interview.llm_interviewer import LLMInterviewer, warm_interviewer

        chat = build_chat_model(settings, env.environ)
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
            return LLMInterviewer(chat, planner, timeout_s=settings.llm_timeout)
    else:

        def interviewer_for(planner):
            return OfflineInterviewer(planner)

    replay = [Path(p) for p in (args.replay or [])]
    devices = [] if replay else [d["name"] for d in input_devices()]  # one PortAudio query
    if replay:
        from speech.audio import check_input_file

        for p in replay:
            check_input_file(p)

        def recorder_for(i: int):
            return FileReplayRecorder(replay[min(i, len(replay) - 1)], realtime=True)

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
    store = None
    if not args.no_save:
        from assistant.sessions_cli import open_store

        store = open_store(settings, env)
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
    )
    return deps


def run_app(args: argparse.Namespace, env: Environment) -> int:
    from assistant.tui.app import ThinkaloudApp

    deps = build_deps(args, env)
    ThinkaloudApp(deps).run()
    return 0
