"""Filled pauses ("uh", "um", "hm") heard in the audio, whether or not Whisper wrote them.

tiny.en writes about half of natural "uh"/"um" and never "hm": it was trained on
transcripts with hesitations cleaned away. The audio still shows them: a voiced sound
held on one vowel or nasal, pitch steady, for 150-900 ms (less for a fast speaker),
where the transcript has no word or only the stretched edge of one.
:mod:`speech.held_sounds` finds such sounds; :func:`filled_pauses` keeps those no
transcribed word accounts for, and names each from its shape: a vowel throughout is
"uh", a vowel closing into a nasal "um", a nasal throughout "hm"; a shape that says none
of these clearly stays unnamed (it still counts as a filled pause).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from speech.filler_confirm import PAD_S, words_around
from speech.held_sounds import MIN_S, VOICED, Stretch, steady_voiced_stretches
from speech.sound_runs import run_of_sound, silence_after, sounding
from speech.voicing import HOP_S, analyse_frames
from speech.words import Word


def unexplained(stretch: Stretch, words: Sequence[Word]) -> bool:
    """No transcribed word accounts for ``stretch``: it lies between words, or in the
    part of a word that runs far longer than the word takes to say. A word stamped into
    only the edge of it does not account for the rest (:data:`WORD_SHARE`): "So, um,
    how" came back with "So" stamped 0.08 s into the 0.24-0.34 s "um" after it."""
    for w in words:
        overlap = min(w.end, stretch.end) - max(w.start, stretch.start)
        if overlap <= 0.03 or overlap < WORD_SHARE * stretch.duration:
            continue
        spare = (w.end - w.start) - _expected_s(w.text)
        if overlap > spare + 0.05:
            return False
    return True


WORD_SHARE = 0.5
"""A word accounts for a held sound only if it covers at least this share of it."""


def _expected_s(text: str) -> float:
    """About how long a word takes to say: 0.1 s per vowel group, at least 0.12 s."""
    groups = 0
    prev = False
    for ch in text.lower():
        vowel = ch in "aeiouy"
        groups += vowel and not prev
        prev = vowel
    return max(0.12, 0.11 * max(groups, 1) + 0.04)


def filled_pauses(
    samples: np.ndarray, spans: Sequence[tuple[float, float]], words: Sequence[Word]
) -> list[Stretch]:
    """Held voiced sounds of a hesitation's shape in ``spans`` that no transcribed word
    accounts for."""
    held = steady_voiced_stretches(samples, spans)
    return [s for s in _unaccounted(held, words) if s.hesitation_shaped]


def _unaccounted(held: Sequence[Stretch], words: Sequence[Word]) -> list[Stretch]:
    """Of the ``held`` voiced sounds, those long enough for this speaker to be a
    hesitation (:func:`held_floor`) that no transcribed word accounts for."""
    floor = held_floor(words)
    return [s for s in held if s.duration >= floor and unexplained(s, words)]


FLOOR_AT_175 = 0.15
"""Shortest held sound taken for a hesitation from a speaker at 175 words a minute."""


