"""``thinkaloud models``: the local LLMs this machine can run, and ``models prepare``."""

from __future__ import annotations

import argparse
import json
from contextlib import nullcontext
from pathlib import Path

from assistant.app.config import models_dir
from assistant.app.context import AppContext
from assistant.app.environment import Environment


def add_models_parser(sub, common) -> None:
    models = sub.add_parser(
        "models",
        parents=[common],
        help="local LLMs for an offline interviewer (--llm local/<name>)",
        description="List the local models, or join and verify chunked weights with "
        "`models prepare`.",
    )
    models.add_argument("--json", action="store_true", help="print the list as JSON")
    verbs = models.add_subparsers(dest="verb")
    prepare = verbs.add_parser(
        "prepare",
        parents=[common],
        help="join installed weight packages into one verified GGUF file in the cache",
    )
    prepare.add_argument(
        "names",
        nargs="*",
        metavar="NAME|PATH",
        help="models to prepare (default: every one whose packages are installed); "
        "a GGUF path is checked and accepted as is",
    )
    prepare.add_argument("--no-progress", action="store_true", help="no progress bar")


def run_models(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.verb == "prepare":
        return _prepare(args, ctx.env, ctx.settings)
    return _list(args, ctx.env, ctx.settings)


def runtime_version() -> str | None:
    """The installed cyllama, or None (the ``local`` extra is missing)."""
    from assistant.llm.local.catalog import installed_version, package_dir

    return installed_version("cyllama") if package_dir("cyllama") else None


def _list(args, env: Environment, settings) -> int:
    from rich.text import Text

    from assistant.cli.render import Output
    from assistant.llm.local.catalog import install_hint, list_models

    runtime = runtime_version()
    models = list_models(models_dir(settings), list(settings.local_models))
    if args.json:
        rows = [dict(m.as_json(), available=m.available and runtime is not None) for m in models]
        env.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    out = Output(file=env.stdout, highlight=False, soft_wrap=True)
    out.print("[b]Local models[/] (use one with --llm ID):")
    width = max(len(m.id) for m in models)
    for m in models:
        ready = m.available and runtime is not None
        state = ("ready    ", "green") if ready else ("not ready", "yellow")
        out.print(Text.assemble(f"  {m.id:<{width}}  {m.kind:<9}  ", state, f"  {m.title}"))
        where = str(m.path) if m.available else f"to use it: {m.hint}"
        out.print(Text.assemble(f"  {'':<{width}}  ", (where, "dim")))
    if runtime is None:
        out.print(  # as plain text: "[local]" is no markup
            Text(
                f"The in-process runtime is not installed: {install_hint('local')} "
                "(cyllama, a prebuilt llama.cpp)."
            )
        )
    else:
        out.print(f"Runtime: cyllama {runtime} (llama.cpp, CPU), in this process.")
    _list_speech(out, settings)
    return 0


def _list_speech(out, settings) -> None:
    """The speech models this machine has or can install from the registry."""
    from rich.text import Text

    from assistant.llm.local.catalog import install_hint
    from speech.models import JOINED, joined_state

    out.print('[b]Speech models[/] (use one with --model NAME, or model = "NAME" in the config):')
    out.print(
        Text.assemble(
            "  tiny.en  bundled    ",
            ("ready    ", "green"),
            "  Whisper tiny.en, English only: the default",
        )
    )
    for m in JOINED.values():
        state, path = joined_state(m, models_dir(settings))
        shown = ("ready    ", "green") if state != "missing" else ("not ready", "yellow")
        out.print(
            Text.assemble(
                f"  {m.name:<7}  registry   ",
                shown,
                f"  Whisper {m.name}, multilingual ({m.size / 1e6:.0f} MB; about twice "
                "tiny.en's time, fewer misheard words)",
            )
        )
        where = {
            "joined": str(path),
            "installed": "installed; joined into the models folder on first use",
            "missing": f"to use it: make speech-base (or {install_hint('speech-base')})",
        }[state]
        out.print(Text.assemble(f"  {'':<7}  ", (where, "dim")))


def _prepare(args, env: Environment, settings) -> int:
    from rich.text import Text

    from assistant.cli.render import Output
    from assistant.llm.local.catalog import (
        ASSEMBLED,
        BUNDLED,
        PREFIX,
        bundled_path,
        installed_version,
        pip_command,
        this_pip,
    )
    from assistant.llm.local.prepare import PrepareError, prepare

    out = Output(file=env.stdout, highlight=False, soft_wrap=True)
    names = [n.removeprefix(PREFIX) for n in args.names]
    for name in [n for n in names if n.lower().endswith(".gguf")]:
        path = _check_gguf(Path(name).expanduser())
        out.print(Text(f"{path}: a GGUF file; use it as --llm {path} (or list it in local_models)"))
    names = [n for n in names if not n.lower().endswith(".gguf")]
    if not args.names:
        names = [w.name for w in ASSEMBLED.values() if installed_version(w.packages()[0])]
        if not names:
            choices = "\n".join(
                f"  {w.name}: {pip_command()} install "
                f"{' '.join(repr(r) for r in w.pip_requirements())}"
                for w in ASSEMBLED.values()
            )
            raise PrepareError(
                "no weight packages are installed; install one model's packages first:\n" + choices
            )
    for name in [n for n in names if n in BUNDLED]:
        w = BUNDLED[name]
        path = bundled_path(w)
        if path is None:
            raise PrepareError(f"{name} comes in the package {w.package}: {this_pip(w.pip)}")
        out.print(Text(f"{PREFIX}{name}: ready as installed (nothing to join): {path}"))
    names = [n for n in names if n not in BUNDLED]
    unknown = [n for n in names if n not in ASSEMBLED]
    if unknown:
        raise PrepareError(
            f"nothing to prepare for {', '.join(unknown)}; models that come in chunks: "
            + ", ".join(ASSEMBLED)
        )
    folder = models_dir(settings)
    show = not args.no_progress and env.stderr.isatty()
    for name in names:
        w = ASSEMBLED[name]
        if not show:  # no bar: still say why this may take a while
            print(f"thinkaloud: preparing {w.name} ({w.size / 1e9:.2f} GB)…", file=env.stderr)
        bar, callback = _joining(env, w.title, w.size) if show else (nullcontext(), None)
        with bar:
            path = prepare(w, folder, progress=callback)
        out.print(Text(f"{PREFIX}{name}: ready, sha256 verified: {path}"))
    return 0


def _joining(env: Environment, title: str, total: int):
    """A progress bar on stderr; returns (context, callback)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from assistant.cli.render import Output

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=Output(file=env.stderr, stderr=True),
        transient=True,
    )
    task = progress.add_task(f"preparing {title}", total=total)
    return progress, lambda done, _total: progress.update(task, completed=done)


def _check_gguf(path: Path) -> Path:
    from assistant.llm.local.prepare import PrepareError

    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise PrepareError(f"{path}: {exc.strerror or exc}") from exc
    if magic != b"GGUF":
        raise PrepareError(f"{path}: not a GGUF model file")
    return path.resolve()
