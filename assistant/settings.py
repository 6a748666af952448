"""User settings: a TOML file in the user config dir, then ``THINKALOUD_*`` variables.

Environment variables win over the file; command-line flags win over both
(the CLI passes them in as overrides).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

APP_NAME = "thinkaloud"


class ConfigError(Exception):
    """The config file or a THINKALOUD_* variable is invalid; the message names the key."""

    exit_code = 7


class Settings(BaseSettings):
    """Everything a user may tune. Every field can be set in config.toml or THINKALOUD_<NAME>."""

    model_config = SettingsConfigDict(
        env_prefix="THINKALOUD_", extra="forbid", use_attribute_docstrings=True
    )

    model: str | None = None
    """Speech-to-text model: unset for the bundled tiny.en, a CTranslate2 folder, or a cached
    model name."""
    compute_type: Literal["int8", "int8_float32", "float32", "int16", "default"] = "int8"
    """CTranslate2 compute type on the CPU."""
    cpu_threads: int = Field(0, ge=0)
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
    slow_wpm: float = 110.0
    """Below this speech rate the report calls the pace slow."""
    fast_wpm: float = 170.0
    """Above this speech rate the report calls the pace fast."""
    fillers_per_minute_warn: float = 4.0
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
    local_threads: int = Field(0, ge=0)
    """Threads for a local model; 0: one fewer than the cores available, at least one."""
    models_dir: Path | None = None
    """Where ``thinkaloud models prepare`` puts joined weights (default: the user cache dir)."""
    max_audio_minutes: float = Field(120.0, gt=0)
    """Longer recordings are refused before decoding, to keep memory bounded."""
    data_dir: Path | None = None
    """Where sessions are kept (default: the user data dir)."""

    @property
    def llm_timeout(self) -> float:
        if self.llm_timeout_s is not None:
            return self.llm_timeout_s
        from assistant.llm.local.catalog import is_local

        return 60.0 if is_local(self.llm_model) else 20.0

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> Settings:
        if not 0 < self.min_pause_s <= self.thinking_pause_s <= self.long_pause_s:
            raise ValueError(
                "pause thresholds must satisfy 0 < min_pause_s <= thinking_pause_s <= long_pause_s"
            )
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # the TOML file arrives through init kwargs (see load_settings), below the environment
        return (_Overrides(settings_cls), env_settings, init_settings)


class _Overrides(PydanticBaseSettingsSource):
    """Command-line overrides, above everything else."""

    values: dict[str, Any] = {}

    def get_field_value(self, field, field_name):  # pragma: no cover - unused by __call__
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self.values)


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("THINKALOUD_CONFIG_DIR"):
        return Path(env["THINKALOUD_CONFIG_DIR"]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def models_dir(settings: Settings) -> Path:
    """Where joined local-model weights live."""
    if settings.models_dir is not None:
        return settings.models_dir.expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME)) / "models"


def default_config_file(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("THINKALOUD_CONFIG"):
        return Path(env["THINKALOUD_CONFIG"]).expanduser()
    return config_dir(env) / "config.toml"


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    required: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Read ``config_file`` (default: the user's config.toml, if any), the environment,
    then ``overrides``. Errors become :class:`ConfigError` naming where the bad value
    came from: the file and key, or the THINKALOUD_* variable."""
    env = os.environ if environ is None else environ
    named = config_file is not None or bool(env.get("THINKALOUD_CONFIG"))
    path = config_file or default_config_file(env)
    file_values: dict[str, Any] = {}
    if path.is_file():
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    elif path.exists():
        raise ConfigError(f"{path}: is not a file")
    elif required or named:  # a file the user named must exist
        raise ConfigError(f"{path}: no such config file")
    _Overrides.values = {k: v for k, v in (overrides or {}).items() if v is not None}
    try:
        return Settings(**file_values)
    except ValidationError as exc:
        raise ConfigError(_where(exc.errors()[0], path, file_values, env)) from exc
    finally:
        _Overrides.values = {}


def _where(
    error: Mapping[str, Any], path: Path, file_values: Mapping[str, Any], env: Mapping[str, str]
) -> str:
    key = ".".join(str(p) for p in error["loc"])
    msg = error["msg"].removeprefix("Value error, ")
    if not key:  # a rule across several settings
        return f"settings: {msg}"
    var = f"THINKALOUD_{key.upper()}"
    if var in env:
        return f"{var}={env[var]!r}: {msg}"
    if key in file_values or error["type"] == "extra_forbidden":
        return f"{path}: {key}: {msg}"
    return f"{key}: {msg}"
