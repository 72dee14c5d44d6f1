"""Custom Rasa NLU components (referenced by their module path in config.yml)."""

from __future__ import annotations

from pathlib import Path
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


class StoredComponent(GraphComponent):
    """A trained component that keeps what it learnt in one file of the model."""

    STORED_FILE = "stored.bin"

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StoredComponent:
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> StoredComponent:
        with model_storage.read_from(resource) as directory:
            component = cls(config, model_storage, resource, (directory / cls.STORED_FILE).read_bytes())
            component.read_more(directory)
        return component

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, stored: bytes | None
    ) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource

    def read_more(self, directory: Path) -> None:
        """Reads any files the component stored besides STORED_FILE (none by default)."""

    def _store(self, stored: bytes, more: dict[str, bytes] | None = None) -> Resource:
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.STORED_FILE).write_bytes(stored)
            for name, data in (more or {}).items():
                (directory / name).write_bytes(data)
        return self._resource
