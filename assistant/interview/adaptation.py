"""Did the answer after a constraint change take it up, and change the design?

*Acknowledged*: the answer names the new requirement: one of its numbers ("30 ms",
"two a day"), a distinctive word of what the interviewer said ("fingerprinting", not
"longer" from "no longer"), a sentence that says the same in other words (by the
bundled sentence model), or an answer that, taken as a whole, is about this change
more than about any other change the question could have brought ("well under half
the time it had" is the 10 ms budget, not the privacy rule). *Revised*: a sentence
that is new compared with the earlier answers says how the design changes: a design
word the change calls for ("precompute", "cache") or a change of course ("instead",
"switch to", "drop", "ahead of time") that the earlier answers did not already have.
A sentence that keeps the affected parts ("the same model", "features as before",
"unchanged") revises nothing, and an answer that only says so is not revised,
whatever else it names; nor is a sentence that says the change back in its own words
("the bakery wants updated numbers through the day", "a cap of two a day"), nor a
promise to comply ("we would make sure it is fully compliant and talk to legal"). *Held*: an
answer that shows, with figures of its own set against the change's, that the design
already meets it ("within 300 ms is fine: the hash takes 40 ms, the lookup 20 ms")
needed no change; keeping the design then is an answer, not a miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.interview.clarify import asks_interviewer
from assistant.interview.spoken_numbers import (
    join_thousands,
    number_text,
    numbers_in,
    same_time,
    tightest_limit,
    times,
)
from assistant.report import AdaptationOut, Evidence, Report
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.embedder import Embedder
from assistant.scoring.structure.findings import first_words
from assistant.scoring.structure.substance import quantities
from prompts import ConstraintChange, Question

_STOP = set(
    "about after again against because before being below between could doing during every "
    "their there these those through under until while which would should where what with "
    "your yours from have that this will into just them they then than were been more most "
    "other some such only same very also each does only over both once here when".split()
)
GENERIC = set(
    "longer anymore allowed change changes changed requirement requirements design system "
    "model models features feature labels label data retrain retraining train training new "
    "now need needs using use used still going users people right things thing every month "
    "weeks week today tomorrow starting start says said team someone somebody anyone "
    "anybody everyone everybody something anything everything moment product".split()
)
"""Words any answer uses: hearing them says nothing about the change."""
_LABEL = re.compile(r"^(?:new requirement|new information|update|change)\s*:\s*", re.I)
_KEEP = re.compile(
    # "keep them away from the model" keeps something out of the design, not the design
    r"\b(?:(?:keep|keeping|kept|leave|leaving)\b(?:(?!\b(?:away|out|apart|separate|off)\b)[^.;])"
    r"{0,30}\b(?:same|as (?:it|they) (?:is|are|"
    r"was|were)|as is|as before|unchanged|everything|the design|the model|the features|it all)"
    # ...or what is kept named in many words, up to how it is kept: "keep the uploaded
    # address book features exactly as they are", not "…, as it is cheap"
    r"|(?:keep|keeping|kept|leave|leaving)\b[^.;,]{0,80}\b(?:as (?:it|they) (?:is|are|was|were)|"
    r"as is|as before|unchanged)(?=\s*(?:$|[,.;:!?]|(?:with|and|for|in|today|now|too)\b))"
    r"|same (?:model|models|features|feature set|design|pipeline|setup|approach|architecture|"
    r"as before|thing)|unchanged|as before|nothing (?:really )?changes|no change|doesn't change|"
    r"does not change|don't need to change|do not need to change|"
    r"stays (?:the same|as it was|as is)|stay the same|stays as it is|stay as they are|"
    r"(?:stay|stays|remain|remains) (?:exactly )?(?:as (?:it|they) (?:is|are|was|were)|as is|"
    r"the same|untouched)|"
    r"still holds|as planned|as we planned|like we planned|"
    r"(?:already )?(?:covers|handles) (?:it|that|this)|already (?:covers|handles)|"
    r"nothing (?:really )?(?:breaks|needs to change)|"
    r"(?:design|system|approach|architecture|plan|pipeline|it) (?:still )?(?:holds|hold) up|"
    r"(?:design|system|approach|architecture|plan) (?:still )?(?:holds|stands|works)|"
    r"(?:design|system|approach|architecture|plan) is (?:still )?fine|"
    r"(?:i'd|i would|we'd|we would) (?:not|n't) change|wouldn't change|no need to change|"
    r"nothing to change|stick with (?:the|my|our|what)|(?:i'd|i would|we'd|we would) keep (?:"
    r"tuning|going|doing|what))\b"
)
_KEEP_PARTS = re.compile(
    r"\b(?:keep|keeping|kept)\s+(?:(?!(?:only|just|away|out|off|from|apart|separate|fresh|"
    r"under|below|within|fewer|less|by|to|with|at)\b)[\w']+\s+){0,6}(?:features?|models?|"
    r"pipeline|design|setup|architecture|signals|embeddings)(?=\s*(?:$|[.;:!?]))"
)
"""The parts kept named, and nothing after them ("I'd keep the user id features."; not
"keep only…", "keep them away from the model", "…, and add cohort features")."""
_REASON = re.compile(r"\b(?:because|since|given that|so that)\b[^,;:]*")
"""A reason clause, up to the next comma: what it says changes or stays is about the
reason, not the design."""
_CHECKED = re.compile(
    r"\b(?:check|checking|watch|watching|make sure|ensure|see|verify|monitor|monitoring)\s+"
    r"(?:that|whether|if)\b[^,;:]*"
)
"""What the answer checks, up to the next comma: "we check that purchases per search stay
the same" guards a metric, it keeps nothing of the design."""
_CONTRAST = re.compile(r"\b(?:but|except|instead|apart from|other than|only change)\b")
_PARTLY = re.compile(
    r"\s+(?:a lot|much|very much|everything|all of it|the whole (?:thing|design))\b"
)
"""After "do not need to change": only some of the design changes ("…a lot", "…much")."""
_THEN = re.compile(r"\b(?:then|on top|in addition|additionally)\b")
"""After a part kept, what the answer goes on to do besides ("…as before, then put…")."""
_SHIFT = re.compile(
    r"\b(?:instead|rather than|replace|replaces|replaced|replacing|switch|switching|swap|"
    r"drop|dropping|remove|removing|exclude|excludes|excluding|leave out|leaving out|omit|"
    r"omitting|move to|moves to|moving to|move it|elsewhere|ahead of time|"
    r"beforehand|in advance|"
    r"precompute|precomputed|cache|cached|caching|fall back|fallback|lean on|lean more|rely "
    r"on|rely more|shrink|smaller|fewer|simpler|lighter|distil|distill|cut|reduce|lower|raise|"
    r"tighten|loosen|add|adding|introduce|substitute|only use|limit|cap|prioritise|"
    r"prioritize|rank by|"
    r"transfer|borrow|bootstrap|start with|start from|hold|holds|holding|held back|queue|"
    r"queues|queued|defer|defers|deferred|postpone|postpones|postponed)\b"
)
"""A change of course, in any words ("holds marketing notifications until morning")."""
_REFERRED = re.compile(
    r"(?:(?:^|[,;:]|\b(?:think|believe|feel|about|with|on|of|for|by|to|is|like|but|and|so))"
    r"\s*that|\b(?:this|these|your))\s+$"
)
"""Before a word of change of course, it names a thing said before ("I don't think that
cap is a good idea"), not a change the answer makes ("a rule that holds marketing
notifications until morning" does make one)."""
_DESIGNING = re.compile(
    r"\b(?:i'd|we'd|i would|we would|i will|we will|i'll|we'll|let's|we need to|we have to|"
    r"would have to|has to|have to|i'm going to|we're going to|i want to|we want to)\b"
)
"""A sentence that plans something; with enough specific words in it, it designs."""
_REFUSES = re.compile(
    r"\b(?:i|we) (?:(?:strongly |really |would |'d )?disagree|(?:don't|do not) (?:really )?agree|"
    r"(?:would|'d) push back)\b|\bi'd push back\b|\b(?:i|we) (?:wouldn't|would not|won't|will "
    r"not|shouldn't|should not) (?:do|make|accept|change) (?:that|it|this|anything|the change)\b|"
    r"\b(?:that|this|it) (?:won't|will not|wouldn't|would not) work\b|"
    # "I would argue against it with the product team", "mixing ads into search is a bad
    # idea", "I'd push back on that"
    r"\b(?:argue|argued|arguing|push|pushing|pushed|speak|speaking) (?:back )?against\b|"
    r"\bpush(?:ing)? back\b|\b(?:a|really|very) bad idea\b|\bnot a good idea\b"
)
"""An answer that turns the change down ("I disagree with that", "That won't work", "a
bad idea, I would argue against it")."""
_RELUCTANT = re.compile(
    r"\b(?:(?:would|'d) rather not|(?:don't|do not|wouldn't|would not) (?:really )?want to)\s+"
    r"(?:touch|change|redesign|rework|rebuild|mess with|tinker with)\b|"
    r"\b(?:wouldn't|would not|won't|will not|shouldn't|should not|'d not) (?:even )?touch\b|"
    r"\bleave (?:it|that|this|them|everything|things|the [\w-]+(?: [\w-]+)?) (?:alone|untouched)\b"
)
"""Reluctance to change what the change is about ("I would rather not touch it", "I'd leave
the index alone"): a refusal, unless the sentence goes on to change something ("…, so
instead I'd shrink the embeddings")."""
_MORE_OF = (
    r"(?:more|extra|additional|bigger|larger|a bigger|a larger)\s+(?:[\w-]+\s+){0,2}"
    r"(?:budget|money|funding|funds|memory|ram|machines?|servers?|hardware|gpus?|nodes|"
    r"instances|capacity|headcount|people|analysts|staff|reviewers|time|resources)\b"
)
_ASKS_MORE = re.compile(
    r"\b(?:ask|asks|asking|request|requests|requesting|push for|pushing for|lobby for|"
    r"lobbying for|fight for|argue for|go back to|going back to|beg|negotiate for)\b"
    rf"[^.;:]{{0,40}}?\b(?:{_MORE_OF}|(?:restore|raise|increase|reinstate|keep)\s+"
    r"(?:the |our |my |its )?(?:[\w-]+\s+)?(?:budget|money|funding|memory|fleet|team|headcount)\b)"
)
"""More of what the change cuts asked of someone else ("ask finance for more budget",
"push for more GPUs", "ask leadership to restore the budget")."""
_BUYS_MORE = re.compile(
    r"\b(?:buy|buying|add|adding|get|getting|pay for|paying for|spend|spending|rent|renting|"
    rf"hire|hiring|throw|use|using)\b[^.;:]{{0,20}}?\b{_MORE_OF}"
)
"""More of what the change cuts, bought ("we just buy more memory for it")."""
_CUT_CHANGE = re.compile(
    r"\b(?:cut|cuts|halved|halve|half|shrinks?|less|lower|costs? too much|too (?:high|"
    r"expensive|costly)|caps?)\b"
)
_RESOURCE = re.compile(
    r"\b(?:budget|cost|costs|bill|spend|memory|fleet|gpus?|team|analysts|money|machines|"
    r"servers)\b"
)
_GOES_ON = re.compile(r"\b(?:if|unless|otherwise|failing that|or else)\b")
"""After a refusal, the sentence goes on to what happens should it not be granted."""
_INSTEAD_TAIL = re.compile(
    r"^\s*(?:instead(?: of (?:\w+ing|that|it)\b[^,.;]*)?|rather than (?:\w+ing|that|it)\b"
    r"[^,.;]*)"
)
"""What closes a request for more ("…more budget instead", "…rather than touching it")."""


