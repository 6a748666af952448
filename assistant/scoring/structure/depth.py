"""How deep an answer went on each stage: 0 absent, 1 named, 2 described, 3 justified.

A stage's depth is the best level among the sentences that serve it: a sentence that
only names the stage ("we monitor it for drift") is level 1; one with a concrete choice,
mechanism, number or example is level 2; a described choice tied to a reason or set
against an alternative, in the same sentence or the next one, is level 3. A garbled
sentence serves no stage. The closing stage of a rubric (a recap) is described only by
a sentence that goes back over several stages or says what comes next; an opinion about
one part is not a recap, and a recap has no choice of its own to justify (2 at most).

Sentences are read beside their neighbours to find a stage, but the sentence that
reaches a level is quoted for it, so only one that says the stage on its own can reach
it (:mod:`assistant.scoring.structure.quotes`): read alone it still serves the stage,
and it is a whole sentence, no bare question, and specific for a level of 2 or more.
A sentence that serves a stage only beside its neighbours adds to the stage's strength,
not to its depth.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.scoring.structure.claims import costlier_mistake, draws_on_reason
from assistant.scoring.structure.cues import CueIndex, opens_clause, word_form
from assistant.scoring.structure.quotes import asks_why, quotable
from assistant.scoring.structure.segments import Segment, sentence_begin, sentence_end
from assistant.scoring.structure.serving import SERVES, SERVES_SHARE, serving
from assistant.scoring.structure.steps import took_a_step
from assistant.scoring.structure.substance import (
    DESCRIBED_WORDS,
    Substance,
    content_words,
    defers_weighing,
    names_a_pair,
    one_reason,
    stem,
    takes_a_side,
    weighs_nothing,
)
from rubrics import Rubric, Stage

LEVELS = ("absent", "named", "described", "justified")
RECAP_STAGES = 2
NEXT_STEP_WORDS = 2
"""Words of its own a closing next step needs to say what it would do."""
"""Other stages a closing sentence must go back over to count as a recap."""
_AHEAD = re.compile(
    # "Next, I'd…" opening the sentence, or after a recap's list: "So: detect, embed,
    # search, rerank; next, text refinement"
    r"^(?:so |and |then )?next\s*[,:]|[;,]\s*(?:and |then )?next\s*[,:]|"
    r"\b(?:next step|next steps|next,? i'd|next,? i would|with more time|given more time|"
    r"if i had more|after this|after that i'd|later i'd|i'd explore|i would explore|"
    r"i'd try|i would try|i'd look at|i would look at|i'd work on|i would work on|"
    r"i'd add|i would add|version two|v2|future|follow up|biggest risk|main risk|"
    r"open question|what i'd watch|to improve)\b"
)


_NUMBER = (
    r"(?:(?!(?:19|20)\d\d\b)\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a half|half|a third|"
    r"a quarter|a fifth|a tenth)"
)
CHANGE = re.compile(
    # "zero findings, down from three the year before"
    rf"\b(?:down|up)\s+from\s+(?:about\s+|around\s+|roughly\s+)?{_NUMBER}\b|"
    rf"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?{_NUMBER}\b[^.;]{{0,40}}?\bto\s+"
    rf"(?:about\s+|around\s+|roughly\s+|under\s+|over\s+)?{_NUMBER}\b"
    r"|\b(?:dropped|fell|rose|grew|climbed|went up|went down|cut|reduced|increased|"
    r"decreased|improved|lifted|raised|lowered|shrank|halved|doubled|tripled)\s+"
    rf"(?:\w+\s+){{0,4}}?by\s+(?:about\s+|around\s+|roughly\s+|almost\s+|nearly\s+)?{_NUMBER}\b"
    r"|\b(?:halved|doubled|tripled)\b"
    r"|\bbefore\b[^.]{0,80}\bafter\b"
    # "churned six percent less than the control", "against the twelve percent we promised"
    rf"|\b{_NUMBER}\s+(?:\w+\s+){{0,2}}?(?:less|more|fewer|lower|higher|faster|slower|"
    r"better|worse)\s+than\s+(?:the\s+|our\s+|a\s+)?(?:\w+\s+)?(?:control|baseline|"
    r"holdout|hold-out|old|previous|last|before|target|plan)\b"
    rf"|\bagainst\s+(?:the\s+|a\s+|our\s+)?{_NUMBER}\b[^.;]{{0,40}}?\b(?:promised|"
    r"target|expected|planned|baseline|before)\b"
    # set against what came before, however that is named: "caught twice as many churners
    # as the rule list", "three times as fast as the old job", "four times fewer tickets",
    # "thirty percent more fraud than the vendor's rules"
    rf"|\b(?:twice|{_NUMBER}\s+times)\s+as\s+(?:many|much|few|fast|quick|quickly|often|"
    r"big|large|good|well|accurate|cheap)\b[^.;]{0,60}?\bas\b"
    rf"|\b{_NUMBER}\s+times\s+(?:more|fewer|less|faster|slower|better|higher|lower|cheaper|"
    r"bigger|smaller)\b"
    rf"|\b{_NUMBER}\s+(?:percent\s+|%\s*)?(?:\w+\s+){{0,2}}?(?:less|more|fewer|lower|higher|"
    r"faster|slower|better|worse|cheaper)\s+(?:\w+\s+){0,3}?than\s+(?:the|our|a|an|what|"
    r"before|last|it|they|we|with)\b"
)
"""An outcome measured against where it started or what it was set against: "from six
percent to four", "down from three", "dropped by eighteen percent", "halved", "before the
trial …; after it, …", "six percent less than the control", "against the twelve percent
we promised", "twice as many as the rule list"."""


# What the options did when the case was one's own, said in the past: "the neural network
# was more accurate, a bit better AUC, but it was hard to explain", "their model came out
# cheaper", "the nightly job turned out far simpler to run" -- a case the listener can
# picture, with or without a figure (not a reason: "it was more important to understand";
# nor a habit or a general rule: "it was always better to keep things simple", "historically,
# batch was much cheaper at most companies")
TURNED_OUT = re.compile(
    r"^(?![^.?!]*\b(?:always|usually|often|generally|typically|normally|sometimes|in general|"
    r"in my experience|historically|traditionally|(?:at|for|in) most \w+)\b)"
    r"[^.?!]*?\b(?:was|were|came out|turned out|ended up|proved)\s+"
    r"(?:\w+\s+){0,2}?"
    r"(?:more|less|better|worse|faster|slower|cheaper|pricier|higher|lower|simpler|harder)\b"
    r"(?!\s+(?:important|relevant|likely|useful|necessary|interesting|appropriate)\b)"
)
EXAMPLE = "example"
"""The stage a case of one's own serves: what the options did there is an example."""
TURNED_OUT_SPECIFICS = 2
"""Words of its own a sentence saying how an option turned out needs to describe the case
("the neural network was more accurate, a bit better AUC": "auc", and what it was for)."""


