"""kg: offline knowledge graphs of who talks about what in AI podcasts.

>>> import kg
>>> sorted(kg.__all__)[:3]
['BuildResult', 'Entity', 'EntityNotFound']
"""
from .build import BuildResult, build
from .errors import EntityNotFound, GraphNotFound, InputError, KgError, StrictError
from .model import Entity, Evidence, Neighbor
from .query import KnowledgeGraph, load
from .review import Review, review
from .vault import VaultResult, write_vault

__all__ = [
    "build", "load", "KnowledgeGraph", "BuildResult", "Entity", "Neighbor", "Evidence",
    "KgError", "InputError", "GraphNotFound", "EntityNotFound", "StrictError", "write_vault", "VaultResult",
    "review", "Review",
]
__version__ = "0.1.0"
