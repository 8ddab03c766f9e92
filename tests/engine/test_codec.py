"""A month end's scan result is kept as JSON and read back as the same value; anything else is refused."""

from __future__ import annotations

import pytest

from regent.engine.codec import decode, encode
from regent.engine.model import CheckInfo, ControlState, ControlStatus, Finding, RecordRef, ScanResult
from regent.engine.stats import ScanStats

CHECK = CheckInfo("REG-CHG-002", "Change approved by its requester", "high", "Have someone else approve it",
                  {"cobit4": ("AI6.2",), "iso27002": ("8.32",)}, kinds=("change",))
RESULT = ScanResult(
    regent_version="0.4.0", repository={"path": "/srv/evidence", "commit": "a" * 40}, reference_time="2026-10-31T23:59:59Z",
    policy_digest="sha256:" + "b" * 64, opa_version="1.22.2", checks={CHECK.id: CHECK}, records=12,
    findings=(Finding("REG-CHG-002", CHECK.title, "high", "fail", "CHG-8 was approved by bob, who requested it",
                      RecordRef("change", "CHG-8", "changes/CHG-8.yaml", 14), CHECK.controls, CHECK.remediation,
                      evidence={"approver": "bob"}),),
    controls=(ControlStatus("cobit4", "AI6.2", ControlState.FAILED, ("REG-CHG-002",), 1),),
    frameworks=("cobit4", "iso27002"), notes=("the repository is a shallow clone",), stats=ScanStats(input_mb=0.1),
)


def test_a_scan_result_survives_the_round_trip() -> None:
    assert decode(ScanResult, encode(RESULT)) == RESULT


@pytest.mark.parametrize("document", [{}, [], "garbage", None])
def test_what_is_not_a_scan_result_is_refused(document: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        decode(ScanResult, document)


def test_a_finding_with_a_field_of_the_wrong_type_is_refused() -> None:
    document = encode(RESULT)
    document["findings"][0]["record"]["line"] = "14"
    with pytest.raises(TypeError):
        decode(ScanResult, document)