def limits_resources(change: ConstraintChange) -> bool:
    """``change`` cuts what the design may spend (a budget, a fleet, memory, a team) or
    the time it has, rather than bringing more load: asking for more of it in its place
    turns the change down."""
    said = number_text(spoken_change(change)).lower()
    cut = bool(_CUT_CHANGE.search(said) and _RESOURCE.search(said))
    return (cut or time_limit(change) is not None) and not load_change(change)


def _refusals(low: str, change: ConstraintChange | None) -> list[re.Match[str]]:
    """The places ``low`` (a sentence, lower case) turns the change down: "I disagree", a
    reluctance that goes on to change nothing, and, for a change that limits what the
    design may spend (:func:`limits_resources`), more of it asked for or bought in its
    place. "I would rather not touch the model, so instead I'd shrink the embeddings" and
    "we could ask for more budget, but I'd rather compress" change something."""
    found = list(_REFUSES.finditer(low))
    asks = [_ASKS_MORE, _BUYS_MORE] if change is not None and limits_resources(change) else []
    for pattern in (_RELUCTANT, *asks):
        for m in pattern.finditer(low):
            rest = _REASON.sub(" ", _ASKS_MORE.sub(" ", low[m.end() :]))
            rest = _INSTEAD_TAIL.sub(" ", rest)
            if not (_SHIFT.search(rest) or _CONTRAST.search(rest) or _GOES_ON.search(rest)):
                found.append(m)
    return found


def refuses(text: str, change: ConstraintChange | None = None) -> bool:
    """``text`` turns ``change`` down (see :func:`_refusals`)."""
    return bool(_refusals(text.lower(), change))


def _without_refusals(text: str, change: ConstraintChange | None) -> str:
    """``text`` (lower case) without the words that turn the change down or keep the
    design: what is left may give a reason."""
    out = text
    for m in sorted(_refusals(text, change), key=lambda m: -m.start()):
        out = out[: m.start()] + " " + out[m.end() :]
    return _KEEP.sub(" ", out)


_WE_DO = re.compile(r"\b(?:i|we)\s+(?!(?:think|guess|believe|feel|know|don't|do not)\b)\w+")
"""A sentence that says what the candidate does ("we put", "I rank"), in any tense."""
_PLANS = re.compile(rf"{_DESIGNING.pattern}|\b(?:instead|rather than)\b")
"""A sentence that says what the candidate would do ("I'd…", "Instead, …"), not what the
change would cause ("pushing unknown artists will raise skips")."""
_FILLER = set(
    "just like planned think okay sure fine understood really probably maybe still "
    "basically actually things thing stuff pretty good well also".split()
)
_GOING_ON = set("keep keeps keeping kept continue continues continuing still".split())
"""Words of going on as before ("I'd keep training on clicks"): no part of a plan."""
_ASSURING = re.compile(
    r"\b(?:make sure|ensure|ensures|ensuring|(?:check|checking|confirm|confirming|verify|"
    r"clarify|clear|clearing|talk|talking|speak|speaking|consult|consulting|work|working|sync|"
    r"syncing|meet|meeting|align|aligning|partner|partnering|loop|looping)(?: it| this| that| "
    r"everything| them| in)?(?: closely)? (?:with|to)|run (?:it|this|that|everything|them) "
    r"(?:past|by)|loop (?:\w+ ){0,2}in|sign(?:s|ed|ing)? off|get (?:their |an? )?(?:approval|"
    r"sign off|blessing|go ahead)|set up an? (?:meeting|call|review)|(?:before|at|after) "
    r"(?:launch|launching|we launch|going live|go live|it goes live)|going forward|from now on|"
    r"take (?:it|this|that|privacy|security|the rule|the law) (?:very |really )?seriously|keep "
    r"(?:it|this|that) in mind|look into (?:it|this|that)|(?:be|is|are|stay|stays|remain|"
    r"remains) on the safe side)\b"
)
"""Ways of promising care or asking someone else ("make sure", "check with", "run it past",
"sign off"): a plan made only of them changes nothing in the design."""
_ASSURANCE = set(
    "comply complies complied complying compliant compliance legal lawyer lawyers counsel "
    "regulator regulators regulation regulations regulatory officer office department "
    "important importance seriously serious careful carefully fully full respect respecting "
    "adhere adhering abide follow following involve involving stakeholders closely aware "
    "mindful matters priority policy policies rule rules guidelines law laws everything "
    "requirement approval".split()
)
"""Words of a promise to comply ("fully compliant", "the legal team", "really important"):
said with a plan, they are not what the plan changes."""
_PRONOUN_CONTRACTED = re.compile(r"^(?:i|we|you|they|it|that|there|let|he|she)'")
""""we'll", "I'd", "that's": the speaker, not something a plan changes."""
_MEETS = re.compile(
    r"\b(?:already|is fine|are fine|still (?:fits|fit|meets|meet|works|holds)|fits|fit within|"
    r"within|well under|under|below|inside|headroom|comfortably|leaves|to spare|enough|"
    r"covered|covers it|in time|plenty|is ample)\b"
)
"""Words that set the design's figures against the change's: it is met."""


def time_limit(change: ConstraintChange) -> float | None:
    """The tightest time, in seconds, ``change`` allows (None: it sets none)."""
    return tightest_limit(spoken_change(change))


def says_met(text: str) -> bool:
    """``text`` sets the design's figures against a limit and says they fit ("well
    under", "within", "plenty", "more than 200 ms to spare"), not that they fall short."""
    low = text.lower()
    spare = _TO_SPARE.sub(" ", low)  # "more than 200 ms to spare" meets it
    return bool(_MEETS.search(low)) and not _FALLS_SHORT.search(spare)


_FALLS_SHORT = re.compile(
    r"\b(?:impossible|can't|cannot|won't|not|too|over|exceeds?|exceeding|more than|miss|"
    r"misses|blows?|break|breaks)\b"
)
"""Words that say the design does not meet it ("within 300 ms is impossible at 500 ms")."""
_UNAFFECTED = re.compile(
    r"\b(?:(?:does ?n[o']t|does not|won't|will not|wouldn't) (?:touch|affect|change|apply to|"
    r"hit|reach)(?! (?:us|me|our (?:company|business|users|members|customers))\b)|"
    r"not (?:affected|touched)|(?:none|nothing) of (?:our|the|its|my|this)\b[^.;:]"
    r"{0,40}\b(?:come|comes|came|uses?|relies|rely|depends?) (?:from|on)|we (?:don't|do not|"
    r"never) (?:use|used|rely on|collect)|(?:doesn't|does not|never) (?:use|used|rely on))\b"
)
"""An answer saying the change does not reach the design ("That doesn't touch this design:
none of our features come from the device"). A rule that "does not apply to us" argues the
change away: it says nothing of what the design uses."""
_TO_SPARE = re.compile(r"\b(?:more than|over)\b[^.;]{0,30}\b(?:to spare|of headroom|left over)\b")
"""Room the design leaves: "more than 200 ms to spare" meets the change."""
ACK_SIMILARITY = 0.5
"""A sentence this close in meaning to the change takes it up."""
ACK_PARAPHRASE, ACK_MARGIN = 0.35, 0.05
"""A sentence at least this close, and closer by the margin than anything said before the
change, takes it up in other words."""
RESTATES = 0.75
"""A sentence this close to the change mostly says it back."""
ECHOES = ACK_SIMILARITY
"""A sentence this close to the change, with no plan or change of course in it, says it
back even when one of the change's remedies is among its words."""
ABOUT_WHOLE = 0.3
"""An answer at least this close to the change, and closer to it than to any other change
of the question, is about it."""
ABOUT_OWN = 0.3
"""...and at least this close to what the change itself brings (said without the
question's own words: "getting squeezed must now finish in 10 ms for 500 candidates"). An
answer about the question in general ("the auction uses the probability times the bid")
is near every change that names the auction."""
NEW_SIMILARITY = 0.9
"""A sentence this close to one of an earlier answer was said before."""
RETELLS = 0.6
"""A sentence this close to one of an earlier answer describes the same design again (a
revision after a push, in the design's own words, is near 0.5)."""


