"""A GGUF model in this process, on cyllama's low-level llama.cpp bindings.

What the interviewer needs and cyllama's high-level ``LLM`` lacks: an explicit
thread count (llama.cpp's default of 4 spin-waiting threads ran 15-50x slower on
a busy 2-core laptop), output constrained by a grammar built from a JSON
schema, token streaming, and reuse of the cached prompt prefix between turns
(the system prompt and the interview question stay the same, so only the new
answer is read). While the candidate is still speaking, the request being written
(the answer so far) is read ahead, a few tokens at a time, so that once they stop
only the last phrase and the move's instructions are left to read.

One engine per model file, behind a lock: a llama.cpp context is not
thread-safe. Generation also holds :data:`speech.cpu.HEAVY_COMPUTE`, so it never
runs while speech is being transcribed.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from speech.cpu import HEAVY_COMPUTE, available_cores


class LocalModelError(Exception):
    """A local model is missing, not prepared, or cannot be loaded; the message says
    what to do."""

    exit_code = 6


class GenerationTimeout(TimeoutError):
    pass


READ_AHEAD_TOKENS = 32
"""Tokens read ahead per turn at the CPU: speech-to-text waits at most this long for
the lock (about 0.3 s for the 0.5B model, 1 s for the 1.5B on 2 cores)."""
READ_AHEAD_YIELD_S = 0.01
"""Between turns the reader steps back this long, so a transcriber waiting for the
lock gets it (a lock released and taken again at once is usually kept)."""


def default_threads() -> int:
    """Threads for generating, token by token: one core is left for the app (UI,
    voice). llama.cpp's threads spin-wait, and with a core busy elsewhere two
    threads on a 2-core laptop generated 2.4x slower than one (0.5B model, 100
    tokens: 13.4 s against 5.6 s). Reading the prompt is one big batch and uses
    every core: 3.3 s instead of 6.7 s idle, no slower with a core busy."""
    return max(1, min(available_cores() - 1, 8))


def schema_grammar(schema: dict) -> str:
    """GBNF for ``schema``, on one line: the default whitespace rule lets small models
    pad every field with blank lines, spending tokens on nothing."""
    from cyllama.utils.json_schema_to_grammar import json_schema_to_grammar

    grammar = json_schema_to_grammar(schema)
    return re.sub(r"^space ::= .*$", 'space ::= " "?', grammar, flags=re.M)


@dataclass
class Generation:
    """How the last generation went."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    reused_tokens: int = 0
    finish_reason: str = "length"
    prefill_s: float = 0.0
    """Reading the prompt (what was not reused)."""
    sample_s: float = 0.0
    """Choosing tokens, the grammar's check of every candidate included."""
    decode_s: float = 0.0
    """Running the model on each chosen token."""


