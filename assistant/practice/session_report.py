"""The session report: each answer was judged on its own (its report is in its turn);
the session's pacing and structure cover all answers laid end to end, order is judged
on the main answer, and adaptation to each requirement change gets its feedback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.interview.adaptation import push_after
from assistant.interview.clarify import clarifying_questions
from assistant.interview.session import Interview
from assistant.interview.spoken_numbers import number_text, numbers_in, times
from assistant.report import (
    AdaptationOut,
    Evidence,
    FeedbackItem,
    Report,
    StructureOut,
    TurnOut,
)
from assistant.scoring.analyse import (
    StructureSpec,
    Transcribed,
    analyse_session,
    analyse_text,
)
from assistant.scoring.structure.analysis import Probe, depth_points, order_penalty
from assistant.scoring.structure.findings import (
    SHORT_QUOTE_WORDS,
    first_words,
    without_repeated_order,
)
from assistant.scoring.structure.segments import words_from_text
from assistant.settings import Settings
from rubrics import Rubric
from speech.words import text_of

Answer = Transcribed | str
"""One answer as given: a recording turned into timed words, or typed text."""


def session_report(
    interview: Interview,
    answers: Sequence[Answer],
    settings: Settings,
    structure: StructureSpec | None,
) -> Report:
    """Pacing and structure over all answers laid end to end, plus the interview.

    ``answers`` are the answered turns' answers, in order. Times are session times
    (answer 2 starts where answer 1's recording ended), adaptation evidence included."""
    question_id = interview.planner.question.id
    out = interview.report()
    asked = [t for t in out.turns if t.answer is not None]
    report = answers_report(
        answers, settings, structure, question_id, probed_stages(asked), reached_depths(asked)
    )
    offsets = answer_offsets(answers)
    answered = [i for i, t in enumerate(out.turns) if t.answer is not None]
    at = dict(zip(answered, offsets, strict=False))
    changed = [i for i in answered if out.turns[i].move == "new_constraint"]
    shape = [(t.move, t.target, t.answer is not None) for t in out.turns]
    adaptation = [
        shifted_evidence(a, at.get(i, 0.0), at.get(push_after(shape, i), 0.0))
        for a, i in zip(out.adaptation, changed, strict=False)
    ]
    adaptation = claims_taken_back(
        adaptation,
        answers,
        settings,
        structure,
        question_id,
        probed_stages(asked),
        reached_depths(asked),
    )
    out = out.model_copy(update={"adaptation": adaptation})
    feedback = _with_budgets(report.feedback, out.turns, at)
    structure_out, feedback = main_answer_order(
        report.structure, feedback, out.turns, len(answers), structure, at
    )
    structure_out, feedback = adapted(
        structure_out, feedback, out.adaptation, design=interview.planner.question.is_design
    )
    return report.model_copy(
        update={"interview": out, "structure": structure_out, "feedback": feedback}
    )


def main_answer_order(
    whole: StructureOut | None,
    feedback: list[FeedbackItem],
    turns: Sequence[TurnOut],
    answers: int,
    structure: StructureSpec | None,
    at: Mapping[int, float] | None = None,
) -> tuple[StructureOut | None, list[FeedbackItem]]:
    """The session's structure (``whole``: all ``answers`` end to end) with the order
    judged on the main answer (:func:`main_answer`): a later answer to a follow-up is not
    expected to restate the problem, but a close given later (at the wrap-up, say) does
    close the session. The score carries the cost of the order findings shown, no
    others: charged for those of the answers end to end, a session lost 5 points for
    "did not end with summary" on a draft typed to a follow-up, a finding it never
    showed. ``at``: where each turn's answer starts on the session timeline."""
    main = main_answer(turns)
    first = turns[main].answer if main is not None else None
    if whole is None or main is None or first is None or first.structure is None:
        return whole, feedback
    # closed only by a close in a later answer: a story that told its lesson early and
    # ended on its task lost 5 points for it, and the finding was dropped because the
    # lesson was somewhere in the answer
    last = _last(structure)
    closed = any(
        s.covered
        for t in turns[main + 1 :]
        if t.answer is not None and t.answer.structure is not None
        for s in t.answer.structure.stages
        if s.id == last
    )
    kept = [o for o in first.structure.order_findings if not (closed and o.kind == "no_close")]
    dropped = {o.message for o in first.structure.order_findings} - {o.message for o in kept}
    order = [f for f in first.feedback if f.metric == "structure.order"]
    order = [f for f in order if not any(f.message.startswith(d[:-1]) for d in dropped)]
    if main:  # its evidence in session time
        by = (at or {}).get(main, 0.0)
        order = [f.model_copy(update={"evidence": shifted(f.evidence, by)}) for f in order]
        kept = [o.model_copy(update={"evidence": shifted(o.evidence, by)}) for o in kept]
    if answers > 1:  # the evidence is in the first of several: say so
        kept = [o.model_copy(update={"message": _of_main(o.message, main)}) for o in kept]
        order = [f.model_copy(update={"message": _of_main(f.message, main)}) for f in order]
    feedback = [f for f in feedback if f.metric != "structure.order"] + order
    if structure is not None:
        feedback = without_repeated_order(feedback, structure.rubric.stage_ids[0])
    # the header counts the order problems the feedback tells: one it leaves out (the
    # item on the opening stage says it already) was "1 order problem" unexplained
    told = {f.evidence.quote for f in feedback if f.metric == "structure.order" and f.evidence}
    kept = [o for o in kept if o.evidence is None or o.evidence.quote in told]
    base = None if structure is None else depth_points(structure.rubric, _depths(whole))
    score = whole.score + order_penalty(len(whole.order_findings), earned=base)
    score -= order_penalty(len(kept), earned=base)
    score = int(min(100, max(0, score)))
    if score != whole.score:
        feedback = [_rescored(f, whole.score, score) for f in feedback]
    return whole.model_copy(update={"order_findings": kept, "score": score}), feedback


def _depths(structure: StructureOut) -> dict[str, int]:
    return {s.id: s.depth for s in structure.stages}


def main_answer(turns: Sequence[TurnOut]) -> int | None:
    """The turn whose answer is the main one, whose order is judged: the opening's, or,
    when that only put questions to the interviewer ("Before I design anything, a few
    questions. How many documents…?"), the next one answered. Asking first is what an
    interviewer hopes for; judged as the main answer, the questions were "opening on
    problem framing only in passing"."""
    if not turns or turns[0].answer is None:
        return None
    if _only_asks(turns[0].answer):
        later = [i for i, t in enumerate(turns[1:], 1) if t.answer is not None]
        if later and turns[later[0]].answer.transcript.text.strip():
            return later[0]
    return 0


def _only_asks(answer: Report) -> bool:
    """``answer`` puts questions to the interviewer and covers no stage otherwise."""
    if answer.structure is None or any(s.covered for s in answer.structure.stages):
        return False
    return bool(clarifying_questions(answer.transcript.text))


def _rescored(item: FeedbackItem, before: int, now: int) -> FeedbackItem:
    """The structure line of the feedback with the score ``now`` where it said ``before``."""
    said = f"Structure {before}/100"
    if item.metric != "structure" or not item.message.startswith(said):
        return item
    return item.model_copy(update={"message": f"Structure {now}/100" + item.message[len(said) :]})


def _with_budgets(
    feedback: list[FeedbackItem], turns: Sequence[TurnOut], at: dict[int, float]
) -> list[FeedbackItem]:
    """``feedback`` with the time each recorded answer used against its budget, after
    the pacing items: always for the first answer (the design, with the question's
    budget), for a later one only when it ran over. Answers ``at`` (turn: start on the
    session timeline) place an overrun's evidence."""
    items = []
    for i, t in enumerate(turns):
        answer = t.answer
        if answer is None or answer.pacing is None or answer.pacing.budget is None:
            continue
        budget = answer.pacing.budget
        if i > 0 and not budget.overrun_s:
            continue
        for f in answer.feedback:
            if f.metric == "budget":
                who = "Your first answer" if i == 0 else f"Your answer to turn {i + 1}"
                said = f"{who}: {f.message[:1].lower()}{f.message[1:]}"
                evidence = shifted(f.evidence, at.get(i, 0.0))
                items.append(f.model_copy(update={"message": said, "evidence": evidence}))
    if not items:
        return feedback
    pacing = [k for k, f in enumerate(feedback) if not f.metric.startswith("structure")]
    cut = pacing[-1] + 1 if pacing else 0
    return [*feedback[:cut], *items, *feedback[cut:]]


def _of_main(message: str, main: int) -> str:
    """An order finding about the main answer (turn ``main``), said of it among several
    answers."""
    which = "your first answer" if not main else "your answer after your questions"
    if message.startswith("The answer "):
        message = which[0].upper() + which[1:] + " " + message[len("The answer ") :]
    return message.replace("after half the answer", f"halfway through {which}")


PROBES = ("follow_up", "challenge", "wrap_up")
"""Moves that ask about one stage of the design (or a few: "pipeline+model"); the wrap-up
asks for the closing stage."""


def probed_stages(turns: Sequence[TurnOut]) -> list[tuple[str, str, str] | None]:
    """Turn by turn, the stages its move asked about, what it asked and the move's kind,
    or None (an opening, a change)."""
    return [(t.target, t.question, t.move) if t.move in PROBES else None for t in turns]


def _probes(
    rubric: Rubric, first: int, end: int, asked: tuple[str, str, str] | None
) -> list[Probe]:
    """The probes of one answer to ``asked`` (the stages, what was asked, the move's
    kind): a stage of the rubric each; a wrap-up asks for the recap in so many words."""
    if asked is None:
        return []
    stages, question, kind = asked
    return [
        Probe(first, end, stage, question, kind == "wrap_up" and stage == rubric.recap_stage)
        for stage in stages.split("+")
        if stage in rubric.stage_ids
    ]


def asked_of(
    structure: StructureSpec | None, move: str, target: str, question: str
) -> StructureSpec | None:
    """``structure`` for one answer to a move: an answer to a follow-up on a stage is
    read as said of that stage where it speaks of it or takes up what was asked, as the
    session's report reads it (:func:`answers_report`). The answer to the opening
    question (``ask``) answers the question itself, not a probe: it is judged as a whole
    answer, as ``thinkaloud score`` judges the same recording. Judged by the rules alone,
    its levels were kept by the session's report (``reached``), so the depth head never
    read a one-answer session again (one transcript scored 24 in the app, 12 as
    ``score`` reads it)."""
    if structure is not None and move == "ask":
        return structure.as_whole()
    if structure is None or move not in PROBES:
        return structure
    probes = _probes(structure.rubric, 0, WHOLE_ANSWER, (target, question, move))
    return replace(structure, probed=tuple(probes)) if probes else structure


WHOLE_ANSWER = 1 << 62
"""An end word past any answer's last."""


def reached_depths(turns: Sequence[TurnOut]) -> list[dict[str, int]]:
    """Turn by turn, the stages its answer described or justified when it was judged on
    its own, and how deep, that the session keeps: the answer to the opening question
    keeps all of them (it is judged as a whole answer, as the session is); a later one
    keeps only those its move asked about. A later answer is judged by the rules alone,
    and a sentence or two read on their own reads as many stages at once: "From users,
    when they click report spam…", said to "where do your training labels come from?",
    read as framing, deployment and monitoring described, and the session kept all
    three (a session of empty sentences scored 49 where the same words alone score 25).
    What a later answer says of another stage still counts as the session reads it."""
    out: list[dict[str, int]] = []
    for i, t in enumerate(turns):
        if t.answer is None or t.answer.structure is None:
            out.append({})
            continue
        asked = set(t.target.split("+")) if t.move in PROBES else set()
        out.append(
            {
                s.id: s.depth
                for s in t.answer.structure.stages
                if s.depth >= 2 and (i == 0 or s.id in asked)
            }
        )
    return out


def answers_report(
    answers: Sequence[Answer],
    settings: Settings,
    structure: StructureSpec | None,
    question_id: str | None,
    probed: Sequence[tuple[str, str, str] | None] = (),
    reached: Sequence[dict[str, int]] = (),
) -> Report:
    """Recordings laid end to end on one timeline; typed answers (no timings) add their
    words to the structure and fillers. Only typed answers: judged as one text. The
    answers together are judged as a whole answer to the question; ``probed`` says,
    answer by answer, which stages the move it answers asked about, what it asked and
    the move's kind (("model+pipeline", "Why a nightly job?", "follow_up"), or None), so
    that what an answer says of them is read as said of them; ``reached``
    says how deep each answer went on each stage judged on its own, which the whole
    keeps."""
    structure = structure.as_whole() if structure is not None else None
    if structure is not None and probed:
        structure = replace(structure, probed=probed_words(answers, probed, structure.rubric))
    if structure is not None and len(answers) > 1:
        starts = tuple(first for first, _ in answer_words(answers)[1:])
        structure = replace(structure, answer_starts=starts)
    if structure is not None and any(reached):
        spans = answer_words(answers)
        kept = [
            (first, end, stage, level)
            for (first, end), depths in zip(spans, reached, strict=False)
            for stage, level in depths.items()
        ]
        structure = replace(structure, reached=tuple(kept))
    recordings = [a for a in answers if isinstance(a, Transcribed)]
    if not recordings:
        texts = [a for a in answers if isinstance(a, str)]
        return analyse_text("\n\n".join(texts), settings, structure=structure, question=question_id)
    report = analyse_session(recordings, settings, structure=structure, question=question_id)
    if not any(_typed(a) for a in answers) or structure is None:
        return report  # recordings, and perhaps skips: the structure keeps its times
    texts = [a if isinstance(a, str) else text_of(a.words) for a in answers]
    typed = analyse_text("\n\n".join(texts), settings, structure=structure, question=question_id)
    feedback = [f for f in report.feedback if not f.metric.startswith("structure")]
    feedback += [f for f in typed.feedback if f.metric.startswith("structure")]
    return report.model_copy(update={"structure": typed.structure, "feedback": feedback})


def probed_words(
    answers: Sequence[Answer], probed: Sequence[tuple[str, str, str] | None], rubric: Rubric
) -> tuple[Probe, ...]:
    """Each answer to a move on a stage of ``rubric`` (``probed``: the stages, what was
    asked, the move's kind; a push on a change aims at no stage), in the words
    :func:`answers_report` reads (:func:`answer_words`)."""
    out = []
    for i, (first, end) in enumerate(answer_words(answers)):
        out += _probes(rubric, first, end, probed[i] if i < len(probed) else None)
    return tuple(out)


def answer_words(answers: Sequence[Answer]) -> list[tuple[int, int]]:
    """(first word, end word) of each answer in the words :func:`answers_report` reads:
    the recordings' own words, or, once any answer was typed, every answer's text."""
    typed = any(_typed(a) for a in answers)

    def count(a: Answer) -> int:
        if isinstance(a, Transcribed) and not typed:
            return len(a.words)
        return len(words_from_text(a if isinstance(a, str) else text_of(a.words))[0])

    out, first = [], 0
    for a in answers:
        n = count(a)
        out.append((first, first + n))
        first += n
    return out


def _typed(a: Answer) -> bool:
    """An answer typed, not a skip (which is typed as nothing)."""
    return isinstance(a, str) and bool(a.strip())


def answer_offsets(answers: Sequence[Answer]) -> list[float]:
    """Where each answer starts on the session timeline."""
    out, offset = [], 0.0
    for a in answers:
        out.append(offset)
        if isinstance(a, Transcribed):
            offset += a.duration_s
    return out


def shifted_evidence(a: AdaptationOut, offset: float, push_offset: float = 0.0) -> AdaptationOut:
    """``a`` in session times: its evidence is in the answer that starts at ``offset``,
    its push evidence in the one that starts at ``push_offset``."""
    return a.model_copy(
        update={
            "evidence": shifted(a.evidence, offset),
            "push_evidence": shifted(a.push_evidence, push_offset),
        }
    )


def shifted(e: Evidence | None, by: float) -> Evidence | None:
    """``e`` said ``by`` seconds later on the session timeline (an answer's own time,
    placed where that answer starts)."""
    if e is None or e.start is None or not by:
        return e
    return e.model_copy(update={"start": round(e.start + by, 2)})


def _last(structure: StructureSpec | None) -> str | None:
    return structure.rubric.stage_ids[-1] if structure is not None else None


def _named(a: AdaptationOut) -> str:
    """The change as the interviewer said it, quoted (cut after 12 words): its id
    ("trending-fast") means nothing to the candidate."""
    return f"(\u201c{first_words(a.said, SHORT_QUOTE_WORDS)}\u201d)"


_DESIGN_SAYS = {
    "revised": "the answer took up the new requirement and changed the design.",
    "held": "the answer showed, with its own figures, that the design already meets the "
    "new requirement.",
    # shown by what the design uses ("none of our features come from the device"): no
    # figure to praise
    "held in words": "the answer showed that the design already meets the new requirement.",
    "pushed": "the design changed only once the interviewer pushed; in a real interview, "
    "say what changes in the first answer after it.",
    "held once pushed": "the answer showed that the design already meets it only once the "
    "interviewer pushed; in a real interview, give the figures in the first answer after it.",
    "skipped": "Next time, say which part of the design it breaks and what you would build "
    "in its place.",
    "named": "the answer named the new requirement but the design did not visibly change; "
    "say what you would do differently and what it costs.",
    "kept": "the answer kept the design as it was without showing how it meets the new "
    "requirement; show with figures that it does, or say what you would change and what "
    "it costs.",
    "missed": "did not take up the new requirement.",
    "otherwise": "changed the design, but for other reasons: it did not take up the new "
    "requirement. Say which part of the design it breaks and what you would build in its "
    "place.",
    "pushed otherwise": "Once pushed, the answer changed the design for other reasons, not "
    "for this change.",
}
_ARGUED_SAYS = {
    "figures": "the answer argued against the new requirement, with figures, and kept the "
    "design as it was. Pushing back with numbers is fair, but the change stands: also say "
    "what you would build if it must be met, and what that costs.",
    "reason": "the answer argued against the new requirement and kept the design as it was; "
    "the reason came with no figures to hold it up. Put a number on the cost, and say what "
    "you would build if the change must be met.",
    "no reason": "the answer turned the new requirement down without a reason and kept the "
    "design as it was. Say why it is not worth meeting, with figures, and what you would "
    "build if it must be.",
}
"""What the feedback says of a change argued against, by how the answer backed it."""
_TWIST_SAYS = {
    "revised": "the answer took up the twist and adapted to it.",
    "held": "the answer showed, with its own figures, that what you had said already meets it.",
    "pushed": "the answer adapted only once the interviewer pushed; in a real interview, "
    "meet the twist in the first answer after it.",
    "held once pushed": "the answer showed that it already meets the twist only once the "
    "interviewer pushed; in a real interview, show it in the first answer after it.",
    "skipped": "Next time, meet it head on: what you did, or would do, differently.",
    "named": "the answer named the twist but did not visibly adapt to it; say what you "
    "did, or would do, differently and why.",
    "kept": "the answer stayed as it was without showing how it meets the twist; say what "
    "you did, or would do, differently and why.",
    "missed": "did not take up the twist.",
    "otherwise": "changed, but for other reasons: it did not take up the twist. Meet it head "
    "on: what you did, or would do, differently.",
    "pushed otherwise": "Once pushed, the answer changed for other reasons, not for the twist.",
}


ADAPTATION_COST = {
    "revised": 0,
    "held": 0,
    "pushed": 5,
    "held once pushed": 5,
    "skipped": 10,
    "named": 10,
    "missed": 10,
}
"""Points of the session's structure score a requirement change costs, by how the answer
after it met it: an interviewer who changes a requirement is asking to see the design
move, so an answer that carried on as before (92) must not outscore one that adapted
(86), as it did in a played session. A change missed costs no more than one taken up
and refused: the verdict misses some real adaptations (one in four of those played on
changes that take away what the design used), and such an answer must not lose more
than a candidate who refused the change."""
MAX_ADAPTATION_COST = 20


def adaptation_outcome(a: AdaptationOut) -> str:
    """How the answer after a change met it: revised, held (shown to meet it already),
    pushed (revised once pushed), held once pushed, skipped, named (taken up, design
    unchanged), missed."""
    if a.acknowledged and a.revised:
        return "revised"
    if a.held:
        return "held"
    if a.revised_after_push:
        return "pushed"
    if a.held_after_push:
        return "held once pushed"
    if a.skipped:
        return "skipped"
    return "named" if a.acknowledged else "missed"


def adaptation_cost(items: Sequence[AdaptationOut]) -> int:
    """What the requirement changes left unmet cost the session's structure score, and
    what answers that only claimed to meet one had earned (:func:`claims_taken_back`)."""
    cost = sum(ADAPTATION_COST[adaptation_outcome(a)] for a in items)
    return min(cost, MAX_ADAPTATION_COST) + sum(a.claim_points for a in items)


def only_claimed(a: AdaptationOut) -> bool:
    """The answer after the change kept the design and only said it copes ("it already
    handles it, we have monitoring and a fallback"): no figures to show it, no change, no
    argument against the change."""
    return adaptation_outcome(a) == "named" and a.kept and not a.argued


def claims_taken_back(
    items: Sequence[AdaptationOut],
    answers: Sequence[Answer],
    settings: Settings,
    structure: StructureSpec | None,
    question_id: str | None,
    probed: Sequence[tuple[str, str, str] | None] = (),
    reached: Sequence[dict[str, int]] = (),
) -> list[AdaptationOut]:
    """``items`` with what each answer that :func:`only_claimed` to meet its change added
    to the structure score of the ``answers`` (as :func:`answers_report` scores them,
    with and without it) as ``claim_points``. "Our system is already designed for scale
    with caching and horizontal scaling" had earned a stage the design answers never
    reached, and with it outscored an answer that precomputed the lists before kickoff."""
    if structure is None or not any(only_claimed(a) and a.evidence for a in items):
        return list(items)
    texts = [" ".join((a if isinstance(a, str) else text_of(a.words)).split()) for a in answers]

    def score(of: Sequence[str]) -> int:
        report = answers_report(of, settings, structure, question_id, probed, reached)
        return report.structure.score if report.structure is not None else 0

    whole: int | None = None
    out = []
    for a in items:
        quote = " ".join(a.evidence.quote.rstrip("…").split()) if a.evidence else ""
        # the latest answer that says it: the claim came after the change
        k = next((i for i in reversed(range(len(texts))) if quote and quote in texts[i]), None)
        if not only_claimed(a) or k is None:
            out.append(a)
            continue
        whole = score(texts) if whole is None else whole
        # the claim answered as a skip: the other answers keep their places
        without = score([*texts[:k], "", *texts[k + 1 :]])
        out.append(a.model_copy(update={"claim_points": max(0, whole - without)}))
    return out


def with_adaptation_cost(
    structure: StructureOut | None, items: Sequence[AdaptationOut]
) -> StructureOut | None:
    """The session's structure, its score less what the changes left unmet cost."""
    cost = adaptation_cost(items)
    if structure is None or not cost:
        return structure
    score = max(0, structure.score - cost)
    return structure.model_copy(update={"score": score, "adaptation_cost": cost})


def adapted(
    structure: StructureOut | None,
    feedback: list[FeedbackItem],
    items: Sequence[AdaptationOut],
    *,
    design: bool = True,
) -> tuple[StructureOut | None, list[FeedbackItem]]:
    """A session's structure and feedback once its requirement changes are judged: the
    score less what the changes left unmet cost, said in the structure line, and a line
    of feedback on each change (a finished session and a rescored one alike)."""
    costed = with_adaptation_cost(structure, items)
    before = structure.score if structure is not None else 0
    said = with_cost_said(feedback, before, costed)
    return costed, said + adaptation_feedback(items, design=design)


def with_cost_said(feedback: list[FeedbackItem], before: int, structure: StructureOut | None):
    """``feedback`` whose structure line gives the score less what adapting cost, as the
    report's heading does ("Structure 81/100 (86, less 5 for not adapting) on…"): it
    said 86 under a heading of 81."""
    if structure is None or not structure.adaptation_cost:
        return feedback
    said = f"Structure {before}/100"
    now = (
        f"Structure {structure.score}/100 ({before}, less {structure.adaptation_cost} "
        "for not adapting)"
    )
    return [
        f.model_copy(update={"message": now + f.message[len(said) :]})
        if f.metric == "structure" and f.message.startswith(said)
        else f
        for f in feedback
    ]


def _has_figure(evidence: Evidence | None) -> bool:
    """The quote holds a figure ("the hash takes 40 ms", "a tenth of a second")."""
    if evidence is None:
        return False
    said = number_text(evidence.quote)
    return bool(numbers_in(said) or times(said))


def adaptation_feedback(
    items: Sequence[AdaptationOut], *, design: bool = True
) -> list[FeedbackItem]:
    """Feedback on each requirement change: a ``design`` changes; a story or an
    explanation adapts to the interviewer's twist. Each says what it cost the structure
    score (before the cap on the session's total)."""
    says = _DESIGN_SAYS if design else _TWIST_SAYS
    feedback = []
    for a in items:
        after = f"After the change {_named(a)}"
        outcome = adaptation_outcome(a)
        if outcome in ("revised", "held"):
            said = says[outcome]
            if outcome == "held" and design and not _has_figure(a.evidence):
                said = says["held in words"]
            item = ("good", f"{after} {said}", a.evidence)
        elif outcome in ("pushed", "held once pushed"):
            item = ("info", f"{after} {says[outcome]}", a.push_evidence or a.evidence)
        elif outcome == "skipped":
            skipped = f"You skipped the answer after the change {_named(a)}."
            item = ("info", f"{skipped} {says['skipped']}", None)
        elif outcome == "named":
            said = says["kept"] if a.kept and not a.revised else says["named"]
            if a.kept and a.argued and design:
                said = _ARGUED_SAYS[a.argued]
            item = ("warning", f"{after} {said}", a.evidence)
        else:
            missed = says["otherwise"] if a.changed_otherwise else says["missed"]
            item = ("warning", f"The answer after the change {_named(a)} {missed}", a.evidence)
        severity, message, evidence = item
        if a.asked and outcome in ("named", "missed"):
            message += " Asking about it first was fine; the design still had to change."
        if a.changed_otherwise_after_push and outcome in ("named", "missed"):
            message += f" {says['pushed otherwise']}"
        if ADAPTATION_COST[outcome] and a.claim_points:
            message += (
                f" (−{ADAPTATION_COST[outcome]} on structure, and the {a.claim_points} "
                f"point{'s' if a.claim_points != 1 else ''} the claim had earned taken back)"
            )
        elif ADAPTATION_COST[outcome]:
            message += f" (−{ADAPTATION_COST[outcome]} on structure)"
        feedback.append(
            FeedbackItem(metric="adaptation", severity=severity, message=message, evidence=evidence)
        )
    return feedback
