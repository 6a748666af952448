"""A model on a server, through litellm: ``ollama/qwen2.5:3b``, ``openai/gpt-4o-mini``,
or ``openai/<name>`` with ``api_base`` for llama.cpp, LM Studio or vLLM servers.

Replies are asked for as ``{"type": "json_object"}`` with the schema in the prompt:
some local servers reject strict ``json_schema`` with HTTP 500.

Every request has one deadline, ``timeout`` seconds from the call, for connecting,
the first byte and the whole body, stream included: httpx's timeouts apply to each read,
so a server sending a byte every few seconds (or a stream that never ends) held the
user indefinitely. The request runs on a worker thread that is abandoned at the
deadline (and told to stop at its next chunk); its pieces are handed to ``on_text`` on
the caller's thread, never after the deadline. Failures are raised as
:class:`~assistant.llm.port.ChatError`, in thinkaloud's words.

A streamed request may be answered with one plain ``chat.completion`` body, as minimal
OpenAI-compatible servers do: that body is read as the reply (the app asks for a
stream, ``practice`` does not, and the app called such a server's reply "no reply
text"). Where the body cannot be seen under litellm's stream, a stream that carried no
text at all is asked again once without streaming, in the time left, and the model's
later requests are not streamed.
"""

from __future__ import annotations

import json
import os
import queue
import threading
import time

from assistant.llm.port import (
    ChatError,
    ChatReplyUnreadable,
    ChatServerError,
    ChatTimeout,
    ChatUnreachable,
    OnText,
)

SERVER_MAX_TOKENS = 300
NO_MESSAGE = "its server's reply was not a chat reply (no message in it)"


def quiet_litellm_environment() -> None:
    """No network for litellm except the model endpoint: its cost map and tokenizers are
    otherwise fetched from the internet. The user's own settings win."""
    os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class LiteLLMChatModel:
    in_process = False
    judges = True

    def __init__(
        self,
        model: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        temperature: float = 0.3,
        max_tokens: int | None = None,
        **completion_kwargs: object,
    ) -> None:
        self.name = model
        self.api_base = api_base
        self.api_key = api_key
        self.temperature = temperature
        self.max_tokens = max_tokens or SERVER_MAX_TOKENS
        self.completion_kwargs = completion_kwargs
        """Passed through to ``litellm.completion`` (e.g. ``mock_response`` in tests)."""
        self._litellm = None
        self._loading = threading.Lock()
        self.streams = True
        """Whether its server streams: a stream that carried no text, where the same
        request unstreamed did, turns this off for the session."""

    @property
    def ready(self) -> bool:
        return self._litellm is not None

    def load(self) -> None:
        self._module()

    def _module(self):
        """litellm, imported once (about 5 s: never on the UI thread), with what its first
        request would otherwise load inside the request's deadline: its own lazy modules
        for a chat call (a mock reply, no network) and the HTTP stack. On a loaded machine
        that took a reply the server sent at once past an 8 s deadline: "it did not
        answer in time (8 s)", and no retry."""
        with self._loading:  # the warm-up and a first request: loaded once, not twice
            if self._litellm is None:
                quiet_litellm_environment()
                import litellm

                litellm.suppress_debug_info = True
                litellm.telemetry = False
                _warm_request_path(litellm, self.name)
                self._litellm = litellm
        return self._litellm

    def warm(self, system: str) -> None:
        self._module()  # a server reads its own prompt; the import is what costs here

    def read_ahead(self, messages: list[dict[str, str]]) -> None:
        pass  # a server reads the request when it comes

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        litellm = self._module()
        deadline = time.monotonic() + timeout
        extra: dict[str, object] = {}
        if self.api_base:
            extra["api_base"] = self.api_base
            extra["api_key"] = self.api_key or "not-needed"
        elif self.api_key:
            extra["api_key"] = self.api_key
        request = dict(
            model=self.name,
            messages=messages,
            timeout=timeout,  # httpx's, per read: it ends the abandoned worker, later
            max_retries=0,
            num_retries=0,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            response_format={"type": "json_object"},
            **extra,
            **self.completion_kwargs,
        )
        stream = on_text is not None and self.streams
        reply = self._ask(litellm, request, stream, deadline, timeout, on_text)
        if reply is None:  # a stream that carried no text: the same request, unstreamed
            reply = self._ask(litellm, request, False, deadline, timeout, on_text)
            if not reply.strip():
                raise ChatReplyUnreadable("its server sent no reply text, streamed or not")
            self.streams = False
        if not reply.strip():  # a body that was not a reply
            raise ChatReplyUnreadable("its server sent no reply text")
        return reply

    def _ask(
        self,
        litellm,
        request: dict,
        stream: bool,
        deadline: float,
        timeout: float,
        on_text: OnText | None,
    ) -> str | None:
        """One request by ``deadline``: its reply text, or None for a stream that carried
        no text at all. A reply that came whole is handed to ``on_text`` in one piece."""
        results: queue.Queue[tuple[str, object]] = queue.Queue()
        stop = threading.Event()
        worker = threading.Thread(
            target=_request,
            args=(litellm, request, stream, results, stop),
            name="llm-request",
            daemon=True,  # abandoned at the deadline; it must not keep the process alive
        )
        worker.start()
        text = ""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                stop.set()
                raise ChatTimeout(f"it did not answer in time ({timeout:g} s)")
            try:
                kind, value = results.get(timeout=left)
            except queue.Empty:
                continue
            if kind == "piece":
                text += str(value)
                if on_text is not None:
                    on_text(text)
            elif kind == "done":
                if stream and value is None:  # the end of the events
                    return text or None
                if on_text is not None and str(value).strip():
                    on_text(str(value))  # one piece: the whole reply at once
                return str(value)
            else:
                assert isinstance(value, BaseException)
                raise _in_our_words(value, timeout) from value


