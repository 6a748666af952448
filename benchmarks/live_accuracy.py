"""Does transcribing while the answer is spoken (short chunks cut at pauses) lose anything
against transcribing the whole file afterwards? Both paths on the same espeak-ng clips
with known words: word error rate against the script, words per minute, long pauses and
fillers per minute.

    .venv/bin/python benchmarks/live_accuracy.py [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.app.build import build_transcriber  # noqa: E402
from assistant.app.context import AppContext  # noqa: E402
from assistant.report import AudioInfo  # noqa: E402
from assistant.scoring.analyse import (  # noqa: E402
    Transcribed,  # noqa: E402
    analyse_transcribed,
    transcribe_recording,
)
from assistant.scoring.live import MIN_PENDING_S, LiveTranscription  # noqa: E402
from benchmarks.live_path import feed, wer  # noqa: E402
from tests.support.speech_scripts import (  # noqa: E402
    accuracy_script,
    filler_script,
    fluent_script,
    sparse_script,
)
from tests.support.synth import Say, synthesize  # noqa: E402

CLIPS = [
    ("accuracy", accuracy_script, 140, "en-us"),
    ("accuracy", accuracy_script, 180, "en-gb"),
    ("accuracy", accuracy_script, 215, "en-us"),
    ("fillers", filler_script, 160, "en-us"),
    ("fluent", fluent_script, 170, "en-gb"),
    ("sparse", sparse_script, 150, "en-us"),
]


def measure(report) -> dict:
    p = report.pacing
    return {
        "wpm": p.words_per_minute if p else None,
        "long_pauses": sum(1 for x in p.pauses if x.kind == "long") if p else 0,
        "fillers": report.fillers.count,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-pending", type=float, default=MIN_PENDING_S)
    args = parser.parse_args()
    ctx = AppContext.load()
    settings = ctx.settings
    transcriber = build_transcriber(settings)
    transcriber.load()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, wpm, voice in CLIPS:
            script = make(wpm, voice)
            clip = synthesize(script, Path(tmp) / f"{name}-{wpm}-{voice}.wav")
            truth = " ".join(s.text for s in script if isinstance(s, Say)).split()
            whole = transcribe_recording(clip.path, transcriber, settings)
            live = LiveTranscription(transcriber, min_pending_s=args.min_pending)
            feed(live, clip.path)
            words = live.finish()
            live_t = Transcribed(
                AudioInfo(path=str(clip.path), duration_s=live.duration_s),
                words,
                live.regions,
                live.duration_s,
                transcriber.name,
            )
            w_report = analyse_transcribed(whole, settings)
            l_report = analyse_transcribed(live_t, settings)
            rows.append(
                {
                    "clip": f"{name} {wpm} wpm {voice}",
                    "wer_whole": round(wer(truth, [w.text for w in whole.words]), 3),
                    "wer_live": round(wer(truth, [w.text for w in words]), 3),
                    "whole": measure(w_report),
                    "live": measure(l_report),
                }
            )
    summary = {
        "wer_whole_median": statistics.median(r["wer_whole"] for r in rows),
        "wer_live_median": statistics.median(r["wer_live"] for r in rows),
        "wpm_diff_max_pct": max(
            abs(r["live"]["wpm"] - r["whole"]["wpm"]) / r["whole"]["wpm"] * 100 for r in rows
        ),
        "long_pauses_same": all(
            r["live"]["long_pauses"] == r["whole"]["long_pauses"] for r in rows
        ),
        "fillers_diff_max": max(abs(r["live"]["fillers"] - r["whole"]["fillers"]) for r in rows),
    }
    print(json.dumps({"clips": rows, "summary": summary}, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
