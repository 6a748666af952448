"""Does the app, which transcribes an answer while it is spoken, judge its structure as
``score FILE.wav`` judges the same recording? Development answers read by espeak-ng
(made and cached as ``structure_accuracy.py --audio --split dev`` makes them), heard
both ways: whole (the file path, cached) and through the live path fed as the app feeds
it. Prints, per answer, each side's structure score and stage depths, the seams where
the live path cut the speech, and the seams that came out as a sentence end the whole
file did not hear (``false stops``) or lost a word the whole file heard (``lost``).

    .venv/bin/python benchmarks/live_structure.py               # 6 development answers
    .venv/bin/python benchmarks/live_structure.py --run-on      # ...read five sentences
                                                                #   to a paragraph
    .venv/bin/python benchmarks/live_structure.py --ids A,B --real-time

By default the caption timer fires every 0.5 s of audio whatever a step costs (a machine
that keeps up: the most seams); ``--real-time`` spaces the steps by what they cost here,
as a busy machine does (fewer, longer chunks; the result then depends on the load).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.report import AudioInfo  # noqa: E402
from assistant.scoring.analyse import Transcribed, analyse_transcribed  # noqa: E402
from assistant.scoring.live import LiveTranscription  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from benchmarks.live_path import feed, wer  # noqa: E402
from benchmarks.structure_accuracy import (  # noqa: E402
    CACHE,
    _tiny_en,
    asked_in,
    heard,
    load_answers,
    run_on,
    spec,
)
from speech.vad import VadConfig  # noqa: E402
from speech.words import Word  # noqa: E402

DEFAULT_IDS = [
    "address-correction-medium-1",
    "contract-risk-medium-1",
    "demand-forecasting-medium-3",
    "churn-prediction-medium-3",
    "coupon-targeting-weak-1",
    "chess-cheating-weak-1",
]
"""Answers of one to two minutes to five questions (8 minutes of audio; the strong
development answers run three to four minutes each: name them with ``--ids``)."""

ENDS = (".", "?", "!")


def _key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def seam_faults(live: list[Word], whole: list[Word], seams: list[float]) -> tuple[int, int]:
    """(false stops, lost words) at the live path's ``seams``: the last word kept before
    a seam ends a sentence where the whole file's word said at the same time does not;
    a word the whole file heard around the seam (within 0.6 s) that the live path has
    nowhere near it."""
    stops = lost = 0
    for t in seams:
        before = [w for w in live if w.end <= t + 0.3 and w.start < t]
        if before:
            last = before[-1]
            same = [
                w for w in whole if abs(w.end - last.end) < 0.5 and _key(w.text) == _key(last.text)
            ]
            if same and last.text.endswith(ENDS) and not same[0].text.endswith(ENDS):
                stops += 1
        near = [w for w in whole if abs((w.start + w.end) / 2 - t) < 0.6]
        for w in near:
            if not any(_key(x.text) == _key(w.text) and abs(x.start - w.start) < 1.0 for x in live):
                lost += 1
    return stops, lost


def live_heard(path: Path, real_time: bool) -> tuple[Transcribed, list[float], float]:
    """The recording at ``path`` through the app's live path: what it heard, where it cut
    the speech, and the seconds from the end of the audio to all words (the stop)."""
    transcriber = _tiny_en()
    live = LiveTranscription(transcriber, vad=VadConfig(threshold=Settings().vad_threshold))
    seams: list[float] = []
    keep = live._transcribe

    def kept(regions, end_s):
        got = keep(regions, end_s)
        seams.append(end_s)
        return got

    live._transcribe = kept  # type: ignore[method-assign]
    feed(live, path, keep_up=not real_time)
    seams = [t for t in seams if t < live.duration_s - 0.5]
    t0 = time.perf_counter()
    words = live.finish(path)
    stop_s = time.perf_counter() - t0
    t = Transcribed(
        AudioInfo(path=str(path), duration_s=live.duration_s),
        words,
        live.regions,
        live.duration_s,
        transcriber.name,
    )
    return t, seams, stop_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ids", help="comma-separated development answer ids")
    parser.add_argument("--run-on", action="store_true", help="five sentences to a paragraph")
    parser.add_argument("--real-time", action="store_true", help="steps spaced by their cost")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="both transcripts too")
    args = parser.parse_args()
    wanted = args.ids.split(",") if args.ids else DEFAULT_IDS
    answers = {a["id"]: a for a in load_answers("dev")}
    missing = [i for i in wanted if i not in answers]
    if missing:
        parser.error(f"no development answer {', '.join(missing)}")
    s = spec()
    settings = Settings()
    rows = []
    for aid in wanted:
        a = run_on(answers[aid]) if args.run_on else answers[aid]
        whole = heard(a, _tiny_en())
        path = Path(whole.audio.path)
        if not path.exists():  # cached words of a clip made elsewhere
            path = next(CACHE.glob(f"{aid}-*.wav"))
        live, seams, stop_s = live_heard(path, args.real_time)
        sa = asked_in(a, s)
        rw = analyse_transcribed(whole, settings, structure=sa, question=a["question"])
        rl = analyse_transcribed(live, settings, structure=sa, question=a["question"])
        stops, lost = seam_faults(live.words, whole.words, seams)
        row = {
            "id": aid,
            "whole": rw.structure.score,
            "live": rl.structure.score,
            "depth_whole": "".join(str(x.depth) for x in rw.structure.stages),
            "depth_live": "".join(str(x.depth) for x in rl.structure.stages),
            "seams": len(seams),
            "false_stops": stops,
            "lost": lost,
            "wer_live_vs_whole": round(
                wer([w.text for w in whole.words], [w.text for w in live.words]), 3
            ),
            "stop_s": round(stop_s, 2),
        }
        rows.append(row)
        if not args.json:
            print(
                f"{aid:36} whole {row['whole']:3} {row['depth_whole']}  live {row['live']:3} "
                f"{row['depth_live']}  seams {row['seams']:2} false stops {stops} lost {lost} "
                f"wer {row['wer_live_vs_whole']:.3f} stop {row['stop_s']:.1f}s",
                flush=True,
            )
            if args.verbose:
                print("   whole:", rw.transcript.text)
                print("   live: ", rl.transcript.text)
    diffs = [abs(r["live"] - r["whole"]) for r in rows]
    summary = {
        "answers": len(rows),
        "score_diff_mean": round(statistics.mean(diffs), 1),
        "score_diff_max": max(diffs),
        "depth_same": sum(r["depth_live"] == r["depth_whole"] for r in rows),
        "seams": sum(r["seams"] for r in rows),
        "false_stops": sum(r["false_stops"] for r in rows),
        "lost": sum(r["lost"] for r in rows),
        "wer_live_vs_whole_median": statistics.median(r["wer_live_vs_whole"] for r in rows),
    }
    if args.json:
        print(json.dumps({"answers": rows, "summary": summary}, indent=1))
    else:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
