"""Clarifying questions in an answer, and the facts that answer them."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

import numpy as np

from assistant.interview.spoken_numbers import counts_the_same, number_text, times
from assistant.scoring.structure.cues import CueIndex, normalise_text, word_form
from assistant.scoring.structure.embedder import Embedder
from prompts import Fact

if TYPE_CHECKING:
    from assistant.interview.view import AnswerView

_OPENERS = (
    r"^(?:(?:so|and|but|okay|ok|um|uh|well|right|also|then|first|sorry|quick question|"
    # "Before I answer that, how many…", "Sorry to interrupt, but…"
    r"before (?:i|we) (?:start|begin|dive in|go on|go any further|continue|answer(?: that| this| "
    r"it)?)|one question|just to check|please|maybe|(?:sorry|excuse me)(?: to interrupt)?|"
    r"hang on|one thing first"
    # a hedge on the figure asked for: "Roughly how much traffic do we get?"
    r"|roughly|approximately|ballpark|in (?:rough|ballpark) (?:terms|numbers)|more or less"
    # how a question is announced, as non-native speakers often say it: "I can ask, how
    # many listing are coming in one day?"
    r"|(?:i (?:can|could|would like to|want to|want|wanna)|(?:can|could|may) i|let me) ask(?: you)?"
    r"|(?:i have |my )?(?:a |one )?question(?: is)?|i (?:was )?wonder(?:ing)?"
    r"|(?:i have )?(?:a couple of|a few|two|three|some)(?: quick)? questions?(?: first)?)[,:]? +)*"
)
_ADDRESSED = re.compile(
    _OPENERS + r"(?:(?:can|could|may|should|shall) (?:i|we) (?:assume|take it)|is it safe to assume"
    r"|(?:do|does|did|will|would|could|can) you|do we (?:have|know|get|see|expect|care|keep|"
    r"own|store|log|need to support)|you can tell me|tell me|are there|is there"
    r"|what(?:'s| is| are) the|how (?:many|much|"
    r"big|fast|often|long|quickly|strict|old)|is (?:it|the|this|that|a|an|latency|scale)|are (?:we|"
    r"they|the|users|labels)|does (?:it|the|this)|which (?:markets|countries|regions|users|"
    r"languages|data|devices|platforms)"
    # what the business is after: "what does the company want most here, revenue or
    # completed trips?", "what we optimise, the profit or the rides finished?"
    r"|what (?:(?:do|does|should|will) )?(?:the )?(?:company|business|product|leadership|"
    r"management|we|they) (?:really )?(?:want|care|optimi[sz]e|prioriti[sz]e|value|aim))\b"
)
"""Openings of a question put to the interviewer: a fact is wanted."""
_INTERROGATIVE = re.compile(
    _OPENERS + r"(?:can|could|may|should|shall|do|does|did|is|are|was|were|will|would|have|has|"
    r"how|what|what's|which|who|when|where|why|you can tell me|tell me)\b"
)
_STATED_ASSUMPTION = re.compile(
    r"\b(?:i'll assume|i will assume|i'm assuming|i am assuming|let's assume|let me assume|"
    r"i'd assume|i would assume|assuming that|my assumption is|i'll guess|i'd guess|"
    r"my guess is|i'm guessing|"
    # the speech model hears "I'll assume" as "I assume" and "we'll" as "we"
    r"(?:^|[,;:] )(?:i|we) assume|we'll assume|we will assume)\b"
)
_STOP = set(
    "about after again also and any are because been before being but can could did does doing "
    "for from had has have how into its just like more most much not now our out over same "
    "should some such than that the their them then there these they this those through very "
    "was way we were what when where which while who why will with would you your what's "
    "that's where's how's who's".split()
)


def content_stems(text: str) -> set[str]:
    """Content words in their word form ("deciding" and "decide" meet; "night" and
    "nightly" do not)."""
    return {word_form(w) for w in normalise_text(text).split() if len(w) >= 4 and w not in _STOP}


_SELF_ANSWER = re.compile(
    r"^(?:(?:so|well|okay|ok|um|uh|and)[, ]+)*(?:i'd say|i would say|i think|i guess|probably|"
    r"mostly|simple|easy|basically|the answer is|for me|in my view|my answer|honestly|yes|no|"
    r"yeah|nope)\b"
)
"""How a candidate starts answering their own question."""


_FRAME = {
    word_form(w)
    for w in "job goal aim point purpose problem task idea plan deal catch thing here really "
    "actually exactly trying build building doing solve solving".split()
}
"""Words of a question about the task itself ("so what is the job here?"): no fact is
wanted, the candidate is framing."""


_PURPOSE_ASK = re.compile(
    r"\b(?:what(?:'s| is| are)\b[^?]*\bfor|what (?:does|do|will|should) [^?]* do|"
    r"who (?:is|are) [^?]* for)\s*\?$"
)
"""A question about what the thing is for ("so what is the playlist for?"): the
candidate framing the problem, not asking for a fact."""


_WHY_ASKED = re.compile(r"^(?:because|since|as|cause|'cause|i ask because|asking because)\b")
"""A next sentence that says why the candidate asks ("Because the hours watched is my
strongest feature."): the question is still open, whatever words come back."""


def _answers_itself(question: str, following: str) -> bool:
    """The next sentence takes the question up: it opens like an answer, its content
    words come back, or the question asks for no fact at all ("so what's the job?",
    "what is the playlist for?") and the candidate goes on with a statement; not one
    that says why it was asked."""
    if not following or following.rstrip().endswith("?"):
        return False
    if _WHY_ASKED.match(following.lower().lstrip()):
        return False
    if _SELF_ANSWER.search(following.lower()) and not _picks_none(question, following):
        return True
    asked = content_stems(re.sub(_OPENERS, "", question.lower()))
    if not (asked - _FRAME) or _PURPOSE_ASK.search(question.lower()):
        return True
    shared = asked & content_stems(following)
    return len(shared) >= 2 or (len(shared) == 1 and len(asked) <= 3)


_CHOICE = re.compile(r"([^,;:]*\bor\b[^,;:]*)\?\s*$")
"""The choice a question ends on ("…, is it more money or more rides finish?")."""


def _picks_none(question: str, following: str) -> bool:
    """``question`` ends on a choice and ``following`` names none of its options: "is it
    more money or more rides finish? I think we predict demand per area…" goes on with
    the design, where "…revenue or rides? I think rides" picks one."""
    choice = _CHOICE.search(question.lower())
    if choice is None:
        return False
    offered = content_stems(choice.group(1))
    return bool(offered) and not offered & content_stems(following)


_LEAD_IN = re.compile(r"^[^?:]{3,80}:\s+(?=\S)")
"""A lead-in before the question itself: "A few things I'd want to know first: how many
videos are there?", "I asked earlier and I'll ask again: is there a policy?"."""
_QUANTITY_ASK = re.compile(r"\bhow (?:many|much|big|fast|often|long|quickly)\b")
_GUESS = re.compile(r"^(?:(?:so|well|okay|ok|um|uh|and)[, ]+)*(?:i think|i guess|probably|maybe)\b")
"""A candidate guessing at the figure they just asked for ("How many posts per day are
we talking about? I think the scale is large…"): the interviewer can still give it."""


_SHORT_LEAD_IN = re.compile(
    r"^(?!(?:like|i mean|meaning|say|basically|that is|as in|for example)\b)"
    r"(?:[^\s?,:]+\s+){0,3}[^\s?,:]+,\s+(?=\S)"
)
"""A lead-in of a few words before a comma: "Before that, how many emails a day do we
get?", "Latency, is that a hard limit?"; not one that explains what was just said ("Like,
how many of the people we flag actually cancel?")."""


def _how_asked(sentence: str) -> str:
    """How ``sentence`` asks, in lower case: after a short lead-in ending in a comma
    where the sentence does not read as a question from its start (the whole sentence
    is still what is matched to the facts)."""
    low = sentence.lower()
    if _INTERROGATIVE.search(low):
        return low
    # lead-ins one after another: "Sorry, before I answer that, how many tracks are there?"
    rest = low
    for _ in range(LEAD_INS):
        lead = _SHORT_LEAD_IN.match(rest)
        if lead is None:
            break
        rest = rest[lead.end() :]
        if _INTERROGATIVE.search(rest):
            return rest
    return low


LEAD_INS = 3
"""Short lead-ins a question may open with before it asks."""


def _asked_part(sentence: str) -> str:
    """The question itself, without a lead-in ending in a colon."""
    low = sentence.lower()
    lead = _LEAD_IN.match(low)
    if lead and sentence.endswith("?") and _INTERROGATIVE.search(low[lead.end() :]):
        return sentence[lead.end() :]
    return sentence


def clarifying_questions(text: str, doubtful: Collection[str] = ()) -> list[str]:
    """Sentences that ask the interviewer something, or state an assumption the
    interviewer can confirm or correct.

    Not a question to the interviewer: a statement that ends in "?" (a transcriber's
    guess at intonation), a question that is not put to the interviewer ("how do we
    handle the imbalance?", "what model?") when the candidate talks on, one the
    candidate answers in the very next sentence, and a sentence that holds a word the
    speech model was unsure of (``doubtful``)."""
    said = [s.strip() for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s.strip()]
    sentences = [_asked_part(s) for s in said]
    unsure = {normalise_text(d) for d in doubtful}
    asking = [_how_asked(s) for s in sentences]
    addressed = [
        s.endswith("?") and bool(_ADDRESSED.search(low))
        for s, low in zip(sentences, asking, strict=True)
    ]
    put = _runs_put(sentences, addressed)
    out = []
    for i, s in enumerate(sentences):
        if normalise_text(said[i]) in unsure:
            continue
        low = asking[i]
        following = sentences[i + 1] if i + 1 < len(sentences) else ""
        if s.endswith("?"):
            joined = put[i] and _JOINED_ASK.match(low)
            if _STATED_ASSUMPTION.search(low) or _ELLIPTIC.match(low) or joined:
                # "I assume we have labels?", "And the latency budget?" after another
                # question or at the end: asked to confirm or to be told; "And the model
                # itself? Gradient boosted trees…" is the candidate's own lead-in
                rhetorical = _ELLIPTIC.match(low) and following and not put[i]
                # "…? And by first hour, from when support told us?" ending a run of
                # questions put to the interviewer is one more, however it is worded
                if not rhetorical and not _answers_itself(s, following):
                    out.append(s)
                continue
            # "Paying customers of ours, or of the merchants? And…?": readings offered,
            # in a run of questions put to the interviewer, are asked of it
            offers = put[i] and re.search(r"\bor\b", low)
            if not _INTERROGATIVE.search(low) and not offers:
                continue  # a statement with a question mark on it
            # one of a run of questions put to the interviewer is put to them too
            in_run = put[i]
            if following and not addressed[i] and not in_run:
                continue  # not put to the interviewer, and the candidate talks on
            guessed = _QUANTITY_ASK.search(low) and _GUESS.search(following.lower())
            if _answers_itself(s, following) and not re.search(r"\bassume\b", low) and not guessed:
                continue
            out.append(s)
        elif _STATED_ASSUMPTION.search(low) or ("assume" in low and _ADDRESSED.search(low)):
            out.append(s)
        elif _asked_unmarked(low) and not _answers_itself(s, following):
            out.append(s)  # a question said without its mark, or a request for a fact
    return out


_UNMARKED = re.compile(
    _OPENERS + r"(?:(?:i'd|i would|i) (?:like|want|need|love) to (?:know|understand|check|ask)|"
    r"i'm curious (?:about|what|how|whether|if)|it would help to know|"
    r"(?:can|could|would) you tell me|tell me|"
    # "how many listings do we get a day", with no mark in speech: the verb before its
    # subject is the question's own order ("how many we get is…" is a statement)
    r"how (?:many|much|big|fast|often|long|quickly)\b(?:\s+[\w'-]+){0,4}?\s+"
    r"(?:do|does|did|is|are|will|would|can|should) (?:we|you|they|it|there|the|users|people)|"
    r"(?:what|which)(?:'s| is| are)? (?:the )?(?:[\w'-]+\s+){0,3}?(?:do|does|is|are|will) "
    r"(?:we|you|they)|(?:do|does) (?:we|you) (?:have|know|get|see|expect|keep|store|log)|"
    r"is there|are there)\b"
)
"""A question to the interviewer with no question mark (speech has none): a request for
what the candidate wants to know ("I'd like to know the daily volume"), or a question in
a question's own word order ("Roughly how many listings do we get a day")."""
_GOES_ON = re.compile(r",\s+(?!and\b|or\b)|\b(?:so|then|because|and then) (?:i|we)\b")
UNMARKED_WORDS = 14
"""A question without its mark is a short sentence of its own..."""


def _asked_unmarked(low: str) -> bool:
    """``low`` (a sentence, lower case, with no question mark) asks the interviewer
    something (:data:`_UNMARKED`), and is only that: not one that goes on to the
    candidate's own plan ("I'd like to know how well the model does, so I track precision
    weekly")."""
    return (
        bool(_UNMARKED.match(low))
        and len(low.split()) <= UNMARKED_WORDS
        and not _GOES_ON.search(low)
    )


_ELLIPTIC = re.compile(
    r"^(?:(?:and|also|plus|what about|how about)[, ]+)+(?:the |a |an |any |our )?"
    r"(?:[\w'-]+\s*){1,4}\?$"
)
"""A question said as only the thing asked about, after "and" ("And the latency
budget?", "What about labels?")."""


_JOINED_ASK = re.compile(r"^(?:and|also|plus|or)\b[, ]*\S[^?]*\?$")
"""A question joined on to the one before with "and" ("And by first hour, from when
support told us?")."""


def _runs_put(sentences: Sequence[str], addressed: Sequence[bool]) -> list[bool]:
    """Per sentence, whether it is one of a run of questions put to the interviewer: a run
    of questions one after another, one of which is plainly addressed ("How much mail do
    we get a day? What share of it is spam? Where do the labels come from?"), or two or
    more that end the answer with nothing said after them. A question alone, or a run the
    candidate goes on from, is judged on its own."""
    out = [False] * len(sentences)
    for asks, group in groupby(range(len(sentences)), key=lambda k: sentences[k].endswith("?")):
        run = list(group)
        if asks and len(run) >= 2:
            ends = run[-1] == len(sentences) - 1
            for k in run:
                out[k] = ends or any(addressed[r] for r in run)
    return out


_PERSONAL = re.compile(
    _OPENERS + r"(?:(?:did|do|have|are|were|would|will) you|how (?:are|was|were) (?:you|your))\b"
)
"""A question about the interviewer ("Did you see…", "How was your weekend?")."""


_WHEN = {
    word_form(w)
    for w in "last next this today tonight yesterday tomorrow night morning evening "
    "afternoon week weekend month year".split()
}
"""Words that say when ("last night", "this weekend"): a question about the interviewer
that shares only these with the interview is still small talk."""


def small_talk(question: str, topic: str) -> bool:
    """A question about the interviewer that shares no content word with ``topic`` (the
    interview question, its facts, changes and rubric) but words of when, and asks for
    no quantity ("Did you see the football last night?"): small talk, not a request for
    a figure."""
    low = question.lower()
    asked = content_stems(re.sub(_OPENERS, "", low)) - _FRAME - _WHEN
    return (
        bool(_PERSONAL.search(low))
        and not _QUANTITY_ASK.search(low)
        and not asked & content_stems(topic)
    )


def is_assumption(sentence: str) -> bool:
    """A stated assumption ("I'll assume...") rather than a question."""
    return not sentence.rstrip().endswith("?") and bool(_STATED_ASSUMPTION.search(sentence.lower()))


def match_facts(
    questions: Sequence[str],
    facts: Sequence[Fact],
    revealed: Iterable[str] = (),
    context: str = "",
    embedder: Embedder | None = None,
) -> tuple[list[tuple[Fact, str]], list[str]]:
    """Facts the candidate's questions ask about, best first (at most one per question),
    and the parts of the questions (:func:`question_parts`) that ask about a fact already
    given.

    A keyword counts by how distinctive it is: one listed under several facts, or
    already in the interview question itself ("documents" in a question about
    documents), says little about which fact is wanted. A question no keyword
    matches is matched by meaning, with ``embedder``, against each fact's answer.
    """
    done = set(revealed)
    if not questions or not facts:
        return [], []
    listed: dict[str, int] = {}
    for f in facts:
        for k in set(f.keywords):
            listed[k] = listed.get(k, 0) + 1
    prompt = normalise_text(context)
    index = CueIndex({f.topic: f.keywords for f in facts})
    picked: list[tuple[Fact, str]] = []
    again: list[str] = []
    for q in question_parts(questions):
        hits = _unnested(index.hits(_CONDITION.sub(r"\1", _NOT_A_DURATION.sub(r"\1", q))))
        offered = _offered_only(q)
        scored = []
        for f in facts:
            weight = sum(
                (0.5 if f" {normalise_text(k).strip()} " in prompt else 1.0)
                * (0.5 if _ASKING_WORDS.match(k) else 1.0)
                * (0.5 if offered(k) else 1.0)
                / listed[k]
                for k in hits.get(f.topic, [])
            )
            if weight > 0:
                scored.append((weight, f))
        # a fact drawn only by the interview's own subject ("spam" on a spam filter, said
        # in nearly every question) or by how the question asks ("how much") is not the one
        # asked for: one that names a thing of it is, else the one closest in meaning
        weak = {
            f.topic
            for _, f in scored
            if all(_ASKING_ONLY.match(k) or f" {k} " in prompt for k in hits[f.topic])
        }
        # "how many new reviews come in a day?" asks the fact that counts them a day, not
        # the one whose keyword is "new reviews" (how fresh a summary must be)
        counting = _counting(q, facts)
        if len(counting) < len(facts) and any(f in counting for _, f in scored):
            scored = [(w, f) for w, f in scored if f in counting]
            weak -= {f.topic for f in counting}
        goal = _goal_asked(q, facts)
        if goal:
            scored = goal
        elif _RATE_ASK.search(q.lower()):
            scored = _rated(q, facts, scored, context) or scored
        elif _TIME_ASK.search(q.lower()):
            # "how many minutes before the game do we know?" is not met by the traffic
            # fact its "how many" draws: a fact drawn only by how a question asks is no
            # time
            strong = [(w, f) for w, f in scored if f.topic not in weak]
            scored = _timed(q, facts, strong, context) or strong
        elif any(f.topic not in weak for _, f in scored):
            scored = [(w, f) for w, f in scored if f.topic not in weak]
        elif scored:
            scored = (
                (_count_of(q, scored) if len(counting) == len(facts) else [])
                or _named(q, counting, context)
                or (_by_meaning(q, counting, embedder) if embedder is not None else [])
                or scored
            )
        if is_assumption(q):
            # "I assume around five hundred million new posts a day, …, so within a few
            # seconds": the fact that counts what the figure counts, not the one that
            # shares a word ("seconds") with the rest of the sentence
            scored = _counted(q, facts, scored)
        if not scored and embedder is not None:
            scored = _by_meaning(q, facts, embedder)
        if not scored:
            continue
        best_weight = max(w for w, _ in scored)
        tied = [f for w, f in scored if w == best_weight]
        # "how many products are in the catalogue, and how many photo searches do we get
        # a second?": a part drawn as much to a fact already told as to another (only by
        # "how many") asks the other; the second half went unanswered
        told = done | {f.topic for f, _ in picked}
        best = next((f for f in tied if f.topic not in told), tied[0])
        if _asks_a_figure(q) and not _FIGURE_SAID.search(number_text(best.answer).lower()):
            # "how long should the story be?" is not answered by "any real example from the
            # last few years is fine": a part that asks how long or how many, and a fact
            # with no figure, leave that part for "I don't have a figure" instead of silence
            continue
        if is_assumption(q) and not _confirmable(q, set(hits.get(best.topic, []))):
            continue

        if best.topic in done:
            again.append(q)
        elif all(best.topic != f.topic for f, _ in picked):
            picked.append((best, q))
        else:  # the fact another part gets answers this one too
            again.append(q)
    return picked, again


_MORE_OF_ALL = r"(?:more|most)(?=\s*(?:[?,]|$|than\b|here\b|of all\b|overall\b))"
""""More" or "most" that weighs one thing against others ("…likes more than comments?",
"…want most here?"), not "the most recent data" or "more candidates"."""
_GOAL_ASK = re.compile(
    r"\bcares? (?:about )?(?:more|most)\b|\bcares? (?:about )?(?:[\w'-]+ ){1,4}?"
    + _MORE_OF_ALL
    + r"|\b(?:matters?|counts?) (?:more|most)\b"
    r"|\bmore important (?:to|for) (?:us|you|them|the (?:business|company|product|team))\b"
    r"|\boptimi[sz](?:e|es|ing|ed) (?:for|towards?)\b|\bprioriti[sz](?:e|es|ing)\b|\bpriority\b"
    r"|\b(?:is|was) (?:the|our) (?:main |real )?(?:aim|goal|objective)\b"
    r"|\b(?:want|value)s? (?:[\w'-]+ ){0,4}?" + _MORE_OF_ALL
)
"""A question for what the business is after: "do we care more about clicks or
purchases?", "what matters most here?", "what do we optimise for?"."""
_GOAL_KEYWORDS = {"goal", "objective"}
_AIM_KEYWORDS = {
    "aim",
    "success",
    "success metric",
    "metric",
    "north star",
    "kpi",
    "business",
    "business goal",
    "business metric",
    "optimise",
    "optimize",
    "priority",
    "purpose",
}
"""Keywords (or a topic) under which a question file may state the aim instead of "goal"
or "objective": a fact keyed "success" or "business" answers "is the aim X or Y?" too."""


def _goal_asked(question: str, facts: Sequence[Fact]) -> list[tuple[float, Fact]]:
    """For a question that asks what the business is after (:data:`_GOAL_ASK`), the fact
    that states its goal, whatever options the question offers: "Do we care more about
    clicks or purchases?" asks for "purchases per search and revenue", not the click logs
    its word "clicks" names. A fact keyed "goal" or "objective" first; else one that
    states the aim under another key (:data:`_AIM_KEYWORDS`: "success", "metric",
    "business"). Empty: not such a question, or no fact states a goal."""
    if not _GOAL_ASK.search(question.lower()):
        return []

    def keys(f: Fact) -> set[str]:
        return {normalise_text(k).strip() for k in [*f.keywords, f.topic]}

    named = [(1.0, f) for f in facts if _GOAL_KEYWORDS & keys(f)]
    return named or [(1.0, f) for f in facts if _AIM_KEYWORDS & keys(f)]


_NOT_A_DURATION = re.compile(
    r"\b((?:each|every|any|some|one|this|that|next|last|first|second|the same|all the|most of "
    r"the|from|one at a|at a)(?: single)?) times?\b(?! (?:budget|limit|window|frame|zone|to "
    r"(?:respond|answer|score|rank|decide|serve)))",
    re.IGNORECASE,
)
""""Time" that says how often or which occasion ("what happens each time a user opens
the app?", "at the same time", "one at a time"), not how long: no keyword of a fact about
time ("latency": "time"). "Each time budget" is still one."""


_CONDITION = re.compile(
    r"\b((?:what|what's|what is|what do we do|what should happen|what would happen|what will "
    r"happen)(?: happens)?) (?:when|whenever|if)\b",
    re.IGNORECASE,
)
""""When" that sets a condition ("what happens when the model is wrong?"), not one that
asks for a time: no keyword of a fact about timing ("when")."""


_TIME_ASK = re.compile(
    r"\bhow (?:long|fast|quickly|soon|early|late)\b|\bhow much time\b|"
    r"\bhow many (?:milli)?(?:seconds|minutes|hours|days|weeks|months)\b|"
    r"\bwithin how\b|\bby when\b"
)
"""A question that asks for a time ("how long does click prediction get?")."""
_TIME_KEYWORDS = {
    "latency",
    "time",
    "fast",
    "quickly",
    "milliseconds",
    "ms",
    "seconds",
    "p99",
    "deadline",
    "delay",
    "freshness",
    "how long",
    "how fast",
}
"""A fact's keywords that say it is about time."""


def _timed(
    question: str, facts: Sequence[Fact], scored: list[tuple[float, Fact]], context: str = ""
):
    """A time question (:data:`_TIME_ASK`) is answered by a fact that states a time:
    scored by its keywords the question says, the words it shares with the fact's answer,
    and one more for a fact about time ("click prediction for all candidates gets 25 ms",
    not "clicks are logged within seconds, conversions can take up to 7 days", for "how
    long does click prediction get?"). Empty: no fact states a time."""
    weights = {f.topic: w for w, f in scored}
    asked = content_stems(question)
    out = []
    for f in facts:
        if not times(number_text(f.answer)):
            continue
        about_time = bool(_TIME_KEYWORDS & {normalise_text(k).strip() for k in f.keywords})
        weight = weights.get(f.topic, 0.0) + len(asked & content_stems(f.answer)) + about_time
        if weight > about_time:  # the question names something of it, not only a time
            out.append((weight, f))
    timed = [f for f in facts if times(number_text(f.answer)) and _about_time(f)]
    named = asked - content_stems(context) - _HOW_LONG
    if not out and len(timed) == 1 and not named:
        # "How long do we have to decide?" names nothing but the interview's own task, and
        # asks for the one time budget there is ("How long does retraining take?" names
        # something else)
        return [(1.0, timed[0])]
    return out


_HOW_LONG = content_stems("long have take takes much time fast quick quickly soon need allowed get")


def _about_time(fact: Fact) -> bool:
    return bool(_TIME_KEYWORDS & {normalise_text(k).strip() for k in fact.keywords})


_TENURE_ASK = re.compile(
    r"\bhow long (?:do|does|will|would|did) (?:[\w']+ ){1,3}?(?:stay|remain|last|stick around|"
    r"keep (?:paying|subscribing|using))\b"
)
"""A question for how long people stay ("how long do people stay?"): a rate of leaving
per month answers it."""
_RATE_ASK = re.compile(
    r"\b(?:rate|share|fraction|percentage|percent|proportion|prevalence)\b|" + _TENURE_ASK.pattern
)
"""A question that asks for a rate ("what's the churn rate", "what fraction of posts…")."""
_RATE = re.compile(r"\d(?:[\d.]*)\s*(?:%|percent\b)")
_PER_PERIOD = re.compile(r"\b(?:each|per|a|every) (?:day|week|month|year)\b")


def _rated(question: str, facts: Sequence[Fact], scored: list[tuple[float, Fact]], context: str):
    """A rate question (:data:`_RATE_ASK`) is answered by a fact that states a rate ("About
    20 million subscribers; roughly 3% cancel each month" for "what's the churn rate?",
    not the post volume for "what fraction of posts are harmful?"): scored by its
    keywords the question says, the words it shares with the fact's answer, half a point
    when both speak of the interview's own subject ("churn", "cancel" in a churn
    question), and one more for the rate; a question for how long people stay counts a
    rate per month as naming it. Empty: no fact states a rate of what is asked."""
    weights = {f.topic: w for w, f in scored}
    asked = content_stems(_RATE_ASK.sub(" ", question.lower()))  # not the word "rate" itself
    topic = content_stems(context)
    tenure = bool(_TENURE_ASK.search(question.lower()))
    out = []
    for f in facts:
        if not _RATE.search(f.answer):
            continue
        said = content_stems(f.answer)
        weight = weights.get(f.topic, 0.0) + len(asked & said) + 1
        weight += 0.5 if asked & topic and said & topic else 0.0
        weight += 1 if tenure and _PER_PERIOD.search(f.answer.lower()) else 0
        if weight > 1:  # the question names something of it, not only a rate
            out.append((weight, f))
    return out


_COUNT_PER_PERIOD = re.compile(
    r"\b(?:each|per|a|an|every) (?:second|minute|hour|day|week|month|year)\b"
)


_COUNTED_PER_PERIOD = re.compile(
    r"\d[\d,.]*(?:\s+[^\s\d]+){0,4}?\s+(?:each|per|a|an|every) "
    r"(?:second|minute|hour|day|week|month|year)\b"
)
"""A count per period a fact states: a figure, then up to four words, then the period ("2
million new reviews a day"); "up to a week old" counts nothing."""


def _counting(question: str, facts: Sequence[Fact]) -> list[Fact]:
    """The facts that can answer ``question``: for a count per period ("How much mail do
    we get a day?") those counting per period ("15 billion messages a day"), not a share
    ("45% of incoming mail") nor an age ("a summary can be up to a week old"); else all."""
    low = question.lower()
    if _QUANTITY_ASK.search(low) and _COUNT_PER_PERIOD.search(low):
        counted = [f for f in facts if _COUNTED_PER_PERIOD.search(number_text(f.answer.lower()))]
        return counted or list(facts)
    return list(facts)


def _count_of(question: str, scored: list[tuple[float, Fact]]) -> list[tuple[float, Fact]]:
    """For a question that asks how many of the interview's own things there are ("How
    many documents are we talking about?" about a documents assistant): the one fact drawn
    that states a figure of a thing the question names ("About 4 million documents…"); the
    subject word draws it, though it names no fact elsewhere. Empty: not one such fact."""
    if not _QUANTITY_ASK.search(question.lower()):
        return []
    asked = content_stems(question.lower())
    top = [
        (w, f) for w, f in scored if re.search(r"\d", f.answer) and asked & content_stems(f.answer)
    ]
    return top if len(top) == 1 else []


def _offered_only(question: str) -> Callable[[str], bool]:
    """Whether a keyword is said only among the options ``question`` ends on, after what
    it asks for: "what is the goal of the company, is it more money or more rides
    finish?" asks for the goal, and "rides" is one of the answers offered, not the ride
    count."""
    choice = _CHOICE.search(question.lower())
    if choice is None or not question[: choice.start(1)].strip():
        return lambda _: False
    head = normalise_text(question[: choice.start(1)])
    options = normalise_text(choice.group(1))

    def offered(keyword: str) -> bool:
        k = f" {normalise_text(keyword).strip()} "
        return k in options and k not in head

    return offered


def _named(question: str, pool: Sequence[Fact], context: str) -> list[tuple[float, Fact]]:
    """The fact of ``pool`` a question names something of, when no keyword but the
    interview's own subject or how it asks draws one: the one whose answer says a word of
    the question beyond the interview's subject ("users" in "How do users tell us a
    message is spam?"), or the only one there is. Empty: no single fact is named."""
    if len(pool) == 1:
        return [(1.0, pool[0])]
    asked = content_stems(question.lower()) - content_stems(context)
    shared = [(float(len(asked & content_stems(f.answer))), f) for f in pool]
    best = max((w for w, _ in shared), default=0.0)
    top = [(w, f) for w, f in shared if w == best]
    return top if best > 0 and len(top) == 1 else []


def _unnested(hits: dict[str, list[str]]) -> dict[str, list[str]]:
    """``hits`` without a keyword said only as part of another fact's longer one: "how
    many posts" names the posts, and its "how many" is not also the user count's."""
    said = {normalise_text(k).strip() for found in hits.values() for k in found}
    out = {}
    for topic, found in hits.items():
        kept = [
            k
            for k in found
            if not any(
                o != normalise_text(k).strip() and f" {normalise_text(k).strip()} " in f" {o} "
                for o in said
            )
        ]
        if kept:
            out[topic] = kept
    return out


def _counted(assumption: str, facts: Sequence[Fact], scored: list[tuple[float, Fact]]):
    """``scored`` with one more for each fact that counts the same thing as a figure
    ``assumption`` states."""
    weights = {f.topic: w for w, f in scored}
    out = []
    for f in facts:
        weight = weights.get(f.topic, 0.0) + counts_the_same(assumption, f.answer)
        if weight > 0:
            out.append((weight, f))
    return out


_TIME_SAID = re.compile(
    r"\b\d[\d,.]*\s*(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b|"
    r"\b(?:a|an|one|per|each|every) (?:second|minute|hour|day|week|month|year)\b"
)


_FIGURE_FIRST = re.compile(
    _OPENERS + r"(?:(?:and|also|plus|or|but)[, ]+)*(?:(?:do|does|did|can|could|will|would) "
    r"(?:we|you|they|i) (?:know|have|get) )?(?:roughly |approximately |about )?(?:how (?:many|"
    r"much|long|fast|quickly|soon|early|late|often|big)|within how|by when)\b"
)
"""A part that asks a figure from its start ("And how many minutes before the game do we
know?", "Do we know how long it lasts?")."""


def gives_the_figure(part: str, said: str) -> bool:
    """``said`` (a change) answers ``part`` of a question about it, as far as figures go:
    ``part`` asks for none, or ``said`` states one of its kind: a time for "how long",
    "how many minutes" ("stock must be reflected within 1 minute"), a figure of a thing
    the part names for "how many" ("…spike to 10 times normal" gives no figure for "how
    many minutes before the game do we know?")."""
    low = _how_asked(_asked_part(part)).strip().lower()
    if not _FIGURE_FIRST.match(low):
        return True  # "is it only the titles, or also how many hours…?" asks a reading
    if _TIME_ASK.search(low):
        return bool(_TIME_SAID.search(number_text(said).lower()))
    if _QUANTITY_ASK.search(low):
        shared = content_stems(_QUANTITY_ASK.sub(" ", low)) & content_stems(said)
        return bool(_FIGURE_SAID.search(number_text(said).lower())) and bool(shared)
    return True


def _asks_a_figure(question: str) -> bool:
    """``question`` asks how long, how many, how much: only a figure answers it."""
    low = question.lower()
    return bool(_QUANTITY_ASK.search(low) or _TIME_ASK.search(low))


def question_parts(questions: Sequence[str]) -> list[str]:
    """Each thing ``questions`` ask: "How many payments a second, and what is the latency
    budget?" asks for two facts, and "Can you tell me what latency we need, how many
    products there are, and whether we care more about clicks or purchases?" three."""
    return [
        p.strip()
        for q in questions
        for part in _SECOND_ASK.split(q)
        for p in _listed_asks(part)
        if p.strip()
    ]


_LISTED_ASK = re.compile(
    r",\s+(?:(?:also|then|roughly|approximately|about|just|so)\s+)?(?=(?:what|what's|how|which|who|where|when|whether)\b)",
    re.I,
)
"""Where a list of things asked goes on after a comma: "…what latency we need, how many
products there are…"."""
_ASKS_SOMETHING = re.compile(
    r"\b(?:what|what's|how|which|who|where|when|whether)\b|^\W*(?:can|could|do|does|did|is|are|"
    r"will|would|should)\b",
    re.I,
)


def _listed_asks(part: str) -> list[str]:
    """``part`` split where a comma starts another thing asked, when the words before it
    ask something themselves: "Before that, how many emails a day?" and "Like, how many
    of the people we flag cancel?" are one question."""
    out: list[str] = []
    for piece in _LISTED_ASK.split(part):
        if out and not _ASKS_SOMETHING.search(out[-1]):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


_YES_NO = re.compile(
    r"^(?:(?:and|also|so|then|or|but|plus)\W+)*(?:do|does|did|is|are|was|were|can|could|"
    r"should|will|would|has|have|must|may|might|shall)\b"
)


_FIGURE_WORDS = re.compile(r"\d|\b(?:million|thousand|billion|latency|budget)\b")
"""Words of a question that puts or asks a figure ("Is it more than a million a day?")."""


def asks_yes_or_no(part: str) -> bool:
    """``part`` asks a yes or a no, not a figure ("…and do drivers see the multiplier
    too?", "Should the colleague be a peer or my manager?"); "Is it more than a million
    a day?", "Do we know how many…?" and "Do we know the proportion of fake reviews?"
    ask for one: a quantity, a rate (:data:`_RATE_ASK`, as the facts are matched), a
    figure said."""
    low = _how_asked(_asked_part(part)).strip()
    figure = _QUANTITY_ASK.search(low) or _RATE_ASK.search(low) or _FIGURE_WORDS.search(low)
    return bool(_YES_NO.match(low)) and not figure


_PICK_ASK = re.compile(
    r"\b(?:which (?:one|of (?:them|these|those|the \w+))|would you (?:like|prefer|rather)|"
    r"do you (?:want|prefer)|(?:should|shall|can|may|could) i (?:pick|choose|take|go with|"
    r"explain|do|use|talk about|tell|teach|start with)|you(?:'d| would) (?:like|prefer)|"
    r"your (?:preference|pick|choice))\b"
)


def asks_a_choice(part: str) -> bool:
    """``part`` asks the interviewer to choose between options the candidate may pick
    from ("which one would you like, overfitting or precision versus recall?", "Should I
    explain data drift or overfitting?"): no fact or figure is wanted, the pick is the
    candidate's."""
    low = _how_asked(_asked_part(part)).strip().lower()
    figure = _QUANTITY_ASK.search(low) or _RATE_ASK.search(low) or _FIGURE_WORDS.search(low)
    return bool(_PICK_ASK.search(low)) and not figure


_READING_ASK = re.compile(
    r"\b[\w'-]+,? or (?!(?:not|so|something|anything|else|otherwise|what|how|why)\b)"
    r"(?:for |on |about |to |with |in |by )?(?:the |a |an |our |their |its )?[\w'-]+"
)
"""Two readings set side by side: "…the shoppers in our stores or the retailers…",
"…engagement or revenue?"; not "…or not?", "…or something?"."""


def asks_a_reading(part: str) -> bool:
    """``part`` asks which of two readings holds ("When you say paying customers, do you
    mean the shoppers or the retailers?", "Was the launch in one country or in all of
    them?"): with no fact for it, either is the candidate's to take, no figure is missing.
    "Is it more than a million or less?" asks for a figure."""
    low = _how_asked(_asked_part(part)).strip().lower()
    figure = _QUANTITY_ASK.search(low) or _RATE_ASK.search(low) or _FIGURE_WORDS.search(low)
    return bool(_READING_ASK.search(low)) and not figure


def either_or(questions: Sequence[str]) -> list[tuple[str, str]]:
    """The parts of ``questions`` that offer a choice, in pairs: "Is a weekly report
    enough, or does the team need alerts within the hour?" asks one thing, and a fact on
    either half answers it."""
    pairs: list[tuple[str, str]] = []
    for q in questions:
        parts = _SECOND_ASK.split(q)
        joints = [m.group(0) for m in _SECOND_ASK.finditer(q)]
        for before, joint, after in zip(parts, joints, parts[1:], strict=False):
            if re.search(r"\bor\b", joint, re.IGNORECASE) and before.strip() and after.strip():
                pairs.append((before.strip(), after.strip()))
    return pairs


_FIGURE_SAID = re.compile(
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"sixty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen)\b"
)


def _confirmable(assumption: str, keywords: set[str]) -> bool:
    """A stated assumption a fact can confirm or correct: it puts a figure on something
    ("about a thousand payments a second"), or says two of the fact's keywords; "I'll assume
    at order time and then every minute" is about how often an estimate updates, and
    "time" alone had it "confirmed" with the page's 200 ms latency."""
    return bool(_FIGURE_SAID.search(assumption.lower())) or len(keywords) >= 2


_ASKING_WORDS = re.compile(r"^(?:how|what|when|which|where|who|before)\b")
"""A fact's keyword that is how a question asks ("how many", "how fast", "when"): it says
less of which fact is wanted than a thing named ("How many moderators do we have?" asks
for the moderators, not the post volume)."""
_ASKING_ONLY = re.compile(
    r"^(?:how(?: many| much| big| fast| often| long| common| soon)?|what|when|which|where|who|"
    r"before)$"
)
"""A fact's keyword that is only how a question asks ("how many"), naming nothing."""
_SECOND_ASK = re.compile(
    r",?\s+(?:and|or|also)\s+(?:(?:also|then|roughly|approximately|about|just|so)\s+)?"
    r"(?=(?:what|what's|how|which|is|are|do|does|can|could|will|"
    r"would|who|where|when|should|whether)\b)",
    re.IGNORECASE,
)
"""Where one question asks a second thing: "…a second, and what is the latency budget?"."""

FACT_SIMILARITY = 0.45
"""A question this close in meaning to a fact's topic and answer asks for it."""


def _by_meaning(question: str, facts: Sequence[Fact], embedder: Embedder):
    vectors = embedder.embed([question, *(f"{f.topic}: {f.answer}" for f in facts)])
    sims = vectors[1:] @ vectors[0]
    order = np.argsort(-sims)
    best = int(order[0])
    runner_up = float(sims[order[1]]) if len(order) > 1 else -1.0
    clear = sims[best] >= FACT_SIMILARITY and sims[best] - runner_up >= 0.05
    return [(float(sims[best]), facts[best])] if clear else []


def match_fact(
    questions: Sequence[str], facts: Sequence[Fact], revealed: Iterable[str] = ()
) -> tuple[Fact, str] | None:
    """The best unrevealed fact for the first question that asks about one."""
    picked, _ = match_facts(questions, facts, revealed)
    return picked[0] if picked else None


def asks_interviewer(sentences: Sequence[str]) -> list[bool]:
    """Which of ``sentences`` put a question to the interviewer ("Quick question first: is
    the 3,000 a hard cap every day?"); a stated assumption is not one."""
    asked = [q.strip() for q in clarifying_questions(" ".join(sentences)) if not is_assumption(q)]
    return [any(s.strip().endswith(q) for q in asked) for s in sentences]


_ASKS_AGAIN = re.compile(
    r"\b(?:could|can|would|will) you (?:please |just )?(?:repeat|say (?:that|it|this|the "
    r"question) (?:again|once more)|read (?:that|it|the question) (?:again|out again))"
    r"|\b(?:please )?repeat (?:that|it|the question|the last (?:part|question))\b"
    r"|\bsay (?:that|it|the question) again\b"
    r"|\bcome again\b|\bpardon\b"
    # "What was the question?", "Sorry, what's the question again?"
    r"|^\W*(?:(?:sorry|so|um|uh|and|ok|okay|wait)\W+)*what(?: was|'s| is) (?:the|that) "
    r"(?:question|last question)(?: again)?\W*$"
    # "Could you ask it again?", "Could you rephrase the question?", "Can you put it another way?"
    r"|\b(?:could|can|would|will) you (?:please |just )?(?:ask (?:that|it|the question|me) "
    r"again|ask (?:that|it|the question) once more|(?:rephrase|reword|restate)(?: that| it| the "
    r"question)?|put (?:that|it|the question) (?:another|a different) way)\b"
    r"|\bi (?:missed|lost) (?:that|it|the question|the last part|what you said)\W*(?:could|can|"
    r"would|will|$)"
    r"|\b(?:didn't|did not|couldn't|could not|can't|cannot) (?:quite )?(?:catch|hear) (?:that|"
    r"it|the question|you|what you said|the last part)\b"
)
REPEAT_WORDS = 20
"""An answer longer than this is an answer, whatever it asks along the way."""


def asks_to_repeat(text: str) -> bool:
    """All the answer does is ask to hear the question again ("Sorry, could you repeat
    the question?", "Can you say that again? I didn't catch it."): not an answer, the
    question is said again. "I would repeat the training every week" asks nothing."""
    return len(text.split()) <= REPEAT_WORDS and bool(
        _ASKS_AGAIN.search(text.lower().replace("\u2019", "'"))
    )


_MEANING = re.compile(
    # "what do you mean by first?", "can you clarify what you mean by first?"
    r"\b(?:what (?:do|did)|(?:clarify|explain|tell me|say|sure|understand|know) what) you mean"
    r" (?:by|with) (?P<by>[^?.!]+)"
    # "when you say first, do you mean the top of the feed?"
    r"|\bwhen you say (?P<say>[^?.!,]+?),? (?:do|does|did) (?:you|that|it) mean\b"
    r"|\bwhat (?:is|was) meant by (?P<meant>[^?.!]+)"
    r"|\bwhat (?:does|do) (?P<does>[^?.!]+?) mean\b"
    r"|\b(?:explain|define) what (?P<what>[^?.!]+?) means\b"
    # a question back about the interviewer's own words: "what is the obvious alternative
    # you have in mind?", "which alternative do you mean?", "what scale are you thinking of?"
    r"|\b(?:what|which)(?: (?:is|are|was|were))? (?!(?:do|did|would|are|were) you\b)"
    r"(?P<mind>[^?.!]+?),? (?:(?:(?:do|did|would) )?(?:you|you've|you'd) (?:have |had |got )?"
    r"(?:in mind|mean)|(?:are|were) you thinking (?:of|about))\b"
)
_HERE = re.compile(
    r"(?:[\s,]+(?:here|there|exactly|in this (?:case|context|question)|in that (?:case|context)|"
    r"for this (?:question|design)|please))+$"
)


def asks_meaning(text: str) -> str | None:
    """The term of the question the answer only asks the interviewer to explain ("Sorry,
    what do you mean by a connection?" -> "a connection"; "What does real time mean
    here?" -> "real time"); None when it asks nothing of the kind, or says more than
    that (an answer longer than :data:`REPEAT_WORDS` is an answer)."""
    if len(text.split()) > REPEAT_WORDS:
        return None
    m = _MEANING.search(text.lower().replace("\u2019", "'"))
    if m is None:
        return None
    term = next(g for g in m.groups() if g)
    # "what do you mean by a business metric here, and how many metrics are there?": the
    # term ends where the second thing asked begins
    term = _SECOND_ASK.split(term)[0]
    # "…by real exposure, and by new artists, is that…?": the term ends where a second
    # term or the candidate's own reading of it (", do the servers see…") begins
    term = _TERM_ENDS.split(term)[0]
    term = _HERE.sub("", " " + term.strip(" \"'\u201c\u201d,")).strip(" \"'\u201c\u201d,")
    # "…, what do you mean?" asks what the interviewer meant, not what "you" means; "which
    # one do you mean?" names nothing to explain
    return term if set(term.split()) - _NAMES_NOTHING and term not in _PRONOUNS else None


_PRONOUNS = {"you", "i", "we", "they", "it", "that", "this", "he", "she"}
_NAMES_NOTHING = {"the", "a", "an", "one", "ones", "exactly", "here", "there"}
_TERM_ENDS = re.compile(
    r",?\s+(?:and|or) (?:by|with)\s|,\s+(?:is|are|was|were|do|does|did|can|could|will|would|"
    r"should|i mean|meaning|as in|like)\s"
)
"""Where the term asked about ends: a second one ("and by…"), or a reading offered."""


_EXAMPLES = re.compile(r",\s+(?:such as|like|including|for example|e\.g\.,?)\s+", re.IGNORECASE)
"""Where a text goes on to say what it means by the words before it: "harmful posts on a
social platform, such as hate speech, graphic violence and harassment"."""
EXAMPLE_REACH = 8
"""The examples are of the term when they follow it within this many words."""


def meaning_in(term: str, text: str) -> str | None:
    """What ``text`` itself says ``term`` means: the words from the term to the end of the
    examples it gives of it ("Design a system that finds harmful posts on a social
    platform, such as hate speech, graphic violence and harassment, and decides…" ->
    "Harmful posts on a social platform, such as hate speech, graphic violence and
    harassment."); None when it gives none."""
    stems = content_stems(term)
    if not stems:
        return None
    for sentence in re.split(r"(?<=[.?!;])\s+", " ".join(text.split())):
        for m in _EXAMPLES.finditer(sentence):
            words = sentence[: m.start()].split()
            near = words[-EXAMPLE_REACH:]
            at = next((i for i, w in enumerate(near) if content_stems(w) & stems), None)
            if at is None or not stems <= content_stems(" ".join(near[at:])):
                continue
            # the examples end where the sentence goes on ("…and harassment, and decides
            # what happens to them")
            listed = re.split(r",\s+and\s+|[.;?!]", sentence[m.end() :])[0].strip()
            if not listed:
                continue
            said = " ".join(near[at:]) + sentence[m.start() : m.end()] + listed
            return f"{said[0].upper()}{said[1:]}."
    return None


def other_asks(said: str, term: str) -> list[str]:
    """What an answer that asks what ``term`` means asks besides ("…a business metric
    here, and how many metrics are there?" -> ["how many metrics are there?"])."""
    stems = content_stems(term)
    return [p for p in question_parts([said]) if not stems <= content_stems(p)]


_HINT = re.compile(
    r"\b(?:give me a (?:hint|clue|pointer)|a (?:hint|clue) (?:please|maybe)|any hints?\b|"
    r"where (?:should|do|shall|would|can) i (?:start|begin)|how should i (?:start|begin)|"
    r"what should i start with)"
)


def asks_for_hint(text: str) -> bool:
    """The candidate asks where to start or for a hint ("Where should I start? Can you
    give me a hint?"): no fact answers it, the interviewer points at where to begin."""
    return bool(_HINT.search(text.lower().replace("\u2019", "'")))


def questions_for_facts(answer: AnswerView) -> list[str]:
    """What ``answer`` asks the interviewer that a fact may answer: its clarifying
    questions, its doubtful sentences left out, and no request for a hint ("Can you give
    me a hint?" is pointed at where to start instead)."""
    doubtful = [s.text for s in answer.sentences if s.doubtful]
    return [q for q in clarifying_questions(answer.text, doubtful) if not asks_for_hint(q)]
