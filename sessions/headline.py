"""The few numbers a history list shows, read from a saved report (the public contract)."""

from __future__ import annotations

from typing import Any

HEADLINE_KEYS = ("wpm", "fillers_per_min", "long_pauses", "structure_score", "duration_s")
JUDGED_SPAN_S = 20.0
"""Less speech than this gives no rate worth keeping ("341 wpm" from three words of a
recording cut short), nor a count of long pauses: the history shows none, and trends
leave them out. The report's
pace verdict waits for the same (``MIN_JUDGED_SPAN_S``)."""
JUDGED_WORDS = 60
"""Fewer words than this (about 25 s of talk), over all the answers, give no structure
score worth keeping: a one-line draft recovered after the app was closed entered the
trends as a whole session scoring 0 ("latest 0 vs baseline 25, worse"), and so did 15 s
of an answer quit mid-way (42 words, 0). A concise typed design of 80 words is scored.
The history shows none; trends leave it out."""


FRAGMENT_SHARE = 1 / 3
"""A session cut short (quit or killed) whose first answer used less of its question's
budget than this is a fragment: 30 s of a 6-minute question, rescored, scored 0 and 22
and read as a fall beside whole interviews."""


def fragment(report: dict[str, Any], *, whole: bool | None = None) -> bool:
    """``report`` is of a session cut short in a first answer that used under a third of
    its budget (:data:`FRAGMENT_SHARE`); ``whole`` as for :func:`headline`."""
    if whole is None:
        whole = not (report.get("interview") or {}).get("cut_short", False)
    return not whole and _fragment(report)


def _fragment(report: dict[str, Any]) -> bool:
    turns = (report.get("interview") or {}).get("turns") or []
    first = (turns[0].get("answer") or {}) if turns else {}
    budget = (first.get("pacing") or {}).get("budget") or {}
    if not budget.get("budget_s"):
        return False
    return budget.get("used_s", 0.0) < FRAGMENT_SHARE * budget["budget_s"]


def headline(report: dict[str, Any], *, whole: bool | None = None) -> dict[str, float | int | None]:
    """``whole``: the session ran to its end; one cut short keeps no structure score
    where its first answer is a fragment (:func:`fragment`), but keeps its pace, fillers
    a minute and long pauses over 20 s of speech, as its report shows them (the trends
    leave a fragment's long pauses out). By default the report says which
    (``interview.cut_short``)."""
    pacing = report.get("pacing") or {}
    fillers = report.get("fillers") or {}
    structure = report.get("structure") or {}
    audio = report.get("audio") or {}
    pauses = pacing.get("pauses") or []
    span = pacing.get("speaking_span_s")
    # a report without a span says nothing short; one that heard no speech has no rates
    # (a silent recording read as "0.0 fillers a minute, better")
    judged = report.get("speech_detected", True) is not False and (
        span is None or span >= JUDGED_SPAN_S
    )
    text = (report.get("transcript") or {}).get("text")
    said = text is None or len(text.split()) >= JUDGED_WORDS  # none: an old report, kept
    # a fragment's structure says little of a whole interview; its pace and fillers a
    # minute are as good as any answer's over the same speech (a finished 30 s answer,
    # quit before the next, showed "—" for every number), and its long pauses were heard:
    # History showed "—" beside a report saying "1 long pause" (4.3 s)
    if fragment(report, whole=whole):
        said = False
    return {
        "wpm": pacing.get("words_per_minute") if judged else None,
        "fillers_per_min": fillers.get("per_minute") if judged else None,
        # 14 s of an answer cut short shows no long pause, which says nothing either
        "long_pauses": (
            sum(1 for p in pauses if p.get("kind") == "long") if pacing and judged else None
        ),
        "structure_score": structure.get("score") if said else None,
        "duration_s": audio.get("duration_s"),
    }


def structure_scored(report: Any) -> bool:
    """The structure score of ``report`` (a report, or its saved form) stands: History and
    the trends show none for an answer too short to judge, and every front says so rather
    than "Structure 0/100"."""
    saved = report if isinstance(report, dict) else report.model_dump(mode="json", by_alias=True)
    return headline(saved)["structure_score"] is not None
