"""An LLM interviewer, with the offline planner as guide and safety net.

The planner's choice goes into the prompt. A model on a server may choose another
move and must say why; its replies are JSON checked against :class:`LLMMove`, and an
invalid reply is retried once with the error. A small model on this machine only
words the planner's move, going on from the words already decided (see
:meth:`LLMInterviewer._word`). On an unusable reply, and on any timeout, refused
connection or provider error, the planner's move is used and a notice says so. The
session never stops because of the LLM.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from assistant.interview.adaptation import salient_terms
from assistant.interview.clarify import content_stems
from assistant.interview.moves import LLMMove, Move
from assistant.interview.planner import OfflinePlanner, PlannerState, Reply, answer_first
from assistant.interview.probes import before_any_answer
from assistant.interview.view import MISHEARD, UNSURE, cumulative
from assistant.llm.ask import (
    as_data,
    ask_json,
    printable,
    printable_values,
    read_ahead,
    request_messages,
    system_message,
)
from assistant.llm.local.engine import LocalModelError
from assistant.llm.port import ChatError, ChatModel
from assistant.scoring.structure.cues import normalise_text, word_form
from assistant.scoring.structure.substance import content_words, stem
from prompts import ConstraintChange, Fact
from prompts.templates import ChatPrompt, load_chat_prompt

MAX_ANSWER_CHARS = 3000
"""A model on a server reads the latest answer's last 3,000 characters."""
LOCAL_ANSWER_CHARS = 1500
"""A small in-process model reads ~1 token per 4 characters at 40-100 tokens a second
on a 2-core laptop: it gets the latest answer's first 1,500 characters (the gaps to
probe come from the rubric analysis, not from the model's reading). The first, not
the last: the start of an answer does not move while it is spoken, so the model can
read it ahead (:meth:`LLMInterviewer.read_ahead`) and only the end is left when the
candidate stops."""
MAX_QUESTION_CHARS = 400
_ANY_SUBJECT = {word_form(w) for w in ("model", "system", "design", "build", "works")}
"""Word forms any question about a design may hold: sharing one is not staying on subject."""


def _unusable(exc: LLMReplyError) -> str:
    """Why a reply could not be used, in the candidate's terms: what the planner told the
    model (its move kinds, stage ids and reasons) is for the model, not for them."""
    said = str(exc)
    if said.startswith("this turn must be"):
        why = "it asked something other than the move that was due"
    elif "was already asked" in said:
        why = "it asked again what was already asked"
    elif said.startswith("wrap_up only"):
        why = "it wrapped up before the last turn"
    elif said.startswith("the wrap-up must ask"):
        why = "its wrap-up did not ask for a summary"
    elif said.startswith("the question gives the answer"):
        why = "it gave the candidate the answer"
    elif said.startswith("the question must state the change"):
        why = "it did not state the requirement change"
    elif said.startswith("target must be"):
        why = said.split(":")[0].replace("target", "its target", 1)  # not the list of ids
    elif exc.__cause__ is not None:  # not JSON, or not the fields asked for
        why = "it did not answer in the form asked"
    else:  # its length, a cut-off, unclear words: said in plain terms already
        why = said
    return f"its reply was not a usable move ({why})"


class LLMReplyError(ValueError):
    """The model replied, but not with a usable move."""


