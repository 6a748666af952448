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


class ChatModel(Protocol):
    name: str
    """As the user gave it: a litellm model string, ``local/<name>`` or a GGUF path."""
    in_process: bool
    """A small model on this machine's own cores: it gets short prompts, and its
    replies are held to the schema by a grammar."""
    judges: bool
    """Whether its verdicts are asked for (adaptation, structure grades): the small
    in-process models called every answer adapted, even one that ignored the change."""

    def load(self) -> None:
        """Import or load what the model needs (seconds: call it off the UI thread).
        A model that failed to load fails the same way again at once."""
        ...

    def warm(self, system: str) -> None:
        """Load, and read the fixed system turn ahead of the first request."""
        ...

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
