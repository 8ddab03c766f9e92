"""One function per command of ``regent``, each taking typed arguments and returning its exit code.

The command line (:mod:`regent.cli`) parses options into these arguments; the functions print
through :mod:`regent.commands.console` and never exit, so a test can call them directly.
"""
