"""A tiny OpenAI-compatible chat server on 127.0.0.1, for the LLM paths. Each request
does what the next word of its script says:

* ``good``: a valid move (streamed as server-sent events when the request asks for a
  stream); ``malformed``: prose, not JSON; ``schema``: JSON, but not a move;
* ``plain``: a valid move as one plain JSON body, also when a stream was asked for (as
  minimal servers answer); ``plain-empty``: such a body with no message in it;
  ``silent-stream``: a stream of events that carry no text;
* ``garbage``: HTTP 200 with a body that is not JSON at all; ``no-choices``: HTTP 200
  with JSON that is no chat reply; ``500``: an HTTP error;
* ``hang``: reads the request and never answers;
* ``trickle``: a valid reply, sent one byte every ``TRICKLE_S`` seconds (every read is
  quick, the whole never comes);
* ``endless-stream``: a stream of events that never ends.

The slow modes stop when the server is shut down, so no test leaves them running.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GOOD = {
    "kind": "follow_up",
    "target": "monitoring",
    "why": "monitoring was never mentioned",
    "question": "How would you know the fraud model is degrading once it is live?",
}
TRICKLE_S = 0.5
STREAM_EVERY_S = 0.2


def completion(content: str) -> bytes:
    return json.dumps(
        {
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
    ).encode()


def event(piece: str, finish: str | None = None) -> bytes:
    chunk = {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"


class FakeOpenAI(BaseHTTPRequestHandler):
    """A tiny OpenAI-compatible chat endpoint; ``script`` says what each call does."""

    script: list[str] = []
    requests: list[dict] = []
    reply: dict = GOOD
    stop = threading.Event()
    protocol_version = "HTTP/1.1"

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if not self.path.endswith("/v1/chat/completions"):  # an API base without its /v1
            self._send(404, b'{"detail": "Not Found"}')
            return
        FakeOpenAI.requests.append(body)
        action = FakeOpenAI.script.pop(0) if FakeOpenAI.script else "good"
        try:
            getattr(self, "_" + action.replace("-", "_"))(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: as it should, at its deadline

    def _hang(self, body):
        FakeOpenAI.stop.wait(120)
        self.close_connection = True

    def _500(self, body):
        self._send(500, b'{"error": {"message": "boom"}}')

    def _garbage(self, body):
        self._send(200, b"<html><body>502 Bad Gateway, probably</body></html>")

    def _no_choices(self, body):
        self._send(200, b'{"hello": "world"}')

    def _malformed(self, body):
        self._reply(body, "sure! here is a question: how?")

    def _schema(self, body):
        self._reply(body, json.dumps({"answer": 42, "note": "not a move"}))

    def _plain(self, body):
        self._send(200, completion(json.dumps(FakeOpenAI.reply)))

    def _plain_empty(self, body):
        self._send(200, b'{"id": "x", "object": "chat.completion", "choices": []}')

    def _silent_stream(self, body):
        self._start_events()
        self.wfile.write(event("") + event("", "stop") + b"data: [DONE]\n\n")
        self.close_connection = True

    def _good(self, body):
        self._reply(body, json.dumps(FakeOpenAI.reply))

    def _reply(self, body, content: str):
        """``content`` as a chat reply: one JSON body, or events if a stream was asked."""
        if not body.get("stream"):
            self._send(200, completion(content))
            return
        self._start_events()
        for i in range(0, len(content), 12):
            self.wfile.write(event(content[i : i + 12]))
        self.wfile.write(event("", "stop") + b"data: [DONE]\n\n")
        self.close_connection = True

    def _trickle(self, body):
        data = completion(json.dumps(FakeOpenAI.reply))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        for byte in data:
            if FakeOpenAI.stop.wait(TRICKLE_S):
                break
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
        self.close_connection = True

    def _endless_stream(self, body):
        self._start_events()
        self.wfile.write(event('{"kind": "follow_up", "target": "monitoring", "why": "'))
        n = 0
        while not FakeOpenAI.stop.wait(STREAM_EVERY_S):
            n += 1  # never the same piece twice: a stream that repeats itself is caught
            self.wfile.write(event(f"and so on ({n}) "))
            self.wfile.flush()
        self.close_connection = True

    def _start_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, status: int, data: bytes):
        self.send_response(status)
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
    FakeOpenAI.stop = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        FakeOpenAI.stop.set()  # the slow modes end now
        httpd.shutdown()
        httpd.server_close()
