"""Filled pauses from the audio: held voiced sounds, named by their shape, counted only
where no transcribed word accounts for them. Vowels here are made the way a voice makes
them: a pulse train at the pitch through resonators at the formants."""

from __future__ import annotations

import numpy as np
import pytest

from speech.audio import SAMPLE_RATE
from speech.filled_pauses import with_filled_pauses
from speech.held_sounds import steady_voiced_stretches
from speech.voicing import analyse_frames
from speech.words import Word


def _resonate(x: np.ndarray, freq: np.ndarray, bandwidth: float = 90.0) -> np.ndarray:
    """A second-order resonator whose centre may move sample by sample."""
    r = np.exp(-np.pi * bandwidth / SAMPLE_RATE)
    theta = 2 * np.pi * freq / SAMPLE_RATE
    y = np.zeros_like(x)
    y1 = y2 = 0.0
    for i in range(len(x)):
        y0 = x[i] + 2 * r * np.cos(theta[i]) * y1 - r * r * y2
        y[i], y2, y1 = y0, y1, y0
    return y


def vowel(seconds: float, f1, f2, f0=110.0, nasal_from: float | None = None, f2_gain=0.5):
    """A voiced sound; f0/f1/f2 are Hz or (start, end) glides; from ``nasal_from`` seconds on
    the mouth is closed (a murmur at 250 Hz, little above). A close front vowel ("ee")
    has a strong second formant (``f2_gain``): F1 alone carries little of its energy."""
    n = int(seconds * SAMPLE_RATE)
    pulses = np.zeros(n)
    pitch = np.linspace(*(f0 if isinstance(f0, tuple) else (f0, f0)), n)
    at = 0.0
    while at < n:  # one glottal pulse per period, the period following the pitch
        pulses[int(at)] = 1.0
        at += SAMPLE_RATE / pitch[int(at)]
    track = [np.linspace(*(f if isinstance(f, tuple) else (f, f)), n) for f in (f1, f2)]
    if nasal_from is not None:
        k = int(nasal_from * SAMPLE_RATE)
        track[0][k:] = 250.0
        track[1][k:] = 250.0
    out = _resonate(pulses, track[0]) + f2_gain * _resonate(pulses, track[1])
    return (0.3 * out / np.abs(out).max()).astype(np.float32)


def silence(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    return (rng.standard_normal(int(seconds * SAMPLE_RATE)) * 1e-4).astype(np.float32)


def test_pitch_is_read_without_octave_errors():
    frames = analyse_frames(vowel(0.5, 600, 1300, f0=95.0))
    voiced = frames.f0[frames.voicing > 0.5]
    assert np.median(voiced) == pytest.approx(95.0, rel=0.03)


@pytest.mark.parametrize(
    ("sound", "label"),
    [
        (vowel(0.4, 600, 1300), "uh"),  # schwa, held
        (vowel(0.5, 600, 1300, nasal_from=0.25), "um"),  # schwa closing into "m"
        (vowel(0.4, 250, 250), "hm"),  # a hum, mouth closed
    ],
)
def test_a_held_hesitation_sound_is_found_and_named(sound, label):
    audio = np.concatenate([silence(0.5), sound, silence(0.5)])
    found = steady_voiced_stretches(audio, [(0.5, 0.5 + len(sound) / SAMPLE_RATE)])
    assert len(found) == 1, found
    assert found[0].label == label
    assert found[0].hesitation_shaped
    assert found[0].start == pytest.approx(0.5, abs=0.06)
    words = with_filled_pauses(audio, [(0.5, 0.5 + len(sound) / SAMPLE_RATE)], [])
    assert [w.text for w in words] == [f"({label})"]


def test_a_high_voice_whose_pitch_glides_still_holds_its_uh():
    """A woman's "uh" falling from 250 to 200 Hz: her harmonics sweep across the narrow
    low bands, but the vowel (the spectral envelope) stays put."""
    sound = vowel(0.35, 650, 1350, f0=(250.0, 200.0))
    audio = np.concatenate([silence(0.5), sound, silence(0.5)])
    found = steady_voiced_stretches(audio, [(0.5, 0.85)])
    assert [s.label for s in found] == ["uh"]
    assert found[0].duration >= 0.25


def trailing_off(sound: np.ndarray, fade_db: float = 9.0) -> np.ndarray:
    """``sound`` said as a voice trails off: 9 dB quieter by its end, and duller (the
    highs go first: three one-pole low-passes closing from none to 0.9 over it)."""
    y = sound.astype(np.float64)
    smooth = np.linspace(0.0, 0.9, len(y))
    for _ in range(3):
        out, prev = np.zeros_like(y), 0.0
        for i, (x, a) in enumerate(zip(y, smooth, strict=True)):
            prev = (1 - a) * x + a * prev
            out[i] = prev
        y = out
    y *= 10 ** (-np.linspace(0.0, fade_db, len(y)) / 20)
    return (0.3 * y / np.abs(y).max()).astype(np.float32)


def test_an_uh_that_trails_off_is_still_held_but_a_glide_that_trails_off_is_not():
    """Piper's "for, uh, the" (and real hesitations) fade ~9 dB and lose their highs while
    the tongue stays put: the vowel has not moved. A fading "why" still glides."""
    uh = trailing_off(vowel(0.4, 600, 1300))
    why = trailing_off(vowel(0.4, (300, 750), (2300, 1100)))
    audio = np.concatenate([silence(0.5), uh, silence(0.3), why, silence(0.5)])
    spans = [(0.5, 0.9), (1.2, 1.6)]
    found = steady_voiced_stretches(audio, spans)
    assert [s.label for s in found] == ["uh"], found
    assert found[0].start < 0.7 and found[0].duration >= 0.25
    assert [w.text for w in with_filled_pauses(audio, spans, [])] == ["(uh)"]


def test_a_confirmed_sound_near_a_filler_the_model_wrote_is_that_filler():
    """The model stretched "We" over a held sound and wrote its "uh" two words on: asked,
    the model hears "uh" in the held sound too, but that is the same hesitation."""
    audio = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), silence(0.5)])
    model = [Word("We", 0.3, 0.85, 0.9), Word("have,", 0.85, 1.0, 0.9), Word("uh,", 1.05, 1.2, 0.8)]
    words = with_filled_pauses(audio, [(0.5, 0.8)], model, confirm=_says("uh"))
    assert [w.text for w in words] == ["We", "have,", "uh,"]
    alone = with_filled_pauses(audio, [(0.5, 0.8)], model[:2], confirm=_says("uh"))
    assert [w.text for w in alone] == ["We", "(uh)", "have,"]


