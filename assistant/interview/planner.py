"""The offline interviewer: picks the next move from the measured answers, instantly.

In order of precedence: answer a clarifying question from the question's facts;
wrap up on the last turn once a constraint has changed; change a requirement
once the candidate has a design on the table (at least once per session);
push on a choice when no tradeoff was named; otherwise probe the most
important stage not yet covered. Never the same move twice. Deterministic for
a given seed: the seed only picks among equally good options and wordings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.interview.clarify import clarifying_questions, match_facts
from assistant.interview.moves import Move
from assistant.interview.view import AnswerView, cumulative, latest_named
from assistant.scoring.structure.cues import CueIndex
from prompts import ConstraintChange, Question
from prompts.templates import Phrasings, load_phrasings, render
from rubrics import Rubric

DESIGN_STAGES = ("model", "pipeline", "deployment")
"""Once any of these is covered there is a design for a new constraint to change."""
NAMED_STAGES = ("monitoring", "deployment", "metrics", "data")
"""Follow-ups on these read naturally when they start from the model the candidate named."""


@dataclass
class PlannerState:
    """What the planner sees: the moves so far and every answer (first one included)."""

    moves: list[Move]
    answers: list[AnswerView]
    moves_left: int
    """Interviewer moves still allowed, this one included."""

    @property
    def used(self) -> set[tuple[str, str]]:
        return {m.key for m in self.moves}

    @property
    def injected(self) -> list[str]:
        return [m.target for m in self.moves if m.kind == "new_constraint"]


class OfflinePlanner:
    def __init__(
        self,
        question: Question,
        rubric: Rubric,
        *,
        seed: int = 0,
        phrasings: Phrasings | None = None,
    ) -> None:
        self.question = question
        self.rubric = rubric
        self.seed = seed
        self.phrasings = phrasings or load_phrasings()

    # -- wording ------------------------------------------------------------------------

    def _say(self, variant: str, n_move: int, **values: object) -> str:
        options = self.phrasings.moves[variant]
        rng = random.Random(f"{self.seed}:{variant}:{n_move}")
        return " ".join(render(rng.choice(options), values).split())

    def opening(self) -> Move:
        return Move(
            kind="ask",
            target=self.question.id,
            why="the interview question",
            question=" ".join(self.question.prompt.split()),
            source="bank",
        )

    def closing(self) -> str:
        return self._say("closing", 0)

    # -- choosing -----------------------------------------------------------------------

    def choose(self, state: PlannerState) -> Move:
        n = len(state.moves)
        due = not state.injected and state.moves_left == 1  # last chance for a change
        order = (
            (self._constraint, self._clarification, self._gap, self._anything_left)
            if due
            else (
                self._clarification,
                self._wrap_up,
                self._constraint,
                self._gap,
                self._anything_left,
            )
        )
        for pick in order:
            move = pick(state, n)
            if move is not None and move.key not in state.used:
                return move
        return self._final_wrap_up(state, n)

    def revealed(self, state: PlannerState) -> list[str]:
        return [t for m in state.moves if m.kind == "clarification" for t in m.target.split("+")]

    def _clarification(self, state: PlannerState, n: int) -> Move | None:
        asked = clarifying_questions(state.answers[-1].text)
        if not asked:
            return None
        revealed = self.revealed(state)
        found, asked_again = match_facts(
            asked,
            self.question.facts,
            revealed,
            context=f"{self.question.title} {self.question.prompt}",
        )
        if not found:
            if asked_again or "unknown" in revealed:
                return None  # already answered: move on rather than say "no figure"
            return Move(
                kind="clarification",
                target="unknown",
                why=f"the candidate asked \u201c{asked[0]}\u201d, which no fact covers",
                question=self._say("clarification_unknown", n),
                source="planner",
            )
        found = found[:2]  # a two-part question gets both answers
        answer = " ".join(f.answer for f, _ in found)
        asked_text = " / ".join(f"\u201c{q}\u201d" for _, q in found)
        return Move(
            kind="clarification",
            target="+".join(f.topic for f, _ in found),
            why=f"the candidate asked {asked_text}",
            question=self._say("clarification", n, answer=answer),
            source="planner",
        )

    def _wrap_up(self, state: PlannerState, n: int) -> Move | None:
        if state.moves_left > 1 or not state.injected:
            return None
        return self._final_wrap_up(state, n)

    def _final_wrap_up(self, state: PlannerState, n: int) -> Move:
        covered, _ = cumulative(state.answers)
        why = (
            "last turn: a summary shows the design holds together"
            if "summary" not in covered
            else "last turn"
        )
        return Move(
            kind="wrap_up",
            target="summary" if "summary" in self.rubric.stage_ids else self.rubric.stage_ids[-1],
            why=why,
            question=self._say("wrap_up", n),
            source="planner",
        )

    def _constraint(self, state: PlannerState, n: int) -> Move | None:
        if state.injected and state.moves_left > 1:
            return None
        covered, _ = cumulative(state.answers)
        has_design = any(s in covered for s in DESIGN_STAGES) or not self.question.is_design
        # probe the biggest gap first; change a requirement once there is a design and
        # either a probe has happened, nothing is missing, or this is the last chance
        ready = has_design and (n >= 1 or not self.gaps(state))
        if state.injected or not (ready or state.moves_left == 1):
            return None
        said = " ".join(a.text for a in state.answers)
        change = self._pick_change(covered, state.injected, said)
        if change is None:
            return None
        touched = [s for s in change.stages if s in covered]
        why = (
            f"tests whether the design adapts: it changes {', '.join(touched)}, which the "
            "candidate already described"
            if touched
            else "no requirement has changed yet; this one reshapes the design"
        )
        return Move(
            kind="new_constraint",
            target=change.id,
            why=why,
            question=self._say("new_constraint", n, say=change.say),
            source="planner",
        )

    def _pick_change(
        self, covered: frozenset[str], done: Sequence[str], said: str = ""
    ) -> ConstraintChange | None:
        """The change that bites hardest on what the candidate built: most of its stages
        already covered, then most of its words already used (a candidate who called
        latency the main constraint gets latency tightened); the seed breaks ties."""
        options = [c for c in self.question.constraint_changes if c.id not in done]
        if not options:
            return None
        rng = random.Random(f"{self.seed}:constraint")
        jitter = {c.id: rng.random() for c in options}
        hits = CueIndex({c.id: c.keywords for c in options}).hits(said) if said else {}
        return max(
            options,
            key=lambda c: (len(set(c.stages) & covered), len(hits.get(c.id, [])), jitter[c.id]),
        )

    def gaps(self, state: PlannerState) -> list[str]:
        """Stages not covered in any answer yet, most important first (summary excluded:
        the wrap-up asks for it)."""
        covered, strength = cumulative(state.answers)
        targeted = {m.target for m in state.moves}
        order = {s.id: i for i, s in enumerate(self.rubric.stages)}
        gaps = [
            s
            for s in self.rubric.stages
            if s.id not in covered and s.id not in targeted and s.id != "summary"
        ]
        # once the candidate is past the opening, an early stage is asked about last among
        # equals: "what are your success metrics?" helps more than "restate the problem"
        late = {s.id: s.position == "early" for s in self.rubric.stages}
        return [s.id for s in sorted(gaps, key=lambda s: (-s.weight, late[s.id], order[s.id]))]

    def _gap(self, state: PlannerState, n: int) -> Move | None:
        gaps = self.gaps(state)
        if not gaps:
            return None
        if not any(a.text.strip() for a in state.answers):
            # nothing said yet (the question was skipped): no design to push on, so
            # start from the problem itself
            first = self.rubric.stages[0].id
            if first in gaps:
                return self._follow_up(state, n, first, "nothing answered yet")
        stage = gaps[0]
        if stage == "tradeoffs":
            return self._challenge(state, n)
        return self._follow_up(state, n, stage, "not covered in any answer so far")

    def _follow_up(self, state: PlannerState, n: int, stage_id: str, reason: str) -> Move:
        stage = self.rubric.stage(stage_id)
        asks = [f.ask for f in self.question.follow_ups if f.stage == stage_id]
        named = latest_named(state.answers)
        why = f"{stage.title.lower()} {reason}"
        if asks:
            ask = asks[0]
            if named and stage_id in NAMED_STAGES:
                text = self._say("follow_up_named", n, named=named, ask=ask)
            else:
                text = self._say("follow_up", n, ask=ask)
        elif stage_id in self.phrasings.stage_questions:
            text = self._say("follow_up", n, ask=self.phrasings.stage_questions[stage_id])
        else:
            text = self._say(
                "follow_up_generic",
                n,
                stage=stage.title.lower(),
                meaning=" ".join(stage.meaning.split()),
            )
        return Move(kind="follow_up", target=stage_id, why=why, question=text, source="planner")

    def _challenge(self, state: PlannerState, n: int) -> Move:
        named = latest_named(state.answers)
        if named:
            return Move(
                kind="challenge",
                target="tradeoffs",
                why=f"chose {named} without naming what it gives up",
                question=self._say("challenge_named", n, named=named),
                source="planner",
            )
        return Move(
            kind="challenge",
            target="tradeoffs",
            why="no tradeoff named in any answer so far",
            question=self._say("challenge", n),
            source="planner",
        )

    def _anything_left(self, state: PlannerState, n: int) -> Move | None:
        """Everything is covered: deepen the shallowest stage, or change another requirement."""
        _, strength = cumulative(state.answers)
        targeted = {m.target for m in state.moves}
        shallow = sorted(
            (s for s in self.rubric.stages if s.id not in targeted and s.id != "summary"),
            key=lambda s: strength.get(s.id, 0.0) / s.weight,
        )
        if shallow and strength.get(shallow[0].id, 0.0) < 4.0:
            return self._follow_up(state, n, shallow[0].id, "covered only briefly")
        change = self._pick_change(cumulative(state.answers)[0], state.injected)
        if change is not None:
            return Move(
                kind="new_constraint",
                target=change.id,
                why="every stage is covered; a second change tests depth",
                question=self._say("new_constraint", n, say=change.say),
                source="planner",
            )
        return None
