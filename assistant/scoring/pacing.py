"""Pacing maths: speech rate, articulation rate, pace over time and pauses.

Pure functions over timed words and the speech regions a VAD found in the
audio. Pauses come from the audio, not from gaps between Whisper's word
timestamps (the word before a pause is stretched over the silence, so gaps
between words miss short pauses and start long ones up to 2 s late).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from assistant.scoring.fillers import HEARD_NAMES, filled_pause
from assistant.scoring.spoken_form import word_weights
from speech.filled_pauses import is_heard
from speech.vad import SpeechRegion
from speech.words import Word

PauseKind = Literal["short", "thinking", "long"]
PausePosition = Literal["sentence_boundary", "clause_boundary", "mid_clause"]
_SENTENCE_END = (".", "?", "!", "…")
_CLAUSE_END = (",", ";", ":", "-", "—")
_FUNCTION_WORDS = set(
    "a an the of to in on at for with from by into onto about as than and or but nor if "
    "that which who whose whom is are was were be been being am will would can could should "
    "shall may might must do does did has have had our your their its my his her this these "
    "those very so such more most less least just".split()
)
_CAN_END = set(
    "do does did is are was were am be been can could will would should shall may might "
    "must has have had this these those that so too on in about for with up out off over "
    "at more most less least her".split()
)
"""Function words that can end a sentence ("…before they do.", "we'd do that.", "…the
labels reviewers agree on. Then for…", "what users care about.", "…even if some get
skipped more. Short version…", "the ones we trust least.", "we asked her.")."""
_CONTINUATIONS = set(
    "and but or nor because since although though while whereas which where that unless until "
    "whether".split()
)
_OPENERS_TOO = set("that where since although though while whereas unless whether".split())
"""Of the continuations, those that open a new sentence when written after a stop with a
capital: "That student gets a perfect score…", a question ("…we did not understand
them. Where do we learn from?"), a clause put first ("Since labels come late, …").
"And", "but", "or", "because" and "which" after a stop still carry the sentence on
("…so. And then…", "…stays small. Which means…")."""


@dataclass(frozen=True)
class PauseThresholds:
    min_pause_s: float = 0.25
    """Silences shorter than this are part of normal articulation."""
    thinking_s: float = 1.0
    """From here a pause is a thinking pause."""
    long_s: float = 2.0
    """From here a pause is a long silence."""

    def kind(self, duration: float) -> PauseKind:
        if duration >= self.long_s:
            return "long"
        if duration >= self.thinking_s:
            return "thinking"
        return "short"


@dataclass(frozen=True)
class Pause:
    start: float
    end: float
    kind: PauseKind
    position: PausePosition
    before: int | None
    """Index of the last word before the pause (None at the very start)."""
    after: int | None
    """Index of the first word after the pause."""

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class PaceWindow:
    start: float
    end: float
    words: int
    speaking_s: float
    """Time in the window not spent in pauses."""

    @property
    def wpm(self) -> float:
        """Pace while talking: pauses are left out, so a long silence does not read as
        slow speech, nor the talk around it as rushing."""
        return self.words * 60.0 / self.speaking_s if self.speaking_s > 0 else 0.0


@dataclass(frozen=True)
class PaceSummary:
    words: int
    speech_start: float
    speech_end: float
    words_per_minute: float
    articulation_wpm: float
    paused_s: float
    between_s: float = 0.0
    """Time between answers laid end to end: not the speaker's (see :func:`between`)."""

    @property
    def speaking_span_s(self) -> float:
        return self.speech_end - self.speech_start - self.between_s


def spoken_weights(words: Sequence[Word]) -> list[float]:
    """How many spoken words each transcribed word stands for: pace is counted on what
    was said, not on the model's tokens (see :func:`word_weights`)."""
    return word_weights(
        [w.text for w in words], [w.probability for w in words], [is_heard(w.text) for w in words]
    )


FILLER_REACH_S = 1.0
"""How far from a run of sound no word covers a filler word Whisper wrote may be stamped
and still be taken for that run's sound (see :func:`rehome_fillers`)."""


def rehome_fillers(regions: Sequence[SpeechRegion], words: Sequence[Word]) -> list[Word]:
    """``words`` with each filler Whisper wrote off the sound it names moved onto it.

    Whisper times a filler word loosely, and how loosely depends on what else the
    decoded piece holds: a recording cut 1.7 s later had its "Umm," at 14.75 s, inside
    "the problem," that followed, where the whole recording had it at 13.91 s, on the
    hum the VAD heard alone at 13.89-14.24 s between two silences. With no word on it
    that hum read as a cough (:func:`worded_regions`), and the 1.4 s pause before it and
    the one after it as one 2.0 s "long silence". A filler word that is the first (or
    last) of several words on a run of sound, with a run no word covers just before (or
    after) it and stamped within ``FILLER_REACH_S`` of it, is that run's. Fillers found
    in the audio ("(um)") are timed from the sound already.
    """
    out = list(words)
    starts = [w.start for w in out]
    reach = max([w.end - w.start for w in out] + [r.end - r.start for r in regions] + [0.0])

    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))

    def on(region: SpeechRegion) -> list[int]:
        lo = bisect_left(starts, region.start - reach) if ordered else 0
        hi = bisect_left(starts, region.end) if ordered else len(out)
        return [i for i in range(lo, hi) if out[i].end > region.start]

    for i, region in enumerate(regions):
        if on(region):
            continue
        for j, first in ((i + 1, True), (i - 1, False)):
            near = on(regions[j]) if 0 <= j < len(regions) else []
            if len(near) < 2:
                continue
            k = near[0] if first else near[-1]
            w = out[k]
            far = w.start - region.end if first else region.start - w.end
            # no word between it and the bare run (one the VAD missed, in the silence)
            other = k - 1 if first else k + 1
            if 0 <= other < len(out):
                o = out[other]
                in_gap = o.start >= region.end if first else o.end <= region.start
            else:
                in_gap = False
            if (
                in_gap
                or w.text in HEARD_NAMES
                or filled_pause(w.text) is None
                or far > FILLER_REACH_S
            ):
                continue
            out[k] = replace(w, start=region.start, end=region.end)
            starts[k] = region.start
            break
    return out


