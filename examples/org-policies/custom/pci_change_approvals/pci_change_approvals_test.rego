package custom.pci_change_approvals_test

import data.custom.pci_change_approvals
import data.lib.fixtures_test as fx

_tokeniser := object.union(fx.configuration_item, {"id": "CI-0300", "name": "tokeniser-01", "pci": true})

_config := object.union(fx.config, {"thresholds": object.union(fx.config.thresholds, {"acme_pci_approvals": 2})})

_doc(change) := object.union(
	fx.world_with({"change": [change], "configuration_item": [_tokeniser]}),
	{"config": _config},
)

_one_approval := [{"by": "carol", "role": "cab", "decision": "approved", "at": "2026-10-02T10:00:00Z"}]

_two_approvals := array.concat(
	_one_approval,
	[{"by": "frank", "role": "cab", "decision": "approved", "at": "2026-10-02T11:00:00Z"}],
)

test_fail_one_cab_approval if {
	change := fx.change_with({"configuration_items": ["CI-0300"], "approvals": _one_approval})
	found := pci_change_approvals.violation with input as _doc(change)
	found == {{
		"check": "ACME-CHG-101",
		"kind": "change",
		"id": "CHG-2026-0042",
		"message": "CHG-2026-0042 changes card-data system CI-0300 with 1 CAB approval(s); 2 are needed",
		"field": ["approvals"],
	}}
}

test_fail_same_member_twice_counts_once if {
	twice := array.concat(_one_approval, _one_approval)
	change := fx.change_with({"configuration_items": ["CI-0300"], "approvals": twice})
	count(pci_change_approvals.violation) == 1 with input as _doc(change)
}

test_pass_two_cab_members if {
	change := fx.change_with({"configuration_items": ["CI-0300"], "approvals": _two_approvals})
	count(pci_change_approvals.violation) == 0 with input as _doc(change)
}

test_pass_no_card_data_system if {
	count(pci_change_approvals.violation) == 0 with input as object.union(fx.world, {"config": _config})
}

test_pass_not_yet_approved if {
	change := fx.change_with({"status": "submitted", "configuration_items": ["CI-0300"], "approvals": []})
	count(pci_change_approvals.violation) == 0 with input as _doc(change)
}