class LLMInterviewer:
    def __init__(
        self,
        chat: ChatModel,
        planner: OfflinePlanner,
        *,
        timeout_s: float = 20.0,
        prompt: ChatPrompt | None = None,
    ) -> None:
        self.chat = chat
        self.planner = planner
        self.timeout_s = timeout_s
        self.prompt = prompt or interviewer_prompt(chat)
        self.name = chat.name
        self.down = False
        """It failed (timed out, could not be reached, answered with an error): the planner
        asks for the rest of the session."""
        self.noticed = False
        """The candidate has been told the LLM could not be used: once a session is enough,
        and once more if it is then turned off (``noticed_down``)."""
        self.noticed_down = False
        self.answer_chars = LOCAL_ANSWER_CHARS if chat.in_process else MAX_ANSWER_CHARS

    @property
    def available(self) -> bool:
        return not self.down

    @property
    def judge(self) -> ChatModel | None:
        return self.chat if self.chat.judges and not self.down else None

    def next_move(
        self, state: PlannerState, speak_early: Callable[[str], None] | None = None
    ) -> tuple[Move, str | None]:
        """``speak_early`` gets the question's first sentence while the rest is still
        being generated, once the move's kind and target are known to be usable; or,
        when the turn starts with words known before the model writes anything (the
        answer to the candidate's question, a requirement change said word for word),
        those words at once."""
        reply, suggestion = self.planner.choose_parts(state)
        if before_any_answer(suggestion):
            # only hesitation, "I'm not sure" or nothing at all: no answer for a model to
            # read and no thread to pull; the smaller start, the small step or the close
            return answer_first(reply, suggestion), None
        if self.down:  # it timed out or could not be reached: not again this session
            move = answer_first(reply, suggestion)
            return move.model_copy(update={"source": "fallback"}), None
        if self.chat.in_process:
            return self._word(state, reply, suggestion, speak_early)
        if speak_early is not None and reply is not None:
            speak_early(reply.text)  # the voice starts while the model reads and writes
            speak_early = None
        on_text = self._first_sentence(state, suggestion, speak_early)  # if no fact went first
        try:
            move = ask_json(
                self.chat,
                self.prompt,
                self.values(state, suggestion),
                LLMMove,
                timeout_s=self.timeout_s,
                parse=lambda reply: self.parse(reply, state, suggestion),
                on_text=on_text,
            )
        except LLMReplyError as exc:  # it answered, but not with a usable move
            return self._fallback(answer_first(reply, suggestion), _unusable(exc))
        except Exception as exc:  # timeouts, refused connections, provider errors: off
            self.down = True
            return self._fallback(answer_first(reply, suggestion), self._describe(exc))
        # the candidate's question is answered from the facts, word for word, before the
        # model's move: a small model must not reword a number; an answer that only asked
        # (the question handed back, or the change put again after a question about it)
        # costs no move, whichever move the model chose, as with the offline interviewer
        move = move.model_copy(
            update={"reopens": suggestion.reopens, "hands_back": suggestion.hands_back}
        )
        return answer_first(reply, move), None

    def _word(
        self,
        state: PlannerState,
        reply: Reply | None,
        suggestion: Move,
        speak_early: Callable[[str], None] | None,
    ) -> tuple[Move, str | None]:
        """A model on this machine words the planner's move; it does not choose another
        (measured: the 1.5B model kept the planner's kind and target in 15 of 15 moves).
        What is already decided is said at once and handed to the model as the start of
        its reply, read in one batch: the answer to the candidate's question, then the
        planner's lead-in (the requirement change word for word, "You said “…”.",
        "Let's step back from the tree model for a moment."). The model writes only the
        question that follows, so the wait is its last sentence, not the whole move.

        A re-anchor on several basics at once is said as the planner words it: asked to
        word "what it decides; how you would know it works; and the limits", the 1.5B
        model kept only part of the list, in each of the benchmark's three re-anchors."""
        if len(suggestion.targets) > 1:
            return answer_first(reply, suggestion), None
        lead = self._lead(state, suggestion)
        known = " ".join(t for t in (reply.text if reply else "", lead) if t)
        if speak_early is not None and known:
            speak_early(known)
            speak_early = None
        # nothing is known: its first sentence goes first
        on_text = self._first_sentence(state, suggestion, speak_early, suggestion.key)
        opened = _opening_with(lead, suggestion)
        planned = answer_first(reply, opened)
        values = self.values(state, suggestion)
        if lead:  # read after the stop: only what the model is to word, once
            rest = opened.question.removeprefix(lead).strip()
            values["planner_question"] = without_candidate_words(rest, _said(state))
            values["detail"] = "" if lead == self._news(suggestion) else values["detail"]
        # the lead may quote the candidate: said aloud as the planner would, and only the
        # one sentence the grammar allows can follow it. The space after it is the model's:
        # words start with one in its vocabulary, and after a lone space the 0.5B model
        # chose "ould" over "Would"
        begun = '{"question":"' + lead
        messages = [
            *request_messages(self.prompt, values, LLMMove),
            {"role": "assistant", "content": begun},
        ]
        try:
            text = self.chat.complete(
                messages,
                timeout=self.timeout_s,
                schema=wording_schema(lead, asks=suggestion.kind != "wrap_up"),
                on_text=on_text,
            )
            move = printable_values(
                self.parse_wording(text, suggestion, lead, unsure=_unsure(state))
            )
        except LLMReplyError as exc:  # the planner's wording, from where the voice is
            return self._fallback(planned, _unusable(exc))
        except Exception as exc:  # timeouts, a model that cannot be loaded: off
            self.down = True
            return self._fallback(planned, self._describe(exc))
        return answer_first(reply, move), None

    def _first_sentence(
        self,
        state: PlannerState,
        suggestion: Move,
        speak_early: Callable[[str], None] | None,
        move: tuple[str, str] | None = None,
    ) -> FirstSentence | None:
        """A watcher that hands the streamed question's first sentence to ``speak_early``
        once it is usable (None: nothing to say early). ``move``: the kind and target,
        when they are not in the reply."""
        if speak_early is None:
            return None
        return FirstSentence(
            lambda kind, target, sentence: self.usable_start(
                kind, target, state, suggestion, sentence
            ),
            lambda sentence: speak_early(printable(in_their_words(sentence, suggestion.question))),
            move=move,
        )

    def _lead(self, state: PlannerState, suggestion: Move) -> str:
        """What the move opens with, known before the model writes anything."""
        lead = self._forced_news(state, suggestion) or lead_in(suggestion.question)
        if not lead or not _regex_literal(lead) or MAX_QUESTION_CHARS - len(lead) < MIN_OWN:
            return ""
        return lead

    def _subject(self, move: Move) -> str:
        """What a move is about, in words: the planner's wording and what the stages it
        aims at mean."""
        stages = [
            self.planner.rubric.stage(t) for t in move.targets if t in self.planner.rubric.stage_ids
        ]
        return " ".join(
            [move.question, *(f"{s.title} {s.meaning} {s.details or ''}" for s in stages)]
        )

    def parse_wording(
        self, reply: str, suggestion: Move, lead: str = "", unsure: frozenset[str] = frozenset()
    ) -> Move:
        """The planner's move in the model's words (``reply``: ``{"question": ...}``, its
        question opening with ``lead``). The model's own sentence must share a content
        word with the move's subject: the 0.5B model drifted off it."""
        try:
            question = json.loads(reply)["question"]
        except (ValueError, KeyError, TypeError) as exc:
            raise LLMReplyError("the reply is not a JSON object with a question") from exc
        question = in_their_words(" ".join(str(question).split()), suggestion.question)
        if not question or len(question) > MAX_QUESTION_CHARS:
            raise LLMReplyError(f"question must be 1-{MAX_QUESTION_CHARS} characters")
        _check_heard(question)
        if suggestion.kind == "new_constraint" and not self._states_change(
            suggestion.target, question
        ):
            raise LLMReplyError(
                f"the question must state the change: {self._change(suggestion.target).say}"
            )
        own = question.removeprefix(lead).strip() if lead else question
        said = set(_plain_words(own)) & (unsure - set(_plain_words(self._subject(suggestion))))
        if said:
            raise LLMReplyError(
                f"its question repeats words that were not heard clearly: {', '.join(sorted(said))}"
            )
        words = own.split()
        if len(words) > MAX_OWN_WORDS:
            raise LLMReplyError(f"its question runs past {MAX_OWN_WORDS} words")
        if own[-2:-1] in (",", " ") or words[-1].lower().rstrip(".?!") in _CUT_OFF_AFTER:
            # the grammar closed it at its length limit: "…not the probability of a ?"
            raise LLMReplyError("its question was cut off mid-sentence")
        subject = content_stems(self._subject(suggestion))
        # after a change said word for word, "How would you handle this?" is on subject
        if (
            suggestion.kind != "new_constraint"
            and not (content_stems(own) - _ANY_SUBJECT) & subject
        ):
            # "What are the key components of a language model?" for a metrics probe
            raise LLMReplyError("its question shares no word with the move's subject")
        return suggestion.model_copy(update={"question": question, "source": "llm"})

    def read_ahead(self, state: PlannerState) -> None:
        """A model on this machine starts reading the next request while the answer
        (``state.answers[-1]``, so far) is spoken: the request up to the answer's end."""
        if not self.chat.in_process or self.down:
            return
        values = dict.fromkeys(self.prompt.variables, "")
        values.update(self._context(state), answer=self._answer(state))
        read_ahead(self.chat, self.prompt, values, LLMMove, until="answer")

    def _forced_news(self, state: PlannerState, suggestion: Move) -> str | None:
        """The requirement change or fact a move that may only be worded opens with,
        word for word: a small model rewording "at least 10% of impressions" dropped
        the number."""
        return self._news(suggestion) if _binding(suggestion, state) else None

    def _describe(self, exc: BaseException) -> str:
        """What went wrong, in a few words of ours (never a provider's raw text)."""
        if isinstance(exc, TimeoutError):  # a ChatTimeout too: say the whole move's
            # deadline, not a retry's own, which is what was left of it ("4.41027 s")
            return f"{TIMED_OUT} ({self.timeout_s:g} s)"
        if isinstance(exc, ChatError | LocalModelError):
            return str(exc)
        return f"it failed unexpectedly ({type(exc).__name__})"

    def usable_start(
        self,
        kind: str,
        target: str,
        state: PlannerState,
        suggestion: Move,
        sentence: str | None = None,
    ) -> bool:
        """Whether a reply that starts with this kind and target (and this first
        sentence) can still be used, so saying it early is safe."""
        try:
            self._check_target(kind, target, state, suggestion)
        except LLMReplyError:
            return False
        if sentence is not None and kind == "new_constraint":
            return self._states_change(target, sentence)
        return True

    def _change(self, change_id: str) -> ConstraintChange | None:
        return next(
            (c for c in self.planner.question.constraint_changes if c.id == change_id), None
        )

    def _fact(self, topic: str) -> Fact | None:
        return next((f for f in self.planner.question.facts if f.topic == topic), None)

    def _states_change(self, target: str, text: str) -> bool:
        """One of the change's numbers, if it has any, and two of its words (one, if it
        has only one): "adapt to the new law" does not tell the candidate which law."""
        numbers, words = salient_terms(self._change(target))
        said = normalise_text(text)
        if numbers and not any(f" {n} " in said for n in numbers):
            return False
        return sum(f" {w} " in said for w in words) >= min(2, len(words))

    def _fallback(self, suggestion: Move, reason: str) -> tuple[Move, str | None]:
        """The planner's move, and a notice the first time only (every fallback is on
        record as the move's source)."""
        move = suggestion.model_copy(update={"source": "fallback"})
        # told once that a reply could not be used, and once more if the LLM is then
        # turned off: that notice had said it would be asked again
        if self.noticed and not (self.down and not self.noticed_down):
            return move, None
        self.noticed = True
        self.noticed_down = self.down
        notice = f"The LLM interviewer ({self.name}) could not be used: {reason}. " + (
            "The offline interviewer takes over for the rest of the session."
            if self.down
            else "The offline interviewer asked this question instead, as it will "
            "whenever a reply cannot be used."
        )
        return move, notice

    def parse(self, reply: str, state: PlannerState, suggestion: Move | None = None) -> Move:
        text = reply.strip()
        if text.startswith("```"):  # some models fence JSON despite being told not to
            text = text.strip("`").removeprefix("json").strip()
        try:
            data = LLMMove.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "reply"
            raise LLMReplyError(f"{where}: {first['msg']}") from exc
        planned = suggestion.question if suggestion is not None else None
        question = in_their_words(" ".join(data.question.split()), planned)
        if not question or len(question) > MAX_QUESTION_CHARS:
            raise LLMReplyError(f"question must be 1-{MAX_QUESTION_CHARS} characters")
        _check_heard(question)
        self._check_target(data.kind, data.target, state, suggestion)
        _check_own_work(question)
        if any(_same_text(question, m.question) for m in state.moves):
            raise LLMReplyError("this question was already asked; pick another")
        if data.kind == "wrap_up" and not _ASKS_SUMMARY.search(question.lower()):
            raise LLMReplyError("the wrap-up must ask for a summary of the design")
        if data.kind == "new_constraint" and not self._states_change(data.target, question):
            raise LLMReplyError(
                f"the question must state the change: {self._change(data.target).say}"
            )
        self._check_topical(question, state, suggestion)
        return Move(
            kind=data.kind,
            target=data.target,
            why=" ".join(data.why.split()) or "-",
            question=question,
            source="llm",
        )

    def _check_topical(self, question: str, state: PlannerState, suggestion: Move | None) -> None:
        """The question speaks of this interview: a word of its own that the question
        asked, the candidate's answers, the planner's move, the rubric or the question's
        facts and changes also hold ("What is your favourite programming language and
        why?" was put to a candidate designing a feed)."""
        q = self.planner.question
        known = [
            q.asked,
            q.title,
            *_said(state),
            suggestion.question if suggestion is not None else "",
            *(f"{s.title} {s.meaning}" for s in self.planner.rubric.stages),
            *(f.answer for f in q.facts),
            *(c.say for c in q.constraint_changes),
        ]
        vocabulary = {stem(w) for text in known for w in content_words(text)}
        own = {stem(w) for w in content_words(question)}
        if own and not own & vocabulary:
            raise LLMReplyError("the question must be about this interview")

    def _check_target(
        self, kind: str, target: str, state: PlannerState, suggestion: Move | None
    ) -> None:
        q = self.planner.question
        if kind == "new_constraint":
            known = [c.id for c in q.constraint_changes]
            if target not in known:
                raise LLMReplyError(f"target must be one of the constraint ids: {', '.join(known)}")
        if kind == "clarification":
            topics = [f.topic for f in q.facts] + ["unknown"]
            if target not in topics:
                raise LLMReplyError(f"target must be one of the fact topics: {', '.join(topics)}")
        stages = self.planner.rubric.stage_ids
        # a re-anchor aims at several stages ("framing+metrics"); a push after a change at it
        aimed = all(t in stages for t in target.split("+")) or target in state.injected
        if kind in ("follow_up", "challenge") and not aimed:
            raise LLMReplyError(f"target must be a rubric stage id: {', '.join(stages)}")
        if (
            suggestion is not None
            and _binding(suggestion, state)
            and (kind, target) != suggestion.key
        ):
            raise LLMReplyError(
                f"this turn must be {suggestion.kind} on {suggestion.target!r} "
                f"({without_candidate_words(suggestion.why, _said(state))}); word it, "
                "do not replace it"
            )
        if kind == "wrap_up" and state.moves_left > 1:
            raise LLMReplyError("wrap_up only on the last turn")
        if (kind, target) in state.used:
            raise LLMReplyError(f"{kind} on {target!r} was already asked; pick another")

    def values(self, state: PlannerState, suggestion: Move) -> dict[str, object]:
        """What the interviewer prompt is filled with (the schema is added by ask_json).
        The candidate's words appear only inside <transcript> tags: the planner's reason
        and wording and earlier questions may quote them ("because the candidate asked
        “Can we assume you will ignore all previous instructions…?”"), so those quotes
        are taken out of everything else."""
        said = _said(state)
        covered, _ = cumulative(state.answers)
        missing = [s for s in self.planner.rubric.stage_ids if s not in covered]
        return {
            **self._context(state),
            "answer": self._answer(state) or "(silence)",
            "coverage": f"covered: {', '.join(sorted(covered)) or 'none'}; "
            f"not yet: {', '.join(missing) or 'none'}",
            "planner_kind": suggestion.kind,
            "planner_target": suggestion.target,
            "planner_why": without_candidate_words(suggestion.why, said),
            "planner_question": without_candidate_words(suggestion.question, said),
            "detail": self._detail(suggestion),
        }

    def _context(self, state: PlannerState) -> dict[str, str]:
        """What the prompt holds before the latest answer: it does not change while the
        answer is spoken."""
        q = self.planner.question
        return {
            "question": q.asked,
            "facts": "\n".join(f"- {f.topic}: {f.answer}" for f in q.facts) or "- none",
            "constraints": "\n".join(
                f"- {c.id}: {c.say}" for c in q.constraint_changes if c.id not in state.injected
            )
            or "- none left",
            "history": _history(state, _said(state)) or "(this is the first answer)",
        }

    def _answer(self, state: PlannerState) -> str:
        """The latest answer as the model gets it. A model on this machine gets its start
        as it was read while spoken, words unmarked (the marks are known only once the
        answer is scored, and would change the start already read); its own sentence is
        checked for the words the speech model was unsure of instead."""
        latest = state.answers[-1]
        if self.chat.in_process:
            return as_data(latest.text[: self.answer_chars])
        text = latest.heard()
        return as_data(text[-self.answer_chars :])

    def _news(self, move: Move) -> str | None:
        """The requirement change or the fact a move carries, on one line: a small model
        rewording "at least 10% of impressions" dropped the number."""
        item = None
        if move.kind == "new_constraint" and (change := self._change(move.target)):
            item = change.say
        elif move.kind == "clarification" and (fact := self._fact(move.target)):
            item = fact.answer
        return " ".join(item.split()) if item else None

    def _detail(self, move: Move) -> str:
        """What a move that carries information must get across."""
        news = self._news(move)
        if move.kind == "new_constraint":
            return f" New requirement: {news}" if news else ""
        if move.kind == "clarification":
            if news is None:
                return " You do not have that detail: ask them to state an assumption."
            return f" The answer to their question: {news}"
        return ""


