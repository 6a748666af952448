"""How the report is shown, in every front (terminal, app, exports): times and lengths,
the interviewer's moves in words, what the structure score means, the answer in brief.

Plain functions of the report contract: nothing else of thinkaloud is imported here."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from assistant.report.contract import (
    AdaptationOut,
    FeedbackItem,
    InterviewOut,
    Report,
    StageOut,
    StructureOut,
    TurnOut,
)


def clock(seconds: float | None) -> str:
    """m:ss (or h:mm:ss) for a time in the answer."""
    if seconds is None:
        return "--:--"
    total = int(round(max(seconds, 0.0)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds(value: float) -> str:
    """A pause length for display, rounded down to 0.1 s so that a 1.98 s pause does not
    read "2.0 s" next to a 2 s threshold it did not reach."""
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f} s"


# -- what a report says, in words ------------------------------------------------------

MOVE_LABELS: dict[str, str] = {
    "ask": "Question",
    "follow_up": "Follow-up",
    "new_constraint": "New requirement",
    "clarification": "Clarification",
    "challenge": "Challenge",
    "wrap_up": "Wrap-up",
}
"""The interviewer's move kinds (``TurnOut.move``) as a person would name them."""


def move_label(kind: str, words: ChangeWords | None = None) -> str:
    """``new_constraint`` -> "New requirement" (on a story or an explanation, with its
    ``words``: "Twist"); an unknown kind is spelled out, not hidden."""
    if kind == "new_constraint" and words is not None:
        return words.label
    return MOVE_LABELS.get(kind) or kind.replace("_", " ").strip().capitalize() or "Move"


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless there is one: "1 filler", "3 fillers"."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def interviewer_named(interview: InterviewOut) -> str:
    """Who asked the questions: "offline", the LLM's name, or, where the offline
    interviewer stood in for the LLM, which questions it asked: "openai/x, then offline
    from question 4 of 6" once the LLM was switched off, "openai/x, offline for questions
    5 and 6 of 7" where the LLM asked again after ("then offline (2 of 7 questions)" read
    as if it had been switched off). An LLM that asked nothing is named as such: "offline;
    openai/x asked no question" ("openai/x, then offline from question 2 of 3" read as if it
    had asked the first, which was the question itself)."""
    n = len(interview.turns)
    taken = [i for i, t in enumerate(interview.turns, 1) if t.source == "fallback"]
    if not taken:
        return interview.interviewer
    if not any(t.source == "llm" for t in interview.turns):
        return f"offline; {interview.interviewer} asked no question"
    if taken == list(range(taken[0], n + 1)):  # every question from the first one on
        return f"{interview.interviewer}, then offline from question {taken[0]} of {n}"
    runs: list[list[int]] = []
    for i in taken:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    said = [str(r[0]) if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]
    listed = said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"
    word = "question" if len(taken) == 1 else "questions"
    return f"{interview.interviewer}, offline for {word} {listed} of {n}"


def score_meaning(structure: StructureOut) -> str:
    """What the structure score stands for, in one line:
    "Structure 63/100: covered 7 of 11 stages; 2 order problems" (a session whose
    answers did not meet a requirement change: "…; −10 for not adapting")."""
    covered = sum(1 for s in structure.stages if s.covered)
    problems = len(structure.order_findings)
    order = "stages in a sensible order" if problems == 0 else counted(problems, "order problem")
    meaning = (
        f"Structure {structure.score}/100: covered {covered} of "
        f"{counted(len(structure.stages), 'stage')}; {order}"
    )
    return meaning + _unmet_cost(structure)


TOO_LITTLE = "too little to judge"
"""Why a session's structure is not scored: fewer words than a score needs."""
CUT_SHORT = "cut short"
"""Why a session's structure is not scored though it had the words: it was cut short
(quit or killed) after a first answer that used under a third of its time."""


def not_scored(why: str = TOO_LITTLE) -> str:
    """ "Structure not scored (too little to judge)", or "(cut short)": the heading and
    every line that stands for the score give the one reason the report gives."""
    return f"Structure not scored ({why})"


def unscored_reason(words: int, least: int) -> str:
    """Why a session's structure is not scored: :data:`TOO_LITTLE` under ``least`` words;
    one with as many is not scored only because it was cut short (:data:`CUT_SHORT`): a
    91-word session killed in its second answer was headed "too little to judge"."""
    return TOO_LITTLE if words < least else CUT_SHORT


