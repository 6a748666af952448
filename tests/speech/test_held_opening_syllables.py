"""A word's first syllable held after a pause is no filler: the "On" of "Online", said
after a sentence, is a vowel closing into a nasal like an "um", and Whisper stamps the
word after it. Fillers said on their own around such words still count. Real tiny.en,
real espeak-ng."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import transcribe_recording
from speech.filled_pauses import is_heard
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model


def heard(synth_dir, transcriber, settings, sentences, rate, voice, seed, name):
    """The words tiny.en hears in ``sentences`` said by espeak-ng with 0.6 s between them."""
    script: list[Say | Silence] = [Silence(0.6)]
    for text in sentences:
        script += [Say(text, rate, voice), Silence(0.6)]
    truth = synthesize(script, synth_dir / f"{name}.wav", noise_dbfs=-45, seed=seed)
    return transcribe_recording(truth.path, transcriber, settings).words


@pytest.mark.parametrize(
    ("sentences", "seed"),
    [
        (
            [
                "Offline, AUC or log loss on open prediction.",
                "Online, it's an A/B test and you watch open rate.",
            ],
            7,
        ),
        (
            [
                "Offline, we compare the metrics.",
                "Online, it's an A/B test and you watch open rate.",
            ],
            3,
        ),
        (["We measure it offline first.", "Online, we watch the click rate."], 4),
    ],
)
def test_the_held_opening_of_online_after_a_pause_is_no_filler(
    synth_dir, transcriber, settings, sentences, seed
):
    """en-us+m3 at 185 words a minute: the "On" of "Online" after a sentence is held
    0.12-0.21 s; the model stamped "online," after it, and the filler-only decode,
    heard from the held "On", wrote "Uh, like." or "Um,": the answer read
    "prediction, (uh) online," with no filler said."""
    words = heard(
        synth_dir, transcriber, settings, sentences, 185, "en-us+m3", seed, f"online-{seed}"
    )
    text = " ".join(w.text for w in words)
    assert "nline" in text and not [w for w in words if is_heard(w.text)], text


@pytest.mark.parametrize(
    ("sentences", "voice", "rate", "seed", "filler"),
    [
        (
            [
                "Offline, we compare the metrics.",
                "Um, online, it's an A/B test and you watch open rate.",
            ],
            "en-us+m3",
            185,
            5,
            "um",
        ),
        (["How soon, um, someone has to answer it."], "en-gb", 140, 6, "um"),
        (["They, um, keep a table of facts for every user."], "en-us+m3", 185, 8, "um"),
    ],
)
def test_an_um_said_before_or_after_such_words_still_counts(
    synth_dir, transcriber, settings, sentences, voice, rate, seed, filler
):
    """An "um" said on its own, before "online" or among words that open with a vowel
    and a nasal, is still a filler, whether the model wrote it or only the audio has it."""
    words = heard(synth_dir, transcriber, settings, sentences, rate, voice, seed, f"um-{seed}")
    said = [w.text.strip(",.?! ").lower().strip("()") for w in words]
    assert said.count(filler) == 1, " ".join(w.text for w in words)
