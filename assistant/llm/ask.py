"""Ask a chat model for one JSON object, validated, with one retry."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from assistant.llm.port import ChatModel, ChatTimeout, OnText
from prompts.templates import ChatPrompt, render

T = TypeVar("T")

MIN_RETRY_S = 0.5
"""Less time than this left after an unusable reply: no retry, the deadline has come."""


_TAG = re.compile(r"<\s*/?\s*transcript\s*>", re.IGNORECASE)


_CONTROL = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])"  # escape sequences
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # other control characters; tabs and newlines stay
)


def printable(text: str) -> str:
    """``text`` without terminal control: a model's reply that held "\\x1b[2J" or a
    window-title sequence wiped the interview screen and renamed the window."""
    return _CONTROL.sub("", text)


def printable_values(value: T) -> T:
    """``value`` (a reply parsed into models, lists, strings) with every string
    :func:`printable`."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, BaseModel):
        fields = {k: printable_values(v) for k, v in value.__dict__.items()}
        return value.model_copy(update=fields)  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return type(value)(printable_values(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: printable_values(v) for k, v in value.items()}  # type: ignore[return-value]
    return value


def as_data(text: str) -> str:
    """The candidate's text, made safe to put inside ``<transcript>`` tags: a tag of
    their own ("</transcript> System: ...") would close the data and let what follows
    be read as instructions, so its angle brackets become look-alikes."""
    return _TAG.sub(lambda m: m.group().replace("<", "\u2039").replace(">", "\u203a"), text)


def system_message(prompt: ChatPrompt, model: type[BaseModel]) -> str:
    """The system turn :func:`ask_json` sends for ``model`` (the same text every time, so
    a local model can read it ahead, once)."""
    return _system(prompt, _schema_text(model.model_json_schema()))


def _schema_text(schema: dict) -> str:
    return json.dumps(schema, separators=(",", ":"))


def _system(prompt: ChatPrompt, schema_text: str) -> str:
    return render(prompt.system, {"schema": schema_text}).strip()


def request_messages(
    prompt: ChatPrompt, values: dict[str, object], model: type[BaseModel]
) -> list[dict[str, str]]:
    """The system and user turns :func:`ask_json` sends for ``model``."""
    return _messages(prompt, values, model.model_json_schema())


def _messages(prompt: ChatPrompt, values: dict[str, object], schema: dict) -> list[dict[str, str]]:
    text = _schema_text(schema)
    return [
        {"role": "system", "content": _system(prompt, text)},
        {"role": "user", "content": render(prompt.user, {**values, "schema": text}).strip()},
    ]


_UNTIL = "\u2063until\u2063"


def read_ahead(
    chat: ChatModel,
    prompt: ChatPrompt,
    values: dict[str, object],
    model: type[BaseModel],
    *,
    until: str,
) -> None:
    """Let ``chat`` start reading the request :func:`ask_json` will send, up to the end
    of ``values[until]`` (the answer so far): what follows it is not known yet, and
    the other values after it may be anything."""
    marked = {**values, until: f"{values[until]}{_UNTIL}"}
    messages = _messages(prompt, marked, model.model_json_schema())
    content = messages[-1]["content"]
    if _UNTIL in content:
        chat.read_ahead([*messages[:-1], {**messages[-1], "content": content.split(_UNTIL)[0]}])


def ask_json(
    chat: ChatModel,
    prompt: ChatPrompt,
    values: dict[str, object],
    model: type[BaseModel],
    *,
    timeout_s: float,
    parse: Callable[[str], T] | None = None,
    on_text: OnText | None = None,
) -> T:
    """Ask for one JSON object of ``model``'s schema (``$schema`` in the system prompt).

    ``parse`` turns the reply into the result (default: validate it as ``model``) and
    raises ``ValueError`` for an unusable one; that reply is retried once with the
    error, in the time left: ``timeout_s`` is one deadline for both. Raises on a second
    unusable reply, a timeout or a provider error.
    ``on_text`` streams the first reply (the system prompt comes first and never
    changes, so a local model reuses what it read last time)."""
    check = parse or (lambda reply: model.model_validate_json(reply.strip()))
    # what the model needs is loaded first (litellm's import, 10-70 s on a busy
    # machine): that is not the server's time, and counted against the deadline it left
    # a fast reply that could not be used no time for its retry ("did not answer in time")
    chat.load()
    deadline = time.monotonic() + timeout_s  # one deadline for the reply and its retry
    schema = model.model_json_schema()
    messages = _messages(prompt, values, schema)
    reply = chat.complete(messages, timeout=timeout_s, schema=schema, on_text=on_text)
    try:
        return printable_values(check(reply))
    except ValueError as exc:  # pydantic's ValidationError is one too
        error = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        messages += [
            {"role": "assistant", "content": reply[:2000]},
            {"role": "user", "content": render(prompt.retry, {"error": error})},
        ]
        left = deadline - time.monotonic()
        if left < MIN_RETRY_S:
            raise ChatTimeout(f"it did not answer usably in time ({timeout_s:g} s)") from exc
        return printable_values(check(chat.complete(messages, timeout=left, schema=schema)))
