"""A tiny OpenAI-compatible chat server on 127.0.0.1, for the LLM paths: it replies
with a valid move, a malformed one, an HTTP 500, or hangs, as its script says."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD = {
    "kind": "follow_up",
    "target": "monitoring",
    "why": "monitoring was never mentioned",
    "question": "How would you know the fraud model is degrading once it is live?",
}


class FakeOpenAI(BaseHTTPRequestHandler):
    """A tiny OpenAI-compatible chat endpoint; ``script`` says what each call does."""

    script: list[str] = []
    requests: list[dict] = []
    reply: dict = GOOD

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeOpenAI.requests.append(body)
        action = FakeOpenAI.script.pop(0) if FakeOpenAI.script else "good"
        if action == "hang":
            time.sleep(5)
            return
        if action == "500":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        content = (
            json.dumps(FakeOpenAI.reply) if action == "good" else "sure! here is a question: how?"
        )
        reply = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def serving(script: list[str] | None = None, reply: dict | None = None) -> Iterator[str]:
    """Run the server with a fresh script; yields its base URL (``http://127.0.0.1:N/v1``)."""
    FakeOpenAI.script, FakeOpenAI.requests = list(script or []), []
    FakeOpenAI.reply = reply or GOOD
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