QUOTE_WORDS = 40
"""The longest quote an adaptation verdict shows (cut with "…")."""


def spoken_change(change: ConstraintChange) -> str:
    """What the change says, without a "New requirement:" label, as a sentence of its
    own ("New requirement: at least 10% of…" is said "At least 10% of…")."""
    said = _LABEL.sub("", change.say.strip())
    return said[:1].upper() + said[1:]


_TAKING_AWAY = (
    r"without|no|no more|no longer|minus|drop|dropping|dropped|lose|losing|lost|remove|"
    r"removes|removing|removed|replace|replacing|instead of|ban|banned|banning|can't use|"
    r"cannot use|can't have|cannot have|not allowed|stop using|give up|giving up|take out|"
    r"takes out|taking out|pull out|pulls out"
)
_REMOVAL_CHANGE = re.compile(
    r"\b(?:no longer|no \w+ may|may not|can't|cannot|can only be used|not for|bans?|banned|"
    r"lose|loses|lost|removed?|without|stop|no user|no more)\b"
)
"""A change that takes away something the design may have used (a privacy rule, a lost
signal): an answer that then takes things out of the design is answering it."""
_REMOVES = re.compile(
    r"\b(?:takes? out|taking out|removes?|removing|pull (?:\w+ ){0,2}out|goes away|go away|"
    r"gone|no longer (?:have|use|get)|can't (?:look at|use|see|keep|rely on)|cannot (?:use|"
    r"keep|rely on)|anymore|in (?:their|its) place|without (?:those|them|it|that|these)|"
    r"drop (?:those|them|these|it|that))\b"
)
"""Words that take something out of the design, without naming the change's own words."""


def takes_away(change: ConstraintChange) -> bool:
    """``change`` takes away something a design may use (a privacy rule, a lost signal)."""
    return bool(_REMOVAL_CHANGE.search(spoken_change(change).lower()))


_LOAD_CHANGE = re.compile(
    r"\b(?:traffic|load|spikes?|spiking|surges?|surging|peaks?|"
    r"(?:\d+(?:\.\d+)?|ten|twice|double|triple)\s*(?:x|times)\s+(?:normal|today|usual|the "
    r"(?:traffic|load|volume)|what we (?:have|get|see)))\b"
)
"""A change that brings more work than the design was built for ("traffic will spike to
10 times normal", "20 million more series, ten times what we have")."""
_NOUN_CAPACITY = (
    r"(?:machines?|servers?|replicas?|instances?|nodes?|workers?|capacity|gpus?|cpus?|pods?|"
    r"hosts?|fleet|shards?|boxes|containers|copies)"
)
_WORK = (
    r"(?:pre-?comput\w*|pre-?warm\w*|pre-?fetch\w*|pre-?load\w*|comput\w*|build|builds|"
    r"generat\w*|prepar\w*|warm\w*|fill|fills|cache|caches|push|pushes)"
)
_AHEAD = (
    r"(?:ahead|in advance|beforehand|the (?:night|day|hour) before|before (?:the|each|every|"
    r"a) (?:\w+ ){0,2}(?:games?|match(?:es)?|events?|peaks?|kick ?off|spikes?|rush))"
)
_LOAD_WAYS = {
    # more of what does the work: "add more ranker machines before kickoff", "bring up
    # extra replicas an hour ahead", "three times as many ranker servers on match days"
    "capacity": re.compile(
        r"\b(?:autoscal\w*|auto scal\w*|scal(?:e|es|ing) (?:\w+ ){0,3}(?:out|up)|"
        r"(?:add|adds|adding|more|extra|double|doubling|triple|tripling|bring up|spin up|"
        r"provision|provisions|provisioning|reserve|reserving|times as many|warm up)\b"
        rf"(?:\s+[\w'-]+){{0,4}}\s+{_NOUN_CAPACITY})\b"
    ),
    # less work per request once it is too much: "if they are still too busy we skip the
    # ranker and show the cached list", "fall back to the most popular videos"
    "fallback": re.compile(
        r"\b(?:fall(?:s|ing)? back (?:to|on)|fallback (?:to|on|list|of)|degrad\w*|shed(?:s|ding)? "
        r"(?:\w+ )?(?:load|traffic|requests)|load shedding|throttl\w*|rate limit\w*|"
        r"circuit breaker|(?:skip|skips|skipping|bypass|bypasses|bypassing|switch off|turn "
        r"off) (?:the )?\w+)\b"
        r"|\b(?:if|when|once|whenever)\b[^.;]{0,60}\b(?:overload\w*|too busy|too slow|too much|"
        r"(?:can't|cannot|can not) keep up|falls? behind|saturat\w*|over (?:the )?budget|past "
        r"the budget|climbs|backs up|gets long|grows)\b[^.;]{0,80}\b(?:serve|serves|show|shows|"
        r"return|returns|use|uses|switch|switches|send|sends)\b"
    ),
    # the work done before it is needed: "precompute the up-next lists before kickoff",
    # "the night before we compute the lists for the sports videos"
    "ahead": re.compile(
        rf"\b{_WORK}\b[^.;]{{0,60}}\b{_AHEAD}\b|\b{_AHEAD}\b[^.;]{{0,60}}\b{_WORK}\b"
    ),
}
"""Ways a design takes on more load, in any words: more capacity, less work per request
when it is too much, or the work done ahead of the peak."""
_NOT_BEFORE = re.compile(r"(?:\b(?:no|not|never|without|nothing)\b|n't\b)[^.;,]{0,20}$")


def load_change(change: ConstraintChange) -> bool:
    """``change`` brings more load than the design was built for."""
    return bool(_LOAD_CHANGE.search(number_text(spoken_change(change)).lower()))


def takes_on_load(text: str, earlier: str = "") -> list[str]:
    """The ways of taking on more load ``text`` names (see :data:`_LOAD_WAYS`) that
    ``earlier`` (the answers before the change) did not: "we skip the ranker and show the
    cached list" after a design that only ever looked lists up in a cache. A way said
    under "no" ("no need for more machines") is no way."""
    low, before = text.lower(), earlier.lower()
    out = []
    for name, way in _LOAD_WAYS.items():
        if way.search(before):
            continue
        if any(not _NOT_BEFORE.search(low, 0, m.start()) for m in way.finditer(low)):
            out.append(name)
    return out


SAID_SHORT = {"identifiers": ("id", "ids"), "identifier": ("id", "ids")}
"""A change's word as a design says it ("persistent user identifiers": "the user id")."""


def _unaffected(sentences: Sequence[str], used_before: Sequence[str]) -> int | None:
    """Index of a sentence saying a change that takes something away does not reach the
    design, true of the earlier answers: no part of the answer that says so (parts end at
    a colon) names one of the change's words those answers used ("none of our features
    come from the device" after a design that listed "whether the device was seen
    before" is untrue)."""
    before = {w[:6] for w in used_before} | {s for w in used_before for s in SAID_SHORT.get(w, ())}
    found = None
    for i, text in enumerate(sentences):
        for part in text.lower().split(":"):
            if not _UNAFFECTED.search(part):
                continue
            if {t[:6] for t in normalise_text(part).split()} & before:
                return None
            found = i if found is None else found
    return found


def named_new(sentences: Sequence[str], words: Sequence[str]) -> bool:
    """The answer names one of ``words`` (the change's words the earlier answers never
    used: "device", "viewing"): it says what the change takes away."""
    stems = {t[:6] for t in normalise_text(" ".join(sentences)).split()}
    return any(w[:6] in stems for w in words)


def _taken_away(words: Sequence[str]) -> re.Pattern[str] | None:
    """The change's own words said with a word that takes them away ("without device
    fingerprinting", "we lose the device features"): the answer heard the change even
    when the design had named them before it."""
    if not words:
        return None
    said = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"\b(?:{_TAKING_AWAY})\s+(?:(?:the|those|these|our|any|all|every|of)\s+)*"
        rf"(?:\w+\s+)?(?:{said})"
    )


def salient_terms(change: ConstraintChange, context: str = "") -> tuple[list[str], list[str]]:
    """Numbers and distinctive words of what the interviewer said; words of ``context``
    (the question itself: "fraud", "payments") and words every answer uses say nothing
    about the change."""
    said = normalise_text(join_thousands(spoken_change(change)))
    common = set(normalise_text(context).split()) | _STOP | GENERIC
    numbers = sorted(set(numbers_in(said)))
    words = [w for w in said.split() if len(w) >= 5 and w.isalpha() and w not in common]
    return numbers, list(dict.fromkeys(words))


def keeps_design(text: str) -> bool:
    """``text`` says the design stays as it was ("I think the design holds up", "the same
    model"), not for a reason given for something else ("…because the list does not
    change much") and not before a change of course ("keep the model but drop the history
    features"; "I'd check with legal, but the design stays the same" ends on keeping it)."""
    stated = _CHECKED.sub(" ", _REASON.sub(" ", text.lower()))
    # "doesn't change much for us, I'd keep the design as it is" keeps it after all
    keeps = next((m for m in _KEEP.finditer(stated) if not _PARTLY.match(stated, m.end())), None)
    if keeps is None and not _SHIFT.search(stated):
        # "I'd drop the user ids and keep the contextual features" changes course
        keeps = _KEEP_PARTS.search(stated)
    if keeps is None:
        # "we do not need to change a lot" changes some of it
        return False
    # "rank organic results as before, then put the best sponsored product in slot 4"
    # keeps one part and goes on to change another
    return not _CONTRAST.search(stated, keeps.start()) and not _THEN.search(stated, keeps.end())


