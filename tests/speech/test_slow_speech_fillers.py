"""Fillers never said on slow voices: the held vowels of words, asked about again with
the filler-only prompt, must not come back as fillers. Real tiny.en, real espeak-ng."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import transcribe_recording
from speech.filled_pauses import is_heard
from tests.support.speech_scripts import FEED_ANSWER
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model


def test_a_filler_only_decode_that_goes_round_in_a_loop_confirms_nothing(
    synth_dir, transcriber, settings
):
    """The last three sentences of the feed answer, no filler in them, en-us+f3 at 130
    words a minute. Four held vowels of words ("well", the "a" of "as", the "On" of
    "online", the end of "good") were asked about together; the decode wrote "uh," 22
    times over the last three clips, and "as (uh) positives" and "gain, (um) online"
    were counted. Asked about alone, those clips come back as the words."""
    s, rate, voice = FEED_ANSWER, 130, "en-us+f3"
    truth = synthesize(
        [
            Silence(1.0),
            Say(s[6], rate, voice),
            Silence(6.0),
            Say(s[7], rate, voice),
            Silence(0.5),
            Say(s[8], rate, voice),
            Silence(2.0),
        ],
        synth_dir / "slow-tail-f3.wav",
        noise_dbfs=-40,
        seed=20,
    )
    words = transcribe_recording(truth.path, transcriber, settings).words
    text = " ".join(w.text for w in words)
    assert not [w for w in words if is_heard(w.text)], text
    assert "positives" in text and "experiment" in text, text


def test_the_opening_syllable_of_hundred_is_no_filler(synth_dir, transcriber, settings):
    """ "down to a few hundred." said alone after a pause, en-us+m3 at 130 words a
    minute: the "hun" of "hundred" (a breathy "h", then a vowel closing into a nasal)
    was held 0.3 s, most of its run of sound, and counted as "a few (um) hundred"."""
    s, rate, voice = FEED_ANSWER, 130, "en-us+m3"
    truth = synthesize(
        [
            Silence(1.0),
            Say("A light model filters thousands of candidates", rate, voice),
            Silence(3.4),
            Say("down to a few hundred.", rate, voice),
            Silence(0.6),
            Say(s[5], rate, voice),
            Silence(2.0),
        ],
        synth_dir / "slow-hundred-m3.wav",
        noise_dbfs=-33,
        seed=30,
    )
    words = transcribe_recording(truth.path, transcriber, settings).words
    text = " ".join(w.text for w in words)
    assert "hundred" in text and not [w for w in words if is_heard(w.text)], text


def test_an_um_said_before_a_word_that_opens_with_h_and_a_nasal_still_counts(
    synth_dir, transcriber, settings
):
    """The "um" said on its own before "hand" is a filler: it fills its run of sound to
    the end, where the "hun" of "hundred" is followed by the rest of its word."""
    truth = synthesize(
        [
            Silence(0.8),
            Say("We would, um, hand it over to the ranking team.", 200, "en-us+m3"),
            Silence(1.0),
        ],
        synth_dir / "um-hand-m3.wav",
        noise_dbfs=-40,
        seed=4,
    )
    words = transcribe_recording(truth.path, transcriber, settings).words
    text = " ".join(w.text for w in words)
    assert [w for w in words if w.text.strip(",.").lower() in ("(um)", "um", "umm")], text
