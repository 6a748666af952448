"""An LLM interviewer through litellm, with the offline planner as guide and safety net.

The planner's choice goes into the prompt, so even a small local model asks a
pointed question; the model may choose another move and must say why. Replies
are JSON checked against :class:`LLMMove` (``{"type": "json_object"}`` plus the
schema in the prompt: some local servers reject strict ``json_schema`` with HTTP
500). An invalid reply is retried once with the error; then, and on any timeout,
refused connection or provider error, the planner's move is used and a notice
says so. The session never stops because of the LLM.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.interview.adaptation import salient_terms
from assistant.interview.moves import LLMMove, Move
from assistant.interview.planner import OfflinePlanner, PlannerState
from assistant.interview.view import cumulative
from assistant.local.catalog import is_local, litellm_name
from assistant.local.engine import LocalModelError
from assistant.scoring.structure.cues import normalise
from assistant.settings import Settings, models_dir
from prompts import ConstraintChange, Fact
from prompts.templates import ChatPrompt, load_chat_prompt, render

if TYPE_CHECKING:
    from assistant.local.provider import LocalModels

T = TypeVar("T")

MAX_ANSWER_CHARS = 3000
LOCAL_ANSWER_CHARS = 1500
"""A small in-process model reads ~1 token per 4 characters at a few hundred tokens
a second on a laptop: the latest answer's last 1,500 characters keep a turn fast
(the gaps to probe come from the rubric analysis, not from the model's reading)."""
MAX_QUESTION_CHARS = 400
LOCAL_MAX_TOKENS = 600
"""Room for a move at the schema's caps (660 characters of strings) unless its tokens
average under about 1.1 characters; a reply cut off anyway is retried, then the
planner asks."""


class LLMReplyError(ValueError):
    """The model replied, but not with a usable move."""


OnText = Callable[[str], None]
"""Called with the reply so far, each time it grows (streaming)."""


class ChatModel(Protocol):
    name: str

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        """The assistant's reply text; raises on timeouts and provider errors. ``schema``
        is the JSON schema the reply must follow (already described in the prompt);
        ``on_text`` asks for the reply to be streamed."""
        ...


def quiet_litellm_environment() -> None:
    """No network for litellm except the model endpoint: its cost map and tokenizers are
    otherwise fetched from the internet. The user's own settings win."""
    os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class LiteLLMChatModel:
    """Any litellm model string: ``ollama/qwen2.5:3b``, ``openai/gpt-4o-mini``,
    ``openai/<name>`` with ``api_base`` for llama.cpp, LM Studio or vLLM servers, or
    ``local/<name>`` (a GGUF file run in this process, given ``local``)."""

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        temperature: float = 0.3,
        max_tokens: int | None = None,
        local: LocalModels | None = None,
        **completion_kwargs: object,
    ) -> None:
        self.local = local
        self.name = model
        """As the user gave it (a GGUF path stays a path)."""
        self.model = litellm_name(model) if local is not None else model
        """What litellm is asked for."""
        self.api_base = api_base
        self.api_key = api_key
        self.temperature = temperature
        self.max_tokens = max_tokens or (LOCAL_MAX_TOKENS if local is not None else 300)
        self.completion_kwargs = completion_kwargs
        """Passed through to ``litellm.completion`` (e.g. ``mock_response`` in tests)."""
        self._litellm = None
        self._load_error: Exception | None = None

    @property
    def judges(self) -> bool:
        """Whether its verdicts on adaptation are asked for: the small in-process models
        called every answer adapted, even one that ignored the change (1.5B: 11 of 11)."""
        return self.local is None

    def _engine(self):
        return self.local.engine(self.model.removeprefix("local/"))

    def load(self):
        """Import litellm and, for a local model, load it (seconds: call it off the UI
        thread). A local model that failed to load fails the same way again at once."""
        if self._load_error is not None:
            raise self._load_error
        if self._litellm is None:
            quiet_litellm_environment()
            import litellm

            litellm.suppress_debug_info = True
            litellm.telemetry = False
            if self.local is not None:
                from assistant.local.provider import configure

                configure(self.local)
                try:
                    self._engine()
                except LocalModelError as exc:
                    self._load_error = exc
                    raise
            self._litellm = litellm
        return self._litellm

    def warm(self, system: str) -> None:
        """Load, and have a local model read the system prompt ahead of the first turn.
        One token through litellm, too: its first call spends ~3 s setting itself up."""
        litellm = self.load()
        if self.local is not None:
            engine = self._engine()
            engine.warm(engine.render_chat([{"role": "system", "content": system}], reply=False))
            litellm.completion(
                model=self.model,
                messages=[{"role": "system", "content": system}],
                max_tokens=1,
                timeout=60,
            )

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        litellm = self.load()
        extra: dict[str, object] = {}
        if self.api_base:
            extra["api_base"] = self.api_base
            extra["api_key"] = self.api_key or "not-needed"
        elif self.api_key:
            extra["api_key"] = self.api_key
        response_format: dict[str, object] = {"type": "json_object"}
        if self.local is not None and schema is not None:
            # in-process, the schema becomes a grammar: the reply cannot miss a key
            response_format = {
                "type": "json_schema",
                "json_schema": {"name": schema.get("title", "reply"), "schema": schema},
            }
        request = dict(
            model=self.model,
            messages=messages,
            timeout=timeout,
            max_retries=0,
            num_retries=0,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            response_format=response_format,
            **extra,
            **self.completion_kwargs,
        )
        if on_text is None:
            response = litellm.completion(**request)
            return response.choices[0].message.content or ""
        text = ""
        for chunk in litellm.completion(stream=True, **request):
            piece = chunk.choices[0].delta.content if chunk.choices else None
            if piece:
                text += piece
                on_text(text)
        return text


