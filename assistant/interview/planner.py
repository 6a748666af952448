"""The offline interviewer: picks the next move from the measured answers, instantly.

It pushes where an experienced interviewer would (:mod:`assistant.interview.probes`:
a pitfall quoted back with the question's numbers, a model-first answer re-anchored
on the basics, the first stage of this question's order that nothing was said about,
a stage said in passing with its sentence quoted back, depth on the shallowest
covered stage), and never calls missing what the answers said in any words
(:mod:`assistant.interview.stage_evidence`).

A requirement change comes once a design exists (a model and serving or data) and
the session is far enough along, choosing the change that bites hardest on what the
answer built (:mod:`assistant.interview.changes`); an answer that keeps its design
through the change gets pushed once. The last move is the wrap-up. A question the
candidate put to the interviewer is answered in one line at the start of the same
turn. Never the same move twice; deterministic for a given seed (the seed only picks
among equal options and wordings).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.interview.adaptation import Verdict, spoken_change
from assistant.interview.changes import (
    beside_change,
    by_its_words,
    has_design,
    names_a_design,
    on_topic,
    overrides,
    pick_change,
    verdict_after,
)
from assistant.interview.clarify import (
    asks_a_choice,
    asks_a_reading,
    asks_interviewer,
    asks_yes_or_no,
    content_stems,
    either_or,
    gives_the_figure,
    is_assumption,
    match_facts,
    meaning_in,
    other_asks,
    question_parts,
    questions_for_facts,
    small_talk,
)
from assistant.interview.move_memo import MoveMemo
from assistant.interview.moves import Move
from assistant.interview.pitfalls import quote
from assistant.interview.probes import NO_STORY, Probes
from assistant.interview.spoken_numbers import counts_the_same, figures_disagree, number_text
from assistant.interview.state import PlannerState
from assistant.interview.view import (
    AnswerView,
    cumulative,
    hesitation_only,
    said_something,
    split_sentences,
)
from assistant.scoring.structure.cues import normalise_text, word_form
from assistant.scoring.structure.embedder import Embedder
from prompts import ConstraintChange, Fact, Question
from prompts.templates import Phrasings, load_phrasings, render
from rubrics import Rubric

MAX_FACTS_A_TURN = 4
"""Facts one turn gives: a candidate who opens with a list of questions (scale, latency,
data, a policy) hears each answered before the interviewer moves on."""
THIN_WORDS = 20
"""An answer shorter than this ("I'd use a classifier on the email text.") holds no design
to change: the one move of a two-answer session brings the candidate back instead."""
_WRAP_UP = {"behavioral-star": "wrap_up_story", "general": "wrap_up_general"}
"""Rubric -> the wrap-up's wording: a story or an explanation has no design to sum up."""


_REFERS_BACK = re.compile(r"\b(?:those|these|them|they|it|its|their|that one|this one)\b")
"""A part of a question that refers back to the part before ("…, and do we still see the
headers for those messages?")."""


_IN_MIND = re.compile(r"^(?:So, with that in mind\.\s+|(Over to you), with that in mind\.)")
"""How a move opens on the reply said before it (``push_after_question``, the
``…_asked`` variants): with the reply not said again, there is nothing in mind."""


_POINTS_BACK = re.compile(r"\b(?:that|this|it)\b(?! (?:is|was) (?:the|a)\b)")
"""A question that points at something said before it ("Which part of your design does
that break…?")."""


_ARTICLES = {"a", "an", "the"}


_AFTER_COLON = re.compile(r":\s+\$\{?(\w+)")
"""A value a phrasing joins on after its own colon ("Before we move on: $ask")."""
_PLAIN_CAPITAL = re.compile(r"^[A-Z][a-z]*(?:['\u2019][a-z]+)?(?=[\s,.;:?!]|$)")
"""A first word capitalised only as a sentence's start ("The", "Chargebacks"); not "I",
"I'm", an acronym ("ETA", "GDPR") or a name with a capital inside ("XGBoost")."""


def _lower_first(text: str) -> str:
    """``text`` going on after a colon: its first word in lower case when it is an
    ordinary word ("The whole fraud check…" -> "the whole fraud check…")."""
    if _PLAIN_CAPITAL.match(text) and not re.match(r"I\b", text):
        return text[0].lower() + text[1:]
    return text


_ALTERNATIVE = re.compile(
    r"\b(?:alternatives?|options?|rivals?|something else|other (?:one|choice|model|approach))\b"
)
"""A term that asks what a challenge weighs the choice against ("the obvious alternative",
"the other option")."""


def _same_words(a: str, b: str) -> bool:
    """``a`` and ``b`` say the same words, in their word form ("the opt-outs", "opt out")."""

    def words(text: str) -> list[str]:
        return [word_form(w) for w in normalise_text(text).split() if w not in _ARTICLES]

    return words(a) == words(b)


