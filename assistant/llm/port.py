"""The chat-model port: what the interviewer and the judges need from an LLM.

Two adapters serve it: :class:`~assistant.llm.litellm_chat.LiteLLMChatModel` for a
model on a server (any litellm model string) and
:class:`~assistant.llm.local_chat.LocalChatModel` for a GGUF file run in this process.
:class:`~assistant.llm.scripted.ScriptedChatModel` stands in for both in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

OnText = Callable[[str], None]
"""Called with the reply so far, each time it grows (streaming)."""


class ChatError(Exception):
    """A request that failed, said in thinkaloud's own words (never a provider's raw
    text): the message completes "the LLM could not be used: ...". A model that fails
    this way is not asked again in the session."""


class ChatTimeout(ChatError, TimeoutError):
    """No whole reply before the request's deadline (connect, first byte and the whole
    body, stream included)."""


class ChatUnreachable(ChatError):
    """The server could not be reached (refused, unknown host, connection dropped)."""


class ChatServerError(ChatError):
    """The server answered with an error status (5xx, 4xx)."""


class ChatReplyUnreadable(ChatError):
    """The server answered, but not with a chat reply (not JSON, cut off)."""


class ChatModel(Protocol):
    name: str
    """As the user gave it: a litellm model string, ``local/<name>`` or a GGUF path."""
    in_process: bool
    """A small model on this machine's own cores: it gets short prompts, and its
    replies are held to the schema by a grammar."""
    judges: bool
    """Whether its verdicts are asked for (adaptation, structure grades): the small
    in-process models called every answer adapted, even one that ignored the change."""

    @property
    def ready(self) -> bool:
        """What the model needs is loaded (litellm imported, a local model in memory):
        a request now goes out at once. Until then a request first loads it (tens of
        seconds on a busy machine), outside the request's deadline."""
        ...

    def load(self) -> None:
        """Import or load what the model needs (seconds: call it off the UI thread).
        A model that failed to load fails the same way again at once."""
        ...

    def warm(self, system: str) -> None:
        """Load, and read the fixed system turn ahead of the first request."""
        ...

    def read_ahead(self, messages: list[dict[str, str]]) -> None:
        """The start of a request still being written: the last message's content ends
        where the text known so far ends (the answer while it is spoken). A model on
        this machine starts reading it in the background, so the request that follows
        reads only the rest; a server does nothing. Returns at once."""
        ...

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        """The assistant's reply text; raises :class:`ChatError` (or, for a local model,
        ``LocalModelError``) on timeouts and provider errors. ``timeout`` is one deadline
        for the whole request. ``schema`` is the JSON schema the reply must follow
        (already described in the prompt); ``on_text`` asks for the reply to be
        streamed, and is called on the caller's thread, never after the deadline.

        A last message from the assistant is the start of the reply, already decided:
        the model goes on from it, and the reply returned begins with it. Only models
        in this process are sent one (servers do not all accept it)."""
        ...
