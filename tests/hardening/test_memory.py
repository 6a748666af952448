"""Scoring in memory that does not grow with the recording (119 minutes of silence
peaked at 1.83 GB when the decoded audio was held three times over while being joined,
then twice more by the VAD; 609 MB when it was held once as float32), with the same
speech regions and words as when the whole recording is held."""

from __future__ import annotations

import difflib
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from speech.audio import SAMPLE_RATE, load_audio
from speech.vad import BLOCK_WINDOWS, WINDOW, VadConfig, detect_speech


def silent_wav(path: Path, minutes: float) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        second = b"\0\0" * SAMPLE_RATE
        for _ in range(int(minutes * 60)):
            w.writeframes(second)
    return path


@pytest.fixture(scope="module")
def long_speech() -> np.ndarray:
    """Speech, silence and noise, longer than one VAD block (so it crosses a seam)."""
    from assistant.practice.samples import sample_answers

    speech = [load_audio(p).float32() for p in sample_answers()]
    rng = np.random.default_rng(0)
    gap = np.zeros(SAMPLE_RATE * 7, dtype=np.float32)
    noise = (rng.standard_normal(SAMPLE_RATE * 5) * 0.01).astype(np.float32)
    audio = np.concatenate([speech[0], gap, speech[1], noise] * 2)
    assert audio.size > 3 * BLOCK_WINDOWS * WINDOW  # several seams between blocks
    return audio


@pytest.mark.parametrize(
    "config", [VadConfig(), VadConfig(threshold=0.7), VadConfig(min_silence_ms=600)]
)
def test_the_speech_regions_are_the_ones_faster_whisper_finds(long_speech, config):
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(
        threshold=config.threshold,
        min_speech_duration_ms=config.min_speech_ms,
        min_silence_duration_ms=config.min_silence_ms,
        speech_pad_ms=0,
    )
    theirs = get_speech_timestamps(long_speech, options, sampling_rate=SAMPLE_RATE)
    mine = detect_speech(long_speech, config)
    assert len(mine) > 10
    assert [(r.start, r.end) for r in mine] == [
        (s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in theirs
    ]


PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def peak_bytes(*argv: str) -> int:
    cmd = [sys.executable, "-m", "assistant", *argv]
    out = subprocess.run(
        [sys.executable, "-c", PEAK, *cmd], check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip())


def test_scoring_memory_does_not_grow_with_the_recording(tmp_path):
    """The file is decoded twice and never held whole (the VAD keeps 4 bytes per 32 ms):
    80 minutes of silence score in about the memory 20 minutes do.

    An hour more held as 16-bit samples would be 115 MB, as float32 230 MB. The peak
    itself varies from run to run: by up to 8 MB on an idle machine and 20 MB on a
    loaded one, so the lower of two runs is compared, with room for that spread."""
    short = silent_wav(tmp_path / "20m.wav", 20)
    long = silent_wav(tmp_path / "80m.wav", 80)
    low = min(peak_bytes("score", str(short), "--json") for _ in range(2))
    high = min(peak_bytes("score", str(long), "--json") for _ in range(2))
    assert high - low < 40_000_000, (high - low) / 1e6


@pytest.mark.model
def test_a_long_answer_is_transcribed_from_a_window_as_if_held_whole(
    tmp_path, transcriber, settings
):
    """Whisper reads the second pass through a window of a few chunks: on an answer
    longer than the window, the words are the ones the whole recording gives."""
    from assistant.practice.samples import sample_answers
    from assistant.scoring.analyse import transcribe_recording
    from speech.transcriber import transcribe_in_chunks
    from speech.vad import VadConfig, detect_speech

    pcm = np.concatenate([load_audio(p).pcm for p in sample_answers()] * 2)
    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())
    streamed = transcribe_recording(path, transcriber, settings)
    assert streamed.duration_s > 200  # over twice the window
    whole = load_audio(path)
    regions = detect_speech(whole.samples, VadConfig(threshold=settings.vad_threshold))
    assert streamed.regions == regions
    held = transcribe_in_chunks(transcriber, whole.samples, regions)
    got = [(w.text, w.start) for w in streamed.words]
    want = [(w.text, w.start) for w in held]
    # the same audio gives the same words (Whisper's sampler is seeded for every piece:
    # unseeded, a run once read "you for watching." where the other read "you.")
    assert len(want) > 300
    matcher = difflib.SequenceMatcher(a=got, b=want, autojunk=False)
    assert got == want, _differences(matcher)


def _differences(matcher: difflib.SequenceMatcher) -> str:
    return "; ".join(
        f"{op}: {matcher.a[i1:i2]} -> {matcher.b[j1:j2]}"
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    )
