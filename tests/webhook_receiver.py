"""A webhook consumer of the test's own: an HTTP server on 127.0.0.1 that checks each message's
signature with the standardwebhooks package, as a consumer would, and answers with the status
codes the test lines up (500s on purpose), then 200."""

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass(frozen=True)
class Received:
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]
    body: bytes
    payload: dict | None  # the verified body; None when the signature did not verify
    answered: int


class Receiver:
    def __init__(self):
        self.secret: str | None = None  # the endpoint's, once registered
        self.answers: list[int] = []  # status codes to give, in order; 200 after them
        self.received: list[Received] = []
        self._arrived = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = receiver.answers.pop(0) if receiver.answers else 200
                receiver._arrive(dict(self.headers.items()), body, status)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    def _arrive(self, headers: dict[str, str], body: bytes, status: int) -> None:
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            payload = None
        with self._arrived:
            self.received.append(Received(time.monotonic(), headers, body, payload, status))
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        """The first ``count`` messages, waiting up to ``timeout`` seconds for them."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.received) >= count, timeout)
            return list(self.received[:count])

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
