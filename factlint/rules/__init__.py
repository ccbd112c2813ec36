"""The rule registry: every rule module, by code. Codes are never reused."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType

# One module per rule, named after its code: factlint/rules/<code>_<name>.py.
MODULES = (
    "fc001_conflict",
    "fc002_disputed",
    "fc003_absolute_claim",
    "fc004_unsupported",
    "fc005_self_contradiction",
    "fc006_unit_conversion",
    "dq001_name_variant",
    "dq002_word_boundary",
    "dq003_spacing_punctuation",
    "dq004_foreign_script",
    "dq005_scraped_boilerplate",
    "dq006_repetition",
)


class _Registry(Mapping):
    """Rule modules by code, each imported when first asked for: a run imports the rules
    it runs, and listing or selecting codes imports none."""

    def __init__(self, modules: tuple[str, ...]) -> None:
        self._names = {name.split("_", 1)[0].upper(): name for name in modules}
        self._loaded: dict[str, ModuleType] = {}

    def __getitem__(self, code: str) -> ModuleType:
        module = self._loaded.get(code)
        if module is None:
            module = importlib.import_module(f"{__name__}.{self._names[code]}")
            self._loaded[code] = module
        return module

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, code: object) -> bool:
        return code in self._names


RULES: Mapping[str, ModuleType] = _Registry(MODULES)


class UnknownRuleError(KeyError):
    pass


def get(code: str) -> ModuleType:
    """A rule's module, or the documentation of a code the engine reports (FL001...)."""
    try:
        return RULES[code.upper()]
    except KeyError:
        from factlint.rules.directives import DIRECTIVE_CODES

        if code.upper() in DIRECTIVE_CODES:
            return DIRECTIVE_CODES[code.upper()]
        raise UnknownRuleError(code) from None


def known_code(code: str) -> bool:
    """A rule code, a prefix of some ("FC", "DQ00"), or a code the engine reports."""
    from factlint.rules.directives import DIRECTIVE_CODES

    code = code.upper()
    return any(k.startswith(code) for k in (*RULES, *DIRECTIVE_CODES))


def matching(prefix: str) -> list[str]:
    """Codes a selector names: a code, a prefix ("FC", "FC00") or "ALL"."""
    prefix = prefix.upper()
    if prefix == "ALL":
        return sorted(RULES)
    return sorted(code for code in RULES if code.startswith(prefix))


def summary(module: ModuleType) -> str:
    """The first line of a rule's documentation, after its code and name."""
    first = (module.__doc__ or "").strip().splitlines()[0]
    return first.split(":", 1)[1].strip() if ":" in first else first
