"""``history``, ``show``, ``export``, ``delete``, ``trends`` and ``rescore``: saved sessions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.app.context import AppContext
from assistant.app.environment import UsageError
from assistant.cli import positive_int
from assistant.report.format import counted

READ_ONLY = ("history", "show", "export", "trends")


def add_session_parsers(sub, common) -> None:
    history = sub.add_parser("history", parents=[common], help="saved sessions, newest first")
    history.add_argument("--json", action="store_true")
    history.add_argument("--limit", type=positive_int, default=None, metavar="N")
    show = sub.add_parser("show", parents=[common], help="the full report of a saved session")
    show.add_argument("id", help="session id, a unique prefix of it, or 'last'")
    show.add_argument("--json", action="store_true")
    export = sub.add_parser("export", parents=[common], help="export a session")
    export.add_argument("id")
    export.add_argument("--format", choices=["md", "json", "srt", "vtt"], default="md")
    export.add_argument(
        "--answer",
        type=positive_int,
        metavar="N",
        help="one answer (1, 2, ...) on its own recording's timeline",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to a new file instead of stdout (never through a link, never into "
        "the session store)",
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (whole, in one step)"
    )
    delete = sub.add_parser("delete", parents=[common], help="delete a session and its audio")
    delete.add_argument("id", help="the whole session id (as history shows it), or 'last'")
    delete.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="delete without asking (needed where there is no terminal to ask on)",
    )
    trends = sub.add_parser(
        "trends", parents=[common], help="your numbers over time, against your own baseline"
    )
    trends.add_argument("--json", action="store_true")
    trends.add_argument(
        "--baseline",
        type=positive_int,
        default=5,
        metavar="N",
        help="baseline = median of the N sessions before the latest (default 5)",
    )
    rescore = sub.add_parser(
        "rescore",
        parents=[common],
        help="score an interrupted session from the answers that were kept",
    )
    rescore.add_argument("id")
    rescore.add_argument("--json", action="store_true")
    rescore.add_argument(
        "--again",
        action="store_true",
        help="judge a complete session once more from the answers kept (it stays complete)",
    )


def run_command(args: argparse.Namespace, ctx: AppContext) -> int:
    from assistant.app.build import open_store

    # reading commands open the store read-only: they work on a full disk and change
    # nothing (a crashed session is shown as interrupted; the next writer repairs it)
    store = open_store(ctx, read_only=args.command in READ_ONLY)
    try:
        return {
            "history": _history,
            "show": _show,
            "export": _export,
            "delete": _delete,
            "trends": _trends,
            "rescore": _rescore,
        }[args.command](args, ctx, store)
    finally:
        store.close()


def _row_json(row) -> dict[str, Any]:
    return {
        "id": row.id,
        "created_at": row.created_at,
        "question": row.question_id,
        "title": row.question_title,
        "interviewer": row.interviewer,
        "status": row.status,
        "answers": row.answers,
        "duration_s": row.duration_s,
        "wpm": row.wpm,
        "fillers_per_min": row.fillers_per_min,
        "long_pauses": row.long_pauses,
        "structure_score": row.structure_score,
    }


def _fmt(value, spec: str = ".0f") -> str:
    return "—" if value is None else format(value, spec)


def _history(args, ctx: AppContext, store) -> int:
    env = ctx.env
    rows = store.sessions(args.limit)
    if args.json:
        env.stdout.write(json.dumps([_row_json(r) for r in rows], indent=2) + "\n")
        return 0
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from assistant.cli.render import Output, plain

    console = Output(file=env.stdout)
    # under 130 columns the date goes (the id starts with it: 20261201-110134-…) and
    # the headers are short, so 80 columns hold every number
    wide = console.width >= 130
    title = counted(len(rows), "saved session") if rows else "No saved sessions yet"
    if args.limit and len(rows) == args.limit and (total := store.count()) > len(rows):
        # "--limit 2" of 12: the title said "2 saved sessions", as if there were no more
        title = f"The newest {len(rows)} of {counted(total, 'saved session')}"
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        # one space between columns (the box's): with two, beside "interrupted", 80
        # columns left the question 12 wide and folded "click-throug / h"
        padding=0,
        pad_edge=False,
    )
    table.add_column("id", no_wrap=True)
    if wide:
        table.add_column("when", no_wrap=True)
    # the one that gives way: its words wrap (at 80 columns, beside "interrupted", an
    # id cut to fit read "subscr…")
    table.add_column("question", overflow="fold", max_width=32, ratio=1)
    table.add_column("status", no_wrap=True)
    numbers = {  # header when wide: header under 130 columns
        "answers": "ans",
        "wpm": "wpm",
        "fillers/min": "fill/\nmin",
        "long pauses": "long",
        "structure": "struct",
    }
    for full, short in numbers.items():
        table.add_column(full if wide else short, justify="right", no_wrap=True)
    for r in rows:
        style = {"interrupted": "yellow", "recording": "cyan"}.get(r.status, "")
        when = [plain(r.created_at[5:16].replace("T", " "))] if wide else []
        table.add_row(
            plain(r.id),
            *when,
            plain(r.question_title or r.question_id or "—"),
            Text(r.status, style=style),
            str(r.answers),
            _fmt(r.wpm),
            _fmt(r.fillers_per_min, ".1f"),
            _fmt(r.long_pauses, "d"),
            _fmt(r.structure_score, "d"),
        )
    console.print(table)
    if any(r.status == "interrupted" for r in rows):
        console.print(
            "Interrupted sessions kept what was said or typed: `thinkaloud rescore ID` "
            "scores them.",
            markup=False,
            highlight=False,
        )
    return 0


def _set_aside(store, session_id: str, a) -> str | None:
    """The file holding what was typed for a skipped move before it was skipped, if any."""
    path = store.set_aside(session_id, a)
    return None if path is None else str(path)


def _kept_files(store, session_id: str) -> dict[int, str]:
    """For each skipped answer (counted from 0) whose typed words were kept, their file:
    named where the answer would be."""
    return {
        a.idx: path for a in store.answers(session_id) if (path := _set_aside(store, session_id, a))
    }


def _show(args, ctx: AppContext, store) -> int:
    env = ctx.env
    session_id = store.resolve(args.id)
    row, report = store.session(session_id)
    answers = store.answers(session_id)
    unasked = store.unasked_file(session_id)
    if args.json:
        env.stdout.write(
            json.dumps(
                {
                    "session": _row_json(row),
                    "report": report,
                    "answers": [
                        {
                            "audio": str(a.audio_path),
                            "duration_s": a.duration_s,
                            "status": a.status,
                            # typed for a move, then skipped: kept, never judged
                            "typed_before_skip": _set_aside(store, session_id, a),
                        }
                        for a in answers
                    ],
                    # typed after the last answer, for a question that never came
                    "typed_after_last_answer": str(unasked) if unasked.is_file() else None,
                },
                indent=2,
            )
            + "\n"
        )
        return 0
    from rich.text import Text

    from assistant.cli.render import Output

    out = Output(file=env.stdout)
    out.print(
        Text.assemble(
            (f"Session {row.id}", "bold"),
            f" · {row.question_title or row.question_id} · "
            f"{row.status} · {row.created_at[:16].replace('T', ' ')}",
        )
    )
    for a in answers:
        if a.skipped:
            kept = _set_aside(store, session_id, a)
            typed = f" (what was typed for it is kept, not judged: {kept})" if kept else ""
            out.print(Text(f"  answer {a.idx + 1}: skipped{typed}"))
            continue
        out.print(Text(f"  answer {a.idx + 1}: {a.audio_path} ({_length(a)}, {_state(a)})"))
    if unasked.is_file():  # typed while the last answer was read: no question came
        out.print(Text(f"  typed after the last answer, not asked for: {unasked}"))
    if report is None:
        out.print(
            Text(
                "No report yet: the session was interrupted. "
                f"`thinkaloud rescore {row.id}` scores the answers that were kept.",
                style="yellow",
            )
        )
        return 0
    from assistant.cli.render import render, render_conversation

    parsed = _saved_report(session_id, report)
    render_conversation(parsed, out, _kept_files(store, session_id))
    render(parsed, out)
    return 0


def _export(args, ctx: AppContext, store) -> int:
    from assistant.practice.exporting import to_markdown, to_subtitles
    from assistant.report.format import session_date

    env = ctx.env
    session_id = store.resolve(args.id)
    row, data = store.session(session_id)
    if data is None:
        raise UsageError(
            f"session {session_id} has no report yet; run `thinkaloud rescore {session_id}` first"
        )
    report = _saved_report(session_id, data)
    if args.answer is not None:
        turns = report.interview.turns if report.interview else []
        answered = [t.answer for t in turns if t.answer is not None]
        if not 1 <= args.answer <= len(answered):
            raise UsageError(f"session {session_id} has {counted(len(answered), 'answer')}")
        report = answered[args.answer - 1]
    if args.format == "json":
        text = report.to_json() + "\n"
    elif args.format == "md":
        text = to_markdown(
            report,
            title=f"Session {session_id}",
            date=session_date(row.created_at),
            kept=_kept_files(store, session_id),
        )
    else:
        text = to_subtitles(report, args.format)
        if "-->" not in text:  # no cue at all: typed answers have no times to cue
            what = f"answer {args.answer}" if args.answer is not None else "this session"
            why = (
                f"{what} was skipped" if not report.transcript.words else "typed answers have none"
            )
            raise UsageError(
                f"session {session_id} has no timed words to make subtitles of ({why}); "
                "export it as md or json"
            )
    if args.output:
        from assistant.practice.export_file import write_file

        write_file(args.output, text, force=args.force, protected=store.own_files())
    else:
        env.stdout.write(text)
    return 0


def _saved_report(session_id: str, data: dict[str, Any]):
    """The session's saved report; one that does not parse is the store's fault."""
    from pydantic import ValidationError

    from assistant.report import Report
    from sessions.store import StoreError

    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"]) or "report"
        raise StoreError(
            f"session {session_id}: its saved report cannot be read ({where}: "
            f"{exc.errors()[0]['msg']}); it was left as it is"
        ) from exc


def _delete(args, ctx: AppContext, store) -> int:
    env = ctx.env
    session_id = store.resolve(args.id, whole=True)  # never a prefix: deleting is final
    row, _ = store.session(session_id)
    if row.status == "recording":  # its process is alive: the app is recording it now
        from sessions.store import StoreError

        raise StoreError(
            f"session {session_id} is being recorded right now; end it first (nothing was deleted)"
        )
    if not args.yes and not _confirmed(env, row):
        print(f"kept session {session_id} (nothing was deleted)", file=env.stdout)
        return 0
    store.delete(session_id)
    print(f"deleted session {session_id} and its audio", file=env.stdout)
    return 0


def _confirmed(env, row) -> bool:
    """Asked on the terminal, y/N: one wrong word (delete for show) lost a session and
    its audio at once, with no undo. With no terminal to ask on (a script, a pipe),
    deleting needs ``--yes``, so nothing is deleted that nobody confirmed."""
    from assistant.app.environment import UsageError

    if not _is_terminal(env.stdin):
        raise UsageError(
            f"delete asks before it deletes session {row.id}, and there is no terminal to "
            "ask on: add --yes to delete it (nothing was deleted)"
        )
    answers = f"{row.answers} answer{'' if row.answers == 1 else 's'}"
    print(
        f"Delete session {row.id} ({row.question_title or row.question_id}, "
        f"{row.created_at[:16].replace('T', ' ')}, {answers}) and its audio? "
        "It cannot be undone. [y/N] ",
        end="",
        file=env.stderr,
        flush=True,
    )
    reply = env.stdin.readline()  # "" at the end of input: no
    if not reply:
        print(file=env.stderr)
    return reply.strip().lower() in ("y", "yes")


def _is_terminal(stream) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (OSError, ValueError, AttributeError):  # closed, or not a stream at all
        return False


def _trends(args, ctx: AppContext, store) -> int:
    from assistant.practice.trends import trends_data

    env = ctx.env
    data = trends_data(store, args.baseline, (ctx.settings.slow_wpm, ctx.settings.fast_wpm))
    if args.json:
        env.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    from rich.table import Table

    from assistant.cli.render import Output

    out = Output(file=env.stdout)
    # the newest sessions: cut to fit, the line lost its newest end ("▂▃▃…" at 80 columns)
    points = max(SPARK_LEAST, min(SPARK_MOST, out.width - TRENDS_OTHER_COLUMNS))
    before = min(args.baseline, max(data["sessions"] - 1, 0))  # 4 of them, not "the 5"
    # as History says it: a number a session did not measure (a typed answer's pace) has
    # fewer sessions in its baseline, and "of the 5 before" was then untrue of it
    baseline = (
        f"baseline = median of up to {counted(before, 'session')} before the latest, "
        "fewer where fewer measured the number"
    )
    if not any(m["baseline"] is not None for m in data["metrics"].values()):
        # every row's baseline is "—": none of the sessions before measured it
        baseline = "no baseline yet: no session before the latest measured these numbers"
    table = Table(
        title=f"Trends over {counted(data['sessions'], 'session')}; {baseline}",
        caption=f"words per minute: nearer {ctx.settings.slow_wpm:.0f}-"
        f"{ctx.settings.fast_wpm:.0f} is better; fillers and long pauses: fewer is better. "
        "Each number's latest is the last session that measured it: a typed answer has no "
        "pace, a short one no structure score",
    )
    for col in ("metric", "sessions", "over time", "latest", "baseline", "change"):
        table.add_column(col)
    for m in data["metrics"].values():
        values = [p["value"] for p in m["series"]]
        table.add_row(
            m["label"],
            str(len(values)),
            _spark(values[-points:]),
            _fmt(m["latest"], ".1f"),
            _fmt(m["baseline"], ".1f"),
            m["change"] or "—",
        )
    out.print(table)
    return 0


SPARK_MOST, SPARK_LEAST = 30, 8
"""How many sessions the trend line shows, at most and at the least."""
TRENDS_OTHER_COLUMNS = 65
"""What the trends table needs beside its trend line, borders included."""


def _state(a) -> str:
    """Where answer ``a`` stands: judged, or kept and waiting for ``rescore`` (cut off by
    the session's end, or the session stopped before it was sent: "recording" read as if
    a typed draft were being recorded)."""
    if a.report is not None:
        return "judged" if a.status == "complete" else "cut off by the session's end, judged"
    return f"{'draft' if a.audio_path.suffix == '.txt' else 'recording'} kept, not judged yet"


def _length(a) -> str:
    """How long answer ``a`` is: typed, or its seconds (an interrupted recording's from
    what reached the disk)."""
    if a.audio_path.suffix == ".txt":
        return "typed"
    from sessions.wav_sink import wav_seconds

    seconds = a.duration_s if a.duration_s is not None else wav_seconds(a.audio_path)
    return f"{_fmt(seconds, '.1f')} s"


def _spark(values: list[float]) -> str:
    if not values:
        return "—"
    bars = "▁▂▃▄▅▆▇█"
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return "".join(bars[int((v - lo) / span * (len(bars) - 1))] for v in values)


def _rescore(args, ctx: AppContext, store) -> int:
    from assistant.app.build import build_transcriber, structure_spec
    from assistant.practice.rescoring import rescore_session

    env = ctx.env
    session_id = store.resolve(args.id)
    row, _ = store.session(session_id)
    report = rescore_session(
        store,
        session_id,
        ctx.settings,
        transcriber=build_transcriber(ctx.settings),
        structure=structure_spec(ctx, None, row.question_id),
        question=ctx.question(row.question_id) if row.question_id else None,
        again=args.again,
    )
    if args.json:
        env.stdout.write(report.to_json() + "\n")
    else:
        from assistant.cli.render import Output, render

        render(report, Output(file=env.stdout))
    return 0