def chat_model_for(settings: Settings, environ: Mapping[str, str], **kwargs) -> LiteLLMChatModel:
    """The configured LLM (``settings.llm_model`` must be set)."""
    model = settings.llm_model or ""
    local = None
    if is_local(model):
        from assistant.local.provider import LocalModels

        local = LocalModels(
            models_dir(settings),
            list(settings.local_models),
            n_threads=settings.local_threads or None,
        )
    return LiteLLMChatModel(
        model,
        api_base=settings.llm_api_base,
        api_key=environ.get("THINKALOUD_LLM_API_KEY"),
        local=local,
        **kwargs,
    )


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
        self.answer_chars = LOCAL_ANSWER_CHARS if _in_process(chat) else MAX_ANSWER_CHARS

    def next_move(
        self, state: PlannerState, speak_early: Callable[[str], None] | None = None
    ) -> tuple[Move, str | None]:
        """``speak_early`` gets the question's first sentence while the rest is still
        being generated, once the move's kind and target are known to be usable."""
        suggestion = self.planner.choose(state)
        if self.down:  # it timed out or could not be reached: not again this session
            return suggestion.model_copy(update={"source": "fallback"}), None
        on_text = None
        if speak_early is not None:
            on_text = FirstSentence(
                lambda kind, target, sentence: self.usable_start(
                    kind, target, state, suggestion, sentence
                ),
                speak_early,
            )
        try:
            move = ask_json(
                self.chat,
                self.prompt,
                self.values(state, suggestion),
                LLMMove,
                timeout_s=self.timeout_s,
                parse=lambda reply: self.parse(reply, state, suggestion),
                on_text=on_text,
                grammar_schema=self.reply_schema(state, suggestion),
            )
        except LLMReplyError as exc:
            return self._fallback(suggestion, f"its reply was not a usable move ({exc})")
        except Exception as exc:  # timeouts, refused connections, provider errors
            reason = _describe(exc)
            if reason in (TIMED_OUT, UNREACHABLE) or isinstance(exc, LocalModelError):
                self.down = True
            return self._fallback(suggestion, reason)
        return move, None

    def reply_schema(self, state: PlannerState, suggestion: Move) -> dict:
        """The move schema narrowed to this turn: targets that exist, and the given kind
        and target when the move may only be worded. A local model's grammar follows it,
        so a small model cannot invent a target; servers get the plain schema."""
        schema = LLMMove.model_json_schema()
        props = schema["properties"]
        props["question"]["pattern"] = f"^{SENTENCE}( {SENTENCE})?$"  # at most two sentences
        props["why"]["pattern"] = r'^[^.?!"\\\n]{2,160}[.?!]?$'  # one
        q = self.planner.question
        if _binding(suggestion, state):
            props["kind"]["enum"] = [suggestion.kind]
            props["target"]["enum"] = [suggestion.target]
            news = self._news(suggestion)
            room = MAX_QUESTION_CHARS - len(news or "") - 2
            literal = _regex_literal(news or "")
            if literal and room >= 20:  # said word for word, then the model's own question
                props["question"]["pattern"] = f"^{literal} {_sentence(min(room, 220))}$"
            return schema
        kinds = [k for k in props["kind"]["enum"] if k != "wrap_up" or state.moves_left <= 1]
        changes = [c.id for c in q.constraint_changes if c.id not in state.injected]
        if not changes:
            kinds.remove("new_constraint")
        targets = [*self.planner.rubric.stage_ids, *changes, *(f.topic for f in q.facts)]
        props["kind"]["enum"] = kinds
        props["target"]["enum"] = list(dict.fromkeys(targets + ["unknown"]))
        return schema

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
        said = normalise(text)
        if numbers and not any(f" {n} " in said for n in numbers):
            return False
        return sum(f" {w} " in said for w in words) >= min(2, len(words))

    def _fallback(self, suggestion: Move, reason: str) -> tuple[Move, str]:
        move = suggestion.model_copy(update={"source": "fallback"})
        notice = f"The LLM interviewer ({self.name}) could not be used: {reason}. " + (
            "The offline interviewer takes over for the rest of the session."
            if self.down
            else "The offline interviewer asked this question instead."
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
        question = " ".join(data.question.split())
        if not question or len(question) > MAX_QUESTION_CHARS:
            raise LLMReplyError(f"question must be 1-{MAX_QUESTION_CHARS} characters")
        self._check_target(data.kind, data.target, state, suggestion)
        if data.kind == "new_constraint" and not self._states_change(data.target, question):
            raise LLMReplyError(
                f"the question must state the change: {self._change(data.target).say}"
            )
        return Move(
            kind=data.kind,
            target=data.target,
            why=_whole_words(" ".join(data.why.split()), WHY_CUT_AT) or "-",
            question=question,
            source="llm",
        )

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
        if kind in ("follow_up", "challenge") and target not in stages:
            raise LLMReplyError(f"target must be a rubric stage id: {', '.join(stages)}")
        if (
            suggestion is not None
            and _binding(suggestion, state)
            and (kind, target) != suggestion.key
        ):
            raise LLMReplyError(
                f"this turn must be {suggestion.kind} on {suggestion.target!r} "
                f"({suggestion.why}); word it, do not replace it"
            )
        if kind == "wrap_up" and state.moves_left > 1:
            raise LLMReplyError("wrap_up only on the last turn")
        if (kind, target) in state.used:
            raise LLMReplyError(f"{kind} on {target!r} was already asked; pick another")

    def values(self, state: PlannerState, suggestion: Move) -> dict[str, object]:
        """What the interviewer prompt is filled with (the schema is added by ask_json)."""
        q = self.planner.question
        covered, _ = cumulative(state.answers)
        missing = [s for s in self.planner.rubric.stage_ids if s not in covered]
        return {
            "question": " ".join(q.prompt.split()),
            "facts": "\n".join(f"- {f.topic}: {f.answer}" for f in q.facts) or "- none",
            "constraints": "\n".join(
                f"- {c.id}: {c.say}" for c in q.constraint_changes if c.id not in state.injected
            )
            or "- none left",
            "history": _history(state) or "(this is the first answer)",
            "answer": state.answers[-1].text[-self.answer_chars :] or "(silence)",
            "coverage": f"covered: {', '.join(sorted(covered)) or 'none'}; "
            f"not yet: {', '.join(missing) or 'none'}",
            "planner_kind": suggestion.kind,
            "planner_target": suggestion.target,
            "planner_why": suggestion.why,
            "planner_question": suggestion.question,
            "detail": self._detail(suggestion),
        }

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
        self, usable: Callable[[str, str, str | None], bool], say: Callable[[str], None]
    ) -> None:
        self.usable = usable
        self.say = say
        self.done = False
        self.sentence: str | None = None

    def __call__(self, text: str) -> None:
        if self.done:
            return
        kind, target = _json_string(text, "kind"), _json_string(text, "target")
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


