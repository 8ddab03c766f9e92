"""A policy set uploaded to an OPA service through its policy API, and removed again.

An organisation's own modules go under an id that names the whole policy set's
digest (``regent/set-<digest>/custom0/...``), beside a small module that says
which set is loaded, so that an answer can be matched to the set that gave it;
they are removed after the scan. Regent's built-in checks go under an id that
names their own digest (``regent/builtin-<digest>/builtin/...``) and stay: they
hold no repository's checks, every scan with the same release uploads the same
bytes, and OPA recompiles the whole set on each module uploaded or deleted,
which for the built-ins takes a minute. Modules Regent left on the service
before (another policy set or release, a scan that was killed) are removed
first: a shared OPA holds one Regent policy set at a time, and a repository
without custom checks never runs another repository's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Collection, Sequence

import requests
from opa_client import OpaClient
from opa_client.errors import DeletePolicyError, RegoParseError

from regent.engine.errors import EngineUnavailable, PolicyError
from regent.engine.policyset import PolicyFile, PolicySet

PREFIX = "regent/"
MARKER_PACKAGE = "regent_loaded"


def set_id(policies: PolicySet) -> str:
    """The id prefix of one policy set's own modules: its custom checks and its marker."""
    return f"{PREFIX}set-{policies.digest.removeprefix('sha256:')[:32]}/"


def builtin_id(policies: PolicySet) -> str:
    """The id prefix of Regent's built-in checks in ``policies``, named by their own digest."""
    h = hashlib.sha256()
    for f in sorted((f for f in policies.files if not f.custom), key=lambda f: f.module_id):
        h.update(f.module_id.encode() + b"\x00" + f.text.encode() + b"\x00")
    return f"{PREFIX}builtin-{h.hexdigest()[:32]}/"


def upload_id(policies: PolicySet, f: PolicyFile) -> str:
    return (set_id(policies) if f.custom else builtin_id(policies)) + f.module_id.removeprefix(PREFIX)


def marker_module(policies: PolicySet) -> str:
    return f'package {MARKER_PACKAGE}\n\ndigest := "{policies.digest}"\n'


def upload(client: OpaClient, url: str, policies: PolicySet, present: Collection[str]) -> list[str]:
    """Upload the built-in modules of ``policies`` that are not ``present`` already, every module of the
    set's own and its marker; return the ids of the set's own modules (custom and marker), in upload
    order: those to remove after the scan.

    OPA compiles each module as it arrives, so a module that calls a helper not yet uploaded is
    refused; those go round again until nothing moves."""
    done: list[str] = []
    every = [(f.path, upload_id(policies, f), f.text) for f in policies.upload_order()]
    every.append((Path("<marker>"), set_id(policies) + "loaded.rego", marker_module(policies)))
    waiting = [item for item in every if item[1] not in present or item[1].startswith(set_id(policies))]
    while waiting:
        refused: list[tuple[tuple[Path, str, str], RegoParseError]] = []
        for item in waiting:
            try:
                client.update_policy_from_string(item[2], item[1], rego_compat=False)
                done.append(item[1])
            except RegoParseError as exc:
                refused.append((item, exc))
            except requests.HTTPError as exc:
                raise PolicyError(f"OPA at {url} refused {item[0]}: {exc}") from None
            except requests.RequestException as exc:
                raise EngineUnavailable(f"OPA at {url} failed while loading policies: {exc}") from None
        if len(refused) == len(waiting):
            (path, _, _), error = refused[0]
            raise PolicyError(describe_upload_error(path, error))
        waiting = [item for item, _ in refused]
    return [i for i in done if i.startswith(set_id(policies))]


def remove(client: OpaClient, ids: Sequence[str]) -> None:
    """Delete the modules ``ids``; a module others still import is deleted after them."""
    _delete_all(client.delete_policy, list(reversed(ids)))


def present(client: OpaClient, url: str) -> list[str]:
    """The ids of the modules Regent uploaded to the service (by this run or an earlier one)."""
    try:
        return [i for i in client.get_policies_list() if i.startswith(PREFIX)]
    except (requests.RequestException, ValueError) as exc:
        raise EngineUnavailable(f"OPA at {url} did not list its policies: {exc}") from None


def remove_others(client: OpaClient, ids: Sequence[str], policies: PolicySet) -> list[str]:
    """Delete the modules among ``ids`` that are not of ``policies``; return those that are."""
    keep = (set_id(policies), builtin_id(policies))
    # The aggregating package and the marker first, helpers last.
    stale = sorted((i for i in ids if not i.startswith(keep)),
                   key=lambda i: ("/regent/" not in i and not i.endswith("loaded.rego"), "/lib/" in i, i))
    _delete_all(client.delete_policy, stale)
    return [i for i in ids if i.startswith(keep)]


def _delete_all(delete: Callable[[str], bool], ids: list[str]) -> None:
    """Delete each id; one OPA refuses (another module still uses it) goes round again until nothing moves."""
    while ids:
        refused = []
        for module_id in ids:
            try:
                delete(module_id)
            except DeletePolicyError:
                refused.append(module_id)
            except (requests.RequestException, ValueError):
                return  # the service went away: nothing more to clean
        if len(refused) == len(ids):
            return
        ids = refused


def describe_upload_error(path: Path, exc: RegoParseError) -> str:
    details = []
    for error in (getattr(exc, "errors", None) or [])[:10]:
        row = (error.get("location") or {}).get("row", "?")
        details.append(f"{path}:{row}: {error.get('message')}")
    return "a policy does not compile:\n  " + "\n  ".join(details or [f"{path}: {exc}"])
