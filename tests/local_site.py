"""A web server on 127.0.0.1 for tests that fetch pages, and the address guard opened to it.

``site.routes[path] = (status, headers, body)`` says what a path answers (404 otherwise; a
header given as "" is left out); ``site.requests`` lists each request's path and headers.
The fetcher refuses loopback, so tests pass it ``allowed=loopback_only``.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def loopback_only(address) -> bool:
    return address.is_loopback


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


@contextmanager
def local_site(host: str = "127.0.0.1"):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    requests: list[Request] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(Request(self.path, dict(self.headers.items())))
            status, headers, body = routes.get(self.path, (404, {}, b"not found"))
            self.send_response(status)
            defaults = {"Content-Type": "text/html; charset=utf-8", "Content-Length": len(body)}
            for name, value in {**defaults, **headers}.items():
                if value != "":  # an empty value leaves the header out
                    self.send_header(name, str(value))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.routes, server.requests = routes, requests
    server.url = f"http://{host}:{server.server_port}"
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
