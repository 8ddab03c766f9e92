"""``python -m regent``: the same as the ``regent`` command."""

from regent.cli import main

main()
