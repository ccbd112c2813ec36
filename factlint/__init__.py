"""factlint: a data-quality and fact-check linter for cosmetic content.

The pipeline: find files -> load config -> load registers -> build a Document ->
extract mentions -> run rules -> filter -> sort -> format -> exit code.

The public API (`lint`, `fix`, `Linter`, `Finding`...) is defined in `factlint.api` and
re-exported here on first use: `import factlint` imports nothing else, so a pre-commit
hook that only needs the command line does not pay for the API's imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factlint._version import __version__

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ below does it
    from factlint.api import Finding, InputError, Linter, Severity, fix, lint

__all__ = ["Finding", "InputError", "Linter", "Severity", "__version__", "fix", "lint"]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from factlint import api

        value = getattr(api, name)
        globals()[name] = value  # the next lookup does not come here
        return value
    raise AttributeError(f"module 'factlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