_OPTIONS = re.compile(
    r"\b(?:i|we)\b[^.;]{0,120}?\b(?:proposed|offered|suggested|gave (?:him|her|them|the team|"
    r"my manager)|laid out|set out|put|wrote up|brought|presented|showed (?:him|her|them))\b"
    r"[^.;]{0,40}?\b(?:two|three|a few|"
    r"several|both|the) (?:options|choices|alternatives|paths|plans|ways forward)\b"
    r"|\b(?:i|we) (?:could|can) either\b[^.]{3,80}\bor\b"
)
"""A step that sets the options out for a choice: "I … proposed two options: a simple
rule-based list for the board meeting, …, and the real model three weeks later", "I gave
my manager three options"."""


def lays_out_options(text: str) -> bool:
    """``text`` says the teller set out the options weighed (:data:`_OPTIONS`): the why of a
    step is the options it weighed."""
    return bool(_OPTIONS.search(text.lower().replace("’", "'")))


def measures_change(text: str) -> bool:
    return bool(CHANGE.search(text.lower()))


_TIME = r"(?:days?|weeks?|months?|quarters?|sprints?)"
_STAKES = re.compile(
    r"\b(?:the (?:hard|tricky|difficult|hardest|trickiest) (?:part|thing|bit)|"
    r"what made it (?:hard|tricky|difficult)|the (?:challenge|catch|snag|problem) was|"
    r"the stakes|deadline|"
    # "before the director's budget meeting", "ready for the October orders"
    r"(?:before|ahead of|in time for|ready for|by) (?:the|our|a|an|his|her|their|next|this)\b"
    r"[^.;]{0,40}?\b(?:meeting|release|launch|season|rush|push|peak|review|audit|freeze|"
    r"deadline|orders|demo|quarter|sale|sales|holidays?|conference|board)\b|"
    # "six weeks away", "we only had one quarter", "I had a month", "in two weeks"
    rf"{_NUMBER} {_TIME} (?:away|left|to go)\b|"
    rf"(?:had|have|got|gave me|given) (?:about |only |just |roughly |barely )?"
    rf"(?:{_NUMBER}|a) {_TIME}\b|"
    rf"(?:in|within) (?:about |only |just )?(?:{_NUMBER}|a) {_TIME}\b|"
    # a goal that must not cost something else: "without increasing overstock"
    r"without (?:increasing|hurting|losing|breaking|touching|raising|dropping|adding)|"
    r"either (?:fund|drop|cancel|kill|scrap|approve))"
)
"""What made a task hard: its deadline, its stakes or what stood in the way."""


def states_stakes(text: str) -> bool:
    return bool(_STAKES.search(text.lower().replace("’", "'")))


_AT_STAKE = re.compile(
    r"\bat stake\b|\bthe stakes\b"
    # "a bad model could block thousands of real customers", "was about to cost real money"
    r"|\b(?:could|would|might|was going to|were going to|about to)\s+(?:\w+\s+)?(?:block|"
    r"lose|cost|hurt|break|miss|delay|damage|sink|kill|lock out|turn away)\b"
    r"|\bcost(?:ing)?\s+(?:us\s+|the company\s+)?(?:real\s+|a lot of\s+|serious\s+)?"
    r"(?:money|revenue|customers|clients|sales)\b"
    r"|\bpenalt(?:y|ies)\b|\bfines?\b"
    r"|\bbusiest (?:week|day|month|season|time|period)\b"
    r"|\b(?:the|our|their) (?:biggest|largest|main|most important|key) (?:client|customer|"
    r"partner|account|deal|contract)\b"
    r"|\b(?:the board|board meeting|the regulator|regulators|auditors?|investors|"
    r"series [a-e])\b"
    r"|\b(?:thousands|millions|hundreds) of (?:real |paying )?(?:customers|users|people|"
    r"patients|drivers|merchants|dollars|euros|pounds)\b"
)
"""What was at stake in a story's scene: who stood to lose what, or who was watching (a
deadline is what made the task hard: :data:`_STAKES`)."""


def puts_at_stake(text: str) -> bool:
    return bool(_AT_STAKE.search(text.lower().replace("’", "'")))


def _staked_after(
    i: int, stage: str, segments: Sequence[Segment], strengths: Sequence[dict[str, float]]
) -> bool:
    """The sentence after sentence ``i`` carries on with ``stage`` and says what was at
    stake: "Last year I was the ML engineer on the checkout fraud model at an online
    retailer. Priya wanted to replace it two weeks before Black Friday, when a bad model
    could block thousands of real customers." """
    j = sentence_end(segments, i)
    return (
        j < len(segments)
        and _continues(strengths[j], stage)
        and puts_at_stake(_whole_sentence(segments, j))
    )


def _whole_sentence(segments: Sequence[Segment], i: int) -> str:
    """Segment ``i`` with the rest of its sentence where it was cut for length ("…I'd
    promised a new model | before the spring marketing push.")."""
    return " ".join(s.text for s in segments[i : sentence_end(segments, i)])


PRACTICE = re.compile(
    r"\b(?:since then|ever since|from then on|from that point on|these days|nowadays|"
    # ("right now I'm a data analyst" says where the teller is, not how they work)
    r"(?<!right )now (?:i|we)(?!'m| am|'re| are)|i now|we now|now every|now any|i've since|"
    r"i've started|i started to|"
    r"i always [^.]{0,60}\bnow|"
    # "Now on every project I write down…", "now, before any model, I ask…"
    r"now,? (?:on|for|in|at|with|before|whenever) (?:every|each|any|all|a new)\b|"
    # "I do that on every project now", "i do that a lot now", "every time now"
    r"(?:i|we) (?:still |always )?(?:do|use|ask|write|check|start|run|make|keep|look)\b"
    r"[^.;]{0,50}(?<!right )\bnow\b|"
    r"(?:every|each) (?:time|project|model|launch|team)\b[^.;]{0,20}(?<!right )\bnow\b)"
)
"""A lesson carried into how the teller works now: "since then every project I start
has…", "now I always ask…", "I do that on every project now"."""
PRACTICE_SPECIFICS = 3
"""...said with this many specific words of its own: "since then I communicate better"
names a change, it does not say what is done."""


