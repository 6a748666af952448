"""A model on a server, through litellm: ``ollama/qwen2.5:3b``, ``openai/gpt-4o-mini``,
or ``openai/<name>`` with ``api_base`` for llama.cpp, LM Studio or vLLM servers.

Replies are asked for as ``{"type": "json_object"}`` with the schema in the prompt:
some local servers reject strict ``json_schema`` with HTTP 500.
"""

from __future__ import annotations

import os

from assistant.llm.port import OnText

SERVER_MAX_TOKENS = 300


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

    def load(self) -> None:
        self._module()

    def _module(self):
        """litellm, imported once (about 5 s: never on the UI thread)."""
        if self._litellm is None:
            quiet_litellm_environment()
            import litellm

            litellm.suppress_debug_info = True
            litellm.telemetry = False
            self._litellm = litellm
        return self._litellm

    def warm(self, system: str) -> None:
        self._module()  # a server reads its own prompt; the import is what costs here

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float,
        schema: dict | None = None,
        on_text: OnText | None = None,
    ) -> str:
        litellm = self._module()
        extra: dict[str, object] = {}
        if self.api_base:
            extra["api_base"] = self.api_base
            extra["api_key"] = self.api_key or "not-needed"
        elif self.api_key:
            extra["api_key"] = self.api_key
        request = dict(
            model=self.name,
            messages=messages,
            timeout=timeout,
            max_retries=0,
            num_retries=0,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            response_format={"type": "json_object"},
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
