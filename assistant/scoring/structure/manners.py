"""Sentences that serve no stage of an answer: thanks, a word on the question, a remark
that gives nothing, and a claim about what others do. Said with no word of the speaker's
own besides, they are manners, not design: they are read as no stage, and they lend
their meaning to no neighbour (a thanks before a model named was read as its summary)."""

from __future__ import annotations

import re

from assistant.scoring.structure.substance import Substance

_NON_ANSWER = re.compile(
    r"^(?:(?:um|uh|so|and|well|yeah|yes|okay|ok|but|i think|i guess)[,.]? +)*(?:i don't know|"
    r"i'm not sure|that's it|that's all|that's about it|that's everything|not sure)\b"
)
"""A remark that gives nothing ("I don't know. uh, that's it, I think.", "Yes, I think
that's all, thank you."): said with no word of its own, it serves no stage (it was
quoted as a rambler's problem framing, and a sign-off as a weak answer's framing)."""

_PLEASANTRY = re.compile(
    r"^(?:(?:um|uh|so|and|well|yeah|okay|ok|oh|hi|hello)\W+)*"
    r"(?:(?:thank you|thanks(?! to\b))(?: (?:so|very) much| a lot)?(?: for (?:the|this|that|your) "
    r"question| for having me| for asking| for listening| for your time)?"
    r"|(?:(?:that's|that is|this is|what) )?(?:a |an )?(?:really |very |such an? )?"
    r"(?:great|good|fun|nice|interesting|tough|cool|lovely) (?:question|one|problem))\b"
)
_PLEASANT = frozenset(
    "thank thanks fun great good nice interesting tough cool lovely listening asking "
    "having enjoy enjoyed enjoying love like these happy glad excited opportunity chance "
    "fascinating question problem one".split()
)
"""The words of thanks and praise for the question and the talk: none of them the
speaker's own ("Thanks so much for having me, I enjoy these." was quoted as the data and
the summary, "Oh, great question, thank you for asking." as the framing)."""

_SURE = (
    r"(?:(?:um|uh|so|and|well|yeah|also|but|honestly|actually|i mean)\W+)*"
    r"(?P<hedge>(?:i'm|i am) (?:quite |pretty |very |fairly |100 percent )?"
    r"(?:sure|certain|confident)|i (?:really )?(?:think|believe|guess|bet|know|heard|read)"
    r"|probably|surely)?(?: that)?\W*"
)
_DOING = (
    r"(?:(?:already|also|probably|usually|all|basically|just|exactly|surely) )*"
    r"(?:do|does|did|doing|use|uses|used|using|build|builds|built|run|runs)"
)
_IT = r"(?: (?:it|this|that|them|something (?:like|similar to) (?:this|that|it)|the same))?"
_TAIL = r"(?: (?:this way|that way|like this|like that|too|as well|already|now|today))*\W*$"
_HEARSAY = re.compile(
    rf"^{_SURE}(?:(?:this|that|it)(?: is|'s) (?:exactly |basically |also |probably |just )?"
    rf"(?:what|how) (?P<who>.+?) {_DOING}{_IT}"
    rf"|(?P<subject>.+?) {_DOING}{_IT}){_TAIL}"
)
"""A claim about what others do ("I'm quite sure this is what the big bakery chains in
America already do.", "I think this is what the big companies use.", "Everyone in the
industry already does this."): it names no part of the design, and the sentence model
read the question's words in it as the problem's framing."""

_ANYONE = frozenset("everyone everybody others industry competitors".split())
"""Words that say the doers are others: a claim must name them ("Then the model does
this." tells what the design does)..."""
_OTHERS = _ANYONE | frozenset(
    "other companies company chains firms players giants shops stores banks retailers "
    "businesses".split()
)
"""...or name a group of them and say it is sure of them or that they do it already, too
or this way ("The stores use it." may say who reads the design's output)."""
_ALSO = re.compile(
    r"\b(?:already|too|as well|this way|that way|like this|like that|something like|"
    r"something similar|the same)\b"
)
_MINE = frozenset("i we you our my your".split())
_WHEN = frozenset("now then soon after afterwards later eventually finally since".split())


def _hearsay(text: str, low: str) -> bool:
    m = _HEARSAY.match(low)
    if m is None:
        return False
    who = re.findall(r"[a-z]+", m.group("who") or m.group("subject"))
    if not who or _MINE & set(who):
        return False
    if _WHEN & set(who):
        return False  # "Now everyone on the floor uses it.": a result, said as one
    if _ANYONE & set(who) or (_OTHERS & set(who) and (m.group("hedge") or _ALSO.search(low))):
        return True
    # "This is what Amazon does.": a name said after "this is what" is someone else's
    named = {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", text) if w != "I"}
    return m.group("who") is not None and bool(named & set(who))


def serves_no_stage(sub: Substance, text: str) -> bool:
    """Thanks, a word on the question, a sign-off, or a claim about what others do, said
    with no quantity and no word of the speaker's own besides (a claim may name the
    others): "Thank you for the question, I really like it.", "Yes, I think that's all,
    thank you.", "I'm quite sure this is what the big bakery chains in America already
    do." "Thanks, the issuer then." says which side the design is on, and "This is what
    the big chains do, so we forecast each shop daily" says what the design does."""
    if sub.quantities:
        return False
    low = text.lower().replace("’", "'").strip()
    if _hearsay(text.replace("’", "'").strip(), low):
        return True
    own = [w for w in sub.specifics if w not in _PLEASANT]
    return not own and bool(_NON_ANSWER.search(low) or _PLEASANTRY.match(low))
