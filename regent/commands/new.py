"""``regent new``: a record from its kind's template, validated, then written; prints its path."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from regent.commands.console import out
from regent.commands.errors import EXIT_OK, exits
from regent.evidence.authoring.records import git_email, new_record, parse_fields


@exits
def run_new(path: Path, kind: str, fields: Sequence[str], *, record_id: str | None = None) -> int:
    """Write a new KIND record and print its path.

    \b
    The record starts from the kind's template: the next free id, the current time where the kind
    needs one (created, opened, collected_at) and, for person fields such as requested_by or owner,
    the person in people.yaml with git's user.email. FIELD=VALUE pairs set or override fields: a
    dotted FIELD fills a nested one, list fields take comma-separated values. Examples:

    \b
      regent new change title="Rotate the TLS certificate" risk=low configuration_items=CI-001
      regent new incident title="Checkout errors" priority=P2 services=SVC-001

    The record is checked against its kind's schema before it is written; nothing is written when a
    required field is missing.
    """
    written = new_record(path, kind, parse_fields(kind, fields), record_id=record_id,
                         now=datetime.now(timezone.utc), email=git_email(path))
    out(written.path)
    return EXIT_OK