def test_a_hum_the_model_writes_on_an_open_vowel_is_not_its_filler():
    """Asked about a held open vowel inside a word's time, the model may write "Mm.": a
    hum, with the mouth closed, is not what was held there (the "a" of "do we have",
    asked about with the end of "we" before it). Written "Uh", it is that filler."""
    audio = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), silence(0.5)])
    model = [Word("We", 0.3, 0.85, 0.9), Word("have,", 0.85, 1.0, 0.9)]
    for written, expected in (("Mm.", ["We", "have,"]), ("Uh,", ["We", "(uh)", "have,"])):
        words = with_filled_pauses(audio, [(0.5, 0.8)], model, confirm=_says(written))
        assert [w.text for w in words] == expected, written


def _says(text):
    def confirm(clip, start):
        middle = start + len(clip) / SAMPLE_RATE / 2
        return [Word(text, middle - 0.05, middle + 0.05, 0.9)]

    return confirm


def test_words_and_held_front_vowels_are_not_hesitations():
    glide = vowel(0.4, (300, 750), (2300, 1100))  # the tongue moves: a word ("why")
    held_ee = vowel(0.4, 290, 2280, f2_gain=2.0)  # the held end of "be"
    audio = np.concatenate([silence(0.3), glide, silence(0.3), held_ee, silence(0.3)])
    spans = [(0.3, 0.7), (1.0, 1.4)]
    stretches = steady_voiced_stretches(audio, spans)
    assert all(s.start > 0.9 for s in stretches)  # the glide is not held
    assert not any(s.hesitation_shaped for s in stretches)
    assert with_filled_pauses(audio, spans, []) == []


@pytest.mark.parametrize(
    ("word", "probability", "heard"),
    [
        ("firm", 0.49, "(hm)"),  # a hum the model was unsure of: the filler it was
        ("firm", 0.95, "firm"),  # a word the model was sure of stays
        ("her", 0.4, "her"),  # "her" said as "'er" is a word said on a held vowel
        ("sent.", 0.32, "sent."),  # a sentence's last word, held as it ends: a word
        ("to", 0.44, "to"),  # "to" said as "tuh" is a word said on a held vowel
    ],
)
def test_a_filler_the_model_wrote_as_a_word_it_was_unsure_of_is_that_filler(
    word, probability, heard
):
    """ "and, hmm, he nodded" came back "and firm he nodded", "firm" at probability 0.49
    and most of its time one held hum: the report counted no filler and a word never
    said."""
    audio = np.concatenate([silence(0.5), vowel(0.35, 250, 250), silence(0.3)])
    spans = [(0.5, 0.85)]
    model = [Word("and", 0.2, 0.5, 0.96), Word(word, 0.5, 0.84, probability)]
    for confirm in (None, lambda clip, start: []):
        words = with_filled_pauses(audio, spans, model, confirm=confirm)
        assert [w.text for w in words] == ["and", heard], words