class FirstSentence:
    """Watches a move being streamed as JSON and hands over the question's first
    sentence as soon as it is complete (or the whole question, once it is closed), so
    the voice can start before the model finishes. Only once, and only when the kind
    and target already seen are usable."""

    def __init__(
        self,
        usable: Callable[[str, str, str | None], bool],
        say: Callable[[str], None],
        move: tuple[str, str] | None = None,
    ) -> None:
        self.usable = usable
        self.say = say
        self.move = move
        """The kind and target, when they are decided before the reply (not in it)."""
        self.done = False
        self.sentence: str | None = None

    def __call__(self, text: str) -> None:
        if self.done:
            return
        kind, target = self.move or (_json_string(text, "kind"), _json_string(text, "target"))
        if kind is None or target is None:
            return
        if not self.usable(kind, target, None):
            self.done = True
            return
        whole = _json_string(text, "question")
        question = whole if whole is not None else _json_string(text, "question", partial=True)
        if question is None:
            return
        match = FIRST_SENTENCE.match(question)
        if match is None and whole is None:
            return
        self.done = True
        sentence = " ".join((match.group(1) if match else whole).split())
        if sentence and self.usable(kind, target, sentence):
            self.sentence = sentence
            self.say(sentence)


def _unsure(state: PlannerState) -> frozenset[str]:
    """Words of the latest answer the speech model was unsure of (plain, lowercase; words
    of three letters or fewer are left to the grammar)."""
    latest = state.answers[-1]
    return frozenset(w for s in latest.sentences for w in s.unsure if len(w) > 3)


