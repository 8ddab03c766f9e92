# METADATA
# title: Git
# description: >-
#   Reads the history facts the engine attaches: each record's _git and the
#   commits of input.git.commits they name. See docs/evidence-the-checks-read.md.
package lib.git

# METADATA
# description: True when a record's file is held by a commit, so its history can be judged.
committed(r) if is_string(r[key].created)

# METADATA
# description: >-
#   The field under which the engine attaches a record's history facts,
#   named with a leading underscore so it cannot clash with a record's own.
key := "_git"

# METADATA
# description: A record's history facts; undefined for a record that has none.
of(r) := r[key]

# METADATA
# description: The facts of the commit a sha names; undefined for null or a sha the input does not list.
commit(sha) := input.git.commits[sha]

# METADATA
# description: >-
#   True when a commit's facts can be trusted: it is not the edge of a shallow
#   clone, whose apparent additions may be older than the commit itself.
judged(sha) if input.git.commits[sha].boundary == false

# METADATA
# description: >-
#   The shas of every commit that touched a file (a record's _git or an
#   artifact's facts), newest first.
touched(facts) := object.get(facts, "touched", [facts.created]) if is_string(facts.created)

# METADATA
# description: >-
#   The sha of the commit that recorded the present value of a record's
#   top-level field: the creating commit unless the field changed since; null
#   when its value is only in the work tree.
field_recorded(r, name) := object.get(object.get(r[key], "fields", {}), name, r[key].created)

# METADATA
# description: >-
#   The sha of the commit in which entry i of a record's approvals first
#   appeared; null when the entry is only in the work tree.
approval_recorded(r, i) := r[key].approvals[i] if {
	is_array(r[key].approvals)
} else := r[key].created

# METADATA
# description: True when commit a comes after commit b in the history.
after(a, b) if input.git.commits[a].order > input.git.commits[b].order

# METADATA
# description: 'A commit for messages: "commit 1a2b3c4d5e6f by Name <email>".'
describe(sha) := sprintf("commit %s by %s <%s>", [substring(sha, 0, 12), c.author, c.email]) if {
	c := input.git.commits[sha]
}