_REPLACED = re.compile(
    r"(?:,\s*not(?:\s+just|\s+only)?|\binstead of|\brather than|\bno longer (?:use|have|get)"
    r"|(?P<ban>\bbans?|\bforbids?"
    r"|\b(?:you|we) (?:lose|can't use|cannot use)(?:\s+(?:all|every|any))?))"
    r"\s+(?P<old>[^.?!;,]+)"
)
"""What a change replaces or takes away: "…90-day active users, not next-day opens", "40
ms instead of 120", "…rather than today's engagement", "no longer use persistent user
identifiers", "a new law bans device fingerprinting, so you lose every device feature"."""
_PURPOSE = re.compile(r"\s(?:for|between|during|when|while|in order to)\s")
_KEEP_ON = re.compile(
    r"\b(?:keep|keeps|keeping|kept|continue|continues|continuing|carry on|stick with|stick to|"
    r"stay with|still)\b"
)
_KEEP_DOING = re.compile(
    r"\b(?:keep|keeps|keeping|continue|continues|continuing|carry on)\s+(?:to\s+)?"
    r"(?!(?:every|no|some|any)thing\b)\w+ing\b"
)
"""Going on doing what the design did: "I would keep optimising…", "keep sending what the
model picks", "continue ranking by…"."""


def replaced_terms(change: ConstraintChange) -> list[str]:
    """Numbers and words of what ``change`` replaces or takes away ("next-day opens":
    "opens"; "instead of 120": "120"; "bans device fingerprinting": "device",
    "fingerprinting"), empty when it names nothing of the kind."""
    # what a ban takes away ends where what it is for begins ("bans uploaded address
    # books for suggestions": not the suggestions)
    said = " ".join(
        _PURPOSE.split(m.group("old"))[0] if m.group("ban") else m.group("old")
        for m in _REPLACED.finditer(spoken_change(change))
    )
    old = normalise_text(join_thousands(said)).split()
    return [w for w in old if w.isdigit() or (len(w) >= 5 and w not in _STOP | GENERIC)]


def keeps_course(text: str, old: Sequence[str], new: Sequence[str]) -> bool:
    """``text`` goes on as the design did, whatever it says of the change around it: it
    keeps doing something ("I would keep optimising…", "keep sending what the model
    picks") or keeps what the change replaces (``old``: "I'd stick with next-day opens"),
    and from there names nothing the change brings (``new``: "90"), no change of course and
    no "but". "I don't think 90-day actives is a good target, so I would keep optimising
    next-day opens" keeps the old objective; "I'd keep the opens label as a guardrail and
    train on 90-day activity" does not."""
    low = _REASON.sub(" ", text.lower())
    starts = [m.start() for m in _KEEP_DOING.finditer(low)]
    olds = {w[:6] for w in old}
    for m in _KEEP_ON.finditer(low):
        if olds & {w[:6] for w in normalise_text(low[m.end() :]).split()}:
            starts.append(m.start())
    news = {w[:6] for w in new if " " not in w}
    phrases = [w for w in new if " " in w]
    for start in sorted(starts):
        rest = low[start:]
        tokens = normalise_text(number_text(rest)).split()
        brings = news & {w[:6] for w in tokens} or any(
            f" {p} " in f" {' '.join(tokens)} " for p in phrases
        )
        if not (_SHIFT.search(rest) or _CONTRAST.search(rest) or brings):
            return True
    return False


_ASKED_BY = re.compile(
    r"^(?P<who>[^,.:;]{1,40}?)\s+(?:now\s+)?(?:wants?|demands?|needs?|requires?|asks?|"
    r"complains?)\b"
)
"""Who a change comes from: "Advertisers now want…", "Labels and artists demand…"."""


def asked_by(change: ConstraintChange) -> list[str]:
    """The words that name who asks for ``change`` ("advertisers" in "Advertisers now want
    to pay per purchase…"): naming them brings nothing the change asks for ("I'd keep
    training on clicks and show advertisers the click numbers" keeps the design)."""
    m = _ASKED_BY.match(_LABEL.sub("", spoken_change(change)).strip())
    return normalise_text(m.group("who")).split() if m else []


_ENDINGS = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A word without its ending ("tuning", "tuned" -> "tun"): the same word said in
    another form is not a new one."""
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)].rstrip("e")
    return word.rstrip("e")


@dataclass(frozen=True)
class Verdict:
    acknowledged: bool
    revised: bool
    kept: str | None
    """A sentence that keeps the affected parts as they were (None: none does)."""
    evidence: int | None
    """Index of the sentence that shows the answer took the change up (one that did not:
    the sentence that changed the design for a reason of its own)."""
    held: int | None = None
    """Index of a sentence that shows, with figures of the design's own against the
    change's, that the design already meets it (None: none does, or the answer revised
    the design anyway)."""
    changed: bool = False
    """A sentence new to the answer changes the design, whether or not for the change (a
    survival model instead of the trees, because of censoring)."""
    asked: bool = False
    """The answer took the change up only by asking the interviewer about it ("is the
    3,000 a hard cap every day?"): no design to judge yet."""

    @property
    def outcome(self) -> str:
        """How the answer met the change, as the interviewer's push and the report both
        tell it: "revised"; "held" (shown with figures to meet it as it is); "otherwise"
        (changed the design, but not for the change); "kept" (kept the design as it was,
        whether or not it took the change in); "named" (took it in, changed nothing);
        "missed" (did not take it up)."""
        if self.revised:
            return "revised"
        if self.held is not None:
            return "held"
        if self.changed and not self.acknowledged:
            return "otherwise"
        if self.kept is not None:
            return "kept"
        return "named" if self.acknowledged else "missed"


SAID_AS = {
    "daily": ("nightly", "each night", "every night", "every day", "each day", "once a day"),
    "weekly": ("each week", "every week", "once a week"),
    "hourly": ("each hour", "every hour", "once an hour"),
    "monthly": ("each month", "every month", "once a month"),
}
"""How a change's word of time is said in other words."""
_TIME_WORDS = set(SAID_AS) | {w for said in SAID_AS.values() for w in said}
"""A change's word of time, however it is said, takes it up on its own."""
REMEDIES_SHOWN = 2
"""Remedies a requirement change calls for ("cohorts", "session") that, said in an
answer after it, show the change was taken up without its own words."""


_ALREADY = re.compile(
    r"\b(?:already (?:covered|covers?|do|does|did|doing|have|has|handles?|handled|meets?|met|"
    r"fits?|excludes?|excluded|in place|part of|the case|built|designed|accounted|there)|"
    r"(?:that|this|it)(?:'s| is| was) (?:already )?(?:covered|handled|taken care of)|"
    r"covers? (?:it|that|this) already)\b"
)
"""An answer that says the design already meets the change ("That's already covered")."""
_EXCLUDES = re.compile(
    r"\b(?:no|not|never|none|without|exclude|excludes|excluded|excluding|leave out|left out|"
    r"drop|dropped|don't|do not|avoid|avoids)\b|n't\b"
)


_FIGURE_OF = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|x\b|[a-z]+)?")
_SAME_UNIT = {
    **dict.fromkeys(("ms", "msec", "millisecond", "milliseconds"), "ms"),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "s"),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "min"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "h"),
    **dict.fromkeys(("%", "percent"), "%"),
    **dict.fromkeys(("x", "times", "fold"), "x"),
}


def figures_said(text: str) -> set[tuple[str, str]]:
    """Each number in ``text`` with what it counts ("10 times normal": ("10", "x"); "10
    milliseconds": ("10", "ms"); "20 analysts": ("20", "analy")): a 10 ms budget is not
    the 10 times the traffic a change brings."""
    out = set()
    for m in _FIGURE_OF.finditer(number_text(text).lower()):
        word = m.group(2) or ""
        out.add((m.group(1), _SAME_UNIT.get(word, word[:5])))
    return out


_UNITS = frozenset(_SAME_UNIT.values())


def _other_units(change: set[tuple[str, str]], said: set[tuple[str, str]]) -> bool:
    """Every number ``said`` shares with the ``change`` counts another unit there ("10
    times" against "10%"); a number said with no unit, or with a word ("ten impressions"),
    may be the change's."""
    shared = [(n, u) for n, u in said if any(n == m for m, _ in change)]
    return bool(shared) and all(
        u in _UNITS and all(v in _UNITS and v != u for m, v in change if m == n) for n, u in shared
    )


def _carried(
    earlier: Sequence[str],
    figures: set[tuple[str, str]],
    used: Sequence[str],
    limit: float | None,
) -> bool:
    """The earlier answers already met the change: a time of the design's own inside its
    limit ("we keep p99 under 30 ms" before "scoring now gets 50 ms"), a sentence with every
    figure it sets, each counting what the change's does (``figures``: see
    :func:`figures_said`; "10 milliseconds" is no "10 times normal"), or, for a change
    that takes something away, a sentence that names it and leaves it out ("we exclude
    device fingerprints")."""
    for text in earlier:
        norm = number_text(text)
        if _FALLS_SHORT.search(_TO_SPARE.sub(" ", text.lower())) and not _EXCLUDES.search(
            text.lower()
        ):
            continue
        if limit is not None and says_met(text) and any(0 < t <= limit for t in times(norm)):
            return True
        if figures and limit is None and figures <= figures_said(norm):
            return True
        stems = {w[:6] for w in normalise_text(text).split()}
        if used and any(w[:6] in stems for w in used) and _EXCLUDES.search(text.lower()):
            return True
    return False