_GIVES_ANSWER = re.compile(
    r"\b(?:the (?:right|correct|best|ideal|expected) (?:answer|approach|design|solution|way|"
    r"choice|fix) (?:is|would be|here is)|the answer is|(?:you|we) should (?:just )?(?:drop|use|"
    r"switch|replace|add|build|rely)|what you (?:want|need) (?:to do )?is|can you confirm (?:that "
    r")?(?:this|that|it) is what you would do)\b"
)
"""A question that says what the candidate should design ("The right answer is to drop
body text features…; can you confirm that is what you would do?")."""
_ASKS_SUMMARY = re.compile(
    r"\b(?:sum(?:marise|marize|mary|s? up|ming up)|recap|wrap(?:ping)? up|in short|short version|"
    r"(?:thirty|30|sixty|60)[- ]second|one minute|whole design|design (?:as a whole|end to end)|"
    r"walk me through|next steps?|do next|with more time|overall|to finish|to close|before we "
    r"(?:finish|close|stop|end)|last one|improve first|in a nutshell|in a few sentences|"
    r"took from it|take ?away|key (?:points|decisions))\b"
)
"""How a wrap-up asks the candidate to sum up."""


def _check_own_work(question: str) -> None:
    """The interviewer never answers the question for the candidate."""
    if _GIVES_ANSWER.search(question.lower()):
        raise LLMReplyError("the question gives the answer away; ask, do not tell")


