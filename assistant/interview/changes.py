"""Requirement changes: when a design exists to change, which change bites hardest on
it, and whether the answer after a change revised the design.

A change comes once there is a design (a model and serving or data); the change picked
is the one that bites hardest on what the candidate built (its words already used, its
stages covered), then on the stages this question cares about that the answer skipped.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from assistant.interview.adaptation import (
    ACK_PARAPHRASE,
    GENERIC,
    SAID_SHORT,
    Verdict,
    first_parts,
    judge_texts,
    not_retold,
    remedies_of,
    retold,
    retold_verdict,
    salient_terms,
    says_met,
    spoken_change,
    takes_away,
    time_limit,
    told_at_length,
)
from assistant.interview.clarify import content_stems
from assistant.interview.spoken_numbers import number_text, times
from assistant.interview.stage_evidence import read_stages
from assistant.interview.view import AnswerView, cumulative, deepest, latest_named
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.embedder import Embedder
from prompts import ConstraintChange, Fact, Question

SERVING_OR_DATA = ("deployment", "pipeline", "data")
"""With a model and one of these on the table there is a design a new requirement can
change."""


def has_design(question: Question, answers: Sequence[AnswerView]) -> bool:
    """A model and at least serving or data are on the table (any answer at all, for a
    question that is not a design question)."""
    if not question.is_design:
        return any(a.text.strip() for a in answers)
    depth, _ = deepest(answers)
    covered, _ = cumulative(answers)
    # "then we choose the right model for the problem" puts no model on the table
    model = "model" in covered or depth.get("model", 0) >= 2 or bool(latest_named(answers))
    # a model only glimpsed, its name misheard ("an radiant-boosted model ranks the top
    # few hundred"), is on the table when what it works in was described: two of the
    # data, the pipeline and the serving (a whole interview went by without a change)
    described = sum(depth.get(s, 0) >= 2 for s in SERVING_OR_DATA)
    model = model or (depth.get("model", 0) >= 1 and described >= 2)
    if not model:
        return False
    # a stage the analysis only glimpsed ("that's what they do" read as serving) is
    # not yet a design: named, it must be named in the stage's own words
    said = read_stages(answers, SERVING_OR_DATA)

    def built(s: str) -> bool:
        return s in covered or depth.get(s, 0) >= 2 or (depth.get(s, 0) == 1 and said[s].in_words)

    return any(built(s) for s in SERVING_OR_DATA)


ON_TOPIC = 0.25
"""Answers at least this close in meaning to the question are about it (answers to the
question scored 0.42 to 0.72 against it; a weekend's hiking and a risotto, under 0.13)."""


def on_topic(question: Question, answers: Sequence[AnswerView], embedder: Embedder | None) -> bool:
    """The answers, taken together, are about the question (without the sentence model:
    assumed so). The analysis may read "then we cooked a big pasta dinner" as a pipeline;
    a change to that "design" would then score the pasta as a design change."""
    said = " ".join(a.text for a in answers).strip()
    if embedder is None or not said:
        return bool(said) or embedder is None
    vectors = embedder.embed([question.words, said])
    return float(vectors[0] @ vectors[1]) >= ON_TOPIC


def names_a_design(question: Question, answers: Sequence[AnswerView]) -> bool:
    """Some part of a design is on the table, if only named: a model, the data, the
    pipeline or the serving (not only the problem and a traffic figure)."""
    if not question.is_design or not any(a.depth for a in answers):
        # no structure read (no rubric): nothing says the design is missing
        return any(a.text.strip() for a in answers)
    depth, _ = deepest(answers)
    parts = ("model", "data", "pipeline", "deployment")
    return bool(latest_named(answers)) or any(depth.get(s, 0) >= 1 for s in parts)


_UNIT = {
    **dict.fromkeys(("ms", "msec", "millisecond", "milliseconds"), "ms"),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("day", "days"), "day"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
    **dict.fromkeys(("%", "percent", "per cent"), "%"),
    **dict.fromkeys(("x", "times"), "x"),
    **dict.fromkeys(("cent", "cents"), "cent"),
    **dict.fromkeys(("gb", "gigabyte", "gigabytes"), "gb"),
}
_FIGURE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|(?:"  # "%" apart: no word boundary after it
    + "|".join(sorted(_UNIT, key=len, reverse=True))
    + r")\b)"
)


def figures(text: str) -> set[tuple[str, str]]:
    """The figures with a unit in ``text``: "within 300 ms" and "300 milliseconds" are
    both ("300", "ms"); "10,000 reviews" has none (a count is not a limit)."""
    norm = number_text(text)
    return {(m.group(1), _UNIT.get(m.group(2), m.group(2))) for m in _FIGURE.finditer(norm)}


LATENCY_BUDGET = 1.0
"""A change's time limit up to this many seconds is a latency budget a design can be
shown, in one sentence, to fit already."""
_REQUEST_PATH = re.compile(
    r"\b(?:requests?|respon(?:se|ds?)|answers?|serv(?:e|es|ed|ing)|lookups?|look up|"
    r"inference|end to end|latency|p\d\d|per (?:payment|request|query|keystroke|call)|scor(?:e|es|"
    r"ed|ing)|rank(?:s|ed|ing)?|checks?|predictions?|cache read)\b"
)
"""What a latency budget is about: the request, its answer, its scoring."""


def anticipated(
    change: ConstraintChange,
    sentences: Sequence[str],
    embedder: Embedder | None = None,
    design: bool = True,
) -> int | None:
    """Index of a sentence that already designs for ``change``: it states every figure
    the change sets ("catch duplicates while posting, within 300 ms" after "we check at
    posting time, under 300 ms at p99"), or, for a design's time limit, says a time of
    its own inside it fits ("the request path is a cache read, well under fifty
    milliseconds" before "the answer must come back within 100 ms"); and, when sentence
    meaning can be read, is about the same thing. Or it says one of the change's
    ``met_by`` phrases ("we rank by uplift" before "target the people the offer actually
    changes"). Otherwise a change with no figure is never taken as said before."""
    if change.met_by:
        met = CueIndex({"met": change.met_by})
        said = next((i for i, text in enumerate(sentences) if met.hits(text)), None)
        if said is not None:
            return said
    wanted = figures(spoken_change(change))
    limit = time_limit(change) if design else None  # "again in one minute" is no budget
    if limit is not None and limit > LATENCY_BUDGET:
        limit = None  # "searchable within 5 minutes": a freshness, met by a pipeline

    def fits(text: str) -> bool:
        return (
            limit is not None
            and says_met(text)
            and bool(_REQUEST_PATH.search(text.lower()))
            and any(0 < t < limit for t in times(number_text(text)))
        )

    if not wanted and limit is None:
        return None
    hits = [
        i for i, text in enumerate(sentences) if (wanted and wanted <= figures(text)) or fits(text)
    ]
    if not hits or embedder is None:
        return hits[0] if hits else None
    vectors = embedder.embed([spoken_change(change), *(sentences[i] for i in hits)])
    near = [
        i for i, v in zip(hits, vectors[1:], strict=True) if float(v @ vectors[0]) >= ACK_PARAPHRASE
    ]
    return near[0] if near else None


OVERRIDING_WORDS = 2
"""Keywords of a fact a change says ("review", "analysts") that make it the change's."""


def overrides(change: ConstraintChange, fact: Fact) -> bool:
    """``change`` says something new about what ``fact`` tells ("the review team is halved
    to 20 analysts" about "a review team of 40 analysts"; "30 ms at p99" about "150 ms at
    p99"): a figure in the same unit, or two of the fact's keywords."""
    said = spoken_change(change)
    units = {u for _, u in figures(said)} & {u for _, u in figures(fact.answer)}
    hits = CueIndex({"fact": fact.keywords}).hits(said).get("fact", [])
    return bool(units) or len(set(hits)) >= OVERRIDING_WORDS


def beside_change(change: ConstraintChange, fact: Fact, asked: str, context: str = "") -> bool:
    """A question about ``change`` (``asked``: the whole sentence, "What share of mail
    will be encrypted…?", "Can I check what counts as viewing history here: …?") is not
    asking for ``fact``: it names a distinctive word of the change that the fact does not
    ("About 45% of incoming mail is spam" says nothing of encryption; a subscriber count
    nothing of viewing history)."""
    _, words = salient_terms(change, context)
    # the question's own word in another form ("searches" in a question about search)
    # says nothing of the change
    stems = {w[:6] for w in words} - {w[:6] for w in normalise_text(context).split()}
    named = {w[:6] for w in normalise_text(asked).split()} & stems
    fact_words = normalise_text(" ".join([fact.topic, fact.answer, *fact.keywords])).split()
    return bool(named) and not named & {w[:6] for w in fact_words}


def by_its_words(change: ConstraintChange, fact: Fact, asked: str, context: str = "") -> bool:
    """``fact`` meets a question about ``change`` (``asked``) only in words the change said
    and the interview question did not: "Do we get the fake labels from trust and safety…?"
    after "Trust and safety finds that 8% of reviews are fake" shares "trust" with the
    risk fact ("Sellers will complain… legal risk"), and names the change, not the fact. A
    fact the change overrides ("a review team of 40 analysts" after "halved to 20 analysts")
    is told as changed: it answers."""
    if overrides(change, fact):
        return False
    own = content_stems(context)
    shared = content_stems(asked) & content_stems(" ".join([fact.answer, *fact.keywords]))
    beyond = shared - own  # "reviews" is the interview's word, not the change's
    return bool(beyond) and beyond <= content_stems(change.say)


def takes_nothing(change: ConstraintChange, said: str, context: str = "") -> bool:
    """``change`` takes away something (device features, viewing history) that nothing
    ``said`` names: it would not touch the design ("bans device fingerprinting" after a
    design built on transaction history and a merchant risk score)."""
    if not takes_away(change):
        return False
    _, words = salient_terms(change, context)
    tokens = normalise_text(said).split()
    stems = {w[:6] for w in tokens}
    short = {s for w in words for s in SAID_SHORT.get(w, ())}
    # what the design leans on that the change calls for ("velocity" beside the device
    # ban): the change bites on it, as :func:`pick_change` ranks it
    leaned = [k for k in change.keywords if k not in GENERIC]
    return (
        not any(w[:6] in stems for w in words)
        and not short & set(tokens)
        and not CueIndex({"used": leaned}).hits(said)
    )


NAMED_WORDS = 2
"""Distinctive words of a change ("persistent", "identifiers") one sentence of an answer
says when it designs for that change before it is made..."""
DESIGNED_FOR = 0.4
"""...a sentence at least this close to the change in meaning: "For kids' profiles I
would not use any personal history" (0.6) designs for "no personal data may be used on
kids' profiles"; a design that uses what a change takes away ("features from viewing
history, billing and support tickets", 0.2; "three years of daily history per store",
0.36) does not."""


_TURNS = re.compile(
    r"\b(?:without|no|not|never|none|nothing|don't|do not|won't|wouldn't|instead|drop|"
    r"dropping|remove|removing|stop|stopping|avoid|avoiding|replace|replacing|only|separate|"
    r"separately|switch|switching|move to|moving to|exclude|excludes|excluded|excluding|skip|"
    r"skips|skipping|leave out|leaves out|leaving out|left out|omit|omits|omitting|ban|bans|"
    r"banned|steer clear|off the table|rather than)\b|n't\b"
)
"""A turn away from something, which a sentence designed for a change holds ("Without
persistent user ids, I would drop…", "I would not use any personal history")."""


def designed_for(
    change: ConstraintChange,
    answers: Sequence[Sequence[str]],
    context: str = "",
    embedder: Embedder | None = None,
) -> bool:
    """One of ``answers`` (each its sentences) already took ``change`` up and changed the
    design for it, before it was made: a sentence names what the change is about in its
    own words and means what it says ("Without persistent user ids, I would drop the user
    id features…" before "you can no longer use persistent user identifiers"), and the
    answer, judged as if it came after the change, revised the design. Without the
    sentence model, never; nor for a change that sets a figure ("while the seller is
    posting, within 300 ms"): checking at posting time is not yet checking within 300 ms,
    and :func:`anticipated` reads whether its figures were said."""
    _, words = salient_terms(change, context)
    wanted = min(NAMED_WORDS, len(words))
    said = spoken_change(change)
    if embedder is None or not wanted or figures(said) or time_limit(change) is not None:
        return False

    def names(text: str) -> bool:
        tokens = set(normalise_text(text).split())
        stems = {t[:6] for t in tokens}
        # ...as a design says them: "the user id" for "persistent user identifiers"
        hit = {w for w in words if w[:6] in stems or set(SAID_SHORT.get(w, ())) & tokens}
        return len(hit) >= wanted

    for k, sentences in enumerate(answers):
        # ...and turns from something: a design that uses what the change takes away
        # ("…a deep model on the persistent user id and the user history features")
        # names its words without being designed for it
        naming = [t for t in sentences if names(t) and _TURNS.search(t.lower())]
        if not naming:
            continue
        vectors = embedder.embed([said, *naming])
        if float((vectors[1:] @ vectors[0]).max()) < DESIGNED_FOR:
            continue
        earlier = [t for a in answers[:k] for t in a]
        verdict = judge_texts(change, sentences, earlier, context=context, embedder=embedder)
        if verdict.revised:
            return True
    return False


def pick_change(
    question: Question,
    seed: int,
    covered: frozenset[str],
    done: list[str],
    said: str = "",
    sentences: Sequence[str] = (),
    embedder: Embedder | None = None,
    answers: Sequence[Sequence[str]] = (),
) -> ConstraintChange | None:
    """The change that bites hardest on what the candidate built: most of its words
    already used (a candidate who leaned on device features loses them), then most of
    its stages covered, then the stages this question cares most about that the answer
    skipped; the seed breaks ties. A change the answers already designed for
    (``sentences`` state its figures, or one of ``answers``, each its sentences, named it
    and changed the design for it) is no change: None when every one left is.

    A twist on a story or an explanation asks for something the answer has not given:
    there the twist whose words the answers used least comes first ("put numbers on both
    sides" is no twist after an answer that did)."""
    options = [
        c
        for c in question.constraint_changes
        if c.id not in done
        and anticipated(c, sentences, embedder, question.is_design) is None
        and not (question.is_design and said and takes_nothing(c, said, question.words))
        and not (question.is_design and designed_for(c, answers, question.words, embedder))
    ]
    if not options:
        return None
    rng = random.Random(f"{seed}:constraint")
    jitter = {c.id: rng.random() for c in options}
    said_norm = normalise_text(said)
    hits = CueIndex({c.id: c.keywords for c in options}).hits(said) if said else {}
    skipped = set(question.priorities) - covered
    design = question.is_design

    def bite(c: ConstraintChange) -> tuple[float, float]:
        own = sum(
            f" {w} " in said_norm for w in normalise_text(spoken_change(c)).split() if len(w) >= 6
        )
        used = 2 * len(hits.get(c.id, [])) + own
        gaps = 0.5 * len(set(c.stages) & skipped)
        if not design:
            return gaps - used, jitter[c.id]
        return used + len(set(c.stages) & covered) + gaps, jitter[c.id]

    return max(options, key=bite)


def verdict_after(
    question: Question,
    change: ConstraintChange,
    answers: Sequence[AnswerView],
    embedder: Embedder | None = None,
) -> Verdict:
    """How the latest of ``answers`` (given after ``change``) dealt with it."""
    latest = answers[-1]
    earlier = [s.text for a in answers[:-1] for s in a.sentences]
    verdict = judge_texts(
        change,
        [s.text for s in latest.sentences],
        earlier,
        context=question.words,
        embedder=embedder,
        alternatives=[c.say for c in question.constraint_changes if c.id != change.id],
        rival_remedies=remedies_of(question.constraint_changes, change),
        design=question.is_design,
    )
    # the first answer with words in it: a skipped opening told nothing
    first = next((a for a in answers[:-1] if a.text.strip()), None)
    if (
        change.retell
        and latest.sentences
        and first is not None
        and retold(
            change,
            latest.covered,
            latest.text,
            first.text,
            first_parts(first.said, [s.text for s in first.sentences]),
            [s.text for s in first.sentences],
        )
    ):
        # as the report judges it (:func:`check_adaptation`): a shorter telling that says
        # the story again took the twist up, whatever its first words; the interviewer
        # pushed "Which part of your design does that break" on a retold story
        return retold_verdict([s.text for s in latest.sentences])
    if change.retell and first is not None and told_at_length(change, latest.text, first.text):
        return not_retold(verdict)
    return verdict
