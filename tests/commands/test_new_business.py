"""``regent new objective`` and ``regent new business_process`` in a repository ``regent init`` laid out."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

import yaml
from click.testing import Result


def test_init_lays_out_one_objective_and_the_process_that_serves_it(fresh: Path) -> None:
    objective = yaml.safe_load((fresh / "business" / "objectives" / "OBJ-EXAMPLE-1.yaml").read_text())
    process = yaml.safe_load((fresh / "business" / "processes" / "BP-EXAMPLE-1.yaml").read_text())
    assert objective["kind"] == "objective" and objective["status"] == "active"
    assert process["kind"] == "business_process" and process["objectives"] == ["OBJ-EXAMPLE-1"]
    assert process["services"] == ["SVC-EXAMPLE-1"] and (fresh / "services" / "SVC-EXAMPLE-1.yaml").exists()


def test_new_objective_and_process_take_the_next_ids_and_the_git_user(
    invoke: Callable[..., Result], fresh: Path
) -> None:
    subprocess.run(["git", "-C", str(fresh), "config", "user.email", "carol@example.com"], check=True)
    made = invoke("new", "objective", "--repo", str(fresh), "title=Cut fuel burnt per delivery")
    assert made.exit_code == 0, made.output
    assert made.stdout == "business/objectives/OBJ-001.yaml\n"
    assert yaml.safe_load((fresh / made.stdout.strip()).read_text()) == {
        "kind": "objective", "id": "OBJ-001", "title": "Cut fuel burnt per delivery", "owner": "carol",
        "status": "active"}

    made = invoke("new", "business_process", "--repo", str(fresh), "name=Customs clearance",
                  "criticality=high", "services=SVC-EXAMPLE-1", "objectives=OBJ-001")
    assert made.exit_code == 0, made.output
    record = yaml.safe_load((fresh / made.stdout.strip()).read_text())
    assert record == {"kind": "business_process", "id": "BP-001", "name": "Customs clearance", "owner": "carol",
                      "criticality": "high", "objectives": ["OBJ-001"], "services": ["SVC-EXAMPLE-1"],
                      "status": "active"}

    # A process must say how critical it is: the schema refuses one without, and nothing is written.
    refused = invoke("new", "business_process", "--repo", str(fresh), "name=Payroll")
    assert refused.exit_code == 2 and "criticality" in refused.output
    assert sorted(p.name for p in (fresh / "business" / "processes").iterdir()) == ["BP-001.yaml", "BP-EXAMPLE-1.yaml"]
