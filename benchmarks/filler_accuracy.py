"""Fillers, speech rate and filled-pause onsets against known truth, three ways.

    .venv/bin/python benchmarks/filler_accuracy.py [--split dev|twin|test|clean] [--quick]
        [--synth espeak-ng|flite] [--voices V,V]

Synthetic speech: espeak-ng reads filler-laden lines (each "um"/"uh"/"hmm" said on its
own, so its time is known); dev uses the lines the tests use, test the benchmark's
held-out lines with look-alikes ("it is like glue", "so" opening a sentence), twin the
test lines' patterns in other words (to tune on without reading the test lines).
``--split clean`` counts the fillers reported on speech with none in it: sentences with
no filler from the development design answers (``tests/eval/dev``), read by
:data:`CLEAN_READINGS` (voices, 130-230 wpm, half with silences of 0.3-1.5 s between
sentences); every filler reported there is one never said.
``--synth flite`` has CMU Flite's voices read them instead (apt-get install flite): a
second synthesizer, whose hesitations are shaped unlike espeak-ng's, so a change tuned
to one is seen on the other. Real voices: see ``benchmarks/real_voices.py`` (rows
printed by that script).

Each recording is scored three ways, so the two ways of finding filled pauses the
model did not write can be compared:

- ``transcript``: fillers as tiny.en (with its filler prompt) wrote them, nothing else;
- ``acoustic``: plus held voiced sounds no word accounts for (speech.filled_pauses,
  what thinkaloud ships);
- ``re-decode``: plus held voiced sounds of any shape and every stretch of voice no word
  covers, each decoded again alone with a filler-only prompt, kept when the model then
  writes a filler there;
- ``acoustic+confirm`` (what thinkaloud ships): acoustic, but a held sound inside a
  word's time is kept only if decoding it again with the filler-only prompt says so.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from assistant.report import AudioInfo  # noqa: E402
from assistant.scoring.analyse import analyse  # noqa: E402
from assistant.scoring.fillers import filled_pause, find_fillers, plain_token  # noqa: E402
from assistant.scoring.spoken_form import count_words_in_text  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from speech.audio import SAMPLE_RATE, load_audio  # noqa: E402
from speech.filled_pauses import HEARD_TEXT  # noqa: E402
from speech.held_sounds import steady_voiced_stretches  # noqa: E402
from speech.models import resolve_model  # noqa: E402
from speech.transcriber import (  # noqa: E402
    FILLER_ONLY_PROMPT,
    FasterWhisperTranscriber,
    transcribe_in_chunks,
)
from speech.vad import detect_speech  # noqa: E402
from speech.words import Word  # noqa: E402
from tests.support.speech_scripts import (  # noqa: E402
    FILLER_LINES,
    FILLER_LINES_HELD_OUT,
    FILLER_LINES_TWIN,
    filler_script_timed,
    is_filled_pause_piece,
)
from tests.support.synth import Say, Silence, synthesize  # noqa: E402

METHODS = ("transcript", "acoustic", "re-decode", "acoustic+confirm")
VOICES = ["en-us", "en-gb", "en-us+f3", "en-us+m3", "en-gb+f2"]
FLITE_VOICES = ["flite:slt", "flite:awb", "flite:rms"]
"""CMU Flite's voices (``--synth flite``, apt-get install flite): a second synthesizer,
whose "uh" and "um" are shaped unlike espeak-ng's."""
RATES = [140, 175, 210]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    onset_err: list[float] = field(default_factory=list)
    fp_found: int = 0
    fp_truth: int = 0
    wpm_err: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def row(self, name: str) -> str:
        recall = self.tp / max(self.tp + self.fn, 1)
        precision = self.tp / max(self.tp + self.fp, 1)
        onset = statistics.median(self.onset_err) if self.onset_err else float("nan")
        wpm = statistics.mean(abs(e) for e in self.wpm_err) if self.wpm_err else float("nan")
        return (
            f"| {name} | recall {recall:.2f} | precision {precision:.2f} | filled pauses "
            f"timed {self.fp_found}/{self.fp_truth}, onset error median {onset:.2f} s | "
            f"WPM error mean {wpm:.1f} % | {self.seconds:.0f} s |"
        )


