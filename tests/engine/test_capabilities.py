"""The allow-list of built-ins a policy may call, held against the pinned OPA."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from regent.engine.capabilities import builtin_policy
from regent.engine.errors import PolicyError
from regent.engine.opa_binary import check_policies, find_opa
from regent.engine.policyset import PolicySet


def _opa_builtins() -> dict[str, int]:
    """Every built-in the pinned OPA has, with how many arguments it takes."""
    out = subprocess.run([str(find_opa()), "capabilities", "--current"], capture_output=True, check=True).stdout
    return {b["name"]: len((b.get("decl") or {}).get("args") or []) for b in json.loads(out)["builtins"]}


def test_every_builtin_of_the_pinned_opa_is_allowed_or_refused_on_purpose() -> None:
    listed = builtin_policy()
    undecided = sorted(set(_opa_builtins()) - listed.allowed - set(listed.refused))
    assert not undecided, f"decide in engine/capabilities.yaml whether policies may call {undecided}"
    assert not listed.allowed & set(listed.refused)
    assert all(len(reason) > 20 for reason in listed.refused.values())


def test_the_list_names_no_builtin_this_opa_lacks() -> None:
    listed = builtin_policy()
    assert sorted((listed.allowed | set(listed.refused)) - set(_opa_builtins())) == []


def test_the_built_in_checks_call_only_allowed_builtins() -> None:
    check_policies(find_opa(), [f.path for f in PolicySet.load().files])


def _call(name: str, arity: int) -> str:
    return f"{name}({', '.join(f'input.a{i}' for i in range(arity))})"


@pytest.mark.parametrize("name", sorted(builtin_policy().refused))
def test_each_refused_builtin_is_a_located_compile_error(name: str, tmp_path: Path) -> None:
    arity = _opa_builtins()[name]
    policy = tmp_path / "reach.rego"
    policy.write_text(f"package custom.reach\n\nviolation contains x if {{\n\tx := {_call(name, arity)}\n}}\n")
    with pytest.raises(PolicyError) as refused:
        check_policies(find_opa(), [policy])
    message = str(refused.value)
    assert f"{policy}:4: " in message and name in message
    assert builtin_policy().refused[name] in message


def test_an_allowed_builtin_compiles(tmp_path: Path) -> None:
    policy = tmp_path / "reach.rego"
    allowed_name = "strings.reverse"
    policy.write_text(f'package custom.reach\n\nviolation contains x if {{\n\tx := {allowed_name}("ab")\n}}\n')
    check_policies(find_opa(), [policy])
