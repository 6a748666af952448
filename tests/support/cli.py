"""Running the thinkaloud command in-process, as a test sees it."""

from __future__ import annotations

import io
import os
from unittest import mock

from assistant.app.context import AppContext
from assistant.app.environment import Environment
from assistant.main import main
from tests.support.sentences import sharing_embedder

_load_context = AppContext.load.__func__


def _context_sharing_the_encoder(cls, *args, **kwargs) -> AppContext:
    """The command's own context (its settings, bank and rubrics, read as it reads them)
    with the run's one sentence encoder: a rubric's prototypes and an answer's sentences
    are embedded once per worker instead of once per command (2.3 of a score's 3.7 CPU
    seconds), and every command still scores with the real model."""
    return sharing_embedder(_load_context(cls, *args, **kwargs))


def run(*argv: str, stdin: str = "", **environ: str) -> tuple[int, str, str]:
    """Run the CLI in-process; ``environ`` adds variables (settings read the process's).
    Its input is ``stdin``, which is no terminal (as in a script)."""
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in environ}
    os.environ.update(environ)
    try:
        env = Environment(
            stdin=io.StringIO(stdin), stdout=out, stderr=err, environ=dict(os.environ)
        )
        with mock.patch.object(AppContext, "load", classmethod(_context_sharing_the_encoder)):
            code = main(list(argv), env)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("thinkaloud: error: "), err
    assert "Traceback" not in err
    return lines[0]
