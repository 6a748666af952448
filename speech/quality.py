"""How well a recording lets the speech be heard: the speech's level, the room's, and
clipping, measured from the windows the VAD already scored (no second pass).

A candidate practising on a laptop does not see a level meter after the fact: a mic
set too low, a fan or a café behind the voice, or an input turned up until it clips all
cost words and fillers in the transcript, and the report should say why its numbers
may be off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from speech.vad import StreamingVad

SPEECH_PROBABILITY = 0.5
"""A window the VAD is at least this sure of is speech..."""
ROOM_PROBABILITY = 0.15
"""...and one it is this unsure of is the room between words."""
MIN_WINDOWS = 16
"""Half a second of windows: less says nothing about a level."""
FLOOR_DB = -100.0
"""Digital silence, rounded up from minus infinity."""


@dataclass(frozen=True)
class Levels:
    speech_dbfs: float
    """Mean power of the speech, in dB below full scale."""
    noise_dbfs: float | None
    """Median power of the pauses (None with under half a second of them)."""
    clipped_share: float
    """Share of the samples at full scale."""

    @property
    def snr_db(self) -> float | None:
        return None if self.noise_dbfs is None else self.speech_dbfs - self.noise_dbfs


def _db(power: float) -> float:
    return max(10 * math.log10(power), FLOOR_DB) if power > 0 else FLOOR_DB


def measure_levels(vad: StreamingVad) -> Levels | None:
    """The levels of the audio ``vad`` has scored, or None with too little speech."""
    probs = np.asarray(vad.probs, np.float32)  # one of each per window
    power = np.asarray(vad.levels, np.float64)
    speech = power[probs >= SPEECH_PROBABILITY]
    if len(speech) < MIN_WINDOWS:
        return None
    room = power[probs < ROOM_PROBABILITY]
    noise = _db(float(np.median(room))) if len(room) >= MIN_WINDOWS else None
    return Levels(
        speech_dbfs=round(_db(float(np.mean(speech))), 1),
        noise_dbfs=None if noise is None else round(noise, 1),
        clipped_share=round(vad.clipped / max(vad.n_samples, 1), 5),
    )


QUIET_DBFS = -45.0
"""Speech quieter than this is far from the microphone, or its input level is low."""
NOISY_SNR_DB = 15.0
"""The room this close under the voice (in dB) masks quiet syllables and hesitations."""
CLIPPED_SHARE = 0.001
"""More samples than this at full scale: the input level distorts the voice."""


def level_problems(speech_dbfs, noise_dbfs, clipped_share) -> list[str]:
    """What a candidate should change about the recording, one sentence each."""
    out = []
    if speech_dbfs is not None and speech_dbfs < QUIET_DBFS:
        out.append(
            f"The recording is quiet (your voice at {speech_dbfs:.0f} dBFS): move closer to "
            "the microphone or raise its input level, or the transcript misses words."
        )
    elif speech_dbfs is not None and noise_dbfs is not None:
        snr = speech_dbfs - noise_dbfs
        if snr < NOISY_SNR_DB:
            out.append(
                f"The room is loud behind your voice (only {snr:.0f} dB under it): words, "
                "fillers and pauses are heard less reliably; a quieter room or a headset "
                "microphone helps."
            )
    if clipped_share is not None and clipped_share > CLIPPED_SHARE:
        out.append(
            f"The input level is too high ({clipped_share:.1%} of the recording clipped): "
            "lower it, as a distorted voice is transcribed worse."
        )
    return out