def test_a_filler_the_model_wrote_is_not_counted_twice_but_gets_the_time_it_was_said():
    audio = np.concatenate([silence(0.5), vowel(0.4, 600, 1300), silence(0.2)])
    spans = [(0.5, 0.9)]
    model = [Word("We", 10.0, 10.3, 0.9), Word("uh,", 11.0, 11.1, 0.8)]  # 0.5 s late
    words = with_filled_pauses(audio, spans, model, offset=10.0, confirm=None)
    assert [w.text for w in words] == ["We", "uh,"]
    assert words[1].start == pytest.approx(10.5, abs=0.06)


def test_a_filler_the_model_stamped_in_a_heap_is_the_sound_before_it():
    """Played outside the repo: "…next month. And, uh, for the metric…" was stamped
    "And," and "uh," both at 18.74 s, though the "uh" was said at 18.2 s, and the report
    counted the "uh" twice: once heard in the audio, once as the model's "uh," (not the
    word right after the sound, so not taken for it). It is the model's "uh", at the
    time it was said."""
    audio = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), silence(0.4)])
    spans = [(0.5, 0.8)]
    heap = [Word("month.", 0.0, 0.4, 0.9), Word("And,", 1.14, 1.14, 0.5)]
    heap += [Word("uh,", 1.2, 1.2, 0.5), Word("for", 1.3, 1.32, 0.9)]
    words = with_filled_pauses(audio, spans, heap, confirm=_says("uh"))
    assert [w.text for w in words] == ["month.", "uh,", "And,", "for"]
    assert words[1].start == pytest.approx(0.5, abs=0.08)
    # words stamped with their length are no heap: the "uh," two words on is another one
    timed = [Word("month.", 0.0, 0.4, 0.9), Word("And,", 1.0, 1.15, 0.9)]
    timed += [Word("uh,", 1.2, 1.35, 0.8), Word("for", 1.4, 1.5, 0.9)]
    assert [w.text for w in with_filled_pauses(audio, spans, timed, confirm=_says("uh"))] == [
        "month.",
        "(uh)",
        "And,",
        "uh,",
        "for",
    ]


def test_a_filler_the_model_wrote_a_word_later_without_a_time_is_the_sound_before_it():
    """Played outside the repo: "…instead. And, uh, a step up check…" was written "And,"
    at 8.02–8.10 s and "uh," at 8.10–8.10 (no time of its own), after a held sound the
    audio check heard at 7.69 s, and the report counted two "uh" where one was said."""
    audio = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), silence(0.4)])
    spans = [(0.5, 0.8)]
    model = [Word("instead.", 0.0, 0.4, 0.9), Word("And,", 0.85, 0.93, 0.9)]
    model += [Word("uh,", 0.93, 0.93, 0.85), Word("a", 1.1, 1.15, 0.9)]
    words = with_filled_pauses(audio, spans, model, confirm=_says("uh"))
    assert sum(1 for w in words if "uh" in w.text) == 1, [w.text for w in words]


def test_a_held_sound_inside_a_word_needs_the_model_to_hear_a_filler_there():
    audio = np.concatenate([silence(0.5), vowel(0.4, 600, 1300), silence(0.2)])
    spans = [(0.5, 0.9)]
    stretched = [Word("and", 0.2, 0.95, 0.9)]  # the model stretched "and" over it
    asked: list[float] = []

    def says(text):
        def confirm(clip, start):  # the clips to check, laid end to end with silence
            asked.append(len(clip) / SAMPLE_RATE)
            middle = start + len(clip) / SAMPLE_RATE / 2
            return [Word(text, middle - 0.1, middle + 0.1, 0.9)]

        return confirm

    assert [w.text for w in with_filled_pauses(audio, spans, stretched, confirm=says("and"))] == [
        "and"
    ]
    assert [w.text for w in with_filled_pauses(audio, spans, stretched, confirm=says("Uh,"))] == [
        "and",
        "(uh)",
    ]
    # "and": asked with the others, then alone; "Uh,": confirmed by the first decode
    assert len(asked) == 3


def test_a_held_vowel_joined_to_a_word_is_asked_about_with_that_word():
    """A phrase-final vowel ("fast," held before a comma) is a held sound inside the run
    of sound of its word; alone in a clip the filler-only decode calls it "uh", so it is
    asked about with the sound it is joined to, and then the model writes the word."""
    word = vowel(0.3, (300, 750), (2300, 1100))  # the tongue moves: the start of a word
    audio = np.concatenate([silence(0.5), word, vowel(0.3, 600, 1300), silence(0.3)])
    spans = [(0.5, 1.1)]
    asked: list[float] = []

    def model(clip, start):  # a vowel on its own sounds like "uh"; with its word, it is the word
        seconds = len(clip) / SAMPLE_RATE
        asked.append(seconds)
        middle = start + seconds / 2
        return [Word("Uh," if seconds < 1.8 else "fast.", middle - 0.1, middle + 0.1, 0.9)]

    inside = [Word("fast,", 0.5, 1.1, 0.9)]  # its held end inside the word's time
    assert [w.text for w in with_filled_pauses(audio, spans, inside, confirm=model)] == ["fast,"]
    assert min(asked) >= 1.8  # with 0.6 s of silence either side: the clip held the word
    before = [Word("fast,", 0.5, 0.8, 0.9)]  # the model ended the word before the held end
    assert [w.text for w in with_filled_pauses(audio, spans, before, confirm=model)] == ["fast,"]
    alone = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), silence(0.3)])
    assert [w.text for w in with_filled_pauses(alone, [(0.5, 0.8)], [], confirm=model)] == ["(uh)"]


