"""What the answers said about each stage, read before the interviewer says anything
was left out.

The structure analysis decides whether a stage is *covered* (described); a stage it
missed may still have been said in plain words: "a skip in the first seconds is a
clear dislike" is about labels, "ready before six on Monday" is a limit, "collaborative
filtering knows taste but keeps suggesting what is popular, while audio embeddings ...;
I'd blend them" weighs two options. An interviewer who claims such a stage is missing
loses the candidate's trust, so a stage counts as *said* on any of: the analysis' own
evidence (strength or depth), the cue words below, spoken quantities for the limits,
a sentence that sets two options against each other for the tradeoffs, or a sentence
that says what the system is for. Only a stage with none of these may be called
missing; a probe on a stage that was said quotes what was said.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from assistant.interview.clarify import content_stems
from assistant.interview.label_said import label_said
from assistant.interview.spoken_numbers import number_text
from assistant.interview.view import AnswerView, clauses, cumulative, deepest
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.embedder import Embedder
from assistant.scoring.structure.substance import quantities

QUOTABLE = 0.35
"""A sentence of the candidate's this close to a probe's question is the one to quote
back before it; a probe with none this close quotes nothing."""
ANSWERED = 0.7
"""A statement of the candidate's this close in meaning to one of the bank's questions
already answers it ("a skip in the first seconds is a clear dislike" answers "how do you
treat a skip at 5 seconds versus one at 2 minutes?")."""

_N = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"sixty|a few|a couple of|half a|about a|a|an)"
)
_QUANTITY = re.compile(
    rf"\b(?:within|under|in under|less than|at most|up to|inside|budget of) (?:about )?{_N}\s*"
    r"(?:ms|milliseconds?|seconds?|minutes?|hours?)\b"
    rf"|\b{_N}\s*(?:ms|milliseconds?)\b"
    rf"|\b{_N}\s*(?:hundred |thousand |million |billion )?(?:gigabytes?|megabytes?|gb|mb|tb|qps)\b"
    r"|(?<!per )\b(?:\d[\d,.]*|hundred|thousand|million|billion)s? (?:and \w+ )?"
    r"(?:thousand |million )?(?:of )?(?:\w+ )?(?:users|listeners|members|customers|subscribers|"
    r"devices|requests|queries|searches|payments|posts|items|products|listings|edges|events|messages|rides|stores|series|"
    r"a day|a second|per day|per second)\b"
    r"|\b(?:latency|p99|at peak|memory|deadline|throughput|per second|a second at|before (?:\w+ )?"
    r"(?:in the morning|am|pm|on \w+day))\b"
)
"""A limit in the candidate's words ("two hundred million listeners", "half a gigabyte of
memory", "before six on Monday", "within a couple of seconds"); a figure that is not a
limit ("skipped in the first ten seconds", "revenue per thousand requests") is not one."""

_PURPOSE = re.compile(
    r"\b(?:the (?:system|assistant|service|feed|model|goal|job|aim|task)|we|our (?:job|goal)|"
    r"it)\b[^.?!]{0,40}\b(?:decides?|flags?|answers?|suggests?|predicts?|shows?|finds?|"
    r"ranks?|classif(?:y|ies)|recommends?|picks?|forecasts?|scores?|returns?|detects?|"
    r"estimates?|sets?|chooses?|matches?|turns?|want to|need to (?:decide|find|predict|show|"
    r"flag))\b"
)
"""A sentence that says what the system is for."""

_WEIGHS = re.compile(
    r"\b(?:more|less|better|worse|faster|slower|cheaper|simpler|harder|easier|bigger|smaller|"
    r"higher|lower|heavier|lighter)\b[^.?!]{0,60}?\b(?:but|though|although|whereas|while|"
    r"at the cost|at the expense)\b"
    r"|\b(?:but|though|although|while|whereas)\b[^.?!]{0,60}?\b(?:more|less|slower|costlier|"
    r"harder|worse|lose|losing|give up|sacrifice|knows? nothing|can't|cannot|won't|costs?|"
    r"misses|expensive|slow)\b"
    r"|\b(?:whereas|rather than|instead of|at the cost of|at the expense of|give up|accept "
    r"(?:a little|some|slightly)|versus|against)\b"
    r"|\b(?:could|can|either|would)\b[^.?!]{0,150}\bor\b[^.?!]{0,150}\b(?:i'd|i would|we'd|"
    r"we would) (?:start|go|pick|choose|keep|use|rather|prefer)"
    # "I picked a trie plus a light ranker over a neural generator because…" (it was
    # challenged as if no option had been weighed)
    r"|\b(?:picked|pick|chose|choose|preferred|prefer|went with|go with|favou?red)\b"
    r"[^.?!]{1,60}?\bover (?:a|an|the)\b"
)
"""Two options set against each other, in any words."""