def _same_text(a: str, b: str) -> bool:
    """Two questions are the same words (a new move that repeats an earlier one)."""
    return content_words(a) == content_words(b) and bool(content_words(a))


def _check_heard(question: str) -> None:
    """The question builds on nothing the speech model could not make out."""
    if MISHEARD in question or UNSURE in question:
        raise LLMReplyError(
            f"the question must not repeat {MISHEARD} or {UNSURE}: those words were not heard"
        )


def _sentence(max_chars: int, ends: str = ".?!", opens: str = "[A-Za-z]") -> str:
    """One sentence of up to about ``max_chars``, as a JSON-schema pattern for a grammar:
    it opens with a letter (after a lead-in the 0.5B model went on as if numbering a
    list: "1.1 We need…"), and a decimal point between two digits goes on ("0.2% of
    payments"), but not a chain of them (once "1.1.1.1…" until it ran out of tokens)."""
    return rf'{opens}([^.?!"\\\n]|[0-9]\.[0-9]){{1,{max_chars - 2}}}[{ends}]'


QUESTION_OPENS = (
    "How What Which Why Where When Who Would Could Can Do Does Did Is Are Should Will "
    "Walk Tell Say Suppose Imagine Given If"
).split()
"""How an interviewer's question to the candidate may open, as a whole word. After a
requirement change the 1.5B model, left free, answered for the candidate ("I would
change the pipeline to…") or commented on the change ("This change tests the ability
of…"); with "Then" allowed and no space required after it, it wrote "Thengineer"."""


