"""How many words a transcript token stands for when spoken.

Whisper writes "100", "1.5%", "$20", "p99" and "10x" where a speaker said
several words, so counting tokens under-counts fast, number-heavy answers.
Pace is measured on this spoken form instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
_SUFFIX_WORDS = {
    "%": ["percent"],
    "x": ["times"],
    "k": ["thousand"],
    "m": ["million"],
    "b": ["billion"],
    "ms": ["milliseconds"],
    "s": ["seconds"],
    "st": [],
    "nd": [],
    "rd": [],
    "th": [],
}
_TOKEN = re.compile(r"^([$€£]?)(\d[\d,]*(?:\.\d+)?)([a-z%]*)$")
_PUNCT = "\"'“”‘’.,!?;:()[]{}…-—"


def integer_words(n: int) -> list[str]:
    """English words for a non-negative integer ("1200" -> one thousand two hundred)."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [_ONES[hundreds], "hundred"] + (integer_words(rest) if rest else [])
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            return integer_words(high) + [name] + (integer_words(rest) if rest else [])
    raise AssertionError("unreachable")


def _number_words(digits: str) -> list[str]:
    whole, _, frac = digits.replace(",", "").partition(".")
    n = int(whole)
    if len(whole) == 4 and not frac and 1100 <= n <= 2099 and n % 100:
        # years are read in pairs: 2024 -> twenty twenty four
        return integer_words(n // 100) + integer_words(n % 100)
    words = integer_words(n)
    if frac:
        words += ["point"] + [_ONES[int(d)] for d in frac]
    return words


def spoken_words(token: str) -> list[str]:
    """The words a speaker most likely said for one transcript token."""
    core = token.strip(_PUNCT).lower()
    if not core:
        return []
    parts = [p for p in re.split(r"[/–]", core) if p]
    if len(parts) > 1:  # A/B, 10–20
        return [w for p in parts for w in spoken_words(p)]
    pieces = [p for p in core.split("-") if p]
    if len(pieces) > 1:  # real-time, drop-off, gpt-4: each part is said
        return [w for p in pieces for w in spoken_words(p)]
    match = _TOKEN.match(core)
    if match:
        currency, digits, suffix = match.groups()
        words = _number_words(digits)
        words += _SUFFIX_WORDS.get(suffix, [suffix] if suffix else [])
        if currency:
            words.append(_CURRENCY[currency])
        return words
    letters_digits = re.match(r"^([a-z]+)(\d+)$", core)
    if letters_digits:  # p99, gpt4, l2
        return [letters_digits.group(1)] + _number_words(letters_digits.group(2))
    return [core]


def spoken_word_count(tokens: list[str] | tuple[str, ...]) -> int:
    return sum(len(spoken_words(t)) for t in tokens)


def count_words_in_text(text: str) -> int:
    """Spoken-word count of free text (used for ground truth and typed answers)."""
    return spoken_word_count(text.split())


# -- words the model was unsure of --------------------------------------------------------
#
# tiny.en splits a long word it does not know into short ones ("candidates" -> "can the
# dates", "optimising for" -> "up to my info", "offline" -> "off line", "follows" ->
# "far-long"), mostly at fast rates: counted as tokens, the speech rate read high. Those
# pieces come with low confidence, and they keep the sound of the word, so a run of them
# is counted by its syllables, at the answer's own syllables per word.

UNSURE = 0.6
"""Below this confidence a word may be a piece of a longer one."""
BRIDGE = 1
"""A word the model was sure of between two it was unsure of is in their run: of the
pieces of one split word tiny.en is often sure of one ("up to my thing for..." for
"optimising for" at 200 wpm, "thing" at 0.67 between "my" and "for..."; "part of it is"
for "positives", "of" at 0.88)."""
MIN_SURE_WORDS = 20
"""Fewer confident words than this say too little about the speaker's syllables per word
(on five-word clips of real voices the English average, 1.5, read 25 % low): such short
answers are counted as written."""
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """About how many syllables a written English word has (vowel groups, less a silent
    final e); at least one."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(_VOWELS.findall(w)))


def word_weights(
    tokens: Sequence[str], confidence: Sequence[float], fixed: Sequence[bool] = ()
) -> list[float]:
    """How many spoken words each transcript token stands for.

    A token the model was sure of counts its :func:`spoken_words`. A run of tokens it was
    unsure of (two or more in a row, or one hyphenated word-piece such as "far-long"; a
    lone sure token between two unsure ones is in the run, see :data:`BRIDGE`)
    counts by its syllables, at the syllables per word of the answer's confident words
    (given at least :data:`MIN_SURE_WORDS` of them), and never as more words than the
    model wrote there: pieces of a split word only ever add tokens, so a run of long
    words heard right but unsure ("normalised discounted gain" at 0.4) stays three words,
    not the four its syllables would make at 1.4 a word, each token as written. Each
    token of a run counted at fewer words gets its share of the run's count by its
    syllables.
    ``fixed`` marks tokens that count one each whatever their confidence (filled pauses
    heard in the audio).
    """
    n = len(tokens)
    fixed = list(fixed) or [False] * n
    said = [spoken_words(t) for t in tokens]
    out = [1.0 if fixed[i] else float(len(said[i])) for i in range(n)]
    sure = [i for i in range(n) if confidence[i] >= UNSURE and not fixed[i]]
    sure_words = sum(len(said[i]) for i in sure)
    if sure_words < MIN_SURE_WORDS:  # too short to know this speaker's words: as written
        return out
    ratio = sum(syllables(w) for i in sure for w in said[i]) / sure_words
    unsure = [confidence[i] < UNSURE and not fixed[i] and bool(said[i]) for i in range(n)]
    i = 0
    while i < n:
        if not unsure[i]:
            i += 1
            continue
        j = i
        while j < n and unsure[j]:
            j += 1
            if j < n and not unsure[j] and _bridged(j, unsure, fixed, said):
                j += BRIDGE
        run = range(i, j)
        pieced = any("-" in tokens[k].strip("-") and not re.search(r"\d", tokens[k]) for k in run)
        if j - i >= 2 or pieced:
            sounds = [
                0 if _says_again(tokens, k, i) else sum(syllables(w) for w in said[k]) for k in run
            ]
            written = sum(len(said[k]) for k in run)
            count = sum(sounds) / ratio
            if count < written:  # as many words as written or more: each token as written
                for k, sound in zip(run, sounds, strict=True):
                    out[k] = count * sound / sum(sounds)
        i = j
    return out


def _says_again(tokens: Sequence[str], k: int, first: int) -> bool:
    """Token ``k`` of a run of unsure tokens starting at ``first`` writes the token before
    it again: the model going round on sound it cannot make out ("Never, never, never,"
    at 0.05-0.32 for "Then a heavier", en-us+m3 at 200 wpm), which adds tokens and no
    sound. Its syllables count once."""
    if k <= first:
        return False
    word = re.sub(r"[^a-z0-9]", "", tokens[k].lower())
    return bool(word) and word == re.sub(r"[^a-z0-9]", "", tokens[k - 1].lower())


def _bridged(j: int, unsure: Sequence[bool], fixed: Sequence[bool], said) -> bool:
    """Whether the :data:`BRIDGE` sure tokens from ``j`` sit between two unsure ones and
    so belong to their run."""
    k = j + BRIDGE
    if k >= len(unsure) or not unsure[k]:
        return False
    return all(not fixed[m] and said[m] for m in range(j, k))