def judge_texts(
    change: ConstraintChange,
    sentences: Sequence[str],
    earlier: Sequence[str] = (),
    *,
    context: str = "",
    embedder: Embedder | None = None,
    alternatives: Sequence[str] = (),
    design: bool = True,
    pushed: bool = False,
    rival_remedies: Sequence[Sequence[str]] = (),
) -> Verdict:
    """The verdict on an answer (its sentences) to ``change``, given what the earlier
    answers said (their sentences) and the question's other changes (``alternatives``,
    as said). ``design``: a requirement change to a design, which an answer takes up by
    two of the remedies it calls for; a twist on a story or an explanation ("Give me the
    thirty-second version") is taken up by doing one of the things it asks ("In short:
    …", "Imagine…"). ``pushed``: the answer to the interviewer's push on the change
    ("…what would you build in its place?"), where a new description of the design is the
    plan ("Concretely: a nightly rerank using today's plays from a streaming job") even
    without "I'd". ``rival_remedies``: what each of the question's other changes calls for
    (its keywords and ``met_by`` phrases)."""
    needed = REMEDIES_SHOWN if design else 1  # remedies that show the change taken up
    numbers, words = salient_terms(change, context)
    # what the change replaces ("not next-day opens"), and what it brings instead
    # (its numbers, its words and the remedies it calls for: "a proxy", "a holdout")
    old_terms = replaced_terms(change)
    who = {w[:6] for w in asked_by(change)}
    new_terms = [
        t
        for t in [*numbers, *words, *(normalise_text(k).strip() for k in change.keywords)]
        if t and t not in GENERIC and t[:6] not in {w[:6] for w in old_terms} and t[:6] not in who
    ]
    needed_words = 2 if len(words) >= SALIENT_MANY else 1
    said_before = normalise_text(" ".join(earlier))
    # a word the candidate used before the change ("chargeback") does not show it was heard
    before = {w[:6] for w in said_before.split()}
    taken_away = _taken_away([w for w in words if w[:6] in before])
    removal = takes_away(change)
    # ...however the design said it ("the user id" for "persistent user identifiers")
    said_tokens = set(said_before.split())
    used_before = [w for w in words if w[:6] in before or said_tokens & set(SAID_SHORT.get(w, ()))]
    unaffected = _unaffected(sentences, used_before) if removal else None
    words = [w for w in words if w[:6] not in before]
    # the change's word said in other words: "refreshed daily" taken up as "each night a
    # light job re-ranks…"
    words += [
        other
        for w in words
        for other in SAID_AS.get(w, ())
        if f" {other} " not in f" {said_before} "
    ]
    said_text = normalise_text(spoken_change(change))
    remedy_cues = [
        k
        for k in change.keywords
        if f" {normalise_text(k).strip()} " not in said_text and k not in GENERIC
    ]
    before_words = {w[:5] for w in said_before.split()}
    before_stems = {stem(w) for w in said_before.split()}
    # a remedy the design already had ("we use the cached embeddings") is not a new one
    used = (
        CueIndex({"design": remedy_cues}).hits(" ".join(earlier)).get("design", [])
        if earlier
        else []
    )
    remedy_cues = [k for k in remedy_cues if k not in used]
    index = CueIndex({"said": words, "design": remedy_cues})
    # the ways of meeting the change its question names ("autoscale", "load shedding" for
    # a traffic spike), not said before: one of them, said after the change, answers it
    mechanisms = _mechanisms(change, said_text, earlier)
    load = design and load_change(change)
    change_figures = figures_said(spoken_change(change))
    meaning = _meaning(change, sentences, earlier, embedder, alternatives, context)
    # "I don't think that cap is a good idea. Two a day is too few for active users…"
    # given to the 90-day change argues against another change: near this one in meaning
    # ("active users"), it did not take this one up
    elsewhere = names_another(sentences, said_text, alternatives, context, said_before)
    own = set(said_text.split())
    first_ack: int | None = None
    revising: int | None = None
    turning = False
    """The revising sentence changes course ("instead", "drop", "add")."""
    planned = False
    """The revising sentence says what the candidate would do."""
    kept: str | None = None
    kept_at: int | None = None
    held: int | None = None
    # a question put to the interviewer ("is the 3,000 a hard cap every day, or can the
    # team take more at peak?") takes the change up, and changes, keeps or meets nothing
    asking = asks_interviewer(sentences)
    asked_at: int | None = None
    limit = time_limit(change) if design else None  # "again in one minute" is no budget

    def inside_elsewhere(at: int) -> bool:
        """Another sentence of the answer states a time of the design's own inside the
        limit, and does not say it falls short."""
        return limit is not None and any(
            j != at
            and not _FALLS_SHORT.search(_TO_SPARE.sub(" ", t.lower()))
            and any(0 < x < limit for x in times(number_text(t)))
            for j, t in enumerate(sentences)
        )

    for i, text in enumerate(sentences):
        norm = number_text(text)
        hits = index.hits(text)
        # "the cache can take 10 times" is no "10% of impressions"
        mentions_number = any(
            re.search(rf"(?<![\w.]){re.escape(n)}(?![\d.])", norm) for n in numbers
        ) and not _other_units(change_figures, figures_said(norm))
        low = text.lower()
        meets = says_met(text)
        # the change's time in other units ("within a minute" for "within 60 seconds") is
        # its number said back; a time of the design's own inside it ("stock reaches the
        # index in 30 seconds" against "within 1 minute") sets the design against it
        said_times = times(norm) if limit is not None else []
        mentions_number = mentions_number or any(same_time(t, limit) for t in said_times)
        in_time = any(0 < t < limit for t in said_times) if limit is not None else False
        if (
            held is None
            and meaning.new[i]
            and (mentions_number or in_time)
            and meets
            and not asking[i]
        ):
            own_figures = [
                q
                for q in quantities(norm)
                if not re.fullmatch(r"p\s?\d+(?:\.\d+)?", q)  # "p99" alone is no figure
                and not set(q.split()) & set(numbers)
                and not (limit is not None and any(same_time(t, limit) for t in times(q)))
            ]
            # ...or in another sentence of the answer ("A tenth of a second is plenty. The
            # request path is one cache read of about five milliseconds…")
            held = i if own_figures or inside_elsewhere(i) else None
        # two of the remedies the change calls for ("cohorts", "session") answer it too
        remedies = len(hits.get("design", [])) >= needed
        # ...unless the answer takes it away: "without device fingerprinting we drop…",
        # or, after a change that takes something away, takes things out of the design
        gone = (taken_away is not None and taken_away.search(normalise_text(text))) or (
            removal and _REMOVES.search(low)
        )
        # one word of the change is enough when it has few ("latency"); of one with more,
        # a single one may be said in passing ("a ranker that runs on demand" after
        # "labels and artists demand that new artists get real exposure")
        said = set(hits.get("said", []))
        named = len(said) >= needed_words or bool(said & _TIME_WORDS)  # "each night" is enough
        close = meaning.close[i] and not elsewhere
        # ...or, to a change that brings more load, a way of taking it on in any words
        # ("add more ranker machines before the game, and if still too busy skip the
        # ranker and show the cached list")
        meets_it = bool(mechanisms.hits(text)) or bool(
            load and meaning.new[i] and takes_on_load(text, " ".join(earlier))
        )
        heard = mentions_number or named or gone or close or remedies or meets_it
        heard = heard or bool(in_time and meets)
        if meaning.new[i] and heard:
            first_ack = i if first_ack is None else first_ack
        if asking[i]:
            asked_at = i if asked_at is None and (heard or meaning.whole) else asked_at
            continue
        # "…because a survival model handles that censoring", "…since the list does not
        # change much": a reason given for a choice keeps nothing of the design
        if keeps_design(text) or keeps_course(text, old_terms, new_terms):
            kept, kept_at = (kept, kept_at) if kept else (text, i)
            continue
        if (
            (revising is None or not turning or not planned)
            and meaning.new[i]
            and not meaning.restates[i]
        ):
            # a plan made of a promise to comply ("we would make sure the system is fully
            # compliant and talk to the legal team") changes nothing in the design
            specific = [
                w
                for w in _ASSURING.sub(" ", norm).split()
                if len(w) >= 4
                and w not in _STOP | GENERIC | _FILLER | _ASSURANCE | _GOING_ON
                and not _PRONOUN_CONTRACTED.match(w)
            ]
            # ...of something not said before: "I'd keep monitoring acceptance by
            # country and retrain the trees daily" plans what the design already did
            fresh = [
                w
                for w in specific
                if w not in own and w[:5] not in before_words and stem(w) not in before_stems
            ]
            # after a push, a description of the design is the plan, unless it is the
            # earlier design said again in other words ("So each transaction gets a score
            # from boosted trees, using the purchase amount, the shop's past record…")
            retold_design = bool(meaning.retells and meaning.retells[i])
            # ...and so is a sentence that speaks of the change and says, in any tense, what
            # we do ("Then every fourth place we put one sponsored product, the one with
            # the best bid…"), unless it is the change said back
            # ("We already do that, the scoring stays under 30 ms" claims the design as it
            # was: see ``claimed`` below)
            claims_already = bool(_ALREADY.search(low))
            describes = heard and _WE_DO.search(low) and not claims_already
            plans = ((pushed and not retold_design) or _DESIGNING.search(low) or describes) and len(
                fresh
            ) >= 3
            # a change of course the design already took, or the change's own word ("a cap
            # of two a day"), is not a new one
            turns = any(
                m.group(0)[:5] not in before_words
                and m.group(0) not in own
                and not _said_back(low[m.end() :], own)
                and not _REFERRED.search(low, 0, m.start())
                for m in _SHIFT.finditer(low)
            )
            # ...and so is a way of meeting the change its question names, in any tense
            # ("I autoscale the ranker before the game starts")
            # ...unless the sentence is the change said back ("nine at night" for "between
            # 9 pm and 8 am")
            turns = turns or (meets_it and not meaning.echoes[i] and not claims_already)
            revises = turns or plans or (hits.get("design") and not meaning.echoes[i])
            if refuses(low, change) and not meets_it:
                # "I would argue against it with the product team": turning the change
                # down is no plan for it
                revises = False
            # a later change of course is what a kept design's verdict turns on
            # ...and one the candidate would make, beside one the change would cause
            plans_it = pushed or bool(_PLANS.search(low))
            if revises and (revising is None or (turns and (not turning or plans_it))):
                revising, turning, planned = i, turns, plans_it
    if kept is not None and revising is not None and not turning:
        # beside "I would keep the design as it is", a plan ("I'd confirm with legal") or
        # the change's remedy describing the design kept ("the features I use are weekly
        # aggregates") revises nothing: only a change of course does
        revising = None
    refused = kept is not None or any(refuses(t, change) for t in sentences)
    if refused and revising is not None and not planned:
        # "I disagree. … pushing unknown artists will raise skips. I would keep the ranker
        # as it is": the change of course named is what the change would cause, the reason
        # to turn it down; only one the candidate says they would make revises
        revising = None
    # an answer said again ("As I said, candidate jobs come from a two tower model…") is
    # about what the first one was about: that is not taking the change up
    content = [
        w[:5] for w in normalise_text(" ".join(sentences)).split() if len(w) >= 4 and w not in _STOP
    ]
    replayed = bool(content) and sum(w in before_words for w in content) >= REPLAYED * len(content)
    # an answer nearer the change only as a whole, whose words are remedies of another of
    # the question's changes and none of this one ("precomputed lists… in a cache" after
    # "10% of impressions must go to new videos"), is about that other change
    other_remedies = bool(rival_remedies) and _names_rival_remedies(
        sentences, change, rival_remedies
    )
    about = meaning.whole and not replayed and not elsewhere and not other_remedies
    if first_ack is None and about:
        first_ack = revising if revising is not None else kept_at if kept_at is not None else 0
    # turning the change down ("mixing ads into search is a bad idea, I would argue against
    # it") takes it up, and keeps the design as it was
    refusing = next(
        (i for i, t in enumerate(sentences) if not asking[i] and refuses(t, change)), None
    )
    if refusing is not None and revising is None and not elsewhere:
        # ...beside "the design can stay as it is" too: "I would rather not touch it" took
        # the change in
        if kept is None:
            kept, kept_at = sentences[refusing], refusing
        first_ack = refusing if first_ack is None else first_ack
    acknowledged = first_ack is not None
    revised = acknowledged and revising is not None
    if unaffected is not None and not revised and named_new(sentences, words):
        # "none of our features come from the device", after a design that never used
        # the device: the change takes away nothing the design had
        acknowledged, held = True, held if held is not None else unaffected
    if not revised and held is None:
        # "That's already covered: we keep scoring under 30 ms at p99", after an answer
        # that said so before the change was made: the design meets it as it is
        claimed = next(
            (i for i, t in enumerate(sentences) if not asking[i] and _ALREADY.search(t.lower())),
            None,
        )
        if claimed is not None and not elsewhere:
            # "it already handles it" answers the change; it meets it only where an
            # earlier answer said so with the change's own figures
            acknowledged = True
            if _carried(earlier, figures_said(spoken_change(change)), used_before, limit):
                held = claimed
            elif kept is None:
                kept, kept_at = sentences[claimed], claimed
    held = held if acknowledged and not revised else None  # a revision says more
    # the quote shows what the verdict says: the change of course when there is one ("we
    # listen for edits and re-embed just those chunks"), not the first sentence that took
    # the change up ("Um, so five minutes."); where it kept the design, the sentence that
    # says so ("I think the design I described covers it", not "Sure.")
    evidence = first_ack
    if held is not None:
        evidence = held
    elif revised:
        evidence = revising
    elif acknowledged and kept_at is not None:
        evidence = kept_at
    if evidence is None and revising is not None:
        evidence = revising  # the change the answer made, for a reason of its own
    # only asked about it: the design is judged on the answer after the interviewer's reply
    asked = asked_at is not None and revising is None and held is None and kept is None
    if asked:
        acknowledged, evidence = True, asked_at
    if not design:
        # a twist is judged on what the answer does with it, not on its words said back
        # ("learned", "the case for"), which most stories and explanations say anyway
        argued = argues_rejected(change, sentences, earlier, context)
        if argued is not None:
            return Verdict(True, True, None, argued)
        taken = premise_taken(change, sentences)
        if taken is None:
            return Verdict(False, False, None, None)
        if taken >= 0 and not acknowledged:
            # "Then it turned out my test was a mistake; I'd own it and thank him."
            acknowledged = True
            revised = revising is not None
            evidence = revising if revised else taken
    return Verdict(
        acknowledged, revised, kept, evidence, held, changed=revising is not None, asked=asked
    )


