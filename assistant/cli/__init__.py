"""``thinkaloud`` on the command line: the argument parser, and one module per command
group (``score``, ``practice`` and ``questions``, the saved sessions, ``models``), each
run with the process's :class:`~assistant.app.context.AppContext`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from assistant import __version__
from assistant.app.context import AppContext
from assistant.app.environment import UsageError

COMMANDS = ("score", "practice", "questions", "models", "history", "show", "export")
COMMANDS += ("delete", "trends", "rescore")


MAX_BUDGET_S = 24 * 3600


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
    if seconds > MAX_BUDGET_S:  # "used 0:03 of 1666666666666666666:40:00"
        raise argparse.ArgumentTypeError(f"a time budget must be 24 hours or less: {text!r}")
    return seconds


def positive_int(text: str) -> int:
    """A count of at least 1 (``--baseline 3``, ``--limit 10``, ``--answer 2``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every other error
        raise UsageError(f"{message} (see {self.prog} --help)")


def file_name(value: str) -> str:
    """A file named on the command line: an empty name (``--replay ""``) is refused as
    such, not read as the current directory."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty file name")
    return value


def _model_options(default: object) -> argparse.ArgumentParser:
    """The models: shared by the app, score and practice. Said before the command or
    after it, the option counts: a command's copy (``default`` SUPPRESS) leaves the one
    said before it alone."""
    llm = _Parser(add_help=False)
    llm.add_argument(
        "--llm",
        metavar="MODEL",
        default=default,
        help="litellm model string for the interviewer or judge (default: offline)",
    )
    llm.add_argument(
        "--llm-api-base", metavar="URL", default=default, help="OpenAI-compatible server URL"
    )
    llm.add_argument(
        "--model",
        metavar="NAME|PATH",
        default=default,
        help="speech model: base (Whisper base, `make speech-base`), a CTranslate2 folder, or a "
        "name in the local cache (default: the bundled tiny.en)",
    )
    return llm


def build_parser() -> argparse.ArgumentParser:
    llm = _model_options(argparse.SUPPRESS)
    parser = _Parser(
        prog="thinkaloud",
        description="Practise ML system-design interviews out loud, offline.",
        parents=[_model_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"thinkaloud {__version__}")
    parser.add_argument("--config", type=Path, help="config file (default: user config dir)")
    parser.add_argument(
        "--replay",
        nargs="+",
        action="extend",
        type=file_name,
        metavar="FILE",
        help="app: answer with these recordings instead of a microphone (in order; "
        "--replay may be given again)",
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
    from assistant.cli.models import add_models_parser
    from assistant.cli.practice import add_practice_parsers
    from assistant.cli.sessions import add_session_parsers

    add_practice_parsers(sub, common, llm)
    add_session_parsers(sub, common)
    add_models_parser(sub, common)
    return parser


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    """Run the command ``args`` names (one of :data:`COMMANDS`)."""
    if args.command == "score":
        from assistant.cli.score import run_score

        return run_score(args, ctx)
    if args.command in ("practice", "questions"):
        from assistant.cli.practice import run_command

        return run_command(args, ctx)
    if args.command == "models":
        from assistant.cli.models import run_models

        return run_models(args, ctx)
    from assistant.cli.sessions import run_command as run_sessions

    return run_sessions(args, ctx)
