"""Real adapters, built from settings: the only place thinkaloud constructs them."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.llm.port import ChatModel
from assistant.settings import Settings, models_dir


def build_chat_model(settings: Settings, environ: Mapping[str, str], **kwargs) -> ChatModel:
    """The configured LLM (``settings.llm_model`` must be set): a GGUF model in this
    process for ``local/<name>`` or a ``.gguf`` path, otherwise a model on a server."""
    from assistant.llm.local.catalog import is_local

    model = settings.llm_model or ""
    if is_local(model):
        from assistant.llm.local.models import LocalModels
        from assistant.llm.local_chat import LocalChatModel

        models = LocalModels(
            models_dir(settings),
            list(settings.local_models),
            n_threads=settings.local_threads or None,
        )
        return LocalChatModel(model, models, **kwargs)
    from assistant.llm.litellm_chat import LiteLLMChatModel

    return LiteLLMChatModel(
        model,
        api_base=settings.llm_api_base,
        api_key=environ.get("THINKALOUD_LLM_API_KEY"),
        **kwargs,
    )
