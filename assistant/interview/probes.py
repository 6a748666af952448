"""Probes on the candidate's design: what to ask about, and in whose words.

In the order an experienced interviewer pushes: a pitfall of the question quoted back
with its numbers; a model-first answer re-anchored on the objective, the metric and
the limits; the first stage of this question's order that nothing was said about (a
tradeoff challenge only when no options were weighed in any words); a stage said only
in passing, its sentence quoted back; depth on the shallowest covered stage. Nothing
is called missing that :mod:`assistant.interview.stage_evidence` finds said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from assistant.interview.changes import names_a_design
from assistant.interview.clarify import asks_for_hint, asks_interviewer, questions_for_facts
from assistant.interview.moves import Move
from assistant.interview.pitfalls import find_pitfalls, quote
from assistant.interview.spoken_numbers import number_text, numbers_in, same_time, times
from assistant.interview.stage_evidence import (
    Said,
    StageSaid,
    already_answered,
    closest,
    read_stages,
)
from assistant.interview.state import PlannerState
from assistant.interview.view import (
    cumulative,
    deepest,
    hesitation_only,
    latest_named,
    nothing_said,
    said_something,
    with_article,
    words_of_its_own,
)
from assistant.scoring.structure.cues import CueIndex
from assistant.scoring.structure.embedder import Embedder
from assistant.scoring.structure.substance import quantities
from prompts import Question, load_questions
from prompts.templates import Phrasings
from rubrics import Rubric, Stage

BASICS = ("framing", "metrics", "constraints")
"""What a model-first answer is re-anchored on: the objective, the success metric, the
limits."""
_LIMITS = {"latency", "scale", "traffic", "volume", "qps", "per second", "budget", "cost"}
"""Keywords of facts that state the question's limits."""
MIN_THREAD_WORDS = 3
"""Words of its own an answer needs before an interviewer can pull on a thread in it: a
name said alone ("Gradient descent.") is no thread."""
_TRAINS = re.compile(
    r"\b(?:train\w*|retrain\w*|fine[- ]?tun\w*|labels?|labell?ed|labell?ing|learn\w*|"
    r"supervised|positives?|negatives?|fit|fits|fitted|regression|classifier\w*|boosted)\b"
)
"""Words of a design that learns from data: its labels can be asked about."""
_RESTART = {"behavioral-star": "restart_story", "general": "restart_general"}
"""How a story's or an explanation's first probe starts over when nothing was said yet (a
design question's re-anchor starts from the problem)."""