def unscored_meaning(structure: StructureOut, words: int, least: int) -> str:
    """What stands for the score of a session too short to judge, which History and the
    trends show none for: "Structure not scored (too little to judge): 12 words, a score
    needs 60; covered 0 of 11 stages" (``least``: the words a score needs; a session with
    as many, cut short in its first answer, is not scored either)."""
    covered = sum(1 for s in structure.stages if s.covered)
    why = (
        f"{counted(words, 'word')}, a score needs {least}"
        if words < least
        # a 91-word session killed in its second answer read "stopped early in its first
        # answer": what makes it a fragment is how little of its time the first one took
        else "the session was cut short, and its first answer used under a third of its time"
    )
    heading = not_scored(unscored_reason(words, least))
    return f"{heading}: {why}; covered {covered} of {counted(len(structure.stages), 'stage')}"


def unscored_summary(message: str, why: str = TOO_LITTLE) -> str:
    """The feedback's structure line ("Structure 0/100 on the … rubric: covered…") for a
    session too short to judge: the number left out, as History leaves it out, and
    ``why`` said in its place (:func:`unscored_reason`)."""
    # with what not adapting cost beside it, too: "(3, less 10 for not adapting)"
    return re.sub(
        r"^Structure \d+/100(?: \(\d+, less \d+ for not adapting\))?", not_scored(why), message
    )


def structure_heading(structure: StructureOut, scored: bool, why: str = TOO_LITTLE) -> str:
    """:func:`structure_title`, or for a session too short to judge (``scored`` False,
    as History has it) "Structure not scored (too little to judge) (ml-system-design)",
    with ``why`` (:func:`unscored_reason`) in its brackets."""
    return structure_title(structure) if scored else f"{not_scored(why)} ({structure.rubric})"


def feedback_message(message: str, metric: str, scored: bool, why: str = TOO_LITTLE) -> str:
    """A feedback item's message as shown: the structure line of a session too short to
    judge leaves the number out (:func:`unscored_summary`)."""
    return message if scored or metric != "structure" else unscored_summary(message, why)


def shown_feedback(report: Report, scored: bool) -> list[FeedbackItem]:
    """The feedback as every front lists it. A session too short to judge keeps what the
    candidate said, good and bad, but not a line for each stage it never reached: 15 s
    of an answer quit mid-way was told "No success metrics in the answer", "No
    monitoring…", "No tradeoff was named" and six more, for stages the candidate had no
    time to reach. One line names them instead."""
    if report.structure is None:
        return list(report.feedback)
    if scored:
        return _pointed(list(report.feedback), report.structure)
    # nor what caps a score it does not have ("The score is held at 10 at most: …")
    kept = [f for f in report.feedback if not _absence(f) and not _HELD.match(f.message)]
    # a stage touched in passing was reached (its row says "in passing"): not listed
    later = [
        s.title.lower()
        for s in report.structure.stages
        if s.depth == 0 and not s.evidence and s.strength <= 0
    ]
    if later:
        kept.append(
            FeedbackItem(
                metric="structure",
                severity="info",
                message=f"Not reached before the answer ended: {', '.join(later)}.",
            )
        )
    return _pointed(kept, report.structure)


_ABOVE = re.compile(
    r"^(?:Opening on (?P<passing>.+?) only in passing|Not opening with (?P<missed>.+?))"
    r"(?P<pointer> \((?:the item above|see the item on [^)]+)\))"
)
"""An order item that points at the item on the stage it opened on (see
:func:`assistant.scoring.structure.findings.without_repeated_order`): "(see the item on
problem framing)" as saved, "(the item above)" as sessions saved before said it."""


def _pointed(items: list[FeedbackItem], structure: StructureOut) -> list[FeedbackItem]:
    """``items`` with "(the item above)" true where they are listed: a session's answers
    merged, the item on that stage may stand further up ("(the item on problem framing
    above)"), or be gone once another answer went deeper on it (then nothing points)."""
    titles = {st.title.lower(): st.id for st in structure.stages}
    out = []
    for n, f in enumerate(items):
        m = _ABOVE.match(f.message)
        stage = titles.get((m.group("passing") or m.group("missed")) if m else "")
        if m and stage is not None:
            at = [k for k, g in enumerate(items[:n]) if g.metric == f"structure.{stage}"]
            title = m.group("passing") or m.group("missed")
            said = (
                "(the item above)"
                if at and at[-1] == n - 1
                else f"(the item on {title} above)"
                if at
                else ""
            )
            message = f.message.replace(m.group("pointer"), f" {said}" if said else "", 1)
            f = f.model_copy(update={"message": message})
        out.append(f)
    return out


_HELD = re.compile(r"The score is held at \d+\b")
"""The feedback item on what caps a score (from the structure findings)."""