GOAL_SAID = (
    r"\b(?:the (?:real |main |whole |overall |business |product |end )?(?:goal|aim|objective)"
    r"(?: here| for me| of (?:this|the \w+))? (?:is|are|would be)|our (?:goal|aim|objective) is|"
    r"business (?:metric|number|goal|outcome)s?|north star|(?:users?|people|customers?|"
    r"shoppers?|viewers?|buyers?|sellers?|drivers?|riders?) (?:really |actually )?(?:care|cares) "
    r"about)\b"
)
"""The outcome a design is for, said as its goal or as what people care about."""

_CUES: dict[str, re.Pattern[str]] = {
    "metrics": re.compile(
        r"\b(?:judge|judged|measure|measured|success|succeed|loss|error|errors|kpi|recall|"
        r"precision|accuracy|offline|online|how (?:would|will|do) (?:i|we) know|works? if)\b"
    ),
    "data": re.compile(
        r"\b(?:labels?|labell?ed|positives?|negatives?|training (?:data|set|pairs|examples)|"
        r"train(?:ed|s)? (?:it |them |the model )?on|target|ground truth|annotat\w+|censored|"
        r"examples|logs|logged|history|records|consented|transcribed)\b"
    ),
    "pipeline": re.compile(
        r"\b(?:features? (?:are|is|get|gets) (?:built|computed|kept|stored|refreshed)|feature "
        r"store|nightly|daily job|batch job|streaming job|pipeline|computed (?:daily|nightly|"
        r"hourly|in)|refreshed|precomput\w+|ingest\w*|etl)\b"
    ),
    "deployment": re.compile(
        r"\b(?:serve[sd]?|serving|deploy\w*|ships?|shipped|rollout|roll(?:ed)? out|shadow|"
        r"a/?b test|key value store|written to|writes? (?:it|them|every|each|the)|endpoint|"
        r"in the cloud|on the device|on device|runs? (?:locally|on the)|gpus?|cpus?|cached?|"
        r"per request|at request time|in real time|index)\b"
    ),
    # a story's own task, in any words: "my manager said to me: make the search better",
    # "I propose to my manager: the goal is to reduce the zero result searches by half"
    "task": re.compile(
        r"\b(?:responsible for|in charge of|my (?:job|task|role|goal|part|remit) (?:was|is)|"
        r"(?:i|we) (?:was|were) (?:asked|told|supposed|expected|hired) to|i (?:had|needed) to|"
        r"(?:asked|told|wanted|needed) (?:me|us) to|(?:say|says|said|tell|tells|told) (?:to )?"
        r"(?:me|us)\s*:|i was the (?:one|only|owner|lead)|i owned|i led)\b"
        rf"|{GOAL_SAID}"
    ),
    "monitoring": re.compile(
        r"\b(?:monitor\w*|drift\w*|alert\w*|dashboards?|degrad\w*|decay\w*|feedback loop|"
        r"on call|canary)\b"
    ),
    "impact": re.compile(
        r"\b(?:revenue|business|retention|(?:people|users|members|listeners|customers|they) "
        r"(?:keep )?(?:come|coming) back|engagement|engaged|growth|savings?|losses|trust|churn|"
        r"brand)\b"
        # the outcome the whole design is for, said as its goal ("The goal is satisfied
        # watch time…", "the goal is to page the right team… without waking people for
        # noise"): what the business or the users care about is on the table
        rf"|{GOAL_SAID}"
    ),
}
"""Words that show a stage was talked about, whatever the analysis made of them."""