def worded_regions(regions: Sequence[SpeechRegion], words: Sequence[Word]) -> list[SpeechRegion]:
    """Regions that overlap at least one transcribed word.

    A cough, a click or a chair creaking is "speech" to a VAD but not to
    Whisper; it should not split a long silence into two short ones.
    """
    kept = []
    for region in regions:
        if any(w.start < region.end and w.end > region.start for w in words):
            kept.append(region)
    return kept


def find_pauses(
    regions: Sequence[SpeechRegion],
    words: Sequence[Word],
    thresholds: PauseThresholds = PauseThresholds(),
) -> list[Pause]:
    """Silences between speech regions, at least ``min_pause_s`` long, tied to words.

    Silence before the first and after the last speech is not a pause (the
    first is time to first word). A silence that holds a whole word Whisper
    heard but the VAD missed (a soft "um") is split around it.
    """
    pauses: list[Pause] = []
    for left, right in zip(regions, regions[1:], strict=False):
        for start, end in _split_around_words(left.end, right.start, words):
            if end - start < thresholds.min_pause_s:
                continue
            before = _last_word_before(words, start)
            after = before + 1 if before is not None else (0 if words else None)
            if after is not None and after >= len(words):
                after = None
            position = (
                _position(words[before].text, words[after].text if after is not None else "")
                if before is not None
                else "sentence_boundary"
            )
            pauses.append(Pause(start, end, thresholds.kind(end - start), position, before, after))
    return pauses


def _split_around_words(start: float, end: float, words: Sequence[Word]):
    margin = 0.1
    inner = [
        w
        for w in words
        if w.start >= start + margin and w.end <= end - margin and w.end - w.start >= 0.08
    ]
    cursor = start
    for w in inner:
        yield cursor, w.start
        cursor = w.end
    yield cursor, end


def _last_word_before(words: Sequence[Word], t: float) -> int | None:
    """Index of the last word that starts before ``t`` (its end may run over)."""
    found = None
    for i, w in enumerate(words):
        if w.start < t - 0.02:
            found = i
        else:
            break
    return found


def _position(before: str, after: str) -> PausePosition:
    """Where a pause fell, from the words around it.

    Whisper tends to end a sentence at any long pause, so its full stop alone
    is not trusted: a pause after "the" or "of" is mid-clause whatever the
    punctuation, and one before "and"/"because" continues the sentence. "…before they
    do. Uh, for…" ends one: a word that can end a sentence, a stop and a capital.
    """
    stripped = before.rstrip("\"'”’)")
    prev = stripped.strip(".,;:!?…-—").lower()
    nxt = after.strip("\"'“”‘’.,;:!?…-—").lower()
    capital = after.lstrip("\"'“‘(")[:1].isupper()
    new_sentence = stripped.endswith(_SENTENCE_END) and capital
    if prev in _FUNCTION_WORDS and not (prev in _CAN_END and new_sentence):
        return "mid_clause"
    if stripped.endswith(_SENTENCE_END):
        # "…learning the subject. That student gets…": after a stop, a capital "That"
        # opens a sentence; "…the subject, that is…" or "…so. And then…" carry one on
        opens = new_sentence and nxt in _OPENERS_TOO
        return "clause_boundary" if nxt in _CONTINUATIONS and not opens else "sentence_boundary"
    if stripped.endswith(_CLAUSE_END):
        return "clause_boundary"
    if capital and nxt != "i" and nxt not in _CONTINUATIONS:
        return "sentence_boundary"  # Whisper capitalised a new sentence but dropped the stop
    return "mid_clause"