def _absence(item: FeedbackItem) -> bool:
    """A structure line about something the answer never said ("No constraints in the
    answer…", "No tradeoff was named…"): it has no moment to quote."""
    return (
        item.metric.startswith("structure.")
        and item.evidence is None
        and item.message.startswith("No ")
    )


def structure_title(structure: StructureOut) -> str:
    """ "Structure 53/100 (ml-system-design; −10 for not adapting)": the score as every
    front heads it, the cost of a requirement change not met said beside it."""
    return f"Structure {structure.score}/100 ({structure.rubric}{_unmet_cost(structure)})"


def _unmet_cost(structure: StructureOut) -> str:
    """ "; −10 for not adapting" where requirement changes left unmet cost the score."""
    cost = structure.adaptation_cost
    return f"; −{cost} for not adapting" if cost else ""


PAUSE_PLACES = {
    "sentence_boundary": "between sentences",
    "clause_boundary": "between clauses",
    "mid_clause": "mid-sentence",
}
"""Where a pause fell, in words (a pause's ``position``)."""

DESIGN_RUBRIC = "ml-system-design"


@dataclass(frozen=True)
class ChangeWords:
    """How a requirement change is spoken of: a system-design answer changes its design;
    a story or an explanation meets the interviewer's twist by adapting the answer."""

    revised: str
    """The verdict's name: "changed the design", "adapted the answer"."""
    section: str
    """The heading over the verdicts."""
    label: str
    """The interviewer's move that makes the change: "New requirement", "Twist"."""


_DESIGN_WORDS = ChangeWords(
    "changed the design", "Adapting to the changed requirement", "New requirement"
)
_TWIST_WORDS = ChangeWords("adapted the answer", "Adapting to the twist", "Twist")


def change_words(rubric: str | None) -> ChangeWords:
    """The words for a requirement change under ``rubric`` (a rubric id; None: design)."""
    return _DESIGN_WORDS if rubric in (None, DESIGN_RUBRIC) else _TWIST_WORDS


def report_change_words(report: Report) -> ChangeWords:
    """The words for the report's requirement changes, by the rubric it was judged on."""
    return change_words(report.structure.rubric if report.structure else None)


_ARGUED = {
    "figures": "no, argued against it, with figures",
    "reason": "no, argued against it, with a reason but no figures",
    "no reason": "no, argued against it, with no reason",
}
"""A change turned down, and how the answer backed that."""


def adaptation_verdict(a: AdaptationOut) -> tuple[str, str]:
    """Whether the answer after a requirement change took it up, and whether it changed
    the design, in the words every view of a report uses: ("yes", "no, then yes once
    pushed"), ("no", "no need: shown to meet it"), ("no", "no, changed it for other
    reasons"), ("skipped", "skipped")..."""
    if a.skipped:
        # skipped, then answered when the interviewer came back to it: the feedback
        # charges "changed only once pushed", and so must the verdict say
        if a.revised_after_push:
            return "skipped", "skipped, then yes once pushed"
        if a.held_after_push:
            return "skipped", "skipped, then shown to meet it once pushed"
        if a.changed_otherwise_after_push:
            return "skipped", "skipped, then changed it for other reasons once pushed"
        return "skipped", "skipped"
    if a.revised:
        design = "yes"
    elif a.held:
        design = "no need: shown to meet it"
    elif a.revised_after_push:
        design = "no, then yes once pushed"
    elif a.held_after_push:
        design = "no, then shown to meet it once pushed"
    elif a.changed_otherwise:
        design = "no, changed it for other reasons"
    elif a.kept and a.argued:
        # "I'd argue against it, because…" kept the design by choice, not by oversight
        design = _ARGUED[a.argued]
    elif a.kept:
        design = "no, kept as it was"
    else:
        design = "no"
    if a.changed_otherwise_after_push and not (
        a.revised or a.held or a.revised_after_push or a.held_after_push
    ):
        design += "; once pushed, changed it for other reasons"
    took = "yes" if a.acknowledged else "no"
    if a.asked:  # a question about the change is not a design change
        took = f"{took} (asked about it first)"
    return took, design


def adaptation_line(a: AdaptationOut, words: ChangeWords = _DESIGN_WORDS) -> str:
    """One change and its verdict on a line: "“Now the budget is 50 ms.” took it up: yes;
    changed the design: no, then yes once pushed" (a twist: "adapted the answer: …")."""
    took, design = adaptation_verdict(a)
    change = f"“{a.said}”" if a.said else a.constraint
    if a.skipped and design == "skipped":
        return f"{change} skipped, not answered"
    return f"{change} took it up: {took}; {words.revised}: {design}"


