"""What the interviewer knows about each answer: the words and the measured structure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.report import Report
from assistant.scoring.fillers import find_fillers, plain_token

DOUBTFUL_PROBABILITY = 0.5
"""A word the speech model was less sure of than this is never built on: no challenge
quotes it as the candidate's mistake."""
DOUBTFUL_SHARE = 0.25
"""A sentence with more of its words unsure than this is not taken as a question."""

MISHEARD = "[misheard]"
UNSURE = "[?]"
"""How an answer shown to an LLM marks what the speech model could not make out."""

_NUMBER_WITH_UNIT = re.compile(
    r"\b(?:\d[\d,.]*|(?:a |one |two |three |four |five |ten |twenty |fifty |a few |few )?"
    r"(?:hundred|thousand|million|billion)s?(?: and \w+)?(?: \w+)?)\s*(?:%|percent|ms|"
    r"milliseconds?|seconds?|minutes?|hours?|days?|weeks?|qps|tps|requests?|queries|messages|"
    r"payments|per second|a second|k\b|thousand|million|billion|gb|tb|dollars?)"
    # a count in the thousands or more is a scale, whatever it counts ("forty million
    # seekers", "2 billion events")
    r"|\b(?:\d[\d,.]*\s*|[a-z]+[ -])?(?:thousand|million|billion)s?\b(?: of)?(?: [a-z]+)?"
)


@dataclass(frozen=True)
class Sentence:
    text: str
    unsure: frozenset[str] = frozenset()
    """Words (lowercase, no punctuation) the speech model was less sure of than
    DOUBTFUL_PROBABILITY."""
    share_unsure: float = 0.0

    @property
    def doubtful(self) -> bool:
        """Too much of it was misheard to build on (a garbled statement can end in "?")."""
        return self.share_unsure > DOUBTFUL_SHARE

    def heard(self, phrase: str) -> bool:
        """Every word of ``phrase`` in this sentence was heard with confidence."""
        return not (set(_plain(phrase).split()) & self.unsure)


@dataclass(frozen=True)
class AnswerView:
    text: str
    covered: frozenset[str] = frozenset()
    strength: dict[str, float] = field(default_factory=dict)
    models_named: tuple[str, ...] = ()
    tradeoffs: int = 0
    depth: dict[str, int] = field(default_factory=dict)
    """Stage id -> depth 0-3 (absent, named, described, justified)."""
    said: dict[str, str] = field(default_factory=dict)
    """Stage id -> the sentence that reached that depth."""
    sentences: tuple[Sentence, ...] = ()

    @classmethod
    def of(cls, report: Report) -> AnswerView:
        sentences = tuple(_sentences(report))
        s = report.structure
        if s is None:
            return cls(report.transcript.text, sentences=sentences)
        return cls(
            text=report.transcript.text,
            covered=frozenset(x.id for x in s.stages if x.covered),
            strength={x.id: x.strength for x in s.stages},
            models_named=tuple(s.models.named),
            tradeoffs=len(s.tradeoffs),
            depth={x.id: x.depth for x in s.stages},
            said={x.id: x.depth_evidence.quote for x in s.stages if x.depth_evidence},
            sentences=sentences,
        )

    def heard(self) -> str:
        """The answer as an interviewer may build on it: a sentence mostly misheard is
        ``MISHEARD``, a word the speech model was unsure of ``UNSURE`` (a typed answer
        is its text)."""
        if not any(s.unsure for s in self.sentences):
            return self.text
        out: list[str] = []
        for s in self.sentences:
            if s.doubtful:
                if not out or out[-1] != MISHEARD:
                    out.append(MISHEARD)
                continue
            out += [UNSURE if _plain(w).strip() in s.unsure else w for w in s.text.split()]
        return " ".join(out)

    def hedged(self, model: str) -> bool:
        """``model`` is first named in a sentence that hedges ("maybe", "could", "or")."""
        name = _plain(model).split()
        for s in self.sentences:
            words = _plain(s.text).split()
            at = next((i for i in range(len(words)) if words[i : i + len(name)] == name), None)
            if at is not None:
                return bool(_HEDGED.search(" ".join(words[max(0, at - 4) : at])))
        return False

    def misheard(self, quote: str) -> bool:
        """``quote`` is, or holds, a sentence the speech model was unsure of."""
        said = quote.strip("\u2026 ")
        return any(s.doubtful and (s.text in said or said in s.text) for s in self.sentences)

    @property
    def numbers(self) -> list[str]:
        """Figures with units the candidate said ("150 ms", "4,000 a second"), and counts
        of thousands or more ("forty million seekers")."""
        return [m.group(0) for m in _NUMBER_WITH_UNIT.finditer(self.text.lower())]


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s']", " ", text.lower())