class Probes:
    """The probe moves for one question; ``say`` words a move (variant, move number,
    values)."""

    def __init__(
        self,
        question: Question,
        rubric: Rubric,
        phrasings: Phrasings,
        embedder: Embedder | None,
        say: Callable[..., str],
    ) -> None:
        self.question = question
        self.rubric = rubric
        self.phrasings = phrasings
        self.embedder = embedder
        self.say = say
        self.context = question.words
        self._alike_words: dict[str, tuple[str, ...]] | None = None

    def choose(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        """The first probe, in the order above, that was not made yet (None: none left)."""
        for pick in (self._restart, self._pitfall, self._reanchor, self._system_gap, self._depth):
            move = pick(state, n, revealed)
            if move is not None and move.key not in state.used:
                return move
        return None

    def starts_again(self, state: PlannerState, n: int) -> Move | None:
        """The smaller start a story or an explanation not yet begun gets, or a design
        question handed back after answers that only asked the interviewer
        (:meth:`_restart`); None otherwise."""
        return self._restart(state, n, [])

    def _restart(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        """Nothing said yet (the opening skipped, or only "Um, uh, well", or a name alone:
        "Kubernetes.", "Transformers."): no thread to pull on, so a story or an
        explanation starts again with a smaller question; "Let me pull on one thread.
        What exactly did you say to them…?" asked about a colleague nobody had
        mentioned. A design question is handed back whole after answers that only asked
        the interviewer (:meth:`_reopen`); its re-anchor takes a named model up ("Before
        we go further into XGBoost…")."""
        if self.question.is_design:
            return self._reopen(state, n, revealed)
        variant = _RESTART.get(self.rubric.id)
        if variant is None:
            return None
        why = SMALLER_START
        reopens = False
        if self._hesitated(state):
            # "um… uh… hmm, let me think": gathering thoughts, not a story or an
            # explanation to pull a thread in; time, and a small first step
            variant = f"{variant}_hesitant"
            why = HESITATED
        # "I'm not sure." is three words, none of them a story begun
        said = [a for a in state.answers if not nothing_said(a.text)]
        if words_of_its_own(said) >= MIN_THREAD_WORDS:
            hint = asks_for_hint(state.answers[-1].text)
            # a stage read in a question put to the interviewer ("which one would you
            # like, overfitting or precision versus recall?") is no story or explanation
            # begun
            if _designed(state) or not (hint or _asked_the_interviewer(state)):
                return None
            if not hint:
                # "Should it be a work example?" answered, then "Let me pull on one thread.
                # What exactly did you say to them…?" of a story not begun: the floor goes
                # back
                variant = f"{variant}_asked"
                why = "only a question asked yet: over to the candidate"
                reopens = True
        return Move(
            kind="follow_up",
            target=self.rubric.stages[0].id,
            why=why,
            question=self.say(variant, n),
            source="planner",
            reopens=reopens,
        )

    def _hesitated(self, state: PlannerState) -> bool:
        """The latest answer was only hesitation ("um… uh… hmm, let me think"), met
        kindly once a session: said again, the question is simply put again."""
        return (
            bool(state.answers)
            and hesitation_only(state.answers[-1].text)
            and not any(m.why == HESITATED for m in state.moves)
        )

    def _reopen(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        """The design question handed back whole after answers that only put questions to
        the interviewer ("Before I start: how many orders a day, and how fast must the
        page load?"): the facts are told first, then "How would you design it?", with the
        question's own time. "Over to you, with that in mind. Tell me how you would know
        it works…" pushed one stage of a design not begun, on a follow-up's two minutes.
        None: a design was begun, or the latest answer asked nothing."""
        if _designed(state) or not self._only_asked(state):
            return None
        missing = self._missing_basics(state, revealed)
        return Move(
            kind="follow_up",
            target="+".join(missing or BASICS[:1]),
            why="only questions asked yet: the question back to the candidate",
            question=self.say("reopen_design", n),
            source="planner",
            reopens=True,
        )

    def no_story(self, state: PlannerState, n: int) -> Move | None:
        """The latest answer declines to tell a story ("I don't really have conflicts with
        colleagues… so there is nothing to tell"): a twist on the story, or a thread pulled
        in it, has nothing to work on, so a story or an explanation is asked for again,
        smaller ("it doesn't have to be a big one"); once a session. None: a design
        question, an answer that tells one, or asked already."""
        variant = _RESTART.get(self.rubric.id)
        if self.question.is_design or variant is None or not state.answers:
            return None
        if not declines_to_tell(state.answers[-1].text):
            return None
        if any(m.why == NO_STORY for m in state.moves):
            return None
        return Move(
            kind="follow_up",
            target=self.rubric.stages[0].id,
            why=NO_STORY,
            question=self.say(f"{variant}_none", n),
            source="planner",
        )

    def nothing_yet(self, state: PlannerState, n: int) -> Move | None:
        """Every answer so far said nothing (hesitation, "I'm not sure", "I don't know")
        and a smaller start was already asked for: "Before we move on: when did you first
        notice it was going wrong…?" followed up a story never told. The first time, one
        small step and an offer to move on; after that, the interview is wrapped up
        kindly, not pushed on a story, explanation or design never begun. None: something
        was said, or nothing has been asked since the opening."""
        if not state.moves or not state.answers or not state.answers[-1].text.strip():
            return None  # a skip is the candidate's own choice to go on, not "I'm not sure"
        if not all(nothing_said(a.text) for a in state.answers):
            return None
        if any(m.kind == "clarification" or m.answered for m in state.moves):
            return None  # the candidate asked something: :meth:`_restart` hands it back
        kind = "design" if self.question.is_design else _RESTART.get(self.rubric.id)
        if kind is None:
            return None
        if not any(m.why == NOTHING_YET for m in state.moves):
            variant = "reanchor_unsure" if self.question.is_design else f"{kind}_unsure"
            return Move(
                kind="follow_up",
                target=self.rubric.stages[0].id,
                why=NOTHING_YET,
                question=self.say(variant, n),
                source="planner",
            )
        return Move(
            kind="wrap_up",
            target="summary" if "summary" in self.rubric.stage_ids else self.rubric.stage_ids[-1],
            why=f"last turn: {NOTHING_YET_AGAIN}",
            question=self.say("wrap_up_nothing", n),
            source="planner",
        )

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
                question=self.say("quoted", n, quote=hit.quote, ask=hit.pitfall.say),
                source="planner",
            )
        return None

    def _known(self, stage: str, state: PlannerState, revealed: list[str]) -> bool:
        """One of the basics was said in words (a re-anchor on it would claim it was not);
        a faint signal of the analysis alone ("card velocity" read as a metric) does not
        stop the re-anchor a model-first answer needs."""
        said = read_stages(state.answers, [stage], self.context)[stage]
        if said.in_words:
            return True
        if stage == "framing":
            return deepest(state.answers)[0].get("framing", 0) >= 1
        if stage == "constraints":
            # "150 ms at p99", "4,000 a second", or the limits asked for and given
            limits = {f.topic for f in self.question.facts if _LIMITS & set(f.keywords)}
            return any(a.numbers for a in state.answers) or bool(limits & set(revealed))
        return False

    def _reanchor(self, state: PlannerState, n: int, revealed: list[str]) -> Move | None:
        if not self.question.is_design:
            return None
        missing = self._missing_basics(state, revealed)
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
        # skipped, "Uh, um, well, uh.", or a word or two with no thread in it ("Pricing."),
        # not a model named alone ("XGBoost.": stepped back from below)
        short = words_of_its_own(state.answers) < MIN_THREAD_WORDS and not named and not covered
        if self._hesitated(state) and not covered:
            # "um… uh… hmm, let me think": time to think, and the first of the basics
            # alone, not three questions in one
            text = self.say("reanchor_hesitant", n, ask=f"{parts[0]}.")
            why = HESITATED
            missing = missing[:1]
        elif not said_something(state.answers) or short:
            text = self.say("reanchor_start", n, ask=ask)
            why = "nothing answered yet: start from the problem"
        elif not covered and asks_for_hint(state.answers[-1].text):
            # "Where should I start? Can you give me a hint?" was told "I don't have a
            # figure for that; make a reasonable assumption"
            text = self.say("reanchor_start", n, ask=ask)
            why = "the candidate asked where to start: start from the problem"
        elif model_first and named and _went_first(named, state, missing):
            text = self.say("reanchor_named", n, named=with_article(named), ask=ask)
            why = f"the answer went to {named} before settling {titles}"
        elif not _designed(state) and _asked_the_interviewer(state):
            # the candidate asked before designing, as they should: the answer to it is
            # told first, and the floor goes back to them; "Let's step back for a
            # moment" spoke as if they had dived into a model
            text = self.say("reanchor_asked", n, ask=ask)
            why = f"{titles}: not on the table yet, after the candidate's question"
        else:
            text = self.say("reanchor", n, ask=ask)
            why = f"{titles}: not on the table yet"
        return Move(
            kind="follow_up", target="+".join(missing), why=why, question=text, source="planner"
        )

    def _missing_basics(self, state: PlannerState, revealed: list[str]) -> list[str]:
        """The basics (problem, constraints, metrics) not on the table yet, nor asked for."""
        return [
            s
            for s in BASICS
            if s in self.rubric.stage_ids
            and s in self.phrasings.basics
            and not self._known(s, state, revealed)
            and s not in state.targeted
        ]

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
                return self._follow_up(state, n, stage, said[stage], revealed)
        for stage in open_:
            # options weighed in passing are weighed: no challenge says they were not
            if said[stage].level != Said.IN_PASSING or stage == "tradeoffs":
                continue
            if self._answered_stage(stage, state):
                continue
            deeper = self._deeper(state, n, stage, said[stage], revealed)
            if deeper is not None:
                return deeper
            if not self._told_in_words(stage, state, revealed, said[stage].shown_by):
                return self._follow_up(state, n, stage, said[stage], revealed)
        return None

    def _deeper(
        self, state: PlannerState, n: int, stage_id: str, said: StageSaid, revealed: list[str]
    ) -> Move | None:
        """A stage said in passing in a sentence that already answers its generic question
        ("In production I'd watch for complaints, sudden sentiment shifts, and the share
        of summaries that fail the faithfulness check." answers "once it is live, how
        would you notice that it is getting worse?", which quoted it and asked for it
        again): that sentence quoted, and what it leaves out asked for ("Why watch that,
        and what happens on the day it fires?"). None: the bank still has a question on
        the stage, no sentence answers the generic one, or the depth ask is answered."""
        words = self.phrasings.stage_answered_by.get(stage_id)
        ask = self.phrasings.depth_asks.get(stage_id)
        if not words or not ask:
            return None
        cues = CueIndex({ask: words})
        shown = next((x for x in said.shown_by if cues.hits(x.lower())), None)
        if shown is None or not quotable(shown, ask):
            return None
        if "that number" in ask and not _MEASURE.search(shown.lower()):
            # "…moved that number?" after "the goal is to page the right team without
            # waking people for noise": there is no number in it to have moved
            return None
        if any(not self._says(shown, a) for a in self._asks(stage_id, state, revealed)):
            return None  # the bank's own question on it comes first
        by = {ask: self.phrasings.depth_answered_by.get(stage_id, [])}
        if already_answered([ask], state.answers, None, by, needed=1):
            return None  # "…then an A/B test on watch time" shows what moved it
        title = self.rubric.stage(stage_id).title.lower()
        return Move(
            kind="follow_up",
            target=stage_id,
            why=f"{title}: said what (\u201c{shown}\u201d), not why or what follows",
            question=self.say("quoted", n, quote=quote(shown), ask=ask),
            source="planner",
        )

    def _told_in_words(
        self, stage: str, state: PlannerState, revealed: list[str], shown: Sequence[str] = ()
    ) -> bool:
        """With no bank question left on ``stage``, its generic question is answered by a
        sentence of the candidate's ("I will take three parts: the problem, what we
        built, and what it changed" before "what are the parts of your explanation, in
        order?", which quoted it back and asked for it). A bank question one of the
        stage's own sentences (``shown``) already says is not left: "Success is that
        shoppers who see the summary buy or return no more than others, so the business
        metric is conversion and return rate" answers both "how would you know the
        summaries help shoppers?" and "how does this design move the numbers the business
        cares about?", and was quoted back before the second."""
        words = self.phrasings.stage_answered_by.get(stage)
        generic = self.phrasings.stage_questions.get(stage)
        if not words or not generic:
            return False
        asks = self._asks(stage, state, revealed)
        if any(not any(self._says(x, a) for x in shown) for a in asks):
            return False
        return bool(already_answered([generic], state.answers, None, {generic: words}, needed=1))

    def stage_question(self, stage: str, state: PlannerState) -> str | None:
        """The generic question on ``stage``; for a design that trains nothing ("an LLM
        writes one line per aspect from the top sentences"), one that presumes no
        training where the usual one does."""
        untrained = self.phrasings.stage_questions_untrained.get(stage)
        if untrained and not any(_TRAINS.search(a.text.lower()) for a in state.answers):
            return untrained
        told = self.phrasings.stage_questions_told.get(stage)
        if told and "summary" in cumulative(state.answers)[0]:
            # "So in short: a model that overfits has memorised the old exam…" ended it:
            # "Before you go on: what are the parts…?" spoke of an explanation still going
            return told
        return self.phrasings.stage_questions.get(stage)

    def _asks(self, stage: str, state: PlannerState, revealed: Sequence[str] = ()) -> list[str]:
        """The bank's questions on ``stage`` not yet asked, not already answered, and not
        answered by a fact the interviewer told (``revealed``: their topics)."""
        said = {m.question for m in state.moves}
        told = self._told(revealed)
        asks = [
            f.ask
            for f in self.question.follow_ups
            if f.stage == stage
            and not any(f.ask in q for q in said)
            and not any(gives_split(fact, f.ask) for fact in told)
        ]
        answered = self._answered(asks, state)
        return [a for a in asks if a not in answered]

    def _answered_stage(self, stage: str, state: PlannerState) -> bool:
        """Every question the bank has on ``stage`` is answered in the candidate's words:
        asking about it again would echo the candidate."""
        asks = [f.ask for f in self.question.follow_ups if f.stage == stage]
        return bool(asks) and self._answered(asks, state) == set(asks)

    def _answered(self, asks: list[str], state: PlannerState) -> set[str]:
        """Of the bank's ``asks``, those the answers so far already answer."""
        return already_answered(
            asks,
            state.answers,
            self.embedder,
            self._answered_by,
            self._chosen_by,
            measured=self._measured,
        )

    def _says(self, sentence: str | None, ask: str) -> bool:
        """``sentence``, the one a probe on its stage would quote, already holds one of
        the words an answer to the bank's ``ask`` would use: "We precompute prep
        estimates per restaurant every minute and serve in one batched call" answers "How
        do you serve that many predictions in time?" (elsewhere two such words are
        needed: a sentence not about the stage may share one by chance)."""
        words = self._answered_by.get(ask)
        if not sentence or not words:
            return False
        cues = CueIndex({ask: words})
        return bool(cues.hits(sentence) or cues.hits(number_text(sentence)))

    @property
    def _answered_by(self) -> dict[str, list[str]]:
        """Per bank question, the words an answer to it would use: its own, and on a story,
        those of another story question's that asks the same thing (:meth:`_alike`)."""
        alike = self._alike()
        return {
            f.ask: list(dict.fromkeys([*f.answered_by, *alike.get(f.ask, ())]))
            for f in self.question.follow_ups
        }

    def _alike(self) -> dict[str, tuple[str, ...]]:
        """Per bank question of a story, the answer words of the shipped story questions'
        bank questions on the same part that ask the same thing (:data:`SAME_ASK` close in
        meaning): "I called the retention lead the next morning and I set up a comparison"
        tells a failure's first move in the words the ambiguity question lists for its
        first step, and "When did you first notice it…, and what was your first move?"
        asked for it again. Questions on the same part that ask something else ("What
        exactly did you say to them…?") lend none. Empty without a sentence model."""
        if self._alike_words is not None:
            return self._alike_words
        out: dict[str, tuple[str, ...]] = {}
        others = [
            (stage, ask, words)
            for stage, ask, words in _story_asks(self.rubric.id)
            if ask not in {f.ask for f in self.question.follow_ups}
        ]
        own = [f for f in self.question.follow_ups if any(f.stage == o[0] for o in others)]
        if _RESTART.get(self.rubric.id) == "restart_story" and self.embedder and own:
            vectors = self.embedder.embed([*(f.ask for f in own), *(o[1] for o in others)])
            sims = vectors[: len(own)] @ vectors[len(own) :].T
            for f, row in zip(own, sims, strict=True):
                lent = [
                    w
                    for (stage, _, words), sim in zip(others, row, strict=True)
                    if stage == f.stage and float(sim) >= SAME_ASK
                    for w in words
                ]
                if lent:
                    out[f.ask] = tuple(dict.fromkeys(lent))
        self._alike_words = out
        return out

    @property
    def _measured(self) -> set[str]:
        """The bank questions that want a result and how much it moved."""
        return {f.ask for f in self.question.follow_ups if f.measured}

    @property
    def _chosen_by(self) -> dict[str, list[str]]:
        """Per either-or bank question, the words that pick one of its options."""
        return {f.ask: f.chosen_by for f in self.question.follow_ups}

    def _follow_up(
        self,
        state: PlannerState,
        n: int,
        stage_id: str,
        said: StageSaid,
        revealed: Sequence[str] = (),
    ) -> Move:
        stage = self.rubric.stage(stage_id)
        asks = self._asks(stage_id, state, revealed)
        # only a question asked so far, and answered first: "Before we move on:" or "Let
        # me pull on one thread." spoke of a design nobody had begun; the floor goes back
        asked = "_asked" if self._only_asked(state) else ""
        untouched = said.level == Said.NOTHING
        ask = asks[0] if asks else self.stage_question(stage_id, state)
        ask = ask or _say_more(stage)
        # the candidate's sentence this probe follows on from, if one is close to it
        shown = None if untouched else closest(said.shown_by, ask, self.embedder)
        shown = shown if shown and quotable(shown, ask) else None
        if shown and asks and self._says(shown, asks[0]):
            # "Going back to “precompute user and ad embeddings, score candidates in one
            # batch”: what is computed ahead of time?" asked for what it quoted
            asks = asks[1:]
            ask = asks[0] if asks else self.stage_question(stage_id, state) or _say_more(stage)
            shown = shown if quotable(shown, ask) else None
        if untouched:
            why = f"{stage.title.lower()}: not in any answer so far"
        elif shown:
            title = stage.title.lower()
            why = f"{title}: said in passing (\u201c{shown}\u201d), not described"
        else:
            why = f"{stage.title.lower()}: mentioned, not described"
        if shown:
            # state what was said, then ask
            text = self.say("quoted", n, quote=quote(shown), ask=ask)
        elif asks:
            text = self.say(f"follow_up{asked}", n, ask=asks[0])
        elif stage_id in self.phrasings.stage_questions:
            ask = self.stage_question(stage_id, state)
            text = self.say(f"follow_up{asked}", n, ask=ask)
        elif untouched:
            meaning = " ".join(stage.meaning.split())
            generic = "follow_up_generic" if self.question.is_design else "follow_up_generic_told"
            generic += asked if self.question.is_design else ""
            text = self.say(generic, n, stage=stage.title.lower(), meaning=meaning)
        else:
            text = self.say("follow_up", n, ask=_say_more(stage))
        return Move(kind="follow_up", target=stage_id, why=why, question=text, source="planner")

    def _only_asked(self, state: PlannerState) -> bool:
        """The latest answer put a question to the interviewer (answered first in this
        turn), and no answer so far said a word of a design."""
        return (
            self.question.is_design
            and _asked_the_interviewer(state)
            and not names_a_design(self.question, state.answers)
        )

    def _challenge(self, state: PlannerState, n: int) -> Move:
        named = latest_named(state.answers)
        if named and not _combined(named, state):
            # "Why a gradient boosted tree rather than logistic regression?": the option it
            # is weighed against, said, where the interviewer has an obvious one
            rival = self.phrasings.rival_of(named)
            said = {"named": with_article(named)} | ({"rival": rival} if rival else {})
            why = f"chose {named}; no answer so far weighed options against each other"
            wording = "challenge_rival" if rival else "challenge_named"
            if rival and _rival_said(rival, state):
                # "…and compare it with logistic regression as a baseline": the rival is
                # theirs already, so the challenge asks what sets the two apart, not "Why a
                # gradient boosted tree rather than logistic regression?" as if it were new
                wording = "challenge_rival_said"
                why = f"{why}; {rival} named too, not weighed"
            elif rival:
                why = f"{why}; weighed against {rival}"
            return Move(
                kind="challenge",
                target="tradeoffs",
                why=why,
                question=self.say(wording, n, **said),
                source="planner",
            )
        return Move(
            kind="challenge",
            target="tradeoffs",
            why="no answer so far weighed options against each other",
            question=self.say("challenge", n),
            source="planner",
        )

    def _told(self, revealed: Sequence[str]) -> list[str]:
        """What the facts of ``revealed`` (their topics) say, those of this turn's reply
        included."""
        return [f.answer for f in self.question.facts if f.topic in revealed]

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
                if s in rank
                and s not in state.targeted
                and depth.get(s, 0) < self.rubric.stage(s).top_level
                # a plan is not a call to defend: it goes deeper by a return at the close
                and not self.rubric.stage(s).roadmap
                and s in said
            ),
            key=lambda s: (depth.get(s, 0), rank[s]),
        )
        # a figure the interviewer gave or confirmed ("GPS now arrives every 60 seconds",
        # "the whole fraud check gets 150 ms") is not the candidate's to defend, nor one
        # the reply just before this move confirms ("About 10 million rides a day…")
        told = " ".join([*(m.question for m in state.moves), *self._told(revealed)])
        for stage in shallow:
            asks = [a for a in self._asks(stage, state, revealed) if not self._says(said[stage], a)]
            generic = self.phrasings.depth_asks.get(stage, self.phrasings.asks["depth"])
            if not asks and _NUMBER_ASK in generic and given_by_interviewer(said[stage], told):
                continue
            by = {generic: self.phrasings.depth_answered_by.get(stage, [])}
            if asks or not already_answered([generic], state.answers, None, by):
                break
        else:  # every shallow stage's ask is answered in the candidate's words
            return None
        ask = asks[0] if asks else _fitting(generic, said[stage], self.phrasings.asks["depth"])
        # the bank's own question quotes the sentence only when it is near it: "You said
        # “I'd assume about twenty million subscribers…”. How would you show that the model
        # actually saved subscribers?" quoted a sentence the question is not about
        shown = closest([said[stage]], ask, self.embedder) if asks else said[stage]
        if shown and not quotable(shown, ask):
            # "You said “We train on click logs, with features like the ad's past click
            # rate…”. Why label it that way…?": the sentence names no label to ask about
            shown = None
            if not asks:
                ask = self.stage_question(stage, state) or self.phrasings.asks["depth"]
        title = self.rubric.stage(stage).title.lower()
        return Move(
            kind="follow_up",
            target=stage,
            why=f"{title}: described but not justified (depth {depth.get(stage, 0)} of 3)",
            question=self.say("quoted", n, quote=quote(shown), ask=ask)
            if shown
            else self.say("follow_up", n, ask=ask),
            source="planner",
        )


