"""How well a recording lets the voice be heard: a quiet microphone, a loud room and a
clipping input each get one line of advice in the report, measured from the windows the
VAD scores anyway; a clean recording gets none. The bundled sample answer, made quiet,
noisy or clipped, through the real transcriber."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.scoring.analyse import score_recording
from speech.audio import load_audio
from tests.support.app import SAMPLES
from tests.support.audio import write_wav

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def voice() -> np.ndarray:
    """The first 20 s of the sample answer (speech at about -21 dBFS, a quiet room)."""
    return load_audio(SAMPLES[0]).float32()[: 20 * 16000]


def advice(report) -> list[str]:
    return [f.message for f in report.feedback if f.metric == "audio"]


def scored(tmp_path, name, samples, transcriber, settings):
    path = tmp_path / f"{name}.wav"
    write_wav(path, samples)
    return score_recording(path, transcriber, settings)


def test_a_clean_recording_gets_no_advice_and_its_levels(voice, transcriber, settings, tmp_path):
    report = scored(tmp_path, "clean", voice, transcriber, settings)
    assert advice(report) == []
    audio = report.audio
    assert -26 < audio.speech_dbfs < -16 and audio.noise_dbfs < -45
    assert audio.clipped_share == 0.0


def test_a_quiet_microphone_is_told_to_come_closer(voice, transcriber, settings, tmp_path):
    report = scored(tmp_path, "quiet", voice * 0.01, transcriber, settings)  # -40 dB
    (said,) = advice(report)
    assert said.startswith("The recording is quiet (your voice at -61 dBFS)"), said


def test_a_loud_room_is_named_with_how_close_it_is(voice, transcriber, settings, tmp_path):
    noise = np.random.default_rng(0).normal(0.0, 0.03, len(voice)).astype(np.float32)
    report = scored(tmp_path, "noisy", voice + noise, transcriber, settings)
    (said,) = advice(report)
    assert said.startswith("The room is loud behind your voice (only "), said
    assert report.audio.speech_dbfs - report.audio.noise_dbfs < 15


def test_a_clipping_input_is_told_to_turn_down(voice, transcriber, settings, tmp_path):
    report = scored(tmp_path, "clipped", np.clip(voice * 8, -1, 1), transcriber, settings)
    (said,) = advice(report)
    assert said.startswith("The input level is too high ("), said
    assert report.audio.clipped_share > 0.001
