"""The local models this process has loaded: one engine per model file."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant.llm.local.catalog import ASSEMBLED, install_hint, resolve
from assistant.llm.local.engine import LocalEngine, LocalModelError

_NO_RUNTIME = f"local models need the local extra: {install_hint('local')}"


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

    def check(self, model: str) -> None:
        """Raise :class:`LocalModelError` at once, without loading anything, when
        ``model`` is not there to load: unknown, not prepared, or no runtime."""
        import importlib.util

        resolve(model, self.models_dir, self.user_paths)
        if importlib.util.find_spec("cyllama") is None:
            raise LocalModelError(_NO_RUNTIME)

    def loaded(self, model: str) -> bool:
        """``model`` is in memory: :meth:`engine` returns it at once."""
        return model in self._by_name

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
                    raise LocalModelError(_NO_RUNTIME) from exc
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