def _plain_ask(part: str) -> str:
    """A part of a question as the interviewer quotes it back: "And how many minutes
    before the game do we know?" -> "how many minutes before the game do we know"."""
    said = re.sub(r"^(?:(?:and|also|so|or|but|plus)\W+)+", "", part.strip(), flags=re.I)
    said = said.rstrip(" ?.!")
    return _lower_first(said)


def _readings(parts: Sequence[str]) -> bool:
    """``parts`` ask which of two readings holds ("do you mean the shoppers or the
    retailers?"), beside at most questions of a yes or a no ("…and is it the same bug?"):
    the reading is the candidate's to take, no figure is missing."""
    return any(map(asks_a_reading, parts)) and all(
        asks_a_reading(p) or asks_yes_or_no(p) for p in parts
    )


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
            "reply": reply.text,
            "why": f"{reply.why}; then: {move.why}",
        }
    )


OFF_TOPIC_WORDS = 8
"""An answer shorter than this ("ok then") is too short to be about something else."""
OFF_TOPIC_SHARE = 0.4
"""An answer with more than this share of its content words the interview's is on it."""
OFF_TOPIC_SIMILARITY = 0.15
"""An answer less close in meaning than this to the question is about something else (of
the evaluation's answers the least close, a buzzword answer on fraud, is at 0.12, with
three quarters of its words the interview's; a week's chores and the football are under
0.11)."""


def _asked(state: PlannerState, k: int) -> str:
    """What the interviewer asked that the ``k``-th answer answers ("" for the first, which
    answers the question itself)."""
    return state.moves[k - 1].question if 0 < k <= len(state.moves) else ""


