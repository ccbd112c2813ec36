"""The rule registry: every rule module, by code. Codes are never reused."""

from __future__ import annotations

from types import ModuleType

from factlint.rules import (
    dq001_name_variant,
    dq002_word_boundary,
    dq003_spacing_punctuation,
    dq004_foreign_script,
    dq005_scraped_boilerplate,
    dq006_repetition,
    fc001_conflict,
    fc002_disputed,
    fc003_absolute_claim,
    fc004_unsupported,
    fc005_self_contradiction,
    fc006_unit_conversion,
)

RULES: dict[str, ModuleType] = {
    module.CODE: module
    for module in (
        fc001_conflict,
        fc002_disputed,
        fc003_absolute_claim,
        fc004_unsupported,
        fc005_self_contradiction,
        fc006_unit_conversion,
        dq001_name_variant,
        dq002_word_boundary,
        dq003_spacing_punctuation,
        dq004_foreign_script,
        dq005_scraped_boilerplate,
        dq006_repetition,
    )
}


class UnknownRuleError(KeyError):
    pass


def get(code: str) -> ModuleType:
    try:
        return RULES[code.upper()]
    except KeyError:
        raise UnknownRuleError(code) from None


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
