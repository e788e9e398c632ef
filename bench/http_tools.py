"""Tools for bench_http.py: servers started and stopped, wrk runs parsed, memory read.

Everything runs on loopback and stops by itself: every wrk run has a fixed duration and every
server started here is stopped when the `servers()` context ends.
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def require_tools() -> None:
    """wrk and nginx from Debian's packages, installed if missing and we are root."""
    missing = [tool for tool in ("wrk", "nginx") if not find(tool)]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing {', '.join(missing)} from Debian's packages", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk", "nginx"], check=True)
        missing = [tool for tool in ("wrk", "nginx") if not find(tool)]
    if missing:
        sys.exit(f"bench_http needs {' and '.join(missing)}: apt-get install -y wrk nginx")


def find(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin")


# --- processes ---------------------------------------------------------------------------------


class Servers:
    """Processes started for the run; all of them are stopped, in reverse order, at the end."""

    def __init__(self):
        self.processes: list[subprocess.Popen] = []

    def start(self, args: list[str], *, env: dict, port: int | None, log: Path, cwd=ROOT):
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        if port is not None:
            wait_for_port(port, process, log)
        return process

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)


@contextlib.contextmanager
def servers():
    running = Servers()
    try:
        yield running
    finally:
        running.stop_all()


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"A server exited at start (port {port}):\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers, if only to say it is unhealthy
        except OSError:
            time.sleep(0.2)
    sys.exit(f"Nothing answered on port {port} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def fetch(url: str) -> tuple[bytes, str, dict]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read(), response.headers.get_content_type(), dict(response.headers)


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return round(kilobytes / 1024, 1)


# --- nginx ---------------------------------------------------------------------------------------

NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; application/json json; }}

    # (a) saved copies of the app's responses, served as files
    server {{
        listen 127.0.0.1:{static_port};
        root {copies};
        location = /healthz {{ return 200 "ok"; }}
        location / {{ try_files $uri.html $uri.json =404; }}
    }}

    # (b) the reverse-proxy cache of docs/operations.md in front of gunicorn
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=veracity:10m max_size=1g inactive=10m;
    upstream veracity {{ server 127.0.0.1:{app_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{cache_port};
        location / {{
            proxy_pass http://veracity;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_cache veracity;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_ignore_headers Vary;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_lock on;
        }}
    }}
}}
"""


def write_nginx_conf(tmp: Path, copies: Path, *, static_port, cache_port, app_port, workers):
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            tmp=tmp,
            copies=copies,
            static_port=static_port,
            cache_port=cache_port,
            app_port=app_port,
            workers=workers,
        )
    )
    return conf


# --- wrk -----------------------------------------------------------------------------------------

COLD_LUA = """
counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?cold=" .. counter .. "-" .. math.random(1000000000))
end
"""

MIXED_LUA = """
paths = {{ {paths} }}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
"""


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int = 0
    socket_errors: int = 0
    raw: str = field(default="", repr=False)


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(value) * UNITS_MS[unit], 3)


def wrk(url: str, *, connections: int, seconds: int, script: Path | None = None) -> WrkResult:
    threads = min(connections, 2)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["--timeout", "10s"] + (["-s", str(script)] if script else []) + [url]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    percentile = {m[0]: _ms(m[1]) for m in re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M)}
    if set(percentile) != {"50", "99"}:
        raise RuntimeError(f"wrk measured nothing for {url}:\n{out}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return WrkResult(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=percentile["50"],
        p99_ms=percentile["99"],
        requests=int(re.search(r"(\d+) requests in", out).group(1)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        raw=out,
    )


def lua_script(tmp: Path, name: str, text: str) -> Path:
    path = tmp / f"{name}.lua"
    path.write_text(text)
    return path


def mixed_paths_script(tmp: Path, paths: list[str]) -> Path:
    quoted = ", ".join(f'"{p}"' for p in paths)
    return lua_script(tmp, "mixed", MIXED_LUA.format(paths=quoted))