def changes_practice(text: str, sub: Substance) -> bool:
    """``text`` says what the teller now does, in :data:`PRACTICE_SPECIFICS` words of its
    own beside the words that say it is now ("…a big part of working in data these
    days" gave "days" as one of them)."""
    low = text.lower().replace("’", "'")
    marker = {w for m in PRACTICE.finditer(low) for w in m.group(0).split()}
    own = [w for w in sub.specifics if w.lower() not in marker]
    return len(own) >= PRACTICE_SPECIFICS and says_practice(text)


def practice_said(text: str, sub: Substance) -> bool:
    """The clause of ``text`` that says it is now ("now we always agree on a test before
    a rewrite") says what is done in :data:`PRACTICE_SPECIFICS` words of its own: a
    lesson and its practice at once, in fewer words than a described sentence needs.
    "…, and that's something I've carried with me into every project since then" holds
    the place of a practice; the words of the lesson before it do not fill it."""
    low = text.lower().replace("’", "'")
    clause = next((c for c in re.split(r"[,;:]", low) if PRACTICE.search(c)), "")
    marker = {w for m in PRACTICE.finditer(clause) for w in m.group(0).split()}
    said = set(re.findall(r"[a-z0-9][a-z0-9'+-]*", clause)) - marker
    return sum(1 for w in sub.specifics if w.lower() in said) >= PRACTICE_SPECIFICS


def says_practice(text: str) -> bool:
    """``text`` says how the teller works now ("now on every project I…"), specific or
    not: it speaks for the lesson's stage, however it is worded around it."""
    return bool(PRACTICE.search(text.lower().replace("’", "'")))


PRACTICE_AFTER_SPECIFICS = 2
"""Specific words of its own a sentence after a lesson needs to say what is now done
("Now on every project I check the label dates…"); with the lesson's, the two need as
many as a described sentence (:data:`~assistant.scoring.structure.substance.DESCRIBED_WORDS`)."""


def _practice_after(i: int, segments: Sequence[Segment], substances: Sequence[Substance]) -> bool:
    """The sentence after sentence ``i`` says what the teller now does differently, and
    the two say something specific together: "What I learned is to check label freshness
    first. Now on every project I check the label dates before I touch the model." (one
    reflection in two sentences; joined by ", so now" it was justified already). Or the
    rest of sentence ``i``, cut for length, says it: "…I was too attached to my own
    design, and these days | I do the comparison before I even state my opinion."."""
    j = sentence_end(segments, i)
    lesson = {w for s in substances[i:j] for w in s.specifics}
    if says_practice(_whole_sentence(segments, i)):
        k = j  # the practice is in the lesson's own sentence
    elif j < len(segments):
        i, k = j, sentence_end(segments, j)
    else:
        return False
    said = {w for s in substances[i:k] for w in s.specifics}
    return (
        not any(s.garbled for s in substances[i:k])
        and says_practice(" ".join(s.text for s in segments[i:k]))
        and len(said) >= PRACTICE_AFTER_SPECIFICS
        and len(said | lesson) >= DESCRIBED_WORDS
    )


RESTATE_WORDS = 4
"""Content words a sentence that says it sums up needs to restate a point ("To sum up,
that's it." names the close; it restates nothing)..."""
LEAD_WORDS = 6
"""...and it says it sums up within this many words of its start ("So the main point is,
…"), not in passing ("…and makes things smoother overall")."""
RESTATE_SPECIFICS = 3
"""...and words of its own among them: "It really depends on your needs, and that's the
key takeaway" restates no point..."""
RESTATE_PLAIN_WORDS = 5
"""...or one word of its own among this many words after its lead, when they do not put
the point off (:data:`_PUTS_OFF`): "always check on data the model has not seen"."""
RESTATE_RULE_WORDS = 4
"""...or this many, when it says where the rule holds (:data:`_SCOPED`)."""
_SCOPED = re.compile(
    r"\b(?:only|never|always|unless|until|before|without|instead of|rather than|not|no)\b"
)
"""Words that put a limit on a rule: "judge a model only on data it has not seen", "never
tune on the test set", "check it before you ship"."""
_PUTS_OFF = re.compile(
    r"\bdepends?\b|\bdepending on\b|\bcase by case\b|\bno (?:one|single|right|simple) answer\b"
    r"|\bpros and cons\b|\b(?:it's|it is) (?:complicated|tricky|hard to say)\b"
    r"|\bthe right (?:choice|call|balance|decision|tool|thing|approach)\b"
)
"""A close that says the answer turns on something it does not name: "it really depends
on what your team needs", "both have their pros and cons", "make the right choice"."""
_JUDGES_NOTHING = frozenset(
    """
    good great better best nice important importance key critical crucial essential
    relevant appropriate right proper correct really very big huge definitely obviously
    basically actually decision decisions choice choices thing things stuff lot lots whole
    overall everything kind sort way ways
    """.split()
)
"""Words that weigh a point without saying it: "…choosing between batch and streaming is a
really important decision" says the topic again and that it matters."""


_LANDS = re.compile(
    # "So basically: for something people look at once a day…", "so, yeah, the one thing
    # to take away: …", "So: drift is the world changing under the model…"
    r"^(?:(?:and|okay|ok|well|yeah|um|uh)\W+)*so\b(?:\W+(?:yeah|basically|overall|then|"
    r"really|in the end|all in all|in short))*\s*:"
    # ("So yeah, that's embeddings." signs off; it does not say the point again)
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so)\W+)*(?:basically|in the end|all in all|"
    r"so basically|in general)\s*[,:]"
    # the close named as a heading: "So, summary: cascade, humans in the loop, …",
    # "Recap: …", "Bottom line: …"
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so)\W+)*(?:summary|recap|in sum|bottom line|"
    r"(?:the )?(?:short|quick) version)\s*[:\u2014]"
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so)\W+)*(?:the|my)\s+(?:one\s+|main\s+|big\s+|"
    r"key\s+|real\s+|single\s+)?(?:thing|point|idea|lesson|message|takeaway)\s+(?:to|i'd|i "
    r"want|you should|worth)\b"
    # what the answer comes to, named as it is said: "The lesson: measure the cost of
    # latency in the same unit as the gain", "Lesson learned: …", "What I took away: …",
    # "The takeaway is that…", "Remember: …", "Looking back, the point is simple: …"
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so|looking back|in the end|in hindsight|for me)\W+)*"
    r"(?:(?:the|my|our|one)\s+)?(?:(?:one|main|big|biggest|key|real|single|general|overall|"
    r"simple|most important)\s+)?(?:lesson|lessons|takeaway|takeaways|take-away|moral|point|"
    r"message|rule of thumb)(?:\s+(?:i|we)\s+(?:took|take|learned|learnt|drew|draw)(?:\s+away)?)?"
    r"(?:\s+(?:from\s+(?:it|that|this)|for me|here))?(?:\s+(?:is|was)\b|\s*[:\u2014])"
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so|looking back|in the end|in hindsight)\W+)*"
    r"(?:lessons? learn[et]d?|what (?:i|we) (?:took away|take away|learned|learnt|'d take away|"
    r"would take away)|(?:if you )?remember(?: (?:one|only one|just one) thing)?)\s*[:,\u2014]"
    # what follows from it for the teller: "What I'd do differently: involve the managers…"
    r"|^(?:(?:and|okay|ok|well|yeah|um|uh|so|looking back|in hindsight)\W+)*"
    r"(?:what (?:i|we)(?:'d| would) do differently|(?:if (?:i|we) did it again|next time)"
    r"(?:,? (?:i|we)(?:'d| would))?)(?:\s+(?:is|was))?\s*[:,\u2014]"
)
"""A close said in plain words: "So basically: …", "so, yeah, the one thing to take away:
…", "So: …", "The lesson: …", "What I took away: …" (a sentence that opens on "so" and
restates the answer's words is one too: :func:`lands`)."""
_SO = re.compile(r"^(?:(?:and|okay|ok|well|yeah|um|uh)\W+)*so\b(?! (?:we|i|they|he|she|it)\b)")
"""A sentence that opens on "so", not one that moves the story on ("So we shipped it")."""
LANDING_WORDS = 2
"""Words of the answer before it a closing "So …" sentence says again to restate it ("So
quality against cost, and here the cost side won…" after "a tradeoff between answer
quality and cost")."""