def test_an_uh_running_into_the_next_word_is_asked_about_from_its_start():
    """Said without a break ("and, uh, every click"), the held "uh" is joined to the
    words either side. With both words in its clip the model writes only the words; asked
    about from the "uh" on, it writes "Uh, every", and then the "uh" counts. Only a
    filler written first counts: a held vowel inside a word is followed by the rest of
    that word."""
    before = vowel(0.3, (300, 750), (2300, 1100))  # the tongue moves: the end of "and"
    after = vowel(0.3, (750, 300), (1100, 2300))  # and the start of "every"
    audio = np.concatenate([silence(0.5), before, vowel(0.3, 600, 1300), after, silence(0.5)])
    spans = [(0.5, 1.4)]
    words = [Word("and,", 0.5, 0.8, 0.9), Word("every", 1.1, 1.4, 0.9)]

    def model(*first: str):
        def decode(clip, start):
            if len(clip) / SAMPLE_RATE > 2.1:  # both words in the clip: only words written
                return [Word("and", 0.7, 0.95, 0.9), Word("every", 1.3, 1.6, 0.9)]
            said = [Word(t, 0.62 + 0.1 * i, 0.7 + 0.1 * i, 0.9) for i, t in enumerate(first)]
            return [*said, Word("every", 1.0, 1.3, 0.9)]

        return decode

    heard = with_filled_pauses(audio, spans, words, confirm=model("Uh,"))
    assert [w.text for w in heard] == ["and,", "(uh)", "every"]
    assert 0.75 <= heard[1].start <= 0.9
    word_first = with_filled_pauses(audio, spans, words, confirm=model("day,", "uh,"))
    assert [w.text for w in word_first] == ["and,", "every"]


def test_a_word_s_own_vowel_after_its_opening_consonants_is_not_asked_about_alone():
    """The stressed vowel of "models" or "month" is held like an "uh", just after the
    word's first consonant. Cut from that consonant ("odels"), the filler-only decode
    writes "Uh, those": the app counted an "(um)" on "cancel each month" and the file
    path four "(uh)" in one espeak-ng answer. With its clip the model wrote the word,
    and that is its answer."""
    onset = vowel(0.12, (300, 600), (2200, 1300))  # the tongue moves: "m" opening "models"
    hiss = np.random.default_rng(1).standard_normal(int(0.1 * SAMPLE_RATE)) * 0.05
    rest = np.concatenate([hiss, vowel(0.2, (500, 300), (1500, 2300))])  # and on: "dels"
    audio = np.concatenate([silence(0.5), onset, vowel(0.3, 600, 1300), rest, silence(0.5)])
    audio = audio.astype(np.float32)
    spans = [(0.5, 1.22)]
    inside = [Word("models.", 0.5, 1.3, 0.9)]
    asked: list[float] = []

    def model(clip, start):  # the clip comes with 0.6 s of silence either side
        seconds = len(clip) / SAMPLE_RATE
        asked.append(seconds)
        if seconds < 2.0:  # from the vowel on: a filler, then a word that was never said
            return [Word("Uh,", 0.62, 0.75, 0.9), Word("those.", 0.9, 1.2, 0.9)]
        return [Word("models.", 0.7, 1.3, 0.9)]

    assert [w.text for w in with_filled_pauses(audio, spans, inside, confirm=model)] == ["models."]
    assert min(asked) >= 2.0  # never from the vowel's own start


def voiced(*parts: tuple, f0: float = 110.0) -> np.ndarray:
    """One voice, with no break in it, through ``parts`` of (seconds, f1, f2) or
    (seconds, f1, f2, level); a formant or level given as (start, end) glides."""
    tracks: list[list[np.ndarray]] = [[], []]
    levels = []
    for seconds, *formants in parts:
        n = int(seconds * SAMPLE_RATE)
        level = formants[2] if len(formants) > 2 else 1.0
        for track, f in zip(tracks, formants[:2], strict=True):
            track.append(np.linspace(*(f if isinstance(f, tuple) else (f, f)), n))
        levels.append(np.linspace(*(level if isinstance(level, tuple) else (level, level)), n))
    f1, f2 = (np.concatenate(t) for t in tracks)
    pulses = np.zeros(len(f1))
    pulses[:: int(SAMPLE_RATE / f0)] = 1.0
    pulses *= np.concatenate(levels)
    out = _resonate(pulses, f1) + 0.5 * _resonate(pulses, f2)
    return (0.3 * out / np.abs(out).max()).astype(np.float32)


