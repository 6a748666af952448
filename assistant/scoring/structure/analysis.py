"""Stage coverage, timeline, order, signposting, tradeoffs and depth of a spoken answer.

Everything here works on segments and per-segment stage strengths, so it
holds for any rubric and any scorer. Times are seconds for recordings; for a
typed transcript there are no times, and positions are shares of the words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from assistant.scoring.structure.analogy import (
    both_sides_named,
    listener_named,
    tied_back,
    without_listed_cases,
    worked_cases,
)
from assistant.scoring.structure.claims import weighs_mistakes
from assistant.scoring.structure.cues import CueIndex, normalise_text, opens_clause
from assistant.scoring.structure.depth import (
    WEIGHING_STAGE,
    StageDepth,
    announces,
    heading_subject,
    lands,
    reaches,
    reason_next,
    says_it_lands,
    side_taken_next,
    speaks_for,
    stage_depths,
)
from assistant.scoring.structure.depth_head import DepthHead
from assistant.scoring.structure.manners import serves_no_stage
from assistant.scoring.structure.quotes import is_fragment, is_question
from assistant.scoring.structure.roadmap import (
    moves_of,
    opens_on_label,
    opens_on_move,
    roadmap_depth,
)
from assistant.scoring.structure.scorers import (
    ANSWERING_PHRASES,
    CONCRETE_PHRASES,
    WEIGHING,
    opened_stage,
    stage_openers,
)
from assistant.scoring.structure.segments import (
    Segment,
    only_fillers,
    sentence_begin,
    sentence_end,
)
from assistant.scoring.structure.serving import SERVES, SERVES_SHARE, serving
from assistant.scoring.structure.steps import process_sentences
from assistant.scoring.structure.subject import without_subject_cues
from assistant.scoring.structure.substance import (
    DESCRIBED_WORDS,
    Substance,
    SubstanceReader,
    content_words,
    defers_weighing,
    offered_removed,
    stage_labels,
    stem,
    takes_a_side,
    weighs_a_cost,
)
from assistant.scoring.structure.weighing import chosen_over, weighs_nothing
from rubrics import Rubric

COVERED_MASS = 2.0
"""Strength that reads as more than a passing word (the LLM judge's score uses it)."""
COVERED_DEPTH = 2
"""A stage counts as covered once it is described, not merely named."""
DEPTH_CREDIT = (0.0, 0.2, 0.7, 1.0)
"""Share of a stage's weight earned at each depth: naming a stage earns little (the
rubric's ``named_credit`` in place of 0.2)."""


def depth_credit(rubric: Rubric, depth: int) -> float:
    """Share of a stage's weight earned at ``depth`` (below the stage's top level)."""
    return rubric.named_credit if depth == 1 else DEPTH_CREDIT[depth]


EARLY_SHARE = 0.2
POSITION_BONUS = 1.5
ORDER_PENALTY = 5.0
LATE_AFTER_WORDS = 60
"""A stage first said after fewer words than this (about 25 s of speech) did not come
late, whatever share of a short answer went before it: "constraints came late, at 0:06"
of a 10-second answer says nothing a candidate can use."""
CLOSE_AFTER_WORDS = 100
"""An answer shorter than this is not told it did not end with a recap: there is little
to sum up."""
MAX_ORDER_PENALTY = 15.0
DISORDER_PENALTY = 12.5
"""What an answer loses, on top of its order findings, for each share of its (problem,
solution) pairs said the wrong way round past :data:`DISORDER_SLACK` (:func:`disorder`):
all of its solution before any of its problem costs 10. An answer that opened on its
model and framed the problem at the end lost only its order findings, and those hang on
a single sentence each: a trace of framing read early (a "so they start the day with
it") kept the first of them away."""
ORDER_SHARE = 0.25
"""The most an answer loses to its order, as a share of what its stages earned: an answer
whose stages earn 60 or more loses the whole :data:`MAX_ORDER_PENALTY`, a short one only
a quarter of what it earned. Order findings fire as readily on a short answer as on a
long one (the model said first, success metrics late, no close), and at 15 points they
took half of what a 30-point medium answer earned, while a weak answer that never said
its metrics had nothing said late to lose for: it scored level with the medium one."""
DISORDER_SLACK = 0.2
"""...a share of pairs an ordered answer may have the wrong way round for free: the
ordered strong development answers, by their sentence labels, have up to 0.2 (success
metrics after the data, a constraint said with the serving), the shuffled ones 0.33 to
0.87."""
BREADTH_MODELS = 3
"""From this many model families named, reasons for fewer than half reads as a list."""
_REASON = re.compile(
    r"\b(because|since|so that|which means|the reason|that's why|due to|"
    r"given that|as it|as they|works well|good at|better at)\b"
)
_ACCURACY = re.compile(r"\baccuracy\b")
_ACCURACY_TURNED_DOWN = re.compile(
    r"\b(?:not|rather than|instead of|over|than|beyond)\s+(?:just\s+|only\s+|the\s+)?"
    r"(?:overall\s+|plain\s+|raw\s+|simple\s+|total\s+)?accuracy\b"
    r"|\baccuracy\s+(?:(?:alone|on its own|by itself|overall)\s+)?(?:is|would be)\s+(?:\w+\s+)?"
    r"(?:misleading|useless|meaningless|a trap|not enough|no good)"
    r"|\baccuracy\s+(?:(?:alone|on its own|by itself|overall)\s+)?(?:isn't|is not|doesn't|"
    r"does not|won't|will not|wouldn't|would not|can't|cannot)\s+(?:\w+\s+)?"
    r"(?:enough|help|mean|tell|say|work|matter)"
)
"""Accuracy named as the measure turned down: "how many real leavers are in the top three
hundred, not accuracy overall", "accuracy alone is misleading here"."""
_USER_SIGNAL = re.compile(
    r"\b(?:thumbs|ratings?|feedback|satisfaction|csat|nps|complaints?|retention|revenue|"
    r"conversions?|clicks?|click-through)\b"
)
# names that are one family for depth-vs-breadth ("gradient boosted trees, like LightGBM")
_FAMILIES = {
    "boosted trees": (
        "xgboost",
        "lightgbm",
        "catboost",
        "gradient boosted trees",
        "gradient boosted decision trees",
        "gradient boosted tree",
        "gradient boosted model",
        "gradient boosted models",
        "boosted trees",
        "boosted tree",
        "gradient boosting",
        "gbdt",
        "gbm",
    ),
    "two tower": ("two tower", "two-tower"),
    "transformer": (
        "transformer",
        "transformers",
        "bert",
        "distilbert",
        "vision transformer",
        "vit",
        "t5",
        "gpt",
        "llm",
        "large language model",
    ),
    "neural network": (
        "dnn",
        "deep neural network",
        "mlp",
        "multilayer perceptron",
        "neural network",
        "neural net",
    ),
    "nearest neighbours": ("knn", "k nearest neighbors", "nearest neighbour"),
    "matrix factorization": (
        "matrix factorization",
        "matrix factorisation",
        "collaborative filtering",
    ),
    "minhash": ("minhash", "lsh", "locality sensitive hashing"),
    "tf-idf": ("tf idf", "tfidf"),
    "graph neural network": ("gnn", "graph neural network", "graphsage"),
    "convolutional network": ("cnn", "resnet", "efficientnet"),
    "reinforcement learning": (
        "reinforcement learning",
        "deep q network",
        "dqn",
        "q learning",
        "ppo",
    ),
    "k-means": ("k means", "kmeans"),
}
_FAMILY_OF = {name: family for family, names in _FAMILIES.items() for name in names}
_NAMED_MODELS = tuple(
    n
    for family, names in _FAMILIES.items()
    if family != "neural network"
    for n in names
    if n not in ("transformer", "transformers", "llm", "large language model", "gpt")
) + ("logistic regression", "random forest", "random forests")
"""A model named by its family ("XGBoost", "a two-tower model"): a concrete choice, where
"a neural network" or "an LLM" only names the stage."""


@dataclass(frozen=True)
class StageFinding:
    id: str
    title: str
    mass: float
    covered: bool
    first: int | None
    """Index of the first segment that serves the stage."""
    best: int | None
    """Index of the segment that serves it most strongly."""
    share: float
    depth: int = 0
    """0 absent, 1 named, 2 described, 3 justified."""
    depth_segment: int | None = None
    """The sentence that reached ``depth``."""


@dataclass(frozen=True)
class OrderFinding:
    kind: str
    message: str
    segment: int | None


@dataclass
class StructureAnalysis:
    rubric: Rubric
    segments: list[Segment]
    strengths: list[dict[str, float]]
    stages: list[StageFinding]
    substances: list[Substance] = field(default_factory=list)
    alone: list[dict[str, float]] = field(default_factory=list)
    """``strengths`` with each sentence read on its own (what a quote of it shows)."""
    quote_from: list[int] = field(default_factory=list)
    """For each sentence, the first sentence of its quote: the question it answers, or
    itself."""
    generic: list[int] = field(default_factory=list)
    """Sentences that serve a stage but say nothing specific (or only echo the question)."""
    order: list[OrderFinding] = field(default_factory=list)
    signposts: list[int] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    """Sentences that only name the stage the next one is on ("One tradeoff.")."""
    tradeoffs: list[int] = field(default_factory=list)
    model_names: dict[str, int] = field(default_factory=dict)
    model_mentions: dict[str, list[int]] = field(default_factory=dict)
    """Each family of ``model_names`` (by the name it was first said by): every sentence
    that names it as the design's own."""
    reasoned_models: int = 0
    accuracy_only: int | None = None
    defining: frozenset[int] = frozenset()
    """Sentences that say what the subject the opening announced is (the point)."""
    score: int = 0

    def stage(self, stage_id: str) -> StageFinding:
        return next(s for s in self.stages if s.id == stage_id)


def positions_of(segments: Sequence[Segment]) -> list[float]:
    """Where each segment starts, as a share of the answer (0 to 1)."""
    total_words = sum(s.n_words for s in segments) or 1
    timed = all(s.start is not None for s in segments) and segments
    if timed:
        t0, t1 = segments[0].start, segments[-1].end
        span = max(t1 - t0, 1e-6)
        return [(s.start - t0) / span for s in segments]
    out, seen = [], 0
    for s in segments:
        out.append(seen / total_words)
        seen += s.n_words
    return out


def landing_sentences(
    rubric: Rubric,
    segments: Sequence[Segment],
    positions: Sequence[float],
    general: frozenset[str] = frozenset(),
    question_text: str = "",
) -> frozenset[int]:
    """The sentences that close the answer by landing it in plain words (:func:`lands`):
    whole sentences in the closing fifth, or the last two, when the rubric's last stage
    restates the point ("So basically: for something people look at once a day, being a
    bit stale is cheap…"). ``general``: stems of words anyone says of any answer, which
    restate nothing unless the question (``question_text``, with the options it offers)
    asked about them."""
    last = rubric.stages[-1]
    recap = rubric.recap_stage == last.id
    if not (last.restates or recap) or last.position != "late" or not segments:
        return frozenset()
    asked = frozenset(stem(w) for w in content_words(question_text))
    starts = [i for i, s in enumerate(segments) if not s.continues]
    tail = {i for i in starts if positions[i] >= 1 - EARLY_SHARE} | set(starts[-2:])
    out = set()
    for i in sorted(tail):
        text = " ".join(s.text for s in segments[i : sentence_end(segments, i)])
        before = " ".join(s.text for s in segments[:i])
        if is_question(text):
            continue
        # a design's recap lands only where it says it does ("So: two guesses, one
        # value, a daily limit and good timing."), not on any closing "So …"
        landed = lands(text, before, general, asked) if last.restates else says_it_lands(text)
        if landed:
            out.add(i)
    return frozenset(out)


OPENS_ON = "framing"
"""The stage an answer that opens by saying what it is about speaks for."""


def announcing_sentences(
    rubric: Rubric, segments: Sequence[Segment], positions: Sequence[float]
) -> frozenset[int]:
    """The sentences that say what the answer is about (:func:`announces`: "So this is
    about a choice I made on our support bot…"), when the rubric asks for a framing.
    Whole sentences in the opening fifth, or the first two, may say it in any of its ways;
    later, "It's about finding the sweet spot, being pragmatic…" is a slogan, and only
    "this is about…" names the subject (a framing said late, out of order)."""
    if OPENS_ON not in rubric.stage_ids or not segments:
        return frozenset()
    starts = [i for i, s in enumerate(segments) if not s.continues]
    head = {i for i in starts if positions[i] <= EARLY_SHARE} | set(starts[:2])
    explaining = any(st.roadmap for st in rubric.stages)
    return frozenset(
        i
        for i in starts
        if announces(
            " ".join(s.text for s in segments[i : sentence_end(segments, i)]),
            i in head,
            explaining,
        )
    )


_EXPLAINS = re.compile(
    r"\b(?:explain|teach(?: you)?(?: about)?|talk(?: you)? (?:about|through)|tell you(?: about)?|"
    r"describe|walk you through|go through)\s+(?:what\s+|how\s+)?((?:[\w'-]+\s+){0,2}[\w'-]+)"
    # the subject as a heading: "Data leakage, in everyday words."
    r"|^\W*((?:[\w'-]+\s+){0,2}[\w'-]+),?\s+(?:in|with)\s+(?:plain|everyday|simple|normal|"
    r"ordinary|layman's)\s+(?:words|terms|english)\b"
)
"""The subject an opening names: "I'll explain overfitting", "let me teach you data drift",
"Let me tell you what precision and recall are", "Data leakage, in everyday words"."""
_NOT_SUBJECT = frozenset({"mean", "means", "work", "works", "today", "quickly", "briefly"})
SUBJECT_LETTERS = 5
"""A subject word this long or longer ("drift", "overfitting"), not "data" or "test",
which any sentence may say."""
POINT_WORDS = 3
"""Words of its own a sentence that says what the subject is needs (not "Overfitting is
bad.")."""
_DEFINES = re.compile(
    r"^(?:\s+[\w'-]+){0,3}?\s*(?::|—|\s+(?:is|are|means|happens|occurs|refers)\b)"
)
"""What follows the subject's word when a sentence says what it is: "Overfitting is when…",
"A model overfits the same way: it learns the noise…", "Leakage means…"."""


def _subject_of(text: str) -> set[str]:
    found = _EXPLAINS.search(text.lower().replace("’", "'"))
    # or the subject as a heading with whom it is for: "Okay, gradient descent, for
    # someone who has never trained a model."
    said = (found.group(1) or found.group(2)) if found else heading_subject(text)
    return {
        stem(w) for w in content_words(said) if len(w) >= SUBJECT_LETTERS and w not in _NOT_SUBJECT
    }


def defining_sentences(
    segments: Sequence[Segment],
    closing: frozenset[int],
    announcing: frozenset[int],
    substances: Sequence[Substance],
) -> frozenset[int]:
    """The sentences that say what the subject an opening announced is: after "I'll
    explain overfitting.", an analogy, then "A model overfits the same way: it learns the
    noise of its training data instead of the real pattern." is the point in a sentence,
    wherever the sentence reader puts it, and wherever in the answer it comes: a point
    said after a long analogy is still the point (the order findings say when the framing
    came late). A sentence that closes the answer (``closing``: "So the point is cross
    validation gives you a fair estimate…") lands it; it is the summary, not the point."""
    subject = set().union(*(_subject_of(segments[i].text) for i in announcing), set())
    if not subject:
        return frozenset()
    out = set()
    for i, seg in enumerate(segments):
        sub = substances[i]
        if (
            i in announcing
            or seg.continues
            or i in closing
            or sub.garbled
            or sub.generic
            or sub.placeholder
            or sub.echo
        ):
            continue
        low = " ".join(s.text for s in segments[i : sentence_end(segments, i)]).lower()
        for m in re.finditer(r"[\w'-]+", low):
            s = stem(m.group())
            if not any(s.startswith(t) or t.startswith(s) for t in subject if len(s) >= 4):
                continue
            defines = _DEFINES.match(low[m.end() :])
            # what it is, in words of its own: "…means the model learned from information
            # it will not have at the moment it is used", not "Overfitting is bad."
            if defines and len(content_words(low[m.end() + defines.end() :])) >= POINT_WORDS:
                out.add(i)
                break
    return frozenset(out)


def _point_defined(
    depths: dict[str, StageDepth], defining: frozenset[int]
) -> dict[str, StageDepth]:
    """A sentence that says what the announced subject is ("Data leakage means the model
    learned from information it will not have at the moment it is used.") states the
    point in a sentence: the framing is described, in plain words as in technical ones,
    and wherever the sentence comes (a point said late is an order finding, not a
    framing missing)."""
    d = depths.get(OPENS_ON)
    if d is None or d.level >= 2 or not defining:
        return depths
    i = min(defining)
    return {**depths, OPENS_ON: StageDepth(2, i, d.firm, d.asked, (d.at_level[:1] or (i,)) + (i,))}


_MATTERS = re.compile(
    r"\b(?:matters?|because|so that|that's why|which is why|important|the reason|costs? you|"
    r"bites?|hurts?)\b"
)
"""Words that say why a point matters to the listener."""


def _point_unweighed(
    depths: dict[str, StageDepth], defining: frozenset[int], segments: Sequence[Segment]
) -> dict[str, StageDepth]:
    """A framing found in what the subject is ("…overfits the same way: it learns the noise
    instead of the real pattern") describes the point; it is justified only by why the
    point matters to the listener, not by the contrast inside the definition."""
    d = depths.get(OPENS_ON)
    if d is None or d.level < 3 or d.segment not in defining:
        return depths
    said = " ".join(s.text for s in segments[d.segment : sentence_end(segments, d.segment)])
    if _MATTERS.search(said.lower().replace("’", "'")):
        return depths
    return {**depths, OPENS_ON: StageDepth(2, d.segment, d.firm, d.asked, d.at_level[:2])}


_GOES_WRONG = re.compile(
    r"\b(?:complaints?|tickets?|errors?|false (?:alarms?|positives?)|churn|refunds?|pages?|"
    r"incidents?|escalations?|costs?|cancellations?|returns)\s+(?:\w+\s+){0,2}?(?:went up|shot "
    r"up|spiked|jumped|rose|climbed|doubled|tripled|exploded|piled up|poured in)"
    r"|\b(?:accuracy|recall|precision|revenue|sales|conversions?|clicks|engagement|traffic|"
    r"sign ?ups|bookings|orders)\s+(?:\w+\s+){0,2}?(?:dropped|fell|went down|tanked|plummeted|"
    r"collapsed|crashed)"
    r"|\b(?:broke|crashed|failed|stopped working|went wrong|blew up|backfired|fell apart|fell "
    r"over|fell flat|went badly|didn't work|did not work|wasn't working|misfired|went sideways)\b"
    r"|\b(?:was|were) (?:\w+ ){0,2}?(?:wrong|worse|broken|useless)\b"
    r"|\b(?:flag|block|reject|miss|den|ban|hold|freez|cancel|hid|hiding|filter|mark|lock|refus|"
    r"declin|delet|remov|misrout|overcharg|charg)\w* (?:up |back |out |off )?(?:a lot of|lots of|"
    r"many|so many|too many|hundreds of|thousands of|tons of|loads of|half of|most of|all "
    r"(?:the|of the)|a bunch of) (?:\w+ )?(?:real|good|honest|legitimate|genuine|innocent|normal|"
    r"regular|paying|loyal)\b"
    r"|\bpeople (?:were|got) (?:angry|furious|upset)|\bangry (?:customers|users|calls|emails)"
)
"""A story's turn for the worse: "it started flagging a lot of real users", "within three
days complaints went up, not down", "it was wrong most of the time on rainy days", "the
pipeline broke"."""
_OUTCOME = re.compile(
    r"\b(?:in the end|as a result|eventually|ended up|by the end|in the long run|finally|"
    r"after that|afterwards|since then|the result|the outcome|overall)\b"
)
"""Words that tell how a story ended, not how it went wrong on the way."""


def _complications(rubric: Rubric, rows: Sequence[dict[str, float]], said: Sequence[str]):
    """In a story, a turn for the worse that the teller's own actions follow ("…but when
    we launched it, it started flagging a lot of real users." and then "The first thing I
    did was…") is the complication of the scene, not its result: the result is how it
    ended after those actions. Its reading as the result goes to the scene."""
    deeds = next((st.id for st in rubric.stages if st.deeds), None)
    outcome = next((st.id for st in rubric.stages if st.measured_change), None)
    scene = next((st.id for st in rubric.stages if st.at_stake), None)
    if deeds is None or outcome is None or scene is None:
        return list(rows)
    out = [dict(r) for r in rows]
    for i, row in enumerate(out):
        if row.get(outcome, 0.0) <= 0:
            continue
        low = said[i].lower().replace("’", "'")
        if not _GOES_WRONG.search(low) or _OUTCOME.search(low):
            continue
        if not any(serving(r, deeds) and r[deeds] >= max(r.values()) for r in rows[i + 1 :] if r):
            continue  # nothing done about it after: how the story ended, even if badly
        row[scene] = max(row.get(scene, 0.0), row.pop(outcome), SERVES)
    return out


def _speaking_for(
    stage: str, said: frozenset[int], rows: Sequence[dict[str, float]]
) -> list[dict[str, float]]:
    """``rows`` with each sentence in ``said`` speaking for ``stage``."""
    out = [dict(r) for r in rows]
    for i in said:
        row = out[i]
        row[stage] = max(row.get(stage, 0.0), SERVES, SERVES_SHARE * max(row.values(), default=0))
    return out


def _weights(segments: Sequence[Segment]) -> list[float]:
    if segments and all(s.start is not None for s in segments):
        return [max(s.end - s.start, 0.0) for s in segments]
    return [float(s.n_words) for s in segments]


def _positioned(
    rubric: Rubric,
    strengths: Sequence[dict[str, float]],
    positions: Sequence[float],
    texts: Sequence[str],
) -> list[dict[str, float]]:
    """Evidence in the expected place counts more: a framing sentence in the opening
    fifth, a recap in the closing fifth. One clear "so the problem is..." at the start is
    then enough to count framing, where the same words mid-answer are not. A sentence
    that weighs an option still speaks for the tradeoffs when the stage it weighs in gets
    the bonus ("Product quantization cuts memory tenfold but loses some recall" near the
    end, where deployment is expected)."""
    where = {s.id: s.position for s in rubric.stages}
    out = []
    for row, pos, text in zip(strengths, positions, texts, strict=True):
        boosted = {}
        for stage, v in row.items():
            place = where.get(stage)
            fits = (place == "early" and pos <= EARLY_SHARE) or (
                place == "late" and pos >= 1 - EARLY_SHARE
            )
            boosted[stage] = v * POSITION_BONUS if fits else v
        if "tradeoffs" in boosted and WEIGHING.search(text.lower()):
            top = max(boosted.values())
            boosted["tradeoffs"] = max(boosted["tradeoffs"], SERVES_SHARE * top)
        out.append(boosted)
    return out


class Probe(NamedTuple):
    """An answer to the interviewer's follow-up on a stage, in the answer's words."""

    first: int
    end: int
    stage: str
    asked: str = ""
    """What the follow-up asked: a sentence that takes up its own words answers it."""
    every: bool = False
    """The move asked for the stage itself ("give me a thirty-second summary"): every
    sentence of the answer that says anything is said for it."""


def _asked(segment: Segment, stage: str, probed: Sequence[Probe]) -> bool:
    """``segment`` is part of an answer to a follow-up on ``stage``."""
    return any(p.first <= segment.first < p.end and p.stage == stage for p in probed)


_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_ASKING = frozenset(
    stem(w)
    for w in "tell walk talk would could should explain describe think going back ask "
    "let instead exactly about went gone else something anything thing".split()
)
"""Words of how a follow-up asks, not of what: "walk me through", "going back to"."""


def _probe_words(probe: Probe, topic: frozenset[str]) -> frozenset[str]:
    """The stems a follow-up asks about: "What is the training label: opened, opened and
    purchased, or not disabled?" asks about "opened", "purchased", "disabled", not the
    question's topic, nor the stage's name, nor the candidate's words it quotes back."""
    text = offered_removed(_QUOTED.sub(" ", probe.asked))
    stems = {stem(w) for w in content_words(text) if len(w) > 3}
    return frozenset(stems - topic - _ASKING)


def _kept(
    depths: dict[str, StageDepth],
    reached: Sequence[tuple[int, int, str, int]],
    segments: Sequence[Segment],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    """``depths`` no shallower than a level an answer of the session reached on its own
    (``reached``: first word, end word, stage, level). Judged beside the other answers
    its sentences may read as another stage's, or the depth head may read less; the
    candidate was told that answer's depth. The sentence shown for it is the answer's
    that says most of the stage, of those as specific as the level."""
    out = dict(depths)
    for first, end, stage, level in reached:
        if stage not in out or out[stage].level >= level:
            continue
        inside = [i for i, s in enumerate(segments) if first <= s.first < end]
        speaking = [i for i in inside if alone[i].get(stage, 0.0) > 0]
        if not speaking:
            continue
        best = max(
            speaking,
            key=lambda i: (substances[i].level >= min(level, 2), alone[i].get(stage, 0.0)),
        )
        out[stage] = StageDepth(level, best, at_level=(best,) * level)
    return out


def _leaning(
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    probed: Sequence[Probe],
    asks: Sequence[frozenset[str]],
    clause_stages: Sequence[frozenset[str]] | None = None,
) -> list[dict[str, float]]:
    """``strengths`` with each sentence of an answer to a follow-up on a stage that
    speaks of that stage at all (as a whole, or in one of its clauses: ``clause_stages``),
    or takes up what the follow-up asked about (``asks``, its words, probe by probe), read
    as mainly about it (raised on it to its strongest stage): after "why a nightly job?",
    "nightly is enough because orders go out once a day" is about the pipeline, though on
    its own it reads as deployment; after "What is the training label: opened, or opened
    and purchased?", "opened and purchased is closer to what the business wants, but it's
    sparse" is about the labels; after "how does this design move the numbers the
    business or the users care about?", "More shoppers who search by photo find the exact
    item and buy it, so conversion goes up; I would show it with an A/B test…" is about
    the impact, though as a whole it reads as the success metrics: one of its clauses
    reads as the impact, and it says which outcome moves (a phrase that answers what the
    stage asks for, :data:`ANSWERING_PHRASES`). A sentence with none of these earns the
    stage nothing: "I'd use XGBoost because..." said to a question on monitoring does not
    answer it. Asked for the stage itself ("give me a summary"), every sentence that says
    anything is said for it. Asked about several stages at once, a sentence is read as
    mainly about the one of them it speaks of most (:func:`_one_of_several`)."""
    out = []
    for k, (seg, row) in enumerate(zip(segments, strengths, strict=True)):
        row = dict(row)
        in_clauses = clause_stages[k] if clause_stages is not None else frozenset[str]()
        inside = [(p, w) for p, w in zip(probed, asks, strict=True) if p.first <= seg.first < p.end]
        if not inside:  # most sentences, and every one of an answer nobody asked about
            out.append(row)
            continue
        said = {stem(w) for w in content_words(seg.text)}
        low = seg.text.lower().replace("’", "'")
        asking = is_question(seg.text)
        if len(inside) > 1:
            inside = _one_of_several(row, inside)
        for p, words in inside:
            top = max(row.values(), default=0.0)
            spoken = (
                row.get(p.stage, 0.0) > 0
                or p.stage in in_clauses
                or any(rx.search(low) for rx in ANSWERING_PHRASES.get(p.stage, ()))
            )
            if spoken or (words & said and not asking):
                row[p.stage] = max(top, SERVES)
            elif p.every and row and not asking:  # swept into it, not mainly about it
                row[p.stage] = max(SERVES, SERVES_SHARE * top)
        out.append(row)
    return out


def _one_of_several(
    row: dict[str, float], inside: list[tuple[Probe, frozenset[str]]]
) -> list[tuple[Probe, frozenset[str]]]:
    """Of a follow-up that asked about several stages at once ("what it decides; how you
    would know it works; and the limits it must live within"), the one stage a sentence
    is read as mainly about: the asked stage it speaks of most, with no words taken up
    (the follow-up's words belong to all its stages, so they say which of them the
    sentence answers no more than they say it answers any). "So, the cost stays small."
    said to that follow-up is about the constraints, not framing, metrics and
    constraints at once; a sentence that speaks of none of them earns none."""
    speaking = [(p, w) for p, w in inside if row.get(p.stage, 0.0) > 0 and not p.every]
    every = [(p, frozenset[str]()) for p, _ in inside if p.every]
    if not speaking:
        return every
    best = max(speaking, key=lambda pw: row[pw[0].stage])[0]
    return [(best, frozenset[str]()), *every]


HEADING_WORDS = 4
"""A sentence this short that names one stage and says nothing else is a heading ("One
tradeoff.", "Monitoring.", "Next, the data."): what follows it is on that stage."""
_CLAUSE = re.compile(
    r"\b(?:i|i'd|i'll|we|we'd|we'll|you|they|it|it's|that|that's|this|there|there's|is|are|"
    r"was|were|be|been|need|needs|matter|matters)\b"
)
"""A short sentence with these says something ("That's really accurate.", "We need good
metrics.", "There are tradeoffs."): it is no heading."""


def headings(
    rubric: Rubric,
    segments: Sequence[Segment],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> dict[int, str]:
    """The sentences that are a stage's heading, with its stage: a short one that names
    one stage, says nothing specific and is no remark, unless it opens the stage by its
    name ("That's roughly the system." heads a recap)."""
    openers = stage_openers(rubric)  # the regexes alone: the cue index is not needed
    # a heading says its stage in the stage's own words: "Transformers." before a remark
    # on the beach is a topic said, not the heading of a structure
    names = CueIndex({st.id: [*st.cues, *st.topics, *st.leads] for st in rubric.stages})
    out = {}
    for i, (seg, row, sub) in enumerate(zip(segments, alone, substances, strict=True)):
        named = [k for k in row if serving(row, k)]
        text = seg.text.lower().replace("’", "'")
        if (
            len(named) == 1
            and named[0] in names.hits(seg.text)
            and len(seg.text.split()) <= HEADING_WORDS
            and not seg.continues
            and not is_question(seg.text)
            and sub.generic
            and i + 1 < len(segments)
            and (opened_stage(openers, seg.text) == named[0] or not _CLAUSE.search(text))
        ):
            out[i] = named[0]
    return out


def _headed(
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    heads: dict[int, str],
    openers: dict[str, re.Pattern[str]],
) -> list[dict[str, float]]:
    """``strengths`` with the sentence after a heading (and the rest of it, where it was
    cut for length) read as mainly about the heading's stage: after "One tradeoff.",
    "contacting people who would have stayed anyway wastes money" weighs a cost. A
    sentence that opens with a heading of its own ("Constraints: we have…", "For data,
    …") is about that stage (``openers``), whatever short sentence came before it."""
    out = [dict(row) for row in strengths]
    for i, stage in heads.items():
        j = i + 1
        own = opened_stage(openers, segments[j].text) if j < len(segments) else None
        if own is not None and own != stage:
            continue
        while j < len(segments) and (j == i + 1 or segments[j].continues):
            if not is_question(segments[j].text):
                row = out[j]
                row[stage] = max(row.get(stage, 0.0), max(row.values(), default=0.0), SERVES)
            j += 1
    return out


def _as_process(
    rubric: Rubric, strengths: Sequence[dict[str, float]], process: Sequence[int]
) -> list[dict[str, float]]:
    """``strengths`` with the sentences that walk through a process (a run of "Then
    we…" steps, a sentence that chains actions) read as mainly about the rubric's stage
    for steps: "First we take every ad…", "Then we clean the text…" each read as the
    data they handle, and the pipeline they make up was lost."""
    out = [dict(row) for row in strengths]
    stages = [st.id for st in rubric.stages if st.steps]
    if not stages:
        return out
    for i in process:
        row = out[i]
        for stage in stages:
            row[stage] = max(row.get(stage, 0.0), max(row.values(), default=0.0), SERVES)
    return out


_OPERATING_POINT = re.compile(
    r"\b(?:threshold|thresholds|cut-?off)\b(?!\s+date)"
    # "if the similarity is above 0.85", "a 0.85 cosine", "under 0.6 confidence"
    r"|\b(?:similarity|confidence|probability|score)\s+(?:is\s+|of\s+)?(?:above|over|below|"
    r"under|past|higher than|lower than)\b"
    r"|\b(?:above|over|below|under|past)\s+(?:\d[\d.]*|point \w+|zero point \w+)\s+"
    r"(?:similarity|confidence|probability|cosine|score)\b"
    r"|\b\d?\.\d+\s+(?:cosine|similarity|confidence)\b"
)
"""A decision rule of the model's: the score or similarity it acts above ("if it's above
some threshold, like 0.85, they're duplicates")..."""
_NOT_OPERATING = re.compile(
    r"\b(?:time|weekly|daily|monthly)\s+cut-?off|\bbefore (?:a|the) cut-?off\b"
    r"|\b(?:percent|per cent|rate)\b|%"
)
"""...not a cut-off in time ("train before a cutoff and test after"), nor a threshold set
to hold a rate ("I'd set thresholds to keep false alarms under 1 percent"): that rate is
the metric."""


def _operating_points(
    rubric: Rubric, rows: Sequence[dict[str, float]], texts: Sequence[str]
) -> list[dict[str, float]]:
    """``rows`` with a sentence that sets the model's operating threshold and names no
    measure of success ("…compute the cosine similarity and if it's above some threshold,
    like 0.85, they're duplicates") no longer speaking for the metrics: it says how the
    model decides, not how anyone would know it works. The candidate was told "You
    described success metrics" for it."""
    if "metrics" not in rubric.stage_ids:
        return list(rows)
    measures = CueIndex({"m": rubric.measure_names})
    out = []
    for row, text in zip(rows, texts, strict=True):
        low = text.lower()
        if (
            "metrics" in row
            and _OPERATING_POINT.search(low)
            and not _NOT_OPERATING.search(low)
            and not measures.hits(text)
        ):
            row = {k: v for k, v in row.items() if k != "metrics"}
        out.append(row)
    return out


def substance_reader(rubric: Rubric, question_text: str = "") -> SubstanceReader:
    """Stage ids and titles of ``rubric`` name stages; they never describe one."""
    labels = stage_labels(rubric.stages)
    return SubstanceReader(
        question_text,
        labels,
        rubric.measure_names,
        _NAMED_MODELS,
        stakes_are_general="model" in rubric.stage_ids,
    )


def _restated(
    rubric: Rubric,
    segments: Sequence[Segment],
    alone: Sequence[dict[str, float]],
    substances: list[Substance],
) -> list[Substance]:
    """An opening that only announces the framing ("Okay, so before I jump in, let me
    restate the problem.", "Let me clarify the goal first.") hands it to the sentence
    after it: that sentence is the restatement it promised, and the question's words in
    it ("We are a payments processor with thousands of merchants, and for every card
    payment we decide to approve it, block it, or send it for review.") say the problem
    back as framing does, where elsewhere they add nothing. One that only says the
    question back, with no word of its own, stays an echo."""
    opening = rubric.stages[0].id
    if (
        opening != OPENS_ON
        or len(segments) < 2
        or segments[0].continues
        or is_question(segments[0].text)
    ):
        return substances
    first = sentence_end(segments, 0)
    if (
        first >= len(segments)
        or not serving(alone[0], opening)
        or any(substances[k].for_stage(opening).level >= 2 for k in range(first))
    ):
        return substances
    then = range(first, sentence_end(segments, first))
    if any(substances[k].echo or substances[k].garbled for k in then) or not any(
        serving(alone[k], opening) for k in then
    ):
        return substances
    plain = substance_reader(rubric)
    out = list(substances)
    for k in then:
        seg = segments[k]
        out[k] = plain.read(seg.text, seg.probabilities, carries_on=seg.continues)
    return _reasons_across_cuts(plain, segments, out)


def _reasons_across_cuts(
    reader: SubstanceReader, segments: Sequence[Segment], substances: list[Substance]
) -> list[Substance]:
    """A reason cut in two where a long sentence was split ("…measured in 30-minute
    switchback experiments because riders | and drivers share one market.") is read
    whole: the piece with the "because" gives it."""
    out = list(substances)
    for i, sub in enumerate(substances[:-1]):
        nxt = segments[i + 1]
        if not sub.linked or sub.reason or sub.garbled or not nxt.continues:
            continue
        probabilities = None
        if segments[i].probabilities is not None and nxt.probabilities is not None:
            probabilities = segments[i].probabilities + nxt.probabilities
        whole = reader.read(f"{segments[i].text} {nxt.text}", probabilities)
        if whole.reason:
            out[i] = replace(sub, reason=True, reason_figure=whole.reason_figure)
    return out


def _reason_cut_off(
    ruled: dict[str, StageDepth],
    read: dict[str, StageDepth],
    segments: Sequence[Segment],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    """A choice justified by the rest of its sentence, cut for length ("…compute a
    perceptual hash of each photo and a text embedding, | … so we only compare a few
    hundred pairs instead of the whole catalogue") stays justified: the depth head reads
    the first piece alone, a choice with no reason, and the candidate was told "but not
    why" for a reason the quote's "…" had cut off. So does a choice whose reason is the
    next sentence, opening with it ("Precision is important because we don't want good
    emails in spam.") or answering a "Why …?" asked after the choice."""
    out = dict(read)
    for stage, rule in ruled.items():
        now = read.get(stage)
        i = rule.segment
        if now is None or rule.level != 3 or now.level != 2 or i is None:
            continue
        if substances[i].reason or substances[i].comparison:
            continue  # the head read the reason it was shown
        end = sentence_end(segments, i)
        if any(
            not substances[j].garbled and (substances[j].reason or substances[j].comparison)
            for j in range(i + 1, end)
        ) or reason_next(end, segments, substances):
            out[stage] = rule
    return out


def analyse_structure(
    rubric: Rubric,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    *,
    alone: Sequence[dict[str, float]] | None = None,
    quote_from: Sequence[int] | None = None,
    question_text: str = "",
    depth_head: DepthHead | None = None,
    probed: Sequence[Probe] = (),
    reached: Sequence[tuple[int, int, str, int]] = (),
    clauses: Sequence[frozenset[str]] | None = None,
    clause_stages: Sequence[frozenset[str]] | None = None,
) -> StructureAnalysis:
    """``strengths`` find the stages (each sentence may be read beside its neighbours);
    ``alone``, the same sentences each read on its own as it is quoted, decides which of
    them may be quoted for a stage (``strengths`` when not given); ``quote_from`` says
    where each one's quote starts (at the question it answers, or at itself);
    ``depth_head`` reads the depth rules' levels again (None: the rules alone);
    ``probed``: answers to the interviewer's follow-ups on a stage, whose sentences are
    read as mainly about it where they speak of it or take up what was asked;
    ``reached`` (first word, end word, stage, level): the level an answer of a session
    reached on a stage on its own, which the session keeps (:func:`_kept`);
    ``clauses``: for each sentence, the stages one of its clauses describes
    (:func:`_described_in_clauses`); ``clause_stages``: the stages one of its clauses
    speaks for at all (what a follow-up's answer may be read as about)."""
    segments = list(segments)
    reader = substance_reader(rubric, question_text)
    substances = _reasons_across_cuts(
        reader,
        segments,
        [reader.read(s.text, s.probabilities, carries_on=s.continues) for s in segments],
    )
    # a sentence the speech model mostly guessed at serves no stage; one that says the
    # question back ("we predict churn") serves only the opening: its words are the topic
    said = [s.text for s in segments]
    # nor do the question's words as cues ("thousands of metrics" in a question on metrics)
    strengths = without_subject_cues(rubric, said, strengths, question_text)
    if alone is not None:
        alone = without_subject_cues(rubric, said, alone, question_text)
    positions = positions_of(segments)
    opening = [p <= EARLY_SHARE for p in positions]
    strengths = [
        _heard(row, sub, rubric, t, o)
        for row, sub, t, o in zip(strengths, substances, said, opening, strict=True)
    ]
    alone = strengths if alone is None else alone
    alone = [
        {} if empty_deed(t) else _heard(row, sub, rubric, t, o)
        for row, sub, t, o in zip(alone, substances, said, opening, strict=True)
    ]
    substances = _restated(rubric, segments, alone, substances)
    landing = landing_sentences(rubric, segments, positions, reader.generic, question_text)
    announcing = announcing_sentences(rubric, segments, positions)
    defining = (
        defining_sentences(
            segments,
            landing | {i for i, row in enumerate(alone) if serving(row, rubric.stages[-1].id)},
            announcing,
            substances,
        )
        if any(st.roadmap for st in rubric.stages)  # an explanation, not a design
        else frozenset()
    )
    announcing |= defining
    for stage, said_for in [(rubric.stages[-1].id, landing), (OPENS_ON, announcing)]:
        strengths = _speaking_for(stage, said_for, strengths)
        alone = _speaking_for(stage, said_for, alone)
    whole = [_sentence_of(segments, i) for i in range(len(segments))]
    strengths = _complications(rubric, strengths, whole)
    alone = _complications(rubric, alone, whole)
    strengths = worked_cases(rubric.stage_ids, segments, strengths)
    alone = worked_cases(rubric.stage_ids, segments, alone)
    strengths = without_listed_cases(rubric.stage_ids, whole, strengths)
    alone = without_listed_cases(rubric.stage_ids, whole, alone)
    strengths, alone = (
        _operating_points(rubric, strengths, said),
        _operating_points(rubric, alone, said),
    )
    topic = reader.question | reader.generic
    asks = [_probe_words(p, topic) for p in probed]
    strengths = _leaning(
        segments, _positioned(rubric, strengths, positions, said), probed, asks, clause_stages
    )
    alone = _leaning(
        segments, _positioned(rubric, alone, positions, said), probed, asks, clause_stages
    )
    heads = headings(rubric, segments, alone, substances)
    openers = stage_openers(rubric)
    strengths = _headed(segments, strengths, heads, openers)
    alone = _headed(segments, alone, heads, openers)
    process = process_sentences(segments)
    strengths, alone = _as_process(rubric, strengths, process), _as_process(rubric, alone, process)
    signposts = signpost_segments(rubric, segments, landing, substances)
    roadmaps = {}
    for st in rubric.stages:
        if st.roadmap:  # an audible plan, read from the whole answer
            # a sentence that holds the place of a choice ("I usually go with whatever
            # the team needs.") is read as no move, however the stage reader takes it
            read = [
                serving(row, st.id) and not sub.placeholder
                for row, sub in zip(alone, substances, strict=True)
            ]
            moves = moves_of(segments, signposts, read)
            roadmaps[st.id] = roadmap_depth(segments, substances, moves, positions)
            strengths, alone = _returns_close(rubric, roadmaps[st.id], strengths, alone)
    talk = model_talk(rubric, segments, strengths)
    depths = stage_depths(rubric, segments, strengths, substances, alone, landing, talk)
    # the interviewer asked about the stage and the answer described it: the depth head,
    # which learned from answers nobody asked about, does not take that back
    depths = {
        k: replace(d, asked=True) if d.level >= 2 and _asked(segments[d.segment], k, probed) else d
        for k, d in depths.items()
    }
    if depth_head is not None:
        ruled = depths
        depths = depth_head.reread(depths, strengths, alone, substances, said)
        depths = _reason_cut_off(ruled, depths, segments, substances)
        depths = _phrased(ruled, depths, segments, strengths)
    for k, d in roadmaps.items():
        depths[k] = d
        close = rubric.stages[-1]
        if d.level == 3 and close.id != k and close.position == "late":
            if depths[close.id].level < 2:  # the parts said again land the answer
                depths[close.id] = StageDepth(2, d.segment, at_level=(d.segment, d.segment))
    depths = _answering(rubric, depths, segments, strengths, alone, substances)
    depths = _scene_said(rubric, depths, segments, strengths, alone, substances, opening)
    depths = _point_unweighed(depths, defining, segments)
    depths = _point_defined(depths, defining)
    if any(st.roadmap for st in rubric.stages):  # an explanation's choice and its sides
        depths = both_sides_named(depths, announcing, segments, opening)
        depths = listener_named(depths, announcing, segments, opening)
        depths = tied_back(depths, segments, substances)
    if clauses is not None:
        depths = _described_in_clauses(rubric, depths, clauses, segments, substances, alone, talk)
    depths = _kept(depths, reached, segments, alone, substances)
    depths = _weighed_and_measured(rubric, depths, segments, strengths, alone, substances)
    depths = _mistakes_weighed(rubric, depths, segments, substances)
    depths = _spread_thin(rubric, depths, segments, strengths, alone, substances, landing, talk)
    # a stage with no reason to give goes no deeper than described
    depths = {k: d.read_at(min(d.level, rubric.stage(k).top_level)) for k, d in depths.items()}
    weights = _weights(segments)
    total = sum(weights) or 1.0
    stages: list[StageFinding] = []
    for st in rubric.stages:
        per = [s.get(st.id, 0.0) for s in strengths]
        mass = sum(per)
        served = [i for i, v in enumerate(per) if v > 0]
        seg_total = [sum(v for v in strengths[i].values() if v > 0) or 1.0 for i in range(len(per))]
        share = sum(weights[i] * per[i] / seg_total[i] for i in served) / total
        depth = depths[st.id]
        # the clearest moment: a sentence that says the stage on its own (and something
        # specific, once the stage is described), mostly about it, then the strongest; a
        # stage no sentence says on its own has none to quote
        level = min(depth.level, 2)
        quotes = [
            i
            for i in served
            if speaks_for(i, st.id, rubric, segments, strengths, alone, substances, level)
        ]
        # a sentence of the stage's own first (:func:`of_stage`): one that reads as
        # another stage and lends this one a reading is its quote only for want of one
        best = (
            max(
                quotes,
                key=lambda i: (
                    of_stage(strengths[i], alone[i], st.id),
                    per[i] / seg_total[i] >= 0.5,
                    per[i],
                    -i,
                ),
            )
            if quotes
            else None
        )
        if st.roadmap and depth.segment is not None:
            best = depth.at_level[min(depth.level, 2) - 1]  # the plan, where one was said
        elif best is None and (depth.firm or depth.level >= COVERED_DEPTH):
            # a next step in a few words ("Next, I'd tune…"), or a stage a phrase describes
            # in a sentence that does not speak for it alone ("Labels come from user spam
            # reports…"): quoted where it reached its level, as every covered stage is
            best = depth.segment
        stages.append(
            StageFinding(
                st.id,
                st.title,
                mass,
                depth.level >= COVERED_DEPTH,
                # first said where a sentence speaks for it, not where a neighbour's
                # reading leaves a trace of it
                next((i for i in served if serving(strengths[i], st.id)), served[0])
                if served
                else depth.segment
                if depth.level >= COVERED_DEPTH
                else (_plan_first_heard(depth) if st.roadmap else None),
                best,
                share,
                depth.level,
                depth.segment,
            )
        )
    stages = _own_depth_quotes(rubric, stages, segments, strengths, alone, substances)
    result = StructureAnalysis(
        rubric,
        segments,
        list(strengths),
        stages,
        substances,
        alone,
        list(quote_from) if quote_from is not None else list(range(len(segments))),
    )
    # filler is a sentence that names a stage by itself and says nothing specific; a
    # question or a piece of a sentence is neither filler nor a stage
    result.signposts = signposts
    result.defining = defining
    result.headings = sorted(heads)
    result.generic = [
        i
        for i, (row, sub) in enumerate(zip(alone, substances, strict=True))
        if (sub.generic or sub.echo)
        and any(serving(row, k) for k in row)
        and not is_question(segments[i].text)
        and not is_fragment(segments[i])
        and not _transition(result, i)
    ]
    _tradeoffs_and_models(result)
    _depth(result)
    result.order = _order_findings(result, positions)
    result.score = _score(result)
    # a stage the interviewer asked about keeps the answer to that question as its quote
    result.stages = _clearest_quotes(result, frozenset(k for k, d in depths.items() if d.asked))
    return result


OWN_SHARE = 0.8
"""A sentence is of a stage when the stage reads at this share of the sentence's main
stage or more, beside its neighbours and on its own (a sentence may be of two stages:
"The trie is rebuilt every day from the logs and held in memory on the servers")."""


SPREAD_STAGES = 3
"""A sentence that would justify this many stages at once is read as justifying only the
stages it is mainly about (:func:`_spread_thin`)."""


def _spread_thin(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
    landing: frozenset[int],
    talk: frozenset[int] = frozenset(),
) -> dict[str, StageDepth]:
    """One sentence never stands as justified depth for three stages at once. A reason
    given for a choice justifies the stage the choice is about; a sentence read as a
    little of everything ("we'd keep checking on it, because the squad changes, the
    training changes, and things can slowly get worse") is general talk that touches many
    stages, and its "because" justified every one of them: success metrics, the model and
    monitoring, in a long answer that named each and chose nothing. Where one sentence in
    words only (:func:`_in_words_only`) is the justified depth of :data:`SPREAD_STAGES`
    stages or more, it keeps that depth for
    the stages it is mainly about (:func:`of_stage`); for the others it names the stage at
    most, and they reach what the rest of the answer says of them."""
    at: dict[int, list[str]] = {}
    for k, d in depths.items():
        if d.level == 3 and d.segment is not None and not d.firm and not d.asked:
            at.setdefault(d.segment, []).append(k)
    thin = {
        i: [k for k in ks if not of_stage(strengths[i], alone[i], k)]
        for i, ks in at.items()
        if len(ks) >= SPREAD_STAGES and _in_words_only(substances[i])
    }
    if not any(thin.values()):
        return depths
    rows = [dict(r) for r in strengths]
    rows_alone = [dict(r) for r in alone]
    for i, ks in thin.items():
        for k in ks:
            rows[i].pop(k, None)
            rows_alone[i].pop(k, None)
    rest = stage_depths(rubric, segments, rows, substances, rows_alone, landing, talk)
    out = dict(depths)
    for ks in thin.values():
        for k in ks:
            named = StageDepth(1, depths[k].segment, at_level=depths[k].at_level[:1])
            out[k] = rest[k] if rest[k].level >= 1 else named
    return out


def _in_words_only(sub: Substance) -> bool:
    """The sentence holds no figure, named measure or model: "The team can contact about
    two thousand people a week, so what matters is how many real cancellers are in the
    top two thousand" is one concrete choice that frames the problem, bounds it and
    measures it at once; so is "Showing a later time costs some orders, but keeps trust",
    which weighs what a choice costs against what it keeps. A sentence in words only that
    weighs nothing and touches as many stages is talk."""
    return not (sub.quantities or sub.terms or sub.models or sub.weighs)


def of_stage(row: dict[str, float], alone_row: dict[str, float], stage: str) -> bool:
    """The sentence (``row`` beside its neighbours, ``alone_row`` on its own) is about
    ``stage`` as much as about anything: one that serves it only beside a stronger stage
    ("The simulator is built from last year's trip logs.": data, read as serving beside
    "…and then deploy it.") lends it a reading, not a quote."""
    return all(
        r.get(stage, 0.0) >= OWN_SHARE * max(r.values(), default=0.0) > 0 for r in (row, alone_row)
    )


def _own_depth_quotes(
    rubric: Rubric,
    stages: list[StageFinding],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> list[StageFinding]:
    """The sentence that shows a stage's depth is one of the stage's own where one says
    it at that level: of sentences that reach a level, the depth rules pick one, and
    where that one belongs to another stage and only lends this one a reading ("The
    simulator is built from last year's trip logs." for serving), a sentence of the
    stage's own that says as much ("We can train it in a simulator first, …, and then
    deploy it.") is shown instead. Nothing changes a stage's depth: only which sentence
    shows it."""

    def own(i: int | None, stage: str) -> bool:
        return i is not None and of_stage(strengths[i], alone[i], stage)

    def shows(i: int, f: StageFinding, level: int) -> bool:
        return speaks_for(i, f.id, rubric, segments, strengths, alone, substances, min(level, 2))

    out = []
    for f in stages:
        if f.depth_segment is not None and f.depth >= 1 and not own(f.depth_segment, f.id):
            if not rubric.stage(f.id).roadmap:
                mine = [
                    i
                    for i in range(len(segments))
                    if own(i, f.id)
                    and shows(i, f, f.depth)
                    and reaches(i, f.id, f.depth, segments, strengths, substances)
                ]
                if mine:
                    row = [strengths[i].get(f.id, 0.0) for i in mine]
                    f = replace(f, depth_segment=mine[row.index(max(row))])
        out.append(f)
    return out


def _top_stage(row: dict[str, float], alone_row: dict[str, float], stage: str) -> bool:
    """``stage`` is what the sentence reads as most, beside its neighbours and on its own."""
    return all(
        r.get(stage, 0.0) > 0 and r[stage] >= max(r.values(), default=0.0) for r in (row, alone_row)
    )


CLEARLY_OF_STAGE = 2 * SERVES
"""A sentence that names a stage and says no more of it is that stage's quote, in place
of a sentence on another stage that lent it its depth, when it reads as the stage most
and at least this strongly: "For the model I would use a deep neural network, something
like a wide and deep model…" does (about 8); "the booking site stops selling at that
number", read as a success metric at about 1, shows no metric better than the sentence
the depth came from."""


def piece_of_another(
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    i: int,
    stage: str,
) -> bool:
    """Sentence ``i`` is a piece cut from a sentence that is about another stage than
    ``stage``: its opening piece does not speak for ``stage``, beside its neighbours nor
    on its own. "…but loses a
    little recall, which the reranker partly wins back." ends a sentence on the
    tradeoffs ("Tradeoffs: a bigger transformer improves recall…"); read on its own it
    sounds like a metric, but it is no clearest moment of the success metrics, nor where
    they first came up."""
    start = sentence_begin(segments, i)
    return start != i and not any(serving(r[start], stage) for r in (strengths, alone))


def _clearest_quotes(
    a: StructureAnalysis, asked: frozenset[str] = frozenset()
) -> list[StageFinding]:
    """Each stage shown by a sentence about it, once the depths and the score are set:
    only which sentence the report quotes changes.

    A stage quoted from a sentence that reads as another stage more is quoted from one
    that reads as it most and says it more strongly, where there is one. A stage that
    reached its depth only in a sentence on another stage ("It predicts
    several quantiles, so ordering can pick the quantile…", a model sentence whose "so"
    read as a reason for the deployment too) is quoted from its own clearest sentence
    ("Deployment: the scoring job runs at midnight, writes forecasts to the ordering
    system's table…"), where one describes it (names it, for a stage only named): of
    those, a whole sentence over a piece cut from one, then the one that reads most as
    the stage, then the one that says it deepest (its reason, where it has one). And one
    sentence quoted for several stages ("We train it every day on the new data." for the
    data, the pipeline and the model at once) stays the quote of the stage that has least
    to show elsewhere; each other stage is quoted from a sentence that reads as it most,
    where one describes it. A sentence that only names a stage never shows one the
    answer described ("This decision has to be made carefully so that we don't upset
    honest customers." is no framing). A stage in ``asked``, described in the answer to a
    follow-up that asked about it, keeps that answer as its quote ("The nightly batch is
    enough because orders are only placed once each morning…" was moved to the first
    answer's batch job, which gave no reason)."""
    rubric, segments, substances = a.rubric, a.segments, a.substances
    strengths = a.strengths
    alone = a.alone or a.strengths

    def level_of(i: int, f: StageFinding) -> int:
        for level in range(f.depth, 0, -1):
            if speaks_for(
                i, f.id, rubric, segments, strengths, alone, substances, min(level, 2)
            ) and reaches(i, f.id, level, segments, strengths, substances):
                return level
        return 0

    def said_by(f: StageFinding, keep: Callable[[int], bool], least: int = 0) -> int | None:
        least = least or max(1, min(f.depth, 2))  # a described stage is shown described
        found = [
            (not segments[j].continues, strengths[j].get(f.id, 0.0), level, -j)
            for j in range(len(segments))
            if keep(j)
            and (level := level_of(j, f)) >= least
            # accuracy and nothing else says no success metric, however it reads
            and not (f.id == "metrics" and accuracy_alone(rubric, segments, j))
        ]
        return -max(found)[3] if found else None

    def moves(f: StageFinding) -> bool:
        return (
            f.id not in asked
            and f.depth_segment is not None
            and f.depth >= 1
            and not rubric.stage(f.id).roadmap
            and len(substances) == len(segments)
        )

    def cut_from_another(j: int, stage: str) -> bool:
        return piece_of_another(segments, strengths, alone, j, stage)

    stages = list(a.stages)
    for n, f in enumerate(stages):
        i = f.depth_segment
        if not moves(f):
            continue
        # a piece cut from a sentence on another stage is no sentence of this one's,
        # however it reads on its own
        cut = cut_from_another(i, f.id)
        if _top_stage(strengths[i], alone[i], f.id) and not cut:
            continue
        # a sentence that reads as the stage most, and more strongly than this one
        # ("Late food goes cold, so being late hurts far more than being early." for the
        # impact, beside "If late deliveries drop by a fifth, complaints and refunds fall
        # with them, which is worth a lot of money…")
        mine = said_by(
            f,
            lambda j, f=f, i=i: (
                _top_stage(strengths[j], alone[j], f.id)
                and strengths[j][f.id] > strengths[i].get(f.id, 0.0)
                and not cut_from_another(j, f.id)
            ),
        )
        if mine is None and (cut or not of_stage(strengths[i], alone[i], f.id)):
            mine = said_by(
                f,
                lambda j, f=f: (
                    of_stage(strengths[j], alone[j], f.id) and not cut_from_another(j, f.id)
                ),
            )
            if mine is None:
                # no sentence of its own says it as deeply: the one that reads as it most
                # and says something of it shows it, not a sentence on another stage that
                # lends it a reading ("For the model I would use a deep neural network…",
                # not "We train it every day on the new data.", for the model choice); a
                # sentence that says nothing specific ("And we keep checking it works.")
                # shows no stage better than the one it has
                mine = said_by(
                    f,
                    lambda j, f=f: (
                        _top_stage(strengths[j], alone[j], f.id)
                        and strengths[j][f.id] >= CLEARLY_OF_STAGE
                        and not cut_from_another(j, f.id)
                        and not (substances[j].generic or substances[j].echo)
                    ),
                    least=1,
                )
        if mine is not None:
            stages[n] = replace(f, depth_segment=mine)
    quoted: dict[int, list[int]] = {}
    for n, f in enumerate(stages):
        if moves(f):
            quoted.setdefault(f.depth_segment, []).append(n)
    for i, ns in quoted.items():
        if len(ns) < 2:
            continue
        elsewhere = {
            n: said_by(
                stages[n],
                lambda j, f=stages[n], i=i: j != i and _top_stage(strengths[j], alone[j], f.id),
            )
            for n in ns
        }

        def gain(n: int, i: int = i, elsewhere: dict[int, int | None] = elsewhere) -> float:
            """How much more strongly another sentence says the stage than this one."""
            j, stage = elsewhere[n], stages[n].id
            return 0.0 if j is None else strengths[j].get(stage, 0.0) / strengths[i][stage]

        # the stage with the least to show elsewhere keeps it; the others move
        keeps = min(ns, key=gain)
        for n in ns:
            if n != keeps and elsewhere[n] is not None:
                stages[n] = replace(stages[n], depth_segment=elsewhere[n])
    return stages


SCENE_WORDS = 3
"""Words of its own an opening that says where or when the story happened needs beside
the place or the time to describe the scene."""


def _scene_said(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
    opening: Sequence[bool],
) -> dict[str, StageDepth]:
    """A story that opens on where it happened and what was going on ("At the bank where
    I worked before, I had a disagreement with a colleague about which database to use")
    has its scene described: the place is as concrete as "two years ago" or "in my last
    job", which count among a sentence's own words where "the bank where I worked" counts
    one."""
    first = rubric.stages[0].id
    if first not in SCENES or depths[first].level >= COVERED_DEPTH:
        return depths
    for i, seg in enumerate(segments):
        sub = substances[i]
        if (
            opening[i]
            and not seg.continues
            and SCENES[first](seg.text)
            and speaks_for(i, first, rubric, segments, strengths, alone, substances)
            and not sub.placeholder
            and len(sub.specifics) - sub.quantities >= SCENE_WORDS
        ):
            return {**depths, first: StageDepth(COVERED_DEPTH, i, at_level=(i, i))}
    return depths


def _returns_close(
    rubric: Rubric,
    roadmap: StageDepth,
    strengths: list[dict[str, float]],
    alone: list[dict[str, float]],
) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """A return to the plan at the close says the parts again: it also lands the answer,
    so it speaks for the rubric's closing stage ("so that's the three bits: what they
    mean, the spam example and when to pick which")."""
    last = rubric.stages[-1]
    if roadmap.level < 3 or roadmap.segment is None or last.position != "late" or last.roadmap:
        return strengths, alone

    def lifted(rows: list[dict[str, float]]) -> list[dict[str, float]]:
        rows = list(rows)
        row = dict(rows[roadmap.segment])
        row[last.id] = max(row.get(last.id, 0.0), SERVES, *row.values())
        rows[roadmap.segment] = row
        return rows

    return lifted(strengths), lifted(alone)


def signpost_segments(
    rubric: Rubric,
    segments: Sequence[Segment],
    closing: frozenset[int] = frozenset(),
    substances: Sequence[Substance] = (),
) -> list[int]:
    """The sentences that open a clause with one of the rubric's signposts. Where the
    rubric hears a plan, also a short heading, and (``substances`` given) a plain move
    into a part said with something specific: "To fix it, you give it more data…", "For
    example, a decision tree that grows until…", and of ``closing``, the sentences that
    land the answer, "So overfitting means memorising instead of learning…" ("For
    example, it can make a huge difference" moves into nothing)."""
    index = CueIndex({"signpost": rubric.signposts})
    labelled = any(st.roadmap for st in rubric.stages)
    out = []
    for i, seg in enumerate(segments):
        if labelled and i > 0 and not seg.continues and opens_on_label(seg.text):
            # "what I made: a model that…": a short heading moves the explanation on
            out.append(i)
            continue
        if (
            labelled
            and i < len(substances)
            and i > 0
            and not seg.continues
            and (opens_on_move(seg.text) or i in closing)
            and substances[i].level >= COVERED_DEPTH
            and len(substances[i].specifics) - substances[i].quantities >= POINT_WORDS
        ):
            out.append(i)
            continue
        # empty unless the segment carries on a sentence cut for length
        said_before = " ".join(s.text for s in segments[sentence_begin(segments, i) : i])
        if any(
            opens_clause(seg.text, c, said_before) for c in index.hits(seg.text).get("signpost", [])
        ):
            out.append(i)
    return out


TRANSITION_WORDS = 5
"""A signposted sentence this short, with more to follow, moves the answer on ("First,
what it is."): it is not filler."""


def _transition(a: StructureAnalysis, i: int) -> bool:
    return i in a.headings or (
        i in a.signposts
        and len(a.segments[i].text.split()) <= TRANSITION_WORDS
        and i + 1 < len(a.segments)
    )


def _tradeoffs_and_models(a: StructureAnalysis) -> None:
    index = CueIndex({"tradeoff": a.rubric.tradeoff_cues, "model": a.rubric.model_names})
    has_tradeoff_stage = "tradeoffs" in a.rubric.stage_ids
    labels = stage_labels(a.rubric.stages)
    declined: set[str] = set()
    for i, seg in enumerate(a.segments):
        hits = index.hits(seg.text)
        explicit = "tradeoff" in hits or bool(WEIGHING.search(seg.text.lower()))
        # read on its own: "Is that fair?" after a tradeoff weighs nothing by itself
        own = a.alone[i] if a.alone else a.strengths[i]
        confident = has_tradeoff_stage and own.get("tradeoffs", 0) >= COVERED_MASS
        if (
            a.substances
            and a.substances[i].generic  # "there are tradeoffs" weighs nothing...
            and not side_taken_next(i, a.segments)  # ..."recall against trust. We lean…"
        ):
            explicit = confident = False
        if defers_weighing(seg.text):  # "we need to balance accuracy and efficiency"
            explicit = confident = False
        if weighs_nothing(seg.text, labels):  # "…, monitoring, tradeoffs and impact"
            explicit = confident = False
        if is_question(seg.text) or is_fragment(seg):  # nothing of its own to quote
            explicit = confident = False
        # "I'd pick the two-tower model over plain collaborative filtering because new
        # videos have no co-watch history": one option set against another, with a reason
        chosen = sentence_begin(a.segments, i) == i and chosen_over(_sentence_of(a.segments, i))
        if explicit or confident or (chosen and not is_question(seg.text)):
            a.tradeoffs.append(i)
        # "two towers rather than plain collaborative filtering": the option weighed
        # against, not one more in a list, nor when it is named again ("…rather than a
        # graph neural network…; a GNN over 300 million nodes is a bet for later")
        names = hits.get("model", [])
        declined |= {_FAMILY_OF.get(n, n) for n in names if _turned_down(seg.text, n, names)}
        for name in names:
            family = _FAMILY_OF.get(name, name)
            if family in declined or _part_of_another(seg.text, name, names):
                continue
            if _put_off(seg.text, name) or _searched_with(seg.text, name):
                continue
            first = next((n for n in a.model_names if _FAMILY_OF.get(n, n) == family), None)
            if first is None:
                a.model_names[name] = i
                first = name
            a.model_mentions.setdefault(first, []).append(i)


_TURNED_DOWN = re.compile(
    r"\b(?:(?:over|than|not)\s+(?:(?:a|an|the|plain|simple|just|only|pure|full|classic|"
    r"standard)\s+){0,2}"
    # "…rather than a big cross-encoder", "…unlike collaborative filtering"
    r"|(?:rather than|instead of|beats|beat|unlike|versus|vs)\s+(?:[\w-]+\s+){0,2})$"
)


_RULED_OUT = re.compile(
    r"\b(?:too (?:slow|expensive|costly|big|heavy|large)|(?:hard|harder|much harder) to "
    r"(?:make fast|serve|run|scale|deploy|explain)|(?:doesn't|does not|won't|wouldn't|"
    r"would not) fit|not fast enough|maybe later|for later|later version|overkill"
    # what the option cannot do: "Logistic regression is faster but it cannot learn the
    # interaction between features"
    r"|(?:can't|cannot|can not|couldn't|could not|doesn't|does not|won't|will not) "
    r"(?:\w+ )?(?:learn|capture|model|handle|represent|scale|keep up))\b"
)
"""What an option is turned down for, said after it: "A neural network … maybe catch a bit
more, but it is hard to make fast enough, so maybe later", "a cross-encoder … would be
more accurate but too slow per candidate"."""


def _turned_down(text: str, name: str, names: Sequence[str] = ()) -> bool:
    """``name`` is said as the option turned down ("…rather than plain collaborative
    filtering", "beats a category classifier", "a neural network … is too slow", up to the
    next of the other ``names``)."""
    low = normalise_text(text)
    at = low.find(f" {normalise_text(name).strip()} ")
    if at < 0:
        return False
    said = f" {normalise_text(name).strip()}"
    end = at + 120
    for other in names:  # up to the next model, not one that says what this one is
        nxt = low.find(f" {normalise_text(other).strip()} ", at + 1)
        if other != name and nxt > at and nxt != at + len(said):
            end = min(end, nxt)
    considered = _CONSIDERED.search(low[: at + 1]) and _BUT.search(low[at:end])
    return bool(_TURNED_DOWN.search(low[: at + 1]) or _RULED_OUT.search(low[at:end]) or considered)


_CONSIDERED = re.compile(
    r"\b(?:considered|thought about|looked at|looked into|tried|could use|could have used)"
    r"\s+(?:[\w-]+\s+){0,2}$"
)
_BUT = re.compile(r"\b(?:but|though|however)\b")
"""An option said as one considered and then set aside: "we considered a transformer, but
it needs more data than we have" turns it down, whatever the reason's words."""


_LATER_VERB = (
    r"(?:i|we)(?:'d|'ll| would| could| might| will| can)?\s+(?:(?:also|then|maybe|perhaps)\s+)?"
    r"(?:add|try|explore|test|consider|look at|experiment with|move to|switch to|upgrade to)\s+"
)
_PUT_OFF = re.compile(
    r"\b(?:later|eventually|in the future|down the line|some ?day|in a (?:later|next|second) "
    r"version|as a next step|next)\b,?\s+"
    # a hedge, or someone adding it: "later maybe a neural one", "next I would add a…",
    # not "next, a gradient boosted tree ranks them"
    rf"(?:(?:maybe|perhaps|possibly)\s+(?:{_LATER_VERB})?|(?:(?:maybe|perhaps)\s+)?{_LATER_VERB})"
    r"(?:(?:a|an|the|some)\s+)?(?:[\w-]+\s+){0,2}$"
)
"""A model said as a step for later, not one of the design's: "…, later maybe a neural
one", "Next I would add a two tower model for new videos"."""


def _put_off(text: str, name: str) -> bool:
    low = normalise_text(text)
    at = low.find(f" {normalise_text(name).strip()} ")
    return at >= 0 and bool(_PUT_OFF.search(low[: at + 1]))


_SEARCH = re.compile(r"^\s*(?:search|index|lookup|look up|retrieval|library)\b")


def _searched_with(text: str, name: str) -> bool:
    """``name`` (a nearest-neighbour family) is how embeddings are searched ("we pull a
    thousand candidates with approximate nearest neighbour search"), not a model of its
    own."""
    if _FAMILY_OF.get(name) != "nearest neighbours":
        return False
    low = normalise_text(text)
    said = f" {normalise_text(name).strip()} "
    at = low.find(said)
    return at >= 0 and bool(_SEARCH.match(low[at + len(said) :]))


def _part_of_another(text: str, name: str, names: Sequence[str]) -> bool:
    """``name`` says what another model named right before it is ("a two-tower neural
    network"): one model, not two."""
    low = normalise_text(text)
    said = normalise_text(name).strip()
    return any(
        f" {normalise_text(other).strip()} {said} " in low for other in names if other != name
    )


def _depth(a: StructureAnalysis) -> None:
    """Depth vs breadth: model families named, and how many come with a reason."""
    reasoned = 0
    for name, first in a.model_names.items():
        # a reason given wherever the family is named as the design's own: "I'd pick the
        # two-tower model over plain collaborative filtering because…" after "a two-tower
        # model that embeds the user…" gives the first one its reason
        for i in a.model_mentions.get(name, [first]):
            near = " ".join(s.text.lower() for s in a.segments[i : i + 2])
            if _REASON.search(near):
                reasoned += 1
                break
    a.reasoned_models = reasoned
    if "metrics" in a.rubric.stage_ids and not a.stage("metrics").covered:
        measures = CueIndex({"m": [m for m in a.rubric.measure_names if "accuracy" not in m]})
        mentions = [
            i
            for i, seg in enumerate(a.segments)
            if _ACCURACY.search(seg.text.lower())
            # "answer accuracy and user feedback like thumbs up" names more than accuracy
            and not measures.hits(seg.text)
            and not _USER_SIGNAL.search(seg.text.lower())
        ]
        others = [
            i for i, s in enumerate(a.strengths) if s.get("metrics", 0) > 0 and i not in mentions
        ]
        if mentions and not others:
            a.accuracy_only = mentions[0]


def sets_sides(rubric: Rubric, segments: Sequence[Segment], i: int) -> bool:
    """Sentence ``i`` (or the rest of it, cut for length, or the next one taking a side)
    sets one option against another in any words: it says "tradeoff", "versus", "instead
    of", what a choice costs or gives up, or contrasts two sides ("…but…")."""
    whole = _sentence_of(segments, i)
    low = whole.lower()
    return (
        bool(_cue_index(tuple(rubric.tradeoff_cues)).hits(whole))
        or bool(WEIGHING.search(low) or _CONTRAST.search(low))
        or weighs_a_cost(whole)
        or takes_a_side(whole)
        or side_taken_next(i, segments)
    )


_CONTRAST = re.compile(
    r"\b(?:but|while|whereas|though|although|unless|otherwise)\b"
    # a cost set against what it buys: "real time would be way more work for not much gain"
    r"|\b(?:more|extra) \w+ for (?:not much|little|no|only a (?:little|small|tiny)|a (?:small|"
    r"tiny)) (?:gain|benefit|improvement|win|lift)\b"
)


def _evidence_where(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    stage: str,
    shows: Callable[[int], bool],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
    *,
    demote: bool = True,
) -> dict[str, StageDepth]:
    """``stage`` described or justified only by a sentence that ``shows`` it: where the
    sentence the depth came from does not, the deepest sentence that does is the stage's
    evidence (one that only names it, "There are some tradeoffs here.", is quoted for the
    stage named); with none, the stage is only named where the depth came from, or, not
    to ``demote``, kept as it was."""
    d = depths.get(stage)
    if d is None or d.level < 2 or d.firm or d.segment is None or shows(d.segment):
        return depths
    able = [
        i
        for i in range(len(segments))
        if shows(i) and speaks_for(i, stage, rubric, segments, strengths, alone, substances)
    ]
    for level in range(d.level, 0, -1):
        found = [i for i in able if reaches(i, stage, level, segments, strengths, substances)]
        if found:
            best = max(found, key=lambda i: (strengths[i].get(stage, 0.0), -i))
            return {**depths, stage: StageDepth(level, best, at_level=(best,) * level)}
    if not demote:
        return depths
    return {**depths, stage: StageDepth(1, d.segment, at_level=(d.segment,))}


def _weighed_and_measured(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    """A tradeoff is described by a sentence that sets options against each other: "To
    learn elasticity we need variation in prices, so 2 percent of requests get a
    jittered multiplier" gives a reason for a data choice and weighs nothing (read as a
    tradeoff, it earned the stage in full while the feedback asked which side the answer
    took). Success metrics are described by more than accuracy: "The model would get
    really good accuracy, probably above 99 percent" only names the stage."""
    rules = []
    if WEIGHING_STAGE in rubric.stage_ids:
        # a tradeoff with no sentence the weighing check knows keeps its depth: the
        # check misses tradeoffs weighed in other words (demoting them took a held-out
        # strong answer's tradeoff from justified to named, 84 → 74, and gained none)
        rules.append((WEIGHING_STAGE, lambda i: sets_sides(rubric, segments, i), False))
    if METRICS_STAGE in rubric.stage_ids:
        rules.append((METRICS_STAGE, lambda i: not accuracy_alone(rubric, segments, i), True))
    for stage, shows, demote in rules:
        depths = _evidence_where(
            rubric, depths, stage, shows, segments, strengths, alone, substances, demote=demote
        )
    return depths


def _mistakes_weighed(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    segments: Sequence[Segment],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    """A tradeoff weighed as two mistakes, one set above the other ("I want precision
    first, because if I delete a real listing, the seller is angry, and a missed copy is
    less bad"), is justified wherever the stage reader heard it: "No tradeoff was named"
    quoted nothing against a sentence that picks a side and says what it costs."""
    d = depths.get(WEIGHING_STAGE)
    if d is None or d.level >= 2:
        return depths
    for i, seg in enumerate(segments):
        sub = substances[i]
        if sub.garbled or is_question(seg.text) or is_fragment(seg):
            continue
        if weighs_mistakes(_sentence_of(segments, i)) and len(sub.specifics) >= DESCRIBED_WORDS:
            return {**depths, WEIGHING_STAGE: StageDepth(3, i, True, at_level=(i, i, i))}
    return depths


METRICS_STAGE = "metrics"


def accuracy_alone(rubric: Rubric, segments: Sequence[Segment], i: int) -> bool:
    """Sentence ``i`` measures success by accuracy and nothing else: no other measure of
    the rubric's ("answer accuracy and precision at the top"), no signal from users
    ("…and thumbs up"), and accuracy not named as the measure turned down ("how many real
    leavers are in the top three hundred, not accuracy overall")."""
    whole = _sentence_of(segments, i)
    low = whole.lower()
    measures = _cue_index(tuple(m for m in rubric.measure_names if "accuracy" not in m))
    return (
        bool(_ACCURACY.search(low))
        and not _ACCURACY_TURNED_DOWN.search(low)
        and not measures.hits(whole)
        and not _USER_SIGNAL.search(low)
    )


def sentence_start(a: StructureAnalysis, i: int) -> int:
    """The segment that starts the sentence segment ``i`` is part of (a quote of a piece
    cut for length would start mid-sentence)."""
    return sentence_begin(a.segments, i)


def _sentence_of(segments: Sequence[Segment], i: int) -> str:
    """The whole sentence segment ``i`` is a piece of (a long one is cut for length)."""
    start, end = sentence_begin(segments, i), sentence_end(segments, i)
    return " ".join(s.text for s in segments[start:end])


@functools.lru_cache(maxsize=16)
def _cue_index(cues: tuple[str, ...]) -> CueIndex:
    """A rubric's cue list as an index, built once: the weighing and accuracy checks ask
    it of every sentence."""
    return CueIndex({"cue": list(cues)})


def _plan_first_heard(depth: StageDepth) -> int | None:
    """Where an audible plan (a roadmap stage, read from the answer's moves, which no
    sentence serves on its own) was first heard: the earliest sentence it is quoted
    from at any level; None when none was. "Signposted structure: named, first —, 0%"
    named a stage that never came up."""
    heard = [i for i in (*depth.at_level, depth.segment) if i is not None and depth.level > 0]
    return min(heard, default=None)


def first_said(a: StructureAnalysis, stage_id: str, own: bool = False) -> int | None:
    """The first sentence that says ``stage_id`` on its own (to show and quote where the
    stage first came up), else the start of the first that serves it at all. ``own``:
    the first of those that is about the stage as much as about anything
    (:func:`of_stage`), where one is: the stage table showed the summary "first 33% in"
    at a sentence on the data ("The big trap is that a zero after a sellout is not zero
    demand…") that read a little as a recap, though the only recap closed the answer."""
    f = a.stage(stage_id)
    if f.first is None:
        return None
    alone = a.alone or a.strengths
    said = [
        i
        for i in range(f.first, len(a.segments))
        if speaks_for(i, stage_id, a.rubric, a.segments, a.strengths, alone, a.substances)
    ]
    mine = [i for i in said if of_stage(a.strengths[i], alone[i], stage_id)] if own else []
    # where the stage came up in a sentence mainly about it: not in a sentence that reads
    # as another stage as much ("I would check the bias of the forecasts every week…"
    # was the summary's "first 67% in"), nor in a piece cut from a sentence on another
    # stage; those are where it first came up only for want of one
    whole = [i for i in mine if not piece_of_another(a.segments, a.strengths, alone, i, stage_id)]
    top = [i for i in whole if _top_stage(a.strengths[i], alone[i], stage_id)]
    if top or whole or mine or said:
        return (top or whole or mine or said)[0]
    return sentence_start(a, f.first)


def _first_pos(a: StructureAnalysis, stage_id: str, positions: list[float]) -> float | None:
    f = a.stage(stage_id)
    return positions[f.first] if f.covered and f.first is not None else None


def _order_findings(a: StructureAnalysis, positions: list[float]) -> list[OrderFinding]:
    findings: list[OrderFinding] = []
    ids = a.rubric.stage_ids
    rubric_stage = {s.id: s for s in a.rubric.stages}
    if not a.segments:
        return findings

    # the candidate's questions ("How many requests a second do we get at peak?") put
    # off no stage: how late a stage came is counted in the words of the answer itself
    asked, asking = [], 0
    for seg in a.segments:
        asked.append(asking)
        asking += seg.n_words if is_question(seg.text) else 0
    said = max(a.segments[-1].last - asking, 1)

    def after_a_while(i: int | None) -> bool:
        return i is not None and a.segments[i].first - asked[i] >= LATE_AFTER_WORDS

    def came_late(i: int | None) -> bool:
        if i is None or not asked[i]:
            return i is not None and positions[i] > 0.5
        return (a.segments[i].first - asked[i]) / said > 0.5

    first_stage = ids[0]
    if rubric_stage[first_stage].position == "early":
        f = a.stage(first_stage)
        # late when even a sentence beside it first carries a trace of it late (a plain
        # opening the sentence model reads only in context is given the benefit of the
        # doubt), and told where the stage table shows it and the quote says it
        pos = _first_pos(a, first_stage, positions)
        said_at = first_said(a, f.id)
        last = ids[-1]
        if pos is not None and pos > 0.5 and f.first is not None:
            row = a.strengths[f.first]
            if row and max(row, key=lambda k: row[k]) == last:
                # "So the short version: …" at the end lands the answer; it is no
                # opening said late
                pos = None
        if pos is not None and not after_a_while(said_at):
            pos = 0.0  # said after a sentence or two of a short answer: it opened with it
        if pos is None or pos > EARLY_SHARE:
            # the first two sentences that say something: a spoken "Umm..." heard as a
            # sentence of its own opens nothing, and is no quote of how the answer opened
            said_something = [i for i, s in enumerate(a.segments) if not only_fillers(s.text)]
            opening = said_something[:2] or list(range(min(2, len(a.segments))))
            touched = [i for i in opening if a.strengths[i].get(first_stage, 0) > 0]
            if pos is None and touched:  # quoting a framing sentence as "no framing" reads wrong
                message = (
                    f"The answer touched {f.title.lower()} only in passing as it opened; "
                    f"{a.rubric.open_with}"
                )
            elif pos is None:
                message = (
                    f"The answer did not open with {f.title.lower()}; it went straight "
                    "to something else."
                )
            else:
                # where the quote is, and the stage table's "first": not the trace beside
                # it ("Problem framing came only later (47% of the way in)" over a quote
                # and a table at 69 %)
                at = positions[said_at] if said_at is not None else pos
                message = f"{f.title} came only later ({at:.0%} of the way in), not at the start."
            findings.append(
                OrderFinding(
                    "late_start" if pos is not None else "no_opening",
                    message,
                    (touched[0] if touched else opening[0]) if pos is None else said_at,
                )
            )
    if first_stage == OPENS_ON and not findings:
        # an explanation that opened on its subject and said what it is only after the
        # analogy: the point counts, and the order says it came late
        f = a.stage(first_stage)
        point = f.depth_segment if f.depth >= COVERED_DEPTH else None
        if point in a.defining and came_late(point) and after_a_while(point):
            findings.append(
                OrderFinding(
                    f"late_{first_stage}",
                    f"The point in a sentence came only {positions[point]:.0%} of the way "
                    f"in; {a.rubric.open_with}",
                    sentence_start(a, point),
                )
            )
    if "model" in ids:
        models = CueIndex({"model": a.rubric.model_names})
        first_model = _first_dominant(
            a, "model", skip=formulates, keep=lambda i: _chooses_model(a, models, i)
        )
        if first_model is not None:
            before = [s for s in ("metrics", "constraints") if s in ids]
            late = [
                s
                for s in before
                if not a.stage(s).covered
                or a.stage(s).first is None
                or a.stage(s).first > first_model
            ]
            if before and len(late) == len(before):
                names = " or ".join(rubric_stage[s].title.lower() for s in before)
                named = [
                    s for s in before if (f := a.stage(s).first) is not None and f < first_model
                ]
                aimed = any(states_aim(a.segments[i].text) for i in range(first_model))
                # named first but never said with anything specific: they did come up
                if named:
                    message = (
                        f"The model was chosen before {names} were pinned down "
                        f"({' and '.join(rubric_stage[s].title.lower() for s in named)} only "
                        "named before it)."
                    )
                elif aimed:
                    # "So, for up next, I think the goal is people watch more time": what
                    # success is came up as the goal; "before any success metrics came up"
                    # would deny the opening it quotes
                    message = (
                        f"The model was chosen before {names} were pinned down (only the "
                        "goal was said before it)."
                    )
                else:
                    message = f"The model was chosen before any {names} came up."
                findings.append(
                    OrderFinding("model_first", message, sentence_start(a, first_model))
                )
    for st in a.rubric.stages[1:]:
        if st.position != "early" or st.id == first_stage:
            continue
        first = a.stage(st.id).first if a.stage(st.id).covered else None
        if came_late(first) and after_a_while(first_said(a, st.id)):
            findings.append(
                OrderFinding(
                    f"late_{st.id}",
                    f"{st.title} came late, after half the answer.",
                    first_said(a, st.id),
                )
            )
    last_id = ids[-1]
    if rubric_stage[last_id].position == "late" and said >= CLOSE_AFTER_WORDS:
        tail = [i for i, p in enumerate(positions) if p >= 1 - EARLY_SHARE] or [len(a.segments) - 1]
        # the last two sentences, whole: "So basically: … wasn't worth | it." ends the
        # answer though its start came before the closing fifth
        starts = [i for i, s in enumerate(a.segments) if not s.continues][-2:]
        tail = sorted(set(tail) | set(range(starts[0] if starts else 0, len(a.segments))))
        # "So, to sum up, three monitor and career features…": a recap whose words the
        # speech model misheard serves no stage, yet it opens by saying it sums up; "did
        # not end with summary" quoted it back to the candidate
        openers = stage_openers(a.rubric)
        closes = any(opened_stage(openers, a.segments[i].text) == last_id for i in tail)
        # or the close was said there: a sentence that reads mainly as it, the one that
        # reached its level, or any trace of it in the last sentence (a recap that says
        # the parts again reads mostly as those parts: "So: tiny wake word, cloud RNN-T,
        # canary rollout, and next, on-device timers")
        landed = a.stage(last_id).depth_segment if a.stage(last_id).depth else None
        last = sentence_start(a, len(a.segments) - 1)
        if (
            not closes
            and landed not in tail
            and not any(a.strengths[i].get(last_id, 0) > 0 for i in range(last, len(a.segments)))
            and not any(_closes(a.strengths[i], last_id) for i in tail)
        ):
            title = rubric_stage[last_id].title.lower()
            findings.append(
                OrderFinding(
                    "no_close",
                    f"The answer did not end with {title}.",
                    sentence_start(a, len(a.segments) - 1),
                )
            )
    return findings


CLOSE_TRACE_SHARE = 0.4
"""A sentence near the end, before the last one, closes the answer when the close reads at
this share of its main stage or more: "So overall, fingerprints and a tree model" does,
but a weighed choice with a faint echo of a recap ("Deciding after one sentence gives up
a bit of accuracy for a shorter wait") is no close. A sentence that speaks for the close
(:func:`serving`) is not asked for."""


def _closes(row: dict[str, float], close: str) -> bool:
    v = row.get(close, 0.0)
    return v > 0 and v >= CLOSE_TRACE_SHARE * max(row.values())


_EMPTY_DEED = re.compile(
    r"^(?:(?:and|then|so|next|after that|now|um|uh|okay|ok|well)\W+)*"
    r"(?:we|i|you|they)(?:'ll|'d|\s+will|\s+would|\s+can|\s+could|\s+should|\s+just|"
    r"\s+then|\s+also|\s+basically|\s+kind of|\s+sort of)*\s+"
    r"(?:process|handle|deal with|do something with|do stuff with|work on|work with|"
    r"take care of|look at|sort out|manage|go through|work through|figure out)\s+"
    r"(?:it|that|this|them|those|these|everything|all of (?:it|that|this|them))"
    r"(?:\s+(?:up|out|then|too|as well|again|somehow|properly|accordingly|from there))?"
    r"\W*$"
)
"""A deed with no object of its own ("Then we process it.", "And we handle that.", "We'd
deal with them accordingly."): read on its own, the sentence model guesses a stage for
so few words (serving, the pipeline), but it says nothing of what is done. It may be
heard beside its neighbours; it is quoted for no stage and takes none to a depth."""


def empty_deed(text: str) -> bool:
    return bool(_EMPTY_DEED.match(text.lower().replace("’", "'").strip()))


CLAUSE_TRACE = 0.5
"""...where the whole sentence, read on its own, holds a trace of the stage too."""


def _phrased(
    ruled: dict[str, StageDepth],
    read: dict[str, StageDepth],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
) -> dict[str, StageDepth]:
    """A volume ("ten million products") or an alert rule ("we alert if the daily
    faithfulness sample drops below 95 percent") the rules read as describing its stage
    stays described whatever the depth head reads: the sentence is often mostly about
    something else (serving from cache), and the head had taken such a stage for one said
    only in passing."""
    out = dict(read)
    for stage, phrases in CONCRETE_PHRASES.items():
        rule, now = ruled.get(stage), read.get(stage)
        if rule is None or now is None or now.level >= 2 or rule.level < 2:
            continue
        shown = rule.at_level[1] if len(rule.at_level) >= 2 else rule.segment
        if shown is None:
            continue
        said = segments[shown].text.lower().replace("’", "'")
        if any(rx.search(said) for rx in phrases) and serving(strengths[shown], stage):
            out[stage] = rule.read_at(2)
    return out


def _answering(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> dict[str, StageDepth]:
    """A stage left at named, or taken to absent by the depth head, with a sentence that
    speaks for it and says what the named level lacks ("That
    protects trust and repeat orders." says which outcome; "we could use the click logs"
    says where the examples come from; "I'd watch zero-click rate and query embedding
    drift" says what is watched) is described: the candidate was told "you named it but
    not which outcome" under a quote that names the outcome."""
    out = dict(depths)
    for stage, phrases in ANSWERING_PHRASES.items():
        now = out.get(stage)
        if now is None or now.level >= 2 or rubric.stage(stage).top_level < 2:
            continue
        found = next(
            (
                i
                for i, seg in enumerate(segments)
                if speaks_for(i, stage, rubric, segments, strengths, alone, substances)
                and not substances[i].echo
                and not substances[i].placeholder
                and any(rx.search(seg.text.lower().replace("’", "'")) for rx in phrases)
            ),
            None,
        )
        if found is not None:
            out[stage] = StageDepth(2, found, now.firm, now.asked, at_level=(found, found))
    return out


def _described_in_clauses(
    rubric: Rubric,
    depths: dict[str, StageDepth],
    clauses: Sequence[frozenset[str]],
    segments: Sequence[Segment],
    substances: Sequence[Substance],
    alone: Sequence[dict[str, float]],
    talk: frozenset[int] = frozenset(),
) -> dict[str, StageDepth]:
    """A stage one clause of a sentence describes is described, however much else the
    sentence says: concise answers say two stages a sentence ("…with twenty million
    subscribers and offers for two hundred thousand a month, a daily list is enough, so
    this is a nightly batch job"), and the second read as said in passing. Applied after
    the depth head, which learned from answers read sentence by sentence. A sentence in
    ``talk`` (:func:`model_talk`) describes no opening stage."""
    close = rubric.recap_stage
    out = dict(depths)
    for st in rubric.stages:
        if st.id == close or out[st.id].level >= 2:
            continue
        found = next(
            (
                i
                for i, said in enumerate(clauses)
                if st.id in said
                and not (i in talk and st.id == rubric.stages[0].id)
                and alone[i].get(st.id, 0.0) >= CLAUSE_TRACE
                and not substances[i].garbled
                and not substances[i].echo
                and not is_fragment(segments[i])
            ),
            None,
        )
        if found is not None:
            level = min(2, st.top_level)
            out[st.id] = StageDepth(level, found, True, at_level=(found,) * level)
    return out


def _heard(
    row: dict[str, float], sub: Substance, rubric: Rubric, text: str = "", opening: bool = True
) -> dict[str, float]:
    if sub.garbled:
        # "To sum up, I'm ooasted three on streaming features…": the words after a
        # heading were mis-heard, but the heading says which stage the sentence is; named
        # there, the stage is not reported missing ("No summary … in the answer")
        heading = opened_stage(stage_openers(rubric), text)
        return {heading: SERVES} if heading is not None else {}
    if serves_no_stage(sub, text):
        return {}
    first = rubric.stages[0].id
    if sub.echo and opening:
        # the question's own words say the topic, not a stage; a heading still does: "For
        # the data, we can use the emails that users marked as spam" is about the data
        heading = opened_stage(stage_openers(rubric), text)
        return {k: v for k, v in row.items() if k in (first, heading)}
    if opening and first in OPENS and OPENS[first](text):
        # "Thirty unheard songs a week… is a ranking problem we can run as a weekend
        # batch": said with the limits it lives in, the task is still framed; "In my
        # second year at an insurance company I led the rollout of…" sets the scene
        # as it says what the teller did, and "So in my last job I had a disagreement
        # with a colleague about…" sets it even where the sentence reader hears no stage
        top = max(row.values(), default=0.0)
        return {**row, first: max(row.get(first, 0.0), SERVES, SERVES_SHARE * top)}
    if len(text.split()) <= BARE_WORDS and row:
        # "Transformers." as a whole answer names a model and nothing else: the opening
        # does not make it a framing too
        top = max(row, key=row.__getitem__)
        return {top: row[top]}
    return row


BARE_WORDS = 2
"""A sentence of this many words or fewer says one thing: the stage it is most about."""


_TASK = (
    r"(?:(?:binary|multi-?class|multi-?label|image|text|visual|semantic|vector|"
    r"nearest[- ]neighbou?r|time[- ]series|sequence|similarity|supervised|two[- ]stage|"
    r"pairwise|yes[- ]or[- ]no|matching|ranking|retrieval|classification|regression)[\s-]+)*"
    r"(?:classification|ranking|regression|retrieval|recommendation|forecasting|forecast|"
    r"detection|matching|clustering|search|labell?ing|tagging|segmentation|prediction|"
    r"similarity|verification|estimation)"
)
_FORMULATES = re.compile(
    r"\b(?:treat|frame|cast|pose|formulate|think of|see|approach)\s+(?:it|this|the problem|"
    r"the task)\s+as\b"
    # "…is a ranking problem", "visual search is image retrieval", "it's basically
    # binary classification"
    r"|\b(?:is|it's|this is|that's)\s+(?:basically |really |just |essentially |mostly |"
    r"fundamentally |at (?:heart|its core) )?(?:an? )?" + _TASK + r"(?:\s+(?:problem|task))?\b"
    # "I'd split it into wake word detection, speech recognition, …": the parts of the
    # problem, before any of them gets a model; "the flow would be…" walks through them
    r"|\b(?:split|splits|break|breaks|divide|divides|decompose|decomposes)\s+(?:it|this|the "
    r"problem|the system|the task|the product)\s+(?:up\s+|down\s+)?into\b"
    r"|\bthe flow (?:would be|will be|is|goes)\b"
    # the answer's own heading for it, whatever else the sentence sets out: "Framing: ETAs
    # for food orders, at browse time for fifty restaurants within 200 ms at p99…"
    r"|^\W*(?:(?:so|okay|ok|first|um|uh)\W+)*(?:problem )?framing\s*[:,—-]"
    # what goes in and what comes out: "a user's photo in, buyable similar products out"
    r"|\b\w+(?:\s+[\w'-]+){0,3}\s+in,\s+(?:[\w'-]+\s+){1,5}out\b"
    # the task or goal said in one line as the answer opens: "The core is predicting when
    # each copy returns", "Goal is to page the owning team on real problems"
    r"|\b(?:the|our)\s+(?:core|heart|crux|main job|main task|real task|real job)(?:\s+of it)?\s+is"
    r"\s+(?:to\s+)?(?:predict|estimat|forecast|rank|classif|detect|decid|find|match|tell|pick|"
    r"choos|flag|spot|warn|recommend|suggest)\w*"
    r"|^\W*(?:(?:so|okay|ok|um|uh|well|right)\W+)*(?:the\s+|our\s+|my\s+)?(?:goal|aim|task|job|"
    r"objective|ask)\s+(?:here\s+)?is\s+to\b"
    # ...or said as what we are after: "We want to block fraudulent payments at checkout,
    # and the metric is…", "we're trying to predict which customers will cancel"
    r"|^\W*(?:(?:so|okay|ok|um|uh|well|right|basically)\W+)*(?:we|i)(?:'re| are)?\s+(?:want|"
    r"need|trying|have)\s+to\s+(?:predict|estimat|forecast|rank|classif|detect|decid|find|match|"
    r"tell|pick|choos|flag|spot|warn|recommend|suggest|block|stop|catch|prevent|identify)\w*"
)
"""Turns the product ask into an ML task ("I'd treat it as image retrieval: embed the
photo and find its nearest neighbours") or into its parts ("I'd split it into…"): it
frames the problem; it picks no model."""


_AIM = re.compile(
    r"\b(?:the|our|my|main|business|product)\s+(?:goal|aim|objective)s?\s+(?:here\s+|for (?:me|us|"
    r"the \w+)\s+)?(?:is|are|would be|will be)\b(?!\s+to\s+(?:predict|estimat|forecast|rank|"
    r"classif|detect|build|design|find|match|recommend|score|model)\w*)"
    r"|\bsuccess\s+(?:for (?:me|us|the \w+)\s+)?(?:is|means|would be|looks like)\b"
    r"|\bwhat (?:we|they|the business|the company|the shop|the store) (?:really )?(?:wants?|"
    r"cares?(?: about)?) is\b"
)
"""What the design is for, said as the aim: "I think the goal is people watch more time
and they are happy", "Success for me is that shoppers buy more"; not the task said as
a goal ("the goal is to predict churn")."""


def states_aim(text: str) -> bool:
    """``text`` says what success is, as the design's goal."""
    return bool(_AIM.search(text.lower().replace("’", "'")))


def formulates(text: str) -> bool:
    return bool(_FORMULATES.search(text.lower().replace("’", "'")))


_PARTY = (
    r"(?:people|person|users?|customers?|members?|subscribers?|shoppers?|buyers?|sellers?|"
    r"listeners?|viewers?|readers?|(?:job )?seekers?|riders?|drivers?|players?|patients?|"
    r"students?|learners?|employees?|advertisers?|merchants?|employers?|recruiters?|hosts?|"
    r"guests?|owners?|clients?|staff|moderators?|reviewers?|planners?|doctors?|nurses?|"
    r"farmers?|travell?ers?|passengers?|diners?|tenants?|teams?|operators?|analysts?|"
    r"someone|somebody|everyone|anyone)"
)
"""Who a product serves or works with, as an answer names them."""
_BUILDS = (
    r"(?:solve|use|build|train|do|go|pick|choose|try|implement|apply|design|make|create|model|"
    r"fine[- ]?tune|deploy|throw|start|embed|compute|run|set up|code|write)"
)
_PROBLEM_TERMS = re.compile(
    # what the product or its people need: "We want to rank jobs for each seeker…", "the
    # app should send each user only…", "each listener should get thirty songs…"; not
    # what the builder will do ("we need to solve it with…", "I want to use BERT")
    rf"\b(?:we|i|(?:the\s+|our\s+)?(?:system|app|product|service|site|platform|feature|business|"
    rf"company|shop|store)|{_PARTY})\s+(?:really\s+|also\s+|just\s+)?(?:want|wants|need|needs|"
    r"must|should|have to|has to|are trying to|'re trying to|am trying to|'m trying to|'d like|"
    rf"would like)\s+(?:to\s+)?(?!to\b)(?!{_BUILDS}\b)[a-z]"
    # what it is for, said of the people it serves: "…so the retention team can call them",
    # "…so that they apply", "…before customers leave"
    r"|\b(?:so|so that|in order that|helps?|to help|lets?|to let|before|until)\s+"
    rf"(?:the\s+|each\s+|every\s+|our\s+|their\s+|a\s+|an\s+)?(?:[\w-]+\s+)?{_PARTY}\b"
    r"|\bso(?: that)? they\s+(?:can|will|could|would|don't|do not|never|keep|stay|come|apply|"
    r"buy|click|find|get|see|discover|return|open|watch|listen|read|spend|leave|hear|book)\b"
    # the problem said as one: "So the problem is that the speaker listens all the time…"
    r"|\b(?:the|our|my)\s+(?:real\s+|main\s+|core\s+)?(?:problem|issue|pain|challenge)\s+"
    r"(?:here\s+)?is\s+that\b"
    # what it must not cost them: "…without annoying them"
    r"|\bwithout\s+(?:annoying|spamming|flooding|losing|hurting|overwhelming|bothering|"
    r"blocking|burning|wasting|upsetting)\b"
)
"""The problem's own terms: who it is for, what they or the product need, what it is
for or must not cost (a goal said as one is :func:`states_aim`)."""


def states_problem(text: str) -> bool:
    """``text`` says the problem in its own terms: whom it serves and what they need, the
    goal, or the cost to avoid (not only the ML task: "it's really a similarity
    problem")."""
    low = text.lower().replace("’", "'")
    return states_aim(low) or bool(_PROBLEM_TERMS.search(low))


_FAMILY = re.compile(
    r"\b(?:rl|reinforcement learning|deep learning|deep (?:neural )?(?:networks?|nets?)|"
    r"neural (?:networks?|nets?)|llms?|large language models?|language models?|"
    r"gpt(?:-?\d+\w*)?|transformers?|bandits?)\b"
)
"""Model families by their common names, beside the rubric's list of them."""
_EVERYDAY_NAMES = frozenset({"clip", "whisper", "prophet"})
"""Model names that are everyday words too ("a short clip"): they name a model where the
sentence reads as about the model."""
_IT = re.compile(r"\b(?:it|its|it's|it'd|it'll)\b")
MODEL_BACK = 2
"""A sentence may speak of the model named this many sentences before it as "it"."""


def _names_model(text: str, models: CueIndex, row: dict[str, float]) -> bool:
    """``text`` names a model family (an everyday word among their names only where the
    sentence reads as more about the model than about framing)."""
    low = text.lower().replace("’", "'")
    if _FAMILY.search(low):
        return True
    names = models.hits(text).get("model", [])
    about_model = row.get("model", 0.0) >= row.get(OPENS_ON, 0.0)
    return any(n not in _EVERYDAY_NAMES or about_model for n in names)


def model_talk(
    rubric: Rubric, segments: Sequence[Segment], strengths: Sequence[dict[str, float]]
) -> frozenset[int]:
    """Sentences (segment indices) whose point is the model and that say nothing of the
    problem's own terms (:func:`states_problem`): they name a model family ("The job
    matching problem is really a semantic similarity problem, so I would use a large
    language model…") or speak of one named just before as "it" and read as about the
    model ("It assumes the words are independent, which is not true but it works
    anyway."). Such a sentence names the problem at most: a framing is described by
    whom it serves, what it decides and what success is, not by the model picked for it.
    Only for a design rubric that opens on framing."""
    ids = rubric.stage_ids
    if "model" not in ids or not ids or ids[0] != OPENS_ON:
        return frozenset()
    models = CueIndex({"model": rubric.model_names})
    starts = [i for i in range(len(segments)) if not segments[i].continues]
    whole = {s: _sentence_of(segments, s) for s in starts}
    named = {s: _names_model(whole[s], models, strengths[s]) for s in starts}
    out: set[int] = set()
    for n, s in enumerate(starts):
        text = whole[s]
        if states_problem(text):
            continue
        before = starts[max(0, n - MODEL_BACK) : n]
        pieces = range(s, sentence_end(segments, s))
        spoken_of = (
            _IT.search(text.lower().replace("’", "'")) is not None
            and any(named[b] for b in before)
            and any(strengths[i].get("model", 0.0) >= SERVES for i in pieces)
        )
        if named[s] or spoken_of:
            out.update(pieces)
    return frozenset(out)


_SETS_SCENE = re.compile(
    r"^(?:(?:so|okay|ok|well|um|uh|right|sure|yeah)\W+)*"
    # "This was in my first job…", "It was two years ago…": the scene said of the story
    r"(?:(?:this|it|that) (?:was|happened) (?:back )?)?(?:"
    r"(?:in|during) (?:my|our) (?:first|second|third|fourth|last|final|previous|old|early) "
    r"(?:year|years|job|role|team|months|weeks|days)"
    r"|(?:at|in) (?:my|our) (?:last|previous|old|current|first|former) (?:job|company|role|"
    r"team|employer|startup|workplace)"
    r"|(?:a|one|two|three|four|five|a few|a couple of|several) (?:years?|months?) ago"
    r"|(?:a while|some time|not long|some years|many years|a long time) (?:ago|back)"
    r"|earlier this year|there (?:was|were) (?:a|one|this) (?:time|moment|project|period)\b"
    # who the teller was there: "I was the only data person on a team of six", "I was
    # working as the only analyst in a company of twenty"
    r"|i (?:was|worked) (?:working |employed )?(?:as )?(?:the|a|an|one of (?:the|two|three|"
    r"a few|several)) (?:[\w-]+ ){0,3}(?:person|people|engineers?|analysts?|scientists?|"
    r"managers?|lead|developers?|designers?|interns?|researchers?|consultants?|hires?)\b"
    r"|last (?:year|spring|summer|autumn|fall|winter|quarter|month)"
    r"|when i was (?:at|working|on|a|an|the|leading|running|in)"
    r"|back (?:in|when|at)|in (?:19|20)\d\d\b"
    r"|(?:at|in) (?:a|an|my|our) (?:[\w-]+ ){0,3}(?:company|startup|bank|insurer|retailer|"
    r"agency|firm|team|lab|hospital|shop|marketplace)\b"
    # the place said by what the teller did there: "At the bank where I worked before…",
    # "On the payments team I was on…"
    r"|(?:at|in|on) the (?:[\w-]+ ){0,3}(?:company|startup|bank|insurer|retailer|agency|firm|"
    r"team|lab|hospital|shop|marketplace|job|place)\s+(?:where|that|which|i)\b"
    r"|(?:at|in|on) the (?:[\w-]+ ){1,3}(?:where|that|which) (?:i|we) (?:worked|was working|"
    r"used to work|was|were)\b"
    r"|on (?:a|an|my|our) (?:[\w-]+ ){0,3}team\b"
    r"|when i (?:joined|started at|started on|worked at|worked on|worked for|worked in)\b)"
)
"""A story's opening that sets its scene: when and where ("In my second year at an
insurance company…", "At my last job…", "Two years ago…")."""


def sets_scene(text: str) -> bool:
    return bool(_SETS_SCENE.search(text.lower().replace("’", "'")))


OPENS = {"framing": formulates, "situation": sets_scene}
"""How an answer opens on its first stage, whatever else the sentence says."""

SCENES = {"situation": sets_scene}
"""How a story opens on where or when it happened (:func:`_scene_said`)."""


def _first_dominant(
    a: StructureAnalysis,
    stage_id: str,
    skip: Callable[[str], bool] | None = None,
    keep: Callable[[int], bool] | None = None,
) -> int | None:
    """First sentence mainly about ``stage_id`` (not one that mentions it in passing,
    like "we're building a model that suggests prices" while framing), and not one
    ``skip`` finds in the sentence it is part of (a piece cut for length is read with its
    start: "so the flow would be wake word detection, … | then figure out the intent");
    where ``keep`` is given, only a sentence it keeps (by index)."""
    for i, row in enumerate(a.strengths):
        v = row.get(stage_id, 0.0)
        if v >= 1.0 and v >= max(row.values()):
            whole = " ".join(s.text for s in a.segments[sentence_start(a, i) : i + 1])
            if skip is not None and skip(whole):
                continue
            if keep is not None and not keep(i):
                continue
            return i
    return None


def _chooses_model(a: StructureAnalysis, models: CueIndex, i: int) -> bool:
    """Sentence ``i`` chooses a model: it names one by its family ("a transformer", "an
    LLM like GPT", "XGBoost"), in any piece of the sentence, or says something specific
    of the model ("a classifier on the last thirty days of opens"). "For the model, we
    choose a suitable machine learning model and train it carefully" names the stage and
    chooses nothing: a buzzword answer was told "The model was chosen before success
    metrics or constraints were pinned down", the same order penalty as an answer that
    jumps to XGBoost."""
    start, end = sentence_start(a, i), sentence_end(a.segments, i)
    whole = " ".join(s.text for s in a.segments[start:end])
    if models.hits(whole).get("model"):
        return True
    return bool(a.substances) and a.substances[i].for_stage("model").level >= 2


def depth_points(rubric: Rubric, depths: dict[str, int]) -> float:
    """What stages at ``depths`` (stage id to level) earn of 100, before order findings:
    each stage's weight times the share its level earns."""

    def share(stage_id: str, top: int) -> float:
        level = depths.get(stage_id, 0)
        return 1.0 if level >= top else depth_credit(rubric, level)

    earned = sum(st.weight * share(st.id, st.top_level) for st in rubric.stages)
    return 100.0 * earned / sum(st.weight for st in rubric.stages)


UNFRAMED = ("framing", "metrics")
"""A design answer that describes neither what problem it solves nor how success is
measured skipped the two steps the rest is built on: it loses what those two would have
earned, justified (:func:`held`)."""


def unframed(a: StructureAnalysis) -> bool:
    """A design answer (a rubric with a model stage and the :data:`UNFRAMED` stages) that
    covered none of them: the model-first answer that never framed the problem nor said
    what success is."""
    return leaves_unframed(a.rubric, {f.id for f in a.stages if f.covered})


def leaves_unframed(rubric: Rubric, covered: Collection[str]) -> bool:
    """:func:`unframed` for the stages ``covered`` (ids), however they were judged."""
    ids = rubric.stage_ids
    if "model" not in ids or not all(s in ids for s in UNFRAMED):
        return False
    return not any(s in covered for s in UNFRAMED)


def held_cost(rubric: Rubric) -> float:
    """What an unframed answer loses: what the :data:`UNFRAMED` stages earn justified over
    only named (about 20 of 100 with the design rubric's weights)."""
    weight = sum(st.weight for st in rubric.stages if st.id in UNFRAMED)
    total = sum(st.weight for st in rubric.stages)
    return 100.0 * weight * (1.0 - rubric.named_credit) / total


def held(rubric: Rubric, score: float) -> float:
    """What an unframed answer (:func:`unframed`) scores of the ``score`` its stages
    earned: :func:`held_cost` less, but not below what naming every stage earns (100
    times the rubric's ``named_credit``) unless it earned less. A model-first answer
    that describes its model, data and serving (15-27) stays at naming everything, as a
    buzzword list does; a wider design keeps what it earned over that, below the same
    design framed and measured. Held at 10 whatever it earned, a medium answer with a
    real model, data, serving and monitoring sat level with weak ones, and one full stop
    heard inside a spoken success metric ("…in their inbox. And how often…") took an
    answer from 45 to 10."""
    named = 100.0 * rubric.named_credit
    return min(score, max(named, score - held_cost(rubric)))


def unheld(rubric: Rubric, score: float) -> float:
    """What a held answer's stages earned, from the :func:`held` ``score`` (one at naming
    everything is taken as earning that)."""
    named = 100.0 * rubric.named_credit
    return score if score <= named else score + held_cost(rubric)


def earned(a: StructureAnalysis) -> float:
    """What the answer's stages earn by depth, less its order findings, before any hold."""
    base = depth_points(a.rubric, {f.id: f.depth for f in a.stages})
    return base - order_penalty(len(a.order), disorder(a), base)


def _score(a: StructureAnalysis) -> int:
    score = earned(a)
    if unframed(a):
        score = held(a.rubric, score)
    return int(round(max(0.0, min(100.0, score))))


def order_penalty(findings: int, disordered: float = 0.0, earned: float | None = None) -> float:
    """What ``findings`` order findings, and a :func:`disorder` of ``disordered``, take off
    the score of an answer whose stages ``earned`` that much by depth (at most
    :data:`ORDER_SHARE` of it; not given: taken as earning enough for the full cost)."""
    late = max(0.0, disordered - DISORDER_SLACK)
    cost = min(MAX_ORDER_PENALTY, ORDER_PENALTY * findings + DISORDER_PENALTY * late)
    return cost if earned is None else min(cost, ORDER_SHARE * max(0.0, earned))


def disorder(a: StructureAnalysis) -> float:
    """The share of (problem stage, solution stage) pairs the answer said solution first:
    each stage of the rubric placed early (framing, constraints, success metrics) against
    each placed in the middle or late (data to monitoring; not the closing recap), where
    both are covered. A stage is placed where a sentence is first mainly about it (a trace
    of framing in a serving sentence places nothing), or else where it reached its depth.
    Success metrics said after the data is one pair in fifteen (and costs nothing, under
    :data:`DISORDER_SLACK`); the model first and the problem last is all of them.
    Only a design answer (a rubric with a model stage) is read so: a story may open on
    how it ended ("We shipped it a week late; here is how it got there"), and the
    labelled strong stories lost up to 4 points where nothing was out of place."""
    if "model" not in a.rubric.stage_ids:
        return 0.0
    close = a.rubric.stage_ids[-1]
    early = [s.id for s in a.rubric.stages if s.position == "early"]
    solving = [s.id for s in a.rubric.stages if s.position in ("middle", "late") and s.id != close]
    placed: dict[str, int] = {}
    for sid in early + solving:
        f = a.stage(sid)
        if not f.covered:
            continue
        i = _first_dominant(a, sid)
        if i is None:
            i = f.depth_segment if f.depth_segment is not None else f.first
        if i is not None:
            placed[sid] = a.segments[i].first
    pairs = [(e, s) for e in early for s in solving if e in placed and s in placed]
    if not pairs:
        return 0.0
    return sum(placed[s] < placed[e] for e, s in pairs) / len(pairs)
