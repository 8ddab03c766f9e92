"""Policy evaluation on OPA's REST API, through ``opa-python-client``.

:class:`OpaService` talks to an OPA server at a URL, with a bearer token if
the server wants one. :class:`PrivateOpa` is the same, plus the lifecycle of
a server it starts itself on a free loopback port, protected by a random
token, for the length of one command.
"""

from __future__ import annotations

import ctypes
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

import orjson
import requests
from opa_client import OpaClient
from opa_client.errors import RegoParseError

from regent.engine.errors import EngineUnavailable, PolicyError
from regent.engine.interface import EvalTimings, PolicyEvaluator
from regent.engine.opa_binary import check_policies, opa_version
from regent.engine.policyset import PolicyFile, PolicySet

QUERY_PATH = "regent"
_PR_SET_PDEATHSIG = 1
EVAL_TIMEOUT_SECONDS = 1800.0
MAX_INPUT_BYTES = 4 * 1024**3

_AUTHZ_POLICY = """package system.authz

default allow := false

allow if input.identity == "{token}"
"""


class _Client(OpaClient):  # type: ignore[misc]  # opa-python-client ships no type information
    """The library's client, plus a query whose input is already serialised.

    ``query_rule`` re-encodes its input with the standard json module; a
    snapshot's input is hundreds of megabytes of bytes Regent already holds,
    so it goes through the same session as they are.
    """

    def health_status(self) -> int:
        """The HTTP status of /health: 200 ready, 401 or 403 a token OPA does not accept."""
        response = self._session.get(f"{self.schema}{self.host}:{self.port}/health", timeout=self.timeout)
        return int(response.status_code)

    def query_serialised(self, path: str, body: bytes, timeout: float) -> dict[str, Any]:
        response = self._session.post(
            f"{self.root_url}/data/{path}?metrics=true",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=timeout,
        )
        if response.status_code != 200:
            raise PolicyError(f"OPA refused the query ({response.status_code}): {_opa_message(response)}")
        result: dict[str, Any] = orjson.loads(response.content)
        return result


def _opa_message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    message = str(body.get("message", ""))
    details = [
        f"{e.get('location', {}).get('file', '?')}:{e.get('location', {}).get('row', '?')}: {e.get('message')}"
        for e in body.get("errors", [])[:10]
    ]
    return "\n  ".join([message, *details])