_LEAD = r"^(?:(?:so|okay|ok|well|right|alright|um|uh|and|actually|now)\W+)*"
_LISTENER = (
    r"(?:someone|somebody|anyone|anybody|people|folks|beginners|newcomers|novices|laypeople|"
    r"non-experts|kids|children|(?:a|an|the|my|our|your|any|every|some|new|non-technical)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:analysts?|managers?|pms?|colleagues?|teammates?|engineers?|"
    r"developers?|designers?|executives?|execs?|stakeholders?|students?|beginners?|newcomers?|"
    r"novices?|hires?|interns?|person|people|audience|listeners?|friends?|parents?|"
    r"grandparents?|grandmother|grandma|grandfather|grandpa|child|kids?|customers?|clients?|"
    r"lawyers?|doctors?|nurses?|marketers?|salespeople|salesperson|team|boss|ceo|cto|founders?|"
    r"investors?|readers?|layperson|non-experts?|(?:five|ten|twelve|\d+)[ -]year[ -]olds?|"
    r"users?|someone|anyone))\b"
)
"""Who an explanation is for: "someone who has never trained a model", "a product
manager", "a new analyst on the team", "our sales team", "a twelve-year-old"."""
_FOR_LISTENER = re.compile(
    r"\b(?:(?:explained|told|pitched|aimed|geared|tailored|meant|written)\s+)?"
    r"(?:for|to|at|towards)\s+" + _LISTENER
)
"""...said as whom it is told to: "for someone who…", "aimed at a product manager",
"explained for a new analyst", "to a twelve-year-old"."""
_HEADING = (
    # the subject as a heading, then how or for whom it is told: "Data leakage, in everyday
    # words.", "Okay, gradient descent, for someone who has never trained a model.", "So,
    # the bias-variance tradeoff, aimed at a product manager."
    r"(?:(?:here's|let's do|explaining|on)\s+)?(?P<heading>(?:[\w'-]+\s+){0,3}[\w'-]+),?\s+"
    r"(?:(?:in|with)\s+(?:plain|everyday|simple|normal|ordinary|layman's)\s+(?:words|terms|"
    r"english)\s*(?:[.:!\u2014]|$)"
    r"|(?:(?:explained|told|pitched|aimed|geared|tailored|meant)\s+)?(?:for|to|at|towards)\s+"
    + _LISTENER
    + r"(?:\s+(?:who|that|on|in|at|from|with|new to|joining)\b[^.!?]*)?\s*(?:[.:!?\u2014]|,\s*"
    r"(?:so|and|because|since)\b|$))"
)
_SUBJECT = (
    r"(?:(?:this|my (?:answer|story|example)|the story)(?:'s| is| was) (?:really |all )?"
    r"(?:about|a story about|the story of|a (?:tradeoff|trade off|choice|decision|call) "
    r"(?:between|about|i|we))\b)"
)
_ANNOUNCES = re.compile(
    _LEAD + r"(?:" + _SUBJECT + r"|(?:it|that)(?:'s| is| was) (?:really |all )?(?:about|a "
    r"(?:tradeoff|trade off|choice|decision|call) (?:between|about|i|we))\b"
    r"|(?:i'll|i will|i'm going to|let me|i want to|i'd like to) (?:explain|teach|tell you|"
    r"talk|walk you|go through|describe)\b"
    # the subject as a heading: "Data leakage, in everyday words."
    r"|(?:[\w'-]+\s+){0,2}[\w'-]+,?\s+(?:in|with)\s+(?:plain|everyday|simple|normal|ordinary|"
    r"layman's)\s+(?:words|terms|english)\s*[.:!]"
    # "So, one tradeoff I made was between accuracy and latency, in a project about…",
    # "The tradeoff was speed against accuracy in our product search", "My choice was…"
    r"|(?:one|a|the|my|our) (?:(?:big|main|hard|real|technical|biggest|hardest)\s+)?"
    r"(?:tradeoff|trade off|trade-off|choice|decision|call|dilemma)(?: (?:i|we) (?:made|had to "
    r"make|faced|took))? (?:was|is|came down to|comes down to)\b"
    # the choice said as what happened: "We had to pick between a rules engine and a
    # learned model for flagging returns abuse"
    r"|(?:we|i) (?:had to |needed to |got to )?(?:pick|choose|chose|picked|decide|decided) "
    r"between\b"
    # "Let me take the latency against quality tradeoff in our autocomplete"
    r"|(?:let me|i'll|i will|i want to|i'd like to) (?:take|pick) (?:the|a|an|one) (?:[\w-]+ )"
    r"{0,5}?(?:tradeoff|trade-off|trade off|choice|decision|dilemma)\b"
    # the subject said and defined at once: "Overfitting is when a model memorises…", "Data
    # drift means the world your model sees today…"
    r"|(?:(?:an?|the)\s+)?(?!(?:it|this|that|there|we|i|you|they|he|she)\b)[\w-]+(?:\s+[\w-]+)?"
    r"\s+(?:is|are)\s+(?:basically\s+|just\s+|simply\s+|essentially\s+|really\s+)?(?:when|"
    r"what happens when|how (?:you|we)|a way (?:to|of))\b"
    r"|(?:(?:an?|the)\s+)?(?!(?:it|this|that|there|we|i|you|they|he|she)\b)[\w-]+(?:\s+[\w-]+)?"
    r"\s+means\b)"
)
"""An answer that opens by saying what it is about: "So this is about a choice I made on…",
"It's a tradeoff between answer quality and cost…", "I'll teach you data drift"."""
_NAMES_SUBJECT = re.compile(_LEAD + _SUBJECT)
"""...and of those, the ones that say it wherever they come ("Actually, I should back up.
This is a tradeoff between answer quality and cost…"): "it" and "that" point back to what
was said before them, and "let me explain" mid-answer takes up a point, not the subject."""


