"""The offline interviewer: picks the next move from the measured answers, instantly.

It pushes where an experienced interviewer would, in this order:

1. a mistake that looks like coverage (a pitfall of the question: 99% accuracy when
   0.2% of payments are fraud), quoted back with the question's numbers;
2. an answer that jumped to a model is re-anchored on the objective, the success
   metric and the limits, in one question;
3. the heaviest missing system stage for *this* question (its ``priorities``: serving
   within the latency budget first for ads, search, fraud...), a tradeoff challenge
   only when no answer weighed any options;
4. depth on the shallowest covered stage: the candidate's own words, and why.

A requirement change comes once a design exists (a model and serving or data) and
the session is far enough along, choosing the change that bites hardest on what the
answer built; an answer that keeps its design through the change gets pushed once.
The last move is the wrap-up. A question the candidate put to the interviewer is
answered in one line at the start of the same turn. Never the same move twice;
deterministic for a given seed (the seed only picks among equal options and wordings).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.interview.adaptation import spoken_change
from assistant.interview.changes import has_design, pick_change, verdict_after
from assistant.interview.clarify import clarifying_questions, is_assumption, match_facts
from assistant.interview.moves import Move
from assistant.interview.pitfalls import find_pitfalls, quote
from assistant.interview.stage_evidence import Said, StageSaid, already_answered, read_stages
from assistant.interview.view import AnswerView, cumulative, deepest, latest_named, with_article
from assistant.scoring.structure.embedder import Embedder
from prompts import ConstraintChange, Question
from prompts.templates import Phrasings, load_phrasings, render
from rubrics import Rubric

BASICS = ("framing", "metrics", "constraints")
"""What a model-first answer is re-anchored on: the objective, the success metric, the
limits."""
_LIMITS = {"latency", "scale", "traffic", "volume", "qps", "per second", "budget", "cost"}
"""Keywords of facts that state the question's limits."""


@dataclass(frozen=True)
class Reply:
    """The interviewer's one-line answer to a question the candidate put to it."""

    text: str
    topics: str
    """Fact topics given, "+"-joined ("unknown": no fact covers the question)."""
    why: str


def answer_first(reply: Reply | None, move: Move) -> Move:
    """``move`` with ``reply`` said first, in the same turn."""
    if reply is None:
        return move
    return move.model_copy(
        update={
            "question": f"{reply.text} {move.question}",
            "answered": reply.topics,
            "why": f"{reply.why}; then: {move.why}",
        }
    )


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

    @property
    def targeted(self) -> set[str]:
        return {t for m in self.moves if m.kind in ("follow_up", "challenge") for t in m.targets}

    @property
    def total(self) -> int:
        return len(self.moves) + self.moves_left


