"""One sentence encoder for every test of a run (one per xdist worker).

A sentence's embedding is the same whatever else it is embedded with (the model's
batches are padded and masked: its vector does not change by a bit), so a sentence of
an eval answer that many tests score is embedded once, and every test still scores it
with the real model."""

from __future__ import annotations

from functools import cache

from assistant.scoring.structure.embedder import MiniLMEmbedder
from assistant.scoring.structure.embedding_cache import CachedEmbedder


@cache
def shared_embedder() -> CachedEmbedder:
    return CachedEmbedder(MiniLMEmbedder(), size=1 << 16)


def sharing_embedder(ctx):
    """``ctx`` (an AppContext) with the run's encoder, which ``structure_spec`` takes
    from ``ctx.shared`` as the app takes its one encoder."""
    ctx.shared["embedder"] = shared_embedder()
    return ctx
