"""Accuracy of pace, pauses and fillers against espeak-ng speech with known truth.

    .venv/bin/python benchmarks/pacing_accuracy.py

Covers more voices, rates and noise levels than the tests, and prints the
figures quoted in the README.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.scoring.analyse import score_recording  # noqa: E402
from assistant.scoring.spoken_form import count_words_in_text  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from speech.models import resolve_model  # noqa: E402
from speech.transcriber import FasterWhisperTranscriber  # noqa: E402
from tests.support.speech_scripts import FILLER_LINES, accuracy_script, filler_script  # noqa: E402
from tests.support.synth import synthesize  # noqa: E402

VOICES = ["en-us", "en-gb", "en-us+f3", "en-us+m3", "en-gb+f2"]
RATES = [130, 165, 200, 230]
NOISE = [None, -50, -40, -33]


def main() -> None:
    t = FasterWhisperTranscriber(resolve_model(None))
    s = Settings()
    wpm_err, onset_err, dur_err = [], [], []
    missed = false_long = total_long = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, voice in enumerate(VOICES):
            for j, rate in enumerate(RATES):
                noise = NOISE[(i + j) % len(NOISE)]
                truth = synthesize(
                    accuracy_script(rate, voice),
                    Path(tmp) / "a.wav",
                    noise_dbfs=noise,
                    seed=i * 10 + j,
                )
                p = score_recording(truth.path, t, s).pacing
                true_wpm = (
                    count_words_in_text(truth.text) * 60 / (truth.speech_end - truth.speech_start)
                )
                wpm_err.append(100 * (p.words_per_minute / true_wpm - 1))
                longs = [x for x in p.pauses if x.kind == "long"]
                inside = [
                    (a, b)
                    for a, b in truth.silences
                    if truth.speech_start < a < truth.speech_end and b - a >= 2
                ]
                total_long += len(inside)
                for a, b in inside:
                    m = [x for x in longs if abs(x.start - a) < 1]
                    if not m:
                        missed += 1
                        continue
                    onset_err.append(abs(m[0].start - a))
                    dur_err.append(abs(m[0].duration - (b - a)))
                false_long += sum(
                    1 for x in longs if not any(abs(x.start - a) < 1 for a, _ in inside)
                )
                print(
                    f"{voice:9} {rate:3} noise {noise}: wpm error {wpm_err[-1]:+.1f}%", flush=True
                )
        tp = fp = fn = 0
        for voice, rate in [("en-us", 150), ("en-gb", 180), ("en-us+f3", 200), ("en-us+m3", 140)]:
            truth = synthesize(filler_script(rate, voice), Path(tmp) / "f.wav", noise_dbfs=-45)
            items = score_recording(truth.path, t, s).fillers.items
            for spoken, (_, expected) in zip(truth.spoken, FILLER_LINES, strict=True):
                got = sum(1 for f in items if spoken.start - 0.3 <= f.start < spoken.end + 0.3)
                tp, fp, fn = (
                    tp + min(got, expected),
                    fp + max(got - expected, 0),
                    fn + max(expected - got, 0),
                )
    abs_wpm = [abs(e) for e in wpm_err]
    print()
    print(
        f"| speech rate error | median {statistics.median(abs_wpm):.1f}%, "
        f"max {max(abs_wpm):.1f}% over {len(wpm_err)} recordings |"
    )
    print(f"| long pauses found | {total_long - missed}/{total_long}, {false_long} false |")
    print(
        f"| long pause onset error | median {statistics.median(onset_err):.2f} s, "
        f"max {max(onset_err):.2f} s |"
    )
    print(
        f"| long pause length error | median {statistics.median(dur_err):.2f} s, "
        f"max {max(dur_err):.2f} s |"
    )
    print(f"| fillers | recall {tp / (tp + fn):.2f}, precision {tp / max(tp + fp, 1):.2f} |")


if __name__ == "__main__":
    main()