class OfflinePlanner:
    def __init__(
        self,
        question: Question,
        rubric: Rubric,
        *,
        seed: int = 0,
        phrasings: Phrasings | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.question = question
        self.rubric = rubric
        self.seed = seed
        self.phrasings = phrasings or load_phrasings()
        self.embedder = embedder
        """The sentence model (None: words alone): facts and adaptation by meaning."""
        self.context = f"{question.title} {question.prompt}"

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
        reply, move = self.choose_parts(state)
        return answer_first(reply, move)

    def choose_parts(self, state: PlannerState) -> tuple[Reply | None, Move]:
        """The one-line answer to a question the candidate asked (None: none asked), and
        the move that follows it in the same turn."""
        n = len(state.moves)
        reply = self._clarification(state, n)
        told = reply.topics.split("+") if reply is not None else []
        return reply, self._next(state, n, told)

    def _next(self, state: PlannerState, n: int, told: list[str]) -> Move:
        """The move itself; ``told`` are the fact topics this turn answers first."""
        used = state.used
        if state.moves_left <= 1:
            if state.total <= 2 and not state.injected:
                change = self._change(state, n)
                if change is not None:
                    return change
            return self._wrap_up(state, n)
        push = self._push(state, n)
        if push is not None and push.key not in used:
            return push
        slot = 1 if state.total <= 2 else 2 if state.total <= 4 else 3
        change_ready = not state.injected and self.has_design(state.answers)
        if change_ready and state.moves_left <= slot:
            change = self._change(state, n)
            if change is not None:
                return change
        revealed = [*self.revealed(state), *told]
        for pick in (self._pitfall, self._reanchor, self._system_gap, self._depth):
            move = pick(state, n, revealed)
            if move is not None and move.key not in used:
                return move
        if change_ready or (state.injected and state.moves_left > 2):
            change = self._change(state, n)
            if change is not None and change.key not in used:
                return change
        return self._wrap_up(state, n)

    def has_design(self, answers: list[AnswerView]) -> bool:
        return has_design(self.question, answers)

    # -- a question to the interviewer ---------------------------------------------------

    def revealed(self, state: PlannerState) -> list[str]:
        out = [t for m in state.moves if m.kind == "clarification" for t in m.target.split("+")]
        return out + [t for m in state.moves if m.answered for t in m.answered.split("+")]

    def _clarification(self, state: PlannerState, n: int) -> Reply | None:
        last = state.answers[-1]
        doubtful = [s.text for s in last.sentences if s.doubtful]
        asked = clarifying_questions(last.text, doubtful)
        if not asked:
            return None
        revealed = self.revealed(state)
        found, asked_again = match_facts(
            asked, self.question.facts, revealed, context=self.context, embedder=self.embedder
        )
        if not found:
            questions = [q for q in asked if not is_assumption(q)]
            if not questions or asked_again or "unknown" in revealed:
                return None  # already answered, or an assumption no fact speaks to
            why = f"the candidate asked \u201c{questions[0]}\u201d, which no fact covers"
            return Reply(self._say("clarification_unknown", n), "unknown", why)
        found = found[:2]  # a two-part question gets both answers
        answer = " ".join(f.answer for f, _ in found)
        variant = "clarification_assumption" if is_assumption(found[0][1]) else "clarification"
        asked_text = " / ".join(f"\u201c{q}\u201d" for _, q in found)
        topics = "+".join(f.topic for f, _ in found)
        return Reply(
            self._say(variant, n, answer=answer), topics, f"the candidate asked {asked_text}"
        )

    # -- probes ---------------------------------------------------------------------------

    def _pitfall(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        done = [
            p.id for p in self.question.pitfalls for m in state.moves if f"pitfall {p.id}:" in m.why
        ]
        hits = find_pitfalls(self.question.pitfalls, state.answers, done)
        for hit in hits:
            if ("challenge", hit.pitfall.stage) in state.used:
                continue
            return Move(
                kind="challenge",
                target=hit.pitfall.stage,
                why=f"pitfall {hit.pitfall.id}: the candidate said \u201c{hit.sentence}\u201d",
                question=self._say("quoted", n, quote=hit.quote, ask=hit.pitfall.say),
                source="planner",
            )
        return None

    def _known(self, stage: str, state: PlannerState, revealed: list[str]) -> bool:
        """Anything was said about ``stage`` (a re-anchor on it would claim it was not)."""
        if read_stages(state.answers, [stage], self.context)[stage].level > Said.NOTHING:
            return True
        if stage == "constraints":
            # "150 ms at p99", "4,000 a second", or the limits asked for and given
            limits = {f.topic for f in self.question.facts if _LIMITS & set(f.keywords)}
            return any(a.numbers for a in state.answers) or bool(limits & set(revealed))
        return False

    def _reanchor(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        if not self.question.is_design:
            return None
        missing = [
            s
            for s in BASICS
            if s in self.rubric.stage_ids
            and s in self.phrasings.basics
            and not self._known(s, state, revealed)
            and s not in state.targeted
        ]
        if not missing:
            return None
        parts = [self.phrasings.basics[s] for s in missing]
        if len(parts) == 1:
            ask = f"{parts[0]}."
        else:
            ask = "; ".join(parts[:-1]) + f"; and {parts[-1]}."
        named = latest_named(state.answers)
        covered, _ = cumulative(state.answers)
        model_first = bool(named) or "model" in covered
        titles = ", ".join(self.rubric.stage(s).title.lower() for s in missing)
        if not any(a.text.strip() for a in state.answers):
            text = self._say("reanchor_start", n, ask=ask)
            why = "nothing answered yet: start from the problem"
        elif model_first and named:
            text = self._say("reanchor_named", n, named=with_article(named), ask=ask)
            why = f"the answer went to {named} before settling {titles}"
        else:
            text = self._say("reanchor", n, ask=ask)
            why = f"{titles}: not on the table yet"
        return Move(
            kind="follow_up", target="+".join(missing), why=why, question=text, source="planner"
        )

    def priority_order(self) -> list[str]:
        """System stages in the order this question's interviewer pushes on them."""
        listed = [s for s in self.question.priorities if s in self.rubric.stage_ids]
        rest = sorted(
            (s for s in self.rubric.stages if s.id not in listed),
            key=lambda s: (-s.weight, [x.id for x in self.rubric.stages].index(s.id)),
        )
        order = listed + [s.id for s in rest]
        return [s for s in order if s not in BASICS and s != "summary"]

    def _system_gap(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        """The first stage in this question's order that nothing was said about; then the
        first one said only in passing, with the candidate's words quoted back."""
        said = read_stages(state.answers, self.rubric.stage_ids, self.context)
        open_ = [s for s in self.priority_order() if s not in state.targeted]
        for stage in open_:
            if said[stage].level == Said.NOTHING:
                if stage == "tradeoffs":
                    return self._challenge(state, n)
                return self._follow_up(state, n, stage, said[stage])
        for stage in open_:
            # options weighed in passing are weighed: no challenge says they were not
            if said[stage].level != Said.IN_PASSING or stage == "tradeoffs":
                continue
            if not self._answered_stage(stage, state):
                return self._follow_up(state, n, stage, said[stage])
        return None

    def _asks(self, stage: str, state: PlannerState) -> list[str]:
        """The bank's questions on ``stage`` not yet asked and not already answered."""
        said = {m.question for m in state.moves}
        asks = [
            f.ask
            for f in self.question.follow_ups
            if f.stage == stage and not any(f.ask in q for q in said)
        ]
        answered = already_answered(asks, state.answers, self.embedder)
        return [a for a in asks if a not in answered]

    def _answered_stage(self, stage: str, state: PlannerState) -> bool:
        """Every question the bank has on ``stage`` is answered in the candidate's words:
        asking about it again would echo the candidate."""
        asks = [f.ask for f in self.question.follow_ups if f.stage == stage]
        return bool(asks) and already_answered(asks, state.answers, self.embedder) == set(asks)

    def _follow_up(self, state: PlannerState, n: int, stage_id: str, said: StageSaid) -> Move:
        stage = self.rubric.stage(stage_id)
        asks = self._asks(stage_id, state)
        untouched = said.level == Said.NOTHING
        if untouched:
            why = f"{stage.title.lower()}: not in any answer so far"
        elif said.sentence:
            title = stage.title.lower()
            why = f"{title}: said in passing (\u201c{said.sentence}\u201d), not described"
        else:
            why = f"{stage.title.lower()}: mentioned, not described"
        if said.sentence and not untouched:
            # state what was said, then ask
            ask = asks[0] if asks else self.phrasings.stage_questions.get(stage_id)
            ask = ask or f"Say more about {stage.title.lower()}."
            text = self._say("quoted", n, quote=quote(said.sentence), ask=ask)
        elif asks:
            text = self._say("follow_up", n, ask=asks[0])
        elif stage_id in self.phrasings.stage_questions:
            text = self._say("follow_up", n, ask=self.phrasings.stage_questions[stage_id])
        elif untouched:
            meaning = " ".join(stage.meaning.split())
            text = self._say("follow_up_generic", n, stage=stage.title.lower(), meaning=meaning)
        else:
            text = self._say("follow_up", n, ask=f"Say more about {stage.title.lower()}.")
        return Move(kind="follow_up", target=stage_id, why=why, question=text, source="planner")

    def _challenge(self, state: PlannerState, n: int) -> Move:
        named = latest_named(state.answers)
        if named:
            return Move(
                kind="challenge",
                target="tradeoffs",
                why=f"chose {named}; no answer so far weighed options against each other",
                question=self._say("challenge_named", n, named=with_article(named)),
                source="planner",
            )
        return Move(
            kind="challenge",
            target="tradeoffs",
            why="no answer so far weighed options against each other",
            question=self._say("challenge", n),
            source="planner",
        )

    def _depth(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        """The covered stage the answers went least deep on: its sentence, and why."""
        depth, said = deepest(state.answers)
        covered, _ = cumulative(state.answers)
        order = self.priority_order()
        # why a framing was right is not a question; the limits and the metric are
        rank = {s: i for i, s in enumerate(["metrics", "constraints", *order])}
        shallow = sorted(
            (
                s
                for s in covered
                if s in rank and s not in state.targeted and depth.get(s, 0) < 3 and s in said
            ),
            key=lambda s: (depth.get(s, 0), rank[s]),
        )
        if not shallow:
            return None
        stage = shallow[0]
        asks = self._asks(stage, state)
        ask = asks[0] if asks else self.phrasings.asks["depth"]
        title = self.rubric.stage(stage).title.lower()
        return Move(
            kind="follow_up",
            target=stage,
            why=f"{title}: described but not justified (depth {depth.get(stage, 0)} of 3)",
            question=self._say("quoted", n, quote=quote(said[stage]), ask=ask),
            source="planner",
        )

    # -- requirement changes --------------------------------------------------------------

    def _change(self, state: PlannerState, n: int) -> Move | None:
        covered, _ = cumulative(state.answers)
        said = " ".join(a.text for a in state.answers)
        change = self.pick_change(covered, state.injected, said)
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
            question=self._say("new_constraint", n, say=spoken_change(change)),
            source="planner",
        )

    def pick_change(
        self, covered: frozenset[str], done: list[str], said: str = ""
    ) -> ConstraintChange | None:
        return pick_change(self.question, self.seed, covered, done, said)

    def _push(self, state: PlannerState, n: int) -> Move | None:
        """After a change the answer did not revise for: ask what replaces what it broke."""
        if not state.moves or state.moves[-1].kind != "new_constraint" or len(state.answers) < 2:
            return None
        change = next(
            (c for c in self.question.constraint_changes if c.id == state.moves[-1].target), None
        )
        if change is None:
            return None
        verdict = verdict_after(self.question, change, state.answers, self.embedder)
        if verdict.revised:
            return None
        ask = change.push or self.phrasings.asks["push"]
        if verdict.kept:
            text = self._say("quoted", n, quote=quote(verdict.kept), ask=ask)
            why = "the answer took the change in but kept the design as it was"
        elif verdict.acknowledged:
            text = self._say("follow_up", n, ask=ask)
            why = "the answer took the change in but described no change to the design"
        else:
            text = self._say("push_change", n, say=spoken_change(change), ask=ask)
            why = "the answer did not take the change up"
        return Move(kind="follow_up", target=change.id, why=why, question=text, source="planner")

    # -- the end --------------------------------------------------------------------------

    def _wrap_up(self, state: PlannerState, n: int) -> Move:
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
