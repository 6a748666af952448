"""Sentence embeddings kept by text, so a sentence is embedded once per session: the
live path scores sentences as they complete, and the analysis at the end finds them
already done."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from assistant.scoring.structure.embedder import Embedder


class CachedEmbedder:
    """Wraps an :class:`Embedder`; keeps the last ``size`` sentences' vectors."""

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner = inner
        self.size = size
        self.name = getattr(inner, "name", type(inner).__name__)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        fresh = self.inner.embed(missing) if missing else np.zeros((0, 0), np.float32)
        with self._lock:
            for text, vector in zip(missing, fresh, strict=True):
                self._vectors[text] = vector
            for text in texts:
                self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
            rows = [self._vectors[t] for t in texts]
        if not rows:
            return self.inner.embed([])
        return np.vstack(rows).astype(np.float32)
