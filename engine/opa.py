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

from regent.engine import scratch, uploads
from regent.engine.errors import EngineUnavailable, EvaluationTimeout, PolicyError
from regent.engine.interface import EvalTimings, PolicyEvaluator
from regent.engine.opa_binary import check_policies, find_opa, opa_version
from regent.engine.policyset import PolicySet

QUERY_PATH = "regent"
_PR_SET_PDEATHSIG = 1
DEFAULT_TIMEOUT_SECONDS = 300.0
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
            f"{self.root_url}/{path}?metrics=true",
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

    def __init__(self, url: str, token: str | None = None, binary: Path | None = None,
                 timeout: float = DEFAULT_TIMEOUT_SECONDS, checker: Path | None = None) -> None:
        """``binary``: the OPA serving ``url`` when Regent started it; ``checker``: the local OPA that checks
        a policy set before it is uploaded (default: ``binary``, else the one :func:`find_opa` finds)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineUnavailable(f"--opa-url {url!r} is not an http(s) URL such as http://opa.internal:8181")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.url = url
        self.token = token
        self._binary = binary
        self._checker = checker or binary
        self.timeout = timeout
        self._uploaded: list[str] = []
        self._loaded: PolicySet | None = None
        self._shared = True  # another Regent run may load its own policy set meanwhile
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
        """Check the set locally with the allowed built-ins, then upload it under its digest's id."""
        check_policies(self._checker or find_opa(), [f.path for f in policies.files])
        kept = uploads.remove_others(self._client, uploads.present(self._client, self.url), policies)
        self._uploaded = uploads.upload(self._client, self.url, policies, kept)
        self._loaded = policies

    def evaluate(self, input_json: bytes) -> Mapping[str, Any]:
        if not self._shared:
            answer = self._query(f"data/{QUERY_PATH}", b'{"input":' + input_json + b"}")
            return self._result(answer.get("result"))
        # A shared service: the marker is read in the same query, so the answer is known to come
        # from the policy set this scan loaded, not one another run loaded meanwhile.
        body = b'{"query":"result := data.regent; loaded := data.regent_loaded.digest","input":' + input_json + b"}"
        answer = self._query("query", body)
        rows = answer.get("result") or [{}]
        loaded = rows[0].get("loaded")
        if self._loaded is not None and loaded is not None and loaded != self._loaded.digest:
            raise PolicyError(f"OPA at {self.url} holds another policy set ({loaded}) than this scan loaded: another "
                              "Regent run loaded its own meanwhile; run again, or give each repository its own OPA")
        return self._result(rows[0].get("result") if loaded is not None else None)

    def _result(self, result: object) -> Mapping[str, Any]:
        if not isinstance(result, dict) or "checks" not in result:
            raise PolicyError(f"OPA at {self.url} has no Regent policy set loaded (data.{QUERY_PATH} is undefined)")
        return result

    def _query(self, path: str, body: bytes) -> dict[str, Any]:
        """One query within the time limit; past it, the check that keeps OPA busy is named when it can be."""
        started = time.monotonic()
        try:
            answer = self._client.query_serialised(path, body, self.timeout)
            self.last_metrics = answer.get("metrics", {})
            return answer
        except requests.Timeout:
            pass
        except requests.RequestException as exc:
            raise EngineUnavailable(f"OPA at {self.url} failed during evaluation: {exc}") from None
        elapsed = time.monotonic() - started
        slow = self._slow_check(body, budget=self.timeout)
        named = f": {slow} did not finish" if slow else ""
        raise EvaluationTimeout(f"the policies' evaluation was stopped after {elapsed:.0f} s "
                                f"(--timeout {self.timeout:g}){named}")

    def _check_id(self, package: str) -> str:
        """The id a check's metadata gives it, else its package."""
        try:
            meta = self._client.query_serialised(f"data/{package.replace('.', '/')}/meta", b"{}", 10).get("result")
        except (requests.RequestException, PolicyError):
            meta = None
        return str(meta["id"]) if isinstance(meta, dict) and "id" in meta else package

    def _slow_check(self, body: bytes, budget: float) -> str | None:
        """The first check (custom ones first) whose violations alone do not finish within ``budget`` seconds."""
        if self._loaded is None:
            return None
        input_only = b'{"input":' + body.partition(b',"input":')[2] if body.startswith(b'{"query"') else body
        checks = sorted((f for f in self._loaded.files if f.package.split(".")[0] != "lib" and "." in f.package),
                        key=lambda f: (not f.custom, f.module_id))
        deadline = time.monotonic() + budget
        for f in checks:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                self._client.query_serialised(f"data/{f.package.replace('.', '/')}/violation", input_only, left)
            except requests.Timeout:
                return f"{self._check_id(f.package)} ({f.path})"
            except (requests.RequestException, PolicyError):
                continue
        return None

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
        """Remove what this scan uploaded (also after a failure), then close the connection."""
        try:
            uploads.remove(self._client, self._uploaded)
        finally:
            self._uploaded = []
            self._client.close_connection()


class PrivateOpa(OpaService):
    """A private OPA server on a free loopback port, started now and stopped by :meth:`close`."""

    def __init__(self, binary: Path, preload: PolicySet | None = None, startup_timeout: float = 30.0,
                 timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        """Start the server; with ``preload``, it starts with that policy set already compiled.

        Uploading modules one by one makes OPA compile the whole set once per
        module; a server that reads the files at start-up compiles them once.
        """
        self._preloaded: str | None = None
        if preload is not None:
            check_policies(binary, [f.path for f in preload.files])
        scratch.remove_leftovers()
        self._workdir = tempfile.TemporaryDirectory(prefix=scratch.prefix("opa"))
        token = secrets.token_urlsafe(24)
        authz = Path(self._workdir.name) / "authz.rego"
        authz.write_text(_AUTHZ_POLICY.format(token=token))
        marker = Path(self._workdir.name) / "loaded.rego"
        if preload is not None:
            marker.write_text(uploads.marker_module(preload))
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
                    *((str(marker), *(str(f.path) for f in preload.files)) if preload else ()),
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
                super().__init__(f"http://127.0.0.1:{port}", token=token, binary=binary, timeout=timeout)
                self._preloaded = preload.digest if preload else None
                self._loaded = preload
                self._shared = False  # nothing but this command loads policies into it
                return
        last_error = log_path.read_text(errors="replace").strip()
        self._workdir.cleanup()
        raise EngineUnavailable(f"the private OPA server did not start: {last_error or 'no message'}")

    def load(self, policies: PolicySet) -> None:
        if policies.digest != self._preloaded:
            super().load(policies)

    def close(self) -> None:
        self._uploaded = []  # the server goes, and what it holds with it
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
