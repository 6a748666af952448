"""Structure analysis -> the report's ``structure`` section and feedback items.

Feedback describes what was (not) said and where, never the person: "no
success metric was stated; the first metric mentioned was accuracy at 1:42".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.report import (
    Evidence,
    FeedbackItem,
    ModelNamesOut,
    OrderFindingOut,
    StageOut,
    StructureOut,
)
from assistant.report.format import clock
from assistant.scoring.structure.analysis import (
    BREADTH_MODELS,
    StageFinding,
    StructureAnalysis,
    earned,
    first_said,
    sentence_start,
    unframed,
)
from assistant.scoring.structure.claims import draws_on_reason, unsaid, weighs_mistakes
from assistant.scoring.structure.cues import CueIndex, normalise_text
from assistant.scoring.structure.depth import LEVELS, side_taken_next
from assistant.scoring.structure.quotes import is_fragment, is_question, quote_text
from assistant.scoring.structure.scorers import WEIGHING
from assistant.scoring.structure.segments import Segment, sentence_end
from assistant.scoring.structure.serving import SERVES, serving
from assistant.scoring.structure.substance import (
    MODEL_STAGE,
    Substance,
    takes_a_side,
    weighs_a_cost,
)
from assistant.scoring.structure.weighing import chosen_over
from rubrics import Rubric, Stage

MAX_MISSING_ITEMS = 4
MAX_SHALLOW_ITEMS = 5
MAX_UNJUSTIFIED_ITEMS = 2
GENERIC_WARN = 3
"""This many sentences that say nothing specific get an item of their own."""
QUOTE_WORDS = 24
SHORT_QUOTE_WORDS = 12
DESCRIBE = "a concrete choice, number or example"
JUSTIFY = "why: tie the choice to a constraint, a metric or an option you turned down"
GROUNDED = "tie it to this problem's own constraint, its metric or the option you turned down"


def first_words(text: str, n: int) -> str:
    """``text`` cut after ``n`` words, with "…" where it was cut."""
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def segment_evidence(seg: Segment | None) -> Evidence | None:
    if seg is None:
        return None
    text = first_words(seg.text, QUOTE_WORDS)
    start = None if seg.start is None else round(seg.start, 2)
    return Evidence(quote=_marked(seg, text), start=start)


def _marked(seg: Segment, text: str) -> str:
    """A piece of a longer sentence is shown as one: "…and train again weekly"."""
    return "…" + text if seg.continues else text


def _seg(a: StructureAnalysis, i: int | None) -> Segment | None:
    """Sentence ``i`` as quoted: after the question it answers, if it answers one."""
    if i is None or not 0 <= i < len(a.segments):
        return None
    start = a.quote_from[i] if a.quote_from else i
    if start == i:
        return a.segments[i]
    first, last = a.segments[start], a.segments[i]
    text = quote_text(a.segments, start, i)
    return replace(last, first=first.first, text=text, start=first.start)


def _at(seg: Segment | None) -> str:
    return f" at {clock(seg.start)}" if seg is not None and seg.start is not None else ""


def _short(seg: Segment, cues: Sequence[str] = ()) -> str:
    """The first words of ``seg``; or, when none of ``cues`` (the words that say the
    stage it is quoted for) is among them, the words that lead up to the first one: "I
    guess we use a model, like a neural network, and we…" was quoted for the success
    metrics, cut before the "accuracy" that said them."""
    words = seg.text.split()
    at = _cue_at(words, cues)
    if at is None or at < SHORT_QUOTE_WORDS:
        return _marked(seg, first_words(seg.text, SHORT_QUOTE_WORDS))
    start = at - SHORT_QUOTE_WORDS + 1
    return "…" + first_words(" ".join(words[start:]), SHORT_QUOTE_WORDS)


def _cue_at(words: Sequence[str], cues: Sequence[str]) -> int | None:
    """Index of the last word of the first of ``cues`` said in ``words``."""
    said = [normalise_text(w).strip() for w in words]
    ends = []
    for cue in cues:
        parts = normalise_text(cue).split()
        n = len(parts)
        ends += [k + n - 1 for k in range(len(said) - n + 1) if said[k : k + n] == parts]
    return min(ends, default=None)


def _stage_cues(a: StructureAnalysis, stage: Stage, i: int | None) -> list[str]:
    """The cues of ``stage`` sentence ``i`` says, with the measures and model families
    that name the success metrics and the model."""
    if i is None:
        return []
    extra = {"metrics": a.rubric.measure_names, MODEL_STAGE: a.rubric.model_names}
    index = CueIndex({stage.id: [*stage.cues, *extra.get(stage.id, ())]})
    return index.hits(a.segments[i].text).get(stage.id, [])


_HOW_OFTEN = re.compile(
    r"(?:hourly|daily|weekly|nightly|monthly|quarterly|yearly|every|each|"
    r"once|twice|per)\b"
)
"""A quantity that says how often, not how much or how fast."""


def _inside_another(a: StructureAnalysis, stage_id: str) -> int | None:
    """The sentence that puts a number on ``stage_id`` while it is mainly about another
    stage (so it does not speak for this one: "I'll assume employees asking about HR
    policies, around five thousand questions a day, and..." in the framing), the one
    strongest on it; None when there is none."""
    inside = [
        i
        for i, row in enumerate(a.strengths)
        if row.get(stage_id, 0.0) >= SERVES
        and max(row, key=lambda k: row[k]) != stage_id
        and any(not _HOW_OFTEN.match(q) for q in _quantities(a.substances[i]))
        and not (serving(row, stage_id) and serving(a.alone[i], stage_id))
    ]
    return max(inside, key=lambda i: a.strengths[i][stage_id], default=None)


def _quantities(sub: Substance) -> tuple[str, ...]:
    """The quantities a sentence's substance holds, as said (they lead its specifics)."""
    return sub.specifics[: sub.quantities]


PASSING_SHARE = 0.8
"""A stage said only in passing is quoted from a sentence where it reads at this share of
the sentence's main stage or more, beside its neighbours and on its own: "Business and
user impact came up only in passing" quoted "We'd use the customer data, like
demographics and purchases", a sentence about the data."""


def _mainly(a: StructureAnalysis, i: int | None, stage_id: str) -> bool:
    """Sentence ``i`` is mainly about ``stage_id``, or about it as much as anything."""
    if i is None:
        return False
    rows = [a.strengths[i], a.alone[i] if a.alone else a.strengths[i]]
    return all(
        row.get(stage_id, 0.0) >= PASSING_SHARE * max(row.values(), default=0.0) > 0 for row in rows
    )


def _passing_at(a: StructureAnalysis, i: int | None, stage_id: str) -> bool:
    """Sentence ``i`` may be quoted for a stage said only in passing: it is mainly about
    the stage, and so is the sentence it is a piece of ("…and explicit likes and dislikes
    get more weight." ends a sentence on the labels; it is no business impact)."""
    if i is None or not _mainly(a, i, stage_id):
        return False
    start = sentence_start(a, i)
    return start == i or _mainly(a, start, stage_id)


def missing_detail(stage: Stage, depth: int) -> str | None:
    """What ``stage`` at ``depth`` lacks to go one level deeper."""
    if depth >= 3:
        return None
    if depth == 2:  # the rubric's own words for a reason ("" : the stage has none to give)
        return JUSTIFY if stage.justified is None else stage.justified or None
    return stage.details or DESCRIBE


def _passing_quote(a: StructureAnalysis, f: StageFinding) -> int | None:
    """The sentence the stage table quotes for stage ``f``: a tradeoff said only in passing
    is quoted where one option was set against another ("I'd pick the two-tower model
    over plain collaborative filtering because…"), not from a sentence on the labels that
    reads a little like one."""
    if f.id == "tradeoffs" and f.depth == 0 and f.best is not None and a.tradeoffs:
        return a.tradeoffs[0]
    if f.depth == 0 and f.best is not None and sentence_start(a, f.best) != f.best:
        # a piece of a sentence on another stage is not quoted for this one
        return f.best if _passing_at(a, f.best, f.id) else None
    return f.best


def structure_out(a: StructureAnalysis, method: str, positions: Sequence[float]) -> StructureOut:
    stages = []
    rubric_stage = {s.id: s for s in a.rubric.stages}
    for f in a.stages:
        said = first_said(a, f.id, own=True)  # a sentence about it, not one beside it
        first = a.segments[said] if said is not None else None
        stages.append(
            StageOut(
                id=f.id,
                title=f.title,
                covered=f.covered,
                strength=round(f.mass, 2),
                first_at_s=None if first is None or first.start is None else round(first.start, 2),
                first_at_share=None if said is None else round(positions[said], 3),
                share=round(f.share, 3),
                evidence=segment_evidence(_seg(a, _passing_quote(a, f))),
                depth=f.depth,
                depth_label=LEVELS[f.depth],
                depth_evidence=segment_evidence(_seg(a, f.depth_segment)),
                missing=missing_detail(rubric_stage[f.id], f.depth),
            )
        )
    return StructureOut(
        rubric=a.rubric.id,
        method=method,
        score=a.score,
        stages=stages,
        order_findings=[
            OrderFindingOut(
                kind=o.kind, message=o.message, evidence=segment_evidence(_seg(a, o.segment))
            )
            for o in a.order
        ],
        signposts=len(a.signposts),
        tradeoffs=[e for e in (segment_evidence(_seg(a, i)) for i in a.tradeoffs) if e],
        models=ModelNamesOut(named=list(a.model_names), with_reasons=a.reasoned_models),
        generic=[e for e in (segment_evidence(_seg(a, i)) for i in a.generic) if e],
    )


def first_at_quoted(
    a: StructureAnalysis,
    out: StructureOut,
    feedback: Sequence[FeedbackItem],
    positions: Sequence[float],
) -> StructureOut:
    """``out`` with each stage's first moment no later than any sentence the report
    quotes for it (its evidence, its depth's evidence, its feedback lines): the stage
    timeline said "Constraints first 0:12" while the feedback on constraints quoted the
    figures said inside the framing at 0:06."""
    where: dict[str, int] = {}
    for i in range(len(a.segments)):
        start = a.quote_from[i] if a.quote_from else i  # after the question it answers
        for seg, at in ((_seg(a, i), start), (a.segments[i], i)):
            quoted = segment_evidence(seg)
            if quoted is not None:
                where[quoted.quote] = min(at, where.get(quoted.quote, at))
    stages = []
    for st in out.stages:
        quotes = [st.evidence, st.depth_evidence] + [
            f.evidence for f in feedback if f.metric == f"structure.{st.id}"
        ]
        at = [where[q.quote] for q in quotes if q is not None and q.quote in where]
        first = min(at, default=None)
        if first is not None and (
            st.first_at_share is None or positions[first] < st.first_at_share
        ):
            seg = a.segments[first]
            st = st.model_copy(
                update={
                    "first_at_share": round(positions[first], 3),
                    "first_at_s": None if seg.start is None else round(seg.start, 2),
                }
            )
        stages.append(st)
    return out.model_copy(update={"stages": stages})


def structure_summary(score: int, rubric_title: str, stages: Sequence) -> FeedbackItem:
    """The feedback's structure line: the score and the stages covered (``stages``: each
    with ``title``, ``covered`` and ``depth``)."""
    covered = [f for f in stages if f.covered]
    justified = [f for f in covered if f.depth >= 3]
    # the stages the items below say were named: "covered 0 of 11 stages" beside "You
    # named model choice (…)" read as two verdicts on one answer
    named = [f.title.lower() for f in stages if not f.covered and f.depth == 1]
    return FeedbackItem(
        metric="structure",
        severity="good" if score >= 70 else "info",
        message=f"Structure {score}/100 on the {rubric_title} rubric: covered "
        f"{len(covered)} of {len(stages)} stages"
        + (f" ({', '.join(f.title.lower() for f in covered)})" if covered else "")
        + (f", {len(justified)} of them with reasons" if covered else "")
        + (f"; named only: {', '.join(named)}." if named else "."),
    )


def _said_once(a: StructureAnalysis, sentences: Sequence[int]) -> list[int]:
    """``sentences`` less the ones said word for word before: a paragraph pasted 45 times
    over is one "To sum up", not 45 transitions to praise."""
    seen: set[str] = set()
    out = []
    for i in sentences:
        said = " ".join(a.segments[i].text.lower().split())
        if said not in seen:
            seen.add(said)
            out.append(i)
    return out


HELD = "The score is held at "
"""How the feedback item on an unframed answer's hold opens (:func:`held_item`)."""


def held_item(rubric: Rubric, score: int, design: float) -> FeedbackItem:
    """The feedback item on a hold: the answer, at ``score``, described neither its problem
    nor how success is measured; its stages alone earned ``design``. What the design
    earned is said where the hold took some of it: "held at 10 at most" beside a score of
    27 would read as a number the report broke."""
    design = int(round(max(0.0, min(100.0, design))))
    held_at = (
        f"{HELD}{score} (its design alone earned {design})"
        if design > score
        else f"{HELD}{round(100 * rubric.named_credit)} at most"
    )
    return FeedbackItem(
        metric="structure",
        severity="warning",
        message=f"{held_at}: the answer described neither the problem it solves nor how "
        "success is measured, and the rest of a design is built on those two. Open with who "
        "it is for and what it decides, then the number that says it works.",
    )


def structure_feedback(a: StructureAnalysis, long_answer: bool) -> list[FeedbackItem]:
    items: list[FeedbackItem] = [structure_summary(a.score, a.rubric.title, a.stages)]
    rubric_stage = {s.id: s for s in a.rubric.stages}
    told_elsewhere = {"tradeoffs"} | (
        {a.rubric.stage_ids[-1]} if any(o.kind == "no_close" for o in a.order) else set()
    )
    if unframed(a):
        items.append(held_item(a.rubric, a.score, earned(a)))
    if a.accuracy_only is not None:
        seg = _seg(a, sentence_start(a, a.accuracy_only))
        items.append(
            FeedbackItem(
                metric="structure.metrics",
                severity="warning",
                message="No success metric was stated; the only measure mentioned was "
                f"accuracy{_at(seg)}. Name an offline metric and the product or "
                "business number it should move.",
                evidence=segment_evidence(seg),
            )
        )
    by_weight = sorted(a.stages, key=lambda f: -rubric_stage[f.id].weight)
    shallow = [f for f in by_weight if f.depth == 1 and f.id not in told_elsewhere]
    for f in shallow[:MAX_SHALLOW_ITEMS]:
        if f.id == "metrics" and a.accuracy_only is not None:
            continue  # said below, more pointedly
        stage = rubric_stage[f.id]
        seg = _seg(a, f.depth_segment)
        cues = _stage_cues(a, stage, f.depth_segment)
        said = f" (“{_short(seg, cues)}”{_at(seg)})" if seg is not None else ""
        missing = missing_detail(stage, 1)
        family = [c for c in cues if c in a.rubric.model_names]
        broad = f.depth_segment is not None and not a.substances[f.depth_segment].models
        if f.id == MODEL_STAGE and family and broad and stage.details_named:
            # "like a neural network" names a family too broad to be a choice: "but not
            # which model" would deny what the quote says
            missing = stage.details_named.replace("{family}", family[0])
        if seg is not None and _said_back(a, f.depth_segment):
            # "so we're deciding which notifications to send": the question, said back
            message = (
                f"For {stage.title.lower()} you said the question back{said}; in your own "
                f"words, say {missing_detail(stage, 1)}."
            )
        elif (
            "numbers" in (stage.details or "") and (inside := _inside_another(a, f.id)) is not None
        ):
            # only a stage whose missing detail is its numbers: "around five thousand
            # questions a day" said inside the framing is a number it gave, so it is told
            # where to put it, not "but not the numbers"
            seg = a.segments[inside]  # the sentence with the detail, not its question
            message = (
                f"You gave {stage.title.lower()} only inside another point "
                f"(“{_short(seg)}”{_at(seg)}); say {missing_detail(stage, 1)} in a "
                "sentence of its own."
            )
        elif (missing := _not_said(a, f.depth_segment, missing)) is None:
            continue  # the quote says all the stage was said to lack
        else:
            message = f"You named {stage.title.lower()}{said} but not {missing}."
        items.append(
            FeedbackItem(
                metric=f"structure.{f.id}",
                severity="warning",
                message=message,
                evidence=segment_evidence(seg),
            )
        )
    # opening and closing stages frame and recap; they have no choice to justify
    ends = {a.rubric.stage_ids[0], a.rubric.stage_ids[-1]}
    unjustified = [
        f
        for f in by_weight
        if f.depth == 2
        and f.id not in told_elsewhere | ends
        and missing_detail(rubric_stage[f.id], 2) is not None
    ]
    for f in unjustified[:MAX_UNJUSTIFIED_ITEMS]:
        stage = rubric_stage[f.id]
        seg = _seg(a, f.depth_segment)
        sub = a.substances[f.depth_segment] if f.depth_segment is not None else None
        if stage.justified is not None:  # a story's or an explanation's own words for it
            message = (
                f"You described {stage.title.lower()}{_at(seg)} but not {missing_detail(stage, 2)}."
            )
        elif (elsewhere := _reason_elsewhere(a, f.id, f.depth_segment)) is not None:
            if _turns_down(a, elsewhere):
                # "i think it is people buying, not only clicking, so the number i watch is
                # how many searches end in a purchase": the reason sets the choice against
                # the option turned down, which is what "a general one" would ask for
                continue
            # "Labels: a customer cancelled within thirty days after the prediction date."
            # then "I must be careful to only use data from before that date, otherwise the
            # model cheats.": the reason is there, in a sentence of the stage's own that the
            # depth rules read as thin; "but not why" would deny it
            seg = _seg(a, elsewhere)
            message = (
                f"You gave a reason for {stage.title.lower()}{_at(seg)}, but a general one: "
                f"{GROUNDED}."
            )
        elif sub is not None and (
            sub.reason or sub.comparison or sub.linked or _reason_beside(a, f.depth_segment)
        ):
            if sub.reason and _turns_down(a, f.depth_segment):
                continue  # its reason is tied to the option turned down, as above
            # a reason too thin to count ("because the data is tabular"), or one the depth
            # head read as fitting any design: "but not why" would contradict the quote
            message = (
                f"You gave a reason for {stage.title.lower()}{_at(seg)}, but a general one: "
                f"{GROUNDED}."
            )
        else:
            message = f"You described {stage.title.lower()}{_at(seg)} but not {JUSTIFY}."
        items.append(
            FeedbackItem(
                metric=f"structure.{f.id}",
                severity="info",
                message=message,
                evidence=segment_evidence(seg),
            )
        )
    if len(a.generic) >= GENERIC_WARN:
        # shown by a sentence that is not also praised below as a signpost
        plain = [i for i in a.generic if i not in a.signposts] or a.generic
        seg = _seg(a, plain[0])
        items.append(
            FeedbackItem(
                metric="structure.depth",
                severity="warning",
                message=f"{len(a.generic)} sentences named a stage without saying anything "
                f"specific, like “{_short(seg)}”{_at(seg)}: a number, a named "
                "technique or a reason says more than the stage's name.",
                evidence=segment_evidence(seg),
            )
        )
    missing = sorted(
        (f for f in a.stages if f.depth == 0 and f.id not in told_elsewhere),
        key=lambda f: -rubric_stage[f.id].weight,
    )
    for f in missing[:MAX_MISSING_ITEMS]:
        stage = rubric_stage[f.id]
        tip = stage.good[0].rstrip(".")
        if f.id == "metrics" and a.accuracy_only is not None:
            continue
        if f.mass > 0:
            seg = _seg(a, f.best) if _passing_at(a, f.best, f.id) else None
            items.append(
                FeedbackItem(
                    metric=f"structure.{f.id}",
                    severity="info",
                    # not "in no sentence of its own": the candidate may well have said
                    # one ("Success means catching fraud while keeping false declines
                    # low.") that the analysis read as another stage's
                    message=f"{stage.title} came up only in passing"
                    + (_at(seg) if seg is not None else "")
                    + f". Good looks like: {tip}.",
                    evidence=segment_evidence(seg),
                )
            )
        else:
            items.append(
                FeedbackItem(
                    metric=f"structure.{f.id}",
                    severity="warning",
                    message=f"No {stage.title.lower()} in the answer. Good looks like: {tip}.",
                )
            )
    for o in a.order:
        seg = _seg(a, o.segment)
        head, semi, tail = o.message.rstrip(".").partition(";")
        at = f",{_at(seg)}" if semi and seg is not None and seg.start is not None else ""
        items.append(
            FeedbackItem(
                metric="structure.order",
                severity="warning",
                # "…only in passing as it opened, at 0:01; say what…", not "…designing at 0:01"
                message=f"{head}{at}{semi}{tail}{'' if semi else _at(seg)}.",
                evidence=segment_evidence(seg),
            )
        )
    if "tradeoffs" in a.rubric.stage_ids:
        items.append(_tradeoffs_item(a))
    if long_answer and not a.signposts:
        items.append(
            FeedbackItem(
                metric="structure.signposts",
                severity="info",
                message="No signposts (\u201cfirst\u201d, \u201cnext\u201d, "
                "\u201cto sum up\u201d): say where you are going so the interviewer can follow.",
            )
        )
    elif len(signposts := _said_once(a, a.signposts)) >= 3:
        # shown by one that says something, not one the warning above calls empty
        said = [i for i in signposts if i not in a.generic] or signposts
        seg = _seg(a, said[0])
        items.append(
            FeedbackItem(
                metric="structure.signposts",
                severity="good",
                message=f"{len(signposts)} signposted transitions made the structure easy to "
                "follow.",
                evidence=segment_evidence(seg),
            )
        )
    if len(a.model_names) >= BREADTH_MODELS and a.reasoned_models * 2 < len(a.model_names):
        first = min(a.model_names.values())
        seg = _seg(a, sentence_start(a, first))
        names = ", ".join(list(a.model_names)[:5])
        items.append(
            FeedbackItem(
                metric="structure.depth",
                severity="warning",
                message=f"{len(a.model_names)} model families were named ({names}) with a reason "
                f"for {a.reasoned_models}; choosing one and explaining why goes further "
                "than a list.",
                evidence=segment_evidence(seg),
            )
        )
    return without_repeated_order(items, a.rubric.stage_ids[0])


def without_repeated_order(items: list[FeedbackItem], opening: str) -> list[FeedbackItem]:
    """``items`` with the finding on how the answer opened, where it quotes the sentence
    the item on the ``opening`` stage quotes, said as what it adds: "You named problem
    framing (…) but not who it is for" says already what "…touched problem framing only
    in passing as it opened" would, but the finding takes points of its own, so it stays,
    told as the cost to the order (it was dropped, and the 5 points it took were never
    shown). Other order findings on that sentence stay as they are ("The model was chosen
    before any success metrics…" quoting an opening that picks a model says something
    else)."""
    quoted = {f.evidence.quote for f in items if f.metric == f"structure.{opening}" and f.evidence}
    return [
        f.model_copy(update={"message": _as_order_cost(f.message)})
        if f.metric == "structure.order"
        and _ON_OPENING.search(f.message)
        and f.evidence
        and f.evidence.quote in quoted
        else f
        for f in items
    ]


def _as_order_cost(message: str) -> str:
    """ "The answer touched framing only in passing as it opened, at 0:01; say first what
    you will explain…" as "Opening on framing only in passing (see the item on framing)
    also counts against the order, at 0:01; say first what you will explain…". The
    pointer names the stage: the report's JSON lists the items in an order of its own, and
    "(the item above)" there stood under another item; the fronts say where it is
    (:func:`assistant.report.format.shown_feedback`)."""
    head, semi, tail = message.partition(";")
    at = m.group(0) if (m := re.search(r", at \d+:\d\d$", head)) else ""
    head = head.removesuffix(at)
    if touched := re.fullmatch(r"The answer touched (.+) only in passing as it opened", head):
        return (
            f"Opening on {touched.group(1)} only in passing (see the item on "
            f"{touched.group(1)}) also counts against the order{at}{semi}{tail}"
        )
    if missed := re.fullmatch(r"The answer did not open with (.+)", head):
        return (
            f"Not opening with {missed.group(1)} (see the item on {missed.group(1)}) also "
            f"counts against the order{at}{semi}{tail}"
        )
    return message


_ON_OPENING = re.compile(r"as it opened|did not open with")
"""The order findings on how the answer opened (:func:`analysis._order_findings`)."""


def _not_said(a: StructureAnalysis, i: int | None, missing: str) -> str | None:
    """``missing`` less what sentence ``i`` (whole, where it was cut for length) says:
    "but not … which mistake costs more" quoting "…how many good payments we wrongly
    block because blocking a real customer loses the sale" denied its own quote. None
    when the sentence says all of it."""
    if i is None:
        return missing
    start = sentence_start(a, i)
    pieces = range(start, sentence_end(a.segments, start))
    whole = " ".join(a.segments[k].text for k in pieces)
    return unsaid(missing, [(whole, a.substances[k]) for k in pieces])


def _reason_beside(a: StructureAnalysis, i: int | None) -> bool:
    """Sentence ``i`` draws on a reason said just before it ("…because people get really
    annoyed when food is late. So I would measure how many minutes late…"), or the next
    sentence opens with one ("That's because…"): "but not why" would deny it."""
    if i is None:
        return False
    start = sentence_start(a, i)
    before = sentence_start(a, start - 1) if start > 0 else start
    if start > 0 and draws_on_reason(a.segments[start].text):
        if any(a.substances[k].reason or a.substances[k].linked for k in range(before, start)):
            return True
    j = sentence_end(a.segments, i)
    return j < len(a.segments) and a.substances[j].answers_back and a.substances[j].linked


def _reason_elsewhere(a: StructureAnalysis, stage: str, i: int | None) -> int | None:
    """Another sentence than ``i`` (the one quoted for ``stage``) that speaks for the stage,
    beside its neighbours and on its own, is not about another stage more
    (:func:`_of_another`), and gives a reason: "…otherwise the model cheats" after the labels
    were described, "i think it is people buying, not only clicking, so the number i watch
    is how many searches end in a purchase" before the evaluation was. A sentence on
    another stage that only reads a little as this one is not its reason: "You gave a
    reason for data pipeline and features, but a general one" quoted the data's "The big
    trap is that a zero after a sellout is not zero demand…". None when there is none."""
    if i is None or not a.substances or not a.alone:
        return None
    quoted = range(sentence_start(a, i), sentence_end(a.segments, i))
    for k, sub in enumerate(a.substances):
        if k in quoted or not (sub.reason or sub.linked) or sub.generic or sub.garbled:
            continue
        if is_question(a.segments[k].text) or is_fragment(a.segments[k]):
            continue
        if (
            serving(a.strengths[k], stage)
            and serving(a.alone[k], stage)
            and not _of_another(a, k, stage)
        ):
            return k
    return None


def _of_another(a: StructureAnalysis, k: int, stage: str) -> bool:
    """Sentence ``k`` is about another stage more than about ``stage``, beside its
    neighbours and on its own: "…censored demand, so I would join inventory snapshots"
    is on the data, however it reads as the pipeline too. One that reads as a little of
    everything ("i think it matters for the business, so the number i watch is…") is no
    other stage's."""
    rows = (a.strengths[k], a.alone[k])
    return any(
        all(r.get(stage, 0.0) < PASSING_SHARE * r.get(other, 0.0) for r in rows)
        for other in a.strengths[k]
        if other != stage
    )


_TURNED_DOWN = re.compile(
    r"\bnot (?:only|just|simply|merely|only just) (?:the |a |an )?[a-z]\w*"
    r"|\b(?:rather than|instead of) (?:the |a |an )?[a-z]\w*"
    r"|\bnot (?:the |a |an )?[a-z]\w*,? but\b"
)
"""The option turned down, said beside the one chosen: "people buying, not only
clicking", "listening to the end rather than skipping"."""


def _turns_down(a: StructureAnalysis, i: int) -> bool:
    """Sentence ``i`` (with the rest of it, where it was cut for length) gives a reason
    and names the option it turned down: a reason tied to this problem, not a general
    one."""
    said = " ".join(s.text for s in a.segments[sentence_start(a, i) : sentence_end(a.segments, i)])
    return bool(_TURNED_DOWN.search(said.lower().replace("’", "'")))


def _said_back(a: StructureAnalysis, i: int) -> bool:
    """Sentence ``i`` is the question said back, and so is the rest of it where it was cut
    for length ("Let me frame it first: every incoming message gets one of three
    outcomes, …, so I'd build it as one spam score with two thresholds" goes on in words
    of its own)."""
    return all(a.substances[k].echo for k in range(i, sentence_end(a.segments, i)))


def _weighed(a: StructureAnalysis, i: int) -> bool:
    """Sentence ``i`` (or the rest of it, cut for length) sets what one option gains
    against what it costs, rather than only naming the two sides, the option turned down
    ("…precision and recall instead of accuracy") or a reason for a choice ("…so I'd add
    a small random price jitter")."""
    return any(
        weighs_a_cost(a.segments[k].text)
        or takes_a_side(a.segments[k].text)
        or WEIGHING.search(a.segments[k].text.lower())
        or _CONTRAST.search(a.segments[k].text.lower())
        or weighs_mistakes(a.segments[k].text)
        for k in range(i, sentence_end(a.segments, i))
    ) or side_taken_next(i, a.segments)


_CONTRAST = re.compile(r"\b(?:but|while|whereas|though|although)\b")
"""Two sides set against each other ("cheap and fast but stale, while online scoring is
fresh but expensive")."""


def _one_against_another(a: StructureAnalysis, i: int) -> FeedbackItem:
    seg = _seg(a, i)
    return FeedbackItem(
        metric="structure.tradeoffs",
        severity="info",
        message=f"You set one option against another{_at(seg) or ' here'}, but not what "
        "your choice gives up: name its cost (accuracy, latency, money or simplicity) "
        "and why it is worth paying here. That makes it a tradeoff.",
        evidence=segment_evidence(seg),
    )


def _tradeoffs_item(a: StructureAnalysis) -> FeedbackItem:
    """What the answer did with tradeoffs, saying what the stage table shows: a choice
    set against another option with a reason for it ("trees rather than a sequence model
    because they are cheap to serve") is a reasoned choice for its own stage, and becomes
    a tradeoff once it says what the choice gives up."""
    stage = a.stage("tradeoffs")
    shown = stage.depth_segment
    if stage.depth >= 2 and shown is not None and not _weighed(a, shown):
        # the sentence the stage table quotes only names the option turned down; another
        # one may weigh two in full ("…costs more infra but stops people clicking…")
        weighed = [i for i in a.tradeoffs if _weighed(a, i)]
        if weighed:
            seg = _seg(a, weighed[0])
            times = f" ({len(weighed)} times in all)" if len(weighed) > 1 else ""
            return FeedbackItem(
                metric="structure.tradeoffs",
                severity="good",
                message=f"Options were weighed against each other{_at(seg) or ' here'}{times}.",
                evidence=segment_evidence(seg),
            )
        if a.substances[shown].comparison:
            # "Fraud is very imbalanced, so I'd look at precision and recall instead of
            # accuracy": a choice, with the option it was picked over
            return _one_against_another(a, shown)
        # "There's a tradeoff between precision and recall here, which we'd tune" names
        # the two sides; it was praised as options weighed
        seg = _seg(a, shown)
        return FeedbackItem(
            metric="structure.tradeoffs",
            severity="info",
            message=f"You set out a tradeoff{_at(seg) or ''}, but not which side you would "
            "take and what it costs you: say what your choice gives up (accuracy, latency, "
            "money or simplicity) and why that is worth paying here.",
            evidence=segment_evidence(seg),
        )
    if stage.depth >= 2:  # quoted as the stage table quotes it
        seg = _seg(a, stage.depth_segment)
        times = f" ({len(a.tradeoffs)} times in all)" if len(a.tradeoffs) > 1 else ""
        return FeedbackItem(
            metric="structure.tradeoffs",
            severity="good",
            message=f"Options were weighed against each other{_at(seg) or ' here'}{times}.",
            evidence=segment_evidence(seg),
        )
    # "You set one option against another" quotes a sentence that does: "there are
    # tradeoffs between accuracy, latency and cost that we'll need to consider" names one
    set_against = [
        i
        for i in a.tradeoffs
        if _weighed(a, i)
        or (a.substances and a.substances[i].comparison)
        or chosen_over(" ".join(x.text for x in a.segments[i : sentence_end(a.segments, i)]))
    ]
    if set_against:
        return _one_against_another(a, set_against[0])
    if stage.depth == 1:  # named, as the stage table quotes it: "The tradeoff is X against Y."
        seg = _seg(a, stage.depth_segment if stage.depth_segment is not None else stage.best)
        return FeedbackItem(
            metric="structure.tradeoffs",
            severity="warning",
            message=f"You named a tradeoff{_at(seg) or ''}, but not in full: say which "
            "option you picked, what it gives up (accuracy, latency, cost or simplicity) "
            "and why that is worth paying here.",
            evidence=segment_evidence(seg),
        )
    return FeedbackItem(
        metric="structure.tradeoffs",
        severity="warning",
        message="No tradeoff was named: say what a choice gains and what it gives up "
        "(accuracy against latency, cost, or simplicity).",
    )
