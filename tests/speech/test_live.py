"""Live transcription while the answer is spoken, on the real model."""

from __future__ import annotations

import threading

import pytest

from assistant.scoring.analyse import transcribe_recording
from assistant.scoring.live import LiveTranscription
from speech.recorder import FileReplayRecorder

pytestmark = pytest.mark.model


def test_captions_arrive_before_the_end_and_match_the_whole_file(transcriber, settings):
    from assistant.practice.samples import sample_answer_path

    path = sample_answer_path()
    live = LiveTranscription(transcriber)
    captions_before_end = []
    blocks = list(FileReplayRecorder(path, realtime=False).blocks(threading.Event()))
    for i, block in enumerate(blocks):
        live.feed(block)
        if i % 20 == 0:  # every 2 s of audio, as the app's worker would
            captions_before_end += live.step()
    assert captions_before_end, "no caption before the answer ended"
    assert live.done_s > 40  # most of the answer was already transcribed
    words = live.finish()
    whole = transcribe_recording(path, transcriber, settings).words
    live_text = {w.text.lower().strip(".,?") for w in words}
    whole_text = [w.text.lower().strip(".,?") for w in whole]
    overlap = sum(1 for w in whole_text if w in live_text) / len(whole_text)
    assert overlap >= 0.9
    assert all(a.start <= b.start for a, b in zip(words, words[1:], strict=False))
