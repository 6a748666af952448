"""Match cue phrases from a rubric against spoken text.

Transcripts are lowercase-insensitive, punctuation-poor and full of
inflections, so both sides are normalised the same way and single-word cues
also match their common inflections ("monitor" finds "monitoring",
"monitored"). Hyphens and slashes count as spaces ("trade-off" = "trade off").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

_SUFFIXES = r"(?:s|es|ed|d|ing|er|ers|ly|ation|ations)?"


def normalise_text(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"[-/–—]", " ", t)
    t = re.sub(r"[^\w\s'%.$]", " ", t)
    t = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", t)  # full stops go, decimal points stay
    return " " + re.sub(r"\s+", " ", t).strip() + " "


_INFLECTIONS = ("ing", "ed", "es", "s")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


def word_form(word: str) -> str:
    """``word`` without its inflection, so that the forms of one word meet ("decide",
    "deciding", "decided"; "latency", "latencies"; "plan", "planned") and two words do
    not ("night" and "nightly", "foot" and "football", "late" and "latency"): what a
    word-for-word comparison of two texts goes by, where cut to its first letters "night"
    had met the rubric's "nightly"."""
    w = word.lower().strip("'").removesuffix("'s")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    else:
        for end in _INFLECTIONS:
            if w.endswith(end) and len(w) - len(end) >= 3 and not w.endswith("ss"):
                w = w[: -len(end)]
                break
    return _DOUBLED.sub(r"\1", w.rstrip("e")) if len(w) > 3 else w


_SPELLED_OUT = {"'ll": "will", "'m": "am", "'re": "are", "'ve": "have", "'d": "would"}
"""Contractions a speaker may say in full ("I will explain", "we are going to")."""
_IS_AFTER = frozenset({"that", "it", "what", "there", "here", "this", "who"})
"""Words whose "'s" is "is", said in full as often as not ("That is the whole idea",
"once it is live"); elsewhere "'s" is a possessive."""


def _word(word: str) -> str:
    """``word`` as a pattern; a contraction also matches said in full ("i'll" finds
    "i will", "that's" finds "that is"): a cue list holds one form of a phrase, not both."""
    for short, full in _SPELLED_OUT.items():
        if word.endswith(short) and len(word) > len(short):
            base = re.escape(word[: -len(short)])
            return rf"{base}(?:{re.escape(short)}|\s+{full})"
    if word.endswith("'s") and word[:-2] in _IS_AFTER:
        return rf"{re.escape(word[:-2])}(?:'s|\s+is)"
    return re.escape(word)


def said_as(cue: str) -> str:
    """A pattern for ``cue``'s words as said, in lower case: "i'll cover" also as "i will
    cover"."""
    return r"\s+".join(_word(w) for w in normalise_text(cue).split())


def _pattern(cue: str) -> str:
    words = normalise_text(cue).split()
    body = said_as(cue)
    last = words[-1]
    if last.isalpha() and len(last) >= (4 if len(words) == 1 else 3):
        body += _SUFFIXES
    return r"(?<![\w'])" + body + r"(?![\w'])"


@functools.lru_cache(maxsize=16384)
def _compiled(cue: str) -> re.Pattern[str]:
    """``cue``'s pattern, compiled once for every index that holds it: an analysis builds
    a dozen indexes over the rubric's six hundred cues, more than the ``re`` module keeps
    compiled, and compiling them again took most of the time of scoring an answer."""
    return re.compile(_pattern(cue))


MEMO_SIZE = 4096
"""Texts whose hits an index remembers: a live answer's sentences are scored as they
complete and again at the end, so the end only matches the sentences that are new."""