_DECLINES = re.compile(
    r"\bnothing (?:really |much )?to (?:tell|say|share)\b"
    r"|\b(?:can't|cannot|can not|couldn't|don't|do not) (?:really |honestly |quite )?(?:think of|"
    r"remember|recall|come up with) (?:a|an|any|one)\b"
    r"|\b(?:don't|do not|never) (?:really |honestly |actually )?(?:have|had|get|got) "
    r"(?:a |an |any |many )?(?:conflicts?|disagreements?|examples?|stor(?:y|ies)|failures?|"
    r"such (?:situations?|cases?)|situations? like (?:that|this))\b"
    r"|\b(?:that|this|it) (?:has )?never (?:really )?happen(?:s|ed) to me\b"
    r"|\bi(?:'ve| have) never (?:really )?(?:failed|(?:had|been in|faced|made) (?:a|an|any))\b"
)
"""How a candidate says there is no story to tell ("I don't really have conflicts",
"I can't think of an example", "there is nothing to tell")."""
_TELLS_ONE = re.compile(
    r"\b(?:but|except|although|though|still|well)\b[^.!?]*\b(?:one time|once|there was|i remember|"
    r"the closest|last (?:year|month|week)|at my (?:last|previous|first|old)|when i was)\b"
)
"""A turn to a story after all ("…, but there was one time…", "…, though the closest was…")."""
HESITATED = "nothing answered yet, only hesitation: time to think, and a small first step"
"""Why the interviewer meets an answer of hesitation alone kindly."""
SMALLER_START = "nothing answered yet: a smaller start"
"""Why a story or an explanation starts again smaller (:meth:`Probes._restart`)."""
NOTHING_YET = "nothing answered yet after a smaller start: one small step, or move on"
"""Why the interviewer offers a small step or to move on (:meth:`Probes.nothing_yet`)."""
NOTHING_YET_AGAIN = "still nothing answered: no follow-up on what was never said"


