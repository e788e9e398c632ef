"""A redis-server of the test's own, on a free port, that a test stops and starts to see what
readers and editors get while Redis is away. Never the shared Redis on 6379."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None

    @property
    def caches(self) -> dict:
        """settings.CACHES with this server as the shared cache."""
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{self.port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            },
            "process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--dir", str(self.folder), "--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError as error:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    message = f"redis-server did not start on port {self.port}"
                    raise RuntimeError(message) from error
                time.sleep(0.02)

    def stop(self) -> None:
        """Shut down, saving what is stored: it is all back after start(), as after a
        restart of a Redis with persistence."""
        self.client().shutdown(save=True)
        self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)

    def page_keys(self) -> list[bytes]:
        """The stored pages (not the tags' tokens or the generation)."""
        return self.client().keys("*public-page:*")