class LocalEngine:
    def __init__(
        self,
        path: Path,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        n_threads_batch: int | None = None,
        n_batch: int = 512,
    ) -> None:
        from cyllama.llama.llama_cpp import (
            LlamaContext,
            LlamaContextParams,
            LlamaModel,
            LlamaModelParams,
            disable_logging,
            ggml_backend_load_all,
        )

        self.path = Path(path)
        self.n_threads = n_threads or default_threads()
        self.n_threads_batch = n_threads_batch or max(self.n_threads, available_cores())
        disable_logging()  # llama.cpp logs every tensor to stderr otherwise
        ggml_backend_load_all()
        params = LlamaModelParams()
        params.n_gpu_layers = 0
        try:
            self.model = LlamaModel(str(self.path), params)
        except (ValueError, OSError, RuntimeError) as exc:  # missing, not GGUF, damaged
            raise LocalModelError(f"{self.path.name} could not be loaded: {_why(exc)}") from exc
        self.vocab = self.model.get_vocab()
        n_ctx = min(n_ctx, self.model.n_ctx_train or n_ctx)
        cp = LlamaContextParams()
        cp.n_ctx = n_ctx
        cp.n_batch = cp.n_ubatch = n_batch
        cp.n_threads = self.n_threads
        cp.n_threads_batch = self.n_threads_batch
        cp.no_perf = True
        self.ctx = LlamaContext(self.model, cp)
        self.n_ctx = n_ctx
        self.n_batch = n_batch
        self.template = self.model.get_default_chat_template()
        self._cached: list[int] = []  # the tokens in the KV cache, in order
        self._lock = threading.Lock()
        self.last = Generation()
        self._ahead: str | None = None
        """The latest text to read ahead, not yet taken by the reader."""
        self._requests = 0
        """Requests started so far: reading ahead stops when this changes."""
        self._ahead_cv = threading.Condition()
        self._reader: threading.Thread | None = None
        self._busy = False
        """The reader is reading."""
        self.read_ahead_tokens = 0
        """Tokens read ahead so far (tests and benchmarks)."""

    def warm(self, prefix: str) -> int:
        """Read ``prefix`` (a rendered system turn) into the cache now, so the first
        real request only reads what follows it; returns the tokens read."""
        with HEAVY_COMPUTE, self._lock:
            tokens = self.vocab.tokenize(prefix, add_special=True, parse_special=True)
            self._prefill(tokens)
            return len(tokens)

    def read_ahead(self, prefix: str) -> None:
        """Start reading ``prefix`` (the start of a request still being written) in the
        background and return at once. A newer prefix replaces one not yet read; a
        request (:meth:`stream`) stops the reading where it is."""
        with self._ahead_cv:
            self._ahead = prefix
            if self._reader is None:
                self._reader = threading.Thread(
                    target=self._read_ahead_loop, name="llm-read-ahead", daemon=True
                )
                self._reader.start()
            self._ahead_cv.notify()

    def wait_read_ahead(self, timeout: float | None = None) -> bool:
        """Until the reader has nothing left to read (tests and benchmarks); False on
        timeout."""
        with self._ahead_cv:
            return self._ahead_cv.wait_for(lambda: self._ahead is None and not self._busy, timeout)

    def _read_ahead_loop(self) -> None:
        while True:
            with self._ahead_cv:
                self._ahead_cv.wait_for(lambda: self._ahead is not None)
                prefix, self._ahead = self._ahead, None
                requests = self._requests
                self._busy = True
            try:
                self._read_prefix(prefix, requests)
            except Exception:  # reading ahead only saves time: the request reads it all
                pass
            finally:
                with self._ahead_cv:
                    self._busy = False
                    self._ahead_cv.notify_all()

    def _read_prefix(self, prefix: str, requests: int) -> None:
        tokens = self.vocab.tokenize(prefix, add_special=True, parse_special=True)
        # the prefix's last tokens may merge with what follows it: leave them to the request
        tokens = tokens[: max(len(tokens) - 2, 0)]
        if len(tokens) >= self.n_ctx:
            return
        while True:
            with HEAVY_COMPUTE, self._lock:
                if self._requests != requests or self._ahead is not None:
                    return  # a request has started, or there is newer text to read
                common = _common_length(self._cached, tokens)
                if common >= len(tokens):
                    return
                self._prefill(tokens[: common + READ_AHEAD_TOKENS])
                self.read_ahead_tokens += min(READ_AHEAD_TOKENS, len(tokens) - common)
            time.sleep(READ_AHEAD_YIELD_S)

    def render_chat(self, messages: list[dict[str, str]], *, reply: bool = True) -> str:
        from cyllama.llama.llama_cpp import LlamaChatMessage

        turns = [LlamaChatMessage(role=m["role"], content=str(m["content"])) for m in messages]
        return self.model.chat_apply_template(self.template, turns, reply)

    def stream(
        self,
        prompt: str,
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        grammar: str | None = None,
        seed: int = 1234,
        deadline: float | None = None,
        start: str = "",
    ) -> Iterator[str]:
        """Text pieces as they are generated. Raises :class:`GenerationTimeout` once
        ``deadline`` (``time.monotonic()``) passes, waiting for the lock included.

        ``start`` is the reply's beginning, already decided: it is read with the prompt
        (a batch, many times faster than writing it token by token) and the grammar is
        moved past it, so it must be a valid start of what the grammar allows. Only what
        follows it is yielded."""
        with self._ahead_cv:  # reading ahead stops at its next turn
            self._requests += 1
            self._ahead = None
        with HEAVY_COMPUTE, self._lock:
            self.last = Generation()
            tokens = self.vocab.tokenize(prompt, add_special=True, parse_special=True)
            begun = self.vocab.tokenize(start, add_special=False, parse_special=False)
            tokens += begun
            max_tokens = min(max_tokens, self.n_ctx - len(tokens))
            if max_tokens <= 0:
                raise LocalModelError(
                    f"the prompt ({len(tokens)} tokens) does not fit the context ({self.n_ctx})"
                )
            self.last.prompt_tokens = len(tokens)
            _check(deadline)
            start = time.perf_counter()
            self.last.reused_tokens = self._prefill(tokens)
            self.last.prefill_s = time.perf_counter() - start
            sampler = self._sampler(grammar, temperature, seed)
            for token in begun:
                sampler.accept(token)  # the grammar (and any penalties) past the start
            yield from self._generate(sampler, len(tokens), max_tokens, deadline)

    def _generate(self, sampler, pos: int, max_tokens: int, deadline) -> Iterator[str]:
        from cyllama.llama.llama_cpp import llama_batch_get_one

        last = self.last
        for _ in range(max_tokens):
            _check(deadline)
            start = time.perf_counter()
            token = sampler.sample(self.ctx, -1)  # also advances the grammar
            last.sample_s += time.perf_counter() - start
            if self.vocab.is_eog(token):
                last.finish_reason = "stop"
                return
            last.completion_tokens += 1
            yield self.vocab.token_to_piece(token, special=False)
            start = time.perf_counter()
            self.ctx.decode(llama_batch_get_one([token], pos))
            last.decode_s += time.perf_counter() - start
            self._cached.append(token)
            pos += 1

    def complete(self, prompt: str, **kwargs) -> str:
        return "".join(self.stream(prompt, **kwargs))

    def _prefill(self, tokens: list[int]) -> int:
        """Make the KV cache hold ``tokens``, reading only what differs from last time;
        returns how many tokens were reused."""
        from cyllama.llama.llama_cpp import llama_batch_get_one

        # at least one token is read, for fresh logits
        common = min(_common_length(self._cached, tokens), len(tokens) - 1)
        if not self.ctx.memory_seq_rm(0, common, -1):
            self.ctx.kv_cache_clear()
            common = 0
        self._cached = list(tokens[:common])
        for i in range(common, len(tokens), self.n_batch):
            chunk = tokens[i : i + self.n_batch]
            self.ctx.decode(llama_batch_get_one(chunk, i))
            self._cached.extend(chunk)
        return common

    def _sampler(self, grammar: str | None, temperature: float, seed: int):
        from cyllama.llama.llama_cpp import LlamaSampler, LlamaSamplerChainParams

        params = LlamaSamplerChainParams()
        params.no_perf = True
        sampler = LlamaSampler(params)
        if grammar:  # the grammar must come first in the chain
            sampler.add_grammar(self.vocab, grammar, "root")
        if temperature <= 0:
            sampler.add_greedy()
        else:
            sampler.add_top_k(40)
            sampler.add_top_p(0.95, 1)
            sampler.add_temp(temperature)
            sampler.add_dist(seed)
        return sampler


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise GenerationTimeout("the local model did not finish in time")


def _why(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, FileNotFoundError) or "not found" in text:
        return "the file does not exist"
    if "does not look like a valid GGUF" in text:
        return "it is not a GGUF model file"
    if "Failed to load model" in text or "GGUF version" in text:
        return "llama.cpp cannot read it (damaged, cut short, or a format it does not support)"
    first = text.split(". ")[0].splitlines()[0] if text else type(exc).__name__
    return first[:200]


def _common_length(a: list[int], b: list[int]) -> int:
    """How many tokens ``a`` and ``b`` share from the start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