def redecode_fillers(
    t: FasterWhisperTranscriber, samples: np.ndarray, regions, words: list[Word]
) -> list[Word]:
    """Candidates (held voiced sounds, and voice no word covers) decoded again alone with
    a filler-only prompt; kept where the model writes a filler."""
    spans = [(r.start, r.end) for r in regions]
    candidates = [(s.start, s.end) for s in steady_voiced_stretches(samples, spans)]
    for lo, hi in spans:  # voice no word covers, 0.15-0.9 s
        cursor = lo
        for w in sorted(words, key=lambda w: w.start):
            if w.end <= cursor or w.start >= hi:
                continue
            if 0.15 <= w.start - cursor <= 0.9:
                candidates.append((cursor, w.start))
            cursor = max(cursor, w.end)
        if 0.15 <= hi - cursor <= 0.9:
            candidates.append((cursor, hi))
    model_fillers = [w for w in words if filled_pause(w.text)]
    added: list[Word] = []
    for lo, hi in sorted(candidates):
        if any(f.start - 0.25 < hi and f.end + 0.25 > lo for f in model_fillers + added):
            continue
        a, b = max(lo - 0.25, 0.0), hi + 0.25
        clip = samples[int(a * SAMPLE_RATE) : int(b * SAMPLE_RATE)]
        segments = t._decode(clip, FILLER_ONLY_PROMPT)
        names = [filled_pause(w.word.strip()) for s in segments for w in s.words or ()]
        name = next((n for n in names if n), None)
        if name:
            label = {"hmm": "hm", "mm": "hm", "er": None, "ah": None}.get(name, name)
            added.append(Word(HEARD_TEXT[label], lo, hi, 1.0))
    return sorted(words + added, key=lambda w: w.start)


def score(t, path: Path, method: str, settings: Settings):
    samples = load_audio(path).samples
    regions = detect_speech(samples)
    words = transcribe_in_chunks(
        t,
        samples,
        regions,
        find_filled_pauses=method.startswith("acoustic"),
        confirm_filled_pauses=method == "acoustic+confirm",
    )
    if method == "re-decode":
        words = redecode_fillers(t, samples, regions, words)
    info = AudioInfo(path=str(path), duration_s=len(samples) / SAMPLE_RATE, truncated=False)
    return analyse(words, regions, len(samples) / SAMPLE_RATE, settings, audio=info)


def synthetic(
    split: str,
    quick: bool,
    methods=METHODS,
    all_voices: list[str] = VOICES,
    model: str | None = None,
) -> dict[str, Tally]:
    t = FasterWhisperTranscriber(resolve_model(model))
    settings = Settings()
    lines = {"dev": FILLER_LINES, "twin": FILLER_LINES_TWIN}.get(split, FILLER_LINES_HELD_OUT)
    tallies = {m: Tally() for m in methods}
    voices, rates = (all_voices[:2], RATES[1:2]) if quick else (all_voices, RATES)
    with tempfile.TemporaryDirectory() as tmp:
        for i, voice in enumerate(voices):
            for rate in rates:
                truth = synthesize(
                    filler_script_timed(rate, voice, lines),
                    Path(tmp) / "f.wav",
                    noise_dbfs=[-50, -45, -40][i % 3],
                    seed=i,
                )
                sentences = _sentences(truth, lines)
                pauses = [s for s in truth.spoken if is_filled_pause_piece(s.text)]
                true_wpm = (
                    count_words_in_text(truth.text) * 60 / (truth.speech_end - truth.speech_start)
                )
                for m in methods:
                    started = time.perf_counter()
                    report = score(t, truth.path, m, settings)
                    tally = tallies[m]
                    tally.seconds += time.perf_counter() - started
                    items = report.fillers.items
                    for (lo, hi), expected in sentences:
                        got = sum(1 for f in items if lo - 0.3 <= f.start < hi + 0.3)
                        tally.tp += min(got, expected)
                        tally.fp += max(got - expected, 0)
                        tally.fn += max(expected - got, 0)
                    tally.fp_truth += len(pauses)
                    for p in pauses:
                        near = [
                            f.start
                            for f in items
                            if f.text in ("um", "uh", "hmm", "filled pause", "er", "ah", "mm")
                            and abs(f.start - p.start) <= 0.5
                        ]
                        if near:
                            tally.fp_found += 1
                            tally.onset_err.append(min(abs(x - p.start) for x in near))
                    tally.wpm_err.append(100 * (report.pacing.words_per_minute / true_wpm - 1))
                print(f"  {voice}@{rate}: " + "  ".join(_brief(tallies[m], m) for m in methods))
    return tallies


DEV_ANSWERS = Path(__file__).resolve().parents[1] / "tests" / "eval" / "dev"
CLEAN_READINGS: list[tuple[str, int, float | None]] = [
    ("en-us", 165, None),
    ("en-us", 130, 0.8),
    ("en-gb", 165, None),
    ("en-gb", 200, 0.4),
    ("en-us+f3", 150, 1.2),
    ("en-us+f3", 210, None),
    ("en-us+m3", 140, None),
    ("en-us+m3", 185, 0.6),
    ("en-sc", 170, 1.5),
    ("en-gb+f2", 230, None),
    ("en-us", 200, 0.3),
    ("en-gb", 140, 1.0),
]
"""The filler-free recordings: (voice, espeak-ng rate, silence between sentences or None
for the sentences read as one paragraph), one dev answer each."""
CLEAN_WORDS = 120
"""About how many words of an answer each filler-free recording reads."""
LOOK_ALIKES = frozenset(
    "like so right basically actually literally know mean kind sort kinda sorta".split()
)
"""Words that are fillers in some places: sentences with them are left out of the
filler-free recordings, so a word said is never counted against the product."""