class OpaService(PolicyEvaluator):
    """An OPA server reached over HTTP: the organisation's, or our own private one."""

    def __init__(self, url: str, token: str | None = None, binary: Path | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineUnavailable(f"--opa-url {url!r} is not an http(s) URL such as http://opa.internal:8181")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.url = url
        self.token = token
        self._binary = binary
        self._client = _Client(
            host=parts.hostname, port=port, ssl=parts.scheme == "https", token=token, timeout=30.0, retries=1
        )
        self.last_metrics: Mapping[str, Any] = {}
        self._check_reachable()

    def _check_reachable(self, patience: float = 3.0) -> None:
        problem = ""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            try:
                status = self._client.health_status()
            except requests.RequestException as exc:
                problem = str(exc)
                time.sleep(0.1)
                continue
            if status == 200:
                return
            if status in (401, 403):
                raise EngineUnavailable(f"OPA at {self.url} refused the token (HTTP {status}): check --opa-token")
            problem = f"HTTP {status} from /health"
            time.sleep(0.1)
        raise EngineUnavailable(f"OPA at {self.url} is not reachable: {problem}")

    def load(self, policies: PolicySet) -> None:
        if self._binary is not None:
            check_policies(self._binary, [f.path for f in policies.files])
        # OPA compiles each module as it arrives, so a module that calls a helper
        # not yet uploaded is refused; those go round again until nothing moves.
        waiting = policies.upload_order()
        while waiting:
            refused: list[tuple[PolicyFile, RegoParseError]] = []
            for f in waiting:
                try:
                    self._client.update_policy_from_string(f.text, f.module_id, rego_compat=False)
                except RegoParseError as exc:
                    refused.append((f, exc))
                except requests.HTTPError as exc:
                    raise PolicyError(f"OPA at {self.url} refused {f.path}: {exc}") from None
                except requests.RequestException as exc:
                    raise EngineUnavailable(f"OPA at {self.url} failed while loading policies: {exc}") from None
            if len(refused) == len(waiting):
                first, error = refused[0]
                raise PolicyError(_describe_upload_error(first.path, error))
            waiting = [f for f, _ in refused]

    def evaluate(self, input_json: bytes) -> Mapping[str, Any]:
        body = b'{"input":' + input_json + b"}"
        try:
            answer = self._client.query_serialised(QUERY_PATH, body, EVAL_TIMEOUT_SECONDS)
        except requests.RequestException as exc:
            raise EngineUnavailable(f"OPA at {self.url} failed during evaluation: {exc}") from None
        self.last_metrics = answer.get("metrics", {})
        result = answer.get("result")
        if not isinstance(result, dict) or "checks" not in result:
            raise PolicyError(f"OPA at {self.url} has no Regent policy set loaded (data.{QUERY_PATH} is undefined)")
        return result

    def timings(self) -> EvalTimings:
        """OPA's own timers for the last query: parsing the input, evaluating, the whole request."""
        return EvalTimings(input_parse_seconds=self._seconds("timer_rego_input_parse_ns"),
                           eval_seconds=self._seconds("timer_rego_query_eval_ns"),
                           handler_seconds=self._seconds("timer_server_handler_ns"))

    def _seconds(self, metric: str) -> float:
        """One of OPA's timers for the last query, in seconds; 0 when OPA did not report it."""
        return float(self.last_metrics.get(metric, 0)) / 1e9

    def opa_version(self) -> str:
        if self._binary is not None:
            return opa_version(self._binary)
        try:
            answer = self._client.ad_hoc_query("v := opa.runtime().version")
            return str(answer["result"][0]["v"])
        except (requests.RequestException, KeyError, IndexError, TypeError):
            return "unknown"

    def close(self) -> None:
        self._client.close_connection()


def _describe_upload_error(path: Path, exc: RegoParseError) -> str:
    details = []
    for error in (getattr(exc, "errors", None) or [])[:10]:
        row = (error.get("location") or {}).get("row", "?")
        details.append(f"{path}:{row}: {error.get('message')}")
    return "a policy does not compile:\n  " + "\n  ".join(details or [f"{path}: {exc}"])


class PrivateOpa(OpaService):
    """A private OPA server on a free loopback port, started now and stopped by :meth:`close`."""

    def __init__(self, binary: Path, preload: PolicySet | None = None, startup_timeout: float = 30.0) -> None:
        """Start the server; with ``preload``, it starts with that policy set already compiled.

        Uploading modules one by one makes OPA compile the whole set once per
        module; a server that reads the files at start-up compiles them once.
        """
        self._preloaded: str | None = None
        if preload is not None:
            check_policies(binary, [f.path for f in preload.files])
        self._workdir = tempfile.TemporaryDirectory(prefix="regent-opa-")
        token = secrets.token_urlsafe(24)
        authz = Path(self._workdir.name) / "authz.rego"
        authz.write_text(_AUTHZ_POLICY.format(token=token))
        self._process: subprocess.Popen[bytes] | None = None
        log_path = Path(self._workdir.name) / "opa.log"
        for _ in range(3):
            port = _free_port()
            log = log_path.open("wb")
            self._process = subprocess.Popen(
                [
                    str(binary), "run", "--server",
                    "--addr", f"127.0.0.1:{port}",
                    "--authentication=token", "--authorization=basic",
                    "--skip-version-check",
                    "--log-level", "error",
                    "--set", f"server.decoding.max_length={MAX_INPUT_BYTES}",
                    str(authz),
                    *(str(f.path) for f in (preload.files if preload else ())),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            log.close()
            deadline = time.monotonic() + startup_timeout
            while time.monotonic() < deadline and self._process.poll() is None:
                if _port_open(port):
                    break
                time.sleep(0.02)
            if self._process.poll() is None:
                super().__init__(f"http://127.0.0.1:{port}", token=token, binary=binary)
                self._preloaded = preload.digest if preload else None
                return
        last_error = log_path.read_text(errors="replace").strip()
        self._workdir.cleanup()
        raise EngineUnavailable(f"the private OPA server did not start: {last_error or 'no message'}")

    def load(self, policies: PolicySet) -> None:
        if policies.digest != self._preloaded:
            super().load(policies)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._workdir.cleanup()


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to stop OPA if Regent dies, even by SIGKILL."""
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0