_OTHER_OPTION = re.compile(
    r"\b(?:(?:didn't|did not|don't|do not|not) (?:pick|choose|take|go with)|turned down|"
    r"rejected|ruled out|other option)\b"
)
"""A twist that asks for the option the first answer turned down ("Argue the option you
didn't pick")."""
_CHOSE = re.compile(
    r"\b(?:chose|chosen|choose|picked|pick|went with|go with|opted|settled on|decided on|"
    r"we used|shipped|launched)\b"
)
"""A sentence that says which option was taken ("We chose a small distilled model…")."""
_BETWEEN = re.compile(r"\b(?:choose|chose|choice|decide|decision|pick|picking) between\b")
"""A sentence that names the options before one was taken."""
_ROLE = set("side option options tradeoff choice chose chosen picked because lesson".split())
"""Words of a tradeoff's frame, not of either option."""
ARGUED_WORDS = 2
"""Words of the option turned down an answer names to argue for it."""


def _option_words(text: str, common: set[str]) -> set[str]:
    return {
        stem(w)
        for w in normalise_text(text).split()
        if len(w) >= 4 and w.isalpha() and w not in _STOP | GENERIC | _ROLE | common
    }


def argues_rejected(
    change: ConstraintChange, sentences: Sequence[str], earlier: Sequence[str], context: str = ""
) -> int | None:
    """Index of the first sentence with which an answer to "Argue the option you didn't pick"
    argues for the option the earlier answers turned down: it names more of that option's
    own words (those of the earlier sentences that do not say which option was taken: "a
    large cross encoder ranked much better") than of the one taken ("We chose a small
    distilled model…"), however it opens ("The best case for the large model: …"). None:
    not such a twist, or the answer argues for the option taken or for nothing said."""
    if not earlier or not _OTHER_OPTION.search(change.say.lower()):
        return None
    common = set(normalise_text(context).split()) | set(normalise_text(change.say).split())
    # "We had to choose between batch and real time" names both options, not the one taken
    chosen = [t for t in earlier if _CHOSE.search(t.lower()) and not _BETWEEN.search(t.lower())]
    if not chosen:
        return None
    taken = set().union(*(_option_words(t, common) for t in chosen))
    rejected = set().union(*(_option_words(t, common) for t in earlier if t not in chosen)) - taken
    said = [_option_words(t, common) for t in sentences]
    whole = set().union(*said) if said else set()
    if len(whole & rejected) < ARGUED_WORDS or len(whole & rejected) <= len(whole & taken):
        return None
    return next(i for i, words in enumerate(said) if words & rejected)


_PREMISE = re.compile(
    r"\b(?:let's say|suppose|imagine|what if)\b[^.?!]*?\byou (?:were|had been)\b"
    r"(?:\s+the one (?:who|that) (?:was|were))?\s+([^.?!,]+)"
)
"""A twist's premise about the candidate ("Let's say it later turned out you were the one
who was wrong"): what it says of them ("wrong")."""
PREMISE_SAID_AS = {
    "wrong": (
        "my mistake",
        "a mistake",
        "mistaken",
        "misjudged",
        "misread",
        "my fault",
        "not right",
        "wasn't right",
        "he was right",
        "she was right",
        "they were right",
        "turned out i",
        "turns out i",
    ),
}
"""How a premise's word is taken up in other words ("I was wrong": "my mistake", "he was
right after all")."""


def premise_taken(change: ConstraintChange, sentences: Sequence[str]) -> int | None:
    """Index of the sentence with which an answer to a twist with a premise about the
    candidate ("…you were the one who was wrong") takes that premise: it says what the
    premise says of them, or its equivalent (:data:`PREMISE_SAID_AS`: "my mistake"). None:
    no sentence does; the story told again as it was, with the candidate right, did not
    take the twist up, whatever words of it the story shares ("learned"). -1: the twist
    has no such premise."""
    m = _PREMISE.search(change.say.lower())
    words = (
        [w for w in normalise_text(m.group(1)).split() if w not in _STOP and len(w) >= 4]
        if m is not None
        else []
    )
    if not words:
        return -1
    cues = [normalise_text(c).strip() for w in words for c in (w, *PREMISE_SAID_AS.get(w, ()))]
    return next(
        (
            i
            for i, text in enumerate(sentences)
            if any(f" {c} " in normalise_text(text) for c in cues)
        ),
        None,
    )


_POINTED = re.compile(r"\b(?:that|this|these|those) ([a-z]+)")
"""A thing pointed at as said before ("that cap", "this limit")."""


def names_another(
    sentences: Sequence[str],
    said: str,
    alternatives: Sequence[str],
    context: str = "",
    before: str = "",
) -> bool:
    """``sentences`` point at a thing only another of the question's changes
    (``alternatives``) brings ("I don't think that cap is a good idea" to a change with no
    cap in it): not one this change (``said``), the question (``context``) or the earlier
    answers (``before``) speak of."""
    common = set(normalise_text(context).split()) | _STOP | GENERIC
    known = {w[:5] for w in f"{normalise_text(said)} {before}".split()}
    theirs = {
        w[:5]
        for a in alternatives
        for w in normalise_text(_LABEL.sub("", a)).split()
        if len(w) >= 3 and w.isalpha() and w not in common
    } - known
    return any(
        m.group(1)[:5] in theirs for text in sentences for m in _POINTED.finditer(text.lower())
    )


