"""Running the thinkaloud command in-process, as a test sees it."""

from __future__ import annotations

import io
import os

from assistant.app.environment import Environment
from assistant.main import main


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
