"""How fast `thinkaloud score` turns a spoken answer into a report, and its peak memory.

    .venv/bin/python benchmarks/transcription_speed.py [--minutes 2] [--repeat 3]

Builds an answer of the given length from espeak-ng speech (with pauses and
room noise), then times decoding, VAD, transcription and analysis with the
bundled tiny.en model. Prints a Markdown row for the README.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.scoring.analyse import score_recording  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from speech.models import resolve_model  # noqa: E402
from speech.transcriber import FasterWhisperTranscriber  # noqa: E402
from tests.support.speech_scripts import accuracy_script, fluent_script  # noqa: E402
from tests.support.synth import synthesize  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", metavar="NAME|PATH", help="speech model (default: tiny.en)")
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    script = []
    while True:
        script += accuracy_script(165, "en-us") + fluent_script(175, "en-gb")
        with tempfile.TemporaryDirectory() as tmp:
            probe = synthesize(script, Path(tmp) / "probe.wav")
        if probe.duration >= args.minutes * 60:
            break
    with tempfile.TemporaryDirectory() as tmp:
        answer = synthesize(script, Path(tmp) / "answer.wav", noise_dbfs=-50)
        transcriber = FasterWhisperTranscriber(resolve_model(args.model))
        t0 = time.perf_counter()
        transcriber.load()
        load_s = time.perf_counter() - t0
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = score_recording(answer.path, transcriber, Settings())
            times.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"audio {answer.duration:.0f} s, {report.pacing.words} words, cores {os.cpu_count()}")
    print(f"model load {load_s:.2f} s; score runs: {', '.join(f'{t:.2f}' for t in times)} s")
    print(
        f"| {answer.duration:.0f} s answer | {median:.1f} s | RTF {median / answer.duration:.3f} "
        f"| peak RSS {peak_mb:.0f} MB |"
    )


if __name__ == "__main__":
    main()
