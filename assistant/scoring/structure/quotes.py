"""Which sentences may be quoted as evidence of a stage.

A stage is found by reading each sentence beside its neighbours: "and when." finishes
the framing sentence before it. A quote, though, is read on its own, so the sentence
shown for a stage must say that stage by itself: read alone it still serves the stage;
it is a whole sentence, or a long piece of one (shown after "…"), not a short piece cut
for length ("on every scroll.") nor two words; it is not a question ("Is that fair?"
says nothing about any stage); and for a stage described or justified it says
something specific of its own, not filler. A clarifying question may stand for the
opening stage when it is specific ("are we the card issuer or the payment
processor?"): asking it is how framing is done.

An open question the speaker answers at once is quoted with its answer, and the two are
read together: "What do we learn from? Every past order tells us when it was placed..."
says data where the answer alone might not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.scoring.structure.segments import Segment
from assistant.scoring.structure.serving import serving
from assistant.scoring.structure.substance import Substance

MIN_WORDS = 3
"""Fewer words than this are a fragment ("two steps.", "retrain daily")."""
MIN_DESCRIBED_WORDS = 5
"""A quote for a described or justified stage is at least this long."""
_OPENERS = r"(?:(?:so|and|but|ok|okay|um|uh|well|now|then|right),?\s+)*"
_QUESTION = re.compile(
    r"^" + _OPENERS + r"(?:(?:how|what|where|which|who|why|when)\s+(?:do|does|did|is|are|was|"
    r"were|would|will|can|could|should|shall|might|must|much|many|long|often|exactly|"
    r"kind|sort)\b|(?:is|are|was|were|do|does|did|can|could|should|would|will|shall|may|"
    r"might)\s+(?:that|this|it|we|i|you|they|there|the|these|those)\b)"
)
QUESTION_WORDS = 12
"""An unpunctuated sentence opening like a question ("how do we know it works") is read
as one up to this length; longer, it is usually a statement ("how we ... is ...")."""


_OPEN = re.compile(r"\b(?:what|what's|where|how|which|who|why|when)\b")
OPEN_WORDS = 6
"""An open question asks its wh-word within this many words ("so for serving, how fast
does it need to answer?")."""


def is_question(text: str) -> bool:
    """A question: it ends with a question mark, or (for speech written without
    punctuation) it is short and opens like one."""
    t = text.strip().rstrip("\"')”’")
    if t.endswith("?"):
        return True
    if t.endswith((".", "!", "…")):
        return False
    low = " ".join(t.lower().split())
    return len(low.split()) <= QUESTION_WORDS and bool(_QUESTION.match(low))


MIN_PIECE_WORDS = 8
"""A piece of a sentence (cut from it because it ran long, or at a pause mid-sentence)
stands on its own from this many words: "…and every new model version runs in silent
mode for a week before it can remove anything" says deployment by itself, "on every
scroll." does not. Speech needs this: the speech model often runs several sentences
together without a full stop, and what they say is only ever in such pieces."""


_WHY = re.compile(r"^" + _OPENERS + r"(?:why|how come)\b")


def asks_why(text: str) -> bool:
    """A question that asks why ("Why not one big LLM?", "And why two stages?"): said
    after a choice, it asks for the choice's reason, and the answer after it gives one."""
    return is_question(text) and bool(_WHY.match(" ".join(text.lower().split())))


def is_fragment(seg: Segment) -> bool:
    """Too short to stand on its own: under three words, or a short piece of a sentence."""
    n = len(seg.text.split())
    return n < MIN_WORDS or (seg.continues and n < MIN_PIECE_WORDS)


def quotable(seg: Segment, sub: Substance, level: int, *, opening: bool = False) -> bool:
    """``seg`` may be quoted as evidence of a stage at depth ``level`` (1 named, 2+
    described): a whole sentence or a long piece of one, heard clearly, not a question
    (except a specific one for the ``opening`` stage), and specific and long enough for
    a level of 2 or more."""
    if sub.garbled or is_fragment(seg):
        return False
    if level >= 2 and (not sub.described or len(seg.text.split()) < MIN_DESCRIBED_WORDS):
        return False
    if is_question(seg.text):
        return opening and sub.described
    return True


def answered_questions(segments: Sequence[Segment], alone: Sequence[dict[str, float]]) -> list[int]:
    """For each segment, the first segment of its quote: the question right before it
    when it answers one, else itself. A whole sentence answers the whole question before
    it when that is an open question that, read alone, asks about a stage ("Where do
    labels come from?"); "Is that fair?" checks in, and what follows is not its answer;
    nor is the first sentence of the next answer in a session, which answers the
    interviewer ("And how many minutes before the game do we know?" closing one answer is
    not quoted with the next one's "Our system is already designed for scale…")."""
    out = []
    for i, seg in enumerate(segments):
        prev = segments[i - 1] if i else None
        answers = (
            prev is not None
            and not prev.continues
            and not seg.continues
            and not seg.opens_answer
            and is_question(prev.text)
            and bool(_OPEN.search(" ".join(prev.text.lower().split()[:OPEN_WORDS])))
            and not is_question(seg.text)
            and any(serving(alone[i - 1], k) for k in alone[i - 1])
        )
        out.append(i - 1 if answers else i)
    return out


_EXAMPLE = re.compile(r'(?:"[^"]*"|“[^”]*”)')
EXAMPLE_WORDS = 3
"""Words in quotation marks, this many or more, are words read out, not the speaker's
own: an example summary ("like \"most reviewers say the battery lasts two days\""), a
query a shopper types, what a user might say."""


def own_words(text: str) -> str:
    """``text`` without the words it reads out in quotation marks (:data:`EXAMPLE_WORDS`
    or more): "…with counts, like "most reviewers say the battery lasts two days"" gives
    an example of the output, and its "lasts two days" is no constraint of the design. A
    word or two in quotation marks ("a "good" example") stays."""

    def cut(m: re.Match[str]) -> str:
        return "" if len(m.group(0).split()) >= EXAMPLE_WORDS else m.group(0)

    return " ".join(_EXAMPLE.sub(cut, text).split())


def quote_text(segments: Sequence[Segment], start: int, end: int) -> str:
    """The words of the quote that runs from segment ``start`` to ``end``: an answer
    after the question it answers (:func:`answered_questions`), or one segment."""
    return " ".join(s.text for s in segments[start : end + 1])