_HEADED_SUBJECT = re.compile(_LEAD + _HEADING)
"""An explanation's opening that names its subject as a heading, with how or for whom it
is told (a design's opening "So, a fraud system, for a bank's customers" is its problem,
read by the design's own cues)."""


def heading_subject(text: str) -> str:
    """The subject an opening names as a heading ("Okay, gradient descent, for someone
    who has never trained a model." names "gradient descent"), or ""."""
    found = _HEADED_SUBJECT.search(text.lower().replace("’", "'").lstrip(" \"'("))
    return found.group("heading") if found else ""


def names_listener(text: str) -> bool:
    """``text`` says whom the explanation is for: "…, for someone who has never trained a
    model", "aimed at a product manager", "I'll explain it to a new analyst"."""
    return bool(_FOR_LISTENER.search(text.lower().replace("’", "'")))


def announces(text: str, opening: bool = True, explaining: bool = False) -> bool:
    """``text`` says what the answer is about (:data:`_ANNOUNCES`); ``opening``: it opens
    the answer. Later only "this is about…" says so: "It's about finding the sweet spot"
    mid-answer announces nothing. ``explaining``: the answer is an explanation, whose
    opening may name its subject as a heading with whom it is for (:data:`_HEADED_SUBJECT`:
    "Okay, gradient descent, for someone who has never trained a model.")."""
    low = text.lower().replace("’", "'").lstrip(" \"'(")
    if opening and explaining and _HEADED_SUBJECT.search(low):
        return True
    return bool((_ANNOUNCES if opening else _NAMES_SUBJECT).search(low))


def lands(
    text: str,
    said_before: str = "",
    general: frozenset[str] = frozenset(),
    asked: frozenset[str] = frozenset(),
) -> bool:
    """``text`` opens as the close of an answer: a lead that lands it (:data:`_LANDS`), or
    a plain "So …" that says again :data:`LANDING_WORDS` of the words ``said_before``.
    ``general``: stems of words anyone says of any answer ("model", "time", "basically"),
    which say no point again, unless the question asked about them (``asked``: "speed"
    and "accuracy" in "…for example speed against accuracy…")."""
    low = text.lower().replace("’", "'").lstrip(" \"'(")
    if _LANDS.search(low):
        return True
    if not _SO.match(low):
        return False
    again = _stems(low) & _stems(said_before)
    return len(again - (general - asked)) >= LANDING_WORDS


def says_it_lands(text: str) -> bool:
    """``text`` opens by saying it closes the answer: "So: …", "So basically: …", "All in
    all, …" (:data:`_LANDS`)."""
    return bool(_LANDS.search(text.lower().replace("’", "'").lstrip(" \"'(")))


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text) if len(w) > 3}


AGAIN_WORDS = 3
"""Words of its own the point after a close's heading needs ("That is the whole idea: two
questions about the same net"), when one of them is a word the answer said before it..."""
_SAYS_LITTLE = frozenset(
    "keep make do get use have simple simpler easy easier hard harder clean clear short "
    "small".split()
)
"""...not counting words that say how, not what: "keep curves simple" says little."""
_HEADED = re.compile(r"^[^:\u2014]{0,40}?(?::|\u2014|\s-\s)\s*(?P<point>\S.*)$")
"""...the point said after the heading's colon or dash."""


def _point_again(low: str, said_before: str) -> bool:
    """``low`` (a close that says it is one) goes on, after its heading, to say the point
    in words of its own, one of them a word the answer said before: "Bottom line: train
    only on what you'd really know when you predict" after "…split train and test by
    time"; "To sum up: keep it simple" says no word of the answer again."""
    found = _HEADED.match(low)
    if found is None or not said_before:
        return False
    point = [
        w
        for w in content_words(found.group("point"))
        if w not in _JUDGES_NOTHING and w not in _SAYS_LITTLE
    ]
    before = {word_form(w) for w in content_words(said_before)}
    return len(point) >= AGAIN_WORDS and any(word_form(w) in before for w in point)


def restates_point(
    text: str,
    sub: Substance,
    stage: Stage,
    cues: CueIndex,
    landed: bool = False,
    said_before: str = "",
) -> bool:
    """``text`` opens by saying it sums up, in the stage's own words (``cues``, keyed by
    stage) or in plain ones ("So basically: …"; ``landed``: it closes the answer on a
    plain "So …" that says its words again, :func:`lands`), and restates a point in words
    of its own (:data:`RESTATE_WORDS`, :data:`RESTATE_SPECIFICS`), or after its heading in
    fewer, one of them said before (``said_before``, :func:`_point_again`): no general
    talk, no place held."""
    if sub.echo or sub.placeholder or sub.words < RESTATE_WORDS:
        return False
    opening = " ".join(text.split()[:LEAD_WORDS])  # it opens by saying so, not "…overall"
    said = cues.hits(opening).get(stage.id, [])
    lead = {w for cue in said for w in cue.split()}  # "sum" of "to sum up" is no point
    low = text.lower().replace("’", "'").lstrip(" \"'(")
    opened = _LANDS.search(low)
    if opened is not None:  # "lesson" of "The lesson: …" is no point either
        lead |= set(content_words(opened.group(0)))
    own = [w for w in sub.specifics[sub.quantities :] if w not in lead]
    if not (said or landed or opened):
        return False
    if len(own) >= RESTATE_SPECIFICS:
        return True
    # "The one thing to remember: always check on data the model has not seen": a point
    # said in plain words, most of them ones anyone uses, is still a point; "In short, it
    # really depends on what your team needs" puts the point off
    plain = [w for w in content_words(low) if w not in lead and w not in _JUDGES_NOTHING]
    # "…: judge a model only on data it has not seen": a rule with its limit is a point,
    # in fewer plain words ("…: keep it simple" has none)
    needed = RESTATE_RULE_WORDS if _SCOPED.search(low) else RESTATE_PLAIN_WORDS
    if _PUTS_OFF.search(low) or not own:
        return False
    return len(plain) >= needed or _point_again(low, said_before)


