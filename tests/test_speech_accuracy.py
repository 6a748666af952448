"""The real bundled Whisper model on espeak-ng speech whose truth is known exactly.

Each test here guards a failure mode measured while building thinkaloud:
pace off by miscounting, pauses taken from word gaps (late onsets, missed
pauses), fillers cleaned away by Whisper, the filler prompt dropping whole
30 s windows of fluent speech, and speech between long silences skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.fillers import normalise
from assistant.scoring import score_recording
from assistant.spoken_form import count_words_in_text, spoken_words
from speech.synth import synthesize
from tests.speech_scripts import (
    FILLER_LINES,
    accuracy_script,
    filler_script,
    fluent_script,
    sparse_script,
)

pytestmark = pytest.mark.model
DATA = Path(__file__).parent / "data"

CASES = [  # voice, espeak rate, room noise (dBFS) under everything
    ("en-us", 140, None),
    ("en-gb", 185, -45),
    ("en-us+f3", 165, -38),
    ("en-us", 215, -50),
]


@pytest.mark.parametrize(("voice", "rate", "noise"), CASES)
def test_pace_and_pauses_match_the_truth(voice, rate, noise, synth_dir, transcriber, settings):
    truth = synthesize(
        accuracy_script(rate, voice), synth_dir / f"acc-{voice}-{rate}.wav", noise_dbfs=noise
    )
    report = score_recording(truth.path, transcriber, settings)
    pacing = report.pacing
    assert pacing is not None

    true_wpm = count_words_in_text(truth.text) * 60 / (truth.speech_end - truth.speech_start)
    assert pacing.words_per_minute == pytest.approx(true_wpm, rel=0.05)
    assert pacing.time_to_first_word_s == pytest.approx(truth.speech_start, abs=0.3)

    inside = [(a, b) for a, b in truth.silences if truth.speech_start < a < truth.speech_end]
    true_long = [(a, b) for a, b in inside if b - a >= settings.long_pause_s]
    found_long = [p for p in pacing.pauses if p.kind == "long"]
    for a, b in true_long:
        match = [p for p in found_long if abs(p.start - a) <= 0.3]
        assert match, f"silence of {b - a:.1f}s at {a:.2f}s not reported as long"
        assert match[0].duration == pytest.approx(b - a, abs=0.3)
    for p in found_long:  # no false long pause
        assert any(abs(p.start - a) <= 0.3 for a, _ in true_long), f"false long pause {p}"

    thinking = [(a, b) for a, b in inside if 1.2 <= b - a <= 1.8]
    for a, _ in thinking:
        assert any(p.kind == "thinking" and abs(p.start - a) <= 0.3 for p in pacing.pauses)


def _filler_scores(report, truth) -> tuple[int, int, int]:
    """True positives, false positives, false negatives, matched sentence by sentence."""
    tp = fp = fn = 0
    items = report.fillers.items
    for spoken, (_, expected) in zip(truth.spoken, FILLER_LINES, strict=True):
        got = sum(1 for f in items if spoken.start - 0.3 <= f.start < spoken.end + 0.3)
        tp += min(got, expected)
        fp += max(got - expected, 0)
        fn += max(expected - got, 0)
    return tp, fp, fn


@pytest.mark.parametrize(("voice", "rate"), [("en-us", 170), ("en-gb", 145), ("en-us+m3", 205)])
def test_fillers_are_kept_and_found(voice, rate, synth_dir, transcriber, settings):
    truth = synthesize(filler_script(rate, voice), synth_dir / f"fill-{voice}.wav", noise_dbfs=-48)
    report = score_recording(truth.path, transcriber, settings)
    tp, fp, fn = _filler_scores(report, truth)
    recall, precision = tp / (tp + fn), tp / max(tp + fp, 1)
    print(f"fillers {voice}@{rate}: recall {recall:.2f} precision {precision:.2f}")
    assert recall >= 0.75, report.transcript.text
    assert precision >= 0.9, report.transcript.text


def _recall_of_words(reference: str, hypothesis: list[str]) -> float:
    ref = [w for t in reference.split() for w in spoken_words(t)]
    hyp = {w for t in hypothesis for w in spoken_words(t)}
    return sum(1 for w in ref if w in hyp) / len(ref)


def test_fluent_speech_is_not_dropped_by_the_filler_prompt(synth_dir, transcriber, settings):
    truth = synthesize(fluent_script(175, "en-us"), synth_dir / "fluent.wav", noise_dbfs=-50)
    assert truth.duration > 55  # at least two 30 s decoding windows
    report = score_recording(truth.path, transcriber, settings)
    words = report.transcript.words
    for spoken in truth.spoken:  # every sentence is there, not just most of the text
        heard = [normalise(w.text) for w in words if spoken.start - 0.5 <= w.start < spoken.end]
        assert _recall_of_words(spoken.text, heard) >= 0.6, (spoken.text, heard)
    assert _recall_of_words(truth.text, [w.text for w in words]) >= 0.85


def test_speech_between_long_silences_is_transcribed(synth_dir, transcriber, settings):
    truth = synthesize(sparse_script(160, "en-us"), synth_dir / "sparse.wav", noise_dbfs=-50)
    report = score_recording(truth.path, transcriber, settings)
    words = report.transcript.words
    for spoken in truth.spoken:
        heard = [w.text for w in words if spoken.start - 0.5 <= w.start < spoken.end + 0.5]
        assert _recall_of_words(spoken.text, heard) >= 0.7, (spoken.text, heard)
    assert sum(1 for p in report.pacing.pauses if p.kind == "long") == len(truth.spoken) - 1


def test_repeated_text_piled_on_one_instant_is_decoded_again(transcriber, settings):
    """A held-out recording on which the prompted model once skipped 20 s, then echoed
    its prompt and earlier text with every word stamped at the same instant."""
    report = score_recording(DATA / "repeat-trap.flac", transcriber, settings)
    words = report.transcript.words
    stamps = [w.start for w in words if w.end - w.start <= 0.02]
    assert max((stamps.count(t) for t in stamps), default=0) <= 2
    text = report.transcript.text.lower()
    assert text.count("snap shot") <= 1 and "let me think, hmm" not in text
    assert "ranking task" in text and "more labels" in text
