"""A session report as Markdown, or as subtitles with filler and pause marks."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.report import Report
from assistant.report.format import (
    NO_ANSWER,
    PAUSE_PLACES,
    SKIPPED_KEPT,
    adaptation_line,
    clock,
    feedback_message,
    interviewer_named,
    move_label,
    only_asks,
    report_change_words,
    seconds,
    shown_feedback,
    stage_first,
    stage_reach,
    structure_heading,
    unscored_reason,
)
from assistant.scoring.fillers import filled_pause
from sessions.headline import JUDGED_WORDS, structure_scored

MAX_CUE_S = 6.0
MAX_CUE_WORDS = 12


def to_markdown(
    report: Report,
    *,
    title: str = "thinkaloud report",
    date: str | None = None,
    kept: Mapping[int, str] | None = None,
) -> str:
    """``date``: when the session was made, as shown elsewhere ("2026-12-04 20:15").
    ``kept``: for a skipped answer (counted from 0) whose typed words were kept, the file
    holding them."""
    lines = [f"# {title}", ""]
    scored = structure_scored(report)  # as History has it: a session too short shows no number
    why = unscored_reason(len(report.transcript.text.split()), JUDGED_WORDS)
    if date:  # a line of the block the question opens (two spaces end it), or its own
        lines += [f"**Date:** {date}  "] if report.interview else [f"**Date:** {date}", ""]
    if report.interview:
        lines += [
            f"**Question:** {report.interview.title} (`{report.interview.question}`)  ",
            f"**Interviewer:** {interviewer_named(report.interview)}",
            "",
            "## Conversation",
            "",
        ]
        words = report_change_words(report)
        n = 0  # answers counted from 0, as the session's files are
        for t in report.interview.turns:
            lines.append(f"**Interviewer ({move_label(t.move, words)}):** {t.question}")
            lines.append("")
            if t.answer is not None:
                said = t.answer.transcript.text.strip()
                file = (kept or {}).get(n)
                n += 1
                if not said and file:
                    said = f"{SKIPPED_KEPT[:-1]}: `{file}`)"
                you = "You asked" if only_asks(t.answer) else "You"
                lines += [f"**{you}:** {said or NO_ANSWER}", ""]
    elif report.transcript.text:
        lines += ["## Transcript", "", report.transcript.text, ""]
    if report.pacing:
        p = report.pacing
        lines += [
            "## Pacing",
            "",
            "| | |",
            "|---|---|",
            f"| Words | {p.words} |",
            f"| Speech rate | {p.words_per_minute:.0f} wpm |",
            f"| Articulation rate | {p.articulation_wpm:.0f} wpm |",
            f"| Time to first word | {p.time_to_first_word_s:.1f} s |",
            f"| Long pauses | {sum(1 for x in p.pauses if x.kind == 'long')} |",
            "",
        ]
        held = [x for x in p.pauses if x.kind in ("thinking", "long")]
        if held:  # each with its time, to find it in the recording
            lines += ["| At | Pause | Kind | Where |", "|---|---|---|---|"]
            lines += [
                f"| {clock(x.start)} | {seconds(x.duration)} | {x.kind} "
                f"| {PAUSE_PLACES[x.position]} |"
                for x in held
            ]
            lines.append("")
    f = report.fillers
    lines += [
        "## Fillers",
        "",
        f"{f.count} in all"
        + (f", {f.per_minute:.1f} per minute" if f.per_minute is not None else "")
        + ": "
        + (", ".join(f"{w} ×{n}" for w, n in f.by_word.items()) or "none"),
        "",
    ]
    timed = [i for i in f.items if i.start is not None]
    if timed:
        lines += ["At " + ", ".join(f"{clock(i.start)} {i.text}" for i in timed) + ".", ""]
    if report.structure:
        s = report.structure
        lines += [
            f"## {structure_heading(s, scored, why)}",
            "",
            "| Stage | Depth | First | Evidence |",
            "|---|---|---|---|",
        ]
        old = report.schema_.endswith("/1")
        for st in s.stages:
            shown = st.depth_evidence or st.evidence
            quote = shown.quote.replace("|", "/") if shown else ""
            if shown and quote and shown.start is not None:
                quote = f"{clock(shown.start)} “{quote}”"
            lines.append(f"| {st.title} | {stage_reach(st, old)} | {stage_first(st)} | {quote} |")
        lines.append("")
    if report.interview and report.interview.adaptation:
        lines += ["## Adaptation", ""]
        for a in report.interview.adaptation:
            lines.append(f"- {adaptation_line(a, words)}")
        lines.append("")
    lines += ["## Feedback", ""]
    for item in shown_feedback(report, scored):
        where = ""
        if item.evidence and item.evidence.quote:
            at = f"{clock(item.evidence.start)} " if item.evidence.start is not None else ""
            where = f" — {at}“{item.evidence.quote}”"
        message = feedback_message(item.message, item.metric, scored, why)
        lines.append(f"- **{item.severity}** ({item.metric}): {message}{where}")
    return "\n".join(lines) + "\n"


def _stamp(t: float, vtt: bool) -> str:
    ms = int(round(max(t, 0.0) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    sep = "." if vtt else ","
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_subtitles(report: Report, fmt: str) -> str:
    """SRT or WebVTT cues of the transcript; fillers read ``[um]``, and thinking pauses
    and long silences get a cue of their own: ``[pause 3.1s]``."""
    vtt = fmt == "vtt"
    words = [w for w in report.transcript.words if w.start is not None]
    pauses = [p for p in (report.pacing.pauses if report.pacing else []) if p.kind != "short"]
    filler_starts = {(i.start, i.text) for i in report.fillers.items}
    cues: list[tuple[float, float, str]] = []
    current: list[str] = []
    cue_start = cue_end = 0.0
    pause_i = 0

    def flush() -> None:
        nonlocal current
        if current:
            cues.append((cue_start, cue_end, " ".join(current)))
            current = []

    for w in words:
        while pause_i < len(pauses) and pauses[pause_i].end <= w.start + 1e-6:
            p = pauses[pause_i]
            flush()
            cues.append((p.start, p.end, f"[pause {seconds(p.duration).replace(' ', '')}]"))
            pause_i += 1
        name = filled_pause(w.text)
        text = f"[{name}]" if name and (w.start, name) in filler_starts else w.text
        if not current:
            cue_start = w.start
        current.append(text)
        cue_end = w.end
        if (
            len(current) >= MAX_CUE_WORDS
            or cue_end - cue_start >= MAX_CUE_S
            or w.text.endswith((".", "?", "!"))
        ):
            flush()
    flush()
    out = ["WEBVTT", ""] if vtt else []
    for n, (a, b, text) in enumerate(_in_order(cues), 1):
        if not vtt:
            out.append(str(n))
        out += [f"{_stamp(a, vtt)} --> {_stamp(b, vtt)}", text, ""]
    return "\n".join(out)


MIN_CUE_S = 0.2
"""A cue is shown at least this long, where the next one leaves room."""


def _in_order(cues: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """``cues`` in time order, each ending by the time the next starts: the speech model
    may stamp a word inside a silence the voice detector heard ("yeah." at 50.11 s in a
    pause to 50.24 s), and players refuse a cue that starts before the one shown."""
    out: list[tuple[float, float, str]] = []
    for a, b, text in sorted(cues, key=lambda c: c[0]):
        if out:
            pa, pb, pt = out[-1]
            a = max(a, pa + 0.01)  # the cue before keeps a moment of its own
            out[-1] = (pa, min(pb, a), pt)
        out.append((a, max(b, a + MIN_CUE_S), text))
    return out
