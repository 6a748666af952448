"""What a user may tune, as one validated model.

Reading it (the config file, ``THINKALOUD_*`` variables, command-line flags) is the
composition root's job: :func:`assistant.app.config.load_settings`. Nothing here reads
the environment or the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

APP_NAME = "thinkaloud"
ENV_PREFIX = "THINKALOUD_"

WHISPER_LANGUAGES = frozenset(
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha "
    "haw he hi hr ht hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr "
    "ms mt my ne nl nn no oc pa pl ps pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th "
    "tk tl tr tt uk ur uz vi yi yo zh yue".split()
)
"""The language codes Whisper knows (faster-whisper's list; a test keeps them equal).
Any other code was silently decoded as English."""


MAX_THREADS = 1024
"""More threads than any machine has cores (a huge count ended in the OpenMP runtime's
own out-of-memory message, not thinkaloud's)."""


class Settings(BaseModel):
    """Everything a user may tune. Every field can be set in config.toml or THINKALOUD_<NAME>."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    """No infinite or not-a-number values: ``max_audio_minutes = inf`` ended in an internal
    error, and ``long_pause_s = inf`` silently counted no pause as long."""

    model: str | None = None
    """Speech-to-text model: unset for the bundled tiny.en, a CTranslate2 folder, or a cached
    model name."""
    compute_type: Literal["int8", "int8_float32", "float32", "int16", "default"] = "int8"
    """CTranslate2 compute type on the CPU."""
    cpu_threads: int = Field(0, ge=0, le=MAX_THREADS)
    """Threads for speech-to-text; 0 uses every core."""
    language: str = "en"
    """Language spoken in answers (the bundled model is English only)."""
    beam_size: int = Field(1, ge=1)
    """Whisper beam size; 1 is greedy and fastest."""
    keep_fillers: bool = True
    """Prompt Whisper to write um/uh instead of cleaning them away."""
    min_pause_s: float = 0.25
    """Shortest silence counted as a pause."""
    thinking_pause_s: float = 1.0
    """Pauses from here up to long_pause_s are thinking pauses."""
    long_pause_s: float = 2.0
    """Pauses from here on are long silences."""
    pace_window_s: float = Field(15.0, gt=0)
    """Window for the pace-over-time series."""
    vad_threshold: float = Field(0.5, gt=0, lt=1)
    """Speech probability above which the VAD hears speech (raise it in a noisy room)."""
    slow_wpm: float = Field(110.0, gt=0)
    """Below this speech rate the report calls the pace slow."""
    fast_wpm: float = Field(170.0, gt=0)
    """Above this speech rate the report calls the pace fast."""
    fillers_per_minute_warn: float = Field(4.0, ge=0)
    """From this many fillers per minute the report warns."""
    slow_start_s: float = Field(8.0, ge=0)
    """Silence before the first word beyond which the report comments."""
    structure_method: Literal["auto", "cues"] = "auto"
    """How stages are recognised: "auto" adds a small local sentence model to the rubric's
    cue phrases; "cues" uses the phrases alone."""
    llm_model: str | None = None
    """litellm model string for the interviewer (``ollama/qwen2.5:3b``, ``openai/gpt-4o-mini``,
    ``openai/<name>`` with llm_api_base); unset: the offline interviewer. API keys come from
    the provider's usual environment variable or THINKALOUD_LLM_API_KEY, never from here."""
    llm_api_base: str | None = None
    """Base URL of an OpenAI-compatible server (llama.cpp, LM Studio, vLLM)."""
    llm_timeout_s: float | None = Field(None, gt=0)
    """Seconds to wait for the LLM before the offline interviewer steps in (default: 20 for
    a server, 60 for a local model, which shares this machine's cores)."""
    local_models: list[Path] = []
    """Your own GGUF files, offered as ``local/<file name>`` (``thinkaloud models`` lists them)."""
    local_threads: int = Field(0, ge=0, le=MAX_THREADS)
    """Threads for a local model; 0: one fewer than the cores available, at least one."""
    models_dir: Path | None = None
    """Where ``thinkaloud models prepare`` puts joined weights (default: the user cache dir)."""
    interview_moves: int | None = Field(None, ge=1, le=12)
    """Interviewer moves in a practice session, the wrap-up included; unset: from the
    question's time budget (a 6-minute question gets 5, a 3-minute one 3)."""
    max_audio_minutes: float = Field(120.0, gt=0)
    """Longer recordings are refused before decoding, to keep memory bounded."""
    data_dir: Path | None = None
    """Where sessions are kept (default: the user data dir)."""

    @field_validator(
        "model", "language", "llm_model", "llm_api_base", "models_dir", "data_dir", mode="before"
    )
    @classmethod
    def _not_empty(cls, value: object) -> object:
        """An empty text is a mistake, not a setting: an empty data_dir was the current
        folder. Leave a setting out to get its default."""
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty; leave it out to use the default")
        return value

    @field_validator("local_models", mode="before")
    @classmethod
    def _no_empty_paths(cls, value: object) -> object:
        if isinstance(value, list) and any(isinstance(v, str) and not v.strip() for v in value):
            raise ValueError("holds an empty path")
        return value

    @field_validator("language")
    @classmethod
    def _whisper_language(cls, value: str) -> str:
        code = value.strip().lower()
        if code not in WHISPER_LANGUAGES:
            raise ValueError(
                f"{value!r} is not a language Whisper knows (a code such as en, de, fr, es, zh)"
            )
        return code

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> Settings:
        pauses = (self.min_pause_s, self.thinking_pause_s, self.long_pause_s)
        if not 0 < pauses[0] <= pauses[1] <= pauses[2]:
            raise ValueError(
                "pause thresholds must satisfy 0 < min_pause_s <= thinking_pause_s <= "
                "long_pause_s (here {:g}, {:g} and {:g})".format(*pauses)
            )
        if self.slow_wpm >= self.fast_wpm:  # every pace would be both slow and fast
            raise ValueError(
                f"the pace range must satisfy slow_wpm < fast_wpm (here {self.slow_wpm:g} "
                f"and {self.fast_wpm:g})"
            )
        return self
