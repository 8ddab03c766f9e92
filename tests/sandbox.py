"""What the sandbox tests share: a listener on loopback that records every request it gets, a policy
that calls a built-in, and an OPA server started as an organisation would run it."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from contextlib import contextmanager


class Listener:
    """An HTTP server on a free loopback port that keeps the path of every request it receives."""

    def __init__(self) -> None:
        seen: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                seen.append(self.path)
                body = b'{"type": "object"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.requests = seen
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def listener() -> Iterator[Listener]:
    server = Listener()
    try:
        yield server
    finally:
        server.close()


def calls(url: str) -> dict[str, str]:
    """For each family of refused built-ins, a Rego expression that would reach ``url`` or the machine."""
    schema = json.dumps({"$ref": f"{url}/schema.json"})
    return {
        "http.send": f'http.send({{"method": "get", "url": "{url}/leak"}})',
        "json.match_schema": f"json.match_schema(input, {schema})",
        "json.verify_schema": f"json.verify_schema({schema})",
        "net.lookup_ip_addr": 'net.lookup_ip_addr("example.com")',
        "opa.runtime": "opa.runtime().env",
        "time.now_ns": "time.now_ns()",
    }


def custom_policy(expression: str, package: str = "custom.reach") -> str:
    """A custom check whose violation rule evaluates ``expression`` on line 10."""
    return f"""# METADATA
# title: Reaches outside
# custom:
#   id: ACME-OUT-001
#   severity: low
#   remediation: none
package {package}

violation contains x if {{
	x := {expression}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def opa_service(binary: Path) -> Iterator[str]:
    """A real ``opa run --server`` on a free loopback port, without authentication: an organisation's OPA."""
    port = free_port()
    proc = subprocess.Popen(
        [str(binary), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check", "--log-level", "error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
