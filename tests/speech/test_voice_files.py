"""The interviewer's turns written as speech (`practice --tts-out`)."""

from __future__ import annotations

import wave

import pytest

from speech.tts import Pyttsx3Speaker, SpeakerError


class LosingEngine:
    """pyttsx3's engine as the espeak driver behaves on a busy machine: the first
    ``lost`` saves leave no file (espeak's thread never wrote it), the next ones do."""

    def __init__(self, lost: int) -> None:
        self.lost = lost
        self.saves = 0
        self.path = ""

    def save_to_file(self, text: str, path: str) -> None:
        self.saves += 1
        self.path = path

    def runAndWait(self) -> None:  # noqa: N802 (pyttsx3's name)
        if self.saves > self.lost:
            with wave.open(self.path, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(22050)
                w.writeframes(b"\1\0" * 22050)


def test_a_turn_the_voice_failed_to_write_is_saved_again(tmp_path):
    """A `practice --tts-out` run failed on its second turn ("the interviewer's voice was
    not written") and passed when run again: the turn is saved again instead."""
    engine = LosingEngine(lost=1)
    path = tmp_path / "turn-02.wav"
    Pyttsx3Speaker(engine=engine).save("Now the p99 budget is 50 ms.", path)
    assert engine.saves == 2
    with wave.open(str(path)) as w:
        assert w.getnframes() == 22050


def test_a_voice_that_never_writes_is_one_clear_error(tmp_path):
    engine = LosingEngine(lost=99)
    path = tmp_path / "turn-01.wav"
    with pytest.raises(SpeakerError, match="turn-01.wav: the interviewer's voice was not written"):
        Pyttsx3Speaker(engine=engine).save("Design a fraud detection system.", path)
    assert 1 < engine.saves < 99
