"""Sentence vectors kept for one interviewer move: the planner asks about the same text
several times while it decides (whether the answers are on topic, which bank questions
they already answer, how the answer met a change), and the model is asked once."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from assistant.scoring.structure.embedder import Embedder


class MoveMemo:
    """Wraps an :class:`Embedder`; keeps every text's vector until :meth:`clear` (the
    start of the next move)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if not texts:
            return self.inner.embed([])
        fresh = self.inner.embed(missing) if missing else ()
        with self._lock:
            self._vectors.update(zip(missing, fresh, strict=True))
            return np.vstack([self._vectors[t] for t in texts])
