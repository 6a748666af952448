"""A chat model that keeps every raw reply, for tests and benchmarks that check them."""

from __future__ import annotations

from dataclasses import replace

from assistant.llm.port import ChatModel


class Recording:
    """Wraps a real model (a loaded one is shared, not copied), keeping every raw reply
    and, for a model in this process, how each request went (tokens read, reused)."""

    def __init__(self, inner: ChatModel) -> None:
        self.inner = inner
        self.name = inner.name
        self.in_process = inner.in_process
        self.judges = inner.judges
        self.replies: list[str] = []
        self.requests: list = []

    @property
    def ready(self) -> bool:
        return self.inner.ready

    def load(self) -> None:
        self.inner.load()

    def warm(self, system: str) -> None:
        self.inner.warm(system)

    def read_ahead(self, messages) -> None:
        self.inner.read_ahead(messages)

    def complete(self, messages, **kwargs) -> str:
        reply = self.inner.complete(messages, **kwargs)
        self.replies.append(reply)
        if self.in_process:
            self.requests.append(replace(self.inner.engine().last))
        return reply
