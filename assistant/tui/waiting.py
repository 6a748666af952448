"""Waiting on slow work (an LLM interviewer thinking, a model loading) from a worker
without holding the app up when the candidate quits.

A thread worker is joined when the app closes, so a call to an LLM that takes its whole
timeout (20 s, a minute for a local model) would keep a blank terminal on screen after
Ctrl+Q. The work runs in a thread of its own instead, which the process does not wait
for; the worker waits on it only while the app is running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.worker import get_current_worker

T = TypeVar("T")

POLL_S = 0.1


class Abandoned(Exception):
    """The app is closing: the work's result is not wanted."""


def unless_quitting(
    work: Callable[[], T],
    name: str = "thinkaloud-work",
    *,
    or_when: threading.Event | None = None,
) -> T:
    """``work()``, run in a daemon thread; from a thread worker, :class:`Abandoned` as
    soon as the worker is cancelled (the app quitting) or ``or_when`` is set, leaving
    ``work`` to finish unwatched. Its errors are raised here; an abandoned one's are
    dropped."""
    done = threading.Event()
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the waiting worker, never printed
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    worker = get_current_worker()
    while not done.wait(POLL_S):
        if worker.is_cancelled or (or_when is not None and or_when.is_set()):
            raise Abandoned
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
