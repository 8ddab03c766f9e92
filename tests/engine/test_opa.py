"""The two ways of reaching OPA, and a policy set OPA refuses."""

from __future__ import annotations

import socket
import sys
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

from regent.engine.errors import EngineUnavailable, PolicyError
from regent.engine.opa import OpaService, PrivateOpa
from regent.engine.opa_binary import find_opa
from regent.engine.policyset import PolicySet
from regent.engine.scan import scan
from regent.evidence import load_snapshot
from tests.conftest import Repo, clean_change

TOKEN = "s3cret-for-tests"
AUTHZ = 'package system.authz\n\ndefault allow := false\n\nallow if input.identity == "%s"\n' % TOKEN


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def service(opa_binary: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A second OPA, started on its own with token authentication, as an organisation would run it."""
    authz = tmp_path_factory.mktemp("service") / "authz.rego"
    authz.write_text(AUTHZ)
    port = _free_port()
    proc = subprocess.Popen(
        [str(opa_binary), "run", "--server", "--addr", f"127.0.0.1:{port}", "--authentication=token",
         "--authorization=basic", "--skip-version-check", "--log-level", "error", str(authz)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_scan_through_an_organisation_service_with_a_token(service: str, repo: Repo, policies: PolicySet) -> None:
    repo.write("changes/CHG-2042.yaml", clean_change("CHG-2042", requested_by="bob"))
    with OpaService(service, token=TOKEN) as remote:
        remote.load(policies)
        result = scan(load_snapshot(repo.path), policies, remote)
    assert [f.check for f in result.findings] == ["REG-CHG-002"]
    assert result.opa_version == find_opa_version()


def find_opa_version() -> str:
    from regent.engine.opa_binary import opa_version

    return opa_version(find_opa())


def test_wrong_token_is_refused_with_a_clear_error(service: str, policies: PolicySet) -> None:
    with pytest.raises(EngineUnavailable, match="refused the token"):
        OpaService(service, token="wrong")


def test_unreachable_service(policies: PolicySet) -> None:
    with pytest.raises(EngineUnavailable, match="not reachable"):
        OpaService(f"http://127.0.0.1:{_free_port()}")


def test_not_a_url() -> None:
    with pytest.raises(EngineUnavailable, match="not an http"):
        OpaService("opa.internal:8181")


def _custom_set(tmp_path: Path, body: str) -> PolicySet:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "rule.rego").write_text(body)
    return PolicySet.load([folder])


def test_network_builtins_are_refused(opa_binary: Path, tmp_path: Path) -> None:
    policy = _custom_set(tmp_path, 'package custom.leak\n\nviolation contains x if {\n\tx := http.send({"method": "get", "url": "http://example.com"})\n}\n')
    server = PrivateOpa(opa_binary)
    try:
        with pytest.raises(PolicyError) as failure:
            server.load(policy)
    finally:
        server.close()
    message = str(failure.value)
    assert "rule.rego:4" in message and "http.send" in message and "not allowed" in message


def test_policy_that_does_not_compile_names_file_and_line(opa_binary: Path, tmp_path: Path) -> None:
    policy = _custom_set(tmp_path, "package custom.broken\n\nviolation contains x if {\n\tx := undefined_fn(1)\n}\n")
    server = PrivateOpa(opa_binary)
    try:
        with pytest.raises(PolicyError, match=r"rule.rego:4: .*undefined_fn"):
            server.load(policy)
    finally:
        server.close()


def test_package_outside_custom_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="outside 'custom'"):
        _custom_set(tmp_path, "package cobit.sneaky\n\nviolation contains 1 if false\n")


def test_missing_opa_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGENT_OPA", str(tmp_path / "no-opa"))
    with pytest.raises(EngineUnavailable, match="make opa"):
        find_opa()


def test_private_server_stops_when_closed(opa_binary: Path) -> None:
    server = PrivateOpa(opa_binary)
    port = int(server.url.rsplit(":", 1)[1])
    server.close()
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_private_server_does_not_outlive_a_killed_regent(opa_binary: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from engine.opa import PrivateOpa\n"
        f"server = PrivateOpa(Path({str(opa_binary)!r}))\n"
        "print(server._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    opa_pid = int(parent.stdout.readline())
    assert Path(f"/proc/{opa_pid}").exists()
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(opa_pid):
        time.sleep(0.05)
    assert not _running(opa_pid)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