@dataclass(frozen=True)
class _Meaning:
    close: list[bool]
    """The sentence says the change in other words."""
    restates: list[bool]
    """The sentence is little more than the change said back."""
    echoes: list[bool]
    """The sentence is close to the change said back (a remedy word alone does not make it
    a design)."""
    new: list[bool]
    """The sentence was not said in an earlier answer."""
    whole: bool
    """The answer as a whole is about the change: more than the earlier answers were, or
    more than about any other change of the question."""
    retells: list[bool] | None = None
    """The sentence says the earlier design again in other words (None: no sentence model
    to tell)."""


def _meaning(
    change: ConstraintChange,
    sentences: Sequence[str],
    earlier: Sequence[str],
    embedder: Embedder | None,
    alternatives: Sequence[str] = (),
    context: str = "",
) -> _Meaning:
    n = len(sentences)
    if embedder is None or not sentences:
        before = [set(normalise_text(e).split()) for e in earlier]
        new = []
        for text in sentences:
            w = set(normalise_text(text).split())
            overlap = max((len(w & b) / max(len(w | b), 1) for b in before), default=0.0)
            new.append(overlap < 0.7)
        return _Meaning([False] * n, [False] * n, [False] * n, new, False)
    texts = [spoken_change(change), " ".join(sentences), " ".join(earlier) or "-"]
    texts.append(_own_part(spoken_change(change), context))
    others = [_LABEL.sub("", a.strip()) for a in alternatives]
    vectors = embedder.embed([*texts, *sentences, *earlier, *others])
    change_v, whole_v, before_v, own_v = vectors[0], vectors[1], vectors[2], vectors[3]
    mine = vectors[4 : 4 + n]
    theirs = vectors[4 + n : 4 + n + len(earlier)]
    rivals = vectors[4 + n + len(earlier) :]
    sims = mine @ change_v
    own = mine @ own_v
    before_best = float((theirs @ change_v).max()) if len(theirs) else 0.0
    # a paraphrase says what the change brings, not only the question's words it shares
    # ("people who cancel" is near "…the moment someone opens the cancel page")
    close = [
        bool(
            x >= ACK_SIMILARITY
            or (x >= ACK_PARAPHRASE and x - before_best >= ACK_MARGIN and o >= ABOUT_OWN)
        )
        for x, o in zip(sims, own, strict=True)
    ]
    whole = float(whole_v @ change_v)
    whole_before = float(before_v @ change_v) if earlier else 0.0
    about = whole >= ACK_PARAPHRASE - 0.05 and whole - whole_before >= 2 * ACK_MARGIN
    new = (
        [True] * n if not len(theirs) else ((mine @ theirs.T).max(axis=1) < NEW_SIMILARITY).tolist()
    )
    if len(rivals) and sum(new) * 2 >= n:
        # a new answer nearer this change than any other the question holds is about it,
        # even when the first answer was about the same thing (scoring 500 ads in time)
        # ...and near what the change brings, not only near the question it shares words with
        about = about or (
            whole >= ABOUT_WHOLE
            and whole > float((rivals @ whole_v).max())
            and float(own_v @ whole_v) >= ABOUT_OWN
        )
    retells = (
        [False] * n if not len(theirs) else ((mine @ theirs.T).max(axis=1) >= RETELLS).tolist()
    )
    return _Meaning(
        close,
        [bool(x >= RESTATES) for x in sims],
        [bool(x >= ECHOES) for x in sims],
        new,
        about,
        retells,
    )


def _own_part(said: str, context: str) -> str:
    """What the change says without the question's own words (all of it when that would
    leave nothing)."""
    common = set(normalise_text(context).split())
    own = [w for w in re.findall(r"[\w'%]+", said) if normalise_text(w).strip() not in common]
    return " ".join(own) if own else said


def check_adaptation(
    change: ConstraintChange,
    report: Report,
    context: str = "",
    *,
    earlier: Sequence[Report] = (),
    embedder: Embedder | None = None,
    alternatives: Sequence[ConstraintChange] = (),
    design: bool = True,
    pushed: bool = False,
) -> AdaptationOut:
    """The verdict on ``report``, the answer given after ``change``; ``alternatives`` are
    the question's changes (``change`` itself among them is skipped); ``design`` and
    ``pushed``: see :func:`judge_texts`."""
    sentences = answer_sentences(report)
    before = [s for r in earlier for s, _ in answer_sentences(r)]
    verdict = judge_texts(
        change,
        [t for t, _ in sentences],
        before,
        context=context,
        embedder=embedder,
        alternatives=[c.say for c in alternatives if c.id != change.id],
        rival_remedies=remedies_of(alternatives, change),
        design=design,
        pushed=pushed,
    )
    if change.retell and sentences and _retold(change, report, earlier):
        # "Give me the same story again in one minute", met by a shorter telling that
        # says the story again, however it opens: "Sure, in short." heard as "Cheer and
        # shot." had cost a retelling that said every part of the story 10 points
        verdict = retold_verdict([t for t, _ in sentences])
    elif change.retell and (first := first_telling(earlier)) is not None:
        if told_at_length(change, report.transcript.text, first):
            verdict = not_retold(verdict)
    evidence = None
    if verdict.evidence is not None:
        text, start = sentences[verdict.evidence]
        # a typed answer with no full stop is one "sentence": a quote shows its start
        evidence = Evidence(quote=first_words(text, QUOTE_WORDS), start=start)
    return AdaptationOut(
        constraint=change.id,
        said=change.say,
        acknowledged=verdict.acknowledged,
        revised=verdict.revised,
        held=verdict.held is not None,
        evidence=evidence,
        skipped=not sentences,
        # the design changed, but not for the change: "kept as it was" would be untrue
        kept=verdict.outcome == "kept",
        argued=argued_against(change, [t for t, _ in sentences])
        if verdict.outcome == "kept"
        else "",
        changed_otherwise=verdict.outcome == "otherwise",
        asked=verdict.asked,
    )


REASON_WORDS = 3
"""Words of its own, beyond the refusal and the change said back, that give a refusal a
reason ("we should not redesign for a few games a year")."""


def argued_against(change: ConstraintChange, sentences: Sequence[str]) -> str:
    """How an answer that keeps the design turned the change down: "figures" (a reason with
    figures of its own: "big games are a few hours a year, and ten times the ranker fleet
    would sit idle the rest of it"), "reason" ("paid products in the results will hurt
    trust"), "no reason" ("I disagree with that.") or "" (it argued nothing: "the design
    already handles it")."""
    refusing = [t for t in sentences if refuses(t, change)]
    if not refusing:
        return ""
    said = set(normalise_text(number_text(spoken_change(change))).split())
    # the refusal's own words ("I'd argue against it", "ask finance for more budget"), the
    # design said to stay ("can stay as it is") and the change said back give no reason;
    # what is left of the whole answer does
    rest = " ".join(_without_refusals(t.lower(), change) for t in sentences)
    words = [
        w
        for w in normalise_text(number_text(rest)).split()
        if len(w) >= 3
        and w.isalpha()
        and w not in _STOP | _FILLER | said
        and w not in {"honestly", "think", "that", "this", "with", "idea", "agree", "the"}
    ]
    if len(words) < REASON_WORDS:
        return "no reason"
    numbers = set(numbers_in(normalise_text(join_thousands(spoken_change(change)))))
    own = [q for q in quantities(number_text(rest)) if not set(normalise_text(q).split()) & numbers]
    return "figures" if own else "reason"


REPLAYED = 0.85
"""An answer with at least this share of its content words said before says the earlier
answers again."""
SALIENT_MANY = 4
"""A change with this many distinctive words is taken up by saying two of them."""
RETELL_SHARE = 0.7
"""A retelling is at most this share of the first telling's words..."""
RETOLD_STAGES = 2
"""...and says at least this many of the parts the change asks for again, each described."""
SPOKEN_WORDS_A_SECOND = 2.5
"""What a retelling can say in the time its change gives (150 words a minute)."""


def first_telling(earlier: Sequence[Report]) -> Report | None:
    """The first of ``earlier`` answers with words in it: a skipped opening is no telling
    ("Let's start smaller" then asked for the story), and a retelling measured against
    it was never one."""
    return next((r for r in earlier if r.transcript.text.strip()), None)


def _retold(change: ConstraintChange, report: Report, earlier: Sequence[Report]) -> bool:
    first = first_telling(earlier)
    if report.structure is None or first is None:
        return False
    covered = {s.id for s in report.structure.stages if s.covered}
    quotes = (
        {s.id: s.depth_evidence.quote for s in first.structure.stages if s.depth_evidence}
        if first.structure is not None
        else {}
    )
    told = [t for t, _ in answer_sentences(first)]
    parts = first_parts(quotes, told)
    return retold(change, covered, report.transcript.text, first.transcript.text, parts, told)


RETELLING_STARTS = 6
"""Words of the first sentence a retelling is quoted by ("Sure, short version." is how it
opens, not what it says)."""


_FIGURE_WORDS = set(
    "of the a an to from it its was were had has is at p99 ms msec millisecond milliseconds "
    "s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week "
    "weeks percent % times x per now before".split()
)
"""Words around a figure ("instead of the 25 ms it had"): they change nothing."""


