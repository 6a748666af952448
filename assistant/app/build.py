"""Real adapters, built from the context's settings: the only place thinkaloud constructs
a speech model, a sentence encoder, an LLM, an interviewer or the session store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.app.config import models_dir
from assistant.app.context import AppContext
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.interview.planner import OfflinePlanner
    from assistant.interview.session import Interviewer
    from assistant.llm.port import ChatModel
    from assistant.scoring.analyse import StructureSpec
    from sessions.store import Store
    from speech.transcriber import FasterWhisperTranscriber

DEFAULT_RUBRIC = "ml-system-design"


def build_transcriber(settings: Settings) -> FasterWhisperTranscriber:
    """The configured speech model (the bundled tiny.en unless set); it loads on first use."""
    from assistant.app.config import ConfigError
    from speech.models import english_only, resolve_model
    from speech.transcriber import DecodeOptions, FasterWhisperTranscriber

    location = resolve_model(settings.model, models_dir(settings))
    if settings.language != "en" and english_only(location.path):
        raise ConfigError(
            f"language = {settings.language!r}: the speech model {location.name} knows English "
            "only; give a multilingual model (model or --model) or leave language at en"
        )
    return FasterWhisperTranscriber(
        location,
        compute_type=settings.compute_type,
        cpu_threads=settings.cpu_threads,
        options=DecodeOptions(settings.language, settings.beam_size, settings.keep_fillers),
    )


def structure_spec(
    ctx: AppContext, rubric_id: str | None = None, question_id: str | None = None
) -> StructureSpec | None:
    """The rubric to judge structure against (``rubric_id``, else the question's, else
    ml-system-design; ``none`` for no structure), the scorer for it, and what each
    question of the bank asks (an answer that says the question back earns nothing)."""
    from assistant.scoring.analyse import StructureSpec
    from assistant.scoring.structure.scorers import build_scorer

    if rubric_id == "none":
        return None
    if question_id is not None:
        rubric_id = rubric_id or ctx.question(question_id).rubric
    rubric = ctx.rubric(rubric_id or DEFAULT_RUBRIC)
    embedder = None
    if ctx.settings.structure_method != "cues":
        from assistant.scoring.structure.embedder import MiniLMEmbedder
        from assistant.scoring.structure.embedding_cache import CachedEmbedder

        # one encoder for every rubric: it loads its model once, and embeds a sentence once
        embedder = ctx.shared.get("embedder")
        if embedder is None:
            embedder = ctx.shared["embedder"] = CachedEmbedder(MiniLMEmbedder())
    scorer, method = build_scorer(rubric, embedder)
    texts = {q.id: q.asked for q in ctx.questions.values()}
    return StructureSpec(rubric=rubric, scorer=scorer, method=method, question_texts=texts)


def open_store(ctx: AppContext, *, read_only: bool = False) -> Store:
    """The session store in the data dir (created 0700 on first use); ``read_only`` for
    commands that only read it (nothing is written, not even crash recovery)."""
    from sessions.store import Store, default_data_dir

    folder = ctx.settings.data_dir or default_data_dir(ctx.env.environ)
    return Store.open(Path(folder), read_only=read_only)


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


def check_local_model(settings: Settings) -> None:
    """A local LLM named for a command that runs to the end on its own (``practice``,
    ``score``): raise :class:`LocalModelError` (exit 6) before any answer is heard when
    it is not there to load. The app says so and lets the offline interviewer ask."""
    from assistant.llm.local.catalog import is_local

    model = settings.llm_model or ""
    if is_local(model):
        from assistant.llm.local.models import LocalModels

        LocalModels(models_dir(settings), list(settings.local_models)).check(model)


def build_interviewer(
    ctx: AppContext, planner: OfflinePlanner, chat: ChatModel | None = None
) -> Interviewer:
    """The configured LLM interviewer (on ``chat``, or a model built now), or the offline
    one when no LLM is configured."""
    from assistant.interview.session import OfflineInterviewer

    if not ctx.settings.llm_model:
        return OfflineInterviewer(planner)
    from assistant.interview.llm_interviewer import LLMInterviewer

    chat = chat or build_chat_model(ctx.settings, ctx.env.environ)
    return LLMInterviewer(chat, planner, timeout_s=ctx.llm_timeout)