@pytest.mark.parametrize(
    ("before", "voicing_breaks", "counted"),
    [
        ((0.08, 250, 250, 0.1), False, False),  # an "m", quieter than the vowel it opens
        ((0.08, 250, 250, 0.1), True, True),  # "and, uh": the voice breaks before it
        ((0.05, 300, 700, 1.0), False, True),  # "So, um": a rounded vowel, as loud
    ],
)
def test_a_vowel_an_m_opens_is_not_asked_about_from_its_own_start(before, voicing_breaks, counted):
    """The "o" of "models" or "Monitoring" is held like an "uh", its voice running
    straight out of the "m". Asked about from the vowel on, cut from its "m", the model
    wrote "Uh, those", "Uh, We'll", "Uh, did I mean?": four "(uh)" in one espeak-ng
    answer with no filler in it, on "three models", "two models", "Model." and
    "Monitoring". With its word in the clip the model wrote the word, and that is its
    answer. An "uh" after a word that ends on a nasal ("and, uh") starts after a break
    in the voice, and an "um" after a rounded vowel ("So, um") after one as loud as
    itself: both are still asked about from their start."""
    three = (0.3, (300, 350), (2200, 1800))
    uh = (0.25, 600, 1300)
    if voicing_breaks:
        head = np.concatenate([voiced(three, before), silence(0.05), voiced(uh)])
    else:
        opening = (0.03, (before[1], 600), (before[2], 1300), (before[3], 1.0))
        head = voiced(three, before, opening, uh)
    hiss = np.random.default_rng(1).standard_normal(int(0.1 * SAMPLE_RATE)) * 0.05
    rest = voiced((0.2, (500, 300), (1500, 2300)))  # "dels"
    audio = np.concatenate([silence(0.5), head, hiss, rest, silence(0.5)]).astype(np.float32)
    end = len(audio) / SAMPLE_RATE - 0.5
    (sound,) = [s for s in steady_voiced_stretches(audio, [(0.5, end)]) if s.hesitation_shaped]
    assert sound.after_nasal is not counted
    spans = [(0.5, end)]
    words = [Word("three", 0.5, 0.95, 0.9), Word("models,", 0.95, end, 0.9)]
    asked: list[float] = []

    def model(clip, start):  # the clip comes with 0.6 s of silence either side
        seconds = len(clip) / SAMPLE_RATE
        asked.append(seconds)
        if len(asked) == 1:  # with the word before it: the words
            return [Word("three", 0.6, 0.9, 0.9), Word("models.", 0.9, seconds - 0.6, 0.9)]
        return [Word("Uh,", 0.62, 0.75, 0.9), Word("those.", 0.9, seconds - 0.6, 0.9)]

    heard = [w.text for w in with_filled_pauses(audio, spans, words, confirm=model)]
    assert heard == ["three", *(["(uh)"] if counted else []), "models,"]


def test_a_hesitation_the_shared_decode_skipped_is_asked_about_alone():
    """Among many clips laid end to end the model skips some; asked alone, it hears the
    "uh". A held sound of another shape is not asked twice."""
    audio = np.concatenate([silence(0.5), vowel(0.4, 600, 1300), silence(0.2)])
    spans = [(0.5, 0.9)]
    stretched = [Word("and", 0.2, 0.95, 0.9)]
    calls: list[int] = []

    def skips_then_hears(clip, start):
        calls.append(1)
        if len(calls) == 1:
            return []
        middle = start + len(clip) / SAMPLE_RATE / 2
        return [Word("Uh.", middle - 0.1, middle + 0.1, 0.9)]

    words = with_filled_pauses(audio, spans, stretched, confirm=skips_then_hears)
    assert [w.text for w in words] == ["and", "(uh)"] and len(calls) == 2
    calls.clear()
    held_ee = np.concatenate([silence(0.5), vowel(0.4, 290, 2280, f2_gain=2.0), silence(0.2)])
    assert [w.text for w in with_filled_pauses(held_ee, spans, [], confirm=skips_then_hears)] == []
    assert len(calls) == 1


