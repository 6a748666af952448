"""What a feedback line may say is missing: never what the sentence it quotes says.

"You named success metrics ("I would measure the money lost to fraud and how many good
payments we wrongly block because blocking a real customer loses the sale") but not …
which mistake costs more" denied what its own quote said. A stage's missing detail is
cut into its parts ("which number you would compute offline and online", "which mistake
costs more"), and each part the quoted sentence already says is left out of the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.scoring.structure.substance import Substance

_MISTAKE = re.compile(
    r"\b(?:mistakes?|errors?|wrong(?:ly)?|false(?:ly)?|miss(?:es|ed|ing)?|late|early|"
    r"waste[ds]?|wasting|empty shel\w+|runs? out|running out|ran out|stock ?outs?|"
    r"(?:over|under)-?(?:order|stock|predict|estimat|forecast)\w*|too (?:many|few|much|little)|"
    r"(?:block|delete|remove|hide|reject|decline|flag|ban|cancel)\w* (?:an? |the |their )?"
    r"(?:real|good|genuine|legit\w*|honest|innocent|normal))\b"
)
"""A kind of mistake the system can make: a false alarm, a miss, a late or early
estimate, food wasted, a real customer blocked."""
_COSTS_MORE = re.compile(
    r"\b(?:costs?|hurts?|matters?|is|are|'s|gets?|feels?|be)\s+(?:much |far |a lot |even |way |"
    r"really )?(?:more|worse|less bad|not so bad|cheaper|more expensive|more costly)\b"
    r"|\bworse than\b|\bless bad\b|\b(?:much|far|a lot) more than\b|\bmore than when\b"
)
"""One mistake set above another: "waste costs more", "a missed copy is less bad",
"annoyed when food is late, much more than when it is early"; not an outcome said
with "less" ("The impact is less waste and fewer empty shelves")."""
_WHAT_IT_COSTS = re.compile(
    r"\b(?:los(?:e|es|ing)|lost) (?:the |a |an |their |our |us |its )?(?:sale|sales|customer|"
    r"customers|order|orders|trust|money|revenue|seller|sellers|buyer|buyers|user|users)\b"
    r"|\b(?:is|are|gets?|get|got|will be|would be)\s+(?:really |very |so )?(?:angry|annoyed|"
    r"upset|frustrated|furious)\b|\bchurn"
)
"""What one mistake costs, in plain words: "blocking a real customer loses the sale",
"if I delete a real listing, the seller is angry"."""


def costlier_mistake(text: str) -> bool:
    """``text`` says which mistake costs more, or what one of them costs: a kind of
    mistake, and either one set above another or the price of it."""
    low = text.lower()
    return bool(_MISTAKE.search(low)) and bool(
        _COSTS_MORE.search(low) or _WHAT_IT_COSTS.search(low)
    )


def weighs_mistakes(text: str) -> bool:
    """``text`` sets one kind of mistake against another and says which costs more: "I
    want precision first, because if I delete a real listing, the seller is angry, and a
    missed copy is less bad" weighs precision against recall in plain words."""
    low = text.lower()
    kinds = {m.group(0) for m in _MISTAKE.finditer(low)}
    return len(kinds) >= 2 and bool(_COSTS_MORE.search(low))


_CONSEQUENCE = re.compile(
    r"^(?:(?:and|okay|ok|well|um|uh|yeah)\W+)*(?:so|that's why|that is why|which is why|"
    r"this is why|therefore|hence|for that reason|because of that|that's the reason)\b"
)
"""A sentence that draws on a reason said before it: "…much more than when it is early.
So I would measure how many minutes late…"."""


def draws_on_reason(text: str) -> bool:
    """``text`` opens by drawing on what was said before it ("So…", "That's why…")."""
    return bool(_CONSEQUENCE.match(text.strip().lower()))


Said = Callable[[str, Substance], bool]