@dataclass(frozen=True)
class StageDepth:
    level: int
    segment: int | None
    """The sentence that reached ``level`` (None when absent)."""
    firm: bool = False
    """The level rests on words that say what the sentence does ("to sum up: ..."), so
    the depth head (:mod:`assistant.scoring.structure.depth_head`) does not lower it."""
    asked: bool = False
    """The level was reached in an answer to the interviewer's follow-up on the stage:
    the depth head may lift it, not lower it (it learned from answers nobody asked)."""
    at_level: tuple[int | None, ...] = ()
    """For each level from 1 up, the sentence to quote for the stage at that level:
    of those that reach it, the one most about the stage (where the depth head lowers
    the level, another sentence may show it better)."""

    def read_at(self, level: int) -> StageDepth:
        """This depth read at ``level`` instead (the depth head lowered or lifted it), with
        the sentence that shows that level."""
        if level == self.level:
            return self
        if level <= 0:
            return StageDepth(0, None, self.firm, self.asked)
        segment = self.at_level[level - 1] if len(self.at_level) >= level else self.segment
        return StageDepth(level, segment, self.firm, self.asked)


def _close_level(
    sub: Substance,
    row: dict[str, float],
    stage: str,
    text: str,
    cues: CueIndex,
    landed: bool = False,
) -> tuple[int, bool]:
    """A recap goes back over several stages, or says it recaps (the stage's own cues, or
    ``landed``: a close that says it lands the answer, "So: …") or what comes next, with
    something specific: then it is described. It has no choice of its own to justify, so
    it goes no deeper. Second: it says it recaps, with something specific."""
    if sub.garbled:
        return 0, False
    others = sum(1 for k, v in row.items() if k != stage and v > 0)
    ahead = bool(_AHEAD.search(text.lower().replace("’", "'")))
    # a next step names what it would do, in few words: "Next, I'd tune that exploration
    # share", "Next: fairness across neighbourhoods"
    step = ahead and len(sub.specifics) - sub.quantities >= NEXT_STEP_WORDS
    # its words for a recap open a clause ("So overall: …"); "an end-to-end audio model"
    # or "100 ms end to end" names no recap
    recap = any(opens_clause(text, c) for c in cues.hits(text).get(stage, []))
    # "So: find close jobs fast, score them carefully, spread people out.": a close that
    # says it lands goes back over the design in a few words of its own
    restated = (
        landed
        and not (sub.echo or sub.placeholder)
        and len(sub.specifics) - sub.quantities >= RESTATE_SPECIFICS
    )
    says_so = ((ahead or recap) and (sub.described or step)) or restated
    # a list of products that touches several stages ("serverless microservices with a
    # vector search, embeddings and transformers") goes back over no design
    swept = others >= RECAP_STAGES and not sub.names_only
    if swept or says_so:
        return 2, says_so
    return 1, False


def speaks_for(
    i: int,
    stage: str,
    rubric: Rubric,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
    level: int = 1,
) -> bool:
    """Sentence ``i`` serves ``stage`` beside its neighbours and, read on its own, still
    does, and may be quoted for it at ``level``."""
    return (
        serving(strengths[i], stage)
        and serving(alone[i], stage)
        and quotable(segments[i], substances[i], level, opening=stage == rubric.stages[0].id)
    )