class CueIndex:
    """Finds which of several named cue lists occur in a text, and where."""

    def __init__(self, cues: Mapping[str, Iterable[str]]) -> None:
        self._patterns: dict[str, list[tuple[str, re.Pattern[str]]]] = {
            key: [(c, _compiled(c)) for c in dict.fromkeys(phrases) if c.strip()]
            for key, phrases in cues.items()
        }
        self._memo: dict[str, dict[str, list[str]]] = {}

    def hits(self, text: str) -> dict[str, list[str]]:
        """For each key, the distinct cues found in ``text``, in the order they are said
        (a longer cue wins where two overlap)."""
        found = self._memo.get(text)
        if found is None:
            found = self._match(text)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.pop(next(iter(self._memo)))
            self._memo[text] = found
        return {key: list(names) for key, names in found.items()}

    def _match(self, text: str) -> dict[str, list[str]]:
        norm = normalise_text(text)
        found: dict[str, list[str]] = {}
        for key, patterns in self._patterns.items():
            spans: list[tuple[int, int]] = []
            names: list[tuple[int, str]] = []
            for cue, pat in sorted(patterns, key=lambda p: -len(p[0])):
                for m in pat.finditer(norm):
                    if any(m.start() < e and m.end() > s for s, e in spans):
                        continue
                    spans.append((m.start(), m.end()))
                    names.append((m.start(), cue))
                    break
            if names:
                found[key] = [cue for _, cue in sorted(names)]
        return found


BINDS = frozenset(
    "the a an of our my your this that these those its their to in on at for by".split()
)
"""A word that ties what follows to the phrase before it ("the order of the first fifty")."""


_PREPOSITION = re.compile(r"(?<=next) to\b")
"""A signpost word that, with the word after it, says where a thing is: "store them in a
vector index next to a BM25 keyword index" (cut for length before "next", it opened a
piece) and "it runs next to the upload service" were counted as moves to the next part."""


def opens_clause(text: str, cue: str, said_before: str = "") -> bool:
    """A signpost only counts where a clause begins ("Second, the data", not "a second
    model"): within the first words of the sentence or right after punctuation.
    ``said_before`` is the start of the sentence when ``text`` carries it on, cut for
    length: its first words then begin a clause only if the word before them does not
    tie them to what was said ("we pick the order of the | first fifty or so")."""
    low = " ".join(text.lower().replace("-", " ").split())
    said = said_before.lower().split()
    for m in re.finditer(said_as(cue), low):
        before = low[: m.start()].rstrip()
        if _PREPOSITION.match(low, m.end()):
            # "next to a BM25 index", "recall, next to the false decline rate": beside,
            # not what comes next, after a comma too
            continue
        if before.endswith((",", ".", ";", ":", "?", "!")):
            return True
        if before.endswith(" at") or before == "at":
            continue  # "at first" tells when, not which part comes next
        if len(cue.split()) == 1 and _SPAN.match(low, m.end()):
            continue  # "for the first two months", "next week": a span of time or a count
        if not before or len(before.split()) <= 2:
            last = (before.split() or said or [""])[-1].strip(",;:")
            if _COUNTED.fullmatch(last):
                continue  # "three seconds at p95", "a ten | second clip": a unit
            if (
                len(cue.split()) == 1
                and _ENDS_CLAUSE.match(low, m.end())
                and not all(w.strip(",") in _DISCOURSE for w in before.split())
            ):
                continue  # "…goes to a ten | percent canary first.": beforehand
            if not said or last not in BINDS:
                return True
    return False


_COUNT = (
    r"\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    r"thirty|fifty|hundred|thousand|few|couple|several"
)
"""A count, in figures or words."""
_COUNTED = re.compile(rf"{_COUNT}|per|eleven|forty|sixty|ninety")
"""A count or "per" right before "second" makes it a unit of time ("per second", "a ten
second clip"): no move to a second part."""
_SPAN = re.compile(
    rf" (?:{_COUNT}|days?|weeks?|months?|quarters?|years?|hours?|minutes?|night|morning|"
    r"sprints?)\b"
)
"""What follows a signpost word that makes it a span of time or a count ("for the first
two months", "in the first week", "next month", "the first fifty"): when, or how many,
not a move to the next part."""
_ENDS_CLAUSE = re.compile(r"\s*(?:[.,;!?]|$)")
_DISCOURSE = frozenset("so and okay ok um uh well then now right alright yeah".split())
"""Words that may come before a signpost word that ends its clause ("Okay, so first."); after
words of a clause ("…a canary first.") the word says when, not which part comes next. A
phrase before a colon opens what follows ("To pull it together: …")."""