_MEASURE = re.compile(
    r"\b(?:how (?:many|much|often|long|fast|late|early|close)|number of|share of|rates?|ratio|"
    r"percent\w*|time|minutes|hours|clicks?|applications?|conversions?|revenue|earnings?|"
    r"earning|sales|precision|recall|auc|ndcg|mae|rmse|mape|errors?|f1|per (?:hour|day|week|"
    r"user|shop|product)|for (?:an |each )?hour)\b"
)
"""A number to compute, in any words: "how many request become finished ride, and the
waiting time of rider", "maybe with clicks, or applications"."""
_SOURCE = re.compile(
    r"\b(?:from|logs?|history|histories|records?|profiles?|database|reports?|tickets?|"
    r"moderators?|label+ers?|annotat\w+|old|past|last (?:year|month|week)s?|"
    r"(?:looked|saved|clicked|bought|applied|watched|rated)(?: at| to)?)\b"
)
"""Where examples or labels come from: "…the profile of the person, like their skills,
and the title of the jobs they looked or saved before"."""
_HOW_LATE = re.compile(r"\b(?:late|later|delay\w*|lag\w*|noisy|noise|wrong\w*|mistakes?)\b")
_SCOPE = re.compile(
    r"\b(?:or not|in scope|out of scope|not in|doesn't count|does not count|counts? as|"
    r"is still|still (?:the )?same|except|excluding|we don't|we do not|not (?:the|a|an) \w+)\b"
)
"""What is in or out: "same item, same seller or not, and small change in the title or the
price is still same item"."""

_WATCHED = re.compile(
    r"\b(?:watch|watching|monitor|monitoring|track|tracking|alert(?:s|ing)? on|keep an eye on|"
    r"look at|check)\s+(?:for\s+)?(?!(?:it|them|things?|everything|performance)\b)"
    r"[^.?!]{0,40}?\b(?:shifts?|drift\w*|complaints?|spikes?|drops?|share|rates?|latency|"
    r"errors?|how (?:many|much|often)|number of|percent\w*|counts?|precision|recall|clicks?|"
    r"conversions?|skips?|reports?|appeals?)\b"
)
"""Something named to watch once live: "I'd watch for complaints, sudden sentiment shifts,
and the share of summaries that fail the faithfulness check"; not "we monitor it"."""

_PARTS: tuple[tuple[re.Pattern[str], Said, str | None], ...] = (
    (re.compile(r"\bwhich mistake costs more\b"), lambda t, s: costlier_mistake(t), None),
    (
        re.compile(r"^which number you would compute offline and online$"),
        lambda t, s: bool(_MEASURE.search(t.lower())),
        "which of them you would compute offline and which online",
    ),
    (re.compile(r"^why\b|\band why\b"), lambda t, s: s.reason, None),
    (re.compile(r"\bthe numbers\b|\bby how much\b"), lambda t, s: s.quantities > 0, None),
    (
        re.compile(r"^where the examples and labels come from$"),
        lambda t, s: bool(_SOURCE.search(t.lower())),
        None,
    ),
    (
        re.compile(r"^what you would watch and what you would do when it fires$"),
        lambda t, s: bool(_WATCHED.search(t.lower())),
        "what you would do when it fires",
    ),
    (re.compile(r"^how late or noisy"), lambda t, s: bool(_HOW_LATE.search(t.lower())), None),
    (
        re.compile(r"^what is in or out of scope$"),
        lambda t, s: bool(_SCOPE.search(t.lower())),
        None,
    ),
)
"""Parts of a stage's missing detail; how to tell that a sentence says one; and what the
line asks instead when it does (None: nothing, the part is left out)."""

_SPLIT = re.compile(r",\s+and\s+|;\s+")


def unsaid(details: str, said: Sequence[tuple[str, Substance]]) -> str | None:
    """``details`` (what a stage lacks, "which number you would compute offline and
    online, and which mistake costs more") less the parts one of the ``said`` sentences
    (each its text and substance) says already, or asked past what it says ("which of
    them you would compute offline and which online"); None when it says them all."""
    parts = _SPLIT.split(details)
    kept = []
    for part in parts:
        for pattern, check, instead in _PARTS:
            if pattern.search(part) and any(check(t, s) for t, s in said):
                part = instead
                break
        if part is not None:
            kept.append(part)
    if not kept:
        return None
    if kept == parts:
        return details
    return ", and ".join(kept)