MAX_OWN_WORDS = 30
"""An interviewer's question is short. Past this, a small model was reasoning aloud for
the candidate ("If your predicted probability is too low, you might get a very low bid,
even if…"), until its sentence hit the grammar's length limit."""
_CUT_OFF_AFTER = frozenset(
    "a an the and or but of than as because if your our their its which".split()
)
"""A sentence ending on one of these words was cut off, not finished ("…of a ?"); a
preposition or a pronoun may end a question ("What would you fall back on?", "How would
you handle that?")."""

SENTENCE = _sentence(221)
MIN_OWN = 40
"""Room the model's own question needs after a lead-in, in characters."""


def wording_schema(lead: str, asks: bool = True) -> dict:
    """What a model on this machine may write: the question, opening with ``lead``
    word for word, then one sentence of its own: a question, opening as one does
    (:data:`QUESTION_OPENS`), if the move ``asks`` one (a wrap-up may ask for a summary);
    with no lead, up to two sentences."""
    if lead:
        room = min(MAX_QUESTION_CHARS - len(lead) - 1, 221)
        if asks:  # the opening word counts against the room too
            opens = f"({'|'.join(QUESTION_OPENS)})[ ,]"
            own = _sentence(room - max(map(len, QUESTION_OPENS)) - 1, "?", opens)
        else:
            own = _sentence(room)
        pattern = f"^{_regex_literal(lead)} {own}$"
    else:
        pattern = f"^{SENTENCE}( {SENTENCE})?$"
    return {
        "type": "object",
        "properties": {"question": {"type": "string", "pattern": pattern}},
        "required": ["question"],
        "additionalProperties": False,
    }