def clean_texts(count: int = len(CLEAN_READINGS)) -> list[tuple[str, list[str]]]:
    """(answer id, sentences) from ``count`` development answers spread over the set:
    sentences in which the scorer finds no filler and no look-alike
    (:data:`LOOK_ALIKES`), about :data:`CLEAN_WORDS` each, from answers that have that
    many."""
    enough = []
    for path in sorted(DEV_ANSWERS.glob("*.toml")):
        answer = tomllib.loads(path.read_text())
        said = [s["text"] for s in answer["sentences"]] if "sentences" in answer else []
        said = said or [p for p in answer["text"].split("\n") if p.strip()]
        kept: list[str] = []
        for text in said:
            tokens = text.split()
            plain = {plain_token(t) for t in tokens}
            if find_fillers(tokens) or any(filled_pause(t) for t in tokens) or plain & LOOK_ALIKES:
                continue
            kept.append(text)
            if sum(len(k.split()) for k in kept) >= CLEAN_WORDS:
                enough.append((answer["id"], kept))
                break
    return enough[:: max(len(enough) // count, 1)][:count]


def clean_recording(i: int, reading, sentences: list[str], out: Path):
    """The ``i``-th filler-free recording: ``sentences`` read as ``reading`` says, with
    room noise as on the filler lines."""
    voice, rate, pause = reading
    if pause is None:
        script: list[Say | Silence] = [Silence(0.6), Say(" ".join(sentences), rate, voice)]
    else:
        script = [Silence(0.6)]
        for text in sentences:
            script += [Say(text, rate, voice), Silence(pause)]
    script.append(Silence(0.6))
    return synthesize(script, out, noise_dbfs=[-50, -45, -40][i % 3], seed=i)


def clean(model: str | None = None, readings=CLEAN_READINGS) -> None:
    """Fillers reported on speech with none in it (``--split clean``), per recording."""
    t = FasterWhisperTranscriber(resolve_model(model))
    settings = Settings()
    total, heard, minutes = 0, 0, 0.0
    print("| recording | answer | s | fillers reported (all never said) |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for i, ((voice, rate, pause), (name, sentences)) in enumerate(
            zip(readings, clean_texts(len(readings)), strict=True)
        ):
            truth = clean_recording(i, (voice, rate, pause), sentences, Path(tmp) / "c.wav")
            report = score(t, truth.path, "acoustic+confirm", settings)
            items = report.fillers.items
            total += len(items)
            heard += sum(1 for f in items if f.heard_in_audio)
            minutes += truth.duration / 60
            found = ", ".join(
                f"{f.text}{'*' if f.heard_in_audio else ''} {f.start:.2f}" for f in items
            )
            where = f"{voice}@{rate}" + (f" +{pause}s" if pause is not None else "")
            print(
                f"| {where} | {name} | {truth.duration:.0f} | {len(items)}: {found} |", flush=True
            )
    print(
        f"\nfiller-free speech (espeak-ng, {len(readings)} recordings, {minutes:.1f} min): "
        f"{total} fillers never said ({heard} heard in the audio, marked *), "
        f"{total / max(minutes, 1e-9):.2f} a minute"
    )


def _sentences(truth, lines) -> list[tuple[tuple[float, float], int]]:
    """(start, end) of each scripted line with its filler count, from its pieces."""
    out = []
    pieces = iter(truth.spoken)
    for text, expected in lines:
        said, first, last = "", None, None
        while len(said.split()) < len(text.split()):
            piece = next(pieces)
            said = f"{said} {piece.text}".strip()
            first = piece.start if first is None else first
            last = piece.end
        out.append(((first, last), expected))
    return out


def _brief(t: Tally, m: str) -> str:
    return f"{m} {t.tp}/{t.tp + t.fn} +{t.fp}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", metavar="NAME|PATH", help="speech model (default: tiny.en)")
    parser.add_argument(
        "--split",
        choices=["dev", "twin", "test", "clean"],
        default="test",
        help="twin: the test lines' patterns in other words, to tune on; clean: fillers "
        "reported on development answers read with none",
    )
    parser.add_argument("--quick", action="store_true", help="two voices, one rate")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--synth", choices=["espeak-ng", "flite"], default="espeak-ng")
    parser.add_argument("--voices", help="comma-separated voices instead of the synth's all")
    args = parser.parse_args()
    if args.split == "clean":
        clean(args.model)
        return
    methods = tuple(args.methods.split(","))
    voices = FLITE_VOICES if args.synth == "flite" else VOICES
    if args.voices:
        voices = args.voices.split(",")
    tallies = synthetic(args.split, args.quick, methods, voices, args.model)
    print(f"\nsynthetic speech ({args.synth}, {args.split} lines, {', '.join(voices)})")
    for m in methods:
        print(tallies[m].row(m))


if __name__ == "__main__":
    main()
