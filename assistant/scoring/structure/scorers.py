"""How strongly each segment serves each rubric stage.

:class:`CueScorer` counts the rubric's cue phrases in a segment: a distinct
cue adds 1, a cue of two words or more adds 1.5 (it is more specific). The
scorer protocol lets a different method (an embedding model, an LLM judge)
stand in without the analysis changing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from assistant.scoring.structure.cues import CueIndex
from assistant.scoring.structure.depth import CHANGE, PRACTICE, TURNED_OUT
from assistant.scoring.structure.embedder import Embedder
from assistant.scoring.structure.heads import StageHead, load_head
from assistant.scoring.structure.manners import serves_no_stage
from assistant.scoring.structure.quotes import MIN_WORDS, answered_questions, own_words, quote_text
from assistant.scoring.structure.segments import Segment
from assistant.scoring.structure.serving import SERVES_SHARE, serving
from assistant.scoring.structure.steps import DEED
from assistant.scoring.structure.substance import SubstanceReader, stage_labels
from rubrics import Rubric


@dataclass(frozen=True)
class StageReadings:
    """Two readings of the same segments."""

    in_context: list[dict[str, float]]
    """Each segment read beside its neighbours: what finds the stages."""
    alone: list[dict[str, float]]
    """Each segment read on its own, as a quote of it is read (after the question it
    answers, if it answers one): what may be quoted."""
    quote_from: list[int] | None = None
    """For each segment, the first segment of its quote: the question it answers, or
    itself (None: each is quoted alone)."""
    clauses: list[frozenset[str]] | None = None
    """For each segment, the stages one of its clauses is about and describes (None:
    not read clause by clause)."""
    clause_stages: list[frozenset[str]] | None = None
    """For each segment, the stages one of its clauses speaks for, described or not (None:
    not read clause by clause)."""


def _as_segment(text: str) -> Segment:
    return Segment(0, len(text.split()) - 1, text, None, None)


class StageScorer(Protocol):
    def score(self, segments: Sequence[Segment]) -> list[dict[str, float]]:
        """For each segment, stage id -> strength (absent or 0 when not served)."""
        ...

    def read(self, segments: Sequence[Segment]) -> StageReadings:
        """:meth:`score`, and the same strengths with each segment read on its own."""
        ...


def cue_weight(cue: str) -> float:
    return 1.5 if len(cue.split()) > 1 else 1.0


# A comparison followed by a concession in one breath is how people weigh options
# without saying "tradeoff": "a bit more accurate, but slower", "cheaper but we lose recall".
WEIGHING = re.compile(
    r"\b(more|less|fewer|better|worse|faster|slower|cheaper|pricier|simpler|harder|easier|bigger|"
    r"smaller|higher|lower|heavier|lighter)\b[^.?!]{0,60}?\b(but|though|although|whereas|"
    r"at the cost|at the expense|at the price)\b"
    # ("…the answer is out there but you can't find it" is a user's trouble, not a cost)
    r"|\b(but|though|although)\b(?!\s+(?:you|people|users|they)\b)[^.?!]{0,40}?\b(more|less|"
    r"slower|costlier|harder|worse|loses?|losing|give up|sacrifice|cannot|can't)\b"
    # "we could run it on a GPU, but that won't fit the budget / is too slow"
    r"|\b(but|though|although)\b[^.?!]{0,70}?\b(?:(?:doesn't|does not|won't|wouldn't|can't|"
    r"cannot|would not) fit|too (?:slow|expensive|costly|big|heavy|large|late))\b"
    # "approximate search gives up a little recall to hit the latency budget", "loses some
    # recall but stays within it": what a choice pays, said of the choice
    r"|\b(?:gives?|giving|gave) up\b[^.?!]{0,50}?\b(?:to|for|in exchange|so|but)\b"
    # "hourly rebuilds trade review time for freshness": what is paid, for what
    r"|\btrad(?:e|es|ing|ed)\s+(?!off\b|away\b)(?:[\w'-]+\s+){1,4}?for\b"
    r"|\b(?:loses?|losing|sacrific\w*|trad(?:es?|ing) away)\b[^.?!]{0,50}?\b(?:to (?:hit|stay|"
    r"fit|meet|keep|get|make|reach)|but|in exchange|for)\b"
    # "down-weighting flooded jobs costs clicks but raises each seeker's chance of a hire":
    # what the choice costs, then what it buys
    r"|\b(?:costs?|costing)\b[^.?!]{0,40}?\bbut\b"
    # "auto-removal is fast but errs on satire, review is accurate but scarce": a plain
    # virtue said of an option, and in the same breath what it costs
    r"|\b(?:is|are|'s|stays?|feels?)\s+(?:very\s+|really\s+|quite\s+|pretty\s+)?(?:fast|quick|"
    r"cheap|simple|accurate|precise|flexible|fresh|robust|easy|light|safe|scalable|"
    r"interpretable|explainable|cheap to run)\s+but\b(?!\s+(?:effective|good enough|we|i|you|"
    r"they|(?:it|that|this)\s+(?:works|does the job|is enough|can|will|could)))"
    # "we could use the user's history, but there is a privacy concern, so maybe not at
    # the start": an option, what speaks against it, and the side taken
    r"|\b(?:could|might|can)\s+(?:also\s+)?(?:use|add|try|include|build|do|show|take|keep)\b"
    r"[^.?!]{0,60}?\bbut\b[^.?!]{0,60}?\b(?:so|which is why)\s+(?:maybe\s+|probably\s+|"
    r"perhaps\s+|i'd\s+|we'd\s+|i would\s+|we would\s+)?(?:not|skip|leave|wait|hold off|later)\b"
    # "trending freshness is traded for a stricter safety filter": what is paid, for what
    r"|\b(?:is|are|gets?|was|were|get)\s+traded\s+(?:away\s+)?for\b"
    # "...and accept the higher serving cost": a cost taken on for what was chosen
    r"|\baccept(?:ing)?\s+(?:the|a|some|that)\s+(?:\w+\s+){0,2}(?:cost|costs|latency|delay|"
    r"risk|loss|hit|drop|complexity|overhead)\b"
    # "I'd rather miss a few churners than waste calls": one cost preferred to another
    r"|\b(rather|better to)\b(?! than)[^.?!]{1,60}?\bthan\b"
    # "that is why I choose trees and not a big deep model": the option taken, and in
    # the same breath the one turned down
    r"|\b(?:choos\w*|chose|chosen|pick\w*|prefer\w*|go(?:ing)? with|went with|use|using|"
    r"keep|kept|take|took)\b[^.?!,;]{1,40}?\b(?:and|but) not\s+(?!only\b|just\b|too\b|very\b|"
    r"really\b|necessarily\b|always\b|so\b|as\b|yet\b|sure\b)\w"
    # "a bigger transformer would gain a bit of log loss, but at 25 ms it doesn't fit":
    # what the option turned down would give, set against what rules it out
    r"|\bwould\b[^.?!]{0,40}?\b(gain|improve|help|win|buy|give|add|be better|be more)\b"
    r"[^.?!]{0,60}?\b(but|though|although)\b[^.?!]{0,70}?\b(doesn't|does not|don't|won't|"
    r"wouldn't|isn't|can't|cannot|too|not worth|costs?)\b"
)
WEIGHING_STRENGTH = 1.5

_COUNT = (
    r"(?:\d[\d.,]*|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a few)"
)
# How much traffic or how many people a design serves: "five hundred million posts a day",
# "twenty million subscribers", "10k queries per second" (volume is a limit the design
# lives within, whichever sentence says it)
_THOUSANDS = r"\b[1-9]\d{0,2}(?:,\d{3})+\b"
"""Thousands as the speech model writes them ("20,000" for "twenty thousand")."""
_COUNTED = (
    r"users|subscribers|customers|members|accounts|sellers|merchants|drivers|riders|posts|"
    r"uploads|requests|queries|searches|transactions|payments|orders|events|messages|emails|"
    r"videos|songs|tracks|listings|products|documents|images|impressions|sessions|devices|"
    r"homes|shoppers|viewers|listeners|creators|advertisers|ads|jobs|seekers"
)
"""What an answer counts when it says how big the problem is."""
VOLUME = re.compile(
    rf"(?:{_THOUSANDS}|\b{_COUNT}(?:[\s-]+(?:and a half|hundred|{_COUNT}))*[\s-]*(?:thousand|"
    r"million|billion|k|m|bn)\b)(?:\s+[a-z-]+){0,3}?\s+(?:a|per|each|every)\s+(?:second|minute|"
    r"hour|day|week|month)\b"
    rf"|(?:{_THOUSANDS}|\b{_COUNT}(?:[\s-]+(?:hundred|{_COUNT}))*[\s-]*(?:thousand|million|"
    rf"billion|k|m|bn))\s+(?:\w+\s+){{0,2}}(?:{_COUNTED})\b"
    # a scale stated without a count: "there are millions of jobs", "we have tens of millions
    # of listings", "with hundreds of thousands of new products every day" (not the people a
    # product is for: "…inbox or spam for hundreds of millions of users" frames the task)
    r"|\b(?:there\s+(?:are|is|will\s+be)|we\s+(?:have|get|serve|see|handle|store)|with|it\s+"
    r"(?:has|serves|gets)|(?:about|around|roughly|over|nearly|some))\s+"
    r"(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions)\s+of\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_COUNTED}|photos|items|postings|reviews|articles|people)\b"
)
# A response time the design must meet, said inside a sentence on how it is served: "behind
# an API with a fifty millisecond budget", "it has to answer within 200 ms", "under a
# hundred milliseconds at p99" (the limit is a constraint whatever the sentence is about)
LATENCY_BUDGET = re.compile(
    rf"\b{_COUNT}(?:[\s-]+(?:hundred|thousand|{_COUNT}))*[\s-]*(?:ms|milliseconds?|seconds?)\b"
    r"[\s-]*(?:latency\s+)?(?:budget|limit|sla|slo|ceiling|deadline|p9\d|at\s+p9\d|"
    r"(?:at\s+the\s+)?9\d(?:th)?\s+percentile)\b"
    rf"|\b(?:under|within|below|in\s+less\s+than|at\s+most)\s+(?:about\s+)?{_COUNT}"
    rf"(?:[\s-]+(?:hundred|thousand|{_COUNT}))*[\s-]*(?:ms|milliseconds?)\b"
)
# What the model learns from, said as ML people say it: "positives are accepted
# suggestions and negatives are ignored ones" (not "false positives", a metric's words)
EXAMPLES = re.compile(r"(?<!false )(?<!true )\b(?:positives|negatives)\b(?! rate)")
# What is done when a watched number crosses a line: "I'd stop publishing if unsupported
# sentences pass 3 percent", "fall back to the rules when precision drops under 0.9"
TRIGGER = re.compile(
    r"\b(?:stop|stops|pause|halt|roll(?:ing)? back|fall(?:ing)? back|switch(?:ing)? back|"
    r"alert|alerts|page|pages|retrain|retrains)\b[^.?!]{0,40}?\b(?:if|when|once)\b[^.?!]{0,40}?"
    r"\b(?:pass|passes|exceed|exceeds|drop|drops|dips?|falls?|rises?|climbs?|cross|crosses|"
    r"doubles|triples|halves|jumps|spikes|goes (?:above|over|below|under))\b"
    # "page the planning team if bias is above fifteen percent three days in a row"
    r"|\b(?:alert|alerts|page|pages|retrain|retrains|roll(?:ing)? back)\b[^.?!]{0,40}?"
    r"\b(?:if|when|once)\b[^.?!]{0,40}?\b(?:is|are|gets?|stays?)\s+(?:above|over|below|"
    r"under|past|beyond)\b"
    # the line first, then what is done, in everyday words: "and if it goes up by more than
    # ten percent i retrain", "if it jumps we roll back to yesterday's model"
    r"|\b(?:if|when|once|whenever)\s+(?:it|that|this|they|those|the\s+[\w-]+(?:\s+[\w-]+)?|"
    r"[\w-]+\s+(?:rate|share|count))\s+(?:suddenly\s+|really\s+|ever\s+)?(?:goes up|goes down|"
    r"go up|go down|jumps?|drops?|dips?|falls?|rises?|climbs?|spikes?|doubles?|passes|"
    r"crosses|exceeds|gets worse)\b[^.?!;]{0,50}?,?\s*(?:then\s+)?(?:we|i|someone|the team)"
    r"(?:'d|'ll| would| will)?\s+(?:\w+\s+)?(?:retrain|roll back|fall back|switch back|go back|"
    r"revert|alert|page|stop|pause|look into|look at|check|investigate|dig into)\b"
)
# What is watched, named after the verb that watches it: "we watch how often searches get
# no taps", "I'd watch zero-click rate and query embedding drift" (not "we'd monitor it for
# drift", "keep an eye on it" or "monitor performance": nothing named is watched)
WATCHED = re.compile(
    r"\b(?:watch|watches|watching|track|tracks|tracking|monitor|monitors|monitoring|chart|"
    r"alert on|check whether|check if|"
    # in everyday words: "i keep an eye every week on how many people skip", "we keep track
    # of the number of empty playlists"
    r"keep(?:s|ing)? (?:an eye|track|tabs)(?:\s+(?:every|each|once a)\s+\w+)?\s+(?:on|of))"
    r"\s+(?:the\s+|our\s+)?"
    r"(?!(?:it|them|this|that|things|everything|performance|the model|models?|metrics|drift|"
    r"for drift|how it (?:does|performs|goes))\b)"
    r"(?:how (?:often|long|many|much|fast)|whether|[\w-]+(?:\s+[\w-]+)?\s+(?:rate|share|"
    r"count|latency|drift|time|volume|distribution|mix)|[\w-]+\s+and\s+[\w-]+"
    # "we watch the share of songs skipped in the first 30 seconds, the daily count of…"
    r"|(?:share|number|count|percentage|fraction|proportion|amount)\s+of\s+[\w-]+"
    # a count per unit: "we track noisy alerts per team", "watch refunds per merchant"
    r"|[\w-]+(?:\s+[\w-]+)?\s+per\s+[\w-]+)\b"
    # what is watched for, listed: "I'd watch for complaints, sudden sentiment shifts, and…",
    # "we look out for refunds and late deliveries" (not "watch for drift and retrain")
    r"|\b(?:watch(?:es|ing)?|look(?:s|ing)? out|keep(?:s|ing)? an eye out)\s+for\s+"
    r"(?!(?:it|them|this|that|things|everything|anything|problems|issues|changes|drift|"
    r"performance|the model|models?|metrics)\b)"
    r"[\w-]+(?:\s+[\w-]+){0,2}(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?[\w-]+"
)
# A number looked at on a schedule, and what is done when it moves: "every day we look at
# replies per application, and if a handful of jobs take most of the applications, we push
# them down", "each morning someone looks at switch-offs per kind of message, and if one kind
# suddenly doubles, we send less of it" (monitoring said without a monitoring word)
_PERIOD = (
    r"(?:(?:every|each|once a|once per)\s+(?:day|morning|evening|night|week|month|hour|shift|"
    r"sprint|monday|friday)|daily|weekly|nightly|hourly)"
)
_LOOKS = (
    r"(?:look|looks|check|checks|go over|goes over|review|reviews|keeps? an eye|keeps? track|"
    r"keeps? tabs)"
)
REVIEWED = re.compile(
    rf"(?:\b{_PERIOD}\b[^.;!?]{{0,30}}?\b(?:we|i|someone|somebody|the team|an? \w+)\s+"
    rf"(?:\w+\s+)?{_LOOKS}"
    # ...or the schedule after the look: "i keep an eye every week on…", "we look at the
    # skip rate each week, and if it climbs…"
    rf"|\b(?:we|i|someone|somebody|the team)\s+(?:\w+\s+)?{_LOOKS}\b[^.;!?]{{0,40}}?"
    rf"\b{_PERIOD})\b[^.;!?]{{0,80}}?"
    # ...if it moves past a line ("doubles", "take most of", "drops below")...
    r"\b(?:if|when|whenever)\s+[^.;!?]{0,60}?\b(?:doubles?|triples?|halves?|drops?|falls?|"
    r"rises?|climbs?|jumps?|spikes?|grows?|shrinks?|goes (?:up|down)|more than|less than|fewer "
    r"than|above|below|under|past|most|too (?:many|few|much|little)|suddenly|sharply)\b"
    # ...and what is done then
    r"[^.;!?]{0,40}?,?\s+(?:then\s+)?(?:we|i|they|someone|the team)\s+\w+"
)
# How a design is shown to work, said as what is done rather than by a metric's name: a
# check on past data before launch ("before going live, we check on old messages how well
# we would have guessed who opens") and a comparison of two groups after it ("we split
# people in two groups and compare how many keep coming back", "half the people get the
# new list, and we compare how many apply")
_PEOPLE = (
    r"(?:people|users|customers|members|visitors|shoppers|buyers|sellers|listeners|viewers|"
    r"readers|seekers|riders|drivers|players|patients|students|employees|traffic|sessions)"
)
TRIED_OUT = re.compile(
    r"\b(?:before (?:going live|we go live|it goes live|launch(?:ing)?|we launch|shipping|we ship|"
    r"release|rolling (?:it )?out|we roll (?:it )?out)|offline)\b"
    # ...on what happened before: a load test before launch is no measure of success
    r"(?=[^.;!?]{0,100}?\b(?:old|past|last (?:day|week|month|quarter|year)|history|"
    r"historical|logged|earlier|previous|held[- ]out)\b)[^.;!?]{0,40}?\b(?:check|checks|"
    r"test|tests|measure|measures|see|replay|replays|score|scores)\b[^.;!?]{0,60}?"
    r"\b(?:how (?:well|often|many|much|good)|whether|if)\b"
    rf"|(?:\b(?:split|splits|divide|divides|put|puts)\s+(?:the\s+|our\s+)?(?:\w+\s+)?{_PEOPLE}"
    rf"\s+(?:in|into)\s+two\b|\bhalf\s+(?:of\s+)?(?:the\s+|our\s+)?{_PEOPLE}\s+(?:get|gets|"
    rf"see|sees|receive|receives)\b|\b(?:to|for)\s+half\s+(?:of\s+)?(?:the\s+|our\s+)?{_PEOPLE}\b)"
    r"[^.;!?]{0,80}?\b(?:compare|compares|comparing|see which|measure|measures)\b"
)
# A learned representation said plainly: "a quick, rough search that turns each person and
# each job into a list of numbers, so we can find the few hundred jobs closest", "we map
# every song into a point in space" (an embedding model, whatever it is called)
EMBEDDED = re.compile(
    r"\b(?:turns?|turning|maps?|mapping|converts?|converting|encodes?|encoding)\s+(?:each|every|"
    r"the|a|an|all|our)\s+[^.;!?]{0,60}?\binto\s+(?:a\s+|one\s+)?(?:(?:short\s+|long\s+)?(?:list|"
    r"lists|row|rows|string|strings)\s+of\s+numbers|numbers|vectors?|points?\s+in\s+(?:a\s+)?"
    r"(?:space|map))\b"
)
# A boosted model said plainly: "many small yes-or-no questions about their usage, each one
# fixing what the ones before got wrong, added up into one number", "small questions stacked
# on each other", "each one correct the error of the before" (gradient boosting, whatever it
# is called): a family of model, as "XGBoost" is
_SMALL_ASKS = (
    r"\b(?:small|little|tiny|simple|short)\s+(?:[\w-]+\s+){0,2}?(?:questions|guesses|rules|"
    r"steps|trees|checks)\b"
)
BOOSTED = re.compile(
    rf"{_SMALL_ASKS}[^.;!]{{0,160}}?(?:\b(?:fix|fixes|fixing|fixed|correct|corrects|correcting|"
    r"corrected|repair|repairs|repairing)\b|\bstacked\b|\b(?:added|add|adds|adding|summed|sum|"
    r"sums|put)\s+(?:them\s+|it\s+)?(?:up|together)\b|\bone (?:on|after|on top of) (?:the )?"
    r"(?:other|another)\b|\bon top of each other\b|\blearn(?:s|ed|t)?\s+from\b)"
    r"|\b(?:each|every)\s+(?:new\s+)?(?:one|question|step|tree|rule|guess|answer)?\s*(?:fix|fixes|"
    r"fixing|correct|corrects|correcting|repair|repairs|repairing)\b[^.;!?]{0,40}?\b(?:ones?|"
    r"last|before|earlier|previous|others|mistakes?|errors?)\b"
)
# A linear model said plainly: "a simple weighted sum of those signals", "a weighted mix of
# the three counts" (logistic or linear regression, whatever it is called): a family of
# model, as "logistic regression" is
WEIGHTED_SUM = re.compile(
    r"\bweighted\s+(?:sum|average|total|combination|mix)\s+of\s+(?:the\s+|those\s+|these\s+|"
    r"our\s+|all\s+(?:the\s+|those\s+|these\s+)?)?(?:[\w-]+\s+){0,2}?(?:signals|features|inputs|"
    r"numbers|things|factors|counts|clues|hints)\b"
)
# A model learned from past cases, said plainly: "we use past cases to learn which customers
# leave", "the computer learns from old weeks…", "learned from the four years of classes",
# "a weight for each, learned from the three years" (not "we use AI to learn it", nor
# "it learns from the data": a learned model with nothing of what it learns from)
_LEARN = (
    # what the candidate learns from is where the examples come from ("We learn from two
    # years of old messages" is the data): the computer, or a part of it, learns
    r"(?<!\bwe )(?<!\bi )(?<!\bcan )(?<!\bonly )(?<!'d )(?<!'ll )(?<!\bwill )"
    r"(?:learns?|learned|learnt|learning|trained|teach|teaches|taught)"
)
_BEFORE = (
    r"(?:past|old|older|earlier|previous|historical|last|recent|\d[\d,]*|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|twelve|twenty|fifty|hundred|thousand|few|several)"
)
LEARNED = re.compile(
    rf"\b{_LEARN}\b[^.;!?]{{0,60}}?\bfrom\s+(?:the\s+|our\s+|all\s+(?:the\s+)?|its\s+|their\s+|"
    rf"a\s+)?(?:{_BEFORE}\s+(?!(?:data|information|stuff|things|sources?)\b)[\w-]+|(?:year|month|week|"
    r"season|winter|summer)s?\s+of\b)"
    r"|\b(?:past|old|earlier|previous|historical)\s+(?!(?:data|information|stuff|things)\b)"
    r"(?:[\w-]+\s+){1,3}?to\s+(?:learn|teach|work out|figure out|find out)\b"
)
# What a unit of money buys: "we rank branches by days of waiting saved for each euro
# spent", "bookings gained per dollar" (an outcome set against its cost)
RETURN = re.compile(
    r"\b(?:saved|gained|won|earned|added|avoided)\s+(?:per|for each|for every|a)\s+(?:euro|"
    r"dollar|pound|franc|krona|yen|rupee)s?\b"
)
# Which outcome a choice moves, said plainly: "fewer refunds", "protects repeat orders",
# "keeps users and advertisers on the platform", "turns a photo into a purchase", "so people
# keep ordering" (not "drives business value" nor "improves user satisfaction")
OUTCOME = re.compile(
    r"\b(?:fewer|less|more|lower|higher|reduces?|cuts?|raises?|lifts?|protects?|saves?|"
    r"avoids?|means)\b[^.;!?]{0,30}?\b(?:refunds?|returns|chargebacks|churn|retention|"
    r"conversions?|bookings|sign-?ups|complaints|support tickets|cancell?ations|renewals|"
    r"repeat (?:orders|visits|purchases|buyers|customers))\b"
    r"|\bkeeps?\s+(?:our\s+)?(?:users|customers|buyers|sellers|advertisers|creators|members|"
    r"shoppers|riders|drivers)\b(?:\s+and\s+\w+)?(?!\s+(?:happy|safe|engaged|satisfied|"
    r"informed|interested))"
    r"|\b(?:turns?|turning|converts?)\s+[\w\s']{1,30}?\s+into\s+(?:an?\s+)?(?:purchases?|"
    r"sales?|orders?|bookings?|revenue)\b"
    r"|\bkeep\s+(?:ordering|buying|coming back|shopping|booking|listening|watching|posting)\b"
    r"|\brevenue from\s+(?:\w+\s+)?(?:shoppers|users|customers|people|buyers|sellers)\b"
    # people's time or effort saved: "saving even two keystrokes per search", "cuts a
    # minute off each call"
    r"|\b(?:sav(?:e|es|ing)|cuts?|cutting)\s+(?:[\w-]+\s+){0,3}?(?:keystrokes|clicks|taps|"
    r"seconds|minutes|hours|days|steps|trips|calls)\b"
    # a result people act on, raised: "improves result clicks", "more completed trips"
    r"|\b(?:improves?|raises?|lifts?|increases?|boosts?|more)\s+(?:[\w-]+\s+)?(?:clicks|"
    r"completed trips|finished trips|sales|purchases|revenue)\b"
    # the outcome said first and then which way it moves: "so conversion from visual search
    # goes up", "sales rise", "churn drops"
    r"|\b(?:conversions?|sales|revenue|bookings|purchases|orders|retention|renewals|"
    r"sign-?ups)\b[^.;!?]{0,30}?\b(?:(?:goes|go|went)\s+up|rises?|rose|grows?|grew|increases?|"
    r"climbs?)\b"
    r"|\b(?:churn|refunds|returns|chargebacks|complaints|cancell?ations)\b[^.;!?]{0,30}?\b"
    r"(?:goes down|go down|went down|drops?|dropped|falls?|fell|shrinks?)\b"
    rf"|{RETURN.pattern}"
)
# Where the examples and their labels come from: "the click logs", "the trust team's past
# decisions", "posts moderators have already labelled", "user reports", "user spam reports"
SOURCE = re.compile(
    r"\b(?:click|search|query|order|purchase|view|watch|listening|server|event|access|chat|"
    r"call|transaction|app|audit|moderation|support|return|refund)\s+(?:logs?|histor(?:y|ies)|"
    r"records)\b"
    r"|\b(?:past|previous|historical|earlier)\s+(?:\w+\s+)?(?:decisions|verdicts|rulings|"
    r"takedowns|labels)\b"
    r"|\b(?:user|customer|buyer|seller|reader|member)s?\s+(?:(?:spam|abuse|fraud|scam|"
    r"phishing|junk)\s+)?(?:reports|flags|complaints)\b"
    r"|\b(?:labell?ed|tagged|marked|flagged|reviewed)\s+by\s+(?:\w+\s+){0,2}(?:moderators|"
    r"reviewers|annotators|raters|analysts|agents|experts|investigators|users)\b"
    r"|\b(?:moderators|reviewers|annotators|raters|analysts|investigators)\s+(?:have\s+)?"
    r"(?:already\s+)?(?:labell?ed|tagged|marked|reviewed|decided)\b"
)
# Position bias said plainly: "things at the top get clicked just because they are on top",
# "people book the first hotel only because it is first" (what the click labels are worth,
# and what the data must correct for)
ON_TOP = re.compile(
    r"\b(?:click\w*|bought|buy|book\w*|chosen|picked|tapped|watched|opened)\b[^.;!?]{0,30}?"
    r"\b(?:just|only|simply|mostly|partly)\s+because\s+(?:they|it|those|these)\s*(?:are|is|"
    r"were|was|'re|'s|sit|sits|appear\w*|show\w*|come|comes|came)\s+(?:shown\s+)?(?:on top|"
    r"at the top|first|higher|high up|near the top|above)\b"
)
# Whose task it was, said plainly: "i was the one who had to rebuild the forecast", "the
# launch decision was mine"
OWNS = re.compile(
    r"\bi was the one (?:who|that|to)\b|\bi'm the one (?:who|that)\b"
    r"|\b(?:decision|call|choice|sign off|sign-off) (?:was|were) (?:mine|on me|my call)\b"
    r"|\b(?:it|that|this) (?:was|fell) (?:on|to) me\b|\bwas (?:all )?(?:up|down) to me\b"
)
# How predictions reach people, said without serving words: "the estimates are written every
# night into the catalogue, and the website just shows them", "we write the tracks into a
# table the app reads", "compute it in the background and keep it in Redis", "we send it to
# the team that owns the metric via Slack or PagerDuty"
_PREDICTED = (
    r"(?:estimates?|guess(?:es)?|predictions?|scores|prices|recommendations|suggestions|forecasts?|"
    r"rankings?|playlists?|tracks|picks|results|flags|warnings)"
)
_STORE = (
    r"(?:catalogu?e|table|database|db|cache|key[- ]value store|redis|memcached|dynamo\w*|"
    r"cassandra|bigtable|index)"
)
DELIVERED = re.compile(
    # the front end reads what was put there: "the website just shows them"
    r"\b(?:app|apps|website|web site|site|web page|page|phone|phones|front ?end|"
    r"screen|browser|tablet|tablets|kiosk|terminal)\s+(?:then\s+|just\s+|simply\s+|only\s+|can\s+|will\s+|would\s+)*"
    r"(?:reads?|shows?|displays?|looks? up|fetch(?:es)?|pulls?|picks? up|loads?|renders?)\b"
    # what people are shown, where they see it: "the sizes show on the booking page as soon
    # as they type their details", "the list shows up in the staff inbox"
    r"|\b(?:shows?|show up|appears?|pops? up|(?:is|are|gets?) (?:shown|displayed))\s+(?:up\s+)?"
    r"(?:on|in)\s+(?:the|their|our|a)\s+(?:[\w'-]+\s+){0,2}(?:page|screen|app|site|website|feed|"
    r"inbox|checkout)\b"
    # the predictions are written into a store: "estimates are written to the catalogue"
    rf"|\b{_PREDICTED}\s+(?:\w+\s+){{0,4}}?(?:are|is|get|gets|go|goes)\s+(?:\w+\s+)?(?:written|"
    r"stored|pushed|loaded|cached|published|put|sent)\b"
    rf"|\b(?:write|writes|wrote|store|stores|save|saves|push|pushes|load|loads|cache|caches|"
    rf"publish|publishes)\s+(?:the\s+|our\s+|these\s+|each\s+)?(?:[\w-]+\s+){{0,3}}?{_PREDICTED}"
    rf"\b[^.;!?]{{0,40}}?\b(?:into|to|in)\s+(?:the\s+|a\s+|our\s+)?(?:[\w-]+\s+)?{_STORE}\b"
    # computed ahead and kept where a request finds it: "keep it in Redis", "keep it ready"
    r"|\b(?:keep|keeps|kept|store|stores|cache|caches|hold|holds|put|puts)\s+(?:it|them|the\s+"
    r"[\w-]+(?:\s+[\w-]+)?)\s+(?:in\s+(?:redis|memcached|memory|a cache|the cache|a key[- ]value "
    r"store)|ready)\b"
    r"|\bcompute[sd]?\s+(?:it|them|the\s+[\w-]+)\s+(?:in the background|ahead of time|in advance|"
    r"beforehand|up front)\b"
    # a result sent to the people who act on it, over a channel they read
    r"|\b(?:send|sends|sent|route|routes|routed|deliver|delivers|delivered|post|posts|notify|"
    r"notifies)\b[^.;!?]{0,60}?\b(?:via|through|over|by|on|in|to)\s+(?:a\s+|the\s+)?(?:slack|"
    r"pagerduty|pager duty|e-?mail|sms|text messages?|push notifications?|opsgenie|webhooks?)\b"
)
# Serving said as work done ahead of the request, in everyday words: "it must answer in
# like 200 milliseconds, so the features of products we compute before, at night, and only
# the query features live", "the lists are made the night before and the app only looks
# them up" (precomputed or batch scoring is how predictions reach people within a budget,
# however plain its words). What is computed ahead must be set against what happens when
# the request comes or how fast it must be: "every night we compute the features from the
# day's logs" alone is the pipeline's schedule.
_AHEAD_VERB = (
    r"(?:pre-?comput\w*|pre-?calculat\w*|pre-?rank\w*|pre-?scor\w*|comput(?:e|es|ed|ing)|"
    r"calculat(?:e|es|ed|ing)|prepar(?:e|es|ed|ing)|scor(?:e|es|ed|ing)|rank(?:s|ed|ing)?|"
    r"generat(?:e|es|ed|ing)|build(?:s|ing)?|built|mak(?:e|es|ing)|made|work(?:s|ed|ing)? out|"
    r"produc(?:e|es|ed|ing))"
)
_AHEAD_WHEN = (
    r"(?:before(?:hand)?(?=\s*(?:[,.;:]|$|and\b))|beforehand|ahead(?: of time)?|in advance|"
    r"up front|upfront|at night|overnight|the night before|(?:every|each) night|nightly|"
    r"in (?:a |the )?(?:nightly |daily |hourly )?batch(?:es)?|before (?:any|the|a|each)"
    r" (?:request|query|search|visit)|before (?:anyone|someone|somebody|they|users?|people|"
    r"customers?) (?:asks?|searches|opens?|comes?|visits?|logs? in))"
)
_AT_REQUEST = (
    r"(?:\blive\b|at (?:request|query|search|serving) time|per request|on the fly|in real[- ]time|"
    r"\b(?:when|once|as soon as)\s+(?:a|the|someone|somebody|anyone|a user|the user|users|"
    r"people|they|customers?|shoppers?|viewers?)\s+(?:\w+\s+)?(?:search|searches|opens?|asks?|"
    r"comes?|visits?|logs? in|types?|loads?|clicks?|requests?|arrives?)\b|"
    r"\b\d+\s*(?:ms|milliseconds?)\b|milliseconds|\blatency\b|(?:not|never|doesn't|don't) "
    r"(?:have to )?wait|\blook(?:s|ed|ing)? (?:it |them |these |those )?up\b|\binstant(?:ly)?\b|"
    r"fast enough|(?:is|are) (?:already )?ready)"
)
COMPUTED_AHEAD = re.compile(
    rf"^(?=[^.;!?]*?{_AT_REQUEST})[^.;!?]*?(?:\b{_AHEAD_VERB}\b[^.;!?]{{0,50}}?\b{_AHEAD_WHEN}"
    rf"|\b{_AHEAD_WHEN}[^.;!?]{{0,30}}?\b{_AHEAD_VERB}\b|\bpre-?comput\w*|\bpre-?calculat\w*)"
)
# Inputs worked out on a schedule or as data flows in, said without pipeline words: "each
# night we go through the loan records and work out the place in the line…", "every minute
# we count, for each area, people waiting…", "for every number we keep, as the data flows
# in, what it usually looks like" (not a model retrained, nor a check on how it does)
_WHEN = (
    r"(?:(?:every|each)\s+(?:night|day|morning|evening|hour|minute|second|week|month|few\s+"
    r"(?:seconds|minutes|hours)|(?:\w+\s+)?(?:seconds|minutes|hours|days)|(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|weekday|weekend)(?:\s+(?:night|morning|"
    r"evening|afternoon))?)|once\s+(?:a|an|per|"
    r"every)\s+(?:day|night|hour|minute|week)|nightly|hourly|as\s+(?:the\s+)?(?:new\s+)?[\w-]+\s+"
    r"(?:flows?|streams?|comes?|arrives?|lands?)\s+in)"
)
_WORKS_OUT = (
    r"(?:count|counts|compute|computes|calculate|calculates|work out|works out|go through|goes "
    r"through|go over|goes over|pick up|picks up|add up|adds up|sum up|aggregate|aggregates|"
    r"update|updates|refresh|refreshes|collect|collects|gather|gathers|keep|keeps|take|takes|"
    r"add|adds|extract|extracts|recount|recounts)"
)
SCHEDULED = re.compile(
    r"^(?![^.;!?]*\b(?:model|models|retrain\w*|alert\w*|monitor\w*|dashboards?|drift|checks?|"
    # (nor groups compared: "compare how many keep coming back each week" is a measure)
    r"misses|mistakes|errors?|wrong|reads?|shows?|displays?|compare[sd]?|comparing)\b)[^.;!?]*?"
    rf"(?:\b{_WHEN}\b[^.;!?]{{0,40}}?\b(?:we|i|it|they|a job|the job|the system)\s+(?:\w+\s+)?"
    rf"{_WORKS_OUT}\b|\b{_WORKS_OUT}\b[^.;!?]{{0,60}}?\b{_WHEN}\b)"
)
# What happens to a request when it comes in: "when a user uploads a photo, we compute its
# embedding and find the nearest products", "as soon as a shopper sends a picture, the
# service encodes it and looks up the closest items", "each time a payment request comes
# in, the service looks up the card's counts and scores it" (how a prediction reaches the
# user, live, however much the sentence also says of the model or the features; not what
# is done with what users do afterwards: "when a user clicks, we log it and update counts")
_ASKER = (
    r"(?:(?:a|the|each|every|any|our)\s+(?:new\s+)?(?:user|shopper|customer|buyer|member|"
    r"listener|viewer|rider|driver|player|person|visitor|seller|client|patient|caller|agent)|"
    r"someone|somebody|anyone|they|users|people|customers|shoppers|buyers)"
)
_ASKS = (
    r"(?:uploads?|sends?|submits?|searche?s?|types?|opens?|takes?|snaps?|asks?|requests?|taps?|"
    r"pays?|checks? out|books?|scans?|enters?|speaks?|says?|points?)"
)
_COMES_IN = (
    r"(?:(?:a|an|the|each|every)\s+(?:new\s+)?(?:[\w-]+\s+)?(?:request|query|search|photo|"
    r"image|picture|payment|transaction|order|message|email|question|prompt|call)\s+"
    r"(?:comes in|arrives|hits (?:the|our) \w+|is (?:made|sent|submitted|uploaded)))"
)
_ANSWERS = (
    r"(?:comput(?:e|es)|embeds?|encodes?|scores?|looks? up|finds?|fetch(?:es)?|retrieves?|"
    r"ranks?|re-?ranks?|classif(?:y|ies)|predicts?|match(?:es)?|turns? it|converts? it|"
    r"runs? (?:it|the)|search(?:es)? (?:the|our|for)|quer(?:y|ies) (?:the|our))"
)
REQUESTED = re.compile(
    rf"\b(?:when|once|as soon as|each time|every time|whenever|the moment)\s+(?:{_ASKER}\s+"
    rf"(?:\w+\s+)?{_ASKS}|{_COMES_IN})\b[^.;!?]{{0,80}}?\b(?:we|i|it|the\s+[\w-]+|our\s+"
    rf"[\w-]+)\s+(?:(?:first|then|just|only|quickly|immediately)\s+)?{_ANSWERS}\b"
    r"|\bat (?:request|query|search|serving|inference|payment|checkout) time\b"
    rf"[^.;!?]{{0,60}}?\b{_ANSWERS}\b"
)
LEADS = {"deployment": (COMPUTED_AHEAD, REQUESTED), "constraints": (LATENCY_BUDGET,)}
"""Phrases that make a stage one of the main stages of the sentence that says them, beside
whatever else it is read as: work computed ahead for requests that come later is serving,
however much the sentence also says of the features or the latency budget; and a latency
budget is a constraint, however much the sentence says of how the model is served ("I
would serve the ranker behind an API with a fifty millisecond budget…")."""
FLOORS = {
    "constraints": (VOLUME,),
    "data": (EXAMPLES, ON_TOP),
    "monitoring": (TRIGGER, REVIEWED),
    "metrics": (TRIED_OUT,),
    "model": (EMBEDDED, BOOSTED, LEARNED, WEIGHTED_SUM),
    "impact": (RETURN,),
    "pipeline": (SCHEDULED,),
    "deployment": (DELIVERED,),
    "example": (TURNED_OUT,),
}
"""Stages a phrase of this shape speaks for, however the sentence is worded around it;
and (:func:`stage_floors`) a story's result measured against where it started, a lesson
said with how the teller works now, and a task said as whose it was."""
CONCRETE_PHRASES = {
    "constraints": (VOLUME,),
    "monitoring": (TRIGGER, WATCHED, REVIEWED),
    "metrics": (TRIED_OUT,),
}
"""...and of those, the phrases that describe their stage: a figure, or a rule with its line
("positives are…" may only name the examples), or what is watched."""
# How a prediction reaches the user, said as what happens to each new item: "when a new
# review comes in we score it", "each photo is embedded as it arrives"
LIVE = re.compile(
    r"\b(?:when|once|as soon as|each time|every time|whenever)\s+(?:a|an|the|each|every)\s+"
    r"(?:new\s+)?[\w-]+\s+(?:comes in|arrives|is (?:posted|uploaded|submitted|sent|placed|"
    r"created|made))\b[^.;!?]{0,30}?\b(?:score|scores|embed|embeds|classify|classifies|check|"
    r"checks|rank|ranks|predict|predicts|run|runs)\b"
)
# A measure defined as a rate of what happens: "the share of playlist tracks that get saved
# or played to the end", "the fraction of alerts the team marks as real"
RATE = re.compile(
    r"\b(?:share|fraction|percentage|proportion)\s+of\s+(?:(?:the|our|all)\s+)?(?:[\w'-]+\s+)"
    r"{1,4}?(?:that|who|which|where|whose|we|the\s+\w+|they|users|people)\s+\w+"
)
# A measure defined as a count per unit of what is shown or who is served: "accepted
# invitations per member", "bookings per thousand searches" (a number one computes)
PER_UNIT = re.compile(
    r"\b[\w-]+s\s+per\s+(?:(?:a|one|each|every)\s+)?(?:thousand\s+|hundred\s+|million\s+)?"
    r"(?:[\w-]+\s+)?(?:members?|users?|customers?|sessions?|searche?s?|quer(?:y|ies)|visitors?|"
    r"viewers?|listeners?|sellers?|buyers?|drivers?|riders?|shoppers?|accounts?|impressions?|"
    r"suggestions?|recommendations?|visits?|orders?|emails?|messages?|notifications?|alerts?|"
    r"views?|ads?|posts?)\b"
)
ANSWERING_PHRASES = {
    "impact": (OUTCOME,),
    "metrics": (RATE, PER_UNIT, TRIED_OUT),
    "data": (SOURCE,),
    "monitoring": (WATCHED, REVIEWED),
    "deployment": (LIVE, DELIVERED, REQUESTED),
    "pipeline": (SCHEDULED,),
    "model": (BOOSTED, WEIGHTED_SUM),
}
"""Phrases that answer what a stage's "named" feedback asks for (which outcome, where the
labels come from, what is watched, how a prediction reaches the user): a sentence on the
stage that says one describes it, in however few words of its own ("That protects trust
and repeat orders.")."""
FLOOR_STRENGTH = 1.8
"""What such a phrase alone gives its stage: a floor, not a bonus (a sentence already on
the stage by its own cues, and the stages it serves beside them, stay as they read)."""

OPENER_STRENGTH = 2.0
"""A sentence that opens by naming its stage ("For data, …") says which stage it is on."""
OPENED_SHARE = 0.45
"""...and no other stage reads at more than this share of it there (under the share a
sentence needs to speak for a stage beside its main one)."""


def _alternatives(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(phrases, key=len, reverse=True))


def topic_opener(topics: Sequence[str], leads: Sequence[str] = ()) -> re.Pattern[str] | None:
    """A sentence's opening that names one of ``topics`` as what comes next: "For data,",
    "On the serving side,", "In terms of latency,", "Data-wise,", "Monitoring:" (said
    without the comma, "for features you'd have…"), or a
    short heading ending in a colon ("What counts as success:"). A topic in a sentence's
    subject ("Data scientists label…", "For data scientists, …") is not an opening.
    The topic said as a sentence of its own ("Constraints.", "One tradeoff.") is one too,
    and so is one of ``leads`` before a comma or a colon, or said alone ("To sum up: …",
    "That's roughly the system.")."""
    if not topics and not leads:
        return None
    names = _alternatives(topics) or r"(?!)"
    led = rf"|(?:{_alternatives(leads)})\s*(?:[,:.—-]|$)" if leads else ""
    lead = (
        r"^(?:(?:so|and|ok|okay|now|then|next|well|right|alright|overall|um|uh|i think)"
        r"[,]?\s+)*"
    )
    about = (
        r"(?:(?:for|on|about|regarding|as for|as to|in terms of|when it comes to|moving on to|"
        r"turning to|coming to|as far as)\s+)"
    )
    topic = rf"(?:the\s+|our\s+)?(?:{names})"
    tail = r"(?:\s+(?:side|part|front|piece|stage|goes|is concerned|itself)|-?wise)?"
    # said without the comma: "for features you'd have…", "for the model itself i'd…"
    speaker = r"\s+(?:i|we|you|i'd|we'd|you'd|i'll|we'll|you'll|i'm|we're|let's|let me)\b"
    return re.compile(
        lead
        + rf"(?:{about}{topic}{tail}(?:\s*[,:—-]|{speaker})|{topic}{tail}\s*:|{topic}-?wise\s*,"
        # a heading, but not a time ("after launch:" opens what is watched once it is live)
        + rf"|(?!(?:after|before|once|until|during|post)\b)(?:\w+[\s']+){{0,4}}(?:{names})\s*:"
        # the first of two in a heading: "Pipeline and model: a cheap first stage…"
        + rf"|(?:\w+\s+)?{topic}\s+(?:and|&)\s+(?:[\w'-]+\s+){{0,2}}[\w'-]+\s*:"
        # the topic said as a sentence of its own: "Constraints.", "One tradeoff."
        + r"|(?:(?:one|a|the|another|first|second|next|last|final|my)\s+)?"
        + rf"{topic}{tail}\s*[.!]?\s*$"
        + led
        + ")"
    )


def stage_openers(rubric: Rubric) -> dict[str, re.Pattern[str]]:
    """Each stage's :func:`topic_opener` (stages with no topic and no lead have none)."""
    return {s.id: rx for s in rubric.stages if (rx := topic_opener(s.topics, s.leads)) is not None}


def opened_stage(openers: dict[str, re.Pattern[str]], text: str) -> str | None:
    """The stage ``text`` opens by naming ("Data-wise, …", "For monitoring, …")."""
    return next(iter(opened_stages(openers, text)), None)


def opened_stages(openers: dict[str, re.Pattern[str]], text: str) -> tuple[str, ...]:
    """Every stage ``text`` opens by naming: one, or two in one heading ("Pipeline and
    model: a cheap first stage on every post, …" is on both)."""
    opening = text.lower().replace("’", "'").lstrip(" \"'(")
    return tuple(stage for stage, rx in openers.items() if rx.match(opening))


def stage_floors(rubric: Rubric) -> list[tuple[str, re.Pattern[str]]]:
    """The phrases each stage of ``rubric`` is spoken for by, however the sentence is
    worded around them: :data:`FLOORS` by stage id, and by what a stage asks for ("We
    passed the audit with zero findings, down from three, and Tom and I co-own the model
    card now" is a result, whatever else the sentence says; "I do that on every project
    now" a lesson carried into practice; "i was the one who had to rebuild it" a task)."""
    out = [(k, rx) for k, found in FLOORS.items() if k in rubric.stage_ids for rx in found]
    for st in rubric.stages:
        if st.measured_change:
            out.append((st.id, CHANGE))
        if st.practice_change:
            out.append((st.id, PRACTICE))
        if st.stakes:
            out.append((st.id, OWNS))
        if st.deeds:
            out.append((st.id, DEED))
    return out


class CueScorer:
    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        cues = {s.id: list(s.cues) for s in rubric.stages}
        if "model" in cues:  # naming a model family is talking about the model
            cues["model"] += rubric.model_names
        self.index = CueIndex(cues)
        self.openers = stage_openers(rubric)
        self.floors = stage_floors(rubric)
        ids = rubric.stage_ids
        self.leads = [(k, rx) for k, found in LEADS.items() if k in ids for rx in found]

    def floor(self, row: dict[str, float], text: str) -> None:
        """Raise ``row`` to :data:`FLOOR_STRENGTH` on each stage a phrase in ``text`` speaks for,
        and to one of its main stages where a phrase of :data:`LEADS` says it."""
        low = text.lower().replace("’", "'")
        for stage, rx in self.floors:
            if rx.search(low):
                row[stage] = max(row.get(stage, 0.0), FLOOR_STRENGTH)
        for stage, rx in self.leads:
            if rx.search(low):
                top = max(row.values(), default=0.0)
                row[stage] = max(row.get(stage, 0.0), FLOOR_STRENGTH, SERVES_SHARE * top)

    def opened(self, text: str) -> tuple[str, ...]:
        return opened_stages(self.openers, text)

    def score(self, segments: Sequence[Segment], floored: bool = True) -> list[dict[str, float]]:
        """Cue strengths per sentence; ``floored``: with :data:`FLOORS` applied (a scorer
        that adds more to the rows applies them after it)."""
        out = []
        weighs = "tradeoffs" in self.rubric.stage_ids
        for seg in segments:
            hits = self.index.hits(seg.text)
            row = {stage: sum(cue_weight(c) for c in cues) for stage, cues in hits.items()}
            for stage in self.opened(seg.text):
                row[stage] = row.get(stage, 0.0) + OPENER_STRENGTH
            if weighs and WEIGHING.search(seg.text.lower()):
                row["tradeoffs"] = row.get("tradeoffs", 0.0) + WEIGHING_STRENGTH
            if floored:
                self.floor(row, seg.text)
            out.append(row)
        return out

    def read(self, segments: Sequence[Segment]) -> StageReadings:
        """Cues are read sentence by sentence; on its own, an answer is read with the
        question it answers."""
        rows = self.score(segments)
        starts = answered_questions(segments, rows)
        quoted = [
            _as_segment(own_words(quote_text(segments, start, k))) for k, start in enumerate(starts)
        ]
        return StageReadings(rows, self.score(quoted), starts)


class EmbeddingScorer:
    """Cues plus sentence meaning: catches stages said in words no cue list holds
    ("how will we know it works" is a metrics sentence without a metric name).

    With a trained head for the rubric, each stage gets a probability per
    sentence; without one, similarity to the rubric's example phrasings stands
    in. A sentence adds ``embedding_weight`` x probability to a stage once the
    probability reaches the head's own ``min_probability`` (``min_probability`` here, for
    similarity).
    The system-design head is trusted from lower down (0.4) than similarity: plainly
    worded sentences then reach their stage, and depth still asks them for specifics.
    The story and explanation heads, trained on fewer answers, from higher up.
    """

    embedding_weight = 2.0
    min_probability = 0.6
    sim_floor, sim_ceiling = 0.30, 0.45
    top_margin = 0.02

    def __init__(self, rubric: Rubric, embedder: Embedder, head: StageHead | None) -> None:
        self.rubric = rubric
        self.cues = CueScorer(rubric)
        self.embedder = embedder
        self.head = head
        self._substance = SubstanceReader(
            "",
            stage_labels(rubric.stages),
            rubric.measure_names,
            rubric.model_names,
            stakes_are_general="model" in rubric.stage_ids,
        )
        self._prototypes: np.ndarray | None = None
        self._owners: list[int] = []

    @property
    def method(self) -> str:
        return "cues+minilm" + ("" if self.head else "-prototypes")

    def probabilities(self, segments: Sequence[Segment], *, alone: bool = False) -> np.ndarray:
        return self._probabilities(self.embedder.embed([s.text for s in segments]), alone)

    def _probabilities(
        self, vectors: np.ndarray, alone: bool, texts: Sequence[str] = ()
    ) -> np.ndarray:
        """``texts``: the sentences read in context, of which those that serve no stage
        (:func:`serves_no_stage`) lend their neighbours nothing."""
        prototypes = self._prototype_vectors()
        if self.head is not None:
            quiet = np.array([serves_no_stage(self._substance.read(t), t) for t in texts])
            probs = self.head.probabilities(
                vectors, alone=alone, quiet=quiet if len(texts) else None
            )
            # "I really like going to the beach on weekends": a head knows only which
            # stage a sentence is closest to, and one about nothing in the rubric is
            # still closest to some stage
            floor = RELATED_FLOORS.get(self.rubric.id)
            if floor is None:
                return probs
            nearest = np.sort(vectors @ prototypes.T, axis=1)[:, -RELATED_NEAREST:]
            return probs * (nearest.mean(axis=1) >= floor)[:, None]
        sims = vectors @ prototypes.T
        owners = np.array(self._owners)
        best = np.zeros((len(vectors), len(self.rubric.stages)))
        for k in range(len(self.rubric.stages)):
            top = np.sort(sims[:, owners == k], axis=1)[:, -2:]
            best[:, k] = top.mean(axis=1)
        # zero-shot similarity is noisy: only the stage a sentence is closest to (or within a
        # hair of it) gets credit, scaled by how close it is in absolute terms
        near_top = best >= best.max(axis=1, keepdims=True) - self.top_margin
        scaled = np.clip((best - self.sim_floor) / (self.sim_ceiling - self.sim_floor), 0, 1)
        return np.where(near_top, scaled, 0.0)

    def _prototype_vectors(self) -> np.ndarray:
        """The rubric's example phrasings of its stages, embedded (once)."""
        if self._prototypes is None:
            texts, owners = [], []
            for k, st in enumerate(self.rubric.stages):
                for t in [*st.phrasings, *st.good]:
                    texts.append(t)
                    owners.append(k)
            self._prototypes = self.embedder.embed(texts)
            self._owners = owners
        return self._prototypes

    def score(self, segments: Sequence[Segment]) -> list[dict[str, float]]:
        if not segments:
            return []
        texts = [s.text for s in segments]
        vectors = self.embedder.embed(texts)
        # the clauses too, while the answer is spoken: read() at the stop finds them done
        pieces = [c for s in segments for c in clauses(s.text)]
        if pieces:
            self.embedder.embed(pieces)
        return self._rows(
            self.cues.score(segments, floored=False),
            self._probabilities(vectors, False, texts),
            texts,
        )

    def read(self, segments: Sequence[Segment]) -> StageReadings:
        if not segments:
            return StageReadings([], [])
        own = [s.text for s in segments]
        vectors = self.embedder.embed(own)
        cues = self.cues.score(segments, floored=False)
        in_context = self._rows(
            [dict(r) for r in cues], self._probabilities(vectors, False, own), own
        )
        alone = in_context
        if self.head is not None and self.head.neighbours:
            alone = self._rows([dict(r) for r in cues], self._probabilities(vectors, True), own)
        starts = answered_questions(segments, alone)
        # an answer is read with the question it answers, as it is quoted; a sentence
        # that reads out an example in quotation marks, without the example
        paired = [
            k
            for k, start in enumerate(starts)
            if start != k or own_words(segments[k].text) != segments[k].text
        ]
        if not paired:
            return self._with_clauses(
                segments, StageReadings(in_context, [dict(r) for r in alone], starts)
            )
        texts = [own_words(quote_text(segments, starts[k], k)) for k in paired]
        quoted = self.embedder.embed(texts)
        rows = self._rows(
            self.cues.score([_as_segment(t) for t in texts], floored=False),
            self._probabilities(quoted, True),
            texts,
        )
        alone = [dict(r) for r in alone]
        for k, row, text in zip(paired, rows, texts, strict=True):
            # nothing left but "…like" once the example is read out: no words of its own
            alone[k] = row if len(text.split()) >= MIN_WORDS else {}
        return self._with_clauses(segments, StageReadings(in_context, alone, starts))

    def _with_clauses(self, segments: Sequence[Segment], read: StageReadings) -> StageReadings:
        """``read``, with the stages each sentence's clauses are about and describe:
        "Thirty unheard songs a week for two hundred million listeners is a ranking
        problem we can run as a weekend batch; nobody waits on it live" frames the task
        and states its limits. Concise answers say two stages a sentence."""
        owner, texts = [], []
        for i, seg in enumerate(segments):
            for clause in clauses(seg.text):
                owner.append(i)
                texts.append(clause)
        if not texts:
            return read
        rows = self._rows(
            self.cues.score([_as_segment(t) for t in texts], floored=False),
            self._probabilities(self.embedder.embed(texts), True),
            texts,
        )
        said: list[set[str]] = [set() for _ in segments]
        spoken: list[set[str]] = [set() for _ in segments]
        for i, row, text in zip(owner, rows, texts, strict=True):
            spoken[i].update(k for k in row if serving(row, k))
            if not row or not self._substance.read(text).described:
                continue
            stage = max(row, key=lambda k: row[k])
            if row[stage] >= CLAUSE_STRENGTH:
                said[i].add(stage)
        return replace(
            read,
            clauses=[frozenset(x) for x in said],
            clause_stages=[frozenset(x) for x in spoken],
        )

    def _rows(
        self, out: list[dict[str, float]], probs: np.ndarray, texts: Sequence[str]
    ) -> list[dict[str, float]]:
        """The cue strengths ``out``, plus each probability from the floor up. A sentence
        that weighs an option against its cost speaks for the tradeoffs as one of its
        main stages, however much it also says of the model it weighs."""
        ids = self.rubric.stage_ids
        floor = self.min_probability if self.head is None else self.head.min_probability
        weighs = "tradeoffs" in ids
        for row, p, text in zip(out, probs, texts, strict=True):
            cued = {k for k, v in row.items() if v > 0}  # by the rubric's own words
            for k, stage in enumerate(ids):
                if p[k] >= floor:
                    row[stage] = row.get(stage, 0.0) + self.embedding_weight * float(p[k])
            named = [k for k in self.cues.opened(text) if row.get(k, 0.0) > 0]
            if named:
                # "Data-wise, the strongest signals are hours watched and how that's
                # trending": the sentence said which stage it is on (or which two)
                cap = OPENED_SHARE * min(row[k] for k in named)
                for k in row:
                    if k not in named:
                        row[k] = min(row[k], cap)
            if weighs and WEIGHING.search(text.lower()):
                row["tradeoffs"] = max(row.get("tradeoffs", 0.0), SERVES_SHARE * max(row.values()))
            self.cues.floor(row, text)
            _scale_not_impact(row, text, cued)
        return out


# Who a design's mistakes reach, or what they cost: "someone leaves without buying",
# "sellers whose income depends on being found", "stale ones frustrate buyers"
AFFECTED = re.compile(
    r"\b(?:users?|customers?|buyers?|sellers?|shoppers?|people|person|someone|somebody|"
    r"members?|riders?|drivers?|viewers?|listeners?|advertisers?|creators?|patients?|"
    r"visitors?|readers?|students?|employers?|income|money|revenue|profits?|sales|"
    r"frustrat\w*|annoy\w*|upset\w*|angry|unhappy|harm\w*|hurts?|leaves?|leaving|quit\w*)\b"
)


def _scale_not_impact(row: dict[str, float], text: str, cued: set[str]) -> None:
    """A sentence that states how big the problem is ("There are millions of jobs and each
    posting lives only a few weeks, so cold start on new jobs matters a lot.") reads to
    the sentence model as the impact, for what matters; it states a limit the design
    lives within. The impact stays where the sentence also names it (a cue word: "worth
    millions", "trust"), says which outcome moves ("so fewer shoppers churn"), or, beside
    the scale, says whom it reaches or what it costs ("With 200 million users, every bad
    match means someone leaves without buying")."""
    if "impact" not in row or "impact" in cued or "constraints" not in row:
        return
    low = text.lower().replace("’", "'")
    scale = VOLUME.search(low)
    if scale is None or OUTCOME.search(low):
        return
    if not AFFECTED.search(low[: scale.start()] + " " + low[scale.end() :]):
        del row["impact"]


RELATED_NEAREST = 3
RELATED_FLOORS = {"ml-system-design": 0.18, "behavioral-star": 0.18}
"""A sentence whose meaning is on average no nearer than this (cosine) to its three
nearest example phrasings of the rubric is about something else, and the sentence model
credits it with no stage ("I really like going to the beach on weekends and my favourite
food is pizza with mushrooms" came out as problem framing, described). The floor keeps
6 in 1,000 of the hand-labelled development sentences that serve a design stage (none of
the stories') and turns away 17 of 25 sentences about hobbies, family and holidays
written to test it (16 for stories); the rubric's cue words in a sentence still count.
An explanation has none: its examples and analogies are about everyday things ("a pair
of road running shoes and a pair of trail shoes land right next to each other")."""

CLAUSE_WORDS = 5
"""A piece of a sentence this long may speak for a stage of its own..."""
CLAUSE_STRENGTH = 1.7
"""...when it reads this strongly as that stage (read alone, a short clause is often taken
for a stage it only touches: "Pure watch time pushes long videos…" for the constraints)."""
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|:|\s[—–-]\s|[,.]\s+(?=(?:so|and then|then|which means|but)\b))\s*", re.IGNORECASE
)
"""Where a sentence's clauses part; a full stop too, where the speech model wrote one in a
sentence said on ("…under a hundred milliseconds. So we'd keep the model small…")."""


def clauses(text: str) -> list[str]:
    """The clauses of a sentence, where it has more than one long enough to read."""
    parts = [p for p in _CLAUSE_BREAK.split(text) if p and len(p.split()) >= CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


def build_scorer(rubric: Rubric, embedder: Embedder | None = None) -> tuple[StageScorer, str]:
    """The best scorer available for ``rubric``, and its name for the report."""
    if embedder is None:
        return CueScorer(rubric), "cues"
    scorer = EmbeddingScorer(rubric, embedder, load_head(rubric.id, rubric.stage_ids))
    return scorer, scorer.method