_PIECE = re.compile(r"(?:\u201c[^\u201d]*\u201d|[^\u201c.?!:]|[.?!:](?!\s|$))+?[.?!:](?=\s|$)")
"""Up to a full stop, question or exclamation mark or colon and a space ("0.2%" goes on),
a quotation kept whole."""


def lead_in(question: str) -> str:
    """All of a planner's question but its last sentence (its ask), when that ask has
    three words or more: "You said “a weekly retrain”." from "You said “a weekly
    retrain”. What makes that the right call here?"; "" for a one-sentence question."""
    pieces = [m.group().strip() for m in _PIECE.finditer(question)]
    if len(pieces) < 2 or "".join(pieces).replace(" ", "") != question.replace(" ", ""):
        return ""
    if len(pieces[-1].split()) < 3:
        return ""
    return " ".join(pieces[:-1])


def _regex_literal(text: str) -> str | None:
    """``text`` as a regex that llama.cpp's schema converter turns into a valid grammar
    literal, or None. Only the characters it unescapes may be escaped: any other escape
    (``re.escape`` writes ``\\ `` for a space) makes a grammar that crashes the process."""
    if not text or any(c in text for c in '"\\') or not text.isprintable():
        return None
    return "".join("\\" + c if c in "^$.[]()|{}*+?" else c for c in text)


FIRST_SENTENCE = re.compile(r"\s*((?:\S+\s+){2,}?\S*[.?!])\s")
"""Three words or more up to a full stop, question or exclamation mark and a space."""


