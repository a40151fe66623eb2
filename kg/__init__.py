"""kg: offline knowledge graphs of who talks about what in AI podcasts.

Querying is imported with the package; building, the vault and review are imported when first
used, so `import kg; kg.load(OUT)` does not pay for spaCy and the readers (1.5 s), which only a
build needs.

>>> import kg
>>> sorted(kg.__all__)[:3]
['BuildResult', 'Entity', 'EntityNotFound']
"""
import sys
import types
from importlib import import_module

from .errors import EntityNotFound, GraphNotFound, InputError, KgError, StrictError
from .model import Entity, Evidence, Neighbor
from .query import KnowledgeGraph, load

_LATER = {"BuildResult": "build", "write_vault": "vault", "VaultResult": "vault", "Review": "review"}  # build, review: _Package
__all__ = [
    "build", "load", "KnowledgeGraph", "BuildResult", "Entity", "Neighbor", "Evidence",
    "KgError", "InputError", "GraphNotFound", "EntityNotFound", "StrictError", "write_vault", "VaultResult",
    "review", "Review",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(f".{_LATER[name]}", __name__), name)
    globals()[name] = value
    return value


_SET: dict[str, object] = {}            # what a user (or mock.patch) put in place of kg.build / kg.review


def _function(name: str) -> property:
    """`kg.build` and `kg.review` are the functions, also after their modules (kg/build.py,
    kg/review.py) are imported: importing a submodule sets its name on the package, which this
    property's setter ignores; any other value set is kept until deleted."""
    def get(_):
        return _SET[name] if name in _SET else getattr(import_module(f".{name}", __name__), name)

    def set_(_, value):
        if not (isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}"):
            _SET[name] = value

    return property(get, set_, lambda _: _SET.pop(name, None))


class _Package(types.ModuleType):
    build = _function("build")
    review = _function("review")


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
