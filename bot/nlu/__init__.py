"""Custom Rasa NLU components (referenced by their module path in config.yml)."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class UntrainedComponent(GraphComponent):
    """A component that learns nothing: built from its config when the model loads."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UntrainedComponent:
        return cls(config)

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
