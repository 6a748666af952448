"""Long silence in bounded memory (119 minutes of it peaked at 1.83 GB: the decoded audio
held three times over while being joined, then twice more by the VAD), the same speech
regions as before, and a recording this machine cannot hold refused before decoding."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from speech.audio import BYTES_PER_SECOND, SAMPLE_RATE, load_audio
from speech.vad import BLOCK_WINDOWS, WINDOW, VadConfig, detect_speech
from tests.support.cli import run
from tests.support.hardening import refused


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


def test_long_silence_is_held_once_as_16_bit(tmp_path):
    """Each extra half hour costs its 16-bit samples (58 MB) and little more: what the
    VAD and the model need is the same for 30 minutes as for 60."""
    half = peak_bytes("score", str(silent_wav(tmp_path / "30m.wav", 30)), "--json")
    hour = peak_bytes("score", str(silent_wav(tmp_path / "60m.wav", 60)), "--json")
    held = 30 * 60 * BYTES_PER_SECOND
    # before: float32 samples (twice this), held three times over while decoding
    assert hour - half < 1.3 * held, (hour - half) / held


def test_a_recording_this_machine_cannot_hold_is_refused_before_decoding(tmp_path, monkeypatch):
    import speech.audio

    wav = silent_wav(tmp_path / "long.wav", 2)  # needs about 5 MB
    # memory is the machine's: 2 MB free is faked, the rest is the real command
    monkeypatch.setattr(speech.audio, "available_memory", lambda: 2_000_000)
    code, out, err = run("score", str(wav))
    refused(code, err, 5, "needs about", "GB is free")
    assert out == ""
