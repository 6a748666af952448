"""How long a candidate waits between stopping an answer and hearing the next question,
through the code the app runs (PracticeSession, LiveTranscription), beside the
whole-file path on the same recording.

    .venv/bin/python benchmarks/stop_to_feedback.py ANSWER.wav [--repeat 3] [--json]
        [--llm local/qwen2.5-coder-0.5b]

The answer is fed in 0.1 s blocks as a microphone would, with ``live.step()`` called as
the app's caption timer calls it, at the audio's own pace (a step that takes longer
than the timer delays the next one, as a busy worker does). Times are wall-clock on
this machine; captions are timed on the audio clock: after each step, how far the
end of the last word shown (transcribed or provisional) is behind the audio, counting
the step's own duration.

Prints one JSON object: answer_s, live_stop_to_feedback_s, whole_file_s, speedup,
interviewer_move_s, first_caption_lag_s (the median of that lag over the answer), its
90th percentile, peak_rss_mb (after the live path, before the whole-file path), and the live and
whole-file numbers side by side (WPM, long pauses, fillers per minute, word error rate
of the live transcript against the whole-file one). Medians over ``--repeat`` runs.

With ``--llm`` the interviewer is that model, as the app builds it (an in-process model
reads the answer while it is spoken, taking turns at the CPU with the transcriber), and
first_sentence_s is when the voice could start: the move's first sentence handed over
early, or the whole move.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.app.build import (  # noqa: E402
    build_chat_model,
    build_interviewer,
    build_transcriber,
    structure_spec,
)
from assistant.app.context import AppContext  # noqa: E402
from assistant.interview.session import OfflineInterviewer  # noqa: E402
from assistant.practice.session import PracticeSession  # noqa: E402
from benchmarks.live_path import feed, wer  # noqa: E402
from tests.support.llm_helpers import Recording  # noqa: E402


def numbers(report) -> dict:
    p = report.pacing
    return {
        "wpm": p.words_per_minute if p else None,
        "long_pauses": sum(1 for x in p.pauses if x.kind == "long") if p else None,
        "fillers_per_min": report.fillers.per_minute,
    }


def llm_tokens(chat, asked: int) -> dict:
    """What an in-process model read for the move (its first request, from ``asked`` on:
    a reply it got wrong is asked again): before the stop, and after it."""
    if chat is None or not chat.in_process or len(chat.requests) <= asked:
        return {}
    last = chat.requests[asked]
    return {
        "llm_prompt_tokens": last.prompt_tokens,
        "llm_read_before_stop": last.reused_tokens,
        "llm_reply_tokens": last.completion_tokens,
    }


def one_run(path: Path, ctx: AppContext, transcriber, structure, question, chat=None) -> dict:
    def session() -> PracticeSession:
        s = PracticeSession.start(
            question,
            structure,
            interviewer_for=lambda planner: (
                build_interviewer(ctx, planner, chat)
                if chat is not None
                else OfflineInterviewer(planner)
            ),
            transcriber=transcriber,
            settings=ctx.settings,
            store=None,
            max_moves=3,
        )
        s.opening()
        return s

    live_session = session()
    move_s: list[float] = []
    planner = live_session.interview.interviewer
    choose = planner.next_move

    def timed_move(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return choose(*args, **kwargs)
        finally:
            move_s.append(time.perf_counter() - t0)

    planner.next_move = timed_move
    live = live_session.live_transcription()
    lags = feed(live, path)
    first: list[float] = []
    asked = len(chat.requests) if chat is not None else 0
    t0 = time.perf_counter()
    answered = live_session.answer_live(
        live, path, lambda _: first or first.append(time.perf_counter() - t0)
    )
    stop_s = time.perf_counter() - t0
    read = llm_tokens(chat, asked)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    whole_session = session()
    t0 = time.perf_counter()
    whole = whole_session.answer_recording(path)
    whole_s = time.perf_counter() - t0
    live_words = [w.text for w in answered.report.transcript.words]
    whole_words = [w.text for w in whole.report.transcript.words]
    return {
        "answer_s": round(live.duration_s, 1),
        "live_stop_to_feedback_s": round(stop_s, 3),
        "whole_file_s": round(whole_s, 3),
        "speedup": round(whole_s / stop_s, 1),
        "interviewer_move_s": round(move_s[-1], 4) if move_s else None,
        "first_sentence_s": round(first[0] if first else stop_s, 3),
        "move": f"{answered.move.kind} on {answered.move.target} ({answered.move.source})",
        **read,
        "first_caption_lag_s": round(statistics.median(lags), 2) if lags else None,
        "caption_lag_p90_s": round(sorted(lags)[int(0.9 * (len(lags) - 1))], 2) if lags else None,
        "peak_rss_mb": round(rss_mb),
        "live": numbers(answered.report),
        "whole_file": numbers(whole.report),
        "live_vs_whole_wer": round(wer(whole_words, live_words), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--question", default="fraud-detection")
    parser.add_argument("--json", action="store_true", help="one JSON object (the default)")
    parser.add_argument("--llm", help="the interviewer's model (default: the offline one)")
    args = parser.parse_args()
    ctx = AppContext.load()
    chat = None
    if args.llm:
        ctx = AppContext(ctx.env, ctx.settings.model_copy(update={"llm_model": args.llm}))
        chat = Recording(build_chat_model(ctx.settings, ctx.env.environ))
        from assistant.interview.llm_interviewer import warm_interviewer

        warm_interviewer(chat)
    transcriber = build_transcriber(ctx.settings)
    transcriber.load()
    question = ctx.question(args.question)
    structure = structure_spec(ctx, None, question.id)
    from assistant.scoring.analyse import analyse_text

    analyse_text("Warm up the sentence model.", ctx.settings, structure=structure)
    runs = [
        one_run(args.answer, ctx, transcriber, structure, question, chat)
        for _ in range(args.repeat)
    ]
    out = dict(runs[-1])
    keys = ("live_stop_to_feedback_s", "whole_file_s", "speedup", "interviewer_move_s")
    for key in (*keys, "first_sentence_s"):
        values = [r[key] for r in runs if r[key] is not None]
        out[key] = round(statistics.median(values), 3) if values else None
    out["runs"] = len(runs)
    print(json.dumps(out, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