class Said(IntEnum):
    NOTHING = 0
    """Not a word about it: the interviewer may say it was left out."""
    IN_PASSING = 1
    """Said, not described: a probe quotes what was said."""
    COVERED = 2
    """Described (the structure analysis)."""


@dataclass(frozen=True)
class StageSaid:
    level: Said
    sentence: str | None = None
    """The candidate's sentence that shows it (None: none to quote)."""
    shown_by: tuple[str, ...] = ()
    """Every statement that shows it, ``sentence`` first."""
    in_words: bool = False
    """Said in words this module reads (a cue, a figure, a weighing, a purpose), not only
    a faint signal of the analysis ("card velocity" read as a metric); also when those
    words are in a sentence the speech model was unsure of, which is never quoted."""


def read_stages(
    answers: Sequence[AnswerView], stage_ids: Sequence[str], context: str = ""
) -> dict[str, StageSaid]:
    """What the answers so far said about each of ``stage_ids``; a cue word of the question
    itself (``context``: "churn" in a churn question) says nothing about a stage."""
    topic = set(normalise_text(context).split())
    covered, strength = cumulative(answers)
    depth, quotes = deepest(answers)
    heard = (_statements(answers), _statements(answers[:1]))
    anyhow: tuple[list[str], list[str]] | None = None  # misheard sentences too, if needed
    out: dict[str, StageSaid] = {}
    for stage in stage_ids:
        if stage in covered:
            out[stage] = StageSaid(Said.COVERED, quotes.get(stage), in_words=True)
            continue
        found = _sentences_for(stage, heard, topic)
        counted = [x for x in found if quantities(x)] if stage in _CUES else []
        if counted:
            # the analysis read it as another stage, but a figure in the stage's own words
            # is a description ("what counts as a churner? someone who cancels within
            # thirty days, from the billing records"): no probe calls it said in passing
            out[stage] = StageSaid(Said.COVERED, counted[0], tuple(counted), in_words=True)
            continue
        # said in a sentence half misheard: maybe said, so never called missing; not quoted
        if not found and anyhow is None:
            anyhow = (_statements(answers, misheard=True), _statements(answers[:1], misheard=True))
        misheard = not found and bool(_sentences_for(stage, anyhow, topic))
        analysed = depth.get(stage, 0) > 0 or strength.get(stage, 0.0) > 0.0
        analysed = analysed or (stage == "tradeoffs" and any(a.tradeoffs for a in answers))
        if analysed or found or misheard:
            # the analysis' own sentence first: it is the one that speaks for the stage
            own = quotes.get(stage)
            shown = [own] if own and not _asks(own) else []
            shown += [x for x in found if x not in shown]
            first = shown[0] if shown else None
            out[stage] = StageSaid(Said.IN_PASSING, first, tuple(shown), bool(found) or misheard)
        else:
            out[stage] = StageSaid(Said.NOTHING)
    return out


def weighs_options(answers: Sequence[AnswerView]) -> list[str]:
    """The statements that set options against each other."""
    return _weighing(_statements(answers))


def _weighing(statements: list[str]) -> list[str]:
    return [s for s in statements if _WEIGHS.search(s.lower())]


def _statements(answers: Sequence[AnswerView], *, misheard: bool = False) -> list[str]:
    """Sentences heard with confidence that state something: a question says nothing
    about the design, a question answered in the next sentence says it with its answer
    ("How do we know it works? Recall at a fixed false decline rate."). With
    ``misheard``, the sentences the speech model was unsure of too: they may show that a
    stage was talked about, never what was said about it."""
    out = []
    for a in answers:
        said = [(piece, s.doubtful) for s in a.sentences for piece in clauses(s.text)]
        for i, (text, doubtful) in enumerate(said):
            if not _asks(text):
                if misheard or not doubtful:
                    out.append(text)
                continue
            if i + 1 == len(said) or _asks(said[i + 1][0]):
                continue
            answer, answer_doubtful = said[i + 1]
            if misheard or not (doubtful or answer_doubtful):
                out.append(f"{text} {answer}")
    return out


def _asks(text: str) -> bool:
    return text.rstrip().endswith("?")


