"""``thinkaloud practice`` and ``thinkaloud questions``: an interview without a microphone."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.cli import Environment

SAMPLE_QUESTION = "fraud-detection"
SAMPLE_ANSWERS = ("answer-fraud-1.ogg", "answer-fraud-2.ogg")


def add_practice_parsers(sub, common, llm) -> None:
    practice = sub.add_parser(
        "practice",
        parents=[common, llm],
        help="a whole interview from recorded answers: follow-ups, a constraint change, report",
    )
    practice.add_argument("--question", metavar="ID", help="question id (see `questions`)")
    practice.add_argument(
        "--answer",
        dest="answers",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="an answer recording, in order (repeat)",
    )
    practice.add_argument(
        "--sample", action="store_true", help="the bundled sample: fraud detection, two answers"
    )
    practice.add_argument("--seed", type=int, default=0, help="offline interviewer seed")
    practice.add_argument("--json", action="store_true", help="print the report as JSON")
    practice.add_argument(
        "--speak", action="store_true", help="speak the interviewer's turns (pyttsx3)"
    )
    practice.add_argument(
        "--tts-out",
        type=Path,
        metavar="DIR",
        help="save the interviewer's turns as WAV files in DIR",
    )
    practice.add_argument("--model", metavar="NAME|PATH", help="speech-to-text model")
    practice.add_argument(
        "--no-save", action="store_true", help="do not keep this session in the history"
    )
    practice.add_argument(
        "--realtime",
        action="store_true",
        help="feed the answers through the recording path at real-time "
        "speed, saving as it goes (as a microphone would)",
    )
    questions = sub.add_parser("questions", parents=[common], help="list the question bank")
    questions.add_argument("--json", action="store_true", help="print the list as JSON")


def run_command(args: argparse.Namespace, env: Environment) -> int:
    if args.command == "questions":
        return _questions(args, env)
    return _practice(args, env)


def _questions(args: argparse.Namespace, env: Environment) -> int:
    from rich.console import Console
    from rich.table import Table

    from assistant.cli import user_data_dirs
    from prompts import load_questions
    from rubrics import load_rubrics

    bank = load_questions(
        user_data_dirs(env, "questions"), rubrics=load_rubrics(user_data_dirs(env, "rubrics"))
    )
    rows = [
        {
            "id": q.id,
            "title": q.title,
            "prompt": " ".join(q.prompt.split()),
            "rubric": q.rubric,
            "difficulty": q.difficulty,
            "budget_s": q.budget_s,
            "topic": q.topic,
        }
        for q in bank.values()
    ]
    if args.json:
        env.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    table = Table(title=f"{len(rows)} questions")
    for col in ("id", "title", "topic", "difficulty", "budget"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["id"], r["title"], r["topic"], r["difficulty"], f"{r['budget_s'] // 60} min"
        )
    Console(file=env.stdout).print(table)
    return 0


def _practice(args: argparse.Namespace, env: Environment) -> int:
    from rich.console import Console

    from assistant.cli import UsageError, build_transcriber, structure_spec, user_data_dirs
    from assistant.interview.planner import OfflinePlanner
    from assistant.interview.practice import run_practice
    from assistant.interview.session import Interview, OfflineInterviewer
    from assistant.render import render
    from assistant.settings import load_settings
    from prompts import load_question
    from rubrics import load_rubrics
    from speech.audio import check_input_file

    config = getattr(args, "config", None)
    settings = load_settings(
        config,
        {"model": args.model, "llm_model": args.llm, "llm_api_base": args.llm_api_base},
        required=config is not None,
        environ=env.environ,
    )
    if args.sample:
        if args.answers or args.question:
            raise UsageError("--sample brings its own question and answers")
        from importlib.resources import files

        folder = files("assistant") / "samples"
        answers = [Path(str(folder / name)) for name in SAMPLE_ANSWERS]
        question_id = SAMPLE_QUESTION
    else:
        if not args.question or not args.answers:
            raise UsageError("give --question ID and at least one --answer FILE (or --sample)")
        answers, question_id = list(args.answers), args.question
    for path in answers:
        check_input_file(path)
    rubric_dirs = user_data_dirs(env, "rubrics")
    question = load_question(
        question_id, user_data_dirs(env, "questions"), rubrics=load_rubrics(rubric_dirs)
    )
    structure = structure_spec(None, question_id, env, settings.structure_method)
    rubric = structure.rubric
    planner = OfflinePlanner(question, rubric, seed=args.seed)
    interviewer = OfflineInterviewer(planner)
    if settings.llm_model:
        from assistant.app.build import build_chat_model
        from assistant.interview.llm_interviewer import LLMInterviewer

        chat = build_chat_model(settings, env.environ)
        interviewer = LLMInterviewer(chat, planner, timeout_s=settings.llm_timeout)
    interview = Interview(planner, interviewer, max_moves=max(len(answers) - 1, 0))
    voice = _Voice(args, env)
    out = Console(file=env.stdout)

    def on_move(move) -> None:
        if not args.json:
            label = "Interviewer" if move.kind == "ask" else f"Interviewer ({move.kind})"
            out.print(f"[bold cyan]{label}:[/] {move.question}")
        voice.turn(move.question)

    def on_answer(i: int, report) -> None:
        if not args.json:
            out.print(f"[bold]Candidate ({answers[i].name}):[/] {report.transcript.text}\n")

    transcriber = build_transcriber(settings)
    saver = None
    if not args.no_save:
        from assistant.saving import SessionSaver
        from assistant.sessions_cli import open_store

        saver = SessionSaver(
            open_store(settings, env),
            question_id=question.id,
            question_title=question.title,
            rubric=rubric.id,
            interviewer=interviewer.name,
        )
    elif args.realtime:
        raise UsageError("--realtime records into the session store; drop --no-save")

    def record(i: int, move, source: Path) -> Path:
        from speech.recorder import FileReplayRecorder

        recorder = FileReplayRecorder(source, realtime=args.realtime)
        return saver.record(i, move, recorder.blocks(threading.Event()))

    def on_answer_saved(i: int, report) -> None:
        if saver is not None:
            saver.answered(i, report)
        on_answer(i, report)

    report = run_practice(
        interview,
        answers,
        transcriber,
        settings,
        structure,
        on_move=on_move,
        on_answer=on_answer_saved,
        record=record if saver is not None else None,
    )
    if saver is not None:
        session_id = saver.finish(report)
        print(
            f"thinkaloud: saved as session {session_id} (thinkaloud show {session_id})",
            file=env.stderr,
        )
    voice.turn(report.interview.closing)
    for notice in report.interview.notices:  # plain lines: no wrapping, no markup
        print(f"thinkaloud: notice: {notice}", file=env.stderr)
    if args.json:
        env.stdout.write(report.to_json() + "\n")
    else:
        out.print(f"[bold cyan]Interviewer:[/] {report.interview.closing}\n")
        render(report, out)
    return 0


class _Voice:
    """Speaks and/or saves the interviewer's turns, as asked."""

    def __init__(self, args: argparse.Namespace, env: Environment) -> None:
        self.speak = args.speak
        self.out_dir = args.tts_out
        self.env = env
        self.n = 0
        self.speaker = None
        if self.speak or self.out_dir:
            from speech.tts import Pyttsx3Speaker, output_device_available

            self.speaker = Pyttsx3Speaker()
            if self.speak and not output_device_available():
                print(
                    "thinkaloud: warning: no audio output device was found, so the "
                    "interviewer cannot be heard; use --tts-out DIR to save the turns",
                    file=env.stderr,
                )
                self.speak = False

    def turn(self, text: str) -> None:
        if self.speaker is None:
            return
        self.n += 1
        if self.out_dir is not None:
            self.speaker.save(text, Path(self.out_dir) / f"turn-{self.n:02d}.wav")
        if self.speak:
            self.speaker.say(text)
