"""``thinkaloud`` on the command line; the composition root that builds real adapters."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from assistant import __version__

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    exit_code = EXIT_USAGE


@dataclass
class Environment:
    """What the CLI touches outside itself, so tests can swap it."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))


def parse_duration(text: str) -> float:
    """``3m``, ``90s``, ``2m30s``, ``1:30``, ``150`` (seconds) -> seconds (> 0)."""
    t = text.strip().lower()
    seconds: float | None = None
    if re.fullmatch(r"\d+(\.\d+)?", t):
        seconds = float(t)
    elif m := re.fullmatch(r"(\d+):([0-5]\d)", t):
        seconds = int(m.group(1)) * 60 + int(m.group(2))
    elif (
        m := re.fullmatch(r"(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?", t)
    ) and (m.group(1) or m.group(2)):
        seconds = float(m.group(1) or 0) * 60 + float(m.group(2) or 0)
    if seconds is None:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (try 3m, 90s, 2m30s or 1:30)")
    if seconds <= 0:
        raise argparse.ArgumentTypeError(f"a time budget must be longer than zero: {text!r}")
    return seconds


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every other error
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    llm = _Parser(add_help=False)  # shared by the app, score (--judge) and practice
    llm.add_argument(
        "--llm",
        metavar="MODEL",
        help="litellm model string for the interviewer or judge (default: offline)",
    )
    llm.add_argument("--llm-api-base", metavar="URL", help="OpenAI-compatible server URL")
    parser = _Parser(
        prog="thinkaloud",
        description="Practise ML system-design interviews out loud, offline.",
        parents=[llm],
    )
    parser.add_argument("--version", action="version", version=f"thinkaloud {__version__}")
    parser.add_argument("--config", type=Path, help="config file (default: user config dir)")
    parser.add_argument(
        "--replay",
        nargs="+",
        metavar="FILE",
        help="app: answer with these recordings instead of a microphone",
    )
    parser.add_argument("--no-save", action="store_true", help="app: do not keep the session")
    parser.add_argument("--mute", action="store_true", help="app: no interviewer voice")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        help="config file (default: user config dir)",
    )
    score = sub.add_parser(
        "score", parents=[common, llm], help="score a recorded answer: transcript, pacing, fillers"
    )
    src = score.add_mutually_exclusive_group()
    src.add_argument(
        "file", nargs="?", type=Path, help="answer recording (wav, flac, mp3, ogg, m4a…)"
    )
    src.add_argument(
        "--transcript",
        type=Path,
        metavar="TXT",
        help="score a plain-text transcript instead (no pacing)",
    )
    src.add_argument(
        "--sample", action="store_true", help="score the sample answer that ships with thinkaloud"
    )
    score.add_argument("--json", action="store_true", help="print the report as JSON")
    score.add_argument(
        "--budget",
        type=parse_duration,
        metavar="TIME",
        help="time budget for the answer (3m, 90s, 2m30s)",
    )
    score.add_argument(
        "--model",
        metavar="NAME|PATH",
        help="speech model: a CTranslate2 folder or a name in the local cache",
    )
    score.add_argument(
        "--rubric",
        metavar="ID",
        help="judge structure against this rubric (default: the question's, "
        "else ml-system-design; 'none' to skip)",
    )
    score.add_argument("--question", metavar="ID", help="the question the answer was given to")
    score.add_argument(
        "--judge",
        action="store_true",
        help="also have the configured LLM grade the structure (--llm or "
        "llm_model); quotes are checked against the transcript",
    )
    score.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    from assistant.cli_practice import add_practice_parsers

    add_practice_parsers(sub, common, llm)
    from assistant.sessions_cli import add_session_parsers

    add_session_parsers(sub, common)
    from assistant.models_cli import add_models_parser

    add_models_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    env = env or Environment()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub at run time
    from assistant.llm.local.engine import LocalModelError
    from assistant.llm.local.prepare import PrepareError
    from assistant.settings import ConfigError
    from prompts import QuestionError
    from prompts.templates import TemplateError
    from rubrics import RubricError
    from sessions.store import StoreError
    from sessions.wav_sink import RecordingWriteError
    from speech.errors import SpeechError

    user_errors = (
        SpeechError,
        ConfigError,
        UsageError,
        RubricError,
        QuestionError,
        TemplateError,
        StoreError,
        RecordingWriteError,
        LocalModelError,
        PrepareError,
    )
    try:
        args = build_parser().parse_args(argv)
        if args.command == "score":
            return _score(args, env)
        if args.command in ("practice", "questions"):
            from assistant.cli_practice import run_command

            return run_command(args, env)
        if args.command == "models":
            from assistant.models_cli import run_models

            return run_models(args, env)
        if args.command in ("history", "show", "export", "delete", "trends", "rescore"):
            from assistant.sessions_cli import run_command as run_sessions

            return run_sessions(args, env)
        from assistant.tui.launch import run_app

        return run_app(args, env)
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    except user_errors as exc:
        message = exc.strerror if isinstance(exc, RecordingWriteError) else exc
        print(f"thinkaloud: error: {message}", file=env.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("thinkaloud: interrupted", file=env.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, with a way to see more
        if env.environ.get("THINKALOUD_DEBUG"):
            raise
        print(
            f"thinkaloud: internal error: {type(exc).__name__}: {exc} "
            "(set THINKALOUD_DEBUG=1 to see the traceback)",
            file=env.stderr,
        )
        return EXIT_INTERNAL


def sample_answer_path() -> Path:
    from importlib.resources import files

    return Path(str(files("assistant") / "samples" / "answer-fraud-1.ogg"))


def _score(args: argparse.Namespace, env: Environment) -> int:
    from rich.console import Console

    from assistant.render import render
    from assistant.scoring.analyse import analyse_text, score_recording
    from assistant.settings import load_settings

    settings = load_settings(
        args.config,
        {"model": args.model, "llm_model": args.llm, "llm_api_base": args.llm_api_base},
        required=args.config is not None,
        environ=env.environ,
    )
    structure = structure_spec(args.rubric, args.question, env, settings.structure_method)
    question = args.question
    if args.transcript is not None:
        from speech.audio import check_input_file

        check_input_file(args.transcript)
        try:
            text = args.transcript.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(f"{args.transcript}: not a UTF-8 text file") from exc
        report = analyse_text(text, settings, structure=structure, question=question)
    else:
        path = sample_answer_path() if args.sample else args.file
        if path is None:
            raise UsageError("give an answer recording, --transcript FILE or --sample")
        transcriber = build_transcriber(settings)
        err = Console(file=env.stderr, stderr=True)
        show = not args.no_progress and env.stderr.isatty()
        with _progress(err, show) as progress:
            report = score_recording(
                path,
                transcriber,
                settings,
                budget_s=args.budget,
                progress=progress,
                structure=structure,
                question=question,
            )
        if report.audio and report.audio.truncated:
            print(
                f"thinkaloud: warning: {path} ends before its header says it should; "
                "scored what was there",
                file=env.stderr,
            )
    if args.judge:
        report = _judge(report, settings, structure, question, env)
    if args.json:
        env.stdout.write(report.to_json() + "\n")
    else:
        render(report, Console(file=env.stdout))
    return EXIT_OK


def _judge(report, settings, structure, question_id, env: Environment):
    """Replace the structure section with the LLM judge's verified grades (or keep it)."""
    from assistant.app.build import build_chat_model
    from assistant.report import FeedbackItem
    from assistant.scoring.structure.llm_judge import judge_structure

    if structure is None or report.structure is None:
        raise UsageError("--judge needs a rubric (not --rubric none) and some speech")
    if not settings.llm_model:
        raise UsageError("--judge needs an LLM: --llm MODEL or llm_model in the config")
    chat = build_chat_model(settings, env.environ, max_tokens=900)
    if not chat.judges:
        raise UsageError(
            "--judge needs a model on a server: an in-process model is too small and too "
            "slow to grade eleven stages (Qwen2.5 1.5B timed out after 60 s on 2 cores)"
        )
    question_text = ""
    if question_id:
        from prompts import load_question

        question_text = " ".join(load_question(question_id).prompt.split())
    judged, notice = judge_structure(
        chat,
        structure.rubric,
        question_text,
        report.transcript.words,
        report.structure,
        timeout_s=settings.llm_timeout,
    )
    feedback = list(report.feedback)
    if notice:
        print(f"thinkaloud: notice: {notice}", file=env.stderr)
        feedback.append(FeedbackItem(metric="structure.judge", severity="info", message=notice))
    return report.model_copy(update={"structure": judged, "feedback": feedback})


def user_data_dirs(env: Environment, kind: str) -> list[Path]:
    """Where a user's own rubrics or questions live: ``<config dir>/<kind>/``."""
    from assistant.settings import config_dir

    return [config_dir(env.environ) / kind]


def structure_spec(
    rubric_id: str | None, question_id: str | None, env: Environment, method_setting: str
):
    from assistant.scoring.analyse import StructureSpec
    from assistant.scoring.structure.scorers import build_scorer
    from prompts import load_question
    from rubrics import load_rubric, load_rubrics

    if rubric_id == "none":
        return None
    rubric_dirs = user_data_dirs(env, "rubrics")
    if question_id is not None:
        question = load_question(
            question_id, user_data_dirs(env, "questions"), rubrics=load_rubrics(rubric_dirs)
        )
        rubric_id = rubric_id or question.rubric
    rubric = load_rubric(rubric_id or "ml-system-design", rubric_dirs)
    embedder = None
    if method_setting != "cues":
        from assistant.scoring.structure.embedder import MiniLMEmbedder

        embedder = MiniLMEmbedder()
    scorer, method = build_scorer(rubric, embedder)
    return StructureSpec(rubric=rubric, scorer=scorer, method=method)


def build_transcriber(settings):
    from speech.models import resolve_model
    from speech.transcriber import DecodeOptions, FasterWhisperTranscriber

    location = resolve_model(settings.model)
    return FasterWhisperTranscriber(
        location,
        compute_type=settings.compute_type,
        cpu_threads=settings.cpu_threads,
        options=DecodeOptions(settings.language, settings.beam_size, settings.keep_fillers),
    )


class _progress:
    """A transcription progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, console, show: bool) -> None:
        self.console, self.show, self.bar = console, show, None

    def __enter__(self):
        if not self.show:
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("transcribing"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.bar.start()

        def factory(total: float):
            task = self.bar.add_task("transcribing", total=max(total, 0.01))
            return lambda done: self.bar.update(task, completed=min(done, total))

        return factory

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
