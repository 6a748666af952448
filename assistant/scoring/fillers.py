"""Find filler words in a transcript, by context.

Filled pauses (um, uh, er, ah, hmm, mm) always count. Discourse markers count
only where they carry no meaning: "like" in "it was, like, huge" but not in
"I'd like to" or "looks like"; "you know," but not "do you know the rate";
"kind of slow" but not "what kind of model". Whisper's punctuation around a
word is one of the strongest hints, so tokens keep it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

_FILLED = [
    (re.compile(r"^u+h*m+$"), "um"),
    (re.compile(r"^u+h+$"), "uh"),
    (re.compile(r"^e+r+m+$"), "um"),
    (re.compile(r"^e+r+$"), "er"),
    (re.compile(r"^a+h+$"), "ah"),
    (re.compile(r"^h+m+$"), "hmm"),
    (re.compile(r"^m+h*m+$"), "mm"),
]
DISCOURSE_MARKERS = {"basically", "actually", "literally"}

_END_PUNCT = (",", ".", "?", "!", ";", ":", "…", "-", "—")
_LIKE_NOT_AFTER = {
    # a noun after a determiner: "a few actions, a like, a comment, a share"
    "a",
    "the",
    "each",
    "every",
    "one",
    "per",
    "their",
    "your",
    "our",
    "would",
    "i'd",
    "we'd",
    "you'd",
    "they'd",
    "he'd",
    "she'd",
    "i",
    "we",
    "you",
    "they",
    "to",
    "don't",
    "didn't",
    "doesn't",
    "feel",
    "feels",
    "felt",
    "look",
    "looks",
    "looked",
    "looking",
    "seem",
    "seems",
    "seemed",
    "sound",
    "sounds",
    "sounded",
    "something",
    "anything",
    "nothing",
    "things",
    "stuff",
    "much",
    "more",
    "less",
    "really",
    "also",
    "would've",
    "just",
    "exactly",
    "not",
    "likes",
    "people",
    "users",
    # a verb after a modal or an adverb: "songs they will probably like, and…"
    "will",
    "won't",
    "might",
    "may",
    "could",
    "should",
    "can",
    "probably",
    "still",
    "usually",
    "always",
    "never",
    "actually",
    "definitely",
    "customers",
    "listeners",
    "viewers",
    "readers",
    "members",
}
_MARKER_NOT_AFTER = {"what", "who", "which", "that", "how", "where", "whether", "when", "if"} | {
    "can",
    "could",
    "will",
    "would",
    "might",
    "may",
    "must",
    "should",
}
"""After these, "actually" or "literally" picks out what really happened ("compared with
what actually sold", "who actually churned", "what the team can actually handle"): it
says something."""
_SET_OFF_MARKERS = {"actually", "literally"}
"""Inside a phrase these say something ("the product they actually want", "or actually a
transformer", "were literally on screen"); they fill only where they are set off, as a
phrase of their own ("Actually, let me step back", "so, literally, we…") or beside an
"um"."""
# "the recall was like terrible": after a form of "be", "like" before a word that
# describes (not a thing compared to, "it is like glue", "was like a buffer") is a
# filler; Whisper often leaves out the commas that would say so
_BE = {"is", "was", "are", "were", "be", "been", "it's", "that's", "they're", "we're", "it'd"}
_INTENSIFIERS = {
    "really",
    "so",
    "very",
    "super",
    "totally",
    "pretty",
    "way",
    "completely",
    "just",
    "kind",
    "sort",
    "kinda",
    "sorta",
    "almost",
    "basically",
    "literally",
    "actually",
}
_DESCRIBING = {
    "awful",
    "terrible",
    "bad",
    "good",
    "great",
    "huge",
    "tiny",
    "slow",
    "fast",
    "crazy",
    "insane",
    "broken",
    "weird",
    "wrong",
    "low",
    "high",
    "big",
    "small",
    "noisy",
    "cheap",
    "hard",
    "easy",
    "horrible",
    "amazing",
    "perfect",
    "fine",
    "okay",
    "ok",
    "worse",
    "better",
    "flat",
    "dead",
    "messy",
    "stale",
    "late",
    "old",
    "new",
    "random",
    "nuts",
}
_DESCRIBING_ENDS = ("ful", "ous", "ible", "able", "ive", "less", "ly")
_YOU_KNOW_NOT_AFTER = {
    "do",
    "did",
    "don't",
    "didn't",
    "if",
    "as",
    "would",
    "will",
    "should",
    "to",
    "let",
    "might",
    "can",
    "could",
    "you",
    "that",
    "what",
    "whether",
    "how",
    "where",
    "when",
    "we",
    "they",
}
_OBJECTS = {
    "what",
    "how",
    "that",
    "the",
    "a",
    "an",
    "it",
    "this",
    "these",
    "those",
    "why",
    "where",
    "when",
    "who",
    "whether",
    "if",
    "about",
    "each",
    "all",
    "him",
    "her",
    "them",
    "me",
    "us",
    "your",
    "my",
    "our",
    "their",
    "more",
    "exactly",
    "which",
    "everything",
    "anything",
}
_SO_MEANINGFUL_BEFORE = {
    "think",
    "hope",
    "not",
    "do",
    "did",
    "say",
    "said",
    "believe",
    "guess",
    "is",
    "was",
    "and",
    "or",
    "even",
    "more",
    "less",
    "very",
    "just",
    "if",
    "why",
    "suppose",
}
_I_MEAN_NOT_BEFORE = {"what", "do", "don't", "did", "didn't", "that's", "if", "i"}
_I_MEAN_NOT_NEXT = {"it", "that", "to", "what", "is", "was", "by", "for"}
_KIND_NOT_AFTER = {
    "per",  # "a different lean per kind of product"
    "by",
    "what",
    "this",
    "that",
    "the",
    "a",
    "any",
    "some",
    "which",
    "each",
    "every",
    "same",
    "other",
    "one",
    "these",
    "those",
    "different",
    "new",
    "right",
    "wrong",
    "its",
    "their",
    "our",
    "your",
    "my",
    "his",
    "her",
    "all",
    "no",
    "another",
    "first",
    "last",
    "particular",
    "specific",
    "certain",
    "main",
    "two",
    "three",
    "many",
    "several",
    "various",
    "similar",
}


_HEDGING_ADVERBS = {"really", "very", "pretty", "quite", "bit", "little", "just"}


def _described_kind(article: str, before: str) -> bool:
    """ "a careful sort of those", "the same rough kind of check": a kind or a sort
    with a word that describes it after an article is the noun, not a hedge ("it's a
    really kind of messy" hedges)."""
    return article in ("a", "an", "the") and before not in _HEDGING_ADVERBS


_CONTRACTED_HEDGES = {"kinda": "kind of", "sorta": "sort of"}
"""How Whisper writes a hedging "kind of" said quickly ("kinda noisy"); "what kinda
model" is a question about kinds, as with "kind of"."""

_TWO_WORD = {  # phrase -> (words before it, words after it) that make it meaningful
    ("you", "know"): (_YOU_KNOW_NOT_AFTER, _OBJECTS),
    ("i", "mean"): (_I_MEAN_NOT_BEFORE, _I_MEAN_NOT_NEXT),
}


@dataclass(frozen=True)
class FillerHit:
    """A filler spanning tokens ``first``..``last`` (inclusive), named canonically."""

    first: int
    last: int
    word: str


def plain_token(token: str) -> str:
    return token.strip("\"'“”‘’.,!?;:()[]{}…—").lower().replace("’", "'")


HEARD_NAMES = {"(uh)": "uh", "(um)": "um", "(hm)": "hmm", "(hesitation)": "filled pause"}
"""Filled pauses found in the audio (speech.filled_pauses), as written in the transcript."""


def filled_pause(token: str) -> str | None:
    if token in HEARD_NAMES:
        return HEARD_NAMES[token]
    if token.lstrip('"“').startswith(("'", "’")):  # "'er" is "her", elided
        return None
    core = plain_token(token).replace("-", "")
    for pattern, name in _FILLED:
        if pattern.match(core):
            return name
    return None


def find_fillers(
    tokens: Sequence[str], pauses_after: Set[int] = frozenset(), guessed: Set[int] = frozenset()
) -> list[FillerHit]:
    """Fillers in transcript ``tokens`` (words as Whisper wrote them, punctuation kept).

    ``pauses_after`` holds indices of tokens followed by a measured pause: a pause
    marks a phrase boundary as well as a comma does (Whisper often drops the comma
    in "like, in practice"). ``guessed`` holds indices of tokens the speech model wrote
    with under :data:`GUESSED_P` probability: a filler word all of whose words it
    guessed so is not counted (see :data:`GUESSED_P`); a filled pause ("um", "uh") is.
    """
    hits = _find_fillers(tokens, pauses_after)
    return [h for h in hits if not _guessed_word(tokens, h, guessed)]


GUESSED_P = 0.2
"""Below this probability a filler word ("like", "I mean") is the speech model's guess at
words it did not make out, not one the speaker said: "There is a real choice here" came
back "I mean, a real choice" (0.11 and 0.13), "the model I would pick" came back "the
model, like, would pick" ("like" at 0.14), each counted as a filler never said (espeak-ng
answers with none in them). Said fillers came back at 0.22 or more on the synthetic dev
and twin lines (a "You" at 0.22, stamped with no time of its own, then "know"). Filled
pauses are not held to it: the model writes a said "Umm" at 0.04-0.35."""


def _guessed_word(tokens: Sequence[str], hit: FillerHit, guessed: Set[int]) -> bool:
    """``hit`` is a filler word (not a filled pause) the model guessed every word of."""
    if any(filled_pause(tokens[k]) for k in range(hit.first, hit.last + 1)):
        return False
    return all(k in guessed for k in range(hit.first, hit.last + 1))


def _find_fillers(tokens: Sequence[str], pauses_after: Set[int]) -> list[FillerHit]:
    """Fillers in ``tokens`` by their words and context alone (see :func:`find_fillers`)."""
    norm = [plain_token(t) for t in tokens]
    n = len(tokens)
    hits: list[FillerHit] = []

    def ends_phrase(i: int) -> bool:
        return i >= n - 1 or i in pauses_after or tokens[i].rstrip("\"'”’").endswith(_END_PUNCT)

    def starts_phrase(i: int) -> bool:
        return i == 0 or ends_phrase(i - 1) or filled_pause(tokens[i - 1]) is not None

    def is_filled(i: int) -> bool:
        return 0 <= i < n and filled_pause(tokens[i]) is not None

    def word(i: int) -> str:
        return norm[i] if 0 <= i < n else ""

    i = 0
    while i < n:
        w = norm[i]
        name = filled_pause(tokens[i])
        if name:
            hits.append(FillerHit(i, i, name))
        elif w in DISCOURSE_MARKERS and _marker_is_filler(
            i, w, word, ends_phrase, starts_phrase, is_filled
        ):
            hits.append(FillerHit(i, i, w))
        elif w == "like" and _like_is_filler(i, word, ends_phrase, starts_phrase, is_filled):
            hits.append(FillerHit(i, i, "like"))
        elif (w, word(i + 1)) in _TWO_WORD and _two_word_is_filler(
            i, _TWO_WORD[(w, word(i + 1))], word, ends_phrase, starts_phrase, is_filled
        ):
            hits.append(FillerHit(i, i + 1, f"{w} {word(i + 1)}"))
            i += 1
        elif (
            is_filled(i + 1)
            and (w, word(i + 2)) in _TWO_WORD
            and (
                ends_phrase(i + 2)
                or (starts_phrase(i) and word(i + 3) not in _TWO_WORD[(w, word(i + 2))][1])
            )
        ):  # a filled pause heard inside the phrase: "I (um) mean, we could…" is both
            hits.append(FillerHit(i + 1, i + 1, filled_pause(tokens[i + 1]) or "filled pause"))
            hits.append(FillerHit(i, i + 2, f"{w} {word(i + 2)}"))
            i += 2
        elif (
            w in ("kind", "sort")
            and word(i + 1) == "of"
            and not ends_phrase(i)
            and word(i - 1) not in _KIND_NOT_AFTER
            and not _described_kind(word(i - 2), word(i - 1))
        ):
            hits.append(FillerHit(i, i + 1, f"{w} of"))
            i += 1
        elif w in _CONTRACTED_HEDGES and not ends_phrase(i) and word(i - 1) not in _KIND_NOT_AFTER:
            hits.append(FillerHit(i, i, _CONTRACTED_HEDGES[w]))
        elif w == "so" and _so_is_filler(i, tokens, word, is_filled, starts_phrase):
            hits.append(FillerHit(i, i, "so"))
        elif w == "right" and _right_is_filler(i, tokens, ends_phrase, starts_phrase):
            hits.append(FillerHit(i, i, "right"))
        i += 1
    return hits


_SUBJECT_PRONOUNS = {"i", "we", "you", "they", "it", "he", "she", "i'd", "we'd", "i'll", "we'll"}
_SUBJECT_PRONOUNS |= {"i'm", "we're", "it's", "that's", "there's", "this", "that", "there"}


def _marker_is_filler(i, w, word, ends_phrase, starts_phrase, is_filled) -> bool:
    if word(i - 1) in _MARKER_NOT_AFTER:
        return False
    if w == "basically" and word(i - 1) in _BE:
        # "that's basically how I'd do it", "the weights are basically a product decision":
        # after "is" it says the thing is so in essence, as "essentially" would
        return is_filled(i - 1) or is_filled(i + 1) or ends_phrase(i)
    if w not in _SET_OFF_MARKERS:
        return True
    if ends_phrase(i) or is_filled(i - 1) or is_filled(i + 1):
        return True
    # opening a phrase with nothing setting it off from the clause it opens, "actually"
    # says the speaker is putting something right ("Okay, actually I should have said
    # this first", "Actually we need two models"): "in fact", not a filler
    return starts_phrase(i) and word(i + 1) not in _SUBJECT_PRONOUNS


def _like_is_filler(i, word, ends_phrase, starts_phrase, is_filled) -> bool:
    # set off on both sides mid-sentence ("We would, like, retrain every week"), it is
    # no verb whatever comes before it: "would like" wants something, "would, like," does not
    aside = i > 0 and word(i + 1) != "" and starts_phrase(i) and ends_phrase(i)
    if word(i - 1) in _LIKE_NOT_AFTER and not aside:
        return False
    if ends_phrase(i) and not is_filled(i - 1) and _a_described_like(i, word, ends_phrase):
        return False  # a hesitation after it starts the next phrase: "a weak like. Uh, for"
    if is_filled(i - 1) or is_filled(i + 1) or word(i + 1) == "like":
        return True
    if ends_phrase(i) and not _gives_examples(i, word, starts_phrase):
        if _names_an_example(i, word, ends_phrase):
            return False
        return True  # "it was like, huge" / "Like, we could..."
    if word(i - 1) in _BE and _describes(word(i + 1)):  # "it was like awful"
        return True
    if word(i - 1) in _BEFORE_AN_AMOUNT and _amount(word(i + 1)):
        return True  # "we had like three weeks": a hedge, where "values like 50" is not
    # ", like the" is still usually a comparison ("models, like the ones we have")
    return False


def _a_described_like(i, word, ends_phrase) -> bool:
    """ "a full listen is a weak like.": "like" ending a phrase after a determiner and one
    word describing it, none of them set off, is the noun (as "a like" is, see
    :data:`_LIKE_NOT_AFTER`): "a strong like,", "every single like.", "the first like."
    Set off ("It was a, like, huge") or after a verb or "is" it stays a filler."""
    return (
        word(i - 2) in _DETERMINERS | {"each", "every", "no", "any"}
        and word(i - 1) not in _NOT_A_NAME
        and not ends_phrase(i - 2)
        and not ends_phrase(i - 1)
    )


def _gives_examples(i, word, starts_phrase) -> bool:
    """ "Simple words like, stop, we understand on the speaker": after a plural noun with
    no comma between, "like" brings in examples, whatever comma the speech model wrote
    after it (it wrote "words like, stop" and "details like, 10 minutes" for what was
    read without one); "it takes like, two seconds" hedges after a verb."""
    before = word(i - 1)
    plural = (
        len(before) > 3
        and before.endswith("s")
        and not before.endswith(("ss", "us", "is", "'s"))
        and before not in _BE | _BEFORE_AN_AMOUNT | _VERBS_IN_S
    )
    return plural and not starts_phrase(i) and word(i - 2) not in _SUBJECTS


_DETERMINERS = {"a", "an", "the", "some", "our", "your", "their", "its", "my", "this", "these"}
_DETERMINERS |= {"those", "another", "one"}
_NOT_A_NAME = _SUBJECT_PRONOUNS | _DETERMINERS | _LIKE_NOT_AFTER | _INTENSIFIERS | _OBJECTS
_NOT_A_NAME |= _BE | {"and", "or", "but", "so", "then", "in", "on", "at", "for", "with", "by"}
_NOT_A_NAME |= {"of", "from", "if", "because", "when", "while", "like", "yeah", "no", "yes"}
_NOT_A_NAME |= {"now", "today", "yesterday", "tomorrow", "later", "soon", "again", "once", "twice"}


def _names_an_example(i, word, ends_phrase) -> bool:
    """ "keep them in a cache, like Redis, and": after a thing named with its article
    and set off by a comma, "like" and one name ending the phrase (or joined by "and"/
    "or") give an example of it, whatever comma the speech model wrote after "like" (it
    wrote "a cache, like, release and the model"). Before a word that starts a clause
    or describes ("the users, like, they want it", "a model, like, really fast") it
    fills."""
    if word(i - 2) not in _DETERMINERS or word(i - 1) in _DETERMINERS or not ends_phrase(i - 1):
        return False
    name = word(i + 1)
    if not name or name in _NOT_A_NAME or _describes(name) or _amount(name):
        return False
    return ends_phrase(i + 1) or word(i + 2) in ("and", "or", "")


_VERBS_IN_S = {"does", "goes", "says", "gets", "makes", "means", "works", "feels", "seems"}
_SUBJECTS = {"it", "he", "she", "that", "this", "which", "who", "what", "everything"}
"""Before a word ending in "s", these make it a verb ("it runs like, twice as fast")."""


_BEFORE_AN_AMOUNT = {
    "had", "have", "has", "took", "take", "takes", "got", "get", "gets", "spent", "spend",
    "cost", "costs", "needed", "need", "needs", "lasted", "for", "in", "within", "about",
    "around", "under", "over", "only", "just", "maybe", "probably",
}  # fmt: skip
"""Words after which "like" before an amount hedges it ("had like three weeks", "for
like two days"), where after a noun it gives an example ("values like 50 ms", "something
like 50 ms"). After "was" it is left uncounted, as a comparison may be meant ("the
latency was like 200 ms")."""
_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "half",
}  # fmt: skip


def _amount(w: str) -> bool:
    """``w`` starts an amount: "three", "50", "5%"."""
    return w in _NUMBER_WORDS or (w[:1].isdigit())


def _describes(w: str) -> bool:
    """``w`` describes rather than names a thing: "awful", "really", "expensive"; not
    "glue", "a", "cable"."""
    if w in _INTENSIFIERS or w in _DESCRIBING:
        return True
    return len(w) > 6 and w.endswith(_DESCRIBING_ENDS) and not w.endswith("ives")


def _two_word_is_filler(i, words_around, word, ends_phrase, starts_phrase, is_filled) -> bool:
    """ "you know" / "I mean": a filler unless it has a subject or object around it
    ("do you know the rate", "what I mean is")."""
    not_after, not_next = words_around
    if word(i - 1) in not_after and not starts_phrase(i):
        return False
    if ends_phrase(i + 1) or is_filled(i + 2) or is_filled(i - 1):
        return True
    return starts_phrase(i) and word(i + 2) not in not_next


def _so_is_filler(i, tokens, word, is_filled, starts_phrase) -> bool:
    if word(i - 1) == "or":  # "ten seconds or so, so the check…": about ten seconds
        return False
    if word(i + 1) in ("so", "like"):
        return True
    if is_filled(i + 1) and not starts_phrase(i):  # "and so um we..." (a sentence-opening
        return True  # "So, um," is signposting followed by the filler itself)
    raw = tokens[i].rstrip("\"'”’")
    trailing_off = raw.endswith(("...", "…")) or (raw.endswith(".") and i > 0)
    return trailing_off and word(i - 1) not in _SO_MEANINGFUL_BEFORE


def _right_is_filler(i, tokens, ends_phrase, starts_phrase) -> bool:
    raw = tokens[i].rstrip("\"'”’")
    if raw.endswith("?"):
        # a tag question ("...at scale, right?", "Right?"), not a word asked about ("how
        # much of it was actually right?")
        return starts_phrase(i)
    return starts_phrase(i) and ends_phrase(i) and raw.endswith(",")
