"""Reading settings: a TOML file in the user config dir, then ``THINKALOUD_*`` variables
of the injected environment, then command-line overrides (each wins over the one before).

Nothing here reads ``os.environ``: the environment is a mapping handed in, so a test
(or a second entry point in the same process) gets exactly what it passes.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.settings import APP_NAME, ENV_PREFIX, Settings


class ConfigError(Exception):
    """The config file or a THINKALOUD_* variable is invalid; the message names the key."""

    exit_code = 7


def path_variable(environ: Mapping[str, str], name: str) -> Path | None:
    """The path in ``name``, None when it is unset; an empty one is an error (an empty
    path is the current folder, which nobody means)."""
    if name not in environ:
        return None
    text = environ[name]
    if not text.strip():
        raise ConfigError(f"{name} is set but empty; unset it to use the default")
    return Path(text).expanduser()


def config_dir(environ: Mapping[str, str]) -> Path:
    if (given := path_variable(environ, "THINKALOUD_CONFIG_DIR")) is not None:
        return given
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def default_config_file(environ: Mapping[str, str]) -> Path:
    if (given := path_variable(environ, "THINKALOUD_CONFIG")) is not None:
        return given
    return config_dir(environ) / "config.toml"


def user_data_dirs(environ: Mapping[str, str], kind: str) -> list[Path]:
    """Where a user's own rubrics or questions live: ``<config dir>/<kind>/``."""
    return [config_dir(environ) / kind]


def models_dir(settings: Settings) -> Path:
    """Where joined local-model weights live."""
    if settings.models_dir is not None:
        return settings.models_dir.expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME)) / "models"


def llm_timeout(settings: Settings) -> float:
    """Seconds one LLM request may take: as configured, else 20 for a server and 60 for
    a local model (it shares this machine's cores with everything else)."""
    if settings.llm_timeout_s is not None:
        return settings.llm_timeout_s
    from assistant.llm.local.catalog import is_local

    return 60.0 if is_local(settings.llm_model) else 20.0


def environment_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings given as ``THINKALOUD_<NAME>`` variables (any case), by field name.
    Lists are written as JSON (``THINKALOUD_LOCAL_MODELS='["/m/a.gguf"]'``)."""
    by_name = {f"{ENV_PREFIX}{name}".lower(): name for name in Settings.model_fields}
    values: dict[str, Any] = {}
    for var, text in environ.items():
        name = by_name.get(var.lower())
        if name is None:
            continue
        if not text.strip():
            raise ConfigError(f"{var} is set but empty; unset it to use the default")
        if _is_list(name):
            try:
                values[name] = json.loads(text)
            except ValueError as exc:
                raise ConfigError(f"{var}={text!r}: not a JSON list ({exc})") from exc
        else:
            values[name] = text
    return values


def _is_list(name: str) -> bool:
    annotation = Settings.model_fields[name].annotation
    return getattr(annotation, "__origin__", None) is list


def load_settings(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    required: bool = False,
    environ: Mapping[str, str],
) -> Settings:
    """Read ``config_file`` (default: the user's config.toml, if any), the environment,
    then ``overrides`` (None values are ignored). Errors become :class:`ConfigError`
    naming where the bad value came from: the file and key, or the THINKALOUD_* variable."""
    named = config_file is not None or path_variable(environ, "THINKALOUD_CONFIG") is not None
    path = config_file or default_config_file(environ)
    file_values: dict[str, Any] = {}
    if path.is_file():
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad's BOM
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    elif path.exists():
        raise ConfigError(f"{path}: is not a file")
    elif required or named:  # a file the user named must exist
        raise ConfigError(f"{path}: no such config file")
    file_values = _anchored(file_values, path.parent)
    env_values = environment_values(environ)
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    try:
        return Settings.model_validate({**file_values, **env_values, **given})
    except ValidationError as exc:
        raise ConfigError(_where(exc.errors()[0], path, file_values, environ, given)) from exc


FOLDER_KEYS = ("data_dir", "models_dir")
"""Settings that name a folder: written relative in a config file, they mean relative to
the file (``data_dir = "sessions"`` beside it), not to wherever the command runs, where
the sessions seemed to vanish."""


def _anchored(values: dict[str, Any], folder: Path) -> dict[str, Any]:
    def beside(value: Any) -> Any:  # an empty one is left for the settings to refuse
        if not isinstance(value, str) or not value.strip():
            return value
        return str(folder / Path(value).expanduser())  # an absolute path stays as it is

    out = dict(values)
    for key in FOLDER_KEYS:
        if key in out:
            out[key] = beside(out[key])
    if isinstance(out.get("local_models"), list):
        out["local_models"] = [beside(m) for m in out["local_models"]]
    return out


def _where(
    error: Mapping[str, Any],
    path: Path,
    file_values: Mapping[str, Any],
    env: Mapping[str, str],
    given: Mapping[str, Any],
) -> str:
    key = ".".join(str(p) for p in error["loc"])
    msg = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        msg = _unknown(str(error["loc"][0]))
    if not key:  # a rule across several settings: where each one it names was set
        named = [name for name in Settings.model_fields if re.search(rf"\b{name}\b", msg)]
        places = [_place(name, path, file_values, env, given) for name in named]
        if any(places):
            return "; ".join(_grouped(p for p in places if p)) + f": {msg}"
        return f"settings: {msg}"
    top = str(error["loc"][0])
    var = _variable(top, env)
    if var is not None:
        return f"{var}={env[var]!r}: {msg}"
    if top in file_values or error["type"] == "extra_forbidden":
        return f"{path}: {key}: {msg}"
    return f"{key}: {msg}"


def _unknown(name: str) -> str:
    """An unknown key, with the one it most likely meant and every key there is."""
    known = list(Settings.model_fields)
    close = difflib.get_close_matches(name, known, n=1)
    meant = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown setting {name!r} ({meant}known: {', '.join(known)})"


def _variable(name: str, env: Mapping[str, str]) -> str | None:
    return next((v for v in env if v.lower() == f"{ENV_PREFIX}{name}".lower()), None)


def _place(
    name: str,
    path: Path,
    file_values: Mapping[str, Any],
    env: Mapping[str, str],
    given: Mapping[str, Any],
) -> tuple[str, str] | None:
    """Where setting ``name`` was given, as (the source, how it is named there); None
    for a default. The command line wins over the environment, which wins over the file."""
    if name in given:
        return ("command line", name)
    if (var := _variable(name, env)) is not None:
        return ("environment", f"{var}={env[var]!r}")
    if name in file_values:
        return (str(path), name)
    return None


def _grouped(places) -> list[str]:
    """``[("f.toml", "a"), ("f.toml", "b"), ("environment", "X='1'")]`` as
    ``["f.toml: a, b", "X='1'"]``: keys under their file, variables as they were set."""
    by_source: dict[str, list[str]] = {}
    for source, what in places:
        by_source.setdefault(source, []).append(what)
    out = []
    for source, what in by_source.items():
        names = ", ".join(what)
        out.append(names if source == "environment" else f"{source}: {names}")
    return out