def before_any_answer(move: Move) -> bool:
    """``move`` meets answers that said nothing yet (hesitation, "I'm not sure", a skipped
    opening): a smaller start, a small step, or the kind close after them."""
    reasons = (HESITATED, SMALLER_START, NOTHING_YET, NOTHING_YET_AGAIN)
    return any(r in move.why for r in reasons)


NO_STORY = "no story told: a smaller one asked for"
"""Why the interviewer asks for a smaller story (:meth:`Probes.no_story`)."""
DECLINE_WORDS = 60
"""An answer longer than this tells something, whatever it declines along the way."""


def declines_to_tell(text: str) -> bool:
    """``text`` says there is no story to tell ("I don't really have conflicts with
    colleagues… so there is nothing to tell") and tells none: short, with no turn to one
    ("I can't think of a big conflict, but there was one time…" tells one)."""
    low = text.lower().replace("\u2019", "'")
    return (
        len(low.split()) <= DECLINE_WORDS
        and bool(_DECLINES.search(low))
        and not _TELLS_ONE.search(low)
    )


SAME_ASK = 0.45
"""Two story questions' bank questions on one part at least this close in meaning ask
the same thing ("what was your first move?" and "what was the first concrete thing you
did…?" are 0.51 apart; "what exactly did you say to them in that first conversation?"
is 0.32 from the first)."""


