"""``thinkaloud practice`` and ``thinkaloud questions``: an interview without a microphone."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from assistant.app.context import AppContext
from assistant.app.environment import Environment, UsageError


def _file_name(value: str) -> str:
    from assistant.cli import file_name  # the package imports this module as it builds

    return file_name(value)


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
        type=lambda value: Path(_file_name(value)),
        default=[],
        metavar="FILE",
        help="an answer: a recording, or a typed transcript (.txt); in order (repeat)",
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
        help="save the interviewer's turns as WAV files in DIR (turn-01.wav, ...; a later "
        "run numbers on after the files already there)",
    )
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


def run_command(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.command == "questions":
        return _questions(args, ctx)
    return _practice(args, ctx)


def _questions(args: argparse.Namespace, ctx: AppContext) -> int:
    from rich.table import Table

    from assistant.cli.render import Output
    from prompts import budget_words

    env = ctx.env
    rows = [
        {
            "id": q.id,
            "title": q.title,
            "prompt": q.asked,
            "rubric": q.rubric,
            "difficulty": q.difficulty,
            "budget_s": q.budget_s,
            "topic": q.topic,
        }
        for q in ctx.questions.values()
    ]
    if args.json:
        env.stdout.write(json.dumps(rows, indent=2) + "\n")
        return 0
    from assistant.cli.render import plain
    from assistant.report.format import counted

    out = Output(file=env.stdout)
    # in 80 columns the topic gives its room to the title, which had folded word by word
    # ("Ad / click-thr… / prediction"); the id is what --question takes: never cut
    wide = out.width >= WIDE_LIST
    table = Table(title=counted(len(rows), "question"))
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=1)  # the column that gives way
    if wide:
        table.add_column("topic")
    table.add_column("difficulty" if wide else "level")
    table.add_column("budget", no_wrap=True)
    for r in rows:  # the user's own questions among them: their text is never markup
        table.add_row(
            plain(r["id"]),
            plain(r["title"]),
            *([plain(r["topic"])] if wide else []),
            plain(r["difficulty"]),
            budget_words(r["budget_s"]),
        )
    out.print(table)
    return 0


WIDE_LIST = 100
"""From this many columns `questions` shows each question's topic too."""