def report_title(report: Report, stored_title: str | None = None) -> str:
    """The question's title, else the title saved with the session, else the question id,
    else "Scored answer" (a recording scored on its own)."""
    interview = report.interview
    return (
        (interview.title if interview else None)
        or stored_title
        or (interview.question if interview else None)
        or report.question
        or "Scored answer"
    )


def session_date(created_at: str, tz: tzinfo | None = None) -> str:
    """A stored ISO timestamp as "2026-11-03 20:00", in ``tz`` (default: local time) when
    the timestamp says which zone it is in; anything unreadable is shown as it is."""
    try:
        when = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    if when.tzinfo is not None:
        when = when.astimezone(tz)
    return when.strftime("%Y-%m-%d %H:%M")


def stage_reach(stage: StageOut, old_schema: bool = False) -> str:
    """How far a stage went, in the same word in every front: its depth (absent, named,
    described, justified), or "in passing" for one touched only beside other stages,
    never said on its own ("absent" beside a share of the answer read as a contradiction).
    A report of schema /1 has no depth: "yes", "in passing" or "no"."""
    if old_schema:
        return "yes" if stage.covered else ("in passing" if stage.strength > 0 else "no")
    if stage.depth == 0 and stage.strength > 0:
        return "in passing"
    return stage.depth_label


REACH_STYLE = {
    "absent": "red",
    "no": "red",
    "in passing": "yellow",
    "named": "yellow",
    "justified": "green",
    "yes": "green",
}
"""The colour of each :func:`stage_reach` word, where the front has colour."""


def stage_first(stage: StageOut) -> str:
    """Where a stage first came up: the time in the answer, else (a typed answer) how far
    into it; "—" when it never did."""
    if stage.first_at_s is not None:
        return clock(stage.first_at_s)
    if stage.first_at_share is not None:
        return f"{stage.first_at_share:.0%} in"
    return "—"


NO_ANSWER = "(no answer)"
"""What a skipped turn shows where the answer would be."""

SKIPPED_KEPT = "(skipped: what was typed for it is kept in the session's folder, not judged)"
"""What a skipped turn shows when words typed for it before the skip were kept."""


PREAMBLE_WORDS = 3
"""A sentence this short beside a question is a preamble to it ("Sorry.", "Good point.")."""
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def only_asks(answer: Report | None) -> bool:
    """The answer only put a question to the interviewer ("Before I go on, how many
    products are in the catalogue, and how many photo searches do we get per second at
    peak?"): it asks, and says nothing else but a word or two before. It answers no
    move: the interviewer's reply opens the next turn, and the turn is shown as the
    candidate's question, with no stage to its name."""
    text = " ".join(answer.transcript.text.split()) if answer is not None else ""
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    asks = [s for s in sentences if s.endswith("?")]
    return bool(asks) and all(s in asks or len(s.split()) <= PREAMBLE_WORDS for s in sentences)


def asked_reply(turns: Sequence[TurnOut], n: int) -> str:
    """How turn ``n`` (0-based) is shown when its answer only asked (:func:`only_asks`):
    "your question", with where the interviewer's reply is."""
    if n + 1 < len(turns):
        return f"your question (the reply opens turn {n + 2})"
    return "your question"


def answer_summary(answer: Report | None, limit: int = 160) -> str:
    """The start of what was said, on one line, cut at a word near ``limit`` characters;
    "(no answer)" when nothing was said."""
    text = " ".join(answer.transcript.text.split()) if answer is not None else ""
    if not text:
        return NO_ANSWER
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—") + "…"


PACE_STEP_WPM = 50
TICK_STEPS_S = (15, 30, 60, 120, 300, 600, 900, 1800, 3600)


def pace_ceiling(values: Sequence[float], at_least: float = 200.0) -> float:
    """The top of a pace chart whose floor is 0: at least ``at_least`` (so 161 against
    163 wpm looks like the small difference it is), rounded up to 50 wpm."""
    top = max([at_least, *values])
    return float(math.ceil(top / PACE_STEP_WPM) * PACE_STEP_WPM)


def time_ticks(end_s: float, most: int = 6) -> list[tuple[float, str]]:
    """Round times from 0 to ``end_s`` for an axis, at most ``most`` of them, labelled m:ss."""
    end_s = max(end_s, 0.0)
    step = next((s for s in TICK_STEPS_S if end_s / s < most), TICK_STEPS_S[-1])
    while end_s / step >= most:
        step *= 2
    return [(float(t), clock(t)) for t in range(0, int(end_s) + 1, step)]