def test_a_fast_speaker_s_short_uh_counts_and_a_slow_speaker_s_held_word_does_not():
    from speech.filled_pauses import held_floor

    fast = [Word(f"w{i}", i * 0.28, i * 0.28 + 0.25, 0.9) for i in range(20)]  # 214 wpm
    slow = [Word(f"w{i}", i * 0.45, i * 0.45 + 0.4, 0.9) for i in range(20)]  # 133 wpm
    assert held_floor(fast) < 0.13 < 0.15 == held_floor(slow) == held_floor(fast[:3])
    short_uh = np.concatenate([silence(0.5), vowel(0.13, 600, 1300), silence(0.5)])
    spans = [(0.5, 0.63)]
    assert len(steady_voiced_stretches(short_uh, spans)) == 1
    assert with_filled_pauses(short_uh, spans, []) == []  # pace unknown: 0.15 s
    far = [Word(w.text, w.start + 5, w.end + 5, 0.9) for w in fast]
    assert "(uh)" in [w.text for w in with_filled_pauses(short_uh, spans, far)]
    later = [Word(w.text, w.start + 5, w.end + 5, 0.9) for w in slow]
    assert "(uh)" not in [w.text for w in with_filled_pauses(short_uh, spans, later)]


def test_clips_to_check_share_one_decode_and_get_their_words_back_in_their_own_time():
    from speech.filler_confirm import GAP_S, PAD_S, words_around

    audio = np.zeros(SAMPLE_RATE * 20, np.float32)
    calls = []
    clip = 0.5 + 2 * PAD_S  # each stretch is 0.5 s, with PAD_S of audio either side

    def decode(samples, start):
        calls.append(len(samples) / SAMPLE_RATE)
        # a word in the middle of each clip: clips sit after GAP_S of silence, one after another
        first, second = GAP_S + clip / 2, 2 * GAP_S + clip + clip / 2
        return [
            Word("uh", first - 0.05, first + 0.05, 0.9),
            Word("um", second - 0.05, second + 0.05, 0.9),
        ]

    got = words_around(audio, [(3.0, 3.5), (10.0, 10.5)], decode)
    assert len(calls) == 1
    assert [[w.text for w in ws] for ws in got] == [["uh"], ["um"]]
    assert got[0][0].start == pytest.approx(3.2) and got[1][0].start == pytest.approx(10.2)


def test_a_lone_uh_the_model_stamps_off_its_sound_still_counts():
    """Asked about alone, the clip is the held sound and nothing else, so a filler the
    model writes anywhere in it is that sound: in a batch of clips it stamped "Uh."
    0.17 s before the sound it was asked about, and the "uh" was dropped."""
    audio = np.concatenate([silence(0.5), vowel(0.4, 600, 1300), silence(0.2)])
    spans = [(0.5, 0.9)]
    stretched = [Word("and", 0.2, 0.95, 0.9)]  # the model stretched "and" over it
    (held,) = steady_voiced_stretches(audio, spans)

    def early(clip, start):  # the clip sits after GAP_S of silence, PAD_S before the sound
        from speech.filler_confirm import GAP_S, PAD_S

        mid = GAP_S + PAD_S - 0.17
        return [Word("Uh.", mid - 0.25, mid + 0.25, 0.9)]

    got = with_filled_pauses(audio, spans, stretched, confirm=early)
    assert [w.text for w in got] == ["and", "(uh)"]
    assert got[1].start == pytest.approx(held.start)


def test_an_uh_after_a_hissing_word_is_asked_about_without_that_hiss():
    """ "choice, uh, for": asked about from its own start, the clip held the end of
    "choice" too, and the model heard "So" (its hiss and the "uh"), not "Uh"."""
    rng = np.random.default_rng(2)

    def hiss(seconds):
        return (rng.standard_normal(int(seconds * SAMPLE_RATE)) * 0.05).astype(np.float32)

    choice = np.concatenate([vowel(0.25, (300, 750), (2300, 1100)), hiss(0.1)])
    after = np.concatenate([hiss(0.06), vowel(0.3, (750, 300), (1100, 2300))])
    audio = np.concatenate([silence(0.5), choice, vowel(0.3, 600, 1300), after, silence(0.5)])
    spans = [(0.5, 1.51)]
    words = [Word("choice", 0.5, 0.95, 0.9), Word("for", 0.95, 1.51, 0.9)]
    from speech.filler_confirm import GAP_S

    def model(clip, start):
        if len(clip) / SAMPLE_RATE > 2.1:  # both words in the clip: only words written
            return [Word("choice", 0.7, 1.0, 0.9), Word("for", 1.3, 1.6, 0.9)]
        head = clip[int(GAP_S * SAMPLE_RATE) : int((GAP_S + 0.05) * SAMPLE_RATE)]
        hissing = np.mean(np.abs(np.diff(np.sign(head))) > 0) > 0.3
        first = "So," if hissing else "Uh,"  # a hiss and then "uh" sounds like "so"
        return [Word(first, 0.62, 0.8, 0.9), Word("for", 0.9, 1.1, 0.9)]

    got = with_filled_pauses(audio, spans, words, confirm=model)
    assert [w.text for w in got] == ["choice", "(uh)", "for"]
    # inside one word's time it may be that word's own vowel ("version"): cut from the
    # sound before it, the model would write "Uh", so that sound stays in the clip
    one_word = [Word("conversion", 0.5, 1.51, 0.9)]
    assert [w.text for w in with_filled_pauses(audio, spans, one_word, confirm=model)] == [
        "conversion"
    ]