@cache
def _story_asks(rubric_id: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The part, the question and its answer words of every bank question of the shipped
    story questions of ``rubric_id``."""
    return tuple(
        (f.stage, f.ask, tuple(f.answered_by))
        for q in load_questions().values()
        if q.rubric == rubric_id and not q.is_design
        for f in q.follow_ups
        if f.answered_by
    )


def _went_first(named: str, state: PlannerState, missing: list[str]) -> bool:
    """The answers went to ``named`` before the basics: the problem was never framed, or
    the model came in the first answer's first sentence. An answer that framed the
    problem, gave a metric and described the data before naming it did not ("Before we
    go further into a CNN…" told such a candidate they had jumped to the model)."""
    if "framing" in missing:
        return True
    first = next((a for a in state.answers if a.text.strip()), None)
    if first is None or not first.sentences:
        return True
    return named.lower() in first.sentences[0].text.lower()


_TOGETHER = re.compile(
    r"\b(?:hybrid|combined? with|combining|together with|alongside|blend(?:ed|ing)?|ensemble of|"
    r"mix(?:ed)? of)\b"
)
"""Words that put two options together ("hybrid search", "combined with")."""


def _rival_said(rival: str, state: PlannerState) -> bool:
    """An answer names ``rival`` ("logistic regression", "a gradient boosted tree"),
    in the singular or the plural."""
    words = re.sub(r"^(?:an?|the)\s+", "", rival.lower()).split()
    if not words:
        return False
    said = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"s?\b")
    return any(said.search(s.text.lower()) for a in state.answers for s in a.sentences)


def _combined(named: str, state: PlannerState) -> bool:
    """The answers use ``named`` together with something else ("hybrid search, BM25 plus
    embeddings", "BM25 and a dense retriever"): "Why BM25 rather than the obvious
    alternative?" would set it against what they also use. Inputs added to a model ("an
    LSTM over the GPS pings, plus embeddings for the restaurant") are not an option."""
    low = named.lower()
    joined = re.compile(rf"\b{re.escape(low)}\s+(?:plus|and|\+|with)\s+(?:an?\s+|the\s+)?\w+")
    for a in state.answers:
        others = [m.lower() for m in a.models_named if m.lower() != low]
        for sentence in a.sentences:
            text = sentence.text.lower()
            if low not in text:
                continue
            if _TOGETHER.search(text):
                return True
            for m in joined.finditer(text):
                if any(o.split()[0] in m.group(0).split()[-1:] for o in others):
                    return True
    return False


def _say_more(stage: Stage) -> str:
    """Ask for more of a stage in its own words ("Say more about what you personally had to
    achieve, and by when."): "Say more about task." was no English."""
    if stage.details:
        return f"Say more about {stage.details}."
    return f"Say more about the {stage.title.lower()}."


_ASKS_LABELS = re.compile(r"\blabel")
_SAYS_LABELS = re.compile(
    r"\b(?:label\w*|positives?|negatives?|ground truth|annotat\w+|target|counts? as|"
    r"outcomes?)\b"
)
"""A question about labels, and a sentence that says what a label is."""


_A_READING = re.compile(
    r"^(?:(?:so|well|okay|ok|right|yes|yeah)[,.]?\s+)*(?:"
    r"i(?:'d| would)? (?:read|take|understand|interpret) (?:it|that|this|the (?:term|word|"
    r"phrase|question|change|requirement)|[^.?!,]{1,30}? here) (?:as|to mean)\b"
    r"|by [^.?!,]{1,40}?,? i (?:understand|take)\b"
    r"|i (?:think|guess|assume) (?:it|that|this|you) means?\b)"
)
"""How a candidate says what they take the interviewer's words to mean ("I read it as an
edit reaching the index hours late", "By arriving late I understand…")."""


def quotable(sentence: str, ask: str) -> bool:
    """``sentence`` may be quoted before ``ask``: a question about labels quotes only a
    sentence that says what the labels are (not "with features like the ad's past click
    rate"), and no probe quotes the candidate's reading of the interviewer's own words
    ("Going back to “I read it as an edit reaching the index hours after it was made”:
    Why serve it that way…?")."""
    if _A_READING.search(sentence.lower()):
        return False
    return not _ASKS_LABELS.search(ask.lower()) or bool(_SAYS_LABELS.search(sentence.lower()))


_HUNDRED_AND = re.compile(r"\b(\d+)00 and (\d{1,2})\b")


def _numbers(text: str) -> set[str]:
    """The numbers ``text`` says, as digits ("a hundred and fifty" is 150)."""
    norm = _HUNDRED_AND.sub(
        lambda m: str(int(m.group(1)) * 100 + int(m.group(2))), number_text(text)
    )
    return set(numbers_in(norm))


def given_by_interviewer(said: str, told: str) -> bool:
    """A figure of ``said`` (a candidate's sentence) is one the interviewer said in
    ``told``, in any unit ("about once a minute" after "GPS now arrives every 60
    seconds"; "a budget of around a hundred and fifty milliseconds" after "the whole
    fraud check gets 150 ms"): asking where its numbers come from asks the candidate to
    defend the interviewer's own."""
    told_times = times(number_text(told))
    return bool(_numbers(said) & _numbers(told)) or any(
        same_time(t, x) for t in times(number_text(said)) for x in told_times
    )


_SPLIT = re.compile(r"\b(?:split|splits|divide|divides|share|shares)\b")
"""Words of a question that asks how a budget is shared out."""


def gives_split(fact: str, ask: str) -> bool:
    """``fact`` answers ``ask``, a question on how a time budget is split ("How do
    retrieval and ranking split the 250 ms budget?"): it states that budget and a part
    of it ("…within 250 ms at p99; ranking has 60 ms of that"). A fact of the budget
    alone ("The reply should start within 1 second") leaves the split to the candidate."""
    norm = number_text(ask)
    if not _SPLIT.search(norm):
        return False
    told = times(number_text(fact))
    budgets = [t for t in times(norm) if any(same_time(t, x) for x in told)]
    return any(0 < x < b and not same_time(x, b) for b in budgets for x in told)


_NUMBER_ASK = "does that number come from"
_MEASURE = re.compile(r"\b(?:measured|metric (?:is|would be)|rate|share of|score|percent)\b")
"""Words of a sentence that names a measure ("measured by watch time plus a survey
score")."""


def _fitting(ask: str, said: str, plain: str) -> str:
    """``ask`` as it fits the sentence it follows: "Where does that number come from"
    after a sentence with no number in it ("…batched on CPU, to stay inside the latency
    budget") is ``plain``; after several numbers it asks about "those numbers"."""
    if _NUMBER_ASK not in ask:  # "…moved that number" means the metric
        return ask
    # "per day" is a rate, not a figure of its own
    figures = [
        q
        for q in quantities(said)
        if not q.startswith(("per ", "a ", "an ", "every "))
        or any(w in q for w in ("million", "thousand", "hundred", "billion"))
    ]
    if not figures:
        return plain
    if len(figures) > 1:
        many = ask.replace("does that number", "do those numbers")
        return many.replace("that number", "those numbers").replace("if it is", "if they are")
    return ask


def _designed(state: PlannerState) -> bool:
    """Some stage was covered by an answer that did more than put questions to the
    interviewer: "What is the monthly churn rate, and how many subscribers do we have?"
    touches the metrics in its words, but nothing was designed to step back from."""
    return any(
        a.covered and not (a.sentences and all(asks_interviewer([s.text for s in a.sentences])))
        for a in state.answers
    )


def _asked_the_interviewer(state: PlannerState) -> bool:
    """The latest answer put a question to the interviewer; questions the candidate
    asked themselves and answered ("Where do I even start? It depends.") do not hand
    the floor over, and "Over to you, with that in mind" after them had nothing in mind."""
    return bool(questions_for_facts(state.answers[-1]))  # a hint asked for was given no fact
