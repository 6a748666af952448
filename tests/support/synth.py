"""Speech with known words, rates and pauses, made with espeak-ng (or CMU Flite, for
benchmarks that check a second synthesizer's voices).

Tests, benchmarks and the shipped sample answers use this to build
recordings whose truth is known exactly: where each sentence starts and ends,
how long each inserted silence lasts, how many words were said. espeak-ng
writes digital silence around each utterance, which is trimmed so that the
silences placed between utterances are the only gaps (apart from espeak's own
short comma pauses, well under a second).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.scoring.fillers import filled_pause
from speech.errors import SpeechError

ESPEAK_RATE = 22_050


@dataclass(frozen=True)
class Say:
    text: str
    wpm: int = 165
    """espeak-ng's -s speed (its notion of words per minute)."""
    voice: str = "en-us"


@dataclass(frozen=True)
class Silence:
    seconds: float


@dataclass(frozen=True)
class Spoken:
    text: str
    start: float
    end: float


@dataclass
class Synthesized:
    path: Path
    duration: float
    spoken: list[Spoken] = field(default_factory=list)
    silences: list[tuple[float, float]] = field(default_factory=list)
    """Every inserted silence as (start, end), in seconds."""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.spoken)

    @property
    def speech_start(self) -> float:
        return self.spoken[0].start

    @property
    def speech_end(self) -> float:
        return self.spoken[-1].end


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def _espeak(text: str, wpm: int, voice: str, workdir: Path) -> np.ndarray:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise SpeechError("espeak-ng is not installed (apt-get install espeak-ng)")
    out = workdir / "utterance.wav"
    subprocess.run(
        [exe, "-v", voice, "-s", str(wpm), "-w", str(out), "--", text],
        check=True,
        capture_output=True,
    )
    return _utterance(out, "espeak-ng")


def _utterance(path: Path, made_by: str) -> np.ndarray:
    """A synthesizer's 16-bit mono WAV at :data:`ESPEAK_RATE`, as float samples."""
    with wave.open(str(path), "rb") as w:
        if w.getframerate() != ESPEAK_RATE or w.getnchannels() != 1:
            raise SpeechError(f"unexpected {made_by} output format: {w.getparams()}")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768.0


FLITE = "flite:"
"""A voice named ``flite:NAME`` (slt, awb, rms) is read by CMU Flite instead:
another synthesizer's voices, so a benchmark is not tuned to espeak-ng's alone."""
FLITE_WPM = 175
"""About Flite's own pace; ``wpm`` stretches its durations from there."""


def _flite(text: str, wpm: int, voice: str, workdir: Path) -> np.ndarray:
    exe, sox = shutil.which("flite"), shutil.which("sox")
    if exe is None or sox is None:
        raise SpeechError("flite and sox are needed for flite: voices (apt-get install flite sox)")
    raw, out = workdir / "flite.wav", workdir / "utterance.wav"
    stretch = FLITE_WPM / wpm
    said = ["-t", text]
    hesitation = filled_pause(text)
    if hesitation in ("hmm", "mm"):
        said, stretch = ["-p", "m"], 3 * stretch  # Flite spells "hmm" out as letters
    elif hesitation:
        # Flite says a lone "uh" as a clipped 0.13-0.23 s "ah"; a person hesitating holds
        # it, 0.2-0.6 s: twice Flite's length lands there (0.26-0.46 s, "um" 0.44-0.79 s)
        stretch *= 2
    name = voice.removeprefix(FLITE)
    subprocess.run(
        [exe, "-voice", name, "--setf", f"duration_stretch={stretch:.3f}", *said, "-o", str(raw)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sox, str(raw), "-r", str(ESPEAK_RATE), "-c", "1", "-b", "16", str(out)],
        check=True,
        capture_output=True,
    )
    return _utterance(out, "flite")


def _voice(text: str, wpm: int, voice: str, workdir: Path) -> np.ndarray:
    render = _flite if voice.startswith(FLITE) else _espeak
    return render(text, wpm, voice, workdir)


def _trim(samples: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > floor)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


def synthesize(
    script: Sequence[Say | Silence],
    out: Path,
    *,
    noise_dbfs: float | None = None,
    seed: int = 0,
) -> Synthesized:
    """Render ``script`` to a 22.05 kHz mono WAV at ``out``.

    ``noise_dbfs`` adds steady broadband noise at that RMS level (e.g. -45) under
    the whole recording, speech and silences alike, as in a real room.
    """
    pieces: list[np.ndarray] = []
    result = Synthesized(path=out, duration=0.0)
    cursor = 0
    with tempfile.TemporaryDirectory(prefix="thinkaloud-synth-") as tmp:
        for item in script:
            if isinstance(item, Silence):
                n = int(round(item.seconds * ESPEAK_RATE))
                pieces.append(np.zeros(n, dtype=np.float32))
                result.silences.append((cursor / ESPEAK_RATE, (cursor + n) / ESPEAK_RATE))
                cursor += n
            else:
                audio = _trim(_voice(item.text, item.wpm, item.voice, Path(tmp)))
                pieces.append(audio)
                result.spoken.append(
                    Spoken(item.text, cursor / ESPEAK_RATE, (cursor + audio.size) / ESPEAK_RATE)
                )
                cursor += audio.size
    samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
    if noise_dbfs is not None:
        rng = np.random.default_rng(seed)
        noise = _pinkish(rng, samples.size)
        samples = samples + noise * (10 ** (noise_dbfs / 20) / (np.sqrt(np.mean(noise**2)) or 1))
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(ESPEAK_RATE)
        w.writeframes(pcm.tobytes())
    result.duration = samples.size / ESPEAK_RATE
    return result


def _pinkish(rng: np.random.Generator, n: int) -> np.ndarray:
    """Noise with more energy at low frequencies, like a room or a fan (1/f via FFT)."""
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n)
    freqs[0] = freqs[1] if n > 1 else 1.0
    return np.fft.irfft(spectrum / np.sqrt(freqs), n).astype(np.float32)
