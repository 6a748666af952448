"""The ``thinkaloud`` process: parse the command line, resolve the settings once, and
hand over to a command or to the app; every error a user can cause ends here as one
line on stderr and its own exit code."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
from collections.abc import Callable, MutableMapping, Sequence

PRIVACY_DEFAULTS = {
    "ORT_DISABLE_TELEMETRY": "1",  # onnxruntime (the VAD, the sentence encoder)
    "HF_HUB_OFFLINE": "1",  # never reach for a model hub at run time
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "LITELLM_OFFLINE_MODE": "true",  # litellm: no cost map or tokenizer from the internet
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "DO_NOT_TRACK": "1",
    # pydantic: no third-party plugins (observability hooks), and no scan of every
    # installed package's entry points for them, which cost ~0.1 s of app start
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
}
"""Telemetry and downloads of every dependency that has them, off for this process
before any of them is imported (native code reads the environment, not our settings).
A variable the user set keeps its value."""


RUNTIME_DEFAULTS = {
    # CTranslate2's OpenMP threads sleep between decodes instead of spinning: in the app,
    # beside its UI, recorder and VAD threads, each decode took 5-7 times the CPU it takes
    # outside it (an 18.5 s answer waited 120 s after the stop at load 5.6, 13 s with
    # this; the same tokens either way; `score` unchanged at 12.7-13.6 s)
    "OMP_WAIT_POLICY": "PASSIVE",
}
"""How the native libraries run, set before any of them loads; a value the user set
keeps its value."""


def quiet_dependencies(environ: MutableMapping[str, str] = os.environ) -> None:
    for name, value in (PRIVACY_DEFAULTS | RUNTIME_DEFAULTS).items():
        environ.setdefault(name, value)


def keep_ctrl_q(stdin=None, argv: Sequence[str] | None = None) -> Callable[[], None] | None:
    """Ctrl+Q pressed while the app is still starting reaches it and quits it, and keys
    typed ahead are not printed over the shell's screen.

    Until the UI puts the terminal in raw mode, the terminal driver takes Ctrl+Q as
    flow control (XON) and drops it, so a candidate who quits at once saw the app open
    anyway; and it echoes what is typed ("/eta" showed on the shell's last line before
    the app drew over it). Flow control is off from the first line of this process, and
    echo too when it starts the app (no command: the keys are the app's, which reads
    them once it has the terminal); the terminal's own settings come back when it exits.
    Returns the restore (None: not a terminal, or nothing to change)."""
    stdin = sys.stdin if stdin is None else stdin
    argv = sys.argv[1:] if argv is None else argv
    try:
        import termios

        fd = stdin.fileno()
        if not os.isatty(fd) or not os.isatty(1):  # piped ("| less"): no app, hands off
            return None
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        return None  # no termios (Windows), or stdin closed or not a real file
    quiet = list(saved)
    quiet[0] = saved[0] & ~termios.IXON
    if not argv or argv[0].startswith("-"):  # the app (commands are words)
        quiet[3] = saved[3] & ~termios.ECHO
    if quiet == saved:
        return None
    termios.tcsetattr(fd, termios.TCSANOW, quiet)

    def restore() -> None:
        with contextlib.suppress(termios.error, OSError):
            if termios.tcgetattr(fd) == quiet:  # as left here: nothing else took it over
                termios.tcsetattr(fd, termios.TCSANOW, saved)

    atexit.register(restore)
    return restore


quiet_dependencies()  # before the imports below bring in pydantic and the rest
keep_ctrl_q()  # and before they take the time in which a key could be lost

from assistant.app.context import AppContext  # noqa: E402
from assistant.app.environment import (  # noqa: E402
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    Environment,
    UsageError,
)
from assistant.cli import COMMANDS, build_parser, run  # noqa: E402


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    quiet_dependencies()
    env = env or Environment()
    from assistant.app.config import ConfigError
    from assistant.llm.local.engine import LocalModelError
    from assistant.llm.local.prepare import PrepareError
    from assistant.practice.export_file import ExportError
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
        ExportError,
    )
    try:
        args = build_parser().parse_args(argv)
        ctx = _context(args, env)
        if args.command in COMMANDS:
            return run(args, ctx)
        from assistant.tui.launch import run_app

        return run_app(args, ctx)
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    except user_errors as exc:
        message = exc.strerror if isinstance(exc, RecordingWriteError) else exc
        print(f"thinkaloud: error: {message}", file=env.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # Ctrl+C, or SIGTERM during practice (128 + 15)
        print("thinkaloud: interrupted", file=env.stderr)
        return 128 + exc.signum if hasattr(exc, "signum") else EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader stopped reading ("thinkaloud show last | head"): that is its choice,
        # not an error; what is still buffered goes nowhere instead of failing at exit
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: still one line, with a way to see more
        if env.environ.get("THINKALOUD_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(
            f"thinkaloud: internal error: {type(exc).__name__}: {first} "
            "(set THINKALOUD_DEBUG=1 to see the traceback)",
            file=env.stderr,
        )
        return EXIT_INTERNAL


def _context(args: argparse.Namespace, env: Environment) -> AppContext:
    """The settings for this run, resolved once: config file, environment, then flags."""
    overrides = {
        "model": getattr(args, "model", None),
        "llm_model": getattr(args, "llm", None),
        "llm_api_base": getattr(args, "llm_api_base", None),
    }
    return AppContext.load(env, getattr(args, "config", None), overrides)