def _warm_request_path(litellm, model: str) -> None:
    """Load what litellm's first request loads, without sending one (best effort)."""
    try:
        import h11  # noqa: F401
        import httpcore  # noqa: F401

        litellm.completion(
            model=model,
            messages=[{"role": "user", "content": "-"}],
            mock_response="{}",
            max_retries=0,
            num_retries=0,
        )
    except Exception:
        pass  # a model name litellm does not know is told on the real request


def _request(litellm, request: dict, stream: bool, results: queue.Queue, stop) -> None:
    """One request, on a worker thread: the reply (or its pieces) and the end, or the
    error, go to ``results``; a stream stops at its next chunk once ``stop`` is set."""
    try:
        if not stream:
            response = litellm.completion(**request)
            if not response.choices:
                raise ChatReplyUnreadable(NO_MESSAGE)
            if not stop.is_set():
                results.put(("done", response.choices[0].message.content or ""))
            return
        chunks = litellm.completion(stream=True, **request)
        try:
            whole = _unstreamed_reply(chunks)
            if whole is not None:
                if not stop.is_set():
                    results.put(("done", whole))
                return
            for chunk in chunks:
                if stop.is_set():
                    return
                piece = chunk.choices[0].delta.content if chunk.choices else None
                if piece:
                    results.put(("piece", piece))
        finally:
            _close(chunks)
        results.put(("done", None))
    except BaseException as exc:  # handed to the caller, who raises it in our words
        results.put(("error", exc))


def _unstreamed_reply(stream) -> str | None:
    """The reply text of a plain JSON body sent where a stream was asked for, or None
    when the body is a stream (or cannot be seen under litellm's wrapper). Read before
    the stream is, which would drop the body as lines that are no events."""
    response = getattr(getattr(stream, "completion_stream", None), "response", None)
    headers = getattr(response, "headers", None)
    if headers is None or "event-stream" in headers.get("content-type", "event-stream"):
        return None
    body = response.read()
    try:
        data = json.loads(body)
    except ValueError:
        raise ChatReplyUnreadable("its server's reply was not a chat reply (not JSON)") from None
    try:
        message = data["choices"][0]["message"]
    except (KeyError, IndexError, TypeError):
        raise ChatReplyUnreadable(NO_MESSAGE) from None
    return (message.get("content") if isinstance(message, dict) else None) or ""


def _close(stream) -> None:
    """Close a litellm stream and the HTTP response under it (best effort)."""
    for thing in (getattr(stream, "completion_stream", None), stream):
        close = getattr(thing, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                pass


def _in_our_words(exc: BaseException, timeout: float) -> BaseException:
    """A provider's exception as a :class:`ChatError` saying what happened, in a few
    words of ours (the provider's own text is long, raw and cut mid-word)."""
    if isinstance(exc, ChatError) or not isinstance(exc, Exception):
        return exc
    name = type(exc).__name__.lower()
    status = getattr(exc, "status_code", None)
    text = str(exc).lower()
    if "timeout" in name or "timed out" in text:
        return ChatTimeout(f"it did not answer in time ({timeout:g} s)")
    unreachable = ("connection error", "connection refused", "name or service", "nodename")
    if ("connection" in name and "json" not in text) or any(u in text for u in unreachable):
        return ChatUnreachable("its server could not be reached")
    if "expecting value" in text or "json" in text or "received response" in text:
        return ChatReplyUnreadable("its server's reply was not a chat reply (not JSON)")
    if "no 'choices'" in text or "invalid response object" in text:
        # HTTP 200 with JSON that holds no reply: litellm calls it a 500 of its own
        return ChatReplyUnreadable(NO_MESSAGE)
    if "provider not provided" in text or "llm provider" in text:
        return ChatError(
            "litellm does not know where this model lives (give provider/model, such as "
            "ollama/qwen2.5:3b or openai/<name> with an API base)"
        )
    if isinstance(status, int) and status >= 400:
        what = {
            401: "its server refused the API key",
            403: "its server refused the request",
            # a wrong address answers 404 too: an API base without its /v1 is the usual slip
            404: "its server has no such model, or no API at that address (many API bases "
            "end in /v1)",
            429: "its server is turning requests away (rate limit)",
        }.get(status, "its server answered with an error")
        return ChatServerError(f"{what} (HTTP {status})")
    return ChatError(f"it failed ({type(exc).__name__})")