def _sentences_for(stage: str, said: tuple[list[str], list[str]], topic: set[str]) -> list[str]:
    """Of ``said`` (the statements of all answers, and of the first), those that show
    ``stage``."""
    sentences, first = said
    if stage == "tradeoffs":
        return _weighing(sentences)
    if stage == "framing":
        # an opening question the candidate answers at once ("So what are we really
        # after? Keeping subscribers who would cancel...") sets up the problem too
        return [s for s in first[:2] if _PURPOSE.search(s.lower()) or "? " in s]
    if stage == "constraints":
        return [s for s in sentences if _QUANTITY.search(s.lower())]
    cue = _CUES.get(stage)
    if cue is None:
        return []
    return [
        s
        for s in sentences
        if any(set(m.group(0).split()) - topic for m in cue.finditer(s.lower()))
    ]


def closest(sentences: Sequence[str], text: str, embedder: Embedder | None) -> str | None:
    """Of ``sentences``, the one nearest ``text`` in meaning if it is at least QUOTABLE
    (the first one, without the sentence model; None: none is)."""
    if not sentences:
        return None
    if embedder is None:
        return sentences[0]
    vectors = embedder.embed([text, *sentences])
    sims = vectors[1:] @ vectors[0]
    best = int(sims.argmax())
    return sentences[best] if float(sims[best]) >= QUOTABLE else None


_UNIT = (
    r"(?:percent(?:age points?)?|points?|pp|basis points|bps|x|times|ms|milliseconds?|seconds?|"
    r"minutes?|hours?|days?|weeks?|euros?|dollars?|pounds?|k|thousand|million|billion)"
)
_FIGURE = rf"\d[\d.]*(?:\s*{_UNIT}\b|%)"
_RESULT_VERB = (
    r"(?:went up|went down|came down|rose|fell|dropped|grew|climbed|jumped|lifted|lifts|raised|"
    r"improved|increased|decreased|reduced|cut|saved|halved|doubled|tripled|gained|"
    r"shrank|lowered|beat)"
)
_NOT_YET = re.compile(
    r"\b(?:if|unless|would|could|should|will|might|may|hope|hoped|aim|aimed|want|wanted|"
    r"expect|expected|goal|target|plan|planned|need|needs|must|try|tried|to|\w+'d)\s+"
    r"(?:\w+\s+){0,3}$"
)
MEASURED = re.compile(
    # "bookings per search went up six percent", "lifted NDCG by four points", "saved
    # forty thousand euros a month"
    rf"\b{_RESULT_VERB}\s+(?:\w+\s+){{0,5}}?(?:by\s+|to\s+)?(?:about\s+|around\s+|roughly\s+|"
    rf"almost\s+|nearly\s+|over\s+|more than\s+)?{_FIGURE}"
    # "bookings up six percent" (not "up to fifty milliseconds", a limit)
    rf"|\b(?:up|down)\s+(?:by\s+)?{_FIGURE}"
    # "six percent more bookings than the control", "forty milliseconds faster"
    rf"|\b{_FIGURE}\s+(?:\w+\s+)?(?:more|fewer|less|higher|lower|better|faster|slower|cheaper)\b"
    # "from thirty to twenty-two percent"
    rf"|\bfrom\s+\d[\d.]*\s*(?:{_UNIT}\s+|%\s*)?to\s+{_FIGURE}"
)
"""A result measured by how much it moved, as an answer to "one number that shows it
worked" says it: a figure with its unit (a percent, points, milliseconds, money) tied to
the move ("went up", "lifted … by", "from … to", "… more than")."""


def measured_result(text: str) -> bool:
    """``text`` says a result and how much it moved ("In the A/B test bookings per search
    went up six percent"), not a goal or a condition ("if bookings went up five percent we
    would ship it", "we want to cut latency by half")."""
    said = number_text(text)
    return any(not _NOT_YET.search(said[: m.start()]) for m in MEASURED.finditer(said))


ANSWERED_BY = 2
"""Different words of a question's ``answered_by`` one sentence (or two in a row) must
hold to answer it."""


SAID_BACK = 4
"""A statement holding at least this many of a question's content words, and all but
one of them, says what the question asks ("Features like engagement so far need to be
fresh within seconds; user interests can be a day old." answers "Which features need to
be fresh within seconds, and which can be a day old?")."""