_PUSHED_BECAUSE = {
    "otherwise": "the answer changed the design for other reasons, not for the change",
    "kept": "the answer did not take the change up and kept the design as it was",
    "named": "the answer took the change in but described no change to the design",
    "missed": "the answer did not take the change up",
}
"""Why the interviewer pushes on a change, by :attr:`Verdict.outcome`: the words of the
report's own verdict on the answer ("took it up: no; changed it for other reasons")."""


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
        self._memo = MoveMemo(embedder) if embedder is not None else None
        self._embed: Embedder | None = self._memo
        """``embedder``, asked once per text within a move."""
        self.context = question.words
        self._topic = " ".join(
            [
                question.words,
                *(" ".join([f.topic, f.answer, *f.keywords]) for f in question.facts),
                *(" ".join([c.say, *c.keywords]) for c in question.constraint_changes),
                *(" ".join([s.title, s.meaning, *s.cues, *s.good]) for s in rubric.stages),
            ]
        )
        """What the interview is about: a question sharing no word with it is small talk."""
        self._topic_words = content_stems(self._topic)
        self.probes = Probes(question, rubric, self.phrasings, self._embed, self._say)
        self._changes = {c.id: c for c in question.constraint_changes}

    # -- wording ------------------------------------------------------------------------

    def _say(self, variant: str, n_move: int, **values: object) -> str:
        """The ``n_move``-th move worded from ``variant``'s phrasings: where the session's
        seed puts it, then on to the next one move by move, so two moves in a row never
        open alike ("Let me ask you this." twice running read as a script)."""
        options = self.phrasings.moves[variant]
        first = random.Random(f"{self.seed}:{variant}").randrange(len(options))
        template = options[(first + n_move) % len(options)]
        # "Before we move on: chargebacks arrive weeks late.", not "…: Chargebacks…": a
        # sentence joined on after the phrasing's own colon goes on in lower case
        joined = {m.group(1) for m in _AFTER_COLON.finditer(template)}
        values = {k: _lower_first(str(v)) if k in joined else v for k, v in values.items()}
        return " ".join(render(template, values).split())

    def opening(self) -> Move:
        return Move(
            kind="ask",
            target=self.question.id,
            why="the interview question",
            question=self.question.asked,
            source="bank",
        )

    def closing(self) -> str:
        return self._say("closing", 0)

    def said_again(self, move: Move) -> Move:
        """``move`` once more, for an answer that only asked to hear it again ("Sure,
        here it is again. …", said once however often it is asked)."""
        lead = self._say("repeat", 0)
        question = move.question.removeprefix(lead).strip()
        changed = self._changes.get(move.answered)
        if move.reply and (changed is None or spoken_change(changed) not in move.reply):
            # the facts the candidate asked for were told: said again, they came as if
            # new ("The whole auction has 80 ms… Let me change one thing…"); the question
            # waiting is what is said again (a reply that is the change itself stays; one
            # to a question about the change goes, as the move puts the change again)
            question = question.removeprefix(move.reply).strip()
            question = _IN_MIND.sub(lambda m: f"{m.group(1)}." if m.group(1) else "", question)
        elif move.answered:
            # the reply's nod ("Good that you said your assumption out loud.", "Good
            # question.") was to the answer before: asked to hear it again, nobody assumed
            # or asked anything, and the fact and the question are what is said again
            for nod in self._nods():
                if question.startswith(nod):
                    question = question.removeprefix(nod).strip()
                    break
        return move.model_copy(update={"question": f"{lead} {question}"})

    def explained(self, move: Move, term: str, moves: list[Move], said: str = "") -> Move:
        """``move`` once more, after what the interviewer means by ``term`` (the answer
        ``said`` only asked "what do you mean by a connection?"): what the question or the
        move itself says of it ("harmful posts, such as hate speech…"), else the facts of
        the question that speak of it, or, with none, the candidate's own reading; a
        fact the move has just said ("Here is a change: at most 2 non-transactional
        notifications…") is no meaning of it, and is said once. Another thing ``said``
        asks ("…, and how many metrics are there?") is answered from the facts too.
        Nothing is judged and no move is used up. ``moves``: the moves so far (a fact a
        change overrode is told as changed)."""
        facts = self._facts(PlannerState(moves, [], 0))
        spoken = normalise_text(move.question)
        facts = [f for f in facts if normalise_text(f.answer).strip() not in spoken]
        defined = meaning_in(term, move.question) or meaning_in(term, self.question.asked)
        rival = self._rival_asked(move, term)
        if rival is not None:
            defined = rival  # "the obvious alternative" is the one the challenge weighs
        found = self._meaning_facts(move, term, facts)
        if defined:
            found = []
        others = other_asks(said, term)
        more = match_facts(others, facts, context=self.context)[0] if others else []
        extra = [f.answer for f, _ in more if all(f.topic != g.topic for g in found[:2])]
        # a probe's own question, not the reply said before it ("Good that you said your
        # assumption out loud. About 900 million members…") nor its opener
        sentences = split_sentences(move.question)
        probe = move.kind in ("follow_up", "challenge") and sentences[-1].endswith("?")
        ask = sentences[-1] if probe else move.question
        if rival is not None:  # the whole challenge: "Why X rather than Y? What do you…?"
            ask = move.question.removeprefix(move.reply).strip()
        change = self._changes.get(move.target)
        if probe and change is not None and _POINTS_BACK.search(ask):
            # "Which part of your design does that break…?" alone: "that" was the change
            # the push said before it ("Back to the change: …", "Take it as it stands: …")
            ask = f"{spoken_change(change)} {ask}"
        values = {"quote": term, "ask": ask}
        if defined or found:
            answer = " ".join([defined] if defined else [f.answer for f in found[:2]])
            text = self._say("meaning", len(moves), answer=" ".join([answer, *extra]), **values)
        else:
            # "What do you mean by the top 20 commands?" about the candidate's own words:
            # the interviewer says they did not use them, not "take it as you understand it"
            heard = " ".join([self.question.words, move.question, *(m.question for m in moves)])
            said_it = content_stems(number_text(term)) <= content_stems(number_text(heard))
            variant = "meaning_unknown" if said_it else "meaning_not_said"
            text = self._say(variant, len(moves), answer=" ".join(extra), **values)
        return move.model_copy(update={"question": text})

    def _rival_asked(self, move: Move, term: str) -> str | None:
        """What the challenge ``move`` weighs the candidate's choice against, for a
        question back about it ("What is the obvious alternative you have in mind?"): the
        rival it names ("Logistic regression."), or, where it names none, the candidate's
        own pick. None: ``term`` is not the challenge's alternative."""
        if move.kind != "challenge" or not _ALTERNATIVE.search(term.lower()):
            return None
        question = move.question.removeprefix(move.reply).strip()
        rivals = self.phrasings.moves.get("challenge_rival", [])
        for phrasing in rivals + self.phrasings.moves.get("challenge_rival_said", []):
            # the rival where the wording puts it, not the choice it is weighed against
            pattern = re.escape(" ".join(phrasing.split()))
            pattern = pattern.replace(r"\$named", ".+?").replace(r"\$rival", "(?P<rival>.+?)")
            said = re.fullmatch(pattern, question)
            if said:
                rival = said.group("rival")
                return f"{rival[0].upper()}{rival[1:]}."
        return "Whichever option you see as its main rival: name it, and weigh the two."

    def _meaning_facts(self, move: Move, term: str, facts: list[Fact]) -> list[Fact]:
        """The facts that say what ``term`` is: those that speak of every word of it ("60
        billion connections" for "a connection"), or, for a term of the interview question
        itself ("in real time"), those its words ask for ("A price quote must come back
        within 150 ms"). A fact that shares one word of a term said elsewhere ("About 80
        million users" for "90-day active users") says nothing of what it means; and a term
        of the change ``move`` makes or pushes on ("We now judge success on 90-day active
        users…") is the change's own, for the candidate to read, whatever fact shares its
        words."""
        stems = content_stems(term)
        change = self._changes.get(move.target)
        # "ninety-day active users" is the change's "90-day active users"
        said = content_stems(number_text(term))
        if not stems or (change is not None and said <= content_stems(number_text(change.say))):
            return []
        found = [
            f
            for f in facts
            if stems <= content_stems(" ".join([f.answer, *f.keywords]))
            or any(_same_words(term, k) for k in f.keywords)  # "opt-outs": "opt out"
        ]
        if not found and stems <= content_stems(self.question.asked):
            asked = [f"What do you mean by {term}?"]
            found = [f for f, _ in match_facts(asked, facts, context=self.context)[0]]
        return found

    def _nods(self) -> list[str]:
        """How a reply to the candidate's question or assumption opens, before what it
        tells ("Good question.", "Good that you said your assumption out loud, because the
        real figure is quite different."), longest first."""
        nods = set()
        replies = ("clarification", "clarification_assumption", "clarification_assumption_off")
        for variant in replies:
            for said in self.phrasings.moves.get(variant, []):
                head = said.split("$")[0]
                nod = re.match(r"[^.!?]*[.!?]", head)
                if nod:
                    nods.add(nod.group(0).strip())
        return sorted(nods, key=len, reverse=True)

    # -- choosing -----------------------------------------------------------------------

    def choose(self, state: PlannerState) -> Move:
        reply, move = self.choose_parts(state)
        return answer_first(reply, move)

    def choose_parts(self, state: PlannerState) -> tuple[Reply | None, Move]:
        """The one-line answer to a question the candidate asked (None: none asked), and
        the move that follows it in the same turn."""
        if self._memo is not None:
            self._memo.clear()
        n = len(state.moves)
        verdict = self._verdict(state)
        reply = self._clarification(state, n, verdict, restated=self._restates(state, n, verdict))
        told = reply.topics.split("+") if reply is not None else []
        move = self._next(state, n, told, verdict)
        # a design not begun is handed back whole; a change asked about is put again
        pending = (
            None if move.reopens or move.hands_back else self._pending(state, n, reply, verdict)
        )
        if pending is not None and set(move.targets) <= set(pending.targets):
            # the same probe, asked now without what the reply just told ("Over to you,
            # with that in mind. Tell me how you would know it works…" once the limits
            # were given): that one, at no cost
            move = move.model_copy(update={"hands_back": True})
        elif pending is not None:
            move = pending
        last = len(state.answers) - 1
        if (
            reply is None
            and state.answers
            and move.why != NO_STORY  # "…so there is nothing to tell" is about the question
            and self._off_topic(state.answers[-1], _asked(state, last))
        ):
            # "We moved flats on Saturday and the cat hid under the sofa": said so, before
            # the move that brings the candidate back
            move = move.model_copy(
                update={
                    "question": f"{self._say('off_topic', n)} {move.question}",
                    "why": f"{move.why}; the answer was not about the question",
                }
            )
        return reply, move

    def _pending(
        self, state: PlannerState, n: int, reply: Reply | None, verdict: Verdict | None
    ) -> Move | None:
        """The probe the latest answer left open, put again after the reply to it: the
        answer only asked the interviewer ("Could you clarify how often the advertisers
        change their bids?") and "Going back to “…”: how would you show it was your
        system that moved that number?" dropped the question still waiting for an answer
        and spent a move. Like a question about a change, it costs none. None: nothing
        was asked, the answer said more than its questions, or no probe was waiting."""
        if reply is None or not state.moves or (verdict is not None and verdict.asked):
            return None
        waiting = state.moves[-1]
        if waiting.kind not in ("follow_up", "challenge") or waiting.reopens:
            return None
        if not all(t in self.rubric.stage_ids for t in waiting.targets):
            return None  # a push on a change: the change's own hand-back answers it
        said = split_sentences(state.answers[-1].text)
        if not said or not all(asks_interviewer(said)):
            return None
        ask = waiting.question
        if waiting.reply and ask.startswith(waiting.reply):
            ask = ask[len(waiting.reply) :].strip()
        return Move(
            kind=waiting.kind,
            target=waiting.target,
            why="the answer only asked the interviewer: the question still open, put again",
            question=self._say("pending_after_question", n, ask=ask),
            source="planner",
            hands_back=True,
        )

    def _off_topic(self, answer: AnswerView, asked: str = "") -> bool:
        """``answer`` is about something else: some length, no part of the rubric in it,
        few of its words the interview's, and far in meaning from the question and from
        what the interviewer just ``asked`` ("" for the opening answer): "Honestly, most
        of it was the email team's fault…" answers "What were you personally responsible
        for?", though it is far from the question the story opened on (no sentence model:
        never said)."""
        if self._embed is None or len(answer.text.split()) < OFF_TOPIC_WORDS or answer.covered:
            return False
        if hesitation_only(answer.text):
            return False  # "um… uh… hmm, let me think": gathering thoughts, not elsewhere
        words = content_stems(answer.text)
        if len(words & self._topic_words) > OFF_TOPIC_SHARE * len(words):
            return False
        *questions, said = self._embed.embed(
            [self.question.asked, *filter(None, [asked]), answer.text]
        )
        return max(float(q @ said) for q in questions) < OFF_TOPIC_SIMILARITY

    def _next(self, state: PlannerState, n: int, told: list[str], verdict: Verdict | None) -> Move:
        """The move itself; ``told`` are the fact topics this turn answers first;
        ``verdict``: how the latest answer met the change the last move made."""
        used = state.used
        said = said_something(state.answers)  # fillers alone are nothing said
        if verdict is not None and verdict.asked:
            # a question about the change, answered with the changed requirement: the
            # candidate goes on with the change, even on the last move
            push = self._push(state, n, verdict)
            if push is not None and push.key not in used:
                return push
        # "…so there is nothing to tell": no twist or thread on a story never told, a
        # smaller one asked for (even as the last move: no story to sum up either)
        smaller = self.probes.no_story(state, n)
        if smaller is not None:
            return smaller
        # hesitation, a smaller start, then "I'm not sure.": no thread to pull on yet
        nothing = self.probes.nothing_yet(state, n)
        if nothing is not None:
            return nothing
        if state.moves_left <= 1:
            # the one move of a two-answer session is the change only on a design: after
            # an off-topic first answer (a weekend's hiking) or eight words ("I'd use a
            # classifier on the email text") it brings the candidate back to the question
            single = state.total <= 2 and not state.injected
            if (
                not said
                or not names_a_design(self.question, state.answers)
                or (single and not self._changeable(state.answers))
                # a story or an explanation not begun, only a question asked ("how long
                # should the story be?"): no twist on it; the floor goes back
                or self.probes.starts_again(state, n) is not None
            ):
                # a skipped opening, or one that stopped before any design (the problem
                # and a traffic figure): no design to change or sum up, so the last move
                # starts from the problem
                move = self.probes.choose(state, n, [*self.revealed(state), *told])
                return move if move is not None else self._wrap_up(state, n)
            if single:
                change = self._change(state, n)
                if change is not None:
                    return change
            return self._wrap_up(state, n)
        push = self._push(state, n, verdict)
        if push is not None and push.key not in used:
            return push
        # the change leaves room for a push and the wrap-up after it (four moves: a probe,
        # the change, the push or another probe, the wrap-up); three moves have none
        slot = 1 if state.total <= 2 else 2 if state.total <= 3 else 3
        change_ready = not state.injected and self.has_design(state.answers)
        if change_ready and state.moves_left <= slot:
            change = self._change(state, n)
            if change is not None:
                return change
        revealed = [*self.revealed(state), *told]
        move = self.probes.choose(state, n, revealed)
        if move is not None:
            return move
        if change_ready or (state.injected and state.moves_left > 2):
            change = self._change(state, n)
            if change is not None and change.key not in used:
                return change
        return self._wrap_up(state, n)

    def _changeable(self, answers: list[AnswerView]) -> bool:
        """The one move of a two-answer session may change a requirement: a design is on
        the table, or an answer about the question long enough to hold one (the analysis
        may miss the data in "from viewing logs and payment failures, scored nightly")."""
        words = sum(len(a.text.split()) for a in answers)
        if words < THIN_WORDS and not has_design(self.question, answers):
            return False
        return on_topic(self.question, answers, self._embed)

    def has_design(self, answers: list[AnswerView]) -> bool:
        """A design to change is on the table, and it answers this question."""
        return has_design(self.question, answers) and on_topic(self.question, answers, self._embed)

    # -- a question to the interviewer ---------------------------------------------------

    def revealed(self, state: PlannerState) -> list[str]:
        out = [t for m in state.moves if m.kind == "clarification" for t in m.target.split("+")]
        return out + [t for m in state.moves if m.answered for t in m.answered.split("+")]

    def _just_changed(self, state: PlannerState) -> ConstraintChange | None:
        """The change the last move made, if there was one."""
        if not state.moves or state.moves[-1].kind != "new_constraint":
            return None
        return self._changes.get(state.moves[-1].target)

    def _verdict(self, state: PlannerState) -> Verdict | None:
        """How the latest answer met the change the last move made (None: the last move
        made none, or there is no answer to judge); worked out once a move."""
        change = self._just_changed(state)
        if change is None or len(state.answers) < 2:
            return None
        return verdict_after(self.question, change, state.answers, self._embed)

    def _facts(self, state: PlannerState) -> list[Fact]:
        """The question's facts as they stand after the changes made so far: a fact a
        change overrides ("a review team of 40 analysts" after "the review team is halved
        to 20 analysts") is answered with the change."""
        made = [self._changes[t] for t in state.injected if t in self._changes]
        out = []
        for fact in self.question.facts:
            change = next((c for c in reversed(made) if overrides(c, fact)), None)
            out.append(
                fact
                if change is None
                else fact.model_copy(update={"answer": spoken_change(change)})
            )
        return out

    def _restates(self, state: PlannerState, n: int, verdict: Verdict | None) -> bool:
        """The move after this turn's reply puts the change just made again, after the
        candidate only asked about it (:meth:`_push` on ``verdict.asked``): the reply need
        not say it too."""
        if verdict is None or not verdict.asked:
            return False
        push = self._push(state, n, verdict)
        return push is not None and push.key not in state.used

    def _clarification(
        self, state: PlannerState, n: int, verdict: Verdict | None, *, restated: bool = False
    ) -> Reply | None:
        """The one-line answer to what the latest answer asked. ``restated``: the move
        after it puts the change just made again, so a question about the change is
        answered without saying the change twice."""
        last = state.answers[-1]
        asked = questions_for_facts(last)
        if not asked:
            return None
        revealed = self.revealed(state)
        found, again = match_facts(
            asked, self._facts(state), revealed, context=self.context, embedder=self._embed
        )
        change = self._just_changed(state)
        # "What share of mail will be encrypted?" is about encryption (the change just made,
        # or one of the question's others), not the share of mail that is spam: a fact that
        # says nothing of a change's own word the question names does not answer it. The
        # change just made is asked about with the sentence's lead-in ("Can I check what
        # counts as viewing history here: is it…?"), another in the part that asked for
        # the fact; a part that refers back to it ("…and do we still see the headers for
        # those messages?") goes with it, a part of its own ("…, and how many searches a
        # second do we get?") is answered
        whole = [s.text for s in last.sentences]

        def lead_in(q: str) -> str:
            for t in whole:
                at = t.lower().find(q.strip().lower())
                if at >= 0:
                    return t[:at]
            return ""

        parts = question_parts(asked)
        leads = {p: lead_in(q) for q in asked for p in question_parts([q])}

        made = [self._changes[t] for t in state.injected if t in self._changes]

        def beside(f: Fact, q: str) -> bool:
            asked_of = {c.id: leads.get(q, "") + q if c is change else q for c in made}
            return any(
                beside_change(c, f, leads.get(q, "") + q if c is change else q, self.context)
                for c in self.question.constraint_changes
            ) or any(by_its_words(c, f, asked_of[c.id], self.context) for c in made)

        # an assumption that puts a figure on what the fact counts is about the fact,
        # whatever words of a change the rest of it says ("…video, … within a few seconds")
        off = {
            q
            for f, q in found
            if beside(f, q)
            and not (is_assumption(q) and counts_the_same(q, f.answer))
            # a fact the change just made overrides is the change: "Is that for all
            # couriers or only on one kind of phone?" is not answered by saying it again
            or (change is not None and f.answer == spoken_change(change))
        }
        for before, part in zip(parts, parts[1:], strict=False):
            if before in off and _REFERS_BACK.search(part.lower()):
                off.add(part)
        asked_change = change is not None and verdict is not None and verdict.asked
        # a part about the change just made, whether a fact matched it or none did ("Does
        # that mean five minutes from the very first search, and how many searches…?")
        about_change = asked_change and (bool(off) or len(found) < len(parts))
        found = [(f, q) for f, q in found if q not in off]
        # a part that asks how long or how many the change gives no figure for ("…, and
        # how many minutes before the game do we know?") is told so, not left to "take it
        # as you understand it"
        no_figure = (
            [q for q in parts if not gives_the_figure(q, change.say)] if asked_change else []
        )
        if not found and change is not None and verdict is not None and verdict.asked:
            # a question about the change no fact covers ("is it a hard cap every day?"):
            # the change stands as said
            why = f"the candidate asked \u201c{asked[0]}\u201d about the change"
            text = self._change_reply(change, n, parts, no_figure, restated)
            return Reply(text, change.id, why)
        # "Did you see the football last night?" asks for no figure; a part asking for
        # a figure already given was answered then ("what share of mail will be
        # encrypted, and do we still see the headers for those messages?" is still
        # owed an answer on encryption); the parts no fact covers
        answered = {p for _, p in found}
        either = {x for pair in either_or(asked) if answered & set(pair) for x in pair}
        unknown = [
            q
            for q in parts
            if q not in again
            and q not in either  # "…enough, or do they need it hourly?": one choice, answered
            and not about_change  # answered with the change
            and all(q != p for _, p in found)
            and not is_assumption(q)
            and not small_talk(q, self._topic)
        ]
        if not found:
            if not unknown or "unknown" in revealed:
                return None  # already answered, or an assumption no fact speaks to
            why = f"the candidate asked \u201c{unknown[0]}\u201d, which no fact covers"
            # right after a change, a question no fact covers is about the change ("Does
            # this hit every city at once?"): no figure is missing, a reading is
            said = "clarification_change_open" if change is not None else "clarification_unknown"
            if change is None and all(map(asks_a_choice, unknown)):
                # "which one would you like, overfitting or precision versus recall?" asks
                # for no figure: the pick is the candidate's
                said = "clarification_choice"
            elif change is None and _readings(unknown):
                # "do you mean the shoppers or the retailers?" with no fact on it: either
                # reading is the candidate's to take, no figure is missing
                said = "clarification_reading"
            return Reply(self._say(said, n), "unknown", why)
        found = found[:MAX_FACTS_A_TURN]  # every question asked gets its answer
        answer = " ".join(f.answer for f, _ in found)
        variant = "clarification_assumption" if is_assumption(found[0][1]) else "clarification"
        if variant == "clarification_assumption" and any(
            figures_disagree(q, f.answer) for f, q in found
        ):  # "I assume 100 million members" was met as "About 900 million" was
            variant = "clarification_assumption_off"
        asked_text = " / ".join(f"\u201c{q}\u201d" for _, q in found)
        topics = "+".join(f.topic for f, _ in found)
        # "the candidate asked “I will assume around 200,000 requests a second…”" said an
        # assumption was a question
        did = "assumed" if all(is_assumption(q) for _, q in found) else "asked"
        text = self._say(variant, n, answer=answer)
        if about_change and change is not None:
            # "Does that mean five minutes from the very first search, and how many
            # searches a second do we get?": the change stands, and the figure is given
            rest = [q for q in parts if all(q != p for _, p in found)]
            unfigured = [q for q in no_figure if q in rest]
            said = self._change_reply(change, n, rest, unfigured, restated)
            text = " ".join(filter(None, [text, said] if restated else [said, answer]))
        if unknown and "unknown" not in revealed and not any(is_assumption(q) for q in parts):
            # ...unless the candidate made their own assumption on it ("…the issuer or the
            # processor? I'll assume the issuer"): asking them to make one is not listening
            # "…, and how long does the auction run?" with no fact for it: said so, not
            # left unanswered
            # "…, and do drivers see the multiplier too?" asks for no figure
            rest = "clarification_rest_open" if all(map(asks_yes_or_no, unknown)) else None
            if all(map(asks_a_choice, unknown)):
                rest = "clarification_rest_choice"  # "which one would you like, X or Y?"
            elif _readings(unknown):
                rest = "clarification_rest_reading"  # "…, and is it Europe or worldwide?"
            text = f"{text} {self._say(rest or 'clarification_rest_unknown', n)}"
        return Reply(text, topics, f"the candidate {did} {asked_text}")

    def _change_reply(
        self,
        change: ConstraintChange,
        n: int,
        parts: list[str],
        no_figure: list[str],
        restated: bool,
    ) -> str:
        """What the interviewer says to ``parts`` of a question about ``change`` that no
        fact answers: the change as it stands (unless the move after says it again:
        ``restated``), to be read as the candidate understands it, and, for the parts
        that ask a figure it does not give (``no_figure``), that there is none."""
        if restated and change.retell:
            # "do you want the same story again, or a different one?": the move after says
            # "Yes, the same one again, only shorter. Go ahead."
            return self._say("clarification_go_ahead", n)
        lines = []
        if len(no_figure) < len(parts):
            variant = "clarification_change_open" if restated else "clarification_change"
            lines.append(self._say(variant, n, answer=spoken_change(change)))
        if no_figure:
            asked = " or ".join(f"\u201c{_plain_ask(q)}\u201d" for q in no_figure)
            lines.append(self._say("clarification_change_figure", n, quote=asked))
        return " ".join(lines)

    # -- requirement changes --------------------------------------------------------------

    def _change(self, state: PlannerState, n: int) -> Move | None:
        covered, _ = cumulative(state.answers)
        said = " ".join(a.text for a in state.answers)
        sentences = [s.text for a in state.answers for s in a.sentences]
        answers = [[s.text for s in a.sentences] for a in state.answers]
        change = pick_change(
            self.question, self.seed, covered, state.injected, said, sentences, self._embed, answers
        )
        if change is None:
            return None
        touched = [s for s in change.stages if s in covered]
        design = self.question.is_design
        what = "design" if design else "answer"
        if touched:
            why = (
                f"tests whether the {what} adapts: it changes {', '.join(touched)}, which "
                "the candidate already described"
            )
        elif design:
            why = "no requirement has changed yet; this one reshapes the design"
        else:
            why = "a twist the answer has not met yet; it reshapes the answer"
        # a twist on a story or an explanation is said as it is: it asks for something
        # ("put numbers on both sides"), it is not a design to change
        asked = change.say.rstrip().endswith("?") or not design
        return Move(
            kind="new_constraint",
            target=change.id,
            why=why,
            question=self._say(
                "new_constraint_asked" if asked else "new_constraint",
                n,
                say=spoken_change(change),
            ),
            source="planner",
        )

    def _push(self, state: PlannerState, n: int, verdict: Verdict | None) -> Move | None:
        """After a change the answer did not revise for (``verdict``: how it met the change,
        from :meth:`_verdict`): ask what replaces what it broke."""
        change = self._just_changed(state)
        if change is None or verdict is None:
            return None
        outcome = verdict.outcome  # what the report will say of the same answer
        if outcome in ("revised", "held"):
            return None  # changed, or shown to meet the change as it is
        ask = change.push or self.phrasings.asks[_push_ask(change, self.question.is_design)]
        if verdict.asked:
            # the change put again, after the reply to the question about it; a change
            # that is a question itself ("…What would you have done in the first hour?")
            # is the one question of the turn
            said = spoken_change(change)
            ask = "" if said.rstrip().endswith("?") else ask
            text = self._say("push_after_question", n, say=said, ask=ask)
            if change.retell:  # the ask answers the question: the same one, shorter
                text = ask
            why = "the answer asked about the change; the design is still to change"
            return Move(
                kind="follow_up",
                target=change.id,
                why=why,
                question=text,
                source="planner",
                hands_back=True,
            )
        elif outcome == "kept" and verdict.acknowledged and verdict.kept:
            # "You said “I would keep the current design exactly as it is”. Which part
            # of your design does that break…?" read as if the answer broke the design
            said = spoken_change(change)
            text = self._say("push_kept", n, quote=quote(verdict.kept), say=said, ask=ask)
            why = "the answer took the change in but kept the design as it was"
        else:  # said with the change, as every push is
            text = self._say("push_change", n, say=spoken_change(change), ask=ask)
            why = _PUSHED_BECAUSE[outcome]
        return Move(kind="follow_up", target=change.id, why=why, question=text, source="planner")

    # -- the end --------------------------------------------------------------------------

    def _wrap_up(self, state: PlannerState, n: int) -> Move:
        covered, _ = cumulative(state.answers)
        # no design was ever given (an answer away from the question gives none, whatever
        # stage its words were read as): there is none to sum up
        no_design = self.question.is_design and not names_a_design(
            self.question,
            [a for k, a in enumerate(state.answers) if not self._off_topic(a, _asked(state, k))],
        )
        if self._retold(state):
            variant = "wrap_up_after_retell"
        elif no_design:
            variant = "wrap_up_no_design"
        else:
            variant = _WRAP_UP.get(self.question.rubric, "wrap_up")
        why = (
            "last turn: no design was given; how the candidate would start"
            if no_design
            else "last turn: a summary shows the design holds together"
            if "summary" not in covered
            else "last turn"
        )
        return Move(
            kind="wrap_up",
            target="summary" if "summary" in self.rubric.stage_ids else self.rubric.stage_ids[-1],
            why=why,
            question=self._say(variant, n),
            source="planner",
        )

    def _retold(self, state: PlannerState) -> bool:
        """The last move asked for the whole answer again, shorter, and it was given."""
        if not state.moves or state.moves[-1].kind != "new_constraint" or not state.answers:
            return False
        changes = {c.id: c for c in self.question.constraint_changes}
        change = changes.get(state.moves[-1].target)
        return change is not None and change.retell and bool(state.answers[-1].text.strip())


def _push_ask(change: ConstraintChange, design: bool) -> str:
    """Which generic ask a push on ``change`` ends with (the change has none of its own):
    "Which part of your design does that break…?" was asked of a story after "do you want
    the same story again, or a different one?"; a change that asks for the whole answer
    again, shorter, is told to go ahead."""
    if change.retell:
        return "push_retell"
    return "push" if design else "push_told"