def reaches(
    i: int,
    stage: str,
    level: int,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """Sentence ``i`` says ``stage`` at ``level`` by its own words: it names it (1),
    describes it (2), or describes it and gives its reason there or right after it (3).
    Used to find another sentence that shows a stage's level as well as the one the
    depth rules chose."""
    sub = substances[i].for_stage(stage)
    if sub.level >= level:
        return True
    return (
        level == 3
        and sub.level == 2
        and _justified_after(i, stage, segments, strengths, substances)
    )


WEIGHING_STAGE = "tradeoffs"
"""The stage a weighing serves: one put off ("we'll balance them") only names it; one
that says what a choice costs describes it (:mod:`depth_head`)."""


SIDE_TAKEN_WORDS = 2
"""A side taken in the next sentence counts with this many words of its own ("We lean
towards trust"), not a bare "I'd go with that"."""


def side_taken_next(i: int, segments: Sequence[Segment]) -> bool:
    """Sentence ``i`` sets two sides against each other and the next one takes a side:
    "The tradeoff here is catching more spam versus hiding real comments. I chose a high
    bar for hiding, since…" weighs as the two said in one sentence do (a speech model
    often cuts such a sentence in two)."""
    j = sentence_end(segments, i)
    if j >= len(segments):
        return False
    sides = " ".join(s.text for s in segments[i:j]).rstrip(" .!")
    taken = " ".join(s.text for s in segments[j : sentence_end(segments, j)])
    return takes_a_side(f"{sides}; {taken}")


def side_taken_after(i: int, segments: Sequence[Segment]) -> bool:
    """Sentence ``i`` sets two sides against each other and takes none of them itself;
    the next sentence does."""
    sides = " ".join(s.text for s in segments[i : sentence_end(segments, i)])
    return not takes_a_side(sides) and side_taken_next(i, segments)


def stage_depths(
    rubric: Rubric,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
    alone: Sequence[dict[str, float]] | None = None,
    landing: frozenset[int] = frozenset(),
    model_talk: frozenset[int] = frozenset(),
) -> dict[str, StageDepth]:
    """``alone``: the strengths with each sentence read on its own (``strengths`` when
    the scorer reads each one alone anyway); ``landing``: the sentences that close the
    answer by saying it again (:func:`lands`); ``model_talk``: sentences whose point is
    the model, which name the opening stage at most."""
    alone = strengths if alone is None else alone
    close = rubric.recap_stage
    close_cues = CueIndex({close: rubric.stages[-1].cues} if close else {})
    restate_cues = CueIndex({st.id: st.cues for st in rubric.stages if st.restates})
    out: dict[str, StageDepth] = {}
    for st in rubric.stages:
        best = StageDepth(0, None)
        best_key = (False, False, 0.0, 0, 0.0)
        reached: list[tuple[int, tuple[bool, bool, float, int, float], int]] = []
        for i, row in enumerate(strengths):
            if not speaks_for(i, st.id, rubric, segments, strengths, alone, substances):
                continue
            sub = substances[i].for_stage(st.id)
            firm = False
            if st.id == close:
                level, firm = _close_level(
                    sub, row, st.id, segments[i].text, close_cues, i in landing
                )
            else:
                level = sub.level
                if level == 2 and _justified_after(i, st.id, segments, strengths, substances):
                    level = 3
                if level == 2 and _justified_before(i, st.id, segments, strengths, substances):
                    level = 3
                if (
                    level >= 2
                    and st.id == COSTS_STAGE
                    and _costs_weighed(i, segments, strengths, substances)
                ):
                    # "…and how many good payments we wrongly block, because blocking a real
                    # customer loses the sale": which mistake costs more is what justifies
                    # a success metric, however plain its words
                    level, firm = 3, True
                whole = _whole_sentence(segments, i)
                if level == 2 and st.measured_change and measures_change(whole):
                    level = 3  # "the late-order rate fell from six percent to four"
                if level == 2 and st.measured_change and says_practice(whole):
                    # what happened next: "…with no spike in blocked payments, and we now
                    # use shadow launches for every model"
                    level = 3
                if level == 2 and st.practice_change and changes_practice(whole, sub):
                    level = 3  # "since then every project I start has a backtest on day one"
                elif level == 1 and st.practice_change and practice_said(whole, sub):
                    # "…, and now we always agree on a test before a rewrite": what is
                    # done now, in words of its own, is the lesson and its practice at
                    # once, in fewer words than a described sentence needs
                    level, firm = 3, True
                elif (
                    level >= 1
                    and st.practice_change
                    and quotable(segments[i], sub, 1)
                    and _practice_after(i, segments, substances)
                ):
                    # the lesson, then what the teller now does because of it: one
                    # reflection said in two sentences
                    level, firm = 3, True
                if (
                    level == 1
                    and st.id == EXAMPLE
                    and TURNED_OUT.search(whole.lower())
                    and len(sub.specifics) >= TURNED_OUT_SPECIFICS
                ):
                    # a story of one's own told as how the options turned out is the
                    # example, figure or not: "The neural network was more accurate, a
                    # bit better AUC, but it was hard to explain to the business team"
                    level, firm = 2, True
                if level == 2 and st.stakes and states_stakes(whole):
                    level = 3  # "…and I had about six weeks before the budget meeting"
                if st.at_stake:
                    # "…two weeks before Black Friday, when a bad model could block
                    # thousands of real customers": a scene is justified by its stakes,
                    # not by any "so" ("…, so most projects get decided by my manager")
                    # (or by the next sentence, carrying on with the scene)
                    staked = puts_at_stake(whole) or _staked_after(i, st.id, segments, strengths)
                    level = 3 if level >= 2 and staked else min(level, 2)
                if (
                    level <= 2
                    and st.restates
                    and restates_point(
                        segments[i].text,
                        sub,
                        st,
                        restate_cues,
                        i in landing,
                        " ".join(s.text for s in segments[:i]),
                    )
                ):
                    # "To sum up, neither number is enough on its own, so…": it says it is
                    # the close, and a point in plain words is what the close owes
                    level, firm = 2, True
            if st.id == WEIGHING_STAGE and level < 3 and side_taken_after(i, segments):
                # "The tradeoff is recall against user trust. We lean towards trust, so
                # only very confident scores hide a comment.": the two sides, then the one
                # taken, weigh as they do said in one sentence (a speech model often cuts
                # it in two); the side taken is what the sentence does, however plain its
                # two sides' words
                taken = substances[sentence_end(segments, i)]
                if not taken.garbled and len(taken.specifics) >= SIDE_TAKEN_WORDS:
                    level, firm = (3 if taken.reason else max(level, 2)), True
            if i in model_talk and st.id == rubric.stages[0].id:
                # "The job matching problem is really a semantic similarity problem, so I
                # would use a large language model…": the model picked for a problem, or
                # how it works, says nothing of whom it serves or what success is
                level, firm = min(level, 1), False
            if (
                level >= 2
                and not firm
                and not quotable(segments[i], sub, level, opening=st.id == rubric.stages[0].id)
            ):
                level = 1  # too short or too general to show for more than naming it
            if st.id == WEIGHING_STAGE and defers_weighing(segments[i].text):
                # "There are tradeoffs, like precision versus recall, accuracy versus
                # latency, we'll balance them": the pairs named, no side taken
                level = min(level, 1)
            said = _whole_sentence(segments, i)
            if st.id == WEIGHING_STAGE and not firm and weighs_nothing(said):
                # "we can use class weights or downsampling", "accuracy should be high, like
                # more than 95%": options listed or a target set, nothing gained or lost
                level = min(level, 1)
            if st.id == WEIGHING_STAGE and not firm and (names_a_pair(said) or one_reason(said)):
                # "We consider the tradeoffs between precision and recall": two sides named,
                # none taken; "…a big model only on the hard cases because running it on
                # everything would be too expensive": a choice with one reason, nothing
                # given up for it
                level = min(level, 1)
            # of two sentences at one level: the one that pins the stage down, then (for
            # a described stage) one mainly about it that is quoted from its start, not a
            # piece cut from the middle of a long sentence, then the one most about it
            whole = level >= 2 and not segments[i].continues and _leads(row, st.id)
            # ...and of two that only name it, one that says something over a remark
            # with no words of its own ("I think that's basically it, yeah.")
            share, strength = _aboutness(row, st.id)
            # a recap that says it is one ("as a next step...") over a sentence swept in
            pinned = firm if st.id == close else pinned_down(row, sub, st.id)
            key = (pinned, whole, share, min(sub.words, 3), strength)
            reached.append((level, key, i))
            if level > best.level or (level == best.level and level and key > best_key):
                best, best_key = StageDepth(level, i, firm and level >= 2), key
        if st.deeds and best.level < 2:
            steps = steps_taken(st.id, rubric, segments, strengths, alone, substances)
            if steps is not None:
                best = StageDepth(2, steps)
                reached.append((2, (True, True, 1.0, 3, 0.0), steps))
        if st.deeds and best.level == 2:
            # "I went to my manager the same day … and proposed two options: a rough list
            # for the board meeting, and the real model three weeks later": the steps'
            # why is the options the teller set out, whichever sentence reads as the step
            laid = next(
                (
                    j
                    for j in range(len(segments))
                    if not segments[j].continues
                    and not substances[j].garbled
                    and lays_out_options(_whole_sentence(segments, j))
                ),
                None,
            )
            if laid is not None:
                best = StageDepth(3, best.segment, True)
                reached.append((3, (True, True, 1.0, 3, 0.0), best.segment))
        at_level = tuple(
            max(((k, i) for lv, k, i in reached if lv >= level), default=(None, None))[1]
            for level in range(1, best.level + 1)
        )
        out[st.id] = StageDepth(best.level, best.segment, best.firm, at_level=at_level)
    return out


STEPS_DESCRIBE = 2
"""Sentences that each say a concrete step the teller took describe a stage with
``deeds`` together..."""
STEP_WORDS = 2
"""...when each has this many words of its own (not "I asked around.")..."""


def steps_taken(
    stage: str,
    rubric: Rubric,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    alone: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> int | None:
    """The sentence to quote for ``stage`` described by steps the teller took, one to a
    sentence: "I made a small comparison document with the pros and cons of each option.
    I also asked another senior engineer for his opinion." Each only names the action
    (too few words of its own), but together they say what was done, as much as "I wrote
    a comparison document, then I ran a benchmark, and I showed the numbers" does in one
    sentence. None when fewer than :data:`STEPS_DESCRIBE` such sentences speak for it, or
    when all they say together is fewer than the words a described sentence needs."""
    steps = [
        i
        for i, seg in enumerate(segments)
        if speaks_for(i, stage, rubric, segments, strengths, alone, substances)
        and took_a_step(_whole_sentence(segments, i))
        and not (sub := substances[i]).placeholder
        and not sub.generic
        and len(sub.specifics) - sub.quantities >= STEP_WORDS
    ]
    said = {w.lower() for i in steps for w in substances[i].specifics}
    if len(steps) < STEPS_DESCRIBE or len(said) < DESCRIBED_WORDS:
        return None
    return max(steps, key=lambda i: (len(substances[i].specifics), -i))


def pinned_down(row: dict[str, float], sub: Substance, stage: str) -> bool:
    """The sentence is mainly about ``stage`` and puts a number or a named technique on
    it ("latency is the main constraint, maybe 100 milliseconds"). Of two sentences at
    one level it is the one quoted: a recap that sweeps over monitoring among other
    stages is not the monitoring sentence."""
    return (
        bool(row)
        and max(row, key=lambda k: row[k]) == stage
        and (sub.quantities > 0 or sub.terms > 0 or sub.models > 0)
    )


LEAD = 0.8
"""A sentence is mainly about a stage when no other stage reads at more than this share
of it (a hair's lead is no lead: "…a cached estimate refreshed every minute, so after"
reads as serving and monitoring alike)."""


def _leads(row: dict[str, float], stage: str) -> bool:
    v = row.get(stage, 0.0)
    return v > 0 and all(w <= LEAD * v for k, w in row.items() if k != stage)


def _aboutness(row: dict[str, float], stage: str) -> tuple[float, float]:
    """How much of what the sentence speaks for is ``stage``, then how strongly."""
    strength = row.get(stage, 0.0)
    return strength / (sum(v for v in row.values() if v > 0) or 1.0), strength


def _justified_after(
    i: int,
    stage: str,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """The reason for sentence ``i``'s choice comes right after it: in the rest of the
    same sentence (cut for length: whatever stage the rest reads as, the reason is this
    sentence's), or in the next sentence while it carries on with ``stage`` or opens
    with its reason ("That's because..."), whatever stage that reads as."""
    j = i + 1
    while j < len(segments) and segments[j].continues:
        if not substances[j].garbled and (substances[j].reason or substances[j].comparison):
            return True
        j += 1
    if j == i + 1 and j < len(segments):
        nxt = substances[j]
        if reason_next(j, segments, substances):
            return True
        return (
            not nxt.garbled
            and (nxt.reason or nxt.comparison)
            and (nxt.answers_back or _continues(strengths[j], stage))
        )
    return False


def _justified_before(
    i: int,
    stage: str,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """Sentence ``i`` draws its choice from the reason given in the sentence before it:
    "Mostly we care about not being late, because people get really annoyed when food is
    late, much more than when it is early. So I would measure how many minutes late…"
    (the reason first, then "So", "That's why", "Therefore"), while that sentence is about
    ``stage`` or about no stage in particular."""
    if i == 0 or segments[i].continues or not draws_on_reason(segments[i].text):
        return False
    before = range(sentence_begin(segments, i - 1), i)
    return any(not substances[k].garbled and substances[k].reason for k in before) and any(
        _continues(strengths[k], stage) for k in before
    )


COSTS_STAGE = "metrics"
"""The stage justified by saying which mistake costs more (the rubric's own words for it)."""
COSTS_AHEAD = 2
"""Sentences after a success metric that may still say which of its mistakes costs more
("…like the error per product per day. But really what matters is waste and empty
shelves. And for fresh food waste costs more.")."""


def _costs_weighed(
    i: int,
    segments: Sequence[Segment],
    strengths: Sequence[dict[str, float]],
    substances: Sequence[Substance],
) -> bool:
    """Sentence ``i`` (a success metric) says which mistake costs more, or one of the
    next sentences does while they carry on with the metrics or describe nothing of
    another stage (a remark on what matters, not the next step of the design)."""
    if costlier_mistake(_whole_sentence(segments, i)):
        return True
    k = sentence_end(segments, i)
    for _ in range(COSTS_AHEAD):
        if k >= len(segments) or not (
            _continues(strengths[k], COSTS_STAGE) or substances[k].level <= 1
        ):
            return False
        if costlier_mistake(_whole_sentence(segments, k)):
            return True
        k = sentence_end(segments, k)
    return False


WHY_ANSWER_WORDS = 2
"""An answer to "Why …?" gives a reason with this many concrete words ("Latency and cost")."""


def reason_next(j: int, segments: Sequence[Segment], substances: Sequence[Substance]) -> bool:
    """Sentence ``j`` gives the reason for the choice in the sentence before it: it opens
    with it ("That's because…") or asks "Why …?" and the next sentence answers."""
    if j >= len(segments):
        return False
    nxt = substances[j]
    return (not nxt.garbled and nxt.reason and nxt.answers_back) or answered_why(
        j, segments, substances
    )


def answered_why(j: int, segments: Sequence[Segment], substances: Sequence[Substance]) -> bool:
    """Sentence ``j`` asks why ("Why not one big LLM?") and the sentence after it answers
    with something specific ("Latency and cost, and a timer must be deterministic."): the
    reason for the choice said before the question, given without a "because"."""
    k = sentence_end(segments, j)
    return (
        j < len(segments)
        and asks_why(segments[j].text)
        and k < len(segments)
        and not substances[k].garbled
        and len(substances[k].specifics) >= WHY_ANSWER_WORDS
    )


def _continues(row: dict[str, float], stage: str) -> bool:
    """The next sentence carries on with ``stage`` (or with no stage in particular)."""
    top = max(row.values(), default=0.0)
    return top < SERVES or row.get(stage, 0.0) >= SERVES_SHARE * top
