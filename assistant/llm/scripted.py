"""A chat model that replies from a script: for tests of the code around a model."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.llm.port import OnText


class ScriptedChatModel:
    """Replies with the scripted texts in order (an exception in the script is raised
    instead), keeping every request. Streaming hands the reply over in pieces."""

    def __init__(
        self,
        replies: Iterable[str | BaseException],
        *,
        name: str = "scripted",
        in_process: bool = False,
        judges: bool = True,
    ) -> None:
        self.replies = list(replies)
        self.name = name
        self.in_process = in_process
        self.judges = judges
        self.requests: list[list[dict[str, str]]] = []
        self.read_aheads: list[list[dict[str, str]]] = []

    ready = True

    def load(self) -> None:
        pass

    def warm(self, system: str) -> None:
        pass

    def read_ahead(self, messages: list[dict[str, str]]) -> None:
        self.read_aheads.append([dict(m) for m in messages])

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        self.requests.append([dict(m) for m in messages])
        if not self.replies:
            raise RuntimeError("the script has no reply left")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        if messages[-1]["role"] == "assistant":  # the script holds what the model adds
            reply = messages[-1]["content"] + reply
        if on_text is not None:
            for end in range(8, len(reply) + 8, 8):
                on_text(reply[:end])
        return reply
