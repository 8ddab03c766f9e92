package lib.git_test

import data.lib.fixtures_test as fx
import data.lib.git

_doc := fx.git_doc({"change": [fx.change]}, {"c1": fx.commit_by("alice", 1), "c2": fx.commit_by("carol", 2)})

test_committed if {
	git.committed(fx.recorded(fx.change, ["c2", "c1"]))
	not git.committed(fx.change)
	not git.committed(fx.patch(fx.change, {"_git": {"created": null, "last": null, "commits": 0}}))
}

test_touched if {
	git.touched(fx.recorded(fx.change, ["c2", "c1"])._git) == ["c2", "c1"]
	git.touched(fx.recorded(fx.change, ["c1"])._git) == ["c1"]
	not git.touched({"created": null, "last": null, "commits": 0})
}

test_field_recorded if {
	r := fx.recorded(fx.change, ["c2", "c1"])
	git.field_recorded(r, "title") == "c1"
	changed := fx.patch(r, {"_git": object.union(r._git, {"fields": {"title": "c2", "plan": null}})})
	git.field_recorded(changed, "title") == "c2"
	git.field_recorded(changed, "plan") == null
}

test_approval_recorded if {
	r := fx.recorded(fx.change, ["c2", "c1"])
	git.approval_recorded(r, 0) == "c1"
	later := fx.patch(r, {"_git": object.union(r._git, {"approvals": ["c2"]})})
	git.approval_recorded(later, 0) == "c2"
}

test_after_and_judged if {
	git.after("c2", "c1") with input as _doc
	not git.after("c1", "c2") with input as _doc
	not git.after("c1", "nope") with input as _doc
	git.judged("c1") with input as _doc
	not git.judged("c1") with input as fx.git_doc({}, {"c1": fx.patch(fx.commit_by("alice", 1), {"boundary": true})})
}

test_describe if {
	git.describe("c1") == "commit c1 by Alice <alice@example.com>" with input as _doc
	git.commit("c2").person == "carol" with input as _doc
}
