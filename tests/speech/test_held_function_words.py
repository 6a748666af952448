"""A short word held on its vowel is no filler: "of" said between quiet consonants fills
its own run of sound, and cut out alone it sounds like "uh" to the filler-only decode.
Real tiny.en, real espeak-ng."""

from __future__ import annotations

import pytest

from assistant.scoring.analyse import transcribe_recording
from speech.filled_pauses import is_heard
from tests.support.synth import Say, Silence, synthesize

pytestmark = pytest.mark.model

TABLE_OF_FACTS = "I would start with rules because they do well with this kind of table of facts."


def heard(synth_dir, transcriber, settings, text: str, rate: int, seed: int, name: str):
    """The words tiny.en hears in ``text`` said by espeak-ng (en-us) at ``rate`` between
    half-second silences, with a little noise."""
    truth = synthesize(
        [Silence(0.5), Say(text, rate, "en-us"), Silence(0.5)],
        synth_dir / f"{name}.wav",
        noise_dbfs=-45,
        seed=seed,
    )
    return transcribe_recording(truth.path, transcriber, settings).words


@pytest.mark.parametrize(("rate", "seed"), [(150, 0), (180, 4)])
def test_of_held_before_a_quiet_consonant_is_no_filler(
    synth_dir, transcriber, settings, rate, seed
):
    """espeak-ng (en-us) holds the "o" of the second "of" 0.13-0.18 s between the quiet
    "l" of "table" and the "f" of "facts"; the model wrote "table, I'm fact." over it,
    and the report counted "table, I'm (uh) fact.", a filler nobody said."""
    words = heard(
        synth_dir, transcriber, settings, TABLE_OF_FACTS, rate, seed, f"table-of-facts-{rate}"
    )
    text = " ".join(w.text for w in words)
    assert "table" in text and not [w for w in words if is_heard(w.text)], text


@pytest.mark.parametrize(
    ("text", "rate", "seed", "filler"),
    [
        ("I would start with rules, uh, for this kind of table of facts.", 150, 3, "(uh)"),
        ("They, um, keep a table of facts for every user.", 180, 4, "(um)"),
    ],
)
def test_a_filler_the_model_stretched_a_word_over_still_counts(
    synth_dir, transcriber, settings, text, rate, seed, filler
):
    """A filler said on its own with a word the model stamped over it ("for" over the
    "uh", "They" over the "um") is heard with its neighbours too, and still counts; the
    held "of" in the same sentence does not."""
    words = heard(synth_dir, transcriber, settings, text, rate, seed, f"filler-under-a-word-{seed}")
    assert [w.text for w in words if is_heard(w.text)] == [filler], " ".join(w.text for w in words)


def test_the_nasal_opening_of_monday_is_no_hum(synth_dir, transcriber, settings, tmp_path):
    """espeak-ng's own recording (en-us, 160 wpm, its silences kept): the "on" of "each
    Monday", a vowel closing into a nasal after the "M", asked about with its word came
    back "Mm." from the filler-only decode, and the answer read "each (um) Monday"."""
    import subprocess

    raw = tmp_path / "monday.wav"
    text = (
        "So the goal is thirty fresh songs for every listener each Monday, songs they have "
        "never played but will probably enjoy."
    )
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), text], check=True)
    words = transcribe_recording(raw, transcriber, settings).words
    said = " ".join(w.text for w in words)
    assert "Monday" in said and not [w for w in words if is_heard(w.text)], said