def align_words(words: Sequence[Word], pauses: Sequence[Pause]) -> list[Word]:
    """Pull word edges out of the measured silences.

    Whisper stretches the word before a pause over it (and sometimes starts
    the next word inside it); the VAD knows where the silence really is.
    """
    out = list(words)
    for p in pauses:
        if p.before is not None:
            w = out[p.before]
            if w.end > p.start > w.start:
                out[p.before] = replace(w, end=p.start)
        if p.after is not None:
            w = out[p.after]
            if w.start < p.end < w.end:
                out[p.after] = replace(w, start=p.end)
    return out


def between(pauses: Sequence[Pause], seams: Sequence[float]) -> tuple[list[Pause], list[Pause]]:
    """``pauses`` split into the speaker's own and the silences across ``seams``, the
    times where one answer's recording ends and the next begins: the second before the
    candidate pressed stop and the breath after the next question are no silence left
    in an answer."""
    own, across = [], []
    for p in pauses:
        (across if any(p.start <= t <= p.end for t in seams) else own).append(p)
    return own, across


def pace_summary(
    words: Sequence[Word],
    regions: Sequence[SpeechRegion],
    pauses: Sequence[Pause],
    across: Sequence[Pause] = (),
) -> PaceSummary | None:
    """Speech rate over the speaking span, and articulation rate without pauses;
    silences ``across`` answers (:func:`between`) are in neither."""
    if not words:
        return None
    count = round(sum(spoken_weights(words)))
    if regions:  # the audio knows when speech began and ended better than Whisper does
        start, end = regions[0].start, regions[-1].end
    else:
        start, end = words[0].start, words[-1].end
    gaps = sum(p.duration for p in across)
    span = max(end - start - gaps, 1e-6)
    paused = sum(p.duration for p in pauses)
    speaking = max(span - paused, 1e-6)
    return PaceSummary(
        words=count,
        speech_start=start,
        speech_end=end,
        words_per_minute=count * 60.0 / span,
        articulation_wpm=count * 60.0 / speaking,
        paused_s=paused,
        between_s=gaps,
    )


MIN_WINDOW_SPEECH_S = 4.0
"""Windows with less talking than this (mostly silence) are left out of the series."""


STACK_MIN = 3
"""From this many words in a row stamped at one instant, Whisper gave them no time (see
:func:`stacked`)."""


def stacked(words: Sequence[Word], within_s: float = 0.02) -> set[int]:
    """Indices of words Whisper stamped at one instant, ``STACK_MIN`` or more in a row:
    nobody says three words in 0.02 s, so the decode found no sound for them. A 4-minute
    answer's "Go ahead and see those." was stamped "Go", "ahead", "and" and "see" at
    230.44 s, where nothing was said, and its pace chart showed the window as a burst
    (231 words a minute beside 170-190). A single word of no length ("the" squeezed
    between two others) is ordinary and stays."""
    found: set[int] = set()
    i = 0
    while i < len(words):
        j = i + 1
        while j < len(words) and abs(words[j].start - words[i].start) < within_s:
            j += 1
        if j - i >= STACK_MIN:
            found.update(range(i, j))
        i = j
    return found


def pace_windows(
    words: Sequence[Word],
    start: float,
    end: float,
    window_s: float = 15.0,
    pauses: Sequence[Pause] = (),
) -> list[PaceWindow]:
    """Speaking pace in consecutive windows across the speaking span.

    A last window shorter than a third of ``window_s`` joins the one before,
    so a few closing words do not show up as a sudden change of pace. Words stamped at
    one instant (:func:`stacked`) count in no window.
    """
    if end <= start or not words:
        return []
    edges = [start]
    while edges[-1] + window_s < end:
        edges.append(edges[-1] + window_s)
    edges.append(end)
    if len(edges) > 2 and edges[-1] - edges[-2] < window_s / 3:
        del edges[-2]
    weights = spoken_weights(words)
    for i in stacked(words):
        weights[i] = 0.0
    windows = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        inside = [
            weight
            for w, weight in zip(words, weights, strict=True)
            if lo <= (w.start + w.end) / 2 < hi or (hi == end and (w.start + w.end) / 2 >= hi)
        ]
        paused = sum(max(0.0, min(hi, p.end) - max(lo, p.start)) for p in pauses)
        speaking = (hi - lo) - paused
        if speaking >= MIN_WINDOW_SPEECH_S:
            windows.append(PaceWindow(lo, hi, round(sum(inside)), speaking))
    return windows