def _sentence(max_chars: int) -> str:
    """One sentence of up to ``max_chars``, as a JSON-schema pattern for a grammar."""
    return rf'[^.?!"\\\n]{{2,{max_chars - 1}}}[.?!]'


SENTENCE = _sentence(221)


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


def _history(state: PlannerState) -> str:
    """Earlier turns; every answer stays inside <transcript> tags (it is data)."""
    if len(state.answers) < 2:
        return ""
    first = _clip(state.answers[0].text, 1500)
    lines = [f"Candidate's first answer:\n<transcript>\n{first}\n</transcript>"]
    for move, answer in zip(state.moves, state.answers[1:-1], strict=False):
        lines.append(f"Interviewer ({move.kind}): {move.question}")
        lines.append(f"<transcript>\n{_clip(answer.text, 400)}\n</transcript>")
    if state.moves:
        last = state.moves[-1]
        lines.append(f"Interviewer ({last.kind}): {last.question}")
    return "\n".join(lines)


def _binding(suggestion: Move, state: PlannerState) -> bool:
    """Moves the LLM may word but not replace: answering the candidate's question from
    the facts, the session's owed requirement change, and the closing wrap-up."""
    if suggestion.kind == "clarification" and suggestion.target != "unknown":
        return True
    if suggestion.kind == "new_constraint" and not state.injected and state.moves_left == 1:
        return True
    return suggestion.kind == "wrap_up"