def says_back(ask: str, statement: str) -> bool:
    """``statement`` holds the content words of ``ask`` (:data:`SAID_BACK`): it states what
    the question asks, whatever words an answer to it would otherwise use."""
    wanted = content_stems(ask)
    have = wanted & content_stems(statement)
    return len(have) >= SAID_BACK and len(wanted - have) <= 1


_FIRST_STEP = re.compile(
    r"\b(?:(?:so |and |then )?first(?:ly)?,? (?:of all,? )?(?:i|we)\b(?! (?:thought|think|"
    r"felt|didn't|did not|was|were))|(?:my|our|the) (?:very )?first (?:move|step|thing|action|"
    r"reaction|call)\b(?: (?:i|we) (?:did|took|made))? (?:was|is)|i (?:started|began) "
    r"(?:by|with)|the first thing (?:i|we) did)"
)
"""A story's sentence that says what the candidate did first ("So first I go to talk with
three people", "my first move was to roll back", "I started by listing…")."""
_ASKS_FIRST_STEP = re.compile(r"\bfirst (?:concrete )?(?:thing|move|step)\b")
"""A question that asks what was done first ("what was your first move?")."""


def already_answered(
    asks: Sequence[str],
    answers: Sequence[AnswerView],
    embedder: Embedder | None,
    answered_by: Mapping[str, Sequence[str]] | None = None,
    chosen_by: Mapping[str, Sequence[str]] | None = None,
    needed: int = ANSWERED_BY,
    measured: Collection[str] = (),
) -> set[str]:
    """Those of ``asks`` one of the candidate's statements already answers: close to it
    in meaning (with the sentence model), or holding :data:`ANSWERED_BY` of the words
    an answer to it would use (``answered_by``, per ask): "look up the nearest listings
    in an index, then compare the top twenty candidates" is 0.57 from "how would you
    narrow down candidate pairs?" in meaning, under :data:`ANSWERED`. An either-or ask
    is answered by one of the words that pick an option (``chosen_by``, per ask): "we
    compute the suggestions ahead of time" answers "precompute suggestions nightly or
    compute them on request?". An ask for a measured result (``measured``: "Can you give
    me one number that shows it worked?") is answered by a sentence that says one
    (:func:`measured_result`), whatever it measured. ``needed``: how many of an ask's
    words answer it."""
    statements = _statements(answers)
    if not asks or not statements:
        return set()
    words = CueIndex({a: (answered_by or {}).get(a, ()) for a in asks})
    chosen = CueIndex({a: (chosen_by or {}).get(a, ()) for a in asks})
    # an answer often takes two sentences: "One risk is that it keeps suggesting the same
    # popular people." then "I'd watch how concentrated the invitations received are."
    pairs = [f"{a} {b}" for a, b in zip(statements, statements[1:], strict=False)]
    out: set[str] = set()
    for text in [*statements, *pairs]:
        found: dict[str, set[str]] = {}
        # a number said in words is the number: "within thirty days" holds "30 day"
        for said in (text, number_text(text)):
            for a, cues in words.hits(said).items():
                found.setdefault(a, set()).update(cues)
        out |= {a for a, cues in found.items() if len(cues) >= needed}
        out |= set(chosen.hits(text))
    # "the target is whether the user watched thirty seconds" answers "what counts as a
    # positive example…?" in none of the words a better answer would use
    out |= {a for a in asks if label_said(a, statements)}
    if any(measured_result(s) for s in statements):
        out |= set(asks) & set(measured)
    # "What was the first concrete thing you did…?" after "So first I go to talk with
    # three people…" or "my first move was to roll back the same afternoon"
    if any(_FIRST_STEP.search(s.lower()) for s in statements):
        out |= {a for a in asks if _ASKS_FIRST_STEP.search(a.lower())}
    out |= {a for a in asks if any(says_back(a, s) for s in statements)}
    if embedder is not None:
        vectors = embedder.embed([*asks, *statements])
        sims = vectors[: len(asks)] @ vectors[len(asks) :].T
        out |= {a for a, row in zip(asks, sims, strict=True) if float(row.max()) >= ANSWERED}
    return out