def _sentences(report: Report) -> list[Sentence]:
    out: list[Sentence] = []
    current: list[str] = []
    unsure: set[str] = set()

    def close() -> None:
        n_unsure = sum(1 for w in current if _plain(w).strip() in unsure)
        share = n_unsure / len(current) if current else 0.0
        out.append(Sentence(" ".join(current), frozenset(unsure), share))

    for w in report.transcript.words:
        current.append(w.text)
        if w.probability is not None and w.probability < DOUBTFUL_PROBABILITY:
            unsure.add(_plain(w.text).strip())
        if w.text.rstrip("\"')").endswith((".", "?", "!")):
            close()
            current, unsure = [], set()
    if current:
        close()
    return out


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s.strip()]


_TRAILING_QUESTION = re.compile(
    r",\s+(?=(?:and |so )?(?:what|where|how|which|who|why|when|do|does|did|is|are|can|"
    r"could|should|would|will)\b[^,]*\?$)"
)
_HEAD_WORDS = 4


def clauses(text: str) -> list[str]:
    """A statement the speech model ran into the next question ("...and people coming
    back next week, where do labels come from?") is a statement and a question."""
    if not text.rstrip().endswith("?"):
        return [text]
    m = _TRAILING_QUESTION.search(text)  # the last comma: no comma may follow it
    if m is None or len(text[: m.start()].split()) < _HEAD_WORDS:
        return [text]
    return [text[: m.start()] + ".", text[m.end() :]]


_EMPTY_WORDS = {"well", "so", "okay", "ok", "yeah", "yes", "right", "like", "oh", "and", "but"}
"""Words that say nothing on their own: an answer of these and fillers is no answer."""


_HESITATION = re.compile(
    r"\b(?:let me (?:just )?(?:think|see|check)(?: about (?:it|this|that))?(?: (?:a|for a) "
    r"(?:bit|second|moment|minute|sec))?|let's see|give me (?:a|one) (?:second|moment|minute|sec)|"
    r"(?:just |wait )?(?:a|one) (?:second|moment|minute|sec)|hold on|how (?:do|should|can) i "
    r"(?:put|say) (?:it|this|that)|where (?:do|should|can) i (?:even )?(?:start|begin)|i'm "
    r"thinking|i am thinking|good question|that's a good (?:one|question)|sorry)\b"
)
"""What a candidate says while gathering their thoughts ("let me think", "give me a
second", "where do I start"): words, but none of them an answer."""


def hesitation_only(text: str) -> bool:
    """``text`` was said, but holds only fillers and :data:`_HESITATION` ("um... uh...
    so... hmm, let me think, er"): the candidate is gathering their thoughts, not
    answering something else ("Okay." alone is no hesitation)."""
    low = text.lower().replace("\u2019", "'")
    paused = bool(_HESITATION.search(low) or find_fillers(low.split()))
    return paused and _own_words(text) == 0


_UNSURE = re.compile(
    r"\b(?:(?:i'm|i am|im) (?:really |just |honestly )?not (?:really |quite |so )?sure"
    r"(?: (?:about|of) (?:it|this|that|any of (?:it|this|that)))?|not sure"
    r"|(?:i )?(?:really |honestly )?(?:don't|do not|dunno)(?: really)? know"
    r"(?: (?:what to say|where to (?:start|begin)|about (?:it|this|that)))?|(?:i )?dunno"
    r"|(?:i have |i've got |i've )?no idea(?: (?:where to (?:start|begin)|what to say))?"
    r"|(?:i'd|i would|i'll|i will|i) (?:have to |need to |want to )?think"
    r"(?: about (?:it|this|that))?(?: a (?:bit|little))? more(?: about (?:it|this|that))?"
    r"|i (?:would |'d )?need (?:some |more )?(?:time(?: to think)?|to think)"
    r"(?: (?:about|on) (?:it|this|that))?(?: (?:a (?:bit|little) )?more)?"
    r"|nothing comes to mind|(?:my mind is|i'm|i am) (?:going )?blank(?:ing)?"
    r"|(?:i'm|i am) drawing a blank|(?:i'm|i am) (?:a bit |kind of |really )?stuck"
    r"|i can't (?:think of anything|say)|i have nothing|(?:i'll|i will|can i|let me) pass"
    r"|to be honest|honestly|sorry)\b"
)
"""How a candidate says they have nothing to say yet ("I'm not sure", "I don't know", "no
idea", "I would need to think about that more", "my mind is blank")."""


