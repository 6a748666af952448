"""``thinkaloud score``: one recorded (or typed) answer, judged."""

from __future__ import annotations

import argparse

from assistant.app.context import AppContext
from assistant.app.environment import EXIT_OK, UsageError

LONG_TRANSCRIPT_CHARS = 30_000
"""Past this (about 30 minutes of talk) scoring takes long enough to say so: 200 KB took
29 s on 2 busy cores, nearly all of it the sentence encoder."""


def run_score(args: argparse.Namespace, ctx: AppContext) -> int:
    from assistant.app.build import build_transcriber, structure_spec
    from assistant.cli.render import Output, render
    from assistant.practice.samples import sample_answer_path
    from assistant.scoring.analyse import analyse_text, read_transcript, score_recording

    env, settings = ctx.env, ctx.settings
    # a transcript is checked (size, encoding) before any work
    text = read_transcript(args.transcript) if args.transcript is not None else None
    structure = structure_spec(ctx, args.rubric, args.question)
    structure = structure.as_whole() if structure is not None else None
    question = args.question
    if text is not None:
        if args.budget is not None:  # time is measured on a recording; a text has none
            print(
                "thinkaloud: warning: --budget is for recordings: a typed transcript has "
                "no timings, so no time is measured against it",
                file=env.stderr,
            )
        if len(text) > LONG_TRANSCRIPT_CHARS:  # every sentence is read by the encoder
            print(
                f"thinkaloud: scoring a long transcript ({len(text) // 1000} KB, about "
                f"{len(text.split()):,} words); this can take a minute",
                file=env.stderr,
            )
        report = analyse_text(text, settings, structure=structure, question=question)
    else:
        path = sample_answer_path() if args.sample else args.file
        if path is None:
            raise UsageError("give an answer recording, --transcript FILE or --sample")
        from speech.audio import AudioStream, narrow_band_warning

        if not args.sample and (narrow := narrow_band_warning(AudioStream(path))) is not None:
            print(f"thinkaloud: warning: {narrow}", file=env.stderr)
        transcriber = build_transcriber(settings)
        err = Output(file=env.stderr, stderr=True)
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
        report = _judge(report, ctx, structure, question)
    if args.json:
        env.stdout.write(report.to_json() + "\n")
    else:
        render(report, Output(file=env.stdout), _title(ctx, question))
    return EXIT_OK


def _judge(report, ctx: AppContext, structure, question_id):
    """Replace the structure section with the LLM judge's verified grades (or keep it)."""
    from assistant.app.build import build_chat_model
    from assistant.llm.ask import as_data
    from assistant.report import FeedbackItem
    from assistant.scoring.structure.analysis import leaves_unframed, unheld
    from assistant.scoring.structure.findings import HELD, held_item, structure_summary
    from assistant.scoring.structure.llm_judge import judge_structure, quote_reader

    env, settings = ctx.env, ctx.settings
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
        question_text = ctx.question(question_id).asked
    # the words go inside <transcript> tags: no word may open or close a tag
    words = [
        w.model_copy(update={"text": as_data(w.text).replace("<", "\u2039").replace(">", "\u203a")})
        for w in report.transcript.words
    ]
    judged, notice = judge_structure(
        chat,
        structure.rubric,
        question_text,
        words,
        report.structure,
        timeout_s=ctx.llm_timeout,
        reads=quote_reader(structure.scorer),
    )
    # the structure line tells the judged score and stages, as the table does
    line = structure_summary(judged.score, structure.rubric.title, judged.stages)
    # and the line on a hold tells the judged score, or goes where the judge found the
    # framing or metric (it was replaced by a second copy of the structure line)
    rubric = structure.rubric
    still_held = leaves_unframed(rubric, {s.id for s in judged.stages if s.covered})
    feedback = []
    for f in report.feedback:
        if f.metric == "structure" and f.message.startswith(HELD):
            if still_held:
                feedback.append(held_item(rubric, judged.score, unheld(rubric, judged.score)))
        else:
            feedback.append(line if f.metric == "structure" else f)
    if notice:
        print(f"thinkaloud: notice: {notice}", file=env.stderr)
        feedback.append(FeedbackItem(metric="structure.judge", severity="info", message=notice))
    return report.model_copy(update={"structure": judged, "feedback": feedback})


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


def _title(ctx: AppContext, question_id: str | None) -> str | None:
    """The question's title, the user's own questions included (None: not known)."""
    from prompts import UnknownQuestionError

    if question_id is None:
        return None
    try:
        return ctx.question(question_id).title
    except UnknownQuestionError:
        return None
