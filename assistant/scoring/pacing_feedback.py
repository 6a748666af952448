"""Turn pacing and filler measurements into feedback a candidate can act on.

Every item names the behaviour, a number, and where in the answer it was
heard; wording describes what was said, never the person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from assistant.report import AudioInfo, BudgetOut, Evidence, FeedbackItem, FillersOut
from assistant.report.format import PAUSE_PLACES, clock, counted, seconds
from assistant.scoring.evidence import quote
from assistant.scoring.pacing import PaceSummary, PaceWindow, Pause
from assistant.settings import Settings
from speech.filled_pauses import is_heard
from speech.quality import level_problems
from speech.words import Word

MAX_PAUSE_ITEMS = 3

LEAD_S = 1.0
"""A filler's or a long silence's ▶ starts at most this long before its word: the
moment itself, not the sentence before it (nor a pause before that)."""


def _first_word_at(words: Sequence[Word], t: float) -> int:
    for i, w in enumerate(words):
        if w.end > t:
            return i
    return len(words) - 1


def _window_quote(words: Sequence[Word], window: PaceWindow | None) -> Evidence | None:
    """The words from where a pace window starts (None without a window)."""
    if window is None:
        return None
    return quote(words, _first_word_at(words, window.start), before=0)


MIN_JUDGED_SPAN_S = 20.0
"""Below this much speaking, a pace verdict would say more about the clip than the speaker
(the history shows no rate for such a session either: ``sessions.headline``)."""


COMPARED_SPEECH_S = 10.0
"""A pace window with less talking than this is not compared with the others: in a
fixed-rate synthetic voice, a 6 s last window read 205 wpm against 143-178 for the
rest, "pace swung"."""


def pace_feedback(
    summary: PaceSummary, windows: Sequence[PaceWindow], words: Sequence[Word], s: Settings
) -> list[FeedbackItem]:
    # to one place, as the report keeps it: 135.47 said "135" beside the headline's "136"
    wpm = round(summary.words_per_minute, 1)
    target = f"aim for {s.slow_wpm:.0f}-{s.fast_wpm:.0f}"
    if summary.speaking_span_s < MIN_JUDGED_SPAN_S:
        return [
            FeedbackItem(
                metric="pace",
                severity="info",
                message=f"{wpm:.0f} words per minute over only {_seconds(summary.speaking_span_s)} "
                "of speech: too short to judge pace; answer for at least a minute.",
            )
        ]
    # a window with a few seconds of talk in it (the last one of an answer ended early)
    # reads 40 wpm off from a word or two: stretches are compared on fuller ones
    windows = [w for w in windows if w.speaking_s >= COMPARED_SPEECH_S]
    fastest = max(windows, key=lambda w: w.wpm) if windows else None
    slowest = min(windows, key=lambda w: w.wpm) if windows else None
    shown = round(wpm)  # judged as it is shown: "110 is slow (aim for 110-170)" said nothing
    if shown > s.fast_wpm:
        where = (
            f"; the quickest stretch was {fastest.wpm:.0f} wpm at {clock(fastest.start)}"
            if fastest
            else ""
        )
        return [
            FeedbackItem(
                metric="pace",
                severity="warning",
                message=f"{wpm:.0f} words per minute is fast for a listener to follow "
                f"({target}){where}.",
                evidence=_window_quote(words, fastest),
            )
        ]
    items: list[FeedbackItem] = []
    if shown < s.slow_wpm:
        why = (
            "; the talking itself was quick, so the pauses are what slow it down"
            if summary.articulation_wpm >= s.slow_wpm + 20
            else ""
        )
        items.append(
            FeedbackItem(
                metric="pace",
                severity="warning",
                message=f"{wpm:.0f} words per minute is slow ({target}), "
                f"{summary.articulation_wpm:.0f} wpm while talking{why}.",
                evidence=_window_quote(words, slowest),
            )
        )
    else:
        items.append(
            FeedbackItem(
                metric="pace",
                severity="good",
                message=f"{wpm:.0f} words per minute is an easy pace to follow "
                f"({summary.articulation_wpm:.0f} wpm while talking).",
            )
        )
    if len(windows) >= 3 and fastest and slowest and fastest.wpm - slowest.wpm > 60:
        items.append(
            FeedbackItem(
                metric="pace_variation",
                severity="info",
                message=f"Talking pace swung from {slowest.wpm:.0f} wpm "
                f"(at {clock(slowest.start)}) to {fastest.wpm:.0f} wpm "
                f"(at {clock(fastest.start)}); rushing often marks the parts you are least "
                "sure of.",
                evidence=_window_quote(words, fastest),
            )
        )
    return items


def pause_feedback(
    pauses: Sequence[Pause], words: Sequence[Word], s: Settings
) -> list[FeedbackItem]:
    long = [p for p in pauses if p.kind == "long"]
    if not long:
        thinking = sum(1 for p in pauses if p.kind == "thinking")
        return [
            FeedbackItem(
                metric="pauses",
                severity="good",
                message=f"No silence reached {s.long_pause_s:g} s"
                + (
                    f"; {counted(thinking, 'thinking pause')} of {s.thinking_pause_s:g}-"
                    f"{s.long_pause_s:g} s."
                    if thinking
                    else "."
                ),
            )
        ]
    total = sum(p.duration for p in long)
    # "4 long silences" above three of them listed read as one lost: say which are shown
    shown = f" (the {MAX_PAUSE_ITEMS} longest below)" if len(long) > MAX_PAUSE_ITEMS else ""
    items = [
        FeedbackItem(
            metric="pauses",
            severity="warning" if len(long) > 2 or total > 20 else "info",
            message=f"{counted(len(long), 'long silence')} of {s.long_pause_s:g} s or more, "
            f"{total:.1f} s in all{shown}. In an interview, say what you are weighing "
            "instead of going quiet.",
        )
    ]
    longest = sorted(long, key=lambda p: -p.duration)[:MAX_PAUSE_ITEMS]
    for p in sorted(longest, key=lambda p: p.start):
        where = PAUSE_PLACES[p.position]
        anchor = p.before if p.before is not None else (p.after or 0)
        items.append(
            FeedbackItem(
                metric="pauses",
                severity="warning" if p.position == "mid_clause" else "info",
                message=f"{seconds(p.duration)} silence at {clock(p.start)}, {where}.",
                evidence=quote(
                    words, anchor, before=5, after=2, gap_s=s.long_pause_s, lead_s=LEAD_S
                )
                if words
                else None,
            )
        )
    return items


def filler_feedback(
    fillers: FillersOut,
    words: Sequence[Word],
    first_index: dict[str, int],
    s: Settings,
    breaks: frozenset[int] = frozenset(),
    span_s: float | None = None,
) -> list[FeedbackItem]:
    """``breaks``: words that end a line of a typed text (the quote does not cross one);
    ``span_s``: the speaking time, under which a rate a minute says nothing ("1 filler
    (300.0 per minute…)" after 0.3 s)."""
    if fillers.count == 0:
        message = "No filler words."
        if fillers.per_minute is not None:  # heard, not typed: the model may have missed some
            message = (
                "No filler words heard. The speech model misses some soft \u201cuh\u201ds "
                "and \u201cum\u201ds, so replay a stretch of the answer to be sure."
            )
        return [FeedbackItem(metric="fillers", severity="good", message=message)]
    top, top_n = Counter(fillers.by_word).most_common(1)[0]
    rate = fillers.per_minute
    if span_s is not None and span_s < MIN_JUDGED_SPAN_S:
        rate = None
    rate_text = f"{rate:.1f} per minute, " if rate is not None else ""
    severity = "warning" if rate is not None and rate >= s.fillers_per_minute_warn else "info"
    if rate is not None and rate < s.fillers_per_minute_warn / 2:
        severity = "good"
    return [
        FeedbackItem(
            metric="fillers",
            severity=severity,
            message=f"{counted(fillers.count, 'filler')} ({rate_text}"
            f"{fillers.percent_of_words:.1f}% of words); "
            + (
                f"the most frequent was \u201c{top}\u201d ({top_n}\u00d7)."
                if top_n > 1
                else f"\u201c{top}\u201d."
                if fillers.count == 1
                else "each came up once."
            ),
            evidence=quote(
                words,
                first_index[top],
                before=3,
                after=4,
                timed=fillers.per_minute is not None,
                breaks=breaks,
                gap_s=s.long_pause_s,
                lead_s=LEAD_S,
            ),
        )
    ]


def start_feedback(first_word_s: float, words: Sequence[Word], s: Settings) -> list[FeedbackItem]:
    if first_word_s <= s.slow_start_s:
        return []
    return [
        FeedbackItem(
            metric="time_to_first_word",
            severity="info",
            message=f"{first_word_s:.0f} s of silence before the first word. A short "
            "out-loud start (\u201clet me restate the problem\u201d) shows thinking instead "
            "of hiding it.",
            evidence=quote(words, 0, before=0, after=7),
        )
    ]


def budget_feedback(budget: BudgetOut, words: Sequence[Word]) -> list[FeedbackItem]:
    if budget.overrun_s > 0:
        cut = _first_word_at(words, budget.budget_s)
        return [
            FeedbackItem(
                metric="budget",
                severity="warning",
                message=f"Ran {clock(budget.overrun_s)} over the {clock(budget.budget_s)} budget; "
                f"this is where time ran out.",
                evidence=quote(words, cut, before=2, after=6),
            )
        ]
    share = budget.used_s / budget.budget_s if budget.budget_s else 1.0
    if share < 0.5:
        return [
            FeedbackItem(
                metric="budget",
                severity="info",
                message=f"Used {clock(budget.used_s)} of {clock(budget.budget_s)} ({share:.0%}); "
                "there was time to go deeper on one part.",
            )
        ]
    return [
        FeedbackItem(
            metric="budget",
            severity="good",
            message=f"Finished in {clock(budget.used_s)} of the {clock(budget.budget_s)} budget.",
        )
    ]


def no_words_feedback() -> list[FeedbackItem]:
    """A typed answer (or transcript) with nothing in it: skipped, or empty."""
    return [
        FeedbackItem(
            metric="speech",
            severity="warning",
            message="There was no answer to judge: nothing was said or typed.",
        )
    ]


def audio_feedback(audio: AudioInfo | None) -> list[FeedbackItem]:
    """What to change about the recording when it let the speech be heard badly."""
    if audio is None:
        return []
    said = level_problems(audio.speech_dbfs, audio.noise_dbfs, audio.clipped_share)
    return [FeedbackItem(metric="audio", severity="warning", message=m) for m in said]


UNSURE_P = 0.5
"""A word the speech model wrote with less confidence than this was likely misheard."""
UNSURE_SHARE = 0.3
"""From this share of unsure words on, the transcript is called poorly heard: espeak-ng
answers the benchmarks hear well had 4-22 % (median 12 %); one a tester's high voice read
at 190 wpm, heard as "Users for goin'. Bional similar product.", had 34 %."""
MIN_WORDS_JUDGED = 30


def heard_feedback(words: Sequence[Word]) -> list[FeedbackItem]:
    """A warning when the speech model was unsure of much of what it wrote, quoting its
    longest unsure stretch: every number and quote in the report stands on those words
    (the 190-wpm answer scored 34 heard and 63 typed, and nothing said why)."""
    said = [i for i, w in enumerate(words) if not is_heard(w.text)]
    if len(said) < MIN_WORDS_JUDGED:
        return []
    runs: list[list[int]] = []  # unsure words in a row (heard fillers not breaking one)
    run: list[int] = []
    for i in said:
        if words[i].probability < UNSURE_P:
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    share = sum(map(len, runs)) / len(said)
    if share < UNSURE_SHARE:
        return []
    longest = max(runs, key=len)
    return [
        FeedbackItem(
            metric="audio",
            severity="warning",
            message=f"The speech model was unsure of {share:.0%} of the words it wrote, so "
            "quotes, fillers and the structure score may be off. Speak a little slower and "
            'nearer the microphone; a bigger speech model hears more (see "Speech-to-text '
            'model" in the README).',
            evidence=quote(words, longest[0], longest[-1], before=1, after=1),
        )
    ]


def no_speech_feedback() -> list[FeedbackItem]:
    return [
        FeedbackItem(
            metric="speech",
            severity="warning",
            message="No speech was found in the recording. Check the microphone level "
            "and try again.",
        )
    ]


def _seconds(s: float) -> str:
    """ "0.4 s", not "0 s", for a clip under a second; whole seconds from there."""
    return f"{s:.1f} s" if s < 1 else f"{s:.0f} s"
