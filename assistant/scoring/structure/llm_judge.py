"""An optional LLM judge of stage coverage, checked against the transcript.

Off by default; the local analysis never needs it. When asked for, the LLM grades every
rubric stage and quotes the words that show it. A quote that is not in the transcript
drops that item (the local judgement stands for it). An invalid reply is retried once
with the error; a failure or timeout falls back to the local analysis with a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from assistant.llm.ask import ask_json
from assistant.llm.port import ChatModel
from assistant.report import Evidence, StructureOut, WordOut
from assistant.report.format import counted
from assistant.scoring.evidence import squash
from assistant.scoring.structure.analysis import (
    depth_credit,
    depth_points,
    held,
    leaves_unframed,
    order_penalty,
    unheld,
)
from assistant.scoring.structure.depth import LEVELS
from assistant.scoring.structure.scorers import StageScorer
from assistant.scoring.structure.segments import split_segments, words_from_text
from assistant.scoring.structure.serving import serving
from prompts.templates import load_chat_prompt
from rubrics import Rubric

MAX_TRANSCRIPT_CHARS = 12_000


class StageGrade(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=60)
    covered: bool
    quote: str = Field("", max_length=300)


class Grades(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stages: list[StageGrade]


def judge_structure(
    chat: ChatModel,
    rubric: Rubric,
    question: str,
    words_out: Sequence[WordOut],
    local: StructureOut,
    *,
    timeout_s: float = 20.0,
    reads: Callable[[str], Mapping[str, float]] | None = None,
) -> tuple[StructureOut, str | None]:
    """The structure section with the LLM's verified grades, or the local one and a notice.
    ``reads``: the local reading of a quote on its own (stage -> strength); a grade whose
    quote it does not read as about that stage at all is dropped ("I assume around 200
    million daily users and" was taken as the business impact, described)."""
    prompt = load_chat_prompt("llm-judge")
    transcript = " ".join(w.text for w in words_out)
    values = {
        "question": question or "(not given)",
        "rubric": "\n".join(f"- {s.id}: {' '.join(s.meaning.split())}" for s in rubric.stages),
        "transcript": transcript[:MAX_TRANSCRIPT_CHARS],
    }
    try:
        grades = ask_json(chat, prompt, values, Grades, timeout_s=timeout_s)
    except Exception as exc:  # invalid twice, timeout, refused connection, provider error
        reason = type(exc).__name__ if not str(exc) else " ".join(str(exc).split())[:160]
        return local, (
            f"The LLM judge ({chat.name}) could not be used ({reason}); the local analysis stands."
        )
    words = squash(transcript)
    by_id = {g.id: g for g in grades.stages}
    stages = []
    dropped = off_stage = 0
    for s in local.stages:
        g = by_id.get(s.id)
        quote = g.quote.strip() if g else ""
        if g is None or (g.covered and (not quote or squash(quote) not in words)):
            dropped += g is not None
            stages.append(s)  # unverifiable: the local judgement stands
            continue
        if g.covered and s.depth < 2 and reads is not None and _elsewhere(reads(quote), s.id):
            off_stage += 1
            stages.append(s)  # a quote about something else: the local judgement stands
            continue
        evidence = s.evidence
        if g.covered and (s.depth < 2 or evidence is None):  # the judge's quote shows the lift
            evidence = Evidence(quote=quote, start=_locate(words_out, quote))
        # covered means described: the judge's verdict moves the depth across that line
        depth = max(s.depth, 2) if g.covered else min(s.depth, 1)
        stages.append(
            s.model_copy(
                update={
                    "covered": g.covered,
                    "evidence": evidence,
                    "depth": depth,
                    "depth_label": LEVELS[depth],
                    "depth_evidence": s.depth_evidence if depth == s.depth else evidence,
                }
            )
        )
    # the local score moved by what the judge changed, credited by depth as the local
    # score is (its order penalties and adaptation cost stay): "Structure 71/100" beside
    # a feedback line of 39 had come from a formula of its own
    weights = {s.id: s.weight for s in rubric.stages}
    top = {s.id: s.top_level for s in rubric.stages}

    def credit(s) -> float:
        return weights[s.id] * (1.0 if s.depth >= top[s.id] else depth_credit(rubric, s.depth))

    moved = sum(credit(new) - credit(old) for new, old in zip(stages, local.stages, strict=True))
    lift = 100 * moved / sum(weights.values())
    score = local.score + lift
    held_before = leaves_unframed(rubric, {s.id for s in local.stages if s.covered})
    if leaves_unframed(rubric, {s.id for s in stages if s.covered}):
        # still neither framed nor measured: held as the local score is, so what the
        # judge lifted of the model, data or serving counts less the hold's cost (the
        # local score, held already, is first taken back to what its stages earned)
        score = held(rubric, (unheld(rubric, local.score) if held_before else local.score) + lift)
    elif held_before:
        # the judge found the framing or metric the local reading missed: the answer is
        # no longer held, so its other stages count again
        base = depth_points(rubric, {s.id: s.depth for s in stages})
        score = base - order_penalty(len(local.order_findings), earned=base)
        score -= local.adaptation_cost
    score = int(round(max(0.0, min(100.0, score))))
    out = local.model_copy(
        update={"stages": stages, "method": f"llm ({chat.name})", "score": score}
    )
    notices = []
    if dropped:
        notices.append(
            f"{counted(dropped, 'LLM grade')} quoted words not in the transcript and were dropped."
        )
    if off_stage:
        notices.append(
            f"{counted(off_stage, 'LLM grade')} quoted words about another stage and were dropped."
        )
    return out, " ".join(notices) or None


def quote_reader(scorer: StageScorer) -> Callable[[str], dict[str, float]]:
    """The local reading of a quote on its own: each stage's strongest over its sentences."""

    def reads(quote: str) -> dict[str, float]:
        words, ends = words_from_text(quote)
        segments = split_segments(words, timed=False, line_ends=ends)
        out: dict[str, float] = {}
        for row in scorer.read(segments).alone if segments else ():
            for k, v in row.items():
                out[k] = max(out.get(k, 0.0), v)
        return out

    return reads


def _elsewhere(row: Mapping[str, float], stage: str) -> bool:
    """Read on its own, the quote speaks for other stages, not for ``stage``."""
    row = dict(row)
    return not serving(row, stage) and any(serving(row, k) for k in row)


def _locate(words: Sequence[WordOut], quote: str) -> float | None:
    """When the quoted words begin in the transcript (None if untimed or not found)."""
    target = squash(quote).split()
    if not target:
        return None
    tokens = [squash(w.text) for w in words]
    for i in range(len(tokens)):
        joined: list[str] = []
        j = i
        while j < len(tokens) and len(joined) < len(target):
            joined += tokens[j].split()
            j += 1
        if joined[: len(target)] == target:
            return words[i].start
    return None
