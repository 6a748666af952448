"""Which stretches of speech the transcription decodes again: those no word was heard
in, even when the model timed a word over them."""

from __future__ import annotations

from speech.transcriber import uncovered_speech
from speech.vad import SpeechRegion
from speech.words import Word


def test_a_word_timed_over_seconds_of_speech_does_not_cover_them():
    """tiny.en, skipping most of a 27-second piece, wrote only "The one thing to
    remember…" and timed "one" over 1.1-13.3 s and "thing" over 14.3-23.2 s: 15 s of
    sentences between them were never decoded again, and the answer lost its example."""
    regions = [SpeechRegion(0.0, 7.5), SpeechRegion(8.4, 17.2), SpeechRegion(18.4, 27.4)]
    words = [
        Word("The", 0.0, 1.14, 0.9),
        Word("one", 1.14, 13.26, 0.9),
        Word("thing", 14.25, 23.19, 0.9),
        Word("to", 23.19, 23.41, 0.9),
        Word("remember,", 23.41, 24.01, 0.9),
        Word("always", 24.47, 27.37, 0.9),
    ]
    missed = uncovered_speech(regions, words, 0.0, 27.4)
    assert sum(hi - lo for lo, hi in missed) >= 10.0, missed
    assert any(lo < 10.0 < hi for lo, hi in missed), missed  # the example, said at 8.4-17.2 s


def test_words_as_long_as_words_are_said_cover_their_speech():
    """A word held a second or two ("so…", a drawn-out "example...") is heard speech."""
    regions = [SpeechRegion(0.0, 6.0)]
    words = [
        Word("So...", 0.0, 2.0, 0.9),
        Word("an", 2.0, 2.3, 0.9),
        Word("example...", 2.3, 4.0, 0.9),
        Word("here.", 4.0, 6.0, 0.9),
    ]
    assert uncovered_speech(regions, words, 0.0, 6.0) == []