def unsure_only(text: str) -> bool:
    """``text`` says only that the candidate is not sure or does not know, with perhaps
    hesitation around it ("I'm not sure, I would need to think about that more."): no
    story, explanation or design begun, nothing to follow up ("I'm not sure it was
    right, but I rolled the model back" says something)."""
    low = text.lower().replace("\u2019", "'")
    if not _UNSURE.search(low):
        return False
    return _own_words(_UNSURE.sub(" ", low)) == 0


def nothing_said(text: str) -> bool:
    """``text`` holds no answer: hesitation, fillers, or only "I'm not sure"."""
    return _own_words(text) == 0 or hesitation_only(text) or unsure_only(text)


def said_something(views: Sequence[AnswerView]) -> bool:
    """Some answer holds a word of its own: "Um, uh, um, well, uh." holds none, so an
    interviewer has no thread in it to pull on."""
    return words_of_its_own(views) > 0


def words_of_its_own(views: Sequence[AnswerView]) -> int:
    """How many words the answers hold that are not fillers, :data:`_EMPTY_WORDS` or
    :data:`_HESITATION`."""
    return sum(_own_words(v.text) for v in views)


def _own_words(text: str) -> int:
    tokens = _HESITATION.sub(" ", text.lower().replace("\u2019", "'")).split()
    filler = {k for h in find_fillers(tokens) for k in range(h.first, h.last + 1)}
    return sum(
        1
        for k, t in enumerate(tokens)
        if k not in filler and plain_token(t) not in _EMPTY_WORDS and plain_token(t)
    )


def cumulative(views: Sequence[AnswerView]) -> tuple[frozenset[str], dict[str, float]]:
    """Stages covered in any answer so far, and their summed strength."""
    covered: set[str] = set()
    strength: dict[str, float] = {}
    for v in views:
        covered |= v.covered
        for k, x in v.strength.items():
            strength[k] = strength.get(k, 0.0) + x
    return frozenset(covered), strength


def deepest(views: Sequence[AnswerView]) -> tuple[dict[str, int], dict[str, str]]:
    """Each stage's best depth over the answers so far, and the sentence that reached it
    (none when the speech model was unsure of that sentence: it is never quoted back)."""
    depth: dict[str, int] = {}
    said: dict[str, str] = {}
    for v in views:
        for k, d in v.depth.items():
            if d > depth.get(k, 0):
                depth[k] = d
                said.pop(k, None)
                if k in v.said and not v.misheard(v.said[k]):
                    said[k] = v.said[k]
    return depth, said


_HEDGED = re.compile(r"\b(?:maybe|perhaps|possibly|might|could|optionally|or)\b")
"""Words that make a model named beside them an option, not the choice ("BM25 and maybe
an embedding nearest neighbour search")."""


def latest_named(views: Sequence[AnswerView]) -> str | None:
    """The model or component the candidate named most recently: of the latest answer
    that names one, the first named as a choice (in no hedged sentence), else the first."""
    for v in reversed(views):
        if v.models_named:
            return next((m for m in v.models_named if not v.hedged(m)), v.models_named[0])
    return None


_BARE = {
    name.lower(): name
    for name in (
        "XGBoost LightGBM CatBoost BERT DistilBERT GPT T5 CLIP Prophet ARIMA BM25 LambdaMART "
        "Whisper YOLO word2vec MinHash GraphSAGE ResNet EfficientNet DeepFM TF-IDF"
    ).split()
}
"""Names said without an article, as they are written."""
_BARE["tfidf"] = _BARE["tf idf"] = "TF-IDF"
_MASS = (
    "regression",
    "filtering",
    "factorization",
    "factorisation",
    "boosting",
    "learning",
    "bayes",
    "trees",
    "transformers",
    "hashing",
    "encoders",
    "rank",
    "forests",
    "networks",
)


_SPOKEN = {
    "two tower": "a two-tower model",
    "two-tower": "a two-tower model",
    "siamese": "a siamese network",
    "wide and deep": "a wide-and-deep model",
    "deep and cross": "a deep-and-cross network",
}


def with_article(name: str) -> str:
    """ "a deep neural network", "an isolation forest", "XGBoost", "logistic regression"."""
    low = name.lower()
    if low in _SPOKEN:
        return _SPOKEN[low]
    if low in _BARE:
        return _BARE[low]
    if low.endswith(_MASS) or low.startswith(("a ", "an ", "the ")):
        return name
    if low.isalpha() and len(low) <= 4:  # an acronym: "an LSTM", "a GNN"
        upper = name.upper()
        return ("an " if upper[0] in "AEFHILMNORSX" else "a ") + upper
    return ("an " if low[0] in "aeiou" else "a ") + name