WHY_CUT_AT = 150
"""A reason this long may have been cut by a local model's grammar."""


def _whole_words(text: str, cut_at: int) -> str:
    """A reason the grammar ended mid-word loses the broken word and says it goes on."""
    if len(text) < cut_at or text[-1] in ".?!":
        return text
    return text.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


TIMED_OUT = "it did not answer in time"
UNREACHABLE = "its server could not be reached"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, LocalModelError):
        return str(exc)
    name = type(exc).__name__
    text = " ".join(str(exc).split())
    if "timeout" in name.lower() or "timed out" in text.lower():
        return TIMED_OUT
    if "connection" in name.lower() or "connect" in text.lower():
        return UNREACHABLE
    return f"{name}: {text[:160]}" if text else name


def interviewer_prompt(chat: ChatModel) -> ChatPrompt:
    """A small model on this machine gets a shorter prompt: it reads every token on
    the candidate's own cores, and its grammar already holds it to the schema."""
    return load_chat_prompt("llm-interviewer-local" if _in_process(chat) else "llm-interviewer")


def _in_process(chat: ChatModel) -> bool:
    return getattr(chat, "local", None) is not None


def warm_interviewer(chat: LiteLLMChatModel) -> None:
    """Load ``chat`` ahead of the first turn with the system turn the interviewer sends."""
    chat.warm(system_message(interviewer_prompt(chat), LLMMove))


def system_message(prompt: ChatPrompt, model: type[BaseModel]) -> str:
    """The system turn :func:`ask_json` sends for ``model`` (the same text every time, so
    a local model can read it ahead, once)."""
    return _system(prompt, _schema_text(model.model_json_schema()))


def _schema_text(schema: dict) -> str:
    return json.dumps(schema, separators=(",", ":"))


def _system(prompt: ChatPrompt, schema_text: str) -> str:
    return render(prompt.system, {"schema": schema_text}).strip()


def ask_json(
    chat: ChatModel,
    prompt: ChatPrompt,
    values: dict[str, object],
    model: type[BaseModel],
    *,
    timeout_s: float,
    parse: Callable[[str], T] | None = None,
    on_text: OnText | None = None,
    grammar_schema: dict | None = None,
) -> T:
    """Ask for one JSON object of ``model``'s schema (``$schema`` in the system prompt).

    ``parse`` turns the reply into the result (default: validate it as ``model``) and
    raises ``ValueError`` for an unusable one; that reply is retried once with the
    error. Raises on a second unusable reply, a timeout or a provider error.
    ``on_text`` streams the first reply (the system prompt comes first and never
    changes, so a local model reuses what it read last time). ``grammar_schema``
    narrows what a local model may write (default: ``model``'s schema)."""
    check = parse or (lambda reply: model.model_validate_json(reply.strip()))
    schema = model.model_json_schema()
    text = _schema_text(schema)
    messages = [
        {"role": "system", "content": _system(prompt, text)},
        {"role": "user", "content": render(prompt.user, {**values, "schema": text}).strip()},
    ]
    reply_schema = grammar_schema or schema
    reply = chat.complete(messages, timeout=timeout_s, schema=reply_schema, on_text=on_text)
    try:
        return check(reply)
    except ValueError as exc:  # pydantic's ValidationError is one too
        error = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        messages += [
            {"role": "assistant", "content": reply[:2000]},
            {"role": "user", "content": render(prompt.retry, {"error": error})},
        ]
        return check(chat.complete(messages, timeout=timeout_s, schema=reply_schema))