def _said_back(after: str, own: set[str]) -> bool:
    """What follows a change of course (``after``: "instead of 25", "instead of once a
    night") is only figures and the change's own words: the change said back against
    what it replaces ("the budget is now 10 ms instead of 25"), not a new course."""
    clause = re.split(r"[,.;:!?]", after, maxsplit=1)[0]
    tokens = number_text(clause).split()
    figures_or_own = [t for t in tokens if re.fullmatch(r"\d+(?:\.\d+)?", t) or t in own]
    rest = [t for t in tokens if t not in own and t not in _FIGURE_WORDS]
    return bool(figures_or_own) and not [t for t in rest if not re.fullmatch(r"[\d.]+", t)]


def remedies_of(changes: Sequence[ConstraintChange], change: ConstraintChange) -> list[list[str]]:
    """What each of ``changes`` other than ``change`` calls for: keywords and ``met_by``."""
    return [[*c.keywords, *c.met_by] for c in changes if c.id != change.id]


def _mechanisms(change: ConstraintChange, said: str, earlier: Sequence[str]) -> CueIndex:
    """The change's ``met_by`` phrases that say a way of meeting it ("autoscale", "load
    shedding", "exploration slots"), not the change's own words said back ("traffic
    spike", "small creators", "sponsored"), and that the earlier answers did not say."""
    # ...in figures as said: "every two hours" is "every 2 hours" said back
    own = {stem(w) for w in normalise_text(number_text(said)).split()} | {stem(w) for w in GENERIC}
    ways = [
        p
        for p in change.met_by
        if not {stem(w) for w in normalise_text(number_text(p)).split()} <= own
    ]
    if earlier and ways:
        # each on its own: "to human" said inside "go to human review" was said before
        said_before = " ".join(earlier)
        ways = [p for p in ways if not CueIndex({"met": [p]}).hits(said_before)]
    return CueIndex({"met": ways})


def _names_rival_remedies(
    sentences: Sequence[str], change: ConstraintChange, rivals: Sequence[Sequence[str]]
) -> bool:
    """``sentences`` name two remedies another change calls for ("precomputed", "cache")
    and none of ``change``'s own (its keywords and ``met_by`` phrases)."""
    text = " ".join(sentences)
    if CueIndex({"own": [*change.keywords, *change.met_by]}).hits(text):
        return False
    return any(
        len(CueIndex({"rival": list(r)}).hits(text).get("rival", [])) >= RIVAL_REMEDIES
        for r in rivals
        if r
    )


RIVAL_REMEDIES = 2
"""Remedies of another change that make an answer about that change."""


def told_at_length(change: ConstraintChange, text: str, first: Report | str) -> bool:
    """An answer to a change that asks for the telling again, shorter ("…give me the same
    story again in one minute"), that is no shorter: more than :data:`RETELL_SHARE` of the
    first telling's words, and more than the change's time holds, where it gives one."""
    first_text = first if isinstance(first, str) else first.transcript.text
    words = len(text.split())
    if words <= RETELL_SHARE * len(first_text.split()):
        return False
    return change.answer_s is None or words > change.answer_s * SPOKEN_WORDS_A_SECOND


def not_retold(verdict: Verdict) -> Verdict:
    """``verdict`` on an answer :func:`told_at_length`: the twist may be taken in, but
    nothing was told shorter, whatever its words ("Also, to add more detail…", "the
    outcome" once more): the same story at more length was credited as adapting to it."""
    return replace(verdict, revised=False, changed=False, held=None)


def retold_verdict(sentences: Sequence[str]) -> Verdict:
    """The verdict on a retelling (:func:`retold`): the twist taken up, quoted by its first
    sentence of some length, whatever the words around it."""
    start = next((i for i, t in enumerate(sentences) if len(t.split()) >= RETELLING_STARTS), 0)
    return Verdict(True, True, None, start)


def retold(
    change: ConstraintChange,
    covered: Iterable[str],
    text: str,
    first: str,
    parts: Mapping[str, str] | None = None,
    sentences: Sequence[str] = (),
) -> bool:
    """An answer (its ``text``, the stages it ``covered``) tells the first one (``first``)
    again, shorter: the parts the change names come up described, or said again from the
    first telling (``parts``: stage -> its sentence there; see :func:`parts_said`), in
    fewer words. Any other part of the first telling said again counts too (``sentences``:
    the first telling's; see :func:`sentences_said`): a thirty-second version of an
    explanation says the definition and the take-away again, not the opening that framed
    it for its listener. The report and the interviewer judge a retelling by this alone,
    however it opens ("Sure, short version." or "Sure.")."""
    again = parts_said(change.stages, parts or {}, text)
    said = (set(covered) | again) & set(change.stages)
    # each part once, by its sentence in the first telling
    told = {(parts or {})[s] for s in again} | sentences_said(sentences, text)
    words, first_words = len(text.split()), len(first.split())
    enough = min(RETOLD_STAGES, len(change.stages))
    return (len(said) >= enough or len(told) >= RETOLD_STAGES) and (
        words <= RETELL_SHARE * first_words
    )


PART_WORDS = 2
"""Words of a part of the first telling that no other part has ("proposed", "nine",
"percent" of the action), said again, tell that part again."""


def _content(text: str) -> set[str]:
    return {
        stem(w)[:5]
        for w in normalise_text(text).split()
        if len(w) >= 4 and w not in _STOP | GENERIC | _FILLER
    }


def parts_said(stages: Iterable[str], parts: Mapping[str, str], text: str) -> set[str]:
    """Of ``stages``, those whose sentence in the first telling (``parts``: stage ->
    sentence) ``text`` says again, however briefly: it names :data:`PART_WORDS` of the
    words that sentence has and the other parts do not. A terse retelling ("I asked what
    worried him, proposed a nine day test on ten percent, it showed two points more
    retention") may reach no stage's depth of its own, yet tells the story's parts."""
    own = {k: _content(v) for k, v in parts.items()}
    told = _content(text)
    out = set()
    for stage in stages:
        if stage not in own:
            continue
        others = set().union(*(v for k, v in own.items() if k != stage))
        if len((own[stage] - others) & told) >= PART_WORDS:
            out.add(stage)
    return out


def sentences_said(sentences: Sequence[str], text: str) -> set[str]:
    """Of the first telling's ``sentences``, those ``text`` says again, however briefly: it
    names :data:`PART_WORDS` of the words that sentence has and no other one has
    ("Recall: of all the spam, how much we caught." again after "Recall is: of all the spam
    that arrived, how much we caught."). Words every part shares ("precision", "spam")
    tell none of them again."""
    keyed = {str(i): t for i, t in enumerate(sentences)}
    return {keyed[k] for k in parts_said(keyed, keyed, text)}


def first_parts(quotes: Mapping[str, str], sentences: Sequence[str]) -> dict[str, str]:
    """Each stage's quote (``quotes``: stage -> quote, cut with "…") as the whole sentence
    of ``sentences`` it starts (the quote itself when none does)."""
    out = {}
    for stage, quote in quotes.items():
        start = quote.rstrip("…").strip()
        out[stage] = next((t for t in sentences if start and start in t), start)
    return out


def answer_sentences(report: Report) -> list[tuple[str, float | None]]:
    """The answer's sentences with their start times, from the report's words."""
    out: list[tuple[str, float | None]] = []
    current: list[str] = []
    start: float | None = None
    for w in report.transcript.words:
        if not current:
            start = w.start
        current.append(w.text)
        if w.text.rstrip("\"')").endswith((".", "?", "!")):
            out.append((" ".join(current), start))
            current = []
    if current:
        out.append((" ".join(current), start))
    return out


def verdict_at(
    question: Question,
    change: ConstraintChange,
    answers: Sequence[Report | None],
    k: int,
    embedder: Embedder | None = None,
    *,
    pushed: bool = False,
    since: int | None = None,
) -> AdaptationOut:
    """The verdict on ``answers[k]`` (one per turn, None where unanswered) about
    ``change``, against the answers before it (``pushed``: ``answers[k]`` answers the
    interviewer's push on the change; ``since``: the turn that made the change, when
    ``answers[k]`` follows a question about it: that question is no earlier design, and
    the words it asked with, "the sports games", are the change's own)."""
    return check_adaptation(
        change,
        answers[k],
        question.words,
        earlier=[a for a in answers[: k if since is None else since] if a is not None],
        embedder=embedder,
        alternatives=question.constraint_changes,
        design=question.is_design,
        pushed=pushed,
    )


def push_after(turns: Sequence[tuple[str, str, bool]], i: int) -> int | None:
    """Of ``turns`` (kind, target, answered), the one after the change at ``i`` that
    pushed on the same change, if it was answered."""
    change = turns[i][1]
    for k in range(i + 1, len(turns)):
        kind, target, answered = turns[k]
        if kind in ("follow_up", "challenge") and target == change:
            return k if answered else None
    return None


def credit_push(verdict: AdaptationOut, pushed: AdaptationOut | None) -> AdaptationOut:
    """``verdict`` on the answer right after a change, with the design change the answer to
    the push made (``pushed``: its verdict) credited, when the first answer made none."""
    if verdict.revised or pushed is None:
        return verdict
    if not pushed.revised and pushed.held and not verdict.held:
        # pushed, the answer showed with figures that the design meets the change ("five
        # milliseconds for the cache read plus forty for the map is well under one hundred
        # milliseconds"): that is an answer, given late
        return verdict.model_copy(
            update={"held_after_push": True, "push_evidence": pushed.evidence}
        )
    if not pushed.revised:
        # pushed, the answer rebuilt the design for something else: said so, not credited
        if pushed.changed_otherwise:
            return verdict.model_copy(
                update={"changed_otherwise_after_push": True, "push_evidence": pushed.evidence}
            )
        return verdict
    return verdict.model_copy(update={"revised_after_push": True, "push_evidence": pushed.evidence})