def test_an_uh_opening_a_phrase_is_asked_about_with_the_silence_before_it():
    """ "Uh, the precision": the "uh" starts its run of sound and runs into the next word.
    Asked about from its start, the clip keeps the silence before it; cut at the very
    onset of the sound, the model wrote "On it." there."""
    after = vowel(0.3, (750, 300), (1100, 2300))  # the start of "every"
    audio = np.concatenate([silence(0.5), vowel(0.3, 600, 1300), after, silence(0.5)])
    spans = [(0.5, 1.1)]
    words = [Word("every", 0.8, 1.1, 0.9)]
    from speech.filler_confirm import GAP_S

    calls: list[int] = []

    def model(clip, start):
        calls.append(1)
        if len(calls) == 1:  # asked with the word it runs into: the model writes the word
            return [Word("every", 0.9, 1.3, 0.9)]
        head = clip[int(GAP_S * SAMPLE_RATE) : int((GAP_S + 0.04) * SAMPLE_RATE)]
        heard_onset = np.abs(head).max() < 0.01  # quiet before the sound
        first = "Uh," if heard_onset else "On"
        return [Word(first, 0.62, 0.8, 0.9), Word("every", 0.9, 1.1, 0.9)]

    got = with_filled_pauses(audio, spans, words, confirm=model)
    assert [w.text for w in got] == ["(uh)", "every"]


def test_a_short_word_stamped_into_the_edge_of_a_held_sound_does_not_account_for_it():
    """ "So, um, how": the model stamped "So" 0.08 s into the "um" and stretched "how"
    over the rest, so the "um" was taken for part of "So" and never asked about. A word
    the held sound mostly lies in still accounts for it ("the" said long)."""
    from speech.filled_pauses import unexplained
    from speech.held_sounds import Stretch

    um = Stretch(0.54, 0.84, 2.0, 0.45, True, 600, 1300)
    assert unexplained(um, [Word("So", 0.46, 0.62, 0.9), Word("how", 0.62, 1.06, 0.5)])
    held_the = Stretch(0.5, 0.7, 2.0, 0.0, False, 600, 1300)
    assert not unexplained(held_the, [Word("the", 0.48, 0.72, 0.9), Word("model", 0.72, 1.0, 0.9)])


@pytest.mark.parametrize(
    ("before", "counted"),
    [
        ("hiss", False),  # "Something": its "s", then the vowel the model stamped late
        ("voice", True),  # "See, uh": a short voiced word before the "uh"
    ],
)
def test_a_first_vowel_after_a_voiceless_consonant_between_words_is_not_asked_alone(
    before, counted
):
    """ "sent. Something got cheaper": Whisper stamped "Something" after the held "o" of
    "Some-", so the vowel lay between words. Cut from its "s", the filler-only decode
    wrote "Um, thing got.", an "(um)" never said. With its word in the clip the model
    wrote the word, and that is its answer. An "uh" after a short voiced word is still
    asked about from its own start."""
    rng = np.random.default_rng(1)
    if before == "hiss":
        head = rng.standard_normal(int(0.12 * SAMPLE_RATE)) * 0.05
    else:
        head = voiced((0.12, (300, 450), (2200, 1800)))  # "See, uh": a short voiced word
    rest = np.concatenate(
        [rng.standard_normal(int(0.08 * SAMPLE_RATE)) * 0.05, vowel(0.25, 300, 2200)]
    )
    audio = np.concatenate([silence(0.5), head, vowel(0.25, 600, 1300), rest, silence(0.5)])
    audio = audio.astype(np.float32)
    end = len(audio) / SAMPLE_RATE - 0.5
    spans = [(0.5, end)]
    words = [Word("sent.", 0.0, 0.45, 0.9), Word("something", 0.92, end, 0.9)]
    (sound,) = [s for s in steady_voiced_stretches(audio, spans) if s.hesitation_shaped]
    assert sound.end < 0.92  # between the two words

    asked: list[float] = []

    def model(clip, start):  # the clip comes with 0.6 s of silence either side
        seconds = len(clip) / SAMPLE_RATE
        asked.append(seconds)
        if len(asked) == 1:  # with the sound around it: the word
            return [Word("something,", 0.65, seconds - 0.6, 0.9)]
        return [Word("Um,", 0.62, 0.75, 0.9), Word("thing", 0.8, seconds - 0.6, 0.9)]

    heard = [w.text for w in with_filled_pauses(audio, spans, words, confirm=model)]
    assert heard == ["sent.", *(["(uh)"] if counted else []), "something"]


