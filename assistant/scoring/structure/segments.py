"""Split a transcript into sentence-like segments with times.

Whisper usually punctuates, but not always: fast or disfluent speech comes
back as long run-ons, and typed notes may have no punctuation at all. Segments
end at sentence punctuation, at a pause of ``pause_s`` or more, and failing
both, at a connective ("so", "and then", "but") once the segment is long.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from assistant.scoring.fillers import HEARD_NAMES
from speech.words import Word, text_of

_SENTENCE_END = (".", "?", "!", "…")
_BREAK_BEFORE = {
    "so",
    "and",
    "but",
    "then",
    "because",
    "also",
    "now",
    "okay",
    "ok",
    "next",
    "first",
    "second",
    "third",
    "finally",
    "yeah",
    "um",
    "uh",
}
_TIES = frozenset(
    "the a an this that these those my our your their its his her of to in on at for by with "
    "be been is are was were very every each per".split()
)
"""A word that ties the next to itself: "you'll be the | first to notice" is no place to
cut, though "first" may open a clause; nor is "come back every | Monday" (cut there, in a
transcript that capitalises, "Monday." was read as a sentence of its own, a heading)."""
MAX_WORDS = 28
_HOLDS = _TIES | frozenset(
    "and or but so it they we i you he she not no will would could should can must may "
    "won't can't don't doesn't didn't isn't wouldn't couldn't shouldn't".split()
)
"""A word the next one finishes ("it won't | fit"): a long segment is not cut after it."""
HOLD_WORDS = 4
"""...for up to this many words past ``MAX_WORDS``."""
RECAP_AFTER = 4
"""A recap run into the words before it opens a sentence of its own once this many words
come before it (:func:`_recap_opens`)."""
SOFT_WORDS = 24
"""A long segment breaks at a comma or a connective only past this many words: a
sentence of 20-odd words is common in speech, and cut in two its reason lands apart
from the choice it justifies."""
RUNS_ON = frozenset({"and", "or"})
"""A heard sentence that opens on one of these without a pause after the full stop
("…press this is junk on something in their inbox. And how often they drag a mail out of
the junk folder.") goes on with the sentence before it: the speech model wrote a full stop
where the speaker only went on to the next item of a list. Read apart, each half said
less than the whole, and one full stop could take a stage from described to named."""
GIVES_REASON = re.compile(
    r"(?:because|'?cause|cuz|since|whereas|otherwise|which|so that|meaning)\b"
)
"""A heard sentence that opens on one of these without a pause after the full stop carries
only the reason for, or the upshot of, the sentence before it ("For the model I'd use
gradient boosted trees. Because the features are tabular…", "…a parallel log of random
unflagged clauses. Since misses never show up in any log."): the speaker said one sentence,
the speech model heard two, and the choice lost the reason that justified it. "So" is not
one of them: a heard "So, …" opens the next step of the answer as often as it finishes
the one before (only a "So" of :data:`GIVES_PURPOSE` or :data:`DRAWS_CHOICE` goes on)."""
GIVES_PURPOSE = re.compile(
    r"so,? (?:that )?(?:(?:we|they|you|it|he|she|i)(?= |'ll)|nothing|nobody|everyone|"
    r"everybody|(?:the|our|their|each|every|any|no|a) (?:\w+ ){0,2}?\w+|\w+s)(?: |(?='))"
    r"(?:can|could|will|won't|'ll|can't|cannot|don't|doesn't|never|only|always|still|"
    r"stays?|keeps?|gets?|has to|have to|needs to|need to)\b"
)
"""A heard sentence that opens on "So" and then says what the sentence before it makes
possible ("So, we can retrain weekly.", "So the model can run on the phone.", "So
reviewers only see the top hundred."): tiny.en wrote a full stop where the speaker said
", so", and the choice lost the purpose that justified it. A "So" that moves on ("So, for
the model, …", "So, to wrap up, …", "So, it's a ranking problem.") is none of these."""
DRAWS_CHOICE = re.compile(
    r"so,? (?:then )?(?:i|i'd|i'll|i've|we|we'd|we'll) (?:just |then |only |still )?"
    r"(?!(?:start|begin|move|go|going|gonna|turn|talk|say|think|like|want|wanna|wrap|sum|"
    r"summari[sz]e|recap|conclude|guess|mean|assume|ask|know|have|had|need|see|look|get|got|"
    r"come|focus|would|will|can|could|should|am|are|was|were|did|do|don't|didn't|not|"
    r"probably|maybe|basically|actually|first|next|now|also)\b)[a-z]"
)
"""...or one that opens on "So" and says what the speaker does for the reason before it
("…only holds addresses that eventually worked. So, I add synthetic errors…", heard for
"…worked, so I'd add synthetic errors"): a choice drawn from that reason. A "So, I'd
start with…", "So, I think…", "So we need…" moves the answer on instead, and "So, I'd also
track…" adds one more thing to it."""
_SINCE_WHEN = re.compile(r"since (?:then|last|launch|the launch|when|yesterday|\d)")
"""A "since" that says when ("Since launch, clicks are up."), not why."""


@dataclass(frozen=True)
class NearMiss:
    """A word the speech model commonly hears in place of one of the design's own words,
    and the words around it that say which was meant."""

    heard: str
    meant: str
    after: frozenset[str]
    """The word before it that makes it the meant word whatever follows ("nightly")."""
    before: frozenset[str]
    """The word after it that makes it the meant word ("… job") when the word before it
    does not make it a verb ("we match jobs to seekers")."""


_NOT_A_MODIFIER = frozenset(
    "i we you they he she it to will would can could should must may might 'd 'll "
    "i'd we'd you'd they'd i'll we'll they'll don't doesn't didn't and or".split()
)
NEAR_MISSES = (
    NearMiss(
        "match",
        "batch",
        after=frozenset(
            "nightly daily weekly hourly monthly overnight offline night night's "
            "monday tuesday wednesday thursday friday saturday sunday".split()
        ),
        before=frozenset(
            "job jobs window windows scoring process processing pipeline pipelines "
            "inference prediction predictions mode cluster run runs export exports update "
            "updates system systems".split()
        ),
    ),
)
"""tiny.en hears "batch" as "match", and sure of it (0.86-0.99 on espeak-ng readings of
"a batch job", "a weekly batch job", "every Saturday a batch job"): "It runs as a match
job after each game." lost the pipeline stage it described, and "Every Saturday match job
rolls the week's transactions…" its deployment."""


def mended(words: Sequence[Word], question_text: str = "") -> list[Word]:
    """The heard ``words`` with each :data:`NEAR_MISSES` word put back where the words
    around it say which was meant ("a match job" is "a batch job"), keeping the speech
    model's confidence in it: a sentence it mostly guessed at stays garbled. A heard word
    the question itself uses is left as heard ("match" in a question on matching jobs to
    seekers is meant)."""
    asked = {_bare(t) for t in question_text.split()}
    out = list(words)
    for i, w in enumerate(words):
        bare = _bare(w.text)
        miss = next((m for m in NEAR_MISSES if m.heard == bare and bare not in asked), None)
        if miss is None:
            continue
        prev = _bare(words[i - 1].text) if i > 0 else ""
        nxt = _bare(words[i + 1].text) if i + 1 < len(words) else ""
        if not (prev in miss.after or (nxt in miss.before and prev not in _NOT_A_MODIFIER)):
            continue
        at = w.text.lower().find(miss.heard)
        meant = miss.meant.capitalize() if w.text[at : at + 1].isupper() else miss.meant
        out[i] = replace(w, text=w.text[:at] + meant + w.text[at + len(miss.heard) :])
    return out


@dataclass(frozen=True)
class Segment:
    """A run of words ``first``..``last`` (inclusive), with the times they span."""

    first: int
    last: int
    text: str
    start: float | None
    end: float | None
    probabilities: tuple[float, ...] | None = None
    """The speech model's confidence in each token of ``text`` (None for typed text)."""
    continues: bool = False
    """It carries on a sentence: it was cut from the words before it only because they
    ran long, or at a pause mid-sentence, so on its own it is a fragment ("on every
    scroll."). A segment after a sentence end or a line end starts a sentence; so does
    one that opens with a capital in a transcript that capitalises (the speech model
    then heard a new sentence and only left out its full stop)."""
    opens_answer: bool = False
    """It is the first sentence of an answer after the first in a session: what it says
    answers the interviewer, not a question the candidate asked at the end of the answer
    before it."""

    @property
    def n_words(self) -> int:
        return self.last - self.first + 1


def _ends_sentence(token: str) -> bool:
    return token.rstrip("\"')”’").endswith(_SENTENCE_END)


def _upper(token: str) -> bool:
    return token.lstrip("\"'“‘(")[:1].isupper()


def _lower(token: str) -> bool:
    """Opens with a small letter: in a transcript that capitalises, what comes after
    "?" or "." then carries the sentence on ("an 'are you okay?' screen", "e.g. the")."""
    return token.lstrip("\"'“‘(")[:1].islower()


def _capital(token: str) -> bool:
    """Opens with a capital letter that says something: not "I", "I'd", "I'll"."""
    return _upper(token) and not _i(token)


def _said_after(words: Sequence[Word], i: int) -> Word | None:
    """The first word after ``words[i]`` that was said, not a filled pause found in the
    audio: "(um)" after "the data we have." is no small letter carrying the sentence on
    (it joined the sentence with the next, and the data it described lost its stage)."""
    for w in words[i + 1 :]:
        if w.text not in HEARD_NAMES:
            return w
    return None


def _capitalises(words: Sequence[Word]) -> bool:
    """The transcript opens its sentences with a capital, as the speech model writes: most
    words after a sentence end (and the first) do. Typed notes in small letters are not
    cased for having a "BERT" or an "ETA" in them: a small letter after their full stop
    opens a sentence ("…so it needs to scale. for data we'd…"), it does not carry one on.
    With no sentence end to go by, any capital that says something will do."""
    said = [w for w in words if w.text not in HEARD_NAMES]  # "(um)" found in the audio
    openers = [w.text for i, w in enumerate(said) if i == 0 or _ends_sentence(said[i - 1].text)]
    openers = [t for t in openers if t.lstrip("\"'“‘(")[:1].isalpha() and not _i(t)]
    if not openers:
        return any(_capital(w.text) for w in words)
    upper = sum(1 for t in openers if _upper(t))
    return upper > 0 and upper >= len(openers) - upper


_FILLERS = frozenset("um umm uh uhh uhm er erm hmm mm".split())
"""A filler after a full stop opens the next sentence, in small letters or not: "…a user
is flagged. uh, we score everyone each night…" is no sentence carried on (the monitoring
said after it went to the model's sentence, and the report quoted the opening for it)."""


_RECAP = re.compile(
    r"(?:(?:so|and|okay|ok|yeah|um|uh),?\s+)*(?:to (?:sum (?:it |this |things )?up|summari[sz]e|"
    r"recap|wrap (?:it |this |things )?up|conclude)\b|(?:in (?:summary|short|sum|conclusion|"
    r"a nutshell|one line)|all in all|overall|putting it (?:all )?together|wrapping up|"
    r"summing up)[,:])"
)
"""The words that open a recap ("So to wrap up…", "and in short: …"): a new sentence,
whether or not the speech model heard one begin there."""
_PREFIXES = frozenset("so and okay ok yeah um uh".split())


def _recap_opens(words: Sequence[Word], j: int) -> bool:
    """A recap opens at ``words[j]`` in the middle of a run of words: "…more trust than a
    hundred missed cheaters so to wrap up, cheap then deep engine analysis…", where the
    speech model wrote no full stop, ran the closing into the sentence before it, and the
    answer lost its summary. A bare "to sum up" opens one after a comma only ("I'd like
    to sum up" does not)."""
    ahead = " ".join(w.text.lower() for w in words[j : j + 7])
    if not _RECAP.match(ahead):
        return False
    return _bare(words[j].text) in _PREFIXES or words[j - 1].text.endswith((",", ";", ":"))


def _only_recap(words: Sequence[Word]) -> bool:
    """``words`` only open a recap ("So to wrap up."): the speech model ended a sentence
    where the speaker went on to the recap itself."""
    said = " ".join(w.text.lower() for w in words if w.text not in HEARD_NAMES)
    said = said.rstrip(".…!") + ","
    m = _RECAP.match(said)
    return m is not None and m.end() >= len(said) - 1


def only_fillers(text: str) -> bool:
    """A sentence of filled pauses alone ("Umm...", "Uh, hmm."): it opens nothing."""
    said = [_bare(t) for t in text.split()]
    return all(not t or t in _FILLERS for t in said)


def _i(token: str) -> bool:
    """ "I", "I'd", "I'll": a capital that says nothing about how sentences open."""
    return bool(re.match(r"I(?:'\w+)?\W*$", token.lstrip("\"'“‘(")))


def _bare(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower())


def split_segments(
    words: Sequence[Word],
    *,
    timed: bool = True,
    pause_s: float = 0.7,
    breaks: Sequence[float] = (),
    line_ends: frozenset[int] = frozenset(),
    answer_starts: Collection[int] = (),
) -> list[Segment]:
    """Segments of ``words``. ``breaks`` are pause onsets measured from the audio;
    ``line_ends`` are indices of words that end a line of typed text;
    ``answer_starts`` the first word of each answer after the first in a session (no
    heard sentence goes on across one);
    ``timed=False`` for transcripts without real timings."""
    segments: list[Segment] = []
    start = 0
    cut = ""  # why the last segment was closed before a sentence end: "length", "pause"
    pause_onsets = sorted(breaks)
    cased = _capitalises(words)

    def close(last: int, *, why: str = "") -> None:
        nonlocal start, cut
        if last < start:
            return
        chunk = words[start : last + 1]
        # "I" opens a clause too, but says nothing about whether a transcript is cased
        opens = not cut or (_upper(chunk[0].text) if cased else cut == "pause")
        segments.append(
            Segment(
                start,
                last,
                text_of(chunk),
                chunk[0].start if timed else None,
                chunk[-1].end if timed else None,
                tuple(w.probability for w in chunk for _ in w.text.split()) if timed else None,
                continues=not opens,
            )
        )
        start = last + 1
        cut = why

    for i, w in enumerate(words):
        if i + 1 == len(words):
            close(i)
            break
        nxt = words[i + 1]
        length = i - start + 1
        said = _said_after(words, i) if _ends_sentence(w.text) else None
        carried = cased and said and _lower(said.text) and _bare(said.text) not in _FILLERS
        run_on = (
            timed
            and said is not None
            and not w.text.rstrip("\"')”’").endswith("?")
            and said.start - w.end < pause_s
            and not any(w.start < p <= said.start for p in pause_onsets)
            and not any(i < k <= i + 1 + _fillers_after(words, i) for k in answer_starts)
            and (_bare(said.text) in RUNS_ON or _gives_reason(words, i) or _lists_on(words, i))
        )
        if (
            timed
            and _ends_sentence(w.text)
            and i not in line_ends
            and nxt.start - w.end < pause_s
            and not any(w.start < p <= nxt.start for p in pause_onsets)
            and _only_recap(words[start : i + 1])
        ):
            continue  # "So to wrap up. Cheap then deep analysis…": the recap goes on
        if (_ends_sentence(w.text) and not carried and not run_on) or i in line_ends:
            close(i)
        elif length >= RECAP_AFTER and _recap_opens(words, i + 1):
            close(i)
        elif (
            timed
            and (
                nxt.start - w.end >= pause_s or any(w.start < p <= nxt.start for p in pause_onsets)
            )
            and length >= 4
        ):
            close(i, why="pause")
        elif length >= SOFT_WORDS and (
            w.text.endswith((",", ";", ":"))
            or (_bare(nxt.text) in _BREAK_BEFORE and _bare(w.text) not in _TIES)
        ):
            close(i, why="length")
        elif length >= MAX_WORDS and (
            _bare(w.text) not in _HOLDS or length >= MAX_WORDS + HOLD_WORDS
        ):
            close(i, why="length")
    if not timed:
        return segments
    return _fragments_joined(words, segments, pause_s, pause_onsets, frozenset(answer_starts))


def _fillers_after(words: Sequence[Word], i: int) -> int:
    """How many filled pauses found in the audio follow ``words[i]``."""
    n = 0
    while i + 1 + n < len(words) and words[i + 1 + n].text in HEARD_NAMES:
        n += 1
    return n


def _gives_reason(words: Sequence[Word], i: int) -> bool:
    """The heard sentence after ``words[i]`` opens with a reason or an upshot
    (:data:`GIVES_REASON`), with the purpose the sentence before serves
    (:data:`GIVES_PURPOSE`) or with the choice it is the reason for (:data:`DRAWS_CHOICE`),
    and is no question of its own ("Which model wins?")."""
    rest = [w.text for w in words[i + 1 : i + 1 + 3 * MAX_WORDS] if w.text not in HEARD_NAMES]
    end = next((k for k, t in enumerate(rest) if _ends_sentence(t)), len(rest) - 1)
    if not rest or rest[end].rstrip("\"')”’").endswith("?"):
        return False
    ahead = " ".join(_bare(t) for t in rest[:4])
    if GIVES_REASON.match(ahead) is not None and not _SINCE_WHEN.match(ahead):
        return True
    said = " ".join(_bare(t) for t in rest[:7] if _bare(t) not in _FILLERS)
    return GIVES_PURPOSE.match(said) is not None or DRAWS_CHOICE.match(said) is not None


LIST_ITEMS = 3
LIST_ITEM_WORDS = 5
_CLAUSE_WORDS = frozenset(
    "i i'd i'll i'm we we'd we'll we're you you'd you'll they they'd they'll it it's he she "
    "is are was were be been will would can could should must do does did has have had "
    "that's there's i've we've you've they've you're they're let's".split()
)
"""Words that make a clause of their own: a heard sentence with none of them is no more
than a run of things named."""


_OPENS_STEP = _BREAK_BEFORE | {"plus", "like", "well"}
"""A heard sentence opening on one of these ("So, …", "First, …", "Plus, …") goes on to
the next step of the answer, not to a list."""


def _lists_on(words: Sequence[Word], i: int) -> bool:
    """The heard sentence after ``words[i]`` only lists things: at least
    :data:`LIST_ITEMS` short items parted by commas and a last "and" or "or", with no
    subject or verb of its own ("The score distribution, the precision on appeals and the
    latency."), nor one that trails off ("…"). It is the list the sentence before it
    announced ("We watch three things:") and the speech model heard the colon as a full
    stop: read alone, the list was credited to whatever stage its words suggest, and the
    announcing sentence said nothing."""
    rest = [w.text for w in words[i + 1 : i + 1 + 3 * MAX_WORDS] if w.text not in HEARD_NAMES]
    end = next((k for k, t in enumerate(rest) if _ends_sentence(t)), None)
    last = rest[end].rstrip("\"')”’") if end is not None else ""
    if not last.endswith(".") or last.endswith("..") or _bare(rest[0]) in _OPENS_STEP:
        return False
    items: list[list[str]] = [[]]
    for t in rest[: end + 1]:
        b = _bare(t)
        if b in ("and", "or") and items[-1]:
            items.append([])
            continue
        if b in _CLAUSE_WORDS:
            return False
        if b and b not in _FILLERS:
            items[-1].append(b)
        if t.endswith(",") and items[-1]:
            items.append([])
    items = [x for x in items if x]
    return len(items) >= LIST_ITEMS and all(len(x) <= LIST_ITEM_WORDS for x in items)


FRAGMENT_WORDS = 3
"""A heard "sentence" this short or shorter that the speaker ran on into without a pause
("…per move we have position, move. Clock time. Plus browser signals…") is a piece of
the sentence before it: the speech model put a full stop where the speaker only paused
at a comma."""
_STANDS_ALONE = frozenset("yes no yeah yep nope okay ok right sure exactly correct".split())


_NO_TOPIC = frozenset(
    "a an one each every about now example instance sure free good real ever long once "
    "all some more less most that this these those it them me us you years year months "
    "month weeks week days day hours hour minutes minute seconds second".split()
)
"""Words after "for" that make it a span, an amount or an aside ("For a year.", "For
now.", "For example."), not the topic of what comes next."""


def _heads(said: Sequence[str]) -> bool:
    """A heard fragment ``said`` heads what comes after it: "For serving." ("For serving:
    we put the model behind an API" heard as two sentences), "For the model.", "As for
    monitoring.", "Data-wise.". The speech model heard the colon as a full stop; the
    fragment names the topic of the sentence after it and belongs with that one, not with
    the sentence before."""
    if said[:2] == ["as", "for"]:
        said = said[1:]
    if not said or len(said) > FRAGMENT_WORDS:
        return False
    if len(said) == 1 and said[0].endswith("wise") and len(said[0]) > 4:
        return True
    topic = said[1:]
    if topic[:1] == ["the"]:
        topic = topic[1:]
    return (
        said[0] in ("for", "regarding")
        and len(topic) >= 1
        and topic[0] not in _NO_TOPIC
        and not any(c.isdigit() for t in topic for c in t)
    )


def _joined(a: Segment, b: Segment) -> Segment:
    """``a`` and the segment ``b`` after it as one sentence, from ``a``'s start (its
    ``continues`` too) to ``b``'s end."""
    return replace(
        a,
        last=b.last,
        text=f"{a.text} {b.text}",
        end=b.end,
        probabilities=(a.probabilities or ()) + (b.probabilities or ()),
    )


def _fragments_joined(
    words: Sequence[Word],
    segments: list[Segment],
    pause_s: float,
    pause_onsets: Sequence[float],
    answer_starts: frozenset[int] = frozenset(),
) -> list[Segment]:
    """``segments`` with each heard fragment (:data:`FRAGMENT_WORDS`) joined to the
    sentence before it, unless a pause or a question parts them, or the fragment is an
    answer of its own ("Yes.", "Okay.") or only filled pauses; a fragment that heads the
    sentence after it (:func:`_heads`) is joined to that one instead."""

    def unparted(a: Segment, b: Segment) -> bool:
        """No pause and no answer's start between ``a`` and the segment ``b`` after it."""
        return (
            a.end is not None
            and b.start is not None
            and b.start - a.end < pause_s
            and not any(a.end < p <= b.start for p in pause_onsets)
            and not any(a.last < k <= b.last for k in answer_starts)
        )

    out: list[Segment] = []
    heading: Segment | None = None
    for k, seg in enumerate(segments):
        if heading is not None:
            seg, heading = _joined(heading, seg), None
        said = [_bare(w.text) for w in words[seg.first : seg.last + 1]]
        said = [t for t in said if t and t not in _FILLERS and t not in HEARD_NAMES]
        nxt = segments[k + 1] if k + 1 < len(segments) else None
        if nxt is not None and _heads(said) and unparted(seg, nxt):
            heading = seg  # "For serving." goes with what is said of serving after it
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and said
            and len(said) <= FRAGMENT_WORDS
            and not (set(said) & _STANDS_ALONE)
            and not prev.text.rstrip("\"')”’").endswith("?")
            and not seg.text.rstrip("\"')”’").endswith("?")
            and unparted(prev, seg)
        ):
            out[-1] = _joined(prev, seg)
            continue
        out.append(seg)
    return out


def sentence_begin(segments: Sequence[Segment], i: int) -> int:
    """The piece that opens the sentence segment ``i`` is part of: a long sentence cut for
    length carries on (``continues``) in the pieces after its first."""
    while i > 0 and segments[i].continues:
        i -= 1
    return i


def sentence_end(segments: Sequence[Segment], i: int) -> int:
    """One past the last piece of the sentence segment ``i`` opens: the pieces a long
    sentence was cut into after it (``continues``) belong to it."""
    j = i + 1
    while j < len(segments) and segments[j].continues:
        j += 1
    return j


def words_from_text(text: str) -> tuple[list[Word], frozenset[int]]:
    """Untimed words of a typed transcript (times are zero and must not be shown),
    and the indices of words that end a line."""
    words: list[Word] = []
    ends: set[int] = set()
    for line in text.splitlines():
        tokens = line.split()
        words.extend(Word(t, 0.0, 0.0, 1.0) for t in tokens)
        if tokens:
            ends.add(len(words) - 1)
    return words, frozenset(ends)


REPEAT_WORDS = 3
"""A sentence this long or longer, said again word for word, is a repeat ("The system is
two stages."); a shorter one ("Yes.", "Okay, next.") may well be said twice on purpose."""
NEAR_REPEAT_WORDS = 6
"""...and one this long or longer is a repeat when it is nearly the same
(:data:`REPEAT_SIMILARITY`)."""
REPEAT_SIMILARITY = 0.85
"""...when its words match an earlier sentence's at this ratio or more, in order: the same
sentence said again, give or take a filler, a "Part 2." or a changed word or two; a
sentence that swaps its figure, its model or its stage ("we retrain the ranker every
week" after "we retrain the retriever every night") is a new one."""


def _words_of(text: str) -> list[str]:
    return [w for w in (_bare(t) for t in text.split()) if w]


def _repeats(words: list[str], bag: frozenset[str], other: list[str], other_bag: frozenset[str]):
    if words == other:
        return True
    if min(len(words), len(other)) < NEAR_REPEAT_WORDS:
        return False
    return (
        len(bag & other_bag) >= REPEAT_SIMILARITY * max(len(bag), len(other_bag))
        and SequenceMatcher(None, words, other, autojunk=False).ratio() >= REPEAT_SIMILARITY
    )


def said_once(segments: Sequence[Segment]) -> list[Segment]:
    """``segments`` without the sentences that repeat an earlier one: an answer pasted
    twice, or a paragraph said again word for word, is judged as said once, so repeating
    yourself adds no stage, depth or credit (nor another "named a stage without saying
    anything specific" finding). A repeat is matched against every earlier sentence, so
    a third saying goes too."""
    kept: list[Segment] = []
    seen: list[tuple[list[str], frozenset[str]]] = []
    for s in segments:
        words = _words_of(s.text)
        if len(words) < REPEAT_WORDS:
            kept.append(s)
            continue
        bag = frozenset(words)
        if not any(_repeats(words, bag, other, other_bag) for other, other_bag in seen):
            kept.append(s)
        seen.append((words, bag))
    return kept