def _practice(args: argparse.Namespace, ctx: AppContext) -> int:
    from rich.text import Text

    from assistant.app.build import (
        build_interviewer,
        build_transcriber,
        check_local_model,
        open_store,
        structure_spec,
    )
    from assistant.cli.render import Output, render
    from assistant.practice.samples import SAMPLE_QUESTION, sample_answers
    from assistant.practice.session import PracticeSession, planned_moves
    from assistant.report.format import change_words, move_label
    from assistant.scoring.analyse import read_transcript
    from speech.audio import AudioStream, check_input_file, narrow_band_warning
    from speech.recorder import FileReplayRecorder

    env, settings = ctx.env, ctx.settings
    if args.sample:
        if args.answers or args.question:
            raise UsageError("--sample brings its own question and answers")
        answers, question_id = sample_answers(), SAMPLE_QUESTION
    else:
        if not args.question or not args.answers:
            raise UsageError("give --question ID and at least one --answer FILE (or --sample)")
        answers, question_id = list(args.answers), args.question
    typed: dict[Path, str] = {}
    for path in answers:
        if path.suffix.lower() == ".txt":  # a typed answer, judged like one typed in the app
            # read as `score --transcript` reads one (an empty one was "exit 4: empty (0
            # bytes)", as audio, where a transcript is exit 3)
            typed[path] = read_transcript(path)
            continue
        # every recording opens before the first is heard (a bad third one was found after
        # two answers' transcription, leaving a session behind)
        check_input_file(path)
        if (narrow := narrow_band_warning(AudioStream(path))) is not None:
            print(f"thinkaloud: warning: {narrow}", file=env.stderr)
    question = ctx.question(question_id)
    check_local_model(settings)
    structure = structure_spec(ctx, None, question_id)
    if args.no_save and args.realtime:
        raise UsageError("--realtime records into the session store; drop --no-save")
    voice = _Voice(args, env)
    out = Output(file=env.stdout)
    room = 1 + planned_moves(question, settings)
    if len(answers) > room:
        names = ", ".join(p.name for p in answers[room:])
        print(
            f"thinkaloud: warning: this question's session has room for {room} answers; "
            f"not used: {names}",
            file=env.stderr,
        )
    session = PracticeSession.start(
        question,
        structure,
        interviewer_for=lambda planner: build_interviewer(ctx, planner),
        transcriber=build_transcriber(settings),
        settings=settings,
        store=None if args.no_save else open_store(ctx),
        answers_available=len(answers),
        seed=args.seed,
    )

    twist = change_words(question.rubric)

    def say(move) -> None:
        if not args.json:
            label = (
                "Interviewer"
                if move.kind == "ask"
                else f"Interviewer ({move_label(move.kind, twist)})"
            )
            out.print(Text.assemble((f"{label}: ", "bold cyan"), move.question))
        voice.turn(move.question)

    told = 0

    def tell() -> None:
        """Notices said as they come: the LLM's "asked this question instead" right under
        the question it is about, not after the whole interview."""
        nonlocal told
        notices = session.interview.notices
        if len(notices) > told:
            env.stdout.flush()  # the question first, where both go to one terminal
        for notice in notices[told:]:  # plain lines: no wrapping, no markup
            print(f"thinkaloud: notice: {notice}", file=env.stderr)
        told = len(notices)

    say(session.opening())
    used = 0
    stopped = _stop_on_terminate()
    try:
        for source in answers:
            used += 1
            if source in typed:
                answered = session.answer_text(typed[source])
            else:
                path = source
                if session.saver is not None:  # through the recording path, as a mic would
                    recorder = FileReplayRecorder(source, realtime=args.realtime)
                    path = session.record(recorder.blocks(threading.Event()))
                answered = session.answer_recording(path)
            if not args.json:
                report = answered.report
                text = report.transcript.text if report is not None else answered.said
                out.print(Text.assemble((f"Candidate ({source.name}): ", "bold"), text, "\n"))
            if answered.move is None:
                break
            say(answered.move)
            tell()
    except KeyboardInterrupt:  # what was answered is kept, as the app keeps it: say where
        _kept_on_interrupt(session, env)
        raise
    finally:
        stopped()
    if used < min(len(answers), room):  # it ended before the answers did: say which
        names = ", ".join(p.name for p in answers[used:])
        print(
            f"thinkaloud: warning: the interview ended after answer {used}; not used: {names}",
            file=env.stderr,
        )
    ended = session.end()
    report = ended.report
    if ended.session_id is not None:
        print(
            f"thinkaloud: saved as session {ended.session_id} (thinkaloud show {ended.session_id})",
            file=env.stderr,
        )
    voice.turn(report.interview.closing)
    for notice in report.interview.notices[told:]:  # plain lines: no wrapping, no markup
        print(f"thinkaloud: notice: {notice}", file=env.stderr)
    if args.json:
        env.stdout.write(report.to_json() + "\n")
    else:
        out.print(Text.assemble(("Interviewer: ", "bold cyan"), report.interview.closing, "\n"))
        render(report, out)
    return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM while a session runs: stopped as Ctrl+C stops it (exit 128 + 15)."""

    signum = 15


def _stop_on_terminate():
    """Until the returned function is called, SIGTERM stops the session as Ctrl+C does
    (it ended the process with exit 143 and no word of the session it kept)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum, frame):
        raise Terminated()

    before = signal.signal(signal.SIGTERM, stop)
    return lambda: signal.signal(signal.SIGTERM, before)


def _kept_on_interrupt(session, env: Environment) -> None:
    kept = session.stop_midway()
    if kept is not None:
        print(
            "thinkaloud: your unfinished session was kept; judge it with: "
            f"thinkaloud rescore {kept}",
            file=env.stderr,
        )


class _Voice:
    """Speaks and/or saves the interviewer's turns, as asked."""

    def __init__(self, args: argparse.Namespace, env: Environment) -> None:
        self.speak = args.speak
        self.out_dir = args.tts_out
        self.env = env
        self.n = 0
        if self.out_dir is not None:  # a second run into the same folder carries on after it
            taken = [f.stem.removeprefix("turn-") for f in Path(self.out_dir).glob("turn-*.wav")]
            self.n = max((int(t) for t in taken if t.isdigit()), default=0)
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