def held_floor(words: Sequence[Word]) -> float:
    """Shortest held sound that may be a hesitation for this speaker: :data:`FLOOR_AT_175`
    scaled by how long the speaker takes over a word, so a fast speaker's 0.12 s "uh"
    counts while a slow speaker's held "the" does not; never under
    :data:`speech.held_sounds.MIN_S`. (Synthetic dev filler recall 0.87 -> 0.93 at
    precision 0.98 against 0.99; one floor of 0.10 s for every speaker gave 0.92 at 0.95.)"""
    said = [w for w in words if not is_heard(w.text)]
    steps = sorted(b.start - a.start for a, b in zip(said, said[1:], strict=False))
    if len(steps) < 8:
        return FLOOR_AT_175
    step = steps[len(steps) // 2]  # a word's time: the pauses between phrases left out
    return min(FLOOR_AT_175, max(MIN_S, FLOOR_AT_175 * step * 175.0 / 60))


HEARD_TEXT = {"uh": "(uh)", "um": "(um)", "hm": "(hm)", None: "(hesitation)"}
"""How a filled pause heard in the audio is written into the transcript: in brackets,
so a reader sees the model did not write it."""
_MODEL_FILLER = re.compile(r"^(?:u+h*m*|e+r+m*|a+h+|h+m+|m+h*m+)$")
SAME_FILLER_S = 0.25
"""Two held sounds this close are one filled pause."""
NEIGHBOUR_FILLER_S = 0.8
"""A filler the model wrote next to a held sound, this close, is that sound."""


def is_heard(text: str) -> bool:
    """A transcript token that is a filled pause heard in the audio, not a model word."""
    return text in HEARD_TEXT.values()


Confirm = Callable[[np.ndarray, float], list[Word]]
"""Decodes audio (samples, its start time) with a filler-only prompt."""


def with_filled_pauses(
    samples: np.ndarray,
    spans: Sequence[tuple[float, float]],
    words: Sequence[Word],
    offset: float = 0.0,
    confirm: Confirm | None = None,
) -> list[Word]:
    """``words`` with the filled pauses they miss put in, in time order.

    ``spans`` are where the VAD heard speech in ``samples``, in seconds of ``samples``;
    ``words`` are timed from ``offset`` (the time of ``samples[0]``). A held sound of a
    hesitation's shape between words is a filled pause on its shape alone, unless
    ``confirm`` is given and says otherwise: one said alone between two silences is then
    decoded alone with the filler-only prompt (in a decode of its own, so the other clips'
    answers stay as they were) and is a word's, not a filler, where the model writes a
    word there ("angry, [pause] and some": the "an" of "and", which Whisper stamped after
    it, came back "And"). Given ``confirm``, more kinds of candidate are asked about,
    all in one decode: a
    hesitation-shaped sound inside a word's time (Whisper stretches words over
    hesitations, and phrase-final vowels are held too) and a held sound of another shape
    between words; each counts only if the model, asked again with a filler-only prompt,
    writes a filler there. A hesitation-shaped sound that decode did not confirm is asked
    about once more on its own: among many short clips laid end to end the model skips
    some (7 "uh"/"um" clips: 3 confirmed together, 7 one by one, and no filler written
    on 4 clips of words). A held sound joined to other sound (under
    :data:`ALONE_SHARE` of its run of sound between two silences: the held end of
    "fast," or "evaluation," before a comma, the first vowel of "and") is never kept on
    its shape alone, and is asked about with the sound it is joined to in its clip (up
    to :data:`JOINED_S` either side): a vowel cut out of a word on its own is heard as
    "uh" by the filler-only decode ("fast", "search", "system", "Monday" on slow and
    British espeak-ng voices), while with its word the model writes the word. Asked
    again, a joined sound with sound after it is asked about from its own start on, and
    counts only if the model writes a filler first (:func:`_ask_again`). (Voice
    with no word on it that is not held was asked about too, but at the start of a
    phrase it is mostly the first word, which Whisper times
    late, and the filler-only prompt then wrote "hmm" for "basically" on the trap file.)
    """
    local = [Word(w.text, w.start - offset, w.end - offset, w.probability) for w in words]
    out = list(words)
    held = steady_voiced_stretches(samples, spans)  # found once, asked about twice
    loud = sounding(samples)
    for i, s in _misheard(held, local, lambda s: _after_a_voiceless_consonant(samples, loud, s)):
        local[i] = Word(HEARD_TEXT[s.label], s.start, s.end, 1.0)
        out[i] = Word(HEARD_TEXT[s.label], s.start + offset, s.end + offset, 1.0)
    kept: list[tuple[Stretch, str | None]] = []
    to_ask: list[_Asked] = []
    lone: list[_Asked] = []
    for s in _candidates(held, local, confirm is not None):
        same = _written_filler(local, s)
        if same is not None:  # the model wrote it: keep its word, at the time it was said
            w = out[same]
            out[same] = Word(w.text, s.start + offset, max(s.end + offset, w.start), w.probability)
            continue
        asked = _Asked.of(s, loud, in_gap=not any(_overlap(w, s) > 0.03 for w in local))
        if asked.alone and _opens_next_word(asked, loud, local):
            continue
        if _opens_a_word_stamped_late(asked, local):
            continue
        if confirm is None:
            kept.append((s, s.label))
        elif asked.in_gap and s.hesitation_shaped and asked.alone:
            lone.append(asked)
        elif not _ends_a_sentence(asked, local):
            to_ask.append(asked)
    if lone and confirm is not None:
        # said on its own between words: a filled pause unless the model, asked about it
        # alone, writes a word there ("angry, and some": the "an" of "and" after a pause)
        answers = words_around(samples, [a.clip for a in lone], confirm)
        for a, heard in zip(lone, answers, strict=True):
            if not any(_core(w.text) and not _MODEL_FILLER.match(_core(w.text)) for w in heard):
                kept.append((a.sound, a.sound.label))
    if to_ask and confirm is not None:
        answers = words_around(samples, [a.clip for a in to_ask], confirm)
        answers = [  # a hesitation's shape the batch did not confirm: asked again alone
            heard
            if _fillers_in(heard, a.sound, a.clip) or not a.sound.hesitation_shaped
            else _ask_again(samples, a, confirm, heard=heard, words=local)
            for a, heard in zip(to_ask, answers, strict=True)
        ]
        for a, heard in zip(to_ask, answers, strict=True):
            s = a.sound
            fillers = _fillers_in(heard, s, a.clip)
            if fillers and not _written_nearby(local, s):
                kept.append((s, s.label if s.hesitation_shaped else _label_of(fillers[0].text)))
    added: list[Word] = []
    for s, label in sorted(kept, key=lambda k: k[0].start):
        if any(a.start - SAME_FILLER_S < s.end and a.end + SAME_FILLER_S > s.start for a in added):
            continue
        added.append(Word(HEARD_TEXT[label], s.start, s.end, 1.0))
    shifted = [Word(w.text, w.start + offset, w.end + offset, 1.0) for w in added]
    return sorted([*out, *shifted], key=lambda w: w.start)


@dataclass(frozen=True)
class _Asked:
    """A held sound to ask the model about again, with where it lies in its run of
    sound: found once, read both by the shared decode and by :func:`_ask_again`."""

    sound: Stretch
    in_gap: bool
    """No transcribed word overlaps it."""
    run: tuple[float, float]
    """Its run of sound between two silences (:func:`speech.sound_runs.run_of_sound`)."""

    @classmethod
    def of(cls, s: Stretch, loud: np.ndarray, *, in_gap: bool) -> _Asked:
        return cls(s, in_gap, run_of_sound(loud, s.start, s.end))

    @property
    def alone(self) -> bool:
        """It fills most of its run (:data:`ALONE_SHARE`): said on its own."""
        return self.sound.duration >= ALONE_SHARE * (self.run[1] - self.run[0])

    @property
    def under_a_word(self) -> bool:
        """Said on its own, but with a word the model wrote over it: most often a short
        word held on its vowel between quiet consonants ("table of facts": the "v" and
        "f" are too quiet to join the held "o" to "facts"), and now and then a filler
        the model stretched a word over."""
        return self.alone and not self.in_gap

    @property
    def clip(self) -> tuple[float, float]:
        """What the shared decode hears: the sound alone, or a sound joined to other
        sound with up to :data:`JOINED_S` of that sound either side. A sound said on its
        own under a word the model wrote (:attr:`under_a_word`) is heard with up to
        :data:`JOINED_S` of what was said around it: cut out alone, any held vowel is
        "Uh" to the filler-only decode (the "o" of "of" in "this kind of table of
        facts", espeak-ng at 150 and 180 wpm, counted as an "(uh)" never said), while
        with its neighbours the model writes the word ("Table up fact.")."""
        s, (lo, hi) = self.sound, self.run
        if self.under_a_word:
            return (max(0.0, s.start - JOINED_S), s.end + JOINED_S)
        if self.alone:
            return (s.start, s.end)
        return (max(lo, s.start - JOINED_S), min(hi, s.end + JOINED_S))


def _misheard(
    held: Sequence[Stretch], words: Sequence[Word], consonant_before: Callable[[Stretch], bool]
) -> list[tuple[int, Stretch]]:
    """Words the model was unsure of that are a filled pause it wrote as a word: "and,
    hmm, he nodded" came back "and firm he nodded" ("firm" at probability 0.49), on 8 of
    the twin lines' 15 voices and rates. Such a word is mostly one held sound of a
    hesitation's shape (:data:`MISHEARD_SHARE` of the word's time and of the sound's);
    short words a speaker holds while thinking ("the", "a", "her" said as "'er") stay,
    and so does a word that ends a sentence: the last syllable before a full stop is
    drawn out ("what we already sent." in an espeak-ng answer with no filler in it:
    "sent." at probability 0.32, its "en" held 0.27 s like an "um"). Nor is a word
    spelled with the sound's vowel and nasal whose voice opens straight out of a
    voiceless consonant (``consonant_before``, :func:`_after_a_voiceless_consonant`):
    the sound is that word's own syllable after its first consonant, however unsure
    the model was of the word ("thousands of candidates" written "the front can be
    fixed", "can" at 0.21 over the held "an" of "can-"; "some scanned," written "some
    can," at 0.35), while a filler said after a pause opens from silence ("They, um,"
    written "them," at 0.23)."""
    floor = held_floor(words)
    found: list[tuple[int, Stretch]] = []
    for s in held:
        if not s.hesitation_shaped or s.duration < floor:
            continue
        for i, w in enumerate(words):
            core = _core(w.text)
            if w.probability >= MISHEARD_P or not core or core in HELD_WORDS or is_heard(w.text):
                continue
            if w.text.rstrip().endswith(SENTENCE_ENDS):
                continue
            if _MODEL_FILLER.match(core):
                continue
            if _spells_its_sound(core, s) and w.probability >= SPELLED_MISHEARD_P:
                continue
            share = _overlap(w, s)
            if share >= MISHEARD_SHARE * (w.end - w.start) and share >= MISHEARD_SHARE * s.duration:
                if _spells_its_sound(core, s) and _consonant_first(core) and consonant_before(s):
                    break
                found.append((i, s))
                break
    return found


def _consonant_first(core: str) -> bool:
    """The word opens with a consonant other than a breathy "h" before its vowel and
    nasal ("can", "scanned"): a "hmm" opens with breath too, and mis-heard as "hum" or
    "him" it is the filler, not that word."""
    return OPENS_VOWEL_NASAL.match(core) is None


def _spells_its_sound(core: str, s: Stretch) -> bool:
    """The word, as the model spelled it, holds the sound's vowel closing into a nasal
    (:data:`VOWEL_NASAL`): an "um"-shaped sound inside "ten", "lands" or "and" is most
    likely that word's own syllable drawn out, and the word is taken for a mis-heard
    filler only when the model was much less sure of it (:data:`SPELLED_MISHEARD_P`).
    "Only the top ten were shown.": "ten" at probability 0.59, its held "en" was
    counted as an "(um)" in its place; "They, um, they retrain" came back "them," at
    0.23 over the "um", which was said. A hum mis-heard as a word ("firm" for "hmm") is
    no vowel closing into a nasal."""
    return s.label == "um" and VOWEL_NASAL.search(core) is not None


def _opens_next_word(asked: _Asked, loud: np.ndarray, words: Sequence[Word]) -> bool:
    """``asked``, an "um"-shaped sound said alone between words, is the opening of the
    word the model stamped right after it (within :data:`LATE_STAMP_S`), spelled with
    the same vowel closing into a nasal, and its run of sound is cut off by no more
    than a stop's closure (:data:`CLOSURE_S`: the "d" of "and", "ended", "under"):
    "search. [pause] And then": Whisper stamps a phrase's first word after its held
    "an", which, cut out alone, the filler-only decode wrote "Uh, uh," and the report
    counted "a search (um) ended". An "um" said on its own is followed by a pause (a
    comma's 0.10-0.21 s of silence before "and" on espeak-ng voices at 140-210 wpm,
    against 0.05-0.07 s after the "an" of "and" and the "en" of "ended") or runs into
    the next word's own sound.

    A breathy "h" before the vowel is hardly sound at all, so "hundred" opens the same
    way: "a few hundred." on en-us+m3 at 130 words a minute held its "hun" for
    0.3 s, most of its run of sound (the "dred" after it is weak), with "hundred"
    stamped over it, and the filler-only decode wrote "Um," for it. The rest of such a
    word follows the sound in its run (:data:`FOLLOWED_S` or more); an "um" said alone
    fills its run to the end."""
    s = asked.sound
    if s.label != "um":
        return False
    after = [w for w in words if w.start >= s.start]
    if not after:
        return False
    first = min(after, key=lambda w: w.start)
    if first.start - s.end > LATE_STAMP_S or not OPENS_VOWEL_NASAL.match(_core(first.text)):
        return False
    rest_of_word = asked.run[1] - s.end >= FOLLOWED_S
    return rest_of_word or silence_after(loud, asked.run[1]) <= CLOSURE_S


def _opens_a_word_stamped_late(asked: _Asked, words: Sequence[Word]) -> bool:
    """``asked``, a held sound joined to sound after it, opens its run of sound (within
    :data:`ONSET_S`'s least, after a silence) and the next word the model wrote, stamped
    no later than the run's end (:data:`LATE_STAMP_S`), opens with a vowel closing into
    a nasal: the sound is that word's first syllable, said after a pause, which Whisper
    stamped late ("prediction. [pause] Online, it's": the "On" held 0.12-0.21 s, "online"
    stamped after it, and the filler-only decode, heard from the held "On", wrote "Uh,
    like." and "Um,"; en-us+m3 at 185 wpm and en-us at 200, answers with no filler in
    them). The word has a syllable after the held one: "and" is all of its "an", and an
    "Um, and then" said butted together on British espeak-ng voices, with "And" stamped
    after the "um" and the "d" closing its run, is the filler. A filler said on its own
    is alone in its run (:func:`_opens_next_word` reads those), and one said after a
    word does not open its run."""
    s, (lo, hi) = asked.sound, asked.run
    if asked.alone or s.start - lo > ONSET_S[0]:
        return False
    after = [w for w in words if w.start >= s.start]
    if not after:
        return False
    first = min(after, key=lambda w: w.start)
    core = _core(first.text)
    return (
        first.start <= hi + LATE_STAMP_S
        and _opens_on_its_sound(core)
        and len(re.findall(r"[aeiouy]+", core)) >= 2
        and _last_in_run(first, words, hi)
    )


def _opens_on_its_sound(core: str) -> bool:
    """``core``, a word as the model spelled it, is no filler and opens with a vowel
    closing into a nasal (:data:`OPENS_VOWEL_NASAL`: "online", "under", "hungry"), as a
    held "um"-shaped sound at its start is heard."""
    return not _MODEL_FILLER.match(core) and OPENS_VOWEL_NASAL.match(core) is not None


def _last_in_run(w: Word, words: Sequence[Word], run_end: float) -> bool:
    """No other word is stamped after ``w`` inside the run of sound ending at
    ``run_end``: the run is that word's ("Online," before a comma's pause), not a filler
    running into the words after it ("Um, and then we roll it out", "uh, in my
    experience" butted together on espeak-ng at 175 words a minute, the model writing
    "And" and "in" over the filler)."""
    return not any(o is not w and w.start < o.start < run_end - EDGE_S for o in words)


VOWEL_NASAL = re.compile(r"[aeiouy]+[mn]")
"""A vowel closing into a nasal, as an "um"-shaped sound is heard and a word spells it."""
OPENS_VOWEL_NASAL = re.compile(r"h?[aeiouy]+[mn]")
"""A word that opens with such a syllable, after at most a breathy "h" ("and", "under",
"hundred", "handle")."""
LATE_STAMP_S = 0.1
"""How soon after a sound said alone the model may stamp the word the sound opens."""
CLOSURE_S = 0.08
"""Silence a stop consonant's closure leaves inside a word (see :func:`_opens_next_word`)."""


MISHEARD_P = 0.6
"""A word written with less probability than this may be a mis-heard filler."""
SPELLED_MISHEARD_P = 0.4
"""A word spelled with the vowel and nasal of the "um"-shaped sound in it needs to be
this unsure to be taken for a mis-heard filler (see :func:`_spells_its_sound`)."""
MISHEARD_SHARE = 0.6
SENTENCE_ENDS = (".", "?", "!")
"""How the model ends a word that closes a sentence."""
HELD_WORDS = frozenset("a an the her are or our err oh i to of".split())
"""Words said on one held vowel: a speaker holds them while thinking, and they are said
("to" said as "tuh": "match it to a known" came back "to" at 0.44 over a held "uh")."""


def _ask_again(
    samples: np.ndarray,
    asked: _Asked,
    confirm: Confirm,
    *,
    heard: Sequence[Word],
    words: Sequence[Word],
) -> list[Word]:
    """Ask about a hesitation-shaped sound once more, alone. A joined sound with a word
    after it is asked about from its own start to that word ("uh, every click" butted
    together): a filler runs into the next word, and the model, heard from the filler
    on, writes it first ("Uh, every"), where with the word before in the clip too it
    wrote only the words. Only a filler written first counts then: a vowel held inside
    a word is followed by the rest of that word, which the model writes instead.

    Nor is a joined sound inside a word's time that follows a word's opening consonants
    (:data:`ONSET_S` of sound before it in its run): that is the word's own stressed
    vowel ("products", "monitoring", "models", "month"), and cut from its consonants,
    "odels" and "onth, I will" were written "Uh, those" and "Um, I will" (an app's "(um)"
    on "cancel each month", and fillers never said in espeak-ng answers). Between words
    too, where only voiceless sound comes before it (:func:`_after_voiceless_onset`:
    the model stamped the word late). A hesitation
    starts after a silence (0.02-0.06 s of sound before it on the synthetic dev lines) or
    after whole words (0.6 s or more); the held vowels of words asked about on those lines
    followed 0.07-0.19 s of their word. (Up to 0.5 s also caught the "a" of "close ads",
    but cost 6 of the twin lines' 135 fillers, said after a short word: "So, uh".) Nor
    is a sound whose voice runs straight out of a nasal murmur
    (:attr:`speech.held_sounds.Stretch.after_nasal`), however much sound comes before
    it, and whether or not the model's times left it between words: the "o" an "m"
    opens in "three models", "two models", "Model." and "Monitoring" came back "Uh,
    those", "Uh, We'll" and "Uh, did I mean?" (four "(uh)" in one espeak-ng answer with
    no filler in it). Such a sound, and a joined sound with nothing after it in its run,
    is asked again with its clip only where the shared decode wrote nothing in that clip
    (the model skipped it); where it wrote words, those are its answer."""
    s, (lo, hi), clip = asked.sound, asked.run, asked.clip
    if _opens_a_word_heard(heard, s, hi):
        return []
    onset = ONSET_S[0] <= s.start - lo <= ONSET_S[1]
    opened = s.after_nasal or (
        onset and (not asked.in_gap or _after_voiceless_onset(samples, s, lo))
    )
    if opened and not asked.alone:
        return [] if heard else words_around(samples, [clip], confirm)[0]
    if asked.under_a_word:
        # with its neighbours the model wrote a word on it: that word is its answer; where
        # it skipped the sound, the sound is asked about alone, and a filler written
        # there is the sound's (the model times a lone "uh" loosely)
        if _word_on(heard, s):
            return []
        alone = words_around(samples, [(s.start, s.end)], confirm)[0]
        fillers = _fillers_in(alone, s, (s.start, s.end))
        return [replace(w, start=s.start, end=s.end) for w in fillers[:1]]
    if asked.alone:
        return words_around(samples, [clip], confirm)[0]
    if hi - s.end < FOLLOWED_S:
        # the same clip again: only where the shared decode skipped the clip; where it
        # wrote a word in it, over the sound or not, that word is its answer ("the same
        # phone number," before a pause: "So number." shared, "So, uh, um, uh." asked
        # again; "bookings per search", the held end of "per": "the" shared, stamped
        # before the held part, and "But, uh," asked again)
        return [] if heard else words_around(samples, [clip], confirm)[0]
    pad = PAD_S if _within_a_word(s, words) or s.start - lo < PAD_S else 0.0
    heard = words_around(samples, [(s.start, min(hi, s.end + JOINED_S))], confirm, pad_before=pad)
    return heard[0][:1] if heard[0] and _fillers_in(heard[0][:1], s) else []


def _opens_a_word_heard(heard: Sequence[Word], s: Stretch, run_end: float) -> bool:
    """Asked about with the sound around it, the model wrote over most of ``s`` a word
    that opens with a vowel closing into a nasal (:data:`OPENS_VOWEL_NASAL`: "online",
    "hungry", "under"): ``s`` is that word's first syllable held, and the word is its
    answer. Cut from its own start, such a syllable is "Uh" or "Um" to the filler-only
    decode ("Online, it's an A/B test" on en-us+m3 at 185 words a minute: "Online,"
    with its neighbours, "Uh, I'm..." from the held "On" on, an "(uh)" never said;
    "a few hundred" at 200: "hungry." and then "Um, right."), while a filler butted
    against the next word is followed by more words in its run (:func:`_last_in_run`).
    """
    return any(
        _opens_on_its_sound(_core(w.text))
        and _overlap(w, s) >= WORD_SHARE * s.duration
        and _last_in_run(w, heard, run_end)
        for w in heard
    )


def _word_on(heard: Sequence[Word], s: Stretch) -> bool:
    """The model wrote a word that is no filler over most of ``s`` (:data:`WORD_SHARE`)."""
    return any(
        _core(w.text)
        and not _MODEL_FILLER.match(_core(w.text))
        and _overlap(w, s) >= WORD_SHARE * s.duration
        for w in heard
    )


def _after_voiceless_onset(samples: np.ndarray, s: Stretch, lo: float) -> bool:
    """The sound before ``s`` in its run, from ``lo``, is voiceless up to the voice that
    leads into ``s`` (:data:`VOICE_LEAD_S`): a word's opening consonants ("s", "f",
    "th"), and ``s`` that word's first vowel. Whisper stamps such a word late, after the
    vowel ("sent. Something got cheaper": the "o" of "Some-" held 0.18 s like an "um",
    "Something" stamped 0.08 s after it ended), so the vowel lies between words; cut
    from the "s", the filler-only decode wrote "Um, thing got." A hesitation between
    words starts after a silence or after a voiced word ("So, uh")."""
    frames = analyse_frames(samples, lo, s.start)
    head = frames.voicing[: len(frames.voicing) - round(VOICE_LEAD_S / HOP_S)]
    return len(head) > 0 and not bool((head > VOICED).any())


def _after_a_voiceless_consonant(samples: np.ndarray, loud: np.ndarray, s: Stretch) -> bool:
    """The voice of ``s`` (with up to :data:`VOICE_LEAD_S` leading into it) opens straight
    out of voiceless sound that is heard, not silence: a word's first consonant ("k",
    "sk", "s"), of at least :data:`CONSONANT_LEAST_S` within :data:`CONSONANT_S` before
    it. A filler said on its own opens from silence or from a voiced word before it."""
    lo = max(0.0, s.start - CONSONANT_S)
    voicing = analyse_frames(samples, lo, s.start + HOP_S).voicing
    k = len(voicing) - 1
    lead = round(VOICE_LEAD_S / HOP_S)
    while k >= 0 and voicing[k] > VOICED and len(voicing) - 1 - k <= lead:
        k -= 1
    if k < 0 or voicing[k] > VOICED:
        return False
    heard = 0
    while k >= 0 and voicing[k] <= VOICED:
        frame = int((lo + k * HOP_S) / HOP_S)
        heard += bool(0 <= frame < len(loud) and loud[frame])
        k -= 1
    return heard * HOP_S >= CONSONANT_LEAST_S


CONSONANT_S = 0.15
"""How far before a held sound its word's first consonant is looked for."""
CONSONANT_LEAST_S = 0.02
"""Heard voiceless sound a consonant leaves (a stop's burst, a hiss)."""


VOICE_LEAD_S = 0.06
"""Voice that may lead into a held sound before it counts as steady (its onset)."""


def _ends_a_sentence(asked: _Asked, words: Sequence[Word]) -> bool:
    """``asked`` is the held last syllable of a sentence: joined to the sound before it,
    with nothing after it in its run, inside the time of a word that ends a sentence.
    "so I would send fewer. In the end" came back "humor." over the held "er", and the
    filler-only decode, with the word in its clip, wrote "And you, uh." (an "(uh)"
    never said in an espeak-ng answer). A hesitation after a sentence starts after a
    silence, or runs into the next word."""
    s, (_, hi) = asked.sound, asked.run
    if asked.alone or hi - s.end >= FOLLOWED_S:
        return False
    return any(
        w.text.rstrip().endswith(SENTENCE_ENDS)
        and w.start - EDGE_S <= s.start
        and s.end <= w.end + EDGE_S
        and not _MODEL_FILLER.match(_core(w.text))
        for w in words
    )


def _within_a_word(s: Stretch, words: Sequence[Word]) -> bool:
    """``s`` lies inside one word's time (to :data:`EDGE_S`). Such a sound, asked about
    from its own start, keeps :data:`speech.filler_confirm.PAD_S` of the sound before it:
    cut from its word's first consonant, a word's own vowel is "Uh" to the model (the
    "er" of "version", the "o" of "jobs"). A sound the model's times cut through, part of
    one word and part of the next or of the gap after ("choice, uh, for": "choice" timed
    to the middle of the "uh", "for" from there), is asked about from exactly its start
    when another word's sound comes right before it: with the hiss that ended "choice" in
    the clip the model wrote "So, for" (4 of the twin lines' 15 recordings), and from the
    "uh" on, "Uh, for". Silence before it stays in the clip."""
    return any(w.start - EDGE_S <= s.start and s.end <= w.end + EDGE_S for w in words)


EDGE_S = 0.03
"""How far a held sound may run past a word's stamped time and still be inside it."""


FOLLOWED_S = 0.1
"""A joined held sound with at least this much sound after it in its run may be a filler
running into the next word."""
ONSET_S = (0.08, 0.2)
"""Sound before a held sound in its run that a word's opening consonants take: the held
sound is then most often that word's vowel (see :func:`_ask_again`)."""


ALONE_SHARE = 0.6
"""A held sound said on its own ("Uh," between two silences) is at least this share of
its run of sound; the held end of a word, or a vowel inside one, is much less (hE's
espeak-ng answers: 0.76-1.0 for each "uh"/"um" said alone, 0.04-0.5 for the held ends
of "fast", "search", "system", "Monday", "and", "evaluation")."""
JOINED_S = 0.6
"""How much of the sound a held sound is joined to goes into its clip, either side (0.3
s, with a filler anywhere in the clip counted, confirmed the held ends of "system," and
"part," again)."""


def _fillers_in(
    heard: Sequence[Word], s: Stretch, clip: tuple[float, float] | None = None
) -> list[Word]:
    """The fillers the model wrote on ``s`` when asked about it. Asked about with the
    sound it is joined to, a filler counts only on ``s`` itself (within
    :data:`ON_SOUND_S`); asked about alone (``clip`` is the sound's own time), any
    filler in the clip is ``s``: the model times a lone "uh" loosely, and in a batch of
    clips it stamped "Uh." 0.16-0.17 s off the sound it was asked about (3 of the twin
    lines' fillers, each written twice and both times dropped)."""
    fillers = [w for w in heard if _MODEL_FILLER.match(_core(w.text)) and _same_shape(w, s)]
    if clip == (s.start, s.end):
        return fillers
    return [
        w for w in fillers if s.start - ON_SOUND_S <= (w.start + w.end) / 2 <= s.end + ON_SOUND_S
    ]


def _same_shape(w: Word, s: Stretch) -> bool:
    """A filler the model writes on a sound does not contradict the sound's shape: a
    vowel held open throughout, with no nasal in it (an "uh"), is not a hum ("Mm",
    "Hmm"). The "a" of "do we have", asked about with the end of "we" before it, came
    back "Mm."; the app, whose phrase-by-phrase decode timed "have" 0.02 s earlier than
    the whole file's and so asked about it that way, counted an "(uh)" there that was
    never said. Nor is a vowel closing into a nasal (an "um") a bare murmur with no breath
    or vowel before it ("Mm"): the "on" of "each Monday", asked about with the "M" that
    opens it, came back "Mm." (an "(um)" never said in an espeak-ng answer at 160 wpm).
    An "um" said is written "Um", and espeak-ng's "hmm", shaped like an "um", "Hmm"."""
    if s.label == "um":
        return not _BARE_MURMUR.match(_core(w.text))
    return not (s.label == "uh" and _label_of(w.text) == "hm")


_BARE_MURMUR = re.compile(r"^m+$")


ON_SOUND_S = 0.15
"""A filler written this close to a joined sound asked about is on that sound."""


def _candidates(held: Sequence[Stretch], words: Sequence[Word], can_confirm: bool) -> list[Stretch]:
    """What may be a filled pause among the ``held`` sounds (see :func:`with_filled_pauses`)."""
    unaccounted = _unaccounted(held, words)
    if not can_confirm:
        return [s for s in unaccounted if s.hesitation_shaped]
    keep = [
        s
        for s in unaccounted
        if s.hesitation_shaped or not any(_overlap(w, s) > 0.03 for w in words)
    ]
    return sorted(keep, key=lambda s: s.start)


def _written_filler(words: Sequence[Word], s: Stretch) -> int | None:
    """Index of a filler the model wrote for this held sound: one overlapping it, or the
    word right before or after it (the model's times for fillers are often 0.3 s off)
    within :data:`NEIGHBOUR_FILLER_S`."""
    before = [i for i, w in enumerate(words) if w.start < s.start]
    after = [i for i, w in enumerate(words) if w.start >= s.start]
    near = [i for i, w in enumerate(words) if _overlap(w, s) > 0]
    if before:
        near.append(before[-1])
    if after:
        near.append(after[0])
    found = next((i for i in near if _filler_near(words[i], s)), None)
    if found is None and after and _squeezed(words[after[0]]):
        # the words after it were stamped in a heap ("And," and "uh," both at 18.74 s, said
        # at 17.6 and 18.2 s): a filler among them is this sound, not a second one
        heap = [i for i in after if words[i].start - words[after[0]].start <= SQUEEZED_RUN_S]
        found = next((i for i in heap if _filler_near(words[i], s)), None)
    if found is None:
        # a filler written a word later with no time of its own ("And," at 8.02 s, then
        # "uh," at 8.10–8.10, after a held sound at 7.69 s): its time is a guess, and the
        # candidate said one "uh", not two
        found = next(
            (i for i in after[:2] if _squeezed(words[i]) and _filler_near(words[i], s)), None
        )
    return found


SQUEEZED_S = 0.03
"""A word stamped this short was not placed by the model: its time is a guess."""
SQUEEZED_RUN_S = 0.3
"""Words stamped within this of the first squeezed one belong to its heap."""


def _squeezed(w: Word) -> bool:
    return w.end - w.start <= SQUEEZED_S


def _written_nearby(words: Sequence[Word], s: Stretch) -> bool:
    """The model wrote a filler within :data:`NEIGHBOUR_FILLER_S` of ``s``: a confirmed
    sound there is most likely that filler again (a held "we" before the model's "uh"
    was confirmed as a second one)."""
    return any(_filler_near(w, s) for w in words)


def _filler_near(w: Word, s: Stretch) -> bool:
    """``w`` is a filler (the model's or one heard) within :data:`NEIGHBOUR_FILLER_S`."""
    if max(w.start - s.end, s.start - w.end) > NEIGHBOUR_FILLER_S:
        return False
    return bool(_MODEL_FILLER.match(_core(w.text))) or is_heard(w.text)


def _overlap(w: Word, s: Stretch) -> float:
    return min(w.end, s.end) - max(w.start, s.start)


def _label_of(text: str) -> str | None:
    core = _core(text)
    if core.startswith("u") or core.startswith("e"):
        return "um" if core.endswith("m") else "uh"
    return "hm" if core.startswith(("h", "m")) else None


def _core(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())
