"""Where policies are evaluated: the one place with real alternatives.

A private OPA server started for the length of a command, or an OPA service
the organisation already runs. Both speak OPA's REST API; they differ only in
who starts and stops the server.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Mapping

from regent.engine.policyset import PolicySet


@dataclass(frozen=True)
class EvalTimings:
    """Seconds an evaluation spent in its stages, as far as the evaluator says (0: it does not)."""

    input_parse_seconds: float = 0.0
    eval_seconds: float = 0.0
    handler_seconds: float = 0.0  # the whole request, as the server timed it


class PolicyEvaluator(ABC):
    """Loads a policy set and answers one batched query over a whole snapshot."""

    @abstractmethod
    def load(self, policies: PolicySet) -> None:
        """Make ``policies`` the set the next evaluations use."""

    @abstractmethod
    def evaluate(self, input_json: bytes) -> Mapping[str, Any]:
        """Evaluate ``data.regent`` with this input (already serialised) and return it."""

    @abstractmethod
    def opa_version(self) -> str:
        """The version of the OPA that evaluates."""

    def timings(self) -> EvalTimings:
        """Seconds the last evaluation spent in its stages, as far as the evaluator says."""
        return EvalTimings()

    @abstractmethod
    def close(self) -> None:
        """Release the connection, and the server if this evaluator started it."""

    def __enter__(self) -> PolicyEvaluator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