@pytest.mark.parametrize(("word", "counted"), [("fewer.", False), ("fewer,", True)])
def test_the_held_last_syllable_of_a_sentence_is_not_asked_about(word, counted):
    """ "so I would send fewer. In the end": the model wrote "humor." over the held "er"
    at the end of its run of sound, and the filler-only decode, with the word in its
    clip, wrote "And you, uh.": an "(uh)" never said. Held at a comma, the sound is
    still asked about."""
    rest = voiced((0.25, (300, 500), (2200, 1500)))  # "fe-": the voice moves
    audio = np.concatenate([silence(0.5), rest, vowel(0.2, 600, 1300), silence(0.6)])
    audio = audio.astype(np.float32)
    spans = [(0.5, 0.95)]
    (sound,) = [s for s in steady_voiced_stretches(audio, spans) if s.hesitation_shaped]
    words = [Word(word, 0.5, 0.98, 0.3)]

    def model(clip, start):  # the word and its held end, with 0.6 s of silence before
        return [
            Word("And", 0.6, 0.8, 0.9),
            Word("you,", 0.8, 0.95, 0.9),
            Word("uh.", 1.0, 1.1, 0.9),
        ]

    heard = [w.text for w in with_filled_pauses(audio, spans, words, confirm=model)]
    assert heard == [word, *(["(uh)"] if counted else [])]


SHARED_OVER = [("So", 0.6, 0.75), ("number.", 0.75, 1.05)]
"""The shared decode wrote a word over the held end."""
SHARED_BEFORE = [("the", 0.62, 0.8)]
"""The shared decode wrote a word for the clip, stamped before its held end."""


@pytest.mark.parametrize(
    ("shared", "counted"),
    [(SHARED_OVER, False), (SHARED_BEFORE, False), ([], True)],
    ids=["word-over-it", "word-before-it", "nothing"],
)
def test_a_held_word_end_the_shared_decode_wrote_a_word_on_is_not_asked_again(shared, counted):
    """ "the same phone number, [2 s pause] and combine": the held "er" at the end of its
    run of sound, inside "number,". The shared decode of its clip wrote "So number." over
    it; the same clip asked again came back "So, uh, um, uh.", an "(uh)" never said in a
    helper's espeak-ng answer. "bookings per search", heard live: the held "er" of "per"
    ends its run (the "s" after it is voiceless), the shared decode wrote "the" for the
    clip, stamped before the held part, and asked again alone the clip came back "But,
    uh,": the app counted an "(uh)" never said that ``score`` did not. Asked again it is
    only where the shared decode skipped the clip (wrote nothing in it: then the filler it
    writes alone counts)."""
    rest = voiced((0.25, (300, 500), (2200, 1500)))  # "num-": the voice moves
    audio = np.concatenate([silence(0.5), rest, vowel(0.2, 600, 1300), silence(0.6)])
    audio = audio.astype(np.float32)
    spans = [(0.5, 0.95)]
    (sound,) = [s for s in steady_voiced_stretches(audio, spans) if s.hesitation_shaped]
    words = [Word("number,", 0.5, 0.98, 0.9)]
    calls: list[int] = []

    def model(clip, start):  # the word and its held end, with 0.6 s of silence before
        calls.append(1)
        if len(calls) == 1:  # the shared decode
            return [Word(t, a, b, 0.9) for t, a, b in shared]
        alone = [("So,", 0.6, 0.75), ("uh,", 0.8, 0.86), ("um.", 0.9, 1.0)]
        return [Word(t, a, b, 0.9) for t, a, b in alone]

    heard = [w.text for w in with_filled_pauses(audio, spans, words, confirm=model)]
    assert heard == ["number,", *(["(uh)"] if counted else [])]


@pytest.mark.parametrize(
    ("answer", "counted"),
    [(["And"], False), (["When,"], False), (["Um."], True), ([], True)],
    ids=["and", "when", "um", "nothing"],
)
def test_a_sound_said_alone_between_words_is_not_a_filler_where_the_model_writes_a_word(
    answer, counted
):
    """ "the customers get angry, [pause] and some…" (espeak-ng en-us at 130, an answer
    with no filler in it): the "an" of "and" after the pause, held like an "uh" and alone
    in its run of sound, lay before the model's stamp of "and", and was counted on its
    shape alone. Asked about alone, the model writes the word ("And"), and the sound is
    a word's; where it writes a filler or skips the clip, the sound is a filled pause."""
    audio = np.concatenate([silence(0.5), vowel(0.35, 600, 1300), silence(0.5)])
    spans = [(0.5, 0.85)]
    words = [Word("angry,", 0.0, 0.4, 0.9), Word("and", 1.0, 1.2, 0.9)]

    def model(clip, start):  # the clip sits after GAP_S of silence
        from speech.filler_confirm import GAP_S

        return [Word(t, GAP_S + 0.05, GAP_S + 0.3, 0.9) for t in answer]

    heard = [w.text for w in with_filled_pauses(audio, spans, words, confirm=model)]
    assert heard == ["angry,", *(["(uh)"] if counted else []), "and"]
