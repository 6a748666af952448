"""A GGUF model run in this process, on the local engine directly (no litellm).

The reply schema becomes a llama.cpp grammar, so a reply always parses and has the
schema's keys; tokens stream; the deadline covers waiting for the CPU as well.
"""

from __future__ import annotations

import time

from assistant.llm.local.catalog import PREFIX
from assistant.llm.local.engine import LocalEngine, LocalModelError, schema_grammar
from assistant.llm.local.models import LocalModels
from assistant.llm.port import OnText

LOCAL_MAX_TOKENS = 600
"""Room for a move at the schema's caps (660 characters of strings) unless its tokens
average under about 1.1 characters; a reply cut off anyway is retried, then the
planner asks."""
SEED = 1234
_CUT = "\u2063\u2063cut\u2063\u2063"
"""Marks where a request read ahead ends inside the chat template's rendering."""


class LocalChatModel:
    in_process = True
    judges = False

    def __init__(
        self,
        model: str,
        models: LocalModels,
        *,
        temperature: float = 0.3,
        max_tokens: int | None = None,
    ) -> None:
        self.name = model
        """As the user gave it (a GGUF path stays a path)."""
        self.key = model.removeprefix(PREFIX)
        """The catalog name, or the GGUF path."""
        self.models = models
        self.temperature = temperature
        self.max_tokens = max_tokens or LOCAL_MAX_TOKENS
        self._load_error: LocalModelError | None = None

    def engine(self) -> LocalEngine:
        """The loaded engine; raises :class:`LocalModelError` (again at once, if it
        failed before)."""
        if self._load_error is not None:
            raise self._load_error
        try:
            return self.models.engine(self.key)
        except LocalModelError as exc:
            self._load_error = exc
            raise

    @property
    def ready(self) -> bool:
        # one that failed to load fails again at once: nothing to wait for either
        return self._load_error is not None or self.models.loaded(self.key)

    def load(self) -> None:
        self.engine()

    def warm(self, system: str) -> None:
        engine = self.engine()
        engine.warm(engine.render_chat([{"role": "system", "content": system}], reply=False))

    def read_ahead(self, messages: list[dict[str, str]]) -> None:
        try:
            engine = self.engine()
        except LocalModelError:
            return  # the request will say so
        *before, last = messages
        marked = [*before, {**last, "content": last["content"] + _CUT}]
        engine.read_ahead(engine.render_chat(marked).split(_CUT)[0])

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        engine = self.engine()
        start = ""
        if messages[-1]["role"] == "assistant":  # the reply's start: the model goes on from it
            *messages, begun = messages
            start = str(begun["content"])
        stream = engine.stream(
            engine.render_chat(messages),
            max_tokens=self.max_tokens,
            temperature=self.temperature,
            seed=SEED,
            grammar=schema_grammar(schema or {"type": "object"}),
            deadline=time.monotonic() + timeout,
            start=start,
        )
        text = start
        for piece in stream:
            text += piece
            if on_text is not None:
                on_text(text)
        return text