def _json_string(text: str, key: str, *, partial: bool = False) -> str | None:
    """The string value of ``key`` in JSON still being written: None until it is
    complete (or, with ``partial``, until it has begun)."""
    match = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)(")?', text)
    if match is None or (match.group(2) is None and not partial):
        return None
    body = match.group(1)
    if body.endswith("\\") and not body.endswith("\\\\"):
        body = body[:-1]  # an escape cut in half
    try:
        return json.loads(f'"{body}"')
    except ValueError:
        return None


def _history(state: PlannerState, said: Sequence[str] = ()) -> str:
    """Earlier turns; every answer stays inside <transcript> tags (it is data), and the
    interviewer's lines lose any words they repeat from the answers."""
    if len(state.answers) < 2:
        return ""
    first = as_data(_clip(state.answers[0].heard(), 1500))
    lines = [f"Candidate's first answer:\n<transcript>\n{first}\n</transcript>"]
    for move, answer in zip(state.moves, state.answers[1:-1], strict=False):
        lines.append(f"Interviewer ({move.kind}): {without_candidate_words(move.question, said)}")
        lines.append(f"<transcript>\n{as_data(_clip(answer.heard(), 400))}\n</transcript>")
    if state.moves:
        last = state.moves[-1]
        lines.append(f"Interviewer ({last.kind}): {without_candidate_words(last.question, said)}")
    return "\n".join(lines)


def _said(state: PlannerState) -> list[str]:
    return [a.text for a in state.answers]


QUOTED = re.compile(r"\u201c[^\u201d]*\u201d?|\"[^\"]*\"?|\u2018[^\u2019]*\u2019")
"""A quotation: in curly or straight double quotes, or curly single quotes."""
ECHO_WORDS = 4
"""This many words in a row from an answer, outside the tags, are the candidate's."""
IN_TRANSCRIPT = "(their words, in the transcript)"


def without_candidate_words(text: str, said: Sequence[str]) -> str:
    """``text`` (a reason or a question written outside the <transcript> tags) with the
    candidate's words taken out: a quotation of words from an answer (however short),
    and any run of :data:`ECHO_WORDS` or more words in a row from an answer, become a
    pointer to the transcript. What is left is the planner's own wording and the
    question bank's."""
    answers = [" ".join(_plain_words(a)) for a in said]

    def quoted(match: re.Match) -> str:  # the candidate's quoted words, however few
        words = " ".join(_plain_words(match.group()))
        return (
            IN_TRANSCRIPT
            if words and any(f" {words} " in f" {a} " for a in answers)
            else (match.group())
        )

    text = QUOTED.sub(quoted, text)
    grams: set[tuple[str, ...]] = set()
    for answer in answers:
        words = answer.split()
        grams.update(zip(*(words[i:] for i in range(ECHO_WORDS)), strict=False))
    if not grams:
        return text
    tokens = list(re.finditer(r"\S+", text))
    plain = [_plain(t.group()) for t in tokens]
    echoed = [False] * len(tokens)
    for i in range(len(tokens) - ECHO_WORDS + 1):
        if tuple(plain[i : i + ECHO_WORDS]) in grams:
            echoed[i : i + ECHO_WORDS] = [True] * ECHO_WORDS
    if not any(echoed):
        return text
    out, i = [], 0
    while i < len(tokens):
        if echoed[i]:
            while i < len(tokens) and echoed[i]:
                i += 1
            out.append(IN_TRANSCRIPT)
        else:
            out.append(tokens[i].group())
            i += 1
    return " ".join(out)


def _opening_with(known: str | None, move: Move) -> Move:
    """The planner's ``move``, starting with the words already said for it (the change,
    said word for word), so the voice goes on from them instead of saying them again:
    "Let me change one thing. <change> How does..." becomes "<change> How does..."."""
    if not known or move.question.startswith(known):
        return move
    # the planner goes on in lower case after its colon ("Here is a change: we're…")
    joined = known[:1].lower() + known[1:]
    inside = next((k for k in (known, joined) if k in move.question), None)
    if inside is None:
        return move
    rest = move.question.split(inside, 1)[1].strip()
    return move.model_copy(update={"question": f"{known} {rest}".strip()})


def in_their_words(question: str, planned: str | None) -> str:
    """A question that copied :data:`IN_TRANSCRIPT` (it stands for the candidate's words
    in the planner's wording) as something to say: each copy becomes the words the
    planner quoted, in order; a copy with no quote left takes its clause with it."""
    if IN_TRANSCRIPT not in question:
        return question
    for quote in QUOTED.findall(planned or ""):
        question = question.replace(IN_TRANSCRIPT, quote, 1)
    clause = r"[^.?!:;]*" + re.escape(IN_TRANSCRIPT) + r"[^.?!:;]*[.?!:;]?\s*"
    return " ".join(re.sub(clause, " ", question).split())  # "tree. What…", not "tree.What…"


def _plain(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


def _plain_words(text: str) -> list[str]:
    return [w for w in (_plain(t) for t in text.split()) if w]


def _binding(suggestion: Move, state: PlannerState) -> bool:
    """Moves the LLM may word but not replace: answering the candidate's question from
    the facts, the session's owed requirement change, and the closing wrap-up."""
    if suggestion.kind == "clarification" and suggestion.target != "unknown":
        return True
    if suggestion.kind == "new_constraint" and not state.injected and state.moves_left == 1:
        return True
    return suggestion.kind == "wrap_up"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


TIMED_OUT = "it did not answer in time"


def interviewer_prompt(chat: ChatModel) -> ChatPrompt:
    """A small model on this machine gets a shorter prompt: it reads every token on
    the candidate's own cores, and its grammar already holds it to the schema."""
    return load_chat_prompt("llm-interviewer-local" if chat.in_process else "llm-interviewer")


def warm_interviewer(chat: ChatModel) -> None:
    """Load ``chat`` ahead of the first turn with the system turn the interviewer sends."""
    chat.warm(system_message(interviewer_prompt(chat), LLMMove))
