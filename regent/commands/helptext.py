"""What each option of ``regent`` means, as ``--help`` shows it, by the option's name in the command line's
table (a command's own help is the docstring of its module, or of its function in ``policies``)."""

from __future__ import annotations

from regent.engine.render.formats import result_formats
from regent.evidence import schemas

OPTIONS: dict[str, str] = {
    "rev": "Scan this commit (a branch, tag or sha) instead of the work tree.",
    "as_of": "Scan the repository as it was at the end of this day in the timezone of regent.yaml (default UTC): the last commit on HEAD's first-parent "
             "history by then, judged with that day's end as 'now'.",
    "format": f"Output format: {', '.join(sorted(result_formats()))} [default: text]. Repeat it for several at once, "
              "each to its file: --format sarif=gate.sarif --format junit=gate.xml --format github (the one without "
              "a file goes to stdout).",
    "output": "Write the report to FILE; with several --format, one --output for each, in order.",
    "fail_on": "Exit 1 when an unwaived finding is at or above this severity [default: fail_on in regent.yaml, else "
               "high].",
    "framework": "Report only these frameworks' controls (repeatable) [default: frameworks in regent.yaml, else all].",
    "write_baseline": "Store this scan's open findings in FILE, keyed by check, record kind and id, for --baseline.",
    "baseline": "Report only findings this baseline does not hold, and list its stale entries.",
    "no_cache": "Parse and evaluate everything again instead of reusing parsed records and earlier answers.",
    "stats": "Print where the time went to stderr.",
    "by": "Show the business view instead of the findings list (text and markdown): open findings rolled up to "
          "each service, business process or objective, most exposed first, with the check to fix first on top. "
          "--format json always carries it as business.",
    "opa_url": "Use this OPA service instead of starting a private one. The policy set is checked here first "
               "(built-ins a policy may not call are refused), then uploaded, and its own modules removed after.",
    "opa_token": "Bearer token for --opa-url (or $REGENT_OPA_TOKEN).",
    "opa_binary": "The opa binary for the private server (default: the project's pinned OPA, then PATH).",
    "timeout": "Stop the policies' evaluation after this many seconds (or $REGENT_TIMEOUT) and exit 3, naming "
               "the check that did not finish when it can be found.",
    # gate
    "base": "What the request merges into, such as origin/main. Judged from its merge base with the head.",
    "head": "The request's head commit [default: the work tree, as a pre-commit hook sees it].",
    "gate_as_of": "Judge the request with the end of this day (in regent.yaml's timezone) as 'now', as scan --as-of does [default: the "
                  "moment the gate starts]. The revisions judged are still --base and --head.",
    "full": "Evaluate every record at the head and at the merge base (exact, as slow as two scans) instead of the "
            "changed records and those within two references of them.",
    # policies
    "repo": "Evidence repository whose regent.yaml adds policy folders and sets thresholds.",
    "checks_of": "Only checks mapped to this framework (repeatable); show only its controls.",
    "severity": "Only checks of this severity (repeatable).",
    "catalog": "Only this framework's catalog (repeatable) [default: all five].",
    "gaps": "List only the controls no check tests.",
    "min_coverage": "Fail when the tests cover less than this percentage of policy lines.",
    "verbose": "List every test, not only the failing ones.",
    "test_opa": "The opa binary to run the tests with.",
    # report
    "month": "The month to report on, e.g. 2026-10.",
    "months": "Month ends in the trend, the report month the last.",
    "report_format": "html (one self-contained file, printable) or markdown for people; json with every figure; csv "
                     "with a row per finding; oscal, a NIST OSCAL 1.2 assessment-results document.",
    "report_output": "Write to FILE, not stdout.",
    # new, evidence add
    "worktree": "The evidence repository [default: the current folder].",
    "record_id": "The record's id [default: the next free one in the repository's numbering style].",
    "type": "What the evidence is: access_review, backup_restore_test, continuity_test, vulnerability_scan, "
            "capacity_review, test_report, ...",
    "subject": "A record (CI, service, change, ...) the evidence covers; repeatable.",
    "period": "The period it covers: YYYY-MM or YYYY-Qn.",
    "result": "The outcome it shows.",
    "collected_by": "Who collected it: a person's id, e-mail or name [default: the person with git's user.email].",
    "manifest_id": "The manifest's id [default: the next free one].",
    # import
    "import_repo": "The evidence repository to import into [default: the current folder].",
    "kind": f"The kind of record the rows are: {', '.join(schemas.record_kinds())} [default: from the export, where "
            "it says].",
    "dry_run": "Say what would be created and updated; write nothing.",
    "history": "Replay the export's timeline as dated git commits (see above) instead of writing its last state.",
    "granularity": "With --history: one commit per author and day, ISO week or month (UTC).",
    "encoding": "The export's text encoding, e.g. cp1252 [default: UTF-8; Windows-1252 for a file that holds no "
                "UTF-8 at all].",
    "map": "csv: fill record FIELD (dotted for nested ones) from COLUMN; servicenow: read the field FIELD from "
           "COLUMN (e.g. --map state=u_stage); repeatable.",
    "set": "csv: set FIELD to VALUE on every record (e.g. --set type=normal); servicenow: give FIELD the VALUE "
           "where the export gives none (e.g. --set owner=it-ops); repeatable.",
    "import_verbose": "Also list each file created or updated, and every person named who is not in people.yaml.",
    "mapping": "csv: the column mapping import.mappings.NAME of regent.yaml.",
    "delimiter": "csv, servicenow: the column separator [default: ,].",
    "date_format": "strptime format of the export's dates and times, e.g. '%m/%d/%Y %I:%M %p' [default: ISO "
                   "8601, and day/month/year with slashes or dashes, with or without seconds].",
    # version
    "version_opa": "The opa binary to report on.",
    # attest, verify
    "key": "The SSH key to sign with: a private key file, or the public key of one ssh-agent holds (as git's "
           "user.signingkey).",
    "allowed_signers": "Trust the keys this allowed-signers file lists (ssh-keygen's format) [default: git's "
                       "gpg.ssh.allowedSignersFile for the repository at PATH].",
    "offline": "Check only the signature; do not run the scan again.",
    # the group
    "debug": "On an internal error, print its traceback instead of one line.",
}
