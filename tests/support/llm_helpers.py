"""A chat model that keeps every raw reply, for tests and benchmarks that check them."""

from __future__ import annotations

from assistant.interview.llm import LiteLLMChatModel


class Recording(LiteLLMChatModel):
    """The real model (a loaded one is shared, not copied), keeping every raw reply."""

    def __init__(self, inner: LiteLLMChatModel) -> None:
        self.__dict__.update(inner.__dict__)
        self.replies: list[str] = []

    def complete(self, messages, **kwargs) -> str:
        reply = super().complete(messages, **kwargs)
        self.replies.append(reply)
        return reply
